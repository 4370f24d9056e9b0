/**
 * Rules on nodegroups (SPEC §3): V8 private networking, V10 Outposts, V12 names; and the sizes and
 * settings no numbered rule covers (VALUE).
 */
import { formatPath, type FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { quote } from '../report.js';
import { eachNodeGroup, hasTypeError, report, type RuleContext } from './context.js';

/**
 * eksctl's check of cluster and nodegroup names (IsInvalidNameArg): letters, digits and dashes only;
 * a leading digit is accepted (the names go into CloudFormation stack names after `eksctl-`).
 */
export const NAME_PATTERN = /^[-a-zA-Z0-9]+$/;

/** eksctl's message for a name outside NAME_PATTERN (the name shown raw when it is printable). */
export function invalidNameMessage(name: string): string {
  const shown = /^[\x21-\x7e]{1,100}$/.test(name) ? name : quote(name);
  return `validation for ${shown} failed, name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`;
}

/**
 * V8: every nodegroup must set `privateNetworking: true` explicitly — the seed makes it an error to
 * leave it unset rather than defaulting it, so the behaviour is visible in the file.
 */
export function v8PrivateNetworking(ctx: RuleContext): Problem[] {
  return eachNodeGroup(ctx.config).flatMap(({ path, ng }) => {
    const field: FieldPath = [...path, 'privateNetworking'];
    if (ng.privateNetworking === true || hasTypeError(ctx, field)) return [];
    const name = ng.name === undefined ? '' : ` ${quote(ng.name)}`;
    const message = `${formatPath(path)}.privateNetworking must be enabled for a fully-private cluster`;
    return [
      ng.privateNetworking === undefined
        ? report(ctx, 'missing', {
            rule: 'V8',
            path: field,
            message: `${message}; set privateNetworking: true explicitly`,
            hint: `add privateNetworking: true to nodegroup${name}; it is never defaulted`,
          })
        : report(ctx, 'value', { rule: 'V8', path: field, message, hint: 'write privateNetworking: true' }),
    ];
  });
}

/** V10: nodegroups on Outposts need a path to the region that a fully-private VPC does not have. */
export function v10NodeGroupOutpost(ctx: RuleContext): Problem[] {
  return eachNodeGroup(ctx.config).flatMap(({ path }) => {
    const field: FieldPath = [...path, 'outpostARN'];
    if (!ctx.source.has(field)) return [];
    return [
      report(ctx, 'key', {
        rule: 'V10',
        path: field,
        message: 'nodeGroup.outpostARN is not supported on a fully-private cluster (privateCluster.enabled)',
        hint: 'remove outpostARN: the nodes run in the private subnets of the region',
      }),
    ];
  });
}

/** V12: a name on every nodegroup, eksctl's pattern, unique across both kinds (they share stack names). */
export function v12NodeGroupNames(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, FieldPath>();
  for (const { path, ng } of eachNodeGroup(ctx.config)) {
    const field: FieldPath = [...path, 'name'];
    if (hasTypeError(ctx, field)) continue;
    const name = ng.name ?? '';
    if (name === '') {
      problems.push(
        report(ctx, ng.name === undefined ? 'missing' : 'value', {
          rule: 'V12',
          path: field,
          message: `${formatPath(path)}.name must be set`,
          hint: 'name the nodegroup: name: ng-1',
        }),
      );
      continue;
    }
    if (!NAME_PATTERN.test(name)) {
      problems.push(
        report(ctx, 'value', {
          rule: 'V12',
          path: field,
          message: invalidNameMessage(name),
          hint: 'use letters, digits and dashes only',
        }),
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push(
        report(ctx, 'value', {
          rule: 'V12',
          path: field,
          message: `${formatPath(field)} ${quote(name)} is not unique`,
          hint: `${formatPath(first)} has the same name; nodegroup names are unique across nodeGroups and managedNodeGroups`,
        }),
      );
    } else {
      seen.set(name, field);
    }
  }
  return problems;
}

type SizeField = 'minSize' | 'desiredCapacity' | 'maxSize';

/** Whether eksctl's own size check of a managed nodegroup (nodegroup-kinds.ts) reports this one. */
function eksctlSizeCheckFires(ng: { minSize?: number; maxSize?: number; desiredCapacity?: number }): boolean {
  const { minSize, maxSize, desiredCapacity } = ng;
  const min = minSize ?? desiredCapacity ?? 2;
  return (
    (minSize !== undefined && desiredCapacity !== undefined && desiredCapacity < minSize) ||
    (maxSize !== undefined && desiredCapacity !== undefined && desiredCapacity > maxSize) ||
    (maxSize !== undefined && maxSize < min)
  );
}

/**
 * VALUE: minSize ≤ desiredCapacity ≤ maxSize, after SPEC §4 defaults; one of instanceType(s); not
 * both subnets and availabilityZones. Of the size pairs out of order, the one the file sets both
 * fields of is reported, at the first field the file sets.
 */
export function nodeGroupSettings(ctx: RuleContext): Problem[] {
  const resolved = [...ctx.resolved.nodeGroups, ...ctx.resolved.managedNodeGroups];
  return eachNodeGroup(ctx.config).flatMap(({ path, ng }, i) => {
    const r = resolved[i];
    if (r === undefined) return [];
    const problems: Problem[] = [];
    const pairs: [SizeField, SizeField][] = [
      ['minSize', 'maxSize'],
      ['desiredCapacity', 'maxSize'],
      ['minSize', 'desiredCapacity'],
    ];
    const written = (f: SizeField) => (ng[f] === undefined ? 0 : 1);
    const wrong = pairs
      .filter(([a, b]) => r[a] > r[b])
      .sort(([a1, b1], [a2, b2]) => written(a2) + written(b2) - (written(a1) + written(b1)));
    const [pair] = wrong;
    // A managed nodegroup's sizes are checked in eksctl's words (nodegroup-kinds.ts); this catches the rest.
    if (pair !== undefined && (path[0] === 'nodeGroups' || !eksctlSizeCheckFires(ng))) {
      const [a, b] = pair;
      problems.push(
        report(ctx, 'value', {
          rule: 'VALUE',
          path: [...path, written(a) === 1 || written(b) === 0 ? a : b],
          message: `${formatPath(path)}.${a} (${r[a]}) is greater than ${b} (${r[b]})`,
          hint: 'make minSize ≤ desiredCapacity ≤ maxSize (minSize and maxSize default to desiredCapacity)',
        }),
      );
    }
    if ((ng.subnets ?? []).length > 0 && (ng.availabilityZones ?? []).length > 0) {
      // eksctl's wording.
      problems.push(
        report(ctx, 'key', {
          rule: 'VALUE',
          path: [...path, 'availabilityZones'],
          message: `only one of ${formatPath(path)}.subnets or ${formatPath(path)}.availabilityZones should be set`,
          hint: 'keep one of the two',
        }),
      );
    }
    return problems;
  });
}

/** VALUE: SSH needs a key pair by name — private-eks does not read or upload local key files. */
export function nodeGroupSsh(ctx: RuleContext): Problem[] {
  return eachNodeGroup(ctx.config).flatMap(({ path, ng }) => {
    if (ng.ssh?.allow !== true || (ng.ssh.publicKeyName ?? '') !== '') return [];
    return [
      report(ctx, 'missing', {
        rule: 'REQUIRED',
        path: [...path, 'ssh', 'publicKeyName'],
        message: `${formatPath(path)}.ssh.publicKeyName must be set when ssh.allow is true`,
        hint: 'name an EC2 key pair of the region: publicKeyName: my-key',
      }),
    ];
  });
}

/** VALUE, a warning: IMDSv2 is always required on nodes (security by default); a request for IMDSv1 is ignored. */
export function nodeGroupImdsV1(ctx: RuleContext): Problem[] {
  return eachNodeGroup(ctx.config).flatMap(({ path, ng }) =>
    ng.disableIMDSv1 === false
      ? [
          report(ctx, 'value', {
            rule: 'VALUE',
            severity: 'warning',
            path: [...path, 'disableIMDSv1'],
            message: `${formatPath(path)}.disableIMDSv1: false is ignored: private-eks always requires IMDSv2 on nodes`,
            hint: 'remove disableIMDSv1',
          }),
        ]
      : [],
  );
}
