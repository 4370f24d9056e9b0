/**
 * `delete cluster` end to end against the emulator (SPEC §8): it leaves nothing of the cluster
 * behind (an inventory of every kind of resource before the create and after the delete must be
 * equal), deleting twice is a clear "no cluster" error, and --force goes past an injected failure,
 * lists what is left and exits 4.
 *
 * The injected failure is one users meet: a subnet someone added by hand to the cluster's VPC, so
 * the VPC cannot be deleted (DependencyViolation) and the cluster stack ends DELETE_FAILED (the
 * launcher's cfn-delete-failed-status extension gives CloudFormation's status for it).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  DeleteSubnetCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
let ec2: EC2Client;
let work: string;

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
  ec2 = client(EC2Client);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-delete-'));
});

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });
const MINIMAL = emulatorTestedFile('minimal');

async function createMinimal(): Promise<string> {
  const run = await runCliCaptured(['create', 'cluster', '-f', MINIMAL], { env: env() });
  expect(run.code, run.stderr).toBe(0);
  const out = await cfn.send(new DescribeStacksCommand({ StackName: 'eksctl-private-cluster-cluster' }));
  return out.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'VPC')?.OutputValue as string;
}

describe('delete cluster (emulator)', () => {
  it('leaves nothing of the cluster behind, and a second delete is a clear "no cluster" error', async () => {
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    await createMinimal();
    const during = await takeInventory(emulatorClientConfig(moto.endpoint));
    // The create made something of every kind the delete must remove.
    expect(Object.keys(leftovers(before, during)).sort()).toEqual(
      expect.arrayContaining([
        'eksClusters',
        'eksNodegroups',
        'roles',
        'routeTables',
        'securityGroups',
        'stacks',
        'subnets',
        'vpcEndpoints',
        'vpcs',
      ]),
    );

    const run = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL], { env: env() });
    expect(run.stderr).toContain('cluster "private-cluster": deleted');
    expect(run.code).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
    // The kubeconfig entry went too (the file stays, without it).
    const kubeconfig = parse(readFileSync(path.join(work, 'kubeconfig'), 'utf8'));
    expect(kubeconfig.clusters).toEqual([]);

    const again = await runCliCaptured(['delete', 'cluster', '--name', 'private-cluster', '--region', 'us-west-2'], {
      env: env(),
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error: no cluster named "private-cluster" in us-west-2');
  });

  it('deletes security groups tagged for the cluster that no stack owns (left by in-cluster controllers)', async () => {
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    const vpcId = await createMinimal();
    const sg = await ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpcId,
        GroupName: 'k8s-elb-a1b2c3',
        Description: 'Security group for Kubernetes ELB a1b2c3 (default/web)',
        TagSpecifications: [
          { ResourceType: 'security-group', Tags: [{ Key: 'kubernetes.io/cluster/private-cluster', Value: 'owned' }] },
        ],
      }),
    );
    const run = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`deleted security-group ${sg.GroupId}`);
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: [sg.GroupId as string] }] }),
    );
    expect(groups.SecurityGroups ?? []).toEqual([]);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });

  it('stops at a blocked VPC and names it; --force goes on, lists what is left and exits 4', async () => {
    const vpcId = await createMinimal();
    // Someone added a subnet by hand (in the unused first /19 of the VPC): the VPC cannot go.
    const extra = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '192.168.0.0/24', AvailabilityZone: 'us-west-2a' }),
    );

    const plain = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL], { env: env() });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(
      /failed cluster: stack eksctl-private-cluster-cluster is DELETE_FAILED: \S+ \(AWS::EC2::VPC\) DELETE_FAILED: /,
    );
    expect(plain.stderr).toContain('[kubeconfig] skipped: cluster failed');
    expect(parse(readFileSync(path.join(work, 'kubeconfig'), 'utf8')).clusters).toHaveLength(1);

    const forced = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL, '--force', '-o', 'json'], { env: env() });
    expect(forced.code).toBe(4);
    expect(forced.stderr).toContain('partly deleted (--force)');
    const result = JSON.parse(forced.stdout);
    expect(result.outcome).toBe('partial');
    expect(result.leftovers).toEqual([
      expect.objectContaining({
        kind: 'stack',
        id: 'eksctl-private-cluster-cluster',
        reason: expect.stringMatching(/DELETE_FAILED/),
      }),
    ]);
    // --force went past the failure: the kubeconfig entry is gone even though the cluster stack is not.
    expect(parse(readFileSync(path.join(work, 'kubeconfig'), 'utf8')).clusters).toEqual([]);

    // Once the blocker is gone, deleting again finishes the job (a DELETE_FAILED stack is deleted again).
    await ec2.send(new DeleteSubnetCommand({ SubnetId: extra.Subnet?.SubnetId }));
    const last = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL], { env: env() });
    expect(last.code).toBe(0);
    expect(existsSync(path.join(work, 'kubeconfig'))).toBe(true);
    const gone = await cfn.send(new DescribeStacksCommand({})).then((o) => o.Stacks ?? []);
    expect(gone).toEqual([]);
  });
});
