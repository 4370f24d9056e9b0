/**
 * The endpoint-access switch against the emulator (SPEC §7 step 5): on only when a step needs the
 * Kubernetes API from here (`--endpoint-switch=always`, or a CONFIG_MAP cluster that can have no
 * in-VPC runner), off otherwise, as the plan decides. With the in-VPC runner (the default for IRSA
 * service accounts) nothing is switched: see runner.int.test.ts.
 *
 * What the emulator can and cannot show: its updates are Successful at once (the launcher's
 * `eks-update-api`), so the update/poll logic (InProgress, Failed, Cancelled) is covered by
 * test/unit/deploy/endpoint-access.test.ts with recorded SDK shapes. Here we check that the
 * request was made (the client's call counter), that its update was polled, and that the cluster's
 * resourcesVpcConfig says private-only afterwards. The emulator's API server endpoint is a made-up
 * host name, so the tests say the Kubernetes API is unreachable (`kubernetes.reachable`) instead of
 * resolving it: the ServiceAccounts are then reported as manifests to apply from inside the VPC.
 * And vpc.publicAccessCIDRs through the CLI: the window limited to its ranges, then private-only,
 * then a delete that leaves nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { createAwsClients, type BuiltAwsClients } from '../../src/aws/clients.js';
import { loadConfig } from '../../src/config/index.js';
import { createCluster } from '../../src/deploy/index.js';
import type { CreateResult } from '../../src/deploy/results.js';
import { buildPlan, createLiveFacts, type EndpointSwitchMode } from '../../src/plan/index.js';
import { renderTemplates } from '../../src/templates/index.js';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
let eks: EKSClient;
let iam: IAMClient;

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
  eks = client(EKSClient);
  iam = client(IAMClient);
});
beforeEach(() => moto.reset());

async function create(
  example: string,
  mode: EndpointSwitchMode,
): Promise<{ result: CreateResult; calls: BuiltAwsClients['calls']; initialPublic: unknown }> {
  const file = path.join(repoRoot, 'examples', example);
  const clients = await createAwsClients({ region: 'us-west-2', env: process.env });
  try {
    const loaded = loadConfig({ text: readFileSync(file), file, env: moto.env });
    const { plan, problems } = await buildPlan(loaded.config!, createLiveFacts(clients), { endpointSwitch: mode });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const result = await createCluster(
      { plan: plan!, templates: renderTemplates(plan!) },
      { clients, kubeconfigPath: false, kubernetes: { reachable: () => Promise.resolve(false) } },
    );
    // How the control plane was created: the deployed template's ControlPlane resource.
    const stackName = `eksctl-${plan!.cluster.metadata.name}-cluster`;
    const body = JSON.parse((await cfn.send(new GetTemplateCommand({ StackName: stackName }))).TemplateBody ?? '{}');
    const controlPlane = Object.values(
      body.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    ).find((r) => r.Type === 'AWS::EKS::Cluster');
    const vpcConfig = controlPlane?.Properties['ResourcesVpcConfig'] as Record<string, unknown> | undefined;
    return { result, calls: clients.calls, initialPublic: vpcConfig?.['EndpointPublicAccess'] };
  } finally {
    clients.destroy();
  }
}

async function access(cluster: string) {
  return (await eks.send(new DescribeClusterCommand({ name: cluster }))).cluster?.resourcesVpcConfig;
}

describe('endpoint access switch (emulator)', () => {
  it('--endpoint-switch=always with IRSA ServiceAccounts: created public, switched to private-only at the end', async () => {
    const { result, calls, initialPublic } = await create('fargate-irsa.yaml', 'always');
    expect(result.outcome).toBe('created');
    expect(initialPublic).toBe(true);
    // The request was made and its update id reported …
    expect(calls.snapshot().byAction['eks:UpdateClusterConfig']).toBe(1);
    expect(result.endpointAccess).toEqual({ state: 'switched-off', updateId: expect.any(String) });
    // … and the cluster says private-only afterwards.
    expect(await access('fargate-cluster')).toMatchObject({ endpointPublicAccess: false, endpointPrivateAccess: true });

    // The IRSA roles exist (a stack each, trusting the cluster's OIDC provider for that account only);
    // the ServiceAccount objects are reported, not pretended: the API server did not answer.
    const roleStack = await cfn.send(
      new DescribeStacksCommand({ StackName: 'eksctl-fargate-cluster-addon-iamserviceaccount-backend-s3-reader' }),
    );
    const roleArn = roleStack.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'Role1')?.OutputValue ?? '';
    const role = await iam.send(new GetRoleCommand({ RoleName: roleArn.split('/').pop() }));
    const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '{}'));
    expect(JSON.stringify(trust)).toContain('system:serviceaccount:backend:s3-reader');
    expect(result.manual).toEqual([
      expect.objectContaining({ stepId: 'service-accounts', what: 'create 2 ServiceAccount object(s)' }),
    ]);
    expect(result.manual[0]?.manifest).toContain(`eks.amazonaws.com/role-arn: ${roleArn}`);
  });

  it('no step needs the Kubernetes API: private-only from the first minute, no update at all', async () => {
    const { result, calls, initialPublic } = await create('minimal.yaml', 'auto');
    expect(result.outcome).toBe('created');
    expect(initialPublic).toBe(false);
    expect(calls.snapshot().byAction['eks:UpdateClusterConfig']).toBeUndefined();
    expect(result.endpointAccess).toEqual({ state: 'private-from-start' });
    expect(await access('private-cluster')).toMatchObject({ endpointPublicAccess: false, endpointPrivateAccess: true });
  });

  it('--endpoint-switch=always switches even when nothing needs it', async () => {
    const { result, calls, initialPublic } = await create('minimal.yaml', 'always');
    expect(initialPublic).toBe(true);
    expect(calls.snapshot().byAction['eks:UpdateClusterConfig']).toBe(1);
    expect(result.endpointAccess.state).toBe('switched-off');
    expect(await access('private-cluster')).toMatchObject({ endpointPublicAccess: false });
  });
});

describe('vpc.publicAccessCIDRs (emulator, the built CLI)', () => {
  it('limits the public window of --endpoint-switch always to its ranges; private-only after; delete leaves nothing', async () => {
    const file = emulatorTestedFile('public-window');
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    const created = await runCliCaptured(
      ['create', 'cluster', '-f', file, '--endpoint-switch', 'always', '--approve'],
      {
        env: { ...moto.env, KUBECONFIG: path.join(repoRoot, '.artifacts', 'public-window-kubeconfig') },
      },
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain('203.0.113.0/24, 198.51.100.0/24');

    // Created public, only to the file's ranges (the deployed template; the emulator's cluster keeps
    // the last update's settings), and private-only once the create is done.
    const body = JSON.parse(
      (await cfn.send(new GetTemplateCommand({ StackName: 'eksctl-public-window-cluster' }))).TemplateBody ?? '{}',
    ) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const controlPlane = Object.values(body.Resources).find((r) => r.Type === 'AWS::EKS::Cluster');
    expect(controlPlane?.Properties['ResourcesVpcConfig']).toMatchObject({
      EndpointPublicAccess: true,
      EndpointPrivateAccess: true,
      PublicAccessCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
    });
    expect(await access('public-window')).toMatchObject({ endpointPublicAccess: false, endpointPrivateAccess: true });

    const deleted = await runCliCaptured(['delete', 'cluster', '-f', file], { env: moto.env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });
});
