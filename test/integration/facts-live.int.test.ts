/**
 * Live CloudFacts and buildPlan against the moto emulator (a real server on 127.0.0.1, real SDK v3
 * EC2 client). What moto can prove (TESTBED §2.2): zones and zone IDs, the endpoint-service
 * catalogue (names, types, InvalidServiceName for unknown names), VPC attributes, subnets, route
 * tables (main and explicit associations), routes and existing endpoints. What it cannot: a
 * service missing from one zone (moto offers every service in every zone) — that case is covered
 * by the unit tests over recorded responses.
 */
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPlan, createLiveFacts } from '../../src/plan/index.js';
import type { CloudFacts } from '../../src/plan/index.js';
import { resolvedConfig, seedMinimalConfig, suppliedSubnets } from '../helpers/resolved-config.js';
import { startMoto } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';
import type { MotoServer } from '../helpers/moto.js';

const REGION = 'us-west-2';
let moto: MotoServer;
let ec2: EC2Client;
let facts: CloudFacts;

beforeAll(async () => {
  moto = await startMoto({ region: REGION });
  ec2 = new EC2Client({
    region: REGION,
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
  facts = createLiveFacts({ ec2 });
});
afterAll(async () => {
  ec2?.destroy();
  await moto?.stop();
});
beforeEach(() => moto.reset());

interface Vpc {
  readonly vpcId: string;
  readonly subnets: Record<string, string>;
  readonly routeTables: Record<string, string>;
  readonly mainRouteTable: string;
}

/**
 * A VPC with DNS on, a private subnet in us-west-2b/c/d, each with its own explicit route table —
 * except `onMainTable`, explicitly associated with the VPC's main route table instead.
 */
async function createVpc(onMainTable?: string): Promise<Vpc> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const main = await ec2.send(
    new DescribeRouteTablesCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'association.main', Values: ['true'] },
      ],
    }),
  );
  const mainRouteTable = main.RouteTables![0]!.RouteTableId!;
  const subnets: Record<string, string> = {};
  const routeTables: Record<string, string> = {};
  for (const [i, zone] of ['us-west-2b', 'us-west-2c', 'us-west-2d'].entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, AvailabilityZone: zone, CidrBlock: `10.20.${i * 32}.0/19` }),
    );
    subnets[zone] = subnet.Subnet!.SubnetId!;
    routeTables[zone] =
      zone === onMainTable
        ? mainRouteTable
        : (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTables[zone], SubnetId: subnets[zone] }));
  }
  return { vpcId, subnets, routeTables, mainRouteTable };
}

const configFor = (vpc: Vpc) =>
  seedMinimalConfig({
    availabilityZones: Object.keys(vpc.subnets),
    vpc: { id: vpc.vpcId, cidr: '10.20.0.0/16', privateSubnets: suppliedSubnets(vpc.subnets) },
  });

describe('live facts from the emulator', () => {
  it("zones are moto's us-west-2 table", async () => {
    const zones = await facts.availabilityZones(REGION);
    expect(zones.map((z) => [z.name, z.zoneId, z.zoneType, z.state])).toEqual([
      ['us-west-2a', 'usw2-az2', 'availability-zone', 'available'],
      ['us-west-2b', 'usw2-az1', 'availability-zone', 'available'],
      ['us-west-2c', 'usw2-az3', 'availability-zone', 'available'],
      ['us-west-2d', 'usw2-az4', 'availability-zone', 'available'],
    ]);
  });

  it('endpoint services: s3 as both types, a bogus name rejected with InvalidServiceName and reported missing', async () => {
    const names = [
      'com.amazonaws.us-west-2.ecr.api',
      'com.amazonaws.us-west-2.s3',
      'com.amazonaws.us-west-2.no-such-service',
    ];
    const lookup = await facts.endpointServices(REGION, names);
    expect(lookup.missing).toEqual(['com.amazonaws.us-west-2.no-such-service']);
    expect(lookup.found.map((f) => [f.serviceName, f.types])).toEqual([
      ['com.amazonaws.us-west-2.ecr.api', ['Interface']],
      ['com.amazonaws.us-west-2.s3', ['Interface', 'Gateway']],
    ]);
    expect(lookup.found[0]?.availabilityZones).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']);
  });

  it('the VPC, its subnets and route tables as created', async () => {
    const vpc = await createVpc();
    expect(await facts.describeVpc(REGION, vpc.vpcId)).toEqual({
      id: vpc.vpcId,
      cidrs: ['10.20.0.0/16'],
      enableDnsSupport: true,
      enableDnsHostnames: true,
    });
    const subnets = await facts.describeSubnets(REGION, { ids: Object.values(vpc.subnets) });
    expect(subnets.map((s) => [s.availabilityZone, s.cidr, s.vpcId]).sort()).toEqual([
      ['us-west-2b', '10.20.0.0/19', vpc.vpcId],
      ['us-west-2c', '10.20.32.0/19', vpc.vpcId],
      ['us-west-2d', '10.20.64.0/19', vpc.vpcId],
    ]);
    const tables = await facts.describeRouteTables(REGION, vpc.vpcId);
    expect(tables.find((t) => t.main)?.id).toBe(vpc.mainRouteTable);
    expect(tables.find((t) => t.id === vpc.routeTables['us-west-2c'])?.subnetIds).toEqual([vpc.subnets['us-west-2c']]);
  });
});

describe('buildPlan with live facts from the emulator', () => {
  it('a new VPC: 3 zones, E1 in every zone', async () => {
    const result = await buildPlan(seedMinimalConfig(), facts);
    expect(result.problems).toEqual([]);
    expect(result.plan?.offline).toBe(false);
    expect(result.plan?.availabilityZones).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect(result.plan?.endpoints.map((e) => `${e.service}:${e.type}:${e.availabilityZones.length}`)).toEqual([
      'ec2:Interface:3',
      'ecr.api:Interface:3',
      'ecr.dkr:Interface:3',
      's3:Gateway:3',
      'sts:Interface:3',
    ]);
  });

  it('a supplied VPC with explicit route tables; existing endpoints are reused', async () => {
    const vpc = await createVpc();
    const ecrApi = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc.vpcId,
        ServiceName: 'com.amazonaws.us-west-2.ecr.api',
        VpcEndpointType: 'Interface',
        SubnetIds: [vpc.subnets['us-west-2b']!, vpc.subnets['us-west-2c']!],
        PrivateDnsEnabled: true,
      }),
    );
    const s3 = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc.vpcId,
        ServiceName: 'com.amazonaws.us-west-2.s3',
        VpcEndpointType: 'Gateway',
        RouteTableIds: [vpc.routeTables['us-west-2b']!],
      }),
    );
    const result = await buildPlan(configFor(vpc), facts);
    expect(result.problems).toEqual([]);
    const plan = result.plan!;
    expect(plan.vpc).toEqual({ id: vpc.vpcId, cidrs: ['10.20.0.0/16'] });
    expect(plan.subnets.map((s) => [s.az, s.id, s.routeTableId])).toEqual([
      ['us-west-2b', vpc.subnets['us-west-2b'], vpc.routeTables['us-west-2b']],
      ['us-west-2c', vpc.subnets['us-west-2c'], vpc.routeTables['us-west-2c']],
      ['us-west-2d', vpc.subnets['us-west-2d'], vpc.routeTables['us-west-2d']],
    ]);
    const byService = Object.fromEntries(plan.endpoints.map((e) => [e.service, e]));
    expect(byService['ecr.api']).toMatchObject({ reused: true, existingId: ecrApi.VpcEndpoint!.VpcEndpointId });
    // The existing gateway covers rtb-b (its prefix-list route is there); a new one takes c and d.
    expect(byService['s3']).toMatchObject({
      reused: false,
      routeTables: [{ id: vpc.routeTables['us-west-2c'] }, { id: vpc.routeTables['us-west-2d'] }],
    });
    expect(s3.VpcEndpoint?.VpcEndpointId).toMatch(/^vpce-/);
    expect(byService['ec2']).toMatchObject({
      reused: false,
      subnets: Object.values(vpc.subnets).map((id) => ({ id })),
    });
  });

  it('a subnet on the main route table and a subnet routed to an internet gateway are errors naming them', async () => {
    const vpc = await createVpc('us-west-2c');
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc.vpcId }));
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: vpc.routeTables['us-west-2d'],
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: igw,
      }),
    );
    const result = await buildPlan(configFor(vpc), facts);
    expect(result.plan).toBeUndefined();
    expect(result.problems.map((p) => [p.rule, p.path])).toEqual([
      ['V21', 'vpc.subnets.private.us-west-2c'],
      ['V21', 'vpc.subnets.private.us-west-2d'],
    ]);
    expect(result.problems[0]?.message).toContain(
      `subnet "${vpc.subnets['us-west-2c']}" is associated with the main route table`,
    );
    expect(result.problems[1]?.message).toContain(`has a route to internet gateway "${igw}"`);
  });

  it('a VPC without DNS hostnames (moto, like AWS, creates VPCs with hostnames off)', async () => {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }))).Vpc!.VpcId!;
    const a = (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, AvailabilityZone: 'us-west-2a', CidrBlock: '10.30.0.0/20' }),
      )
    ).Subnet!.SubnetId!;
    const b = (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, AvailabilityZone: 'us-west-2b', CidrBlock: '10.30.16.0/20' }),
      )
    ).Subnet!.SubnetId!;
    const config = resolvedConfig({
      availabilityZones: ['us-west-2a', 'us-west-2b'],
      privateCluster: { skipEndpointCreation: true },
      vpc: { id: vpcId, privateSubnets: suppliedSubnets({ 'us-west-2a': a, 'us-west-2b': b }) },
    });
    const result = await buildPlan(config, facts);
    expect(result.problems.map((p) => p.message)).toEqual([
      `VPC "${vpcId}" must have DNS support and DNS hostnames enabled: the interface endpoints' private DNS needs both (enableDnsSupport: true, enableDnsHostnames: false)`,
    ]);
  });

  it('skipEndpointCreation lists the required endpoints the VPC lacks', async () => {
    const vpc = await createVpc();
    await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc.vpcId,
        ServiceName: 'com.amazonaws.us-west-2.sts',
        VpcEndpointType: 'Interface',
        SubnetIds: [vpc.subnets['us-west-2b']!],
        PrivateDnsEnabled: true,
      }),
    );
    const config = configFor(vpc);
    const result = await buildPlan(
      { ...config, privateCluster: { skipEndpointCreation: true, additionalEndpointServices: [] } },
      facts,
    );
    expect(result.problems).toEqual([]);
    expect(result.plan?.endpoints).toEqual([]);
    expect(result.plan?.missingEndpoints).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3']);
  });
});

describe('private-eks plan (no --offline) against the emulator', () => {
  // A child process, as a user runs it: the SDK reads AWS_ENDPOINT_URL and the dummy keys from
  // its own environment (createAwsClients refuses an in-process env that differs from process.env).
  const plan = async (file: string): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'plan', '-f', file, '-o', 'json'],
        { cwd: repoRoot, env: { PATH: process.env['PATH'], CI: 'true', ...moto.env }, maxBuffer: 64 * 1024 * 1024 },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('examples/minimal.yaml: a live plan from the emulator', async () => {
    const result = await plan('examples/minimal.yaml');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      offline: boolean;
      availabilityZones: string[];
      endpoints: { service: string }[];
    };
    expect(doc.offline).toBe(false);
    expect(doc.availabilityZones).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect(doc.endpoints.map((e) => e.service)).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts']);
  });

  it('the seed’s supplied-VPC example with the emulator’s subnet ids; a subnet on the main table fails with exit 1', async () => {
    const vpc = await createVpc('us-west-2d');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'private-eks-plan-live-')), 'existing-vpc.yaml');
    const subnets = Object.entries(vpc.subnets)
      .map(([zone, id]) => `      ${zone}:\n        id: ${id}`)
      .join('\n');
    writeFileSync(
      file,
      `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: private-cluster
  region: us-west-2
privateCluster:
  enabled: true
  additionalEndpointServices: [autoscaling]
vpc:
  subnets:
    private:
${subnets}
managedNodeGroups:
  - name: m1
    privateNetworking: true
`,
    );
    const result = await plan(file);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as {
      valid: boolean;
      errors: { rule: string; path: string; message: string }[];
    };
    expect(doc.errors).toEqual([
      expect.objectContaining({
        rule: 'V21',
        path: 'vpc.subnets.private.us-west-2d',
        message: expect.stringContaining(
          `subnet "${vpc.subnets['us-west-2d']}" is associated with the main route table`,
        ),
      }),
    ]);
  });
});
