/**
 * Two clusters in one supplied VPC, end to end through the CLI code path against the emulator: the
 * VPC's endpoints live in their own stack (`private-eks-endpoints-<vpc>`), shared by both clusters;
 * deleting the first leaves the second's endpoints and S3 routes intact (read back through the EC2
 * API), deleting the second removes the stack and leaves nothing behind. Also: the control plane's
 * log group, when one of the same name is already there, is adopted and kept on delete.
 *
 * The emulator's `ec2-vpc-endpoint-modify` extension makes a stack update of an endpoint change it in
 * place (test/helpers/moto/README.md), as CloudFormation does: the second cluster grows the stack.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AssociateRouteTableCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';

let moto: MotoServer;
let ec2: EC2Client;
let cfn: CloudFormationClient;
let logs: CloudWatchLogsClient;
let work: string;

useMoto((started, client) => {
  moto = started;
  ec2 = client(EC2Client);
  cfn = client(CloudFormationClient);
  logs = client(CloudWatchLogsClient);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-shared-vpc-'));
});

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });
const example = (name: string): string => path.join(repoRoot, 'examples', name);

interface SuppliedVpc {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly tableIds: readonly string[];
}

/** A VPC as a user has it: DNS on, three private subnets, each with its own explicit route table. */
async function suppliedVpc(): Promise<SuppliedVpc> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc?.VpcId as string;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const subnetIds: string[] = [];
  const tableIds: string[] = [];
  for (const [i, zone] of ['us-west-2b', 'us-west-2c', 'us-west-2d'].entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.20.${i * 32}.0/19`, AvailabilityZone: zone }),
    );
    const table = await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }));
    await ec2.send(
      new AssociateRouteTableCommand({
        RouteTableId: table.RouteTable?.RouteTableId,
        SubnetId: subnet.Subnet?.SubnetId,
      }),
    );
    subnetIds.push(subnet.Subnet?.SubnetId as string);
    tableIds.push(table.RouteTable?.RouteTableId as string);
  }
  return { vpcId, subnetIds, tableIds };
}

/** examples/existing-vpc.yaml for this VPC, under another cluster name, with more endpoint services. */
function clusterFile(vpc: SuppliedVpc, name: string, services: readonly string[]): string {
  const doc = parseDocument(readFileSync(emulatorTestedFile('existing-vpc'), 'utf8'));
  doc.setIn(['metadata', 'name'], name);
  doc.setIn(['privateCluster', 'additionalEndpointServices'], [...services]);
  ['us-west-2b', 'us-west-2c', 'us-west-2d'].forEach((zone, i) =>
    doc.setIn(['vpc', 'subnets', 'private', zone, 'id'], vpc.subnetIds[i]),
  );
  const file = path.join(work, `${name}.yaml`);
  writeFileSync(file, doc.toString());
  return file;
}

async function liveEndpoints(vpcId: string): Promise<VpcEndpoint[]> {
  const out = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  return (out.VpcEndpoints ?? []).filter((e) => (e.State ?? '').toLowerCase() !== 'deleted');
}

const service = (e: VpcEndpoint): string => (e.ServiceName ?? '').replace('com.amazonaws.us-west-2.', '');

async function stackTags(name: string): Promise<Record<string, string> | undefined> {
  try {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (stack === undefined || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
    return Object.fromEntries((stack.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  } catch {
    return undefined;
  }
}

/** Every supplied route table routes S3 through one gateway endpoint of the VPC. */
async function s3Routes(vpc: SuppliedVpc): Promise<Record<string, string[]>> {
  const tables =
    (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [...vpc.tableIds] }))).RouteTables ?? [];
  return Object.fromEntries(
    tables.map((t) => [
      t.RouteTableId ?? '',
      (t.Routes ?? []).flatMap((r) => (r.DestinationPrefixListId === undefined ? [] : [r.GatewayId ?? ''])),
    ]),
  );
}

describe('two clusters in one supplied VPC', () => {
  it('share one endpoints stack; deleting A keeps B’s endpoints and routes; deleting B removes them', async () => {
    const vpc = await suppliedVpc();
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    const sharedStack = `private-eks-endpoints-${vpc.vpcId}`;

    const a = await runCliCaptured(['create', 'cluster', '-f', clusterFile(vpc, 'cluster-a', ['autoscaling'])], {
      env: env(),
    });
    expect(a.code, a.stderr).toBe(0);
    expect(await stackTags(sharedStack)).toMatchObject({
      'private-eks.io/endpoints-vpc': vpc.vpcId,
      'private-eks.io/endpoint-user/cluster-a': 'eksctl-cluster-a-cluster',
    });
    const afterA = await liveEndpoints(vpc.vpcId);
    expect(afterA.map(service).sort()).toEqual(['autoscaling', 'ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts']);

    // B asks for one service more: the stack grows by it, nothing is duplicated.
    const b = await runCliCaptured(['create', 'cluster', '-f', clusterFile(vpc, 'cluster-b', ['autoscaling', 'ssm'])], {
      env: env(),
    });
    expect(b.code, b.stderr).toBe(0);
    const tagsAB = await stackTags(sharedStack);
    expect(
      Object.keys(tagsAB ?? {})
        .filter((k) => k.startsWith('private-eks.io/endpoint-user/'))
        .sort(),
    ).toEqual(['private-eks.io/endpoint-user/cluster-a', 'private-eks.io/endpoint-user/cluster-b']);
    const afterB = await liveEndpoints(vpc.vpcId);
    expect(afterB.map(service).sort()).toEqual(['autoscaling', 'ec2', 'ecr.api', 'ecr.dkr', 's3', 'ssm', 'sts']);
    for (const e of afterA) expect(afterB.map((x) => x.VpcEndpointId)).toContain(e.VpcEndpointId);
    const gateway = afterB.find((e) => service(e) === 's3')?.VpcEndpointId as string;
    const routesAB = await s3Routes(vpc);

    // Delete A: B's endpoints (same ids, all available, private DNS on, in B's subnets) and routes stay.
    const delA = await runCliCaptured(['delete', 'cluster', '--name', 'cluster-a', '--region', 'us-west-2'], {
      env: env(),
    });
    expect(delA.code, delA.stderr).toBe(0);
    expect(delA.stderr).toContain(`kept the VPC endpoints stack ${sharedStack}: still used by "cluster-b"`);
    expect(await stackTags('eksctl-cluster-a-cluster')).toBeUndefined();
    const tagsB = await stackTags(sharedStack);
    expect(tagsB?.['private-eks.io/endpoint-user/cluster-a']).toBeUndefined();
    expect(tagsB?.['private-eks.io/endpoint-user/cluster-b']).toBe('eksctl-cluster-b-cluster');
    const afterDelA = await liveEndpoints(vpc.vpcId);
    console.log(
      `[shared-vpc figures] after deleting cluster-a: ${afterDelA.length} of ${afterB.length} endpoints of ${vpc.vpcId} available; S3 routes ${JSON.stringify(await s3Routes(vpc))}`,
    );
    expect(afterDelA.map((e) => e.VpcEndpointId).sort()).toEqual(afterB.map((e) => e.VpcEndpointId).sort());
    for (const e of afterDelA) {
      expect((e.State ?? '').toLowerCase()).toBe('available');
      if (e.VpcEndpointType === 'Interface') {
        expect(e.PrivateDnsEnabled).toBe(true);
        expect([...(e.SubnetIds ?? [])].sort()).toEqual([...vpc.subnetIds].sort());
      }
    }
    expect(await s3Routes(vpc)).toEqual(routesAB);
    for (const table of vpc.tableIds) expect((await s3Routes(vpc))[table]).toEqual([gateway]);

    // Delete B, the last user: the stack goes, and with it every endpoint and S3 route.
    const delB = await runCliCaptured(['delete', 'cluster', '--name', 'cluster-b', '--region', 'us-west-2'], {
      env: env(),
    });
    expect(delB.code, delB.stderr).toBe(0);
    expect(await stackTags(sharedStack)).toBeUndefined();
    expect(await liveEndpoints(vpc.vpcId)).toEqual([]);
    for (const table of vpc.tableIds) expect((await s3Routes(vpc))[table]).toEqual([]);
    const after = await takeInventory(emulatorClientConfig(moto.endpoint));
    expect(leftovers(before, after)).toEqual({});
  });
});

describe('the control plane log group', () => {
  it('one left by an earlier cluster of the same name is adopted (retention set) and kept on delete', async () => {
    // What EKS leaves behind when a cluster with logging is deleted: the group, its logs, no retention.
    const name = '/aws/eks/logging-cluster/cluster';
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const file = path.join(work, 'logging.yaml');
    writeFileSync(file, readFileSync(example('cloudwatch-logging.yaml'), 'utf8').replace('us-east-2', 'us-west-2'));

    const create = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(create.code, create.stderr).toBe(0);
    expect(create.stderr).toContain(`adopted the existing log group ${name}`);
    const group = async () =>
      (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups?.find(
        (g) => g.logGroupName === name,
      );
    expect((await group())?.retentionInDays).toBe(30);

    const del = await runCliCaptured(['delete', 'cluster', '--name', 'logging-cluster', '--region', 'us-west-2'], {
      env: env(),
    });
    expect(del.code, del.stderr).toBe(0);
    expect(del.stderr).toContain(`kept the log group ${name}`);
    expect((await group())?.retentionInDays).toBe(30);

    // The same name again (the kept group adopted a second time), then deleted with --delete-logs.
    const again = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`adopted the existing log group ${name}`);
    const purge = await runCliCaptured(
      ['delete', 'cluster', '--name', 'logging-cluster', '--region', 'us-west-2', '--delete-logs'],
      { env: env() },
    );
    expect(purge.code, purge.stderr).toBe(0);
    expect(await group()).toBeUndefined();
  });
});
