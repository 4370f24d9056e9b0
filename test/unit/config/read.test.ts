import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_EXPANSION, MAX_NESTING, readConfigDocument } from '../../../src/config/read.js';
import { MAX_CONFIG_BYTES, firstInvalidUtf8 } from '../../../src/config/text.js';
import { HEADER, lines, load, locate } from './support.js';

/** The nine-level "billion laughs": 9^9 strings from 10 lines. */
function billionLaughs(): string {
  const out = ['lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++)
    out.push(
      `lol${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return out.join('\n') + '\n';
}

describe('reading YAML into data with positions', () => {
  it('keeps the position of every key and value', () => {
    const text = lines(HEADER, 'nodeGroups:', '  - name: ng1', '    privateNetworking: true');
    const read = readConfigDocument(text, 'test.yaml');
    expect(read.problems).toEqual([]);
    expect(read.sourceMap.key(['nodeGroups', 0, 'privateNetworking'])).toEqual(locate(text, 'privateNetworking'));
    expect(read.sourceMap.value(['nodeGroups', 0, 'privateNetworking'])).toEqual(locate(text, 'true', 2));
    // A list item has no key: its position is where its mapping starts.
    expect(read.sourceMap.key(['nodeGroups', 0])).toEqual(locate(text, 'name: ng1'));
    // A missing field points at its parent's key.
    expect(read.sourceMap.missing(['metadata', 'version'])).toEqual(locate(text, 'metadata'));
  });

  it('reports a duplicate key at the second one, with the line of the first', () => {
    const text = lines(HEADER, 'vpc:', '  cidr: 10.0.0.0/16', '  cidr: 10.1.0.0/16');
    const result = load(text);
    expect(result.config).toBeUndefined();
    const [dup] = result.problems.filter((p) => p.rule === 'DUPLICATE_KEY');
    expect(dup).toMatchObject({ path: 'vpc.cidr', ...locate(text, 'cidr', 2) });
    expect(dup!.message).toContain(`already set at line ${locate(text, 'cidr').line}`);
  });

  it('reports a YAML syntax error where it is', () => {
    const text = lines(HEADER, 'availabilityZones: [us-west-2a, us-west-2b', 'vpc: {}');
    const result = load(text);
    expect(result.config).toBeUndefined();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ rule: 'YAML', severity: 'error' });
    expect(result.problems[0]!.line).toBeGreaterThanOrEqual(locate(text, 'availabilityZones').line);
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing here\n'],
    ['only a document marker', '---\n'],
  ])('refuses %s', (_name, text) => {
    const result = load(text);
    expect(result.problems).toEqual([
      expect.objectContaining({ rule: 'FILE', line: 1, column: 1, message: 'the file is empty' }),
    ]);
  });

  it('stops a billion-laughs file quickly, at the alias that grows too large', () => {
    const text = billionLaughs();
    const result = load(text);
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({ rule: 'YAML', severity: 'error' });
    expect(problem!.message).toContain(`more than ${MAX_ALIAS_EXPANSION} values`);
    // The problem is located at an alias (`*aN`) of the file.
    const line = text.split('\n')[problem!.line - 1]!;
    expect(line.slice(problem!.column - 1).startsWith('*a')).toBe(true);
  });

  it('refuses aliases that contain themselves and aliases without an anchor', () => {
    const cyclicText = 'a: &x [1, *x]\n';
    const cyclic = load(cyclicText);
    expect(cyclic.problems[0]).toMatchObject({ rule: 'YAML', ...locate(cyclicText, '*x') });
    expect(cyclic.problems[0]!.message).toContain('contains it');
    const dangling = load('a: *nowhere\n');
    expect(dangling.problems[0]).toMatchObject({ rule: 'YAML', line: 1, column: 4 });
    expect(dangling.problems[0]!.message).toContain('no anchor');
  });

  it('refuses brackets nested deeper than the limit without recursing into them', () => {
    const depth = 20_000;
    const result = load('a: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n');
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'YAML',
        line: 1,
        message: `values are nested more than ${MAX_NESTING} levels deep`,
      }),
    ]);
  });

  it("reads eksctl's log lines before a --dry-run config as comments, with a warning", () => {
    const config = lines(HEADER, 'managedNodeGroups:', '  - name: m1', '    privateNetworking: true');
    const log = [
      '2026-12-03 20:15:55 [!]  SSM is now enabled by default; `ssh.enableSSM` is deprecated',
      '2026-12-03 20:15:55 [ℹ]  eksctl version 0.231.0',
    ].join('\n');
    const result = load(`${log}\n${config}`);
    expect(result.problems.map((p) => [p.severity, p.rule, p.line, p.message])).toEqual([
      ['warning', 'YAML', 1, "lines 1 to 2 are eksctl's log output, not part of the config: read as comments"],
    ]);
    expect(result.config?.managedNodeGroups.map((n) => n.name)).toEqual(['m1']);
    // Positions after them are the file's own.
    const bad = load(`${log}\n${config.replace('privateNetworking: true', 'privateNetworking: maybe')}`);
    expect(bad.problems.find((p) => p.severity === 'error')).toMatchObject({ line: 12, column: 24 });
    // A line like it anywhere else is not skipped.
    expect(load(`${config}${log}\n`).problems.some((p) => p.severity === 'error' && p.rule === 'YAML')).toBe(true);
  });

  it('refuses a file larger than 128 KiB without parsing it', () => {
    const text = 'a: "' + 'x'.repeat(2 * 1024 * 1024) + '"\n';
    for (const input of [text, Buffer.from(text)]) {
      const result = load(input);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ rule: 'FILE', line: 1, column: 1 });
      expect(result.problems[0]!.message).toContain(`at most 128 KiB (${MAX_CONFIG_BYTES} bytes)`);
    }
  });

  it('refuses a binary file, at its first NUL byte', () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: x\nkind: '), Buffer.from([0x00, 0x01, 0xff])]);
    const result = load(bytes);
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'FILE', line: 2, column: 7 })]);
    expect(result.problems[0]!.message).toContain('binary');
  });

  it('refuses bytes that are not UTF-8, at the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('metadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const result = load(bytes);
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'FILE', line: 2, column: 12 })]);
    expect(result.problems[0]!.message).toContain('not UTF-8');
  });

  it('finds malformed UTF-8 sequences: overlong forms, surrogates, truncation', () => {
    expect(firstInvalidUtf8(Buffer.from('héllo ✓ 😀'))).toBeUndefined();
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x9c]))).toBe(2);
    expect(firstInvalidUtf8(new Uint8Array([0xf5, 0x80, 0x80, 0x80]))).toBe(0);
  });

  it('accepts one document, and a trailing document marker, but not a second document', () => {
    expect(load(lines(HEADER, '---')).problems).toEqual([]);
    const text = lines(HEADER, '---', 'kind: ClusterConfig');
    const result = load(text);
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'YAML', line: locate(text, '---').line })]);
  });

  it('reads merge keys as eksctl does: keys written in the mapping win', () => {
    const text = lines(
      HEADER,
      'managedNodeGroups:',
      '  - &base',
      '    name: m1',
      '    instanceType: m5.large',
      '    privateNetworking: true',
      '  - <<: *base',
      '    name: m2',
    );
    const result = load(text);
    expect(result.problems).toEqual([]);
    expect(result.config!.managedNodeGroups.map((ng) => [ng.name, ng.instanceTypes[0]])).toEqual([
      ['m1', 'm5.large'],
      ['m2', 'm5.large'],
    ]);
  });

  it('keeps __proto__ an ordinary key (no prototype pollution) and reports it as unknown', () => {
    const result = load(lines(HEADER, '__proto__:', '  polluted: true'));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'UNKNOWN_FIELD', path: '__proto__' })]);
  });

  it('refuses a document that is not a mapping', () => {
    expect(load('- a\n- b\n').problems).toEqual([expect.objectContaining({ rule: 'TYPE', line: 1, column: 1 })]);
  });

  it('drops a byte-order mark so that columns match what editors show', () => {
    const result = load(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines(HEADER, 'gitops: {}'))]));
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'V19', line: 8, column: 1 })]);
  });

  it('reports unknown tags instead of guessing', () => {
    const result = load(lines(HEADER, 'vpc:', '  id: !Ref MyVpc'));
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'YAML', line: 9, column: 7 })]);
  });
});
