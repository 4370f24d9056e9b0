/**
 * The runtime type check: the config (after the field-name check) against THE schema, with
 * TypeBox. Each error becomes a located TYPE problem (REQUIRED for a missing field) with a message
 * in words and a hint of what to write, including eksctl's usual YAML traps (`version: 1.30` is a
 * number, `yes` is a string in YAML 1.2).
 *
 * Returns the config with every ill-typed value removed, so the rules after it see only values of
 * the right type (a list with an ill-typed item is removed whole: indexes must not shift).
 */
import type { TSchema } from '@sinclair/typebox';
import { Errors, ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { formatPath, fromPointer, isRecord, toPointer, type FieldPath, type PathSegment } from './path.js';
import type { Problem } from './problem.js';
import { describeValue, problemAt, quote, type ProblemSpec } from './report.js';
import { ClusterConfigSchema, type ClusterConfigFile } from './schema.js';
import { enumValues, schemaNode } from './schema-walk.js';
import type { SourceMap } from './source-map.js';
import { didYouMean } from './suggest.js';
import { eksctlEnumMessage, eksctlTypeMessage, normalizeCase } from './schema-eksctl.js';
import { TAINT_EFFECTS, invalidTaintEffect } from './rules/k8s-syntax.js';

export interface SchemaCheckResult {
  /** The config without ill-typed values. Required fields may still be missing (reported). */
  readonly config: ClusterConfigFile;
  readonly problems: Problem[];
}

const YAML_11_BOOLEANS = new Set(['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'false']);

interface Finding {
  readonly path: FieldPath;
  readonly spec: ProblemSpec;
  readonly missing: boolean;
}

function range(error: ValueError): string {
  const { minimum, maximum } = error.schema as { minimum?: number; maximum?: number };
  if (minimum !== undefined && maximum !== undefined) return `write a whole number from ${minimum} to ${maximum}`;
  return minimum !== undefined
    ? `write a whole number of at least ${minimum}`
    : `write a whole number up to ${String(maximum)}`;
}

function typeMessage(
  error: ValueError,
  path: FieldPath,
  source: SourceMap,
  root: unknown,
): { message: string; hint?: string } {
  const value = error.value;
  const got = describeValue(value);
  const raw = source.raw(path);
  switch (error.type) {
    case ValueErrorType.Boolean: {
      const word = typeof value === 'string' ? value.toLowerCase() : undefined;
      return {
        message: `expected true or false, got ${got}`,
        hint:
          word !== undefined && YAML_11_BOOLEANS.has(word)
            ? `write ${word === 'yes' || word === 'on' || word === 'y' || word === 'true' ? 'true' : 'false'} without quotes (YAML 1.2 reads ${quote(value)} as a string)`
            : 'write true or false',
      };
    }
    case ValueErrorType.Integer:
    case ValueErrorType.Number:
      return {
        message: `expected a whole number, got ${got}`,
        hint:
          typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
            ? `write ${value.trim()} without quotes`
            : 'write a whole number',
      };
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return {
        message: withEksctlWords(path, 'minimum', `must be at least ${String(error.schema['minimum'])}, got ${got}`),
        hint: range(error),
      };
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return {
        message: withEksctlWords(path, 'maximum', `must be at most ${String(error.schema['maximum'])}, got ${got}`),
        hint: range(error),
      };
    case ValueErrorType.String:
      if (typeof value === 'number') {
        const written = raw ?? String(value);
        return {
          message: `expected a string, got ${got}`,
          hint:
            written !== String(value)
              ? `quote it: "${written}" (unquoted, YAML reads ${written} as the number ${String(value)})`
              : `quote it: "${written}"`,
        };
      }
      if (typeof value === 'boolean') return { message: `expected a string, got ${got}`, hint: `quote it: "${value}"` };
      if (value === null) return { message: `expected a string, got ${got}`, hint: 'give a value, or remove the key' };
      return { message: `expected a string, got ${got}` };
    case ValueErrorType.Array:
      if (isRecord(value) && path.at(-1) === 'taints') {
        return {
          message: `expected a list, got ${got}`,
          hint: 'eksctl reads the map form of taints (key: "value:Effect") for nodeGroups only: write a list, - {key: k, value: v, effect: NoSchedule}',
        };
      }
      if (typeof value === 'string') {
        return { message: `expected a list, got ${got}`, hint: `write a list: [${JSON.stringify(value)}]` };
      }
      return { message: `expected a list, got ${got}` };
    case ValueErrorType.Object:
      return {
        message:
          value === null
            ? withEksctlWords(path, 'null', `expected a mapping, got ${got}`)
            : `expected a mapping, got ${got}`,
        ...(typeof path.at(-1) === 'number' && path.at(-2) === 'taints'
          ? { hint: 'write each taint as a mapping: - {key: dedicated, value: gpu, effect: NoSchedule}' }
          : {}),
      };
    case ValueErrorType.Literal: {
      const expected = error.schema['const'] as string;
      return {
        message: withEksctlWords(path, 'literal', `expected ${quote(expected)}, got ${got}`, root),
        hint: `write ${String(path.at(-1))}: ${expected}`,
      };
    }
    default:
      return { message: error.message.charAt(0).toLowerCase() + error.message.slice(1) };
  }
}

/** eksctl's words first where eksctl has them, then the type check's own. */
function withEksctlWords(
  path: FieldPath,
  kind: Parameters<typeof eksctlTypeMessage>[1],
  own: string,
  root?: unknown,
): string {
  const words = eksctlTypeMessage(path, kind, root);
  return words === undefined ? own : `${words} (${own})`;
}

function enumMessage(values: readonly unknown[], value: unknown, path: FieldPath): { message: string; hint?: string } {
  const names = values.map((v) => String(v as string));
  const message = eksctlEnumMessage(path, value) ?? `expected one of ${names.join(', ')}; got ${describeValue(value)}`;
  const guess = typeof value === 'string' ? didYouMean(value, names) : undefined;
  return { message, hint: guess === undefined ? `write one of ${names.join(', ')}` : `write ${guess}` };
}

function requiredHint(path: FieldPath): string {
  const name = String(path.at(-1));
  if (name === 'apiVersion') return 'write apiVersion: eksctl.io/v1alpha5';
  if (name === 'kind') return 'write kind: ClusterConfig';
  return `add ${name}: to ${formatPath(path.slice(0, -1)) || 'the file'}`;
}

/** TypeBox errors of `value` against `schema`, as findings; unions are resolved by the value's shape. */
function collect(schema: TSchema, value: unknown, base: FieldPath, source: SourceMap, root: unknown): Finding[] {
  const findings: Finding[] = [];
  // Paths already reported, as pointers: a Set, so a file with thousands of errors stays linear.
  const seen = new Set<string>();
  for (const error of Errors(schema, value)) {
    const path = [...base, ...fromPointer(error.path, value)];
    // One problem per value: the first error, and none under a value already reported.
    if (path.some((_, i) => seen.has(toPointer(path.slice(0, i + 1))))) continue;
    seen.add(toPointer(path));
    if (error.type === ValueErrorType.ObjectRequiredProperty) {
      findings.push({
        path,
        missing: true,
        spec: {
          rule: 'REQUIRED',
          path,
          message: withEksctlWords(path, 'required', `${formatPath(path)} must be set`),
          hint: requiredHint(path),
        },
      });
      continue;
    }
    if (error.type === ValueErrorType.Union) {
      const values = enumValues(error.schema);
      if (values !== undefined) {
        findings.push({
          path,
          missing: false,
          spec: { rule: 'TYPE', path, ...enumMessage(values, error.value, path) },
        });
        continue;
      }
      const node = schemaNode(error.schema, error.value);
      if (node.kind !== 'leaf') {
        // The branch with the value's shape (taints: a list or a map) reports what is wrong inside.
        const branch = (error.schema['anyOf'] as TSchema[]).find((s) => schemaNode(s, error.value).kind === node.kind);
        if (branch !== undefined) {
          findings.push(...collect(branch, error.value, path, source, root));
          continue;
        }
      }
      findings.push({
        path,
        missing: false,
        spec:
          path.at(-1) === 'taints'
            ? {
                rule: 'TYPE',
                path,
                // eksctl's words (NodeGroup taints read as a map or a list), then what the file has.
                message: `taints must be a {string: string} or a [{key, value, effect}]: got ${describeValue(error.value)}`,
                hint: 'write a list, - {key: k, value: v, effect: NoSchedule}, or a mapping, k: "v:NoSchedule"',
              }
            : { rule: 'TYPE', path, message: `expected a list or a mapping, got ${describeValue(error.value)}` },
      });
      continue;
    }
    const described = typeMessage(error, path, source, root);
    // `key:` with nothing after it is null in YAML: usually a value was forgotten.
    const hint = described.hint ?? (error.value === null ? 'give a value, or remove the key' : undefined);
    findings.push({ path, missing: false, spec: { rule: 'TYPE', path, message: described.message, hint } });
  }
  return findings;
}

/**
 * Self-managed taints written as a map: each value reads `value:Effect` or `Effect` alone (eksctl's
 * form); the effect is checked, in Kubernetes' words. Key and value syntax are rules (labels-taints).
 */
function taintMapFindings(config: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const nodeGroups = config['nodeGroups'];
  if (!Array.isArray(nodeGroups)) return findings;
  nodeGroups.forEach((ng: unknown, i) => {
    const taints = isRecord(ng) ? ng['taints'] : undefined;
    if (!isRecord(taints)) return;
    for (const [key, value] of Object.entries(taints)) {
      if (typeof value !== 'string') continue;
      const parts = value.split(':');
      const effect = parts.length === 1 ? parts[0]! : parts.length === 2 ? parts[1]! : '';
      if ((TAINT_EFFECTS as readonly string[]).includes(effect)) continue;
      const path: PathSegment[] = ['nodeGroups', i, 'taints', key];
      // eksctl reads more than one colon as no effect at all, and says only that the effect is
      // empty: the message keeps its words and says why.
      const colons = parts.length - 1;
      const why = colons > 1 ? `; ${quote(value)} has ${colons} colons, and a taint reads "value:Effect" with one` : '';
      const last = parts.at(-1)!;
      const suggested = colons > 1 && (TAINT_EFFECTS as readonly string[]).includes(last) ? last : 'NoSchedule';
      findings.push({
        path,
        missing: false,
        spec: {
          rule: 'TYPE',
          path,
          message: `${invalidTaintEffect(effect)} (nodeGroups[${i}].taints: ${quote(key)}: ${quote(value)})${why}`,
          hint:
            colons > 1
              ? `write ${key}: "value:${suggested}" with a value of letters, digits, - _ . and no colon (or ":${suggested}" for none)`
              : `write ${key}: "${parts.length === 2 ? parts[0]! : 'value'}:NoSchedule", "value:NoExecute" or "value:PreferNoSchedule" (the value may be empty: ":NoSchedule")`,
        },
      });
    }
  });
  return findings;
}

/** Removes the value at `path`; a list item takes its whole list with it. */
function remove(root: Record<string, unknown>, path: FieldPath): void {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  if (end === 0) return;
  let node: unknown = root;
  for (const segment of path.slice(0, end - 1)) {
    node = Array.isArray(node) ? node[segment as number] : isRecord(node) ? node[segment as string] : undefined;
  }
  if (isRecord(node)) delete node[path[end - 1] as string];
}

/** Checks types; `value` is the output of the field-name check (only known fields). */
export function checkSchema(value: Record<string, unknown>, source: SourceMap, file: string): SchemaCheckResult {
  const config = structuredClone(value);
  normalizeCase(config);
  const findings = [...collect(ClusterConfigSchema, config, [], source, config), ...taintMapFindings(config)];
  const problems = findings.map((f) =>
    problemAt(file, f.missing ? source.missing(f.path) : source.value(f.path), f.spec),
  );
  for (const finding of findings) if (!finding.missing) remove(config, finding.path);
  return { config: config as ClusterConfigFile, problems };
}
