/**
 * Verification through the AWS APIs (src/verify) against the emulator: a created cluster passes
 * (at the end of create and with `get cluster --verify`); each seeded break — an S3 route removed,
 * the endpoints' security group rule revoked, private DNS off, an endpoint deleted — fails the
 * check that names it, with its fix. And with `skipEndpointCreation`, a VPC whose endpoints are all
 * there but one subnet's route table lacks the S3 route fails `doctor` and is refused by `create`
 * before any stack exists.
 *
 * Seeding a removed route and private DNS off needs the emulator's `ec2-vpc-endpoint-modify`
 * extension (moto ignores both in ModifyVpcEndpoint; test/helpers/moto/README.md).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AssociateRouteTableCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
  RevokeSecurityGroupIngressCommand,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

let moto: MotoServer;
let ec2: EC2Client;
let cfn: CloudFormationClient;
let work: string;

useMoto((started, client) => {
  moto = started;
  ec2 = client(EC2Client);
  cfn = client(CloudFormationClient);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-verify-'));
});

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });
const example = (name: string): string => path.join(repoRoot, 'examples', name);

interface Finding {
  check: string;
  status: 'ok' | 'fail';
  resource: string;
  message: string;
  fix?: string;
}

async function verify(): Promise<{ code: number; failed: Finding[]; total: number }> {
  const run = await runCliCaptured(['get', 'cluster', '--name', 'private-cluster', '--verify', '-o', 'json'], {
    env: env(),
  });
  const [cluster] = JSON.parse(run.stdout) as { verification: { findings: Finding[] } }[];
  const findings = cluster?.verification.findings ?? [];
  return { code: run.code, failed: findings.filter((f) => f.status === 'fail'), total: findings.length };
}

async function endpoints(vpcId: string): Promise<VpcEndpoint[]> {
  const out = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  return (out.VpcEndpoints ?? []).filter((e) => (e.State ?? '').toLowerCase() !== 'deleted');
}

const named = (list: readonly VpcEndpoint[], service: string): VpcEndpoint =>
  list.find((e) => e.ServiceName === `com.amazonaws.us-west-2.${service}`) as VpcEndpoint;

describe('verify a created cluster', () => {
  it('passes when healthy and catches each seeded break, naming the resource and the fix', async () => {
    const create = await runCliCaptured(['create', 'cluster', '-f', example('minimal.yaml')], { env: env() });
    expect(create.code, create.stderr).toBe(0);
    expect(create.stderr).toMatch(/verified: \d+ checks passed/);
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'eksctl-private-cluster-cluster' })))
      .Stacks?.[0];
    const vpcId = stack?.Outputs?.find((o) => o.OutputKey === 'VPC')?.OutputValue as string;

    const healthy = await verify();
    expect(healthy.failed).toEqual([]);
    expect(healthy.code).toBe(0);
    const figures: string[] = [`healthy: 0 of ${healthy.total} checks failed`];
    const list = await endpoints(vpcId);

    // 1. The S3 route removed from one route table.
    const s3 = named(list, 's3');
    const table = s3.RouteTableIds?.[0] as string;
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: s3.VpcEndpointId, RemoveRouteTableIds: [table] }));
    const noRoute = await verify();
    expect(noRoute.code).toBe(1);
    expect(noRoute.failed).toEqual([
      expect.objectContaining({
        check: 's3-route',
        resource: table,
        fix: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${s3.VpcEndpointId} --add-route-table-ids ${table}`,
      }),
    ]);
    figures.push(`S3 route removed: ${noRoute.failed.map((f) => `${f.check} ${f.resource}`).join(', ')}`);
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: s3.VpcEndpointId, AddRouteTableIds: [table] }));
    expect((await verify()).failed).toEqual([]);

    // 2. The endpoints' security group no longer admits HTTPS from the VPC.
    const sts = named(list, 'sts');
    const groupId = sts.Groups?.[0]?.GroupId as string;
    const rule = { GroupId: groupId, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '192.168.0.0/16' };
    await ec2.send(new RevokeSecurityGroupIngressCommand(rule));
    const revoked = await verify();
    expect(revoked.failed).toEqual([
      expect.objectContaining({
        check: 'endpoint-security-group',
        resource: groupId,
        fix: expect.stringContaining('--port 443'),
      }),
    ]);
    figures.push(`security group rule revoked: ${revoked.failed.map((f) => `${f.check} ${f.resource}`).join(', ')}`);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand(rule));
    expect((await verify()).failed).toEqual([]);

    // 3. Private DNS off on one interface endpoint.
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: sts.VpcEndpointId, PrivateDnsEnabled: false }));
    const noDns = await verify();
    expect(noDns.failed).toEqual([
      expect.objectContaining({
        check: 'endpoint-private-dns',
        resource: sts.VpcEndpointId,
        fix: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${sts.VpcEndpointId} --private-dns-enabled`,
      }),
    ]);
    figures.push(`private DNS off: ${noDns.failed.map((f) => `${f.check} ${f.resource}`).join(', ')}`);
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: sts.VpcEndpointId, PrivateDnsEnabled: true }));
    expect((await verify()).failed).toEqual([]);

    // 4. An endpoint deleted.
    const ecr = named(list, 'ecr.dkr');
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ecr.VpcEndpointId as string] }));
    const deleted = await verify();
    expect(deleted.failed).toEqual([
      expect.objectContaining({ check: 'endpoint', resource: 'com.amazonaws.us-west-2.ecr.dkr' }),
    ]);
    figures.push(`endpoint deleted: ${deleted.failed.map((f) => `${f.check} ${f.resource}`).join(', ')}`);
    console.log(`[verify figures]\n  ${figures.join('\n  ')}`);
  });
});

describe('skipEndpointCreation: the layout is checked before anything is created', () => {
  it("doctor fails and create refuses when one subnet's route table lacks the S3 route", async () => {
    // The user's VPC with every required endpoint, but the S3 gateway on two of three route tables.
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }))).Vpc?.VpcId as string;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    const zones = ['us-west-2b', 'us-west-2c', 'us-west-2d'];
    const subnetIds: string[] = [];
    const tableIds: string[] = [];
    for (const [i, zone] of zones.entries()) {
      const subnet = await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.30.${i * 32}.0/19`, AvailabilityZone: zone }),
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
    const group = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'endpoints', Description: 'endpoints', VpcId: vpcId }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: group.GroupId,
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        CidrIp: '10.30.0.0/16',
      }),
    );
    for (const service of ['ec2', 'ecr.api', 'ecr.dkr', 'sts']) {
      await ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: vpcId,
          ServiceName: `com.amazonaws.us-west-2.${service}`,
          VpcEndpointType: 'Interface',
          SubnetIds: subnetIds,
          SecurityGroupIds: [group.GroupId as string],
          PrivateDnsEnabled: true,
        }),
      );
    }
    await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpcId,
        ServiceName: 'com.amazonaws.us-west-2.s3',
        VpcEndpointType: 'Gateway',
        RouteTableIds: tableIds.slice(0, 2),
      }),
    );
    const doc = parseDocument(readFileSync(example('existing-vpc.yaml'), 'utf8'));
    doc.setIn(['privateCluster', 'skipEndpointCreation'], true);
    doc.deleteIn(['privateCluster', 'additionalEndpointServices']);
    zones.forEach((zone, i) => doc.setIn(['vpc', 'subnets', 'private', zone, 'id'], subnetIds[i]));
    const file = path.join(work, 'skip.yaml');
    writeFileSync(file, doc.toString());

    const doctor = await runCliCaptured(['doctor', '-f', file, '-o', 'json'], { env: env() });
    expect(doctor.code).toBe(1);
    const checks = (
      JSON.parse(doctor.stdout) as { checks: { id: string; status: string; detail: string; fix?: string }[] }
    ).checks;
    const layout = checks.find((c) => c.id === 'vpc-endpoints');
    expect(layout?.status).toBe('fail');
    expect(layout?.detail).toContain(
      `route table ${tableIds[2]} (subnet ${subnetIds[2]}, us-west-2d) has no route to S3`,
    );
    expect(layout?.fix).toContain(`--add-route-table-ids ${tableIds[2]}`);

    const create = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(create.code).toBe(1);
    expect(create.stderr).toContain(`${tableIds[2]}: route table ${tableIds[2]}`);
    const stacks = await runCliCaptured(['get', 'cluster', '-o', 'json'], { env: env() });
    expect(JSON.parse(stacks.stdout)).toEqual([]);
    console.log(
      `[verify figures] skipEndpointCreation, S3 route missing from ${tableIds[2]}: doctor exit ${doctor.code}, create exit ${create.code}, no stack created`,
    );
  });
});
