/**
 * The cluster-level eksctl options (identity provider, aws-auth mappings, upgrade policy, zonal
 * shift, extra CIDRs, hostname type) through the built CLI against the emulator: create, read back
 * through the AWS APIs (and the emulator's identity-provider store, since moto has no identity
 * provider API: test/helpers/moto/README.md, `eks-identity-provider-config`), get, delete, and
 * nothing left — identity provider configs included.
 *
 * The aws-auth mappings go through the in-VPC runner (the access mode is API_AND_CONFIG_MAP), whose
 * shipped code the emulator runs with the local node (`lambda-runner` in the emulator's README);
 * the cluster's API server is the fake Kubernetes API of test/helpers/fake-kube-api.ts over real
 * TLS, where the written ConfigMap is read back.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { parse } from 'yaml';
import { useMotoWithKubeApi } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { FakeKubeApi } from '../helpers/fake-kube-api.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';

let api: FakeKubeApi;
let moto: MotoServer;
let cfn: CloudFormationClient;
let ec2: EC2Client;
let eks: EKSClient;
let work: string;

useMotoWithKubeApi('private-eks cluster-options emulator test', (started, client) => {
  ({ moto, api } = started);
  cfn = client(CloudFormationClient);
  ec2 = client(EC2Client);
  eks = client(EKSClient);
});
beforeEach(async () => {
  await moto.reset();
  api.objects.clear();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-cluster-options-'));
});

const CONFIG = emulatorTestedFile('cluster-options');
const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });

async function identityProviderConfigs(): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${moto.endpoint}/private-eks-test/identity-provider-configs`);
  return (await response.json()) as Record<string, unknown>[];
}

describe('cluster-level eksctl options (emulator)', () => {
  it('creates them, reads them back, and deletes everything, identity provider configs included', async () => {
    // The user's control plane role (serviceRoleARN), made first as the user would have it: EKS
    // refuses a role that does not exist, and so does the emulator.
    const iam = new IAMClient(emulatorClientConfig(moto.endpoint));
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'cluster-options-control-plane',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    iam.destroy();
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    const create = await runCliCaptured(['create', 'cluster', '-f', CONFIG], { env: env() });
    expect(create.code, create.stderr).toBe(0);
    // The aws-auth mappings reach the private API server through the in-VPC runner.
    const awsAuth = api.objects.get('/api/v1/namespaces/kube-system/configmaps/aws-auth');
    expect(JSON.stringify(awsAuth?.['data'] ?? {})).toContain('role/platform-admins');

    expect(await identityProviderConfigs()).toEqual([
      expect.objectContaining({
        clusterName: 'cluster-options',
        identityProviderConfigName: 'corporate-sso',
        issuerUrl: 'https://sso.example.com/oauth2/default',
        clientId: 'kubernetes',
        usernameClaim: 'email',
        groupsClaim: 'groups',
        requiredClaims: { hd: 'example.com' },
        usernamePrefix: 'sso:',
        groupsPrefix: 'sso:',
        tags: expect.objectContaining({ owner: 'identity' }),
      }),
    ]);
    // The account mapping (mapAccounts) and the second role (noDuplicateARNs: one entry for it).
    const data = (awsAuth?.['data'] ?? {}) as { mapRoles?: string; mapAccounts?: string };
    expect(parse(data.mapAccounts ?? '')).toEqual(['210987654321']);
    expect(parse(data.mapRoles ?? '')).toEqual([
      {
        rolearn: 'arn:aws:iam::123456789012:role/platform-admins',
        username: 'platform-admin',
        groups: ['system:masters'],
      },
      { rolearn: 'arn:aws:iam::123456789012:role/platform-readers', username: 'platform-reader', groups: ['readers'] },
    ]);
    // serviceRoleARN: the control plane runs with the user's role.
    const cluster = (await eks.send(new DescribeClusterCommand({ name: 'cluster-options' }))).cluster;
    expect(cluster?.roleArn).toBe('arn:aws:iam::123456789012:role/cluster-options-control-plane');
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'eksctl-cluster-options-cluster' })))
      .Stacks![0]!;
    const output = (key: string) => stack.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [output('SecurityGroup')!] }));
    const ingress = groups.SecurityGroups?.[0]?.IpPermissions ?? [];
    expect(ingress).toEqual([
      expect.objectContaining({
        FromPort: 443,
        ToPort: 443,
        IpRanges: [expect.objectContaining({ CidrIp: '10.99.0.0/16' })],
      }),
    ]);
    const subnets = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: output('SubnetsPrivate')!.split(',') }));
    expect(subnets.Subnets).toHaveLength(3);

    const get = await runCliCaptured(['get', 'cluster', '--name', 'cluster-options', '-o', 'json'], { env: env() });
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout).toContain('cluster-options');

    const del = await runCliCaptured(['delete', 'cluster', '-f', CONFIG], { env: env() });
    expect(del.code, del.stderr).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
    expect(await identityProviderConfigs()).toEqual([]);
  });
});
