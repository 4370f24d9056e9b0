/**
 * `private-eks validate` through the real CLI (in-process): exit codes, text and JSON output,
 * stdin, reader failures as located problems, and golden renderings of multi-problem files
 * (test/golden/validate/, rewritten only with UPDATE_GOLDENS=1).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/config/problem.js';
import { renderProblemsText, validationJson } from '../../../src/cli/render/problems.js';
import { runCliCaptured } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/python-tools.js';

const UPDATE = process.env['UPDATE_GOLDENS'] === '1';
const GOLDEN_DIR = path.join(repoRoot, 'test/golden/validate');
const FIXTURES = 'test/fixtures/config';
const EXAMPLES = readdirSync(path.join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml'));

const cli = (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) =>
  runCliCaptured(args, { cwd: repoRoot, ...options });

const scratch = mkdtempSync(path.join(tmpdir(), 'private-eks-validate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, contents: string | Buffer): string {
  const file = path.join(scratch, name);
  writeFileSync(file, contents);
  return file;
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE) {
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${name} is missing: run UPDATE_GOLDENS=1 npx vitest run test/unit/cli`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('validate: the examples', () => {
  it.each(EXAMPLES)('examples/%s is valid (exit 0)', async (example) => {
    const run = await cli(['validate', '-f', `examples/${example}`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^examples/${example.replace('.', '\\.')}: valid \\(cluster "[a-z-]+" in [a-z0-9-]+\\)\\n$`),
    );
  });

  it('names the cluster and the region of minimal.yaml', async () => {
    const run = await cli(['validate', '--config-file', 'examples/minimal.yaml']);
    expect(run.stderr).toBe('examples/minimal.yaml: valid (cluster "private-cluster" in us-west-2)\n');
  });
});

describe('validate: warnings alone keep a file valid', () => {
  it('prints them, the summary and the valid line, and exits 0', async () => {
    const stdin =
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c1, region: us-west-2}\n' +
      'privateCluster: {enabled: true}\nvpc:\n  nat: {gateway: Disable}\n';
    const run = await cli(['validate', '-f', '-'], { stdin });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^<stdin>:6:3: warning V18 vpc\.nat: vpc\.nat is ignored/);
    expect(run.stderr).toMatch(/\n0 errors, 1 warning\n<stdin>: valid \(cluster "c1" in us-west-2\)\n$/);
    const json = await cli(['validate', '-f', '-', '-o', 'json'], { stdin });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, errors: [], warnings: [{ rule: 'V18', line: 6 }] });
  });
});

describe('validate -o json (SPEC §1 shape)', () => {
  it('is {valid, errors, warnings} on stdout for a valid file', async () => {
    const run = await cli(['validate', '-f', 'examples/minimal.yaml', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('lists errors and warnings with rule, path, message, file, line and column', async () => {
    const file = `${FIXTURES}/bad-network.yaml`;
    const run = await cli(['validate', '-f', file, '-o', 'json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as {
      valid: boolean;
      errors: Record<string, unknown>[];
      warnings: Record<string, unknown>[];
    };
    expect(Object.keys(json)).toEqual(['valid', 'errors', 'warnings']);
    expect(json.valid).toBe(false);
    expect(json.errors.length).toBeGreaterThan(0);
    expect(json.warnings.map((w) => w['rule'])).toEqual(['V18']);
    for (const problem of [...json.errors, ...json.warnings]) {
      expect(problem).toEqual(
        expect.objectContaining({
          rule: expect.any(String),
          path: expect.any(String),
          message: expect.any(String),
          file,
          line: expect.any(Number),
          column: expect.any(Number),
        }),
      );
    }
    expectGolden('bad-network.json', run.stdout);
  });
});

describe('validate: usage errors exit 2', () => {
  it('a file that does not exist', async () => {
    const run = await cli(['validate', '-f', 'examples/nope.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('config file "examples/nope.yaml": no such file');
    expect(run.stdout).toBe('');
  });

  it('a directory', async () => {
    const run = await cli(['validate', '-f', 'examples']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"examples" is a directory');
  });

  it('no -f', async () => {
    const run = await cli(['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-f, --config-file <file>' not specified");
  });

  it('an unknown flag or output format', async () => {
    expect((await cli(['validate', '-f', 'examples/minimal.yaml', '--frobnicate'])).code).toBe(2);
    expect((await cli(['validate', '-f', 'examples/minimal.yaml', '-o', 'xml'])).code).toBe(2);
  });
});

describe('validate -f - reads stdin', () => {
  it('accepts a valid config', async () => {
    const stdin = readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8');
    const run = await cli(['validate', '-f', '-'], { stdin });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('<stdin>: valid (cluster "private-cluster" in us-west-2)\n');
  });

  it('names stdin "-" in JSON and "<stdin>" in text', async () => {
    const stdin = 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c1, region: us-west-2}\n';
    const json = await cli(['validate', '-f', '-', '-o', 'json'], { stdin });
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { errors: { file: string }[] }).errors[0]!.file).toBe('-');
    const text = await cli(['validate', '-f', '-'], { stdin });
    expect(text.stderr).toMatch(/^<stdin>:1:1: error V1 privateCluster\.enabled: /);
  });
});

describe("validate: the region is the file's (as in eksctl)", () => {
  const noRegion =
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c1}\nprivateCluster: {enabled: true}\n';
  const inEu = noRegion.replace('{name: c1}', '{name: c1, region: eu-west-1}');

  it('takes an agreeing --region (global flag, before or after the command); refuses a contradicting one, exit 2', async () => {
    for (const args of [
      ['--region', 'eu-west-1', 'validate', '-f', '-'],
      ['validate', '-f', '-', '--region', 'eu-west-1'],
    ]) {
      const run = await cli(args, { stdin: inEu });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('in eu-west-1)');
    }
    const contradicting = await cli(['validate', '-f', '-', '--region', 'mars-1'], { stdin: inEu });
    expect(contradicting.code).toBe(2);
    expect(contradicting.stderr).toContain('--region mars-1 contradicts metadata.region eu-west-1 in <stdin>');
  });

  it('reads neither --region nor AWS_REGION for a file without metadata.region (V15)', async () => {
    for (const run of [
      await cli(['validate', '-f', '-'], { stdin: noRegion, env: { AWS_REGION: 'ap-south-1' } }),
      await cli(['--region', 'ap-south-1', 'validate', '-f', '-'], { stdin: noRegion }),
    ]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error V15 metadata.region: metadata.region must be set');
    }
  });
});

describe('validate: files that are not configs are located problems, exit 1, no stack trace', () => {
  const header =
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c1, region: us-west-2}\nprivateCluster: {enabled: true}\n';
  let laughs = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i <= 9; i++)
    laughs += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(',')}]\n`;

  it.each([
    [
      'an unknown field',
      'typo.yaml',
      header + 'vpc:\n  cidrr: 10.0.0.0/16\n',
      /typo\.yaml:6:3: error UNKNOWN_FIELD vpc\.cidrr: unknown field "cidrr" in vpc; did you mean "cidr"\?/,
    ],
    [
      'a duplicate key',
      'dup.yaml',
      header + 'vpc: {}\nvpc: {}\n',
      /dup\.yaml:6:1: error DUPLICATE_KEY vpc: duplicate key "vpc"/,
    ],
    [
      'a wrong type',
      'type.yaml',
      header + 'availabilityZones: 3\n',
      /type\.yaml:5:20: error TYPE availabilityZones: expected a list, got the number 3/,
    ],
    ['a YAML syntax error', 'syntax.yaml', header + 'vpc: [\n', /syntax\.yaml:\d+:\d+: error YAML: /],
    ['an empty file', 'empty.yaml', '', /empty\.yaml:1:1: error FILE: the file is empty/],
    [
      'a YAML alias bomb',
      'laughs.yaml',
      laughs,
      /laughs\.yaml:\d+:\d+: error YAML a\d\[\d\]: alias \*a\d makes the document too large/,
    ],
    [
      'a 2 MiB file',
      'big.yaml',
      `a: "${'x'.repeat(2 * 1024 * 1024)}"\n`,
      /big\.yaml:1:1: error FILE: the file is \d+ bytes; private-eks reads config files of at most 128 KiB/,
    ],
    [
      'a binary file',
      'binary.yaml',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]),
      /binary\.yaml:1:7: error FILE: the file is binary/,
    ],
  ] as const)('%s', async (_name, fileName, contents, expected) => {
    const file = scratchFile(fileName, contents);
    const run = await cli(['validate', '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).toMatch(/\n\d+ errors?, \d+ warnings?\n$/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('shows the source line with a caret under the column, then the hint', async () => {
    const file = scratchFile('caret.yaml', header + 'nodeGroups:\n  - name: ng1\n    privateNetworking: no\n');
    const run = await cli(['validate', '-f', file]);
    expect(run.stderr).toBe(
      [
        `${file}:7:24: error TYPE nodeGroups[0].privateNetworking: expected true or false, got the string "no"`,
        '  7 |     privateNetworking: no',
        '    |                        ^',
        '  hint: write false without quotes (YAML 1.2 reads "no" as a string)',
        '',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });
});

describe('validate: golden renderings of multi-problem files', () => {
  const fixtures = readdirSync(path.join(repoRoot, FIXTURES)).filter((f) => f.endsWith('.yaml'));

  it.each(fixtures)('%s', async (fixture) => {
    const run = await cli(['validate', '-f', `${FIXTURES}/${fixture}`]);
    expect(run.code).toBe(1);
    expectGolden(fixture.replace(/\.yaml$/, '.txt'), run.stderr);
  });

  it('has no golden without a fixture', () => {
    const expected = new Set([...fixtures.map((f) => f.replace(/\.yaml$/, '.txt')), 'bad-network.json']);
    expect(readdirSync(GOLDEN_DIR).filter((f) => !expected.has(f))).toEqual([]);
  });
});

describe('the problem renderer', () => {
  const problem = (over: Partial<Problem>): Problem => ({
    rule: 'V3',
    severity: 'error',
    path: 'a',
    message: 'm',
    file: 'f.yaml',
    line: 1,
    column: 1,
    ...over,
  });

  it('never prints control characters of the file (terminal escapes)', () => {
    const text = renderProblemsText([problem({ column: 4, message: 'bad \u001b[31mred' })], {
      source: 'a: \u001b]0;title\u0007x\n',
      color: false,
    });
    const controls = [...text].filter(
      (c) => c !== '\n' && c !== '\t' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
    );
    expect(controls).toEqual([]);
    expect(text).toContain('bad ?[31mred');
  });

  it('keeps tabs under the caret and shows a window of a very long line', () => {
    const tabbed = renderProblemsText([problem({ column: 3 })], { source: '\t\tx: 1\n', color: false });
    expect(tabbed).toContain('  1 | \t\tx: 1\n    | \t\t^\n');
    const long = 'k: ' + 'a'.repeat(1000) + 'HERE' + 'b'.repeat(1000);
    const windowed = renderProblemsText([problem({ column: 1004 })], { source: long, color: false });
    const [, sourceLine, caretLine] = windowed.split('\n');
    expect(sourceLine!.length).toBeLessThan(200);
    expect(sourceLine!.indexOf('HERE')).toBe(caretLine!.indexOf('^'));
  });

  it('has no source line for problems without a position, and colours only when asked', () => {
    const text = renderProblemsText([problem({ line: 0, column: 0, hint: 'h' })], { source: 'x: 1\n', color: false });
    expect(text).toBe('f.yaml:0:0: error V3 a: m\n  hint: h\n\n1 error, 0 warnings\n');
    expect(renderProblemsText([problem({})], { color: true })).toContain('\u001b[');
  });

  it('sorts problems into errors and warnings for -o json', () => {
    const json = validationJson([problem({ severity: 'warning', rule: 'V18' }), problem({ hint: 'h' })]);
    expect(json).toEqual({
      valid: false,
      errors: [
        { rule: 'V3', path: 'a', message: 'm', file: 'f.yaml', line: 1, column: 1, severity: 'error', hint: 'h' },
      ],
      warnings: [{ rule: 'V18', path: 'a', message: 'm', file: 'f.yaml', line: 1, column: 1, severity: 'warning' }],
    });
  });
});
