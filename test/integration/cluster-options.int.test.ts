/**
 * The cluster-level eksctl options (identity provider, aws-auth mappings, upgrade policy, zonal
 * shift, extra CIDRs, hostname type) through the built CLI against the emulator: create, read back
 * through the AWS APIs (and the emulator's identity-provider store, since moto has no identity
 * provider API: test/helpers/moto/README.md, `eks-identity-provider-config`), get, delete, and
 * nothing left — identity provider configs included.
 *
 * The emulator's API server is not reachable, so the aws-auth mappings come back as a manifest to
 * apply from inside the VPC (the Kubernetes step itself is tested against a local HTTPS API server
 * in test/unit/deploy/kubernetes.test.ts).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
let ec2: EC2Client;
let work: string;

beforeAll(async () => {
  moto = await startMoto();
  for (const [key, value] of Object.entries(moto.env)) vi.stubEnv(key, value);
  cfn = new CloudFormationClient(emulatorClientConfig(moto.endpoint));
  ec2 = new EC2Client(emulatorClientConfig(moto.endpoint));
});
afterAll(async () => {
  cfn?.destroy();
  ec2?.destroy();
  vi.unstubAllEnvs();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-cluster-options-'));
});

const CONFIG = path.join(repoRoot, 'test/fixtures/emulator/cluster-options.yaml');
const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });

async function identityProviderConfigs(): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${moto.endpoint}/private-eks-test/identity-provider-configs`);
  return (await response.json()) as Record<string, unknown>[];
}

describe('cluster-level eksctl options (emulator)', () => {
  it('creates them, reads them back, and deletes everything, identity provider configs included', async () => {
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    const create = await runCliCaptured(['create', 'cluster', '-f', CONFIG], { env: env() });
    expect(create.code, create.stderr).toBe(0);
    // The aws-auth mappings need the Kubernetes API, which the emulator does not serve: a manifest.
    expect(create.stderr).toContain('aws-auth');

    expect(await identityProviderConfigs()).toEqual([
      expect.objectContaining({
        clusterName: 'cluster-options',
        identityProviderConfigName: 'corporate-sso',
        issuerUrl: 'https://sso.example.com/oauth2/default',
        clientId: 'kubernetes',
        usernameClaim: 'email',
        groupsClaim: 'groups',
        requiredClaims: { hd: 'example.com' },
      }),
    ]);
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
