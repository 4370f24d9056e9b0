/**
 * Draining on `delete cluster` through the in-VPC runner, end to end against the emulator: a
 * cluster with the runner (an IRSA service account) and a self-managed and a managed nodegroup,
 * whose nodes and pods are seeded in the fake Kubernetes API with the labels EKS and eksctl put on
 * them. `delete cluster` grants the runner cluster admin for the drain (AssociateAccessPolicy,
 * emulator extension `eks-access-policy-association`), cordons and evicts through the runner's
 * shipped code, takes the grant back, and deletes everything. And `delete nodegroup` does the same
 * for its one nodegroup when the API server does not answer from here.
 *
 * What the emulator stands in for: see runner.int.test.ts. The fake API does not check which
 * identity calls it, so the grant is seen in the EKS calls (moto's request log), not as RBAC.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AWS_CALL_LOG_VARIABLE } from '../../src/aws/call-counter.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig } from '../../src/config/index.js';
import { createCluster } from '../../src/deploy/index.js';
import { buildPlan, createLiveFacts } from '../../src/plan/index.js';
import { renderTemplates } from '../../src/templates/index.js';
import { useMotoWithKubeApi } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { seedNode, type FakeKubeApi } from '../helpers/fake-kube-api.js';
import { emulatorClientConfig, leftovers, takeInventory, type Inventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';

let api: FakeKubeApi;
let moto: MotoServer;

useMotoWithKubeApi('private-eks drain emulator test', (started) => {
  ({ moto, api } = started);
});
beforeEach(async () => {
  await moto.reset();
  api.objects.clear();
  api.requests.length = 0;
  api.protectedPods.clear();
});

const fixture = emulatorTestedFile('drain');
const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

async function create(): Promise<void> {
  const clients = await createAwsClients({ region: 'us-west-2', env: process.env });
  try {
    const loaded = loadConfig({ text: readFileSync(fixture), file: fixture, env: moto.env });
    const { plan, problems } = await buildPlan(loaded.config!, createLiveFacts(clients), { endpointSwitch: 'auto' });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const result = await createCluster(
      { plan: plan!, templates: renderTemplates(plan!) },
      { clients, kubeconfigPath: false, kubernetes: { reachable: () => Promise.reject(new Error('not asked')) } },
    );
    expect(result.outcome).toBe('created');
  } finally {
    clients.destroy();
  }
}

/** Two nodes per nodegroup's label, their pods, and a node of no nodegroup that must stay untouched. */
function seedNodes(): void {
  seedNode(
    api,
    'ip-10-0-1-1',
    [
      { namespace: 'default', name: 'web-1' },
      { namespace: 'kube-system', name: 'aws-node-a', owner: 'DaemonSet' },
    ],
    { 'alpha.eksctl.io/nodegroup-name': 'ng1' },
  );
  seedNode(
    api,
    'ip-10-0-2-2',
    [
      { namespace: 'default', name: 'api-1' },
      { namespace: 'prod', name: 'db-0' },
    ],
    { 'eks.amazonaws.com/nodegroup': 'm1' },
  );
  seedNode(api, 'fargate-ip-10-0-3-3', [{ namespace: 'default', name: 'batch-1' }], {
    'eks.amazonaws.com/compute-type': 'fargate',
  });
}

const deleteCli = (...extra: string[]) =>
  runCliCaptured(['delete', 'cluster', '-f', fixture, '-o', 'json', ...extra], {
    env: { ...moto.env, KUBECONFIG: path.join(repoRoot, '.artifacts', 'drain-kubeconfig') },
  });

/** EKS access-policy calls in moto's request log since `from` (its byte offset). */
function accessPolicyCalls(from: number): string[] {
  return readFileSync(moto.logPath, 'utf8')
    .slice(from)
    .split('\n')
    .filter((l) => /\/access-entries\/.*\/access-policies/.test(l))
    .map((l) => /"(GET|POST|DELETE) /.exec(l)?.[1] ?? l);
}

const logSize = (): number => readFileSync(moto.logPath, 'utf8').length;
/** The AWS calls private-eks recorded (the suite's call log, test/helpers/aws-call-log.ts) since `from`. */
function awsCallsSince(from: number): Record<string, number> {
  const counts: Record<string, number> = {};
  const log = readFileSync(process.env[AWS_CALL_LOG_VARIABLE] ?? '', 'utf8').slice(from);
  for (const line of log.split('\n').filter((l) => l !== '')) {
    const action = (JSON.parse(line) as { action: string }).action;
    counts[action] = (counts[action] ?? 0) + 1;
  }
  return counts;
}
const callLogSize = (): number => readFileSync(process.env[AWS_CALL_LOG_VARIABLE] ?? '', 'utf8').length;
const evictions = (): string[] => api.requests.filter((r) => r.startsWith('POST') && r.includes('/eviction'));
const cordons = (): string[] => api.requests.filter((r) => r.startsWith('PATCH /api/v1/nodes/'));
const unschedulable = (node: string): unknown =>
  (api.objects.get(`/api/v1/nodes/${node}`) as { spec?: { unschedulable?: boolean } } | undefined)?.spec?.unschedulable;

async function runnerEntry(): Promise<{ accessPolicies: { policyArn: string }[] } | undefined> {
  const entries = (await (await fetch(`${moto.endpoint}/private-eks-test/access-entries`)).json()) as {
    principalArn: string;
    accessPolicies: { policyArn: string }[];
  }[];
  return entries.find((e) => e.principalArn.includes('runner'));
}

describe('delete cluster drains through the in-VPC runner (emulator)', () => {
  it('cordons the nodegroups’ nodes and evicts their pods before the stacks go; nothing is left', async () => {
    const before: Inventory = await takeInventory(emulatorClientConfig(moto.endpoint));
    await create();
    expect((await runnerEntry())?.accessPolicies.map((p) => p.policyArn)).not.toContain(ADMIN);
    seedNodes();
    const from = logSize();
    const callsFrom = callLogSize();

    const deleted = await deleteCli();
    expect(deleted.code, deleted.stderr).toBe(0);
    // One runner invocation per nodegroup (nothing refused), one grant, one check, one revoke.
    const calls = awsCallsSince(callsFrom);
    expect(calls).toMatchObject({
      'lambda:InvokeFunction': 2,
      'eks:ListAssociatedAccessPolicies': 1,
      'eks:AssociateAccessPolicy': 1,
      'eks:DisassociateAccessPolicy': 1,
    });

    // Cordoned: the two nodes of the two nodegroups, not the Fargate one.
    expect(cordons().map((r) => r.split(' ')[1])).toEqual(
      expect.arrayContaining(['/api/v1/nodes/ip-10-0-1-1', '/api/v1/nodes/ip-10-0-2-2']),
    );
    expect(cordons()).toHaveLength(2);
    expect(unschedulable('ip-10-0-1-1')).toBe(true);
    expect(unschedulable('ip-10-0-2-2')).toBe(true);
    expect(unschedulable('fargate-ip-10-0-3-3')).toBeUndefined();
    // Evicted: every pod of theirs but the DaemonSet's; the Fargate pod stays.
    expect(
      evictions()
        .map((r) => r.split(' ')[1])
        .sort(),
    ).toEqual([
      '/api/v1/namespaces/default/pods/api-1/eviction',
      '/api/v1/namespaces/default/pods/web-1/eviction',
      '/api/v1/namespaces/prod/pods/db-0/eviction',
    ]);
    expect(api.objects.has('/api/v1/namespaces/kube-system/pods/aws-node-a')).toBe(true);
    expect(api.objects.has('/api/v1/namespaces/default/pods/batch-1')).toBe(true);
    // Nodes chosen by label selector, one list per nodegroup.
    expect(api.requests.filter((r) => r.startsWith('GET /api/v1/nodes?labelSelector=')).sort()).toEqual([
      'GET /api/v1/nodes?labelSelector=alpha.eksctl.io%2Fnodegroup-name%3Dng1',
      'GET /api/v1/nodes?labelSelector=eks.amazonaws.com%2Fnodegroup%3Dm1',
    ]);

    // Granted for the drain, checked first, taken back after it.
    expect(accessPolicyCalls(from)).toEqual(['GET', 'POST', 'DELETE']);
    const result = JSON.parse(deleted.stdout) as { notes: string[] };
    expect(result.notes).toContain('nodegroup ng1 drained: 1 node(s) cordoned, 1 pod(s) evicted (default/web-1)');
    expect(result.notes).toContain(
      'nodegroup m1 drained: 1 node(s) cordoned, 2 pod(s) evicted (default/api-1, prod/db-0)',
    );
    // Each nodegroup's drain finished before its stack's delete started.
    for (const ng of ['ng1', 'm1']) {
      const drained = deleted.stderr.indexOf(`drain/${ng}`);
      expect(drained).toBeGreaterThanOrEqual(0);
      expect(deleted.stderr.indexOf(`nodegroup/${ng}`)).toBeGreaterThan(drained);
    }
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });

  it('a pod a disruption budget protects stops the delete with its name; --disable-nodegroup-eviction then deletes it', async () => {
    const before: Inventory = await takeInventory(emulatorClientConfig(moto.endpoint));
    await create();
    seedNodes();
    api.protectedPods.add('/api/v1/namespaces/prod/pods/db-0');

    const refused = await deleteCli('--pod-eviction-wait-period', '1s', '--drain-timeout', '2s');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'a PodDisruptionBudget refused the eviction of 1 pod(s) on the nodes of nodegroup m1 (eks.amazonaws.com/nodegroup=m1) for 2 s: prod/db-0',
    );
    expect(refused.stderr).toContain('--disable-nodegroup-eviction');
    // Retried: the first pass and one per second until the timeout.
    const refusedEvictions = evictions().filter((r) => r.includes('/prod/pods/db-0/')).length;
    expect(refusedEvictions).toBeGreaterThanOrEqual(2);
    expect(api.objects.has('/api/v1/namespaces/prod/pods/db-0')).toBe(true);
    // The other nodegroup was drained and deleted; m1, the runner and the cluster stay for the re-run,
    // and the runner holds no cluster admin meanwhile.
    const stacks = (await takeInventory(emulatorClientConfig(moto.endpoint)))['stacks'] ?? [];
    expect(stacks.some((s: string) => s.includes('nodegroup-m1'))).toBe(true);
    expect(stacks.some((s: string) => s.includes('nodegroup-ng1'))).toBe(false);
    expect((await runnerEntry())?.accessPolicies.map((p) => p.policyArn)).not.toContain(ADMIN);

    const forced = await deleteCli('--disable-nodegroup-eviction');
    expect(forced.code, forced.stderr).toBe(0);
    expect(api.requests).toContain('DELETE /api/v1/namespaces/prod/pods/db-0');
    expect(api.objects.has('/api/v1/namespaces/prod/pods/db-0')).toBe(false);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });
});

describe('delete nodegroup drains through the in-VPC runner (emulator)', () => {
  it('cordons and evicts only that nodegroup’s nodes when the API server does not answer from here', async () => {
    const before: Inventory = await takeInventory(emulatorClientConfig(moto.endpoint));
    await create();
    seedNodes();
    const from = logSize();
    const env = { ...moto.env, KUBECONFIG: path.join(repoRoot, '.artifacts', 'drain-kubeconfig') };

    const deleted = await runCliCaptured(['delete', 'nodegroup', '-f', fixture, '--name', 'ng1', '-o', 'json'], {
      env,
    });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({
      outcome: 'deleted',
      drain: { state: 'drained', nodes: 1, evicted: 1, through: 'runner' },
    });
    expect(deleted.stderr).toContain('1 node(s) drained through the in-VPC runner, 1 pod(s) evicted');
    expect(cordons().map((r) => r.split(' ')[1])).toEqual(['/api/v1/nodes/ip-10-0-1-1']);
    expect(evictions().map((r) => r.split(' ')[1])).toEqual(['/api/v1/namespaces/default/pods/web-1/eviction']);
    // The other nodegroup's node is untouched, and the runner's grant is given back.
    expect(unschedulable('ip-10-0-2-2')).toBeUndefined();
    expect(accessPolicyCalls(from)).toEqual(['GET', 'POST', 'DELETE']);
    expect((await runnerEntry())?.accessPolicies.map((p) => p.policyArn)).not.toContain(ADMIN);
    const stacks = (await takeInventory(emulatorClientConfig(moto.endpoint)))['stacks'] ?? [];
    expect(stacks.some((s: string) => s.includes('nodegroup-ng1'))).toBe(false);
    expect(stacks.some((s: string) => s.includes('nodegroup-m1'))).toBe(true);

    const rest = await deleteCli();
    expect(rest.code, rest.stderr).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });
});
