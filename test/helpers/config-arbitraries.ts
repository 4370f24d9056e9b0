/**
 * fast-check generators of config file contents, for the property test of the config layer
 * (test/unit/config/load.property.test.ts) and for longer fuzz runs that reuse them: valid
 * examples mutated structurally (keys deleted, renamed or retyped, garbage inserted) and textually
 * (characters inserted, lines dropped or swapped, indentation broken), random YAML-looking text,
 * random data and random bytes.
 *
 * FUZZ_RUNS (default 2000) and FUZZ_SEED (default fixed) are read from the environment.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { repoRoot } from './python-tools.js';

export const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 2000);
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20261125);

/** The text of every file in examples/. */
export const EXAMPLE_TEXTS: readonly string[] = readdirSync(path.join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(path.join(repoRoot, 'examples', f), 'utf8'));

const EXAMPLE_DATA: readonly unknown[] = EXAMPLE_TEXTS.map((t) => parse(t) as unknown);

/** Names that matter to the config layer, so mutations hit real fields, rules and near misses. */
const FIELD_NAMES = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'region',
  'version',
  'privateCluster',
  'enabled',
  'skipEndpointCreation',
  'additionalEndpointServices',
  'vpc',
  'id',
  'cidr',
  'subnets',
  'private',
  'public',
  'clusterEndpoints',
  'publicAccess',
  'nat',
  'availabilityZones',
  'localZones',
  'outpost',
  'outpostARN',
  'nodeGroups',
  'managedNodeGroups',
  'privateNetworking',
  'desiredCapacity',
  'minSize',
  'maxSize',
  'taints',
  'labels',
  'gitops',
  'karpenter',
  'privateNetworkng',
  '<<',
  '__proto__',
  'constructor',
];

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    true,
    false,
    null,
    0,
    -1,
    2,
    1.3,
    '',
    'yes',
    'us-west-2',
    'eu-south-1',
    '10.0.0.0/8',
    '192.168.0.0/16',
    'autoscaling',
    'ec2',
    'ng1',
    'NoSchedule',
    'x:NoSchedule',
    '1.30',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
);

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

type Mutation = (data: unknown, pick: () => number) => unknown;

/** The containers (objects and arrays) of `data`, with the key that holds each. */
function containers(data: unknown): (Record<string, unknown> | unknown[])[] {
  const out: (Record<string, unknown> | unknown[])[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      out.push(node);
      node.forEach(visit);
    } else if (typeof node === 'object' && node !== null) {
      out.push(node as Record<string, unknown>);
      Object.values(node).forEach(visit);
    }
  };
  visit(data);
  return out;
}

function structuralMutation(kind: number, replacement: unknown, name: string): Mutation {
  return (data, pick) => {
    const all = containers(data);
    if (all.length === 0) return replacement;
    const target = all[pick() % all.length]!;
    const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
    const key = keys.length === 0 ? undefined : keys[pick() % keys.length];
    const t = target as Record<string | number, unknown>;
    switch (kind) {
      case 0: // delete a key or item
        if (key !== undefined) {
          if (Array.isArray(target)) target.splice(key as number, 1);
          else delete t[key];
        }
        break;
      case 1: // rename a key (a near miss, another field, garbage)
        if (key !== undefined && !Array.isArray(target)) {
          const old = t[key];
          delete t[key];
          t[name] = old;
        }
        break;
      case 2: // change a value's type
        if (key !== undefined) t[key] = replacement;
        break;
      case 3: // insert garbage
        if (Array.isArray(target)) target.push(replacement);
        else t[name] = replacement;
        break;
      default: // duplicate an item or nest a container inside itself (a copy)
        if (key !== undefined) t[key] = structuredClone([t[key], t[key]]);
    }
    return data;
  };
}

/** An example, changed structurally 1–4 times, written back as YAML. */
export const mutatedExampleText: fc.Arbitrary<string> = fc
  .record({
    example: fc.integer({ min: 0, max: EXAMPLE_DATA.length - 1 }),
    mutations: fc.array(
      fc.record({
        kind: fc.integer({ min: 0, max: 4 }),
        replacement: value,
        name: fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 })),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    picks: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ example, mutations, picks }) => {
    let data = structuredClone(EXAMPLE_DATA[example]);
    let i = 0;
    const pick = () => picks[i++ % picks.length]!;
    for (const m of mutations) data = structuralMutation(m.kind, m.replacement, m.name)(data, pick);
    return stringify(data);
  });

const YAML_PIECES = [
  ':',
  ': ',
  '- ',
  '\n',
  '\n  ',
  '  ',
  '\t',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '<<: ',
  '!!str ',
  '!Ref ',
  '"',
  "'",
  '#',
  '|',
  '>',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '? ',
  'privateNetworking',
  'true',
  'yes',
  '1.30',
  '\u0000',
  '\uFEFF',
  'é',
  '😀',
];

/** An example with its text damaged: insertions, deletions, swapped and re-indented lines. */
export const damagedExampleText: fc.Arbitrary<string> = fc
  .record({
    example: fc.integer({ min: 0, max: EXAMPLE_TEXTS.length - 1 }),
    edits: fc.array(
      fc.record({
        kind: fc.integer({ min: 0, max: 3 }),
        at: fc.nat(),
        other: fc.nat(),
        piece: fc.oneof(fc.constantFrom(...YAML_PIECES), fc.string({ maxLength: 6 })),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(({ example, edits }) => {
    let text = EXAMPLE_TEXTS[example]!;
    for (const edit of edits) {
      const lines = text.split('\n');
      const at = edit.at % Math.max(text.length, 1);
      switch (edit.kind) {
        case 0:
          text = text.slice(0, at) + edit.piece + text.slice(at);
          break;
        case 1:
          text = text.slice(0, at) + text.slice(at + 1 + (edit.other % 20));
          break;
        case 2: {
          const a = edit.at % lines.length;
          const b = edit.other % lines.length;
          [lines[a], lines[b]] = [lines[b]!, lines[a]!];
          text = lines.join('\n');
          break;
        }
        default: {
          const a = edit.at % lines.length;
          lines[a] = ' '.repeat(edit.other % 7) + lines[a]!.trimStart();
          text = lines.join('\n');
        }
      }
    }
    return text;
  });

/** Text made of YAML's punctuation and a few words: mostly syntax errors, some odd documents. */
export const randomYamlText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...YAML_PIECES), fc.string({ maxLength: 4 })), { maxLength: 60 })
  .map((pieces) => pieces.join(''));

/** Random data written as YAML: well-formed, rarely a valid config. */
export const randomDataText: fc.Arbitrary<string> = value.map((v) => stringify(v));

/** Every kind of input above, plus raw bytes. */
export const configInput: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: mutatedExampleText },
  { weight: 3, arbitrary: damagedExampleText },
  { weight: 2, arbitrary: randomYamlText },
  { weight: 1, arbitrary: randomDataText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
);
