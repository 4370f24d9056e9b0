/**
 * Field names (SPEC §2): every key of the file is either a field private-eks implements (schema.ts),
 * a field eksctl has that private-eks does not implement — V19, "<path> is not supported by
 * private-eks", never silently dropped — or a field eksctl does not know either: UNKNOWN_FIELD,
 * with the closest sibling name as a suggestion. eksctl's names come from its published schema,
 * kept as data (data/eksctl-fields.json, made by scripts/gen-eksctl-paths.ts); why each one private-eks
 * does not implement is in field-support.ts, THE table of eksctl's fields.
 *
 * Returns a copy of the config without the rejected keys, for the type check and the rules.
 */
import type { TSchema } from '@sinclair/typebox';
import { EKSCTL_FIELDS, refusalHint } from './field-support.js';
import { inertValue } from './inert-fields.js';
import { formatPath, isRecord, setOwn, type FieldPath } from './path.js';
import type { Problem } from './problem.js';
import { problemAt, quote } from './report.js';
import { ClusterConfigSchema, MANAGED_NODE_GROUP_FIELDS, NODE_GROUP_FIELDS } from './schema.js';
import { schemaNode } from './schema-walk.js';
import type { SourceMap } from './source-map.js';
import { didYouMean } from './suggest.js';

/** A named eksctl type, `*` for free keys, null for a leaf (as in the generated file). */
type EksctlRef = string | null;

interface EksctlFields {
  readonly root: string;
  readonly types: Readonly<
    Record<string, { readonly fields?: Record<string, EksctlRef>; readonly values?: EksctlRef }>
  >;
}

const EKSCTL: EksctlFields = EKSCTL_FIELDS;

/** For a field of the other kind of nodegroup: where it belongs, and whether private-eks implements it there. */
const OTHER_NODEGROUP_KIND: Readonly<Record<string, { type: string; list: string; implemented: readonly string[] }>> = {
  NodeGroup: { type: 'ManagedNodeGroup', list: 'managedNodeGroups', implemented: MANAGED_NODE_GROUP_FIELDS },
  ManagedNodeGroup: { type: 'NodeGroup', list: 'nodeGroups', implemented: NODE_GROUP_FIELDS },
};

const DEFAULT_UNSUPPORTED_HINT =
  'remove it: private-eks does not implement this eksctl field (docs/configuration.md lists the fields it reads)';

export interface FieldCheckResult {
  /** The config without the keys reported here. */
  readonly value: Record<string, unknown>;
  readonly problems: Problem[];
}

/** How many unknown keys get a "did you mean" (see `unknown`). */
const MAX_SUGGESTIONS = 200;
/**
 * Deliberately stricter than eksctl: its strict check matches keys without regard to case, then
 * its decoder (case-sensitive) drops the mis-cased key, so the setting is silently lost.
 */
const MISCASED =
  ' (field names are case-sensitive: eksctl would accept this key and then silently ignore it; private-eks refuses it)';

class FieldChecker {
  readonly problems: Problem[] = [];
  private suggestions = 0;
  constructor(
    private readonly file: string,
    private readonly source: SourceMap,
  ) {}

  walk(schema: TSchema, eksctl: EksctlRef | undefined, value: unknown, path: FieldPath): unknown {
    const node = schemaNode(schema, value);
    const eksctlType = eksctl === null || eksctl === undefined ? undefined : EKSCTL.types[eksctl];
    switch (node.kind) {
      case 'list':
        return Array.isArray(value) ? value.map((item, i) => this.walk(node.items, eksctl, item, [...path, i])) : value;
      case 'map': {
        if (!isRecord(value)) return value;
        const out: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(value)) {
          setOwn(out, key, this.walk(node.values, eksctlType?.values, child, [...path, key]));
        }
        return out;
      }
      case 'object': {
        if (!isRecord(value)) return value;
        const out: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(value)) {
          const childSchema = Object.prototype.hasOwnProperty.call(node.properties, key)
            ? node.properties[key]
            : undefined;
          const known =
            childSchema !== undefined ||
            (eksctlType?.fields !== undefined && Object.prototype.hasOwnProperty.call(eksctlType.fields, key));
          const inert = inertValue(eksctl ?? undefined, key, child, value);
          // eksctl reads `field: null` as the field left unset (Go's nil), and writes it so for
          // options it leaves unset (`appMesh: null` in its --dry-run output): the same here, for
          // every field eksctl has. A key with nothing after it is still a problem (a value
          // forgotten), and a misspelt key is reported whatever its value.
          if (child === null && known && this.source.explicitNull([...path, key])) continue;
          if (inert !== undefined) {
            if (inert.kind === 'warning') this.ignored([...path, key], inert.message);
          } else if (childSchema !== undefined) {
            setOwn(out, key, this.walk(childSchema, eksctlType?.fields?.[key], child, [...path, key]));
          } else if (eksctlType?.fields !== undefined && Object.prototype.hasOwnProperty.call(eksctlType.fields, key)) {
            this.unsupported([...path, key], key, eksctl ?? undefined);
          } else {
            this.unknown(
              [...path, key],
              key,
              Object.keys(node.properties),
              Object.keys(eksctlType?.fields ?? {}),
              eksctl,
            );
          }
        }
        return out;
      }
      case 'leaf':
        return value;
    }
  }

  private ignored(path: FieldPath, message: string): void {
    this.problems.push(
      problemAt(this.file, this.source.key(path), {
        rule: 'V19',
        severity: 'warning',
        path,
        message: `${formatPath(path)} ${message}`,
        hint: `remove ${String(path.at(-1))}`,
      }),
    );
  }

  private unsupported(path: FieldPath, key: string, eksctlType: string | undefined): void {
    this.problems.push(
      problemAt(this.file, this.source.key(path), {
        rule: 'V19',
        path,
        message: `${formatPath(path)} is not supported by private-eks`,
        // Why, and what to do instead, from the one table of eksctl's fields (field-support.ts).
        hint: refusalHint(eksctlType, key) ?? DEFAULT_UNSUPPORTED_HINT,
      }),
    );
  }

  private unknown(
    path: FieldPath,
    key: string,
    supported: readonly string[],
    eksctl: readonly string[],
    eksctlType: EksctlRef | undefined,
  ): void {
    const otherKind = eksctlType === null || eksctlType === undefined ? undefined : OTHER_NODEGROUP_KIND[eksctlType];
    if (otherKind !== undefined && EKSCTL.types[otherKind.type]?.fields?.[key] !== undefined) {
      // eksctl's two nodegroup kinds differ: `spot` and `instanceTypes` are managed-only, and so on.
      this.problems.push(
        problemAt(this.file, this.source.key(path), {
          rule: 'UNKNOWN_FIELD',
          path,
          message: `unknown field ${quote(key)} in ${formatPath(path.slice(0, -1))}: it is a field of ${otherKind.list} only`,
          hint: otherKind.implemented.includes(key)
            ? `move the nodegroup to ${otherKind.list} to use ${key}, or remove it`
            : `remove it: private-eks does not implement ${key} on either kind of nodegroup`,
        }),
      );
      return;
    }
    const supportedSet = new Set(supported);
    // Past a few hundred unknown keys the file is not misspelt but garbage: suggestions (and their
    // cost) stop; only the first problems are shown anyway.
    const guess =
      this.suggestions++ >= MAX_SUGGESTIONS
        ? undefined
        : didYouMean(key, [...supported, ...eksctl.filter((f) => !supportedSet.has(f))], (c) => supportedSet.has(c));
    const where = path.length > 1 ? ` in ${formatPath(path.slice(0, -1))}` : '';
    let message = `unknown field ${quote(key)}${where}`;
    let hint: string;
    if (guess !== undefined) {
      message += `; did you mean ${quote(guess)}?`;
      // eksctl's strict check folds case, then its decoder drops the key: private-eks refuses it instead.
      if (guess.toLowerCase() === key.toLowerCase()) message += MISCASED;
      hint = supportedSet.has(guess)
        ? `write ${guess}`
        : `${guess} is an eksctl field, but private-eks does not implement it either (V19)`;
    } else {
      const names = supported.slice(0, 12).join(', ') + (supported.length > 12 ? ', …' : '');
      hint = supported.length > 0 ? `fields here: ${names}` : 'remove it';
    }
    this.problems.push(problemAt(this.file, this.source.key(path), { rule: 'UNKNOWN_FIELD', path, message, hint }));
  }
}

/** Checks every key of `value` (the whole file) against private-eks's and eksctl's field names. */
export function checkFieldNames(value: Record<string, unknown>, source: SourceMap, file: string): FieldCheckResult {
  const checker = new FieldChecker(file, source);
  const checked = checker.walk(ClusterConfigSchema, EKSCTL.root, value, []);
  return { value: isRecord(checked) ? checked : {}, problems: checker.problems };
}

let implemented: ReadonlySet<string> | undefined;

/**
 * True when private-eks's schema implements eksctl's `<type>.<field>` somewhere: the schema and
 * eksctl's type tree walked side by side, as the field check does. For the field table's `built`.
 */
export function implementsEksctlField(type: string, field: string): boolean {
  implemented ??= implementedFields();
  return implemented.has(`${type}.${field}`);
}

function implementedFields(): Set<string> {
  const found = new Set<string>();
  const visit = (schema: TSchema, type: EksctlRef | undefined): void => {
    const info = type === null || type === undefined ? undefined : EKSCTL.types[type];
    if (info === undefined) return;
    let node = schemaNode(schema, {});
    if (node.kind === 'list') node = schemaNode(node.items, {});
    if (node.kind === 'map') {
      visit(node.values, info.values);
      return;
    }
    if (node.kind !== 'object') return;
    for (const [field, child] of Object.entries(info.fields ?? {})) {
      const childSchema = Object.prototype.hasOwnProperty.call(node.properties, field)
        ? node.properties[field]
        : undefined;
      if (childSchema === undefined || found.has(`${type}.${field}`)) continue;
      found.add(`${type}.${field}`);
      visit(childSchema, child);
    }
  };
  visit(ClusterConfigSchema, EKSCTL.root);
  return found;
}
