/**
 * Regressions from the config fuzzer (`npm run fuzz`, bench/fuzz-config.ts):
 *
 * 1. every crash it saved in test/fixtures/fuzz-crashes/*.yaml is replayed through the same
 *    oracle (bench/fuzz/oracle.ts: loadConfig, then `validate -f -` as text and as JSON) and must
 *    pass now;
 * 2. hand-picked nasty inputs — the reader's limits (size, nesting, alias expansion), hostile keys,
 *    broken encodings — each with the exact problem it must produce, so this file checks something
 *    real even while the crash folder is empty (no crash has been found so far).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, parseProblemPath } from '../../../bench/fuzz/oracle.js';
import { formatPath, loadConfig } from '../../../src/config/index.js';
import { repoRoot } from '../../helpers/python-tools.js';

const CRASH_DIR = path.join(repoRoot, 'test/fixtures/fuzz-crashes');
const crashFiles = existsSync(CRASH_DIR)
  ? readdirSync(CRASH_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
  : [];

describe('saved fuzz crashes', () => {
  it.each(crashFiles.map((f) => [f]))('%s no longer crashes the reader or the CLI', async (file) => {
    const bytes = new Uint8Array(readFileSync(path.join(CRASH_DIR, file)));
    expect(await judge(bytes, 'text')).toMatchObject({ ok: true });
    expect(await judge(bytes, 'json')).toMatchObject({ ok: true });
  });

  it('the oracle reads problem paths back as the config layer writes them (its position check relies on it)', () => {
    const paths = [
      ['nodeGroups', 0, 'labels', 'node.k8s.io/role'],
      ['metadata', 'tags', 'a "quoted" key\\'],
      ['__proto__'],
      [],
    ];
    for (const p of paths) expect(parseProblemPath(formatPath(p))).toEqual(p);
  });

  it('the crash folder holds only replayable inputs', () => {
    const others = existsSync(CRASH_DIR) ? readdirSync(CRASH_DIR).filter((f) => !/\.(yaml|md)$/.test(f)) : [];
    expect(others).toEqual([]);
  });
});

const minimal = readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8');

interface Nasty {
  readonly name: string;
  readonly input: string | Uint8Array;
  /** The first problem expected (rule, path, line); `undefined` when the input must be valid. */
  readonly first?: { rule: string; path: string; line: number; message: RegExp };
}

const laughs = [
  'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...Array.from({ length: 8 }, (_, l) => `a${l + 1}: &a${l + 1} [${Array(10).fill(`*a${l}`).join(', ')}]`),
  'metadata: {name: *a8}',
].join('\n');

const NASTY: readonly Nasty[] = [
  {
    name: 'a billion laughs (10^9 values from 10 lines)',
    input: laughs,
    first: { rule: 'YAML', path: 'a3[3]', line: 4, message: /aliases repeat more than 5000 values/ },
  },
  {
    name: 'one byte over 128 KiB',
    input: `metadata: {name: "${'x'.repeat(128 * 1024 - 20)}"}\n`,
    first: { rule: 'FILE', path: '', line: 1, message: /the file is 131073 bytes; .* at most 128 KiB/ },
  },
  {
    name: '10,000 nested flow sequences',
    input: `metadata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    first: { rule: 'YAML', path: '', line: 1, message: /nested more than 64 levels/ },
  },
  {
    name: '200 nested block mappings',
    input: Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
    first: { rule: 'YAML', path: '', line: 65, message: /nested more than 64 levels/ },
  },
  {
    name: 'an alias inside the value it names',
    input: 'metadata: &m\n  name: x\n  self: *m\n',
    first: { rule: 'YAML', path: 'metadata.self', line: 3, message: /refers to a value that contains it/ },
  },
  {
    name: '__proto__ and constructor keys (no prototype pollution)',
    input: `${minimal}__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n`,
    first: { rule: 'UNKNOWN_FIELD', path: '__proto__', line: 27, message: /unknown field "__proto__"/ },
  },
  {
    name: 'bytes that are not UTF-8',
    input: new Uint8Array([...Buffer.from('metadata:\n  name: '), 0xff, 0xfe, 0x0a]),
    first: { rule: 'FILE', path: '', line: 2, message: /not UTF-8/ },
  },
  {
    name: 'a NUL inside a quoted string',
    input: 'metadata:\n  name: "a\u0000b"\n',
    first: { rule: 'FILE', path: '', line: 2, message: /binary/ },
  },
  {
    name: 'a second document',
    input: `${minimal}---\n${minimal}`,
    first: { rule: 'YAML', path: '', line: 27, message: /one YAML document/ },
  },
  {
    name: 'a mapping as a key',
    input: `${minimal}? [a, b]\n: c\n`,
    first: { rule: 'YAML', path: '', line: 27, message: /mapping keys must be plain words or strings/ },
  },
  {
    name: 'a number too large for a double',
    input: minimal.replace('desiredCapacity: 2', 'desiredCapacity: 1e400'),
    first: { rule: 'TYPE', path: 'nodeGroups[0].desiredCapacity', line: 18, message: /whole number/ },
  },
  {
    name: 'an unknown tag',
    input: minimal.replace('desiredCapacity: 2', 'desiredCapacity: !Ref Two'),
    first: { rule: 'YAML', path: '', line: 18, message: /unresolved tag: !Ref/ },
  },
  { name: 'a BOM and CRLF line ends (valid)', input: `\uFEFF${minimal.replaceAll('\n', '\r\n')}` },
  {
    name: 'a merge key (eksctl reads them; valid)',
    input: minimal.replace(
      'managedNodeGroups:\n  - name: m1',
      'managedNodeGroups:\n  - <<: {volumeSize: 100}\n    name: m1',
    ),
  },
];

describe('hand-picked nasty inputs', () => {
  it.each(NASTY.map((n) => [n.name, n]))('%s', async (_, nasty) => {
    const result = loadConfig({ text: nasty.input, file: 'fuzz.yaml', env: {} });
    if (nasty.first === undefined) {
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.config).toBeDefined();
    } else {
      expect(result.config).toBeUndefined();
      const first = result.problems[0];
      expect(first).toMatchObject({ rule: nasty.first.rule, path: nasty.first.path, line: nasty.first.line });
      expect(first?.message).toMatch(nasty.first.message);
    }
    // And the fuzzer's whole oracle, through the CLI too.
    expect(await judge(nasty.input, 'text')).toMatchObject({ ok: true });
    expect(await judge(nasty.input, 'json')).toMatchObject({ ok: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('the merge key really merges', () => {
    const input = minimal.replace(
      'managedNodeGroups:\n  - name: m1',
      'managedNodeGroups:\n  - <<: {volumeSize: 100}\n    name: m1',
    );
    expect(loadConfig({ text: input, file: 'fuzz.yaml', env: {} }).config?.managedNodeGroups[0]?.volumeSize).toBe(100);
  });
});
