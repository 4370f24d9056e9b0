/**
 * `private-eks utils schema`: the JSON Schema for editors. Committed as test/golden/schema.json
 * (rewritten only with UPDATE_GOLDENS=1); checked with ajv's draft 2020-12 validator against
 * every example and against files it must reject.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/python-tools.js';

const UPDATE = process.env['UPDATE_GOLDENS'] === '1';
const GOLDEN = path.join(repoRoot, 'test/golden/schema.json');
const EXAMPLES = readdirSync(path.join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml'));

let printed: string;
let validate: ReturnType<Ajv2020['compile']>;

beforeAll(async () => {
  const run = await runCliCaptured(['utils', 'schema']);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  printed = run.stdout;
  validate = new Ajv2020({ strict: true, allErrors: true }).compile(JSON.parse(printed) as object);
});

const example = (name: string) =>
  parse(readFileSync(path.join(repoRoot, 'examples', name), 'utf8')) as Record<string, unknown>;

describe('utils schema', () => {
  it('prints the committed schema (test/golden/schema.json)', () => {
    if (UPDATE) writeFileSync(GOLDEN, printed);
    expect(existsSync(GOLDEN), 'run UPDATE_GOLDENS=1 npx vitest run test/unit/cli/schema.test.ts').toBe(true);
    expect(printed).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is a draft 2020-12 schema with an id, a title and descriptions', () => {
    const schema = JSON.parse(printed) as Record<string, unknown>;
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toMatch(/^https:\/\//);
    expect(schema['title']).toContain('ClusterConfig');
    expect(schema['additionalProperties']).toBe(false);
    expect(printed.match(/"description"/g)?.length).toBeGreaterThan(100);
  });

  it.each(EXAMPLES)('accepts examples/%s', (name) => {
    const ok = validate(example(name));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects an unknown field, at any depth', () => {
    const top = { ...example('minimal.yaml'), privateClustr: { enabled: true } };
    expect(validate(top)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'privateClustr' } }),
    );
    const deep = example('minimal.yaml');
    (deep['nodeGroups'] as Record<string, unknown>[])[0]!['privateNetworkng'] = true;
    expect(validate(deep)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/nodeGroups/0', keyword: 'additionalProperties' }),
    );
  });

  it('rejects an eksctl field private-eks does not implement, and wrong types', () => {
    expect(validate({ ...example('minimal.yaml'), gitops: {} })).toBe(false);
    expect(validate({ ...example('minimal.yaml'), kind: 'Cluster' })).toBe(false);
    const ng = example('minimal.yaml');
    (ng['managedNodeGroups'] as Record<string, unknown>[])[0]!['desiredCapacity'] = 'two';
    expect(validate(ng)).toBe(false);
  });

  it('accepts both forms of self-managed taints', () => {
    const config = example('nodegroups.yaml');
    const ng = (config['nodeGroups'] as Record<string, unknown>[])[0]!;
    ng['taints'] = [{ key: 'a', value: 'b', effect: 'NoSchedule' }];
    expect(validate(config)).toBe(true);
    ng['taints'] = { a: 'b:NoSchedule' };
    expect(validate(config)).toBe(true);
  });
});

describe('utils write-kubeconfig', () => {
  // Writing an entry needs DescribeCluster: covered against the emulator in get.int.test.ts.
  it('is a usage error (exit 2) to name the cluster twice, before any AWS call', async () => {
    const run = await runCliCaptured(['utils', 'write-kubeconfig', '--name', 'x', '-f', 'examples/minimal.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give either -f FILE or --name NAME, not both');
  });

  // The file goes through the config reader: located problems, nothing written, no AWS call
  // (the environment has no credentials or endpoint, so an AWS call would fail differently).
  it.each([
    ['broken YAML', 'metadata:\n  name: [oops\n', /cluster\.yaml:\d+:\d+/],
    [
      'a bad cluster name',
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: -bad\n  region: us-west-2\n',
      /cluster\.yaml:4:\d+.*metadata\.name/s,
    ],
    [
      'no cluster name',
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  region: us-west-2\n',
      /metadata\.name must be set/,
    ],
  ])('%s: exit 1 with the located problem, no kubeconfig written', async (_, text, expected) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-wk-unit-'));
    try {
      writeFileSync(path.join(dir, 'cluster.yaml'), text);
      const kubeconfig = path.join(dir, 'kubeconfig');
      const run = await runCliCaptured(
        ['utils', 'write-kubeconfig', '-f', 'cluster.yaml', '--kubeconfig', kubeconfig],
        {
          cwd: dir,
        },
      );
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(expected);
      expect(existsSync(kubeconfig)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
