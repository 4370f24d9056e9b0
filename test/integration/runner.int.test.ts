/**
 * The in-VPC runner end to end against the emulator: `examples/fargate-irsa.yaml` (IRSA service
 * accounts, which need the Kubernetes API) is created private-only from its first minute — no
 * UpdateClusterConfig call at all — and its ServiceAccounts are applied by the runner's own shipped
 * code, then the cluster is deleted without leftovers, the runner's network interfaces included.
 *
 * What the emulator stands in for (test/helpers/moto/README.md, `lambda-runner`): moto cannot run
 * a function without Docker, so Invoke runs the runner's inline code (as CloudFormation shipped it)
 * with the local node; the cluster's API server is the fake Kubernetes API of
 * test/helpers/fake-kube-api.ts over real TLS, whose URL and CA replace moto's made-up endpoint.
 * The VPC, the function's interfaces and their release are emulated; their real timing is not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeClusterCommand, EKSClient, ListUpdatesCommand } from '@aws-sdk/client-eks';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig } from '../../src/config/index.js';
import { createCluster } from '../../src/deploy/index.js';
import { buildPlan, createLiveFacts, type EndpointSwitchMode } from '../../src/plan/index.js';
import { renderTemplates } from '../../src/templates/index.js';
import { useMotoWithKubeApi } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { FakeKubeApi } from '../helpers/fake-kube-api.js';
import { emulatorClientConfig, leftovers, takeInventory, type Inventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';

let api: FakeKubeApi;
let moto: MotoServer;
let eks: EKSClient;
let ec2: EC2Client;
let lambda: LambdaClient;

useMotoWithKubeApi('private-eks runner emulator test', (started, client) => {
  ({ moto, api } = started);
  eks = client(EKSClient);
  ec2 = client(EC2Client);
  lambda = client(LambdaClient);
});
beforeEach(async () => {
  await moto.reset();
  api.objects.clear();
  api.requests.length = 0;
});

const example = emulatorTestedFile('fargate-irsa');

async function create(mode: EndpointSwitchMode) {
  const clients = await createAwsClients({ region: 'us-west-2', env: process.env });
  try {
    const loaded = loadConfig({ text: readFileSync(example), file: example, env: moto.env });
    const { plan, problems } = await buildPlan(loaded.config!, createLiveFacts(clients), { endpointSwitch: mode });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Nothing may decide "reachable from here": the runner does not ask.
    const result = await createCluster(
      { plan: plan!, templates: renderTemplates(plan!) },
      { clients, kubeconfigPath: false, kubernetes: { reachable: () => Promise.reject(new Error('not asked')) } },
    );
    return { plan: plan!, result, calls: clients.calls.snapshot().byAction };
  } finally {
    clients.destroy();
  }
}

async function runnerInterfaces(): Promise<{ id: string; status: string }[]> {
  const out = await ec2.send(new DescribeNetworkInterfacesCommand({}));
  return (out.NetworkInterfaces ?? [])
    .filter((n) => (n.Description ?? '').startsWith('AWS Lambda VPC ENI-'))
    .map((n) => ({ id: n.NetworkInterfaceId ?? '', status: n.Status ?? '' }));
}

describe('in-VPC runner (emulator)', () => {
  it('creates fargate-irsa private-only throughout, applies the ServiceAccounts through the runner, and deletes without leftovers', async () => {
    const before: Inventory = await takeInventory(emulatorClientConfig(moto.endpoint));
    const { plan, result, calls } = await create('auto');
    expect(result.outcome).toBe('created');

    // Private from the first minute: the plan says so, no endpoint-access update was ever asked
    // for (the client's own count, and the cluster's update history read back), and the cluster
    // is private-only.
    expect(plan.endpointAccess.switchNeeded).toBe(false);
    expect(plan.steps.find((s) => s.id === 'service-accounts')?.dependsOn).toContain('runner');
    expect(calls['eks:UpdateClusterConfig']).toBeUndefined();
    expect(calls['lambda:InvokeFunction']).toBeGreaterThan(0);
    expect((await eks.send(new ListUpdatesCommand({ name: 'fargate-cluster' }))).updateIds ?? []).toEqual([]);
    const cluster = (await eks.send(new DescribeClusterCommand({ name: 'fargate-cluster' }))).cluster;
    expect(cluster?.resourcesVpcConfig).toMatchObject({ endpointPublicAccess: false, endpointPrivateAccess: true });
    expect(result.endpointAccess).toEqual({ state: 'private-from-start' });
    expect(result.manual).toEqual([]);

    // The ServiceAccounts, read back from the API server, annotated with their IRSA roles.
    for (const name of ['s3-reader', 'queue-worker']) {
      const sa = api.objects.get(`/api/v1/namespaces/backend/serviceaccounts/${name}`) as
        { metadata: { annotations: Record<string, string> } } | undefined;
      expect(sa?.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\//);
    }
    expect(api.objects.has('/api/v1/namespaces/backend')).toBe(true);
    expect(api.requests.every((r) => !r.startsWith('POST') || r.includes('/eviction'))).toBe(true);
    expect(api.requests.some((r) => r.includes('fieldManager=private-eks'))).toBe(true);

    // The function: in the private subnets, behind its own security group, with one interface a subnet.
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: await functionName() }));
    expect(fn.Configuration?.VpcConfig?.SubnetIds?.length).toBe(plan.subnets.length);
    expect((await runnerInterfaces()).map((n) => n.status)).toEqual(plan.subnets.map(() => 'in-use'));

    // Delete: the runner leaves the VPC, its interfaces are deleted as they are released, nothing is left.
    const deleted = await runCliCaptured(['delete', 'cluster', '-f', example], {
      env: { ...moto.env, KUBECONFIG: path.join(repoRoot, '.artifacts', 'runner-kubeconfig') },
    });
    expect(deleted.stderr).toContain('runner-interfaces');
    expect(deleted.code).toBe(0);
    expect(await runnerInterfaces()).toEqual([]);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });

  it('--endpoint-switch=never also goes through the runner: no public access, nothing left to apply by hand', async () => {
    const { result, calls } = await create('never');
    expect(calls['eks:UpdateClusterConfig']).toBeUndefined();
    expect(result.manual).toEqual([]);
    expect(api.objects.has('/api/v1/namespaces/backend/serviceaccounts/s3-reader')).toBe(true);
  });

  it('a refusal by the API server fails the step with the object and the reason, and a re-run converges', async () => {
    api.forbidden.add('/api/v1/namespaces/backend/serviceaccounts/queue-worker');
    const first = await create('auto');
    expect(first.result.outcome).toBe('failed');
    const failure = first.result.outcome === 'failed' ? first.result.failures[0] : undefined;
    expect(failure?.message).toContain('queue-worker');
    expect(failure?.message).toContain('403');
    api.forbidden.clear();
    const second = await create('auto');
    expect(second.result.outcome).toBe('created');
    expect(api.objects.has('/api/v1/namespaces/backend/serviceaccounts/queue-worker')).toBe(true);
  });
});

async function functionName(): Promise<string> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const cfn = new CloudFormationClient(emulatorClientConfig(moto.endpoint));
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: 'eksctl-fargate-cluster-runner' }));
    return out.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'FunctionName')?.OutputValue ?? '';
  } finally {
    cfn.destroy();
  }
}
