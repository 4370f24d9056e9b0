/**
 * The built CLI (bundle or installed tarball, test/helpers/built-cli.ts) for every command that
 * talks to AWS, in every output format it offers, against the emulator (moto with a fake
 * Kubernetes API behind its clusters, test/helpers/moto-kube.ts). A cluster is created by the
 * built CLI first; then each command runs against it. JSON output is parsed, YAML output parsed
 * and compared with the JSON, text and tables matched — never only the exit code.
 *
 * The tests run in random order (vitest.config.ts), so each works on its own part of the cluster:
 * read-only commands; update then upgrade (one test, in that order); scale on ng1; delete on
 * d1, d2, d3.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { cliCommand, runBuiltCli, type BuiltRun } from '../helpers/built-cli.js';
import { startMotoWithKubeApi, type MotoWithKubeApi } from '../helpers/moto-kube.js';
import { repoRoot } from '../helpers/python-tools.js';
import { recordCombination } from './combinations.js';

const CLUSTER = 'cli-live';

let emulator: MotoWithKubeApi;
let work: string;
let files: { original: string; edited: string };

function writeFiles(dir: string): { original: string; edited: string } {
  const doc = parseDocument(readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'));
  doc.setIn(['metadata', 'name'], CLUSTER);
  doc.setIn(['metadata', 'version'], '1.33');
  for (const name of ['d1', 'd2', 'd3']) {
    (doc.get('managedNodeGroups') as { add(v: unknown): void }).add(
      doc.createNode({ name, instanceType: 'm5.large', desiredCapacity: 1, privateNetworking: true }),
    );
  }
  const original = path.join(dir, 'cluster.yaml');
  writeFileSync(original, doc.toString());
  doc.setIn(['metadata', 'version'], '1.34');
  doc.setIn(['managedNodeGroups', 0, 'desiredCapacity'], 3);
  const edited = path.join(dir, 'cluster-edited.yaml');
  writeFileSync(edited, doc.toString());
  return { original, edited };
}

const cli = (args: readonly string[]): Promise<BuiltRun> =>
  runBuiltCli(args, {
    env: { ...emulator.moto.env, KUBECONFIG: path.join(work, 'kubeconfig'), CI: 'true' },
    cwd: work,
  });

/** Runs `args -o json` and `args -o yaml`: both succeed, and the YAML says what the JSON says. */
async function jsonAndYaml(command: string, args: readonly string[]): Promise<unknown> {
  const json = await cli([...args, '-o', 'json']);
  expect(json.code, json.stderr).toBe(0);
  const fromJson: unknown = JSON.parse(json.stdout);
  recordCombination(command, 'json');
  const yaml = await cli([...args, '-o', 'yaml']);
  expect(yaml.code, yaml.stderr).toBe(0);
  expect(parse(yaml.stdout)).toEqual(fromJson);
  recordCombination(command, 'yaml');
  return fromJson;
}

beforeAll(async () => {
  emulator = await startMotoWithKubeApi('private-eks built CLI live test');
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-cli-live-'));
  files = writeFiles(work);
  const created = await cli(['create', 'cluster', '-f', files.original, '--endpoint-switch', 'never']);
  expect(created.code, created.stderr).toBe(0);
  expect(created.stderr).toContain(`cluster "${CLUSTER}" in us-west-2: ready`);
  recordCombination('create cluster', 'text');
});
afterAll(async () => {
  await emulator?.stop();
});

describe(`built CLI against the emulator: ${cliCommand().describe}`, () => {
  it('get cluster: table, json, yaml', async () => {
    const table = await cli(['get', 'cluster']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(CLUSTER);
    recordCombination('get cluster', 'table');
    const clusters = (await jsonAndYaml('get cluster', ['get', 'cluster', '--name', CLUSTER])) as {
      name: string;
      region: string;
    }[];
    expect(clusters.map((c) => [c.name, c.region])).toEqual([[CLUSTER, 'us-west-2']]);
  });

  it('get nodegroup: table, json, yaml', async () => {
    const table = await cli(['get', 'nodegroup', '--cluster', CLUSTER]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/CLUSTER.*NODEGROUP.*STATUS/);
    expect(table.stdout).toContain('ng1');
    recordCombination('get nodegroup', 'table');
    const rows = (await jsonAndYaml('get nodegroup', ['get', 'nodegroup', '-f', files.original, '-n', 'm1'])) as {
      name: string;
      type: string;
    }[];
    expect(rows.map((r) => [r.name, r.type])).toEqual([['m1', 'managed']]);
  });

  it('utils describe-stacks: text, json, yaml', async () => {
    const text = await cli(['utils', 'describe-stacks', '--cluster', CLUSTER]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`eksctl-${CLUSTER}-cluster`);
    recordCombination('utils describe-stacks', 'text');
    const stacks = (await jsonAndYaml('utils describe-stacks', [
      'utils',
      'describe-stacks',
      '--cluster',
      CLUSTER,
      '--events',
    ])) as { name: string }[];
    expect(stacks.map((s) => s.name)).toContain(`eksctl-${CLUSTER}-cluster`);
    expect(stacks.map((s) => s.name)).toContain(`eksctl-${CLUSTER}-nodegroup-ng1`);
  });

  it('utils write-kubeconfig: writes the entry (text on stderr)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pe-cli-wk-')), 'config');
    const run = await cli(['utils', 'write-kubeconfig', '-f', files.original, '--kubeconfig', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`written to ${file}`);
    const doc = parse(readFileSync(file, 'utf8')) as { 'current-context': string };
    expect(doc['current-context']).toBe(`arn:aws:eks:us-west-2:123456789012:cluster/${CLUSTER}`);
    recordCombination('utils write-kubeconfig', 'text');
  });

  it('doctor: text and json report every check', async () => {
    // Some checks cannot pass against the emulator (no private DNS, no API server reachable from
    // here): exit 1 with the failures named is the honest answer; what is checked is the report.
    const json = await cli(['doctor', '-f', files.original, '-o', 'json']);
    expect([0, 1], json.stderr).toContain(json.code);
    const report = JSON.parse(json.stdout) as { checks: { id: string; status: string }[] };
    const ids = report.checks.map((c) => c.id);
    expect(ids).toContain('credentials');
    expect(ids).toContain('eks-api');
    expect(report.checks.find((c) => c.id === 'credentials')?.status).toBe('ok');
    recordCombination('doctor', 'json');
    const text = await cli(['doctor', '-f', files.original]);
    expect(text.code).toBe(json.code);
    expect(text.stdout).toContain('AWS credentials');
    expect(text.stdout).toContain('EKS API reachable');
    recordCombination('doctor', 'text');
  });

  it('utils iam-policy: a policy document (JSON), whole and for some commands', async () => {
    const whole = await cli(['utils', 'iam-policy']);
    expect(whole.code, whole.stderr).toBe(0);
    const policy = JSON.parse(whole.stdout) as { Version: string; Statement: { Action: string[] }[] };
    expect(policy.Version).toBe('2012-10-17');
    const some = await cli(['utils', 'iam-policy', '--command', 'get', '--account', '123456789012']);
    expect(some.code, some.stderr).toBe(0);
    const part = JSON.parse(some.stdout) as { Statement: { Action: string | string[] }[] };
    const actions = (p: { Statement: { Action: string | string[] }[] }): string[] =>
      p.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions(part)).toContain('cloudformation:DescribeStacks');
    expect(actions(part).length).toBeLessThan(actions(policy).length);
    recordCombination('utils iam-policy', 'json');
  });

  it('update cluster (plan mode in text, json, yaml; then --approve) and upgrade cluster (the same)', async () => {
    const planned = await cli(['update', 'cluster', '-f', files.edited]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stderr).toContain('no change made (plan mode)');
    expect(planned.stderr).toContain('nodegroup-m1');
    recordCombination('update cluster', 'text');
    await jsonAndYaml('update cluster', ['update', 'cluster', '-f', files.edited]);
    const approved = await cli(['update', 'cluster', '-f', files.edited, '--approve', '-o', 'json']);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(approved.stdout))).toContain('nodegroup-m1');
    recordCombination('update cluster --approve', 'json');

    const steps = await cli(['upgrade', 'cluster', '-f', files.edited]);
    expect(steps.code, steps.stderr).toBe(0);
    expect(steps.stderr).toContain('1.33 → 1.34');
    recordCombination('upgrade cluster', 'text');
    await jsonAndYaml('upgrade cluster', ['upgrade', 'cluster', '-f', files.edited]);
    const upgraded = await cli(['upgrade', 'cluster', '-f', files.edited, '--approve']);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(upgraded.stderr).toContain('Kubernetes 1.33 → 1.34: done');
    recordCombination('upgrade cluster --approve', 'text');
  });

  it('scale nodegroup: text, json, yaml', async () => {
    const text = await cli(['scale', 'nodegroup', '--cluster', CLUSTER, '-n', 'ng1', '-N', '3', '-M', '4']);
    expect(text.code, text.stderr).toBe(0);
    recordCombination('scale nodegroup', 'text');
    const json = await cli(['scale', 'nodegroup', '--cluster', CLUSTER, '-n', 'ng1', '-N', '4', '-o', 'json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('ng1');
    recordCombination('scale nodegroup', 'json');
    const yaml = await cli(['scale', 'nodegroup', '--cluster', CLUSTER, '-n', 'ng1', '-N', '2', '-o', 'yaml']);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(JSON.stringify(parse(yaml.stdout))).toContain('ng1');
    recordCombination('scale nodegroup', 'yaml');
    const listed = await cli(['get', 'nodegroup', '--cluster', CLUSTER, '-n', 'ng1', '-o', 'json']);
    expect((JSON.parse(listed.stdout) as { desiredCapacity: number }[])[0]?.desiredCapacity).toBe(2);
  });

  it('delete nodegroup: text, json, yaml, one nodegroup each', async () => {
    const text = await cli(['delete', 'nodegroup', '--cluster', CLUSTER, '--name', 'd1']);
    expect(text.code, text.stderr).toBe(0);
    recordCombination('delete nodegroup', 'text');
    const json = await cli(['delete', 'nodegroup', '--cluster', CLUSTER, '--name', 'd2', '-o', 'json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('d2');
    recordCombination('delete nodegroup', 'json');
    const yaml = await cli(['delete', 'nodegroup', '--cluster', CLUSTER, '--name', 'd3', '-o', 'yaml']);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(JSON.stringify(parse(yaml.stdout))).toContain('d3');
    recordCombination('delete nodegroup', 'yaml');
    const left = await cli(['get', 'nodegroup', '--cluster', CLUSTER, '-o', 'json']);
    const names = (JSON.parse(left.stdout) as { name: string }[]).map((r) => r.name);
    for (const gone of ['d1', 'd2', 'd3']) expect(names).not.toContain(gone);
  });
});
