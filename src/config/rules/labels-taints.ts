/**
 * Kubernetes syntax of nodegroup labels and taints (eksctl's validateLabels and validateTaints,
 * with Kubernetes' messages), and the kubernetes.io/k8s.io label prefixes the kubelet refuses.
 * A label or taint the kubelet rejects makes nodes that never join while the stack completes; one
 * with a space would split into extra kubelet flags on AmazonLinux2: both are refused here.
 */
import type { FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { isRecord } from '../path.js';
import { quote } from '../report.js';
import { eachNodeGroup, report, type RuleContext } from './context.js';
import { goList, isReservedNodeLabel, labelValueErrors, qualifiedNameErrors } from './k8s-syntax.js';

const LABEL_HINT =
  'keys: an optional DNS-subdomain prefix and "/", then up to 63 letters, digits, "-", "_" or "."; values: up to 63 of the same, starting and ending with a letter or digit';

function labelProblems(ctx: RuleContext, base: FieldPath, labels: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  const reserved: string[] = [];
  let firstReserved: FieldPath | undefined;
  for (const [key, value] of Object.entries(labels)) {
    const path: FieldPath = [...base, key];
    if (key.split('/').length > 2) {
      problems.push(
        report(ctx, 'key', {
          rule: 'VALUE',
          path,
          message: `node label key ${quote(key)} is of invalid format, can only use one '/' separator`,
          hint: LABEL_HINT,
        }),
      );
      continue;
    }
    const keyErrors = qualifiedNameErrors(key);
    if (keyErrors.length > 0) {
      problems.push(
        report(ctx, 'key', {
          rule: 'VALUE',
          path,
          message: `label ${quote(key)} is invalid - ${goList(keyErrors)}`,
          hint: LABEL_HINT,
        }),
      );
      continue;
    }
    const valueErrors = labelValueErrors(value);
    if (valueErrors.length > 0) {
      problems.push(
        report(ctx, 'value', {
          rule: 'VALUE',
          path,
          message: `label ${quote(key)} has invalid value ${quote(value)} - ${goList(valueErrors)}`,
          hint: LABEL_HINT,
        }),
      );
      continue;
    }
    if (isReservedNodeLabel(key)) {
      reserved.push(key);
      firstReserved ??= path;
    }
  }
  if (firstReserved !== undefined) {
    problems.push(
      report(ctx, 'key', {
        rule: 'VALUE',
        path: firstReserved,
        message: `the following nodegroup labels are disallowed as they have reserved prefixes [kubernetes.io/, k8s.io/]: ${goList(reserved)}`,
        hint: 'use a prefix of your own (e.g. example.com/role); under kubernetes.io and k8s.io the kubelet sets only node.kubernetes.io/…, kubelet.kubernetes.io/… and its well-known labels',
      }),
    );
  }
  return problems;
}

interface TaintAt {
  readonly path: FieldPath;
  readonly key: string;
  readonly value: string;
}

function taintsOf(taints: unknown, base: FieldPath): TaintAt[] {
  if (Array.isArray(taints)) {
    return taints.flatMap((t: unknown, i) =>
      isRecord(t) && typeof t['key'] === 'string'
        ? [{ path: [...base, i], key: t['key'], value: typeof t['value'] === 'string' ? t['value'] : '' }]
        : [],
    );
  }
  if (!isRecord(taints)) return [];
  return Object.entries(taints).flatMap(([key, text]) => {
    if (typeof text !== 'string') return [];
    const parts = text.split(':');
    return [{ path: [...base, key], key, value: parts.length === 2 ? parts[0]! : '' }];
  });
}

function taintProblems(ctx: RuleContext, base: FieldPath, taints: unknown): Problem[] {
  const listForm = Array.isArray(taints);
  return taintsOf(taints, base).flatMap(({ path, key, value }) => {
    const keyPath: FieldPath = listForm ? [...path, 'key'] : path;
    if (key === '') {
      return [
        report(ctx, listForm ? 'value' : 'key', {
          rule: 'VALUE',
          path: keyPath,
          message: 'taint key must be non-empty',
          hint: 'give the taint a key, e.g. dedicated',
        }),
      ];
    }
    const keyErrors = qualifiedNameErrors(key);
    if (keyErrors.length > 0) {
      return [
        report(ctx, listForm ? 'value' : 'key', {
          rule: 'VALUE',
          path: keyPath,
          message: `invalid taint key: ${key}, ${keyErrors.join('; ')}`,
          hint: LABEL_HINT.replace('values', 'taint values'),
        }),
      ];
    }
    const valueErrors = value === '' ? [] : labelValueErrors(value);
    if (valueErrors.length > 0) {
      return [
        report(ctx, 'value', {
          rule: 'VALUE',
          path: listForm ? [...path, 'value'] : path,
          message: `invalid taint value: ${value}, ${valueErrors.join('; ')}`,
          hint: LABEL_HINT.replace('values', 'taint values'),
        }),
      ];
    }
    return [];
  });
}

/** eksctl's validateTaints and validateLabels, on both kinds of nodegroup. */
export function nodeGroupLabelsAndTaints(ctx: RuleContext): Problem[] {
  return eachNodeGroup(ctx.config).flatMap(({ path, ng }) => [
    ...taintProblems(ctx, [...path, 'taints'], ng.taints),
    ...labelProblems(ctx, [...path, 'labels'], ng.labels ?? {}),
  ]);
}
