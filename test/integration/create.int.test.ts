/**
 * `create cluster` end to end: the real CLI code path (runCliCaptured → config → live facts →
 * templates → deploy) with real SDK clients against the moto emulator (test/helpers/moto.ts, which
 * adds the EKS and OIDC CloudFormation types moto lacks). Every resource is read back through the
 * AWS APIs, as a user would check it.
 *
 * What the emulator cannot show (TESTBED §2): per-resource stack events (only stack-level ones),
 * real status transitions (everything is complete at once), instances joining. Those paths are
 * covered by the unit tests in test/unit/deploy.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import {
  AssociateRouteTableCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { DescribeClusterCommand, EKSClient, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

let moto: MotoServer;
let ec2: EC2Client;
let cfn: CloudFormationClient;
let eks: EKSClient;
let iam: IAMClient;
let work: string;

useMoto((started, client) => {
  moto = started;
  ec2 = client(EC2Client);
  cfn = client(CloudFormationClient);
  eks = client(EKSClient);
  iam = client(IAMClient);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-create-'));
});

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });
const example = (name: string): string => path.join(repoRoot, 'examples', name);

async function stack(name: string) {
  const out = await cfn.send(new DescribeStacksCommand({ StackName: name }));
  const s = out.Stacks?.[0];
  return {
    status: s?.StackStatus,
    tags: Object.fromEntries((s?.Tags ?? []).map((t) => [t.Key, t.Value])),
    outputs: Object.fromEntries((s?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue])),
  };
}

async function physicalIds(stackName: string, type: string): Promise<string[]> {
  const out = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  return (out.StackResources ?? []).filter((r) => r.ResourceType === type).map((r) => r.PhysicalResourceId ?? '');
}

describe('create cluster (emulator)', () => {
  it("creates the seed's minimal example and every resource reads back as planned", async () => {
    const run = await runCliCaptured(['create', 'cluster', '-f', example('minimal.yaml')], { env: env() });
    expect(run.stderr).toContain('cluster "private-cluster" in us-west-2: ready');
    expect(run.code).toBe(0);

    // Stacks: names and tags as eksctl (SPEC §6), outputs including ClusterFullyPrivate.
    const cluster = await stack('eksctl-private-cluster-cluster');
    expect(cluster.status).toBe('CREATE_COMPLETE');
    expect(cluster.tags).toMatchObject({
      'alpha.eksctl.io/cluster-name': 'private-cluster',
      'eksctl.cluster.k8s.io/v1alpha1/cluster-name': 'private-cluster',
      'private-eks.io/version': expect.any(String),
    });
    expect(cluster.outputs).toMatchObject({ ClusterFullyPrivate: 'true', VPC: expect.stringMatching(/^vpc-/) });
    for (const name of ['eksctl-private-cluster-nodegroup-ng1', 'eksctl-private-cluster-nodegroup-m1']) {
      expect((await stack(name)).status).toBe('CREATE_COMPLETE');
    }
    const vpcId = cluster.outputs['VPC'] as string;

    // VPC: DNS support and hostnames (private DNS of interface endpoints needs both), no IGW, no NAT.
    // moto's AWS::EC2::VPC ignores EnableDnsHostnames/EnableDnsSupport (moto/ec2/models/vpcs.py
    // create_from_cloudformation_json passes only the CIDR and tenancy), so the hostnames flag is
    // checked in the template the stack was created from; support is on by default and read back.
    const deployed = JSON.parse(
      (await cfn.send(new GetTemplateCommand({ StackName: 'eksctl-private-cluster-cluster' }))).TemplateBody ?? '{}',
    );
    const vpcResource = Object.values(deployed.Resources as Record<string, { Type: string; Properties: unknown }>).find(
      (r) => r.Type === 'AWS::EC2::VPC',
    );
    expect(vpcResource?.Properties).toMatchObject({ EnableDnsHostnames: true, EnableDnsSupport: true });
    const dnsSupport = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }));
    expect(dnsSupport.EnableDnsSupport?.Value).toBe(true);
    const vpcFilter = [{ Name: 'vpc-id', Values: [vpcId] }];
    const igws = await ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
    );
    expect(igws.InternetGateways ?? []).toEqual([]);
    const nats = await ec2.send(new DescribeNatGatewaysCommand({ Filter: vpcFilter }));
    expect(nats.NatGateways ?? []).toEqual([]);

    // Subnets: 3 private ones with eksctl's CIDR layout (SPEC §4), no public IPs.
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: vpcFilter }))).Subnets ?? [];
    expect(subnets.map((s) => [s.AvailabilityZone, s.CidrBlock]).sort()).toEqual([
      ['us-west-2a', '192.168.96.0/19'],
      ['us-west-2b', '192.168.128.0/19'],
      ['us-west-2c', '192.168.160.0/19'],
    ]);
    expect(subnets.every((s) => s.MapPublicIpOnLaunch !== true)).toBe(true);

    // Route tables: one explicit table per subnet; routes: local and the S3 prefix list only.
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: vpcFilter }))).RouteTables ?? [];
    const explicit = tables.filter((t) => (t.Associations ?? []).some((a) => a.SubnetId !== undefined));
    expect(explicit).toHaveLength(3);
    for (const table of explicit) {
      for (const route of table.Routes ?? []) {
        expect(route.GatewayId === 'local' || route.DestinationPrefixListId !== undefined).toBe(true);
      }
      expect((table.Routes ?? []).some((r) => r.DestinationPrefixListId !== undefined)).toBe(true);
    }

    // Endpoints: E1 in order; interface ones with one subnet per zone and private DNS; s3 as Gateway.
    const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: vpcFilter }))).VpcEndpoints ?? [];
    const byService = Object.fromEntries(endpoints.map((e) => [e.ServiceName, e]));
    expect(Object.keys(byService).sort()).toEqual(
      ['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts'].map((s) => `com.amazonaws.us-west-2.${s}`).sort(),
    );
    const subnetIds = subnets.map((s) => s.SubnetId).sort();
    const endpointSg = new Set<string>();
    for (const service of ['ec2', 'ecr.api', 'ecr.dkr', 'sts']) {
      const e = byService[`com.amazonaws.us-west-2.${service}`];
      expect(e?.VpcEndpointType).toBe('Interface');
      expect(e?.PrivateDnsEnabled).toBe(true);
      expect([...(e?.SubnetIds ?? [])].sort()).toEqual(subnetIds);
      for (const g of e?.Groups ?? []) endpointSg.add(g.GroupId ?? '');
    }
    const s3 = byService['com.amazonaws.us-west-2.s3'];
    expect(s3?.VpcEndpointType).toBe('Gateway');
    expect([...(s3?.RouteTableIds ?? [])].sort()).toEqual(explicit.map((t) => t.RouteTableId).sort());

    // The endpoint security group: TCP 443 from the VPC CIDR only.
    expect(endpointSg.size).toBe(1);
    const sg = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [...endpointSg] }))).SecurityGroups?.[0];
    expect(sg?.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [expect.objectContaining({ CidrIp: '192.168.0.0/16' })],
      }),
    ]);

    // IAM: the control-plane role and both node roles exist.
    const roles = (await iam.send(new ListRolesCommand({}))).Roles ?? [];
    const roleArns = new Set(roles.map((r) => r.Arn));
    const clusterRoles = await physicalIds('eksctl-private-cluster-cluster', 'AWS::IAM::Role');
    expect(clusterRoles.length).toBeGreaterThanOrEqual(1);
    const nodeRoleArns = [
      (await stack('eksctl-private-cluster-nodegroup-ng1')).outputs['InstanceRoleARN'],
      (await stack('eksctl-private-cluster-nodegroup-m1')).outputs['InstanceRoleARN'],
    ];
    for (const arn of nodeRoleArns) expect(roleArns.has(arn)).toBe(true);

    // EKS: private-only from the first minute (no step needs the Kubernetes API), in the private subnets.
    const described = (await eks.send(new DescribeClusterCommand({ name: 'private-cluster' }))).cluster;
    expect(described?.status).toBe('ACTIVE');
    expect(described?.resourcesVpcConfig).toMatchObject({ endpointPublicAccess: false, endpointPrivateAccess: true });
    expect([...(described?.resourcesVpcConfig?.subnetIds ?? [])].sort()).toEqual(subnetIds);
    const nodegroups = await eks.send(new ListNodegroupsCommand({ clusterName: 'private-cluster' }));
    expect(nodegroups.nodegroups).toEqual(['m1']);
    // ng1 is self-managed: a launch template and an auto scaling group in its stack.
    expect(
      await physicalIds('eksctl-private-cluster-nodegroup-ng1', 'AWS::AutoScaling::AutoScalingGroup'),
    ).toHaveLength(1);

    // The kubeconfig entry: the cluster's endpoint and CA, user exec aws eks get-token.
    const kubeconfig = parse(readFileSync(path.join(work, 'kubeconfig'), 'utf8'));
    expect(kubeconfig['current-context']).toBe(described?.arn);
    expect(kubeconfig.clusters[0].cluster.server).toBe(described?.endpoint);
    expect(kubeconfig.users[0].user.exec.args).toEqual([
      'eks',
      'get-token',
      '--cluster-name',
      'private-cluster',
      '--region',
      'us-west-2',
      '--output',
      'json',
    ]);
  });

  it('creates the user-supplied VPC example in a VPC the test made, with explicit route tables', async () => {
    // What the user has before private-eks runs: a VPC with DNS on, three private subnets, each
    // explicitly associated with its own route table (SPEC §5.5).
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc;
    const vpcId = vpc?.VpcId as string;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    const zones = ['us-west-2b', 'us-west-2c', 'us-west-2d'];
    const subnetIds: string[] = [];
    const tableIds: string[] = [];
    for (const [i, zone] of zones.entries()) {
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
    // The seed's example, with the subnet ids of this VPC.
    const doc = parseDocument(readFileSync(example('existing-vpc.yaml'), 'utf8'));
    zones.forEach((zone, i) => doc.setIn(['vpc', 'subnets', 'private', zone, 'id'], subnetIds[i]));
    const file = path.join(work, 'existing-vpc.yaml');
    writeFileSync(file, doc.toString());
    const vpcsBefore = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length ?? 0;

    const run = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(run.stderr).toContain('ready');
    expect(run.code).toBe(0);

    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length).toBe(vpcsBefore);
    const cluster = await stack('eksctl-private-cluster-cluster');
    expect(cluster.outputs['VPC']).toBe(vpcId);
    const endpoints =
      (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })))
        .VpcEndpoints ?? [];
    const services = endpoints.map((e) => e.ServiceName?.replace('com.amazonaws.us-west-2.', '')).sort();
    expect(services).toEqual(['autoscaling', 'ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts']);
    for (const e of endpoints) {
      if (e.VpcEndpointType === 'Interface') expect([...(e.SubnetIds ?? [])].sort()).toEqual([...subnetIds].sort());
      else expect([...(e.RouteTableIds ?? [])].sort()).toEqual([...tableIds].sort());
    }
    // The supplied route tables got the S3 route; the main route table was not touched.
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: tableIds }))).RouteTables ?? [];
    for (const t of tables) expect((t.Routes ?? []).some((r) => r.DestinationPrefixListId !== undefined)).toBe(true);
    const main = (
      await ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'association.main', Values: ['true'] },
          ],
        }),
      )
    ).RouteTables?.[0];
    expect((main?.Routes ?? []).every((r) => r.DestinationPrefixListId === undefined)).toBe(true);
    const described = (await eks.send(new DescribeClusterCommand({ name: 'private-cluster' }))).cluster;
    expect([...(described?.resourcesVpcConfig?.subnetIds ?? [])].sort()).toEqual([...subnetIds].sort());
    expect(described?.resourcesVpcConfig).toMatchObject({ endpointPublicAccess: false, endpointPrivateAccess: true });
  });

  it('writes one template per stack with --out-dir and prints the plan with --dry-run without creating anything', async () => {
    const dir = path.join(work, 'templates');
    const dry = await runCliCaptured(['create', 'cluster', '-f', example('minimal.yaml'), '--dry-run'], { env: env() });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('private-cluster');
    expect((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).toEqual([]);

    const run = await runCliCaptured(
      ['create', 'cluster', '-f', example('minimal.yaml'), '--out-dir', dir, '-o', 'json'],
      { env: env() },
    );
    expect(run.code).toBe(0);
    for (const name of ['cluster', 'nodegroup-ng1', 'nodegroup-m1', 'addons']) {
      const template = JSON.parse(readFileSync(path.join(dir, `eksctl-private-cluster-${name}.json`), 'utf8'));
      expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    }
    const result = JSON.parse(run.stdout);
    expect(result.outcome).toBe('created');
    expect(result.stacks.map((s: { stack: string }) => s.stack).sort()).toEqual([
      'eksctl-private-cluster-addons',
      'eksctl-private-cluster-cluster',
      'eksctl-private-cluster-nodegroup-m1',
      'eksctl-private-cluster-nodegroup-ng1',
    ]);
  });
});
