/**
 * A user-supplied VPC (SPEC §5.5): lookups, eksctl's two route-table errors, the checks private-eks
 * adds, existing endpoints reused, skipEndpointCreation, and the offline plan.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan, createOfflineFacts, UNKNOWN_OFFLINE } from '../../../src/plan/index.js';
import type { Plan } from '../../../src/plan/index.js';
import { resolvedConfig, seedExistingVpcConfig, suppliedSubnets } from '../../helpers/resolved-config.js';
import { memoryFacts, seedVpcData, subnet } from './memory-facts.js';
import type { MemoryFactsData } from './memory-facts.js';

const B = 'subnet-0818beec303f8419b';
const C = 'subnet-0d42ef09490805e2a';
const D = 'subnet-0da7418077077c5f9';

async function planWith(data: MemoryFactsData, config = seedExistingVpcConfig()) {
  return buildPlan(config, memoryFacts('us-west-2', data));
}

async function okPlan(data: MemoryFactsData, config = seedExistingVpcConfig()): Promise<Plan> {
  const result = await planWith(data, config);
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.plan!;
}

describe('a supplied VPC with explicit route tables', () => {
  it('fills zones, CIDRs and the VPC from AWS; endpoints go into the supplied subnets', async () => {
    const plan = await okPlan(seedVpcData());
    expect(plan.vpc).toEqual({ id: 'vpc-1', cidrs: ['192.168.0.0/16'] });
    expect(plan.availabilityZones).toEqual(['us-west-2b', 'us-west-2c', 'us-west-2d']);
    expect(plan.subnets).toEqual([
      {
        az: 'us-west-2b',
        cidr: '192.168.0.0/19',
        id: B,
        private: true,
        logicalSuffix: 'USWEST2B',
        routeTableId: 'rtb-b',
        key: 'us-west-2b',
      },
      {
        az: 'us-west-2c',
        cidr: '192.168.32.0/19',
        id: C,
        private: true,
        logicalSuffix: 'USWEST2C',
        routeTableId: 'rtb-c',
        key: 'us-west-2c',
      },
      {
        az: 'us-west-2d',
        cidr: '192.168.64.0/19',
        id: D,
        private: true,
        logicalSuffix: 'USWEST2D',
        routeTableId: 'rtb-d',
        key: 'us-west-2d',
      },
    ]);
    const autoscaling = plan.endpoints.find((e) => e.service === 'autoscaling')!;
    expect(autoscaling.subnets).toEqual([{ id: B }, { id: C }, { id: D }]);
    const s3 = plan.endpoints.find((e) => e.service === 's3')!;
    expect(s3.routeTables).toEqual([{ id: 'rtb-b' }, { id: 'rtb-c' }, { id: 'rtb-d' }]);
    expect(plan.unknowns).toEqual([]);
  });

  it('a route table shared by two subnets appears once on the S3 gateway', async () => {
    const data = seedVpcData();
    const routeTables = data.routeTables!.map((t) =>
      t.id === 'rtb-b' ? { ...t, subnetIds: [B, C] } : t.id === 'rtb-c' ? { ...t, subnetIds: [] } : t,
    );
    const plan = await okPlan({ ...data, routeTables });
    expect(plan.endpoints.find((e) => e.service === 's3')?.routeTables).toEqual([{ id: 'rtb-b' }, { id: 'rtb-d' }]);
  });

  it('two subnets in one zone: interface endpoints take one of them (no DuplicateSubnetsInSameZone)', async () => {
    const extra = subnet('subnet-extra', 'us-west-2b', '192.168.96.0/19');
    const data = seedVpcData();
    const config = seedExistingVpcConfig({
      vpc: {
        privateSubnets: [...suppliedSubnets({ 'us-west-2b': B, 'us-west-2c': C }), { key: 'b2', id: 'subnet-extra' }],
      },
      availabilityZones: ['us-west-2b', 'us-west-2c'],
    });
    const plan = await okPlan(
      {
        ...data,
        subnets: [...data.subnets!, extra],
        routeTables: [
          ...data.routeTables!,
          { id: 'rtb-x', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-extra'], routes: [] },
        ],
      },
      config,
    );
    expect(plan.subnets.map((s) => [s.id, s.az, s.logicalSuffix])).toEqual([
      [B, 'us-west-2b', 'USWEST2B'],
      [C, 'us-west-2c', 'USWEST2C'],
      ['subnet-extra', 'us-west-2b', 'B2'],
    ]);
    expect(plan.endpoints.find((e) => e.service === 'ec2')?.subnets).toEqual([{ id: B }, { id: C }]);
    expect(plan.endpoints.find((e) => e.service === 's3')?.routeTables).toEqual([
      { id: 'rtb-b' },
      { id: 'rtb-c' },
      { id: 'rtb-x' },
    ]);
  });

  it('subnets by id alone (no vpc.id): the VPC is the subnets’ one', async () => {
    const facts = memoryFacts('us-west-2', seedVpcData());
    const result = await buildPlan(seedExistingVpcConfig(), facts);
    expect(result.plan?.vpc.id).toBe('vpc-1');
    expect(facts.calls).toContain('describeVpc us-west-2 vpc-1');
  });
});

describe("eksctl's route-table errors and private-eks's VPC checks", () => {
  it('a subnet on the main route table is an error naming the subnet', async () => {
    const data = seedVpcData();
    const routeTables = data.routeTables!.map((t) =>
      t.id === 'rtb-main' ? { ...t, subnetIds: [C] } : t.id === 'rtb-c' ? { ...t, subnetIds: [] } : t,
    );
    const result = await planWith({ ...data, routeTables });
    expect(result.plan).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'V21',
        path: 'vpc.subnets.private.us-west-2c',
        message: `subnets must be associated with a non-main route table; private-eks does not modify the main route table: subnet "${C}" is associated with the main route table "rtb-main"`,
      }),
    ]);
  });

  it('a subnet without an explicit association is eksctl’s error, verbatim with private-eks', async () => {
    const data = seedVpcData();
    const routeTables = data.routeTables!.filter((t) => t.id !== 'rtb-d');
    const result = await planWith({ ...data, routeTables });
    expect(result.problems.map((p) => p.message)).toEqual([
      `failed to find an explicit route table associated with subnet "${D}"; private-eks does not modify the main route table if a subnet is not associated with an explicit route table`,
    ]);
  });

  it('a subnet routed to an internet gateway is an error naming the subnet and the gateway', async () => {
    const data = seedVpcData();
    const routeTables = data.routeTables!.map((t) =>
      t.id === 'rtb-b' ? { ...t, routes: [...t.routes, { destinationCidr: '0.0.0.0/0', gatewayId: 'igw-0abc' }] } : t,
    );
    const result = await planWith({ ...data, routeTables });
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'V21',
        path: 'vpc.subnets.private.us-west-2b',
        message: `subnet "${B}" has a route to internet gateway "igw-0abc" (route table "rtb-b"): a fully-private cluster's subnets must not reach the internet`,
      }),
    ]);
  });

  it('a VPC without DNS hostnames is an error', async () => {
    const data = seedVpcData({
      vpcs: [{ id: 'vpc-1', cidrs: ['192.168.0.0/16'], enableDnsSupport: true, enableDnsHostnames: false }],
    });
    const result = await planWith(data, seedExistingVpcConfig({ vpc: { id: 'vpc-1' } }));
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'V21',
        path: 'vpc.id',
        message: expect.stringContaining('enableDnsHostnames: false'),
      }),
    ]);
  });

  it('a subnet outside vpc.id, a subnet that does not exist and a zone mismatch are all reported together', async () => {
    const data = seedVpcData();
    const other = subnet(C, 'us-west-2c', '10.0.0.0/24', 'vpc-other');
    const config = seedExistingVpcConfig({
      vpc: {
        id: 'vpc-1',
        privateSubnets: [
          { key: 'us-west-2a', az: 'us-west-2a', id: B },
          { key: 'us-west-2c', az: 'us-west-2c', id: C },
          { key: 'us-west-2d', az: 'us-west-2d', id: 'subnet-gone' },
        ],
      },
    });
    const result = await planWith({ ...data, subnets: [data.subnets![0]!, other] }, config);
    expect(result.problems.map((p) => [p.path, p.message])).toEqual([
      [
        'vpc.subnets.private.us-west-2a.az',
        `subnet "${B}" is in availability zone "us-west-2b", not "us-west-2a" as the config says`,
      ],
      ['vpc.subnets.private.us-west-2c', `subnet "${C}" is in VPC "vpc-other", not in vpc.id "vpc-1"`],
      ['vpc.subnets.private.us-west-2d', 'subnet "subnet-gone" was not found in region "us-west-2"'],
      [
        'vpc.subnets.private',
        'the cluster would have private subnets in 1 availability zone(s) (us-west-2b); EKS needs at least 2',
      ],
    ]);
  });
});

describe('existing endpoints in a supplied VPC', () => {
  it('are reused, not created again; an S3 route already in every route table reuses the gateway', async () => {
    const data = seedVpcData({
      endpoints: [
        {
          vpcId: 'vpc-1',
          id: 'vpce-ecrapi',
          serviceName: 'com.amazonaws.us-west-2.ecr.api',
          type: 'Interface',
          state: 'available',
          subnetIds: [B, C],
          routeTableIds: [],
          privateDnsEnabled: true,
        },
        {
          vpcId: 'vpc-1',
          id: 'vpce-s3',
          serviceName: 'com.amazonaws.us-west-2.s3',
          type: 'Gateway',
          state: 'available',
          subnetIds: [],
          routeTableIds: ['rtb-b', 'rtb-c', 'rtb-d'],
          privateDnsEnabled: false,
        },
        {
          vpcId: 'vpc-1',
          id: 'vpce-deleted',
          serviceName: 'com.amazonaws.us-west-2.ec2',
          type: 'Interface',
          state: 'deleted',
          subnetIds: [B],
          routeTableIds: [],
          privateDnsEnabled: true,
        },
      ],
    });
    const plan = await okPlan(data);
    const byService = Object.fromEntries(plan.endpoints.map((e) => [e.service, e]));
    expect(byService['ecr.api']).toMatchObject({
      reused: true,
      existingId: 'vpce-ecrapi',
      availabilityZones: ['us-west-2b', 'us-west-2c'],
      skippedAvailabilityZones: ['us-west-2d'],
      subnets: [{ id: B }, { id: C }],
    });
    expect(byService['s3']).toMatchObject({ reused: true, existingId: 'vpce-s3' });
    expect(byService['ec2']).toMatchObject({ reused: false, existingId: null });
    // Nothing new is billed for the reused interface endpoint: 4 new interface endpoints × 3 zones.
    expect(plan.cost.lines.find((l) => l.service === 'ecr.api')?.hourly).toBe(0);
    expect(plan.cost.hourly).toBe(0.12);
  });

  it('a gateway that covers some route tables: a new gateway endpoint for the others only', async () => {
    const data = seedVpcData();
    const routeTables = data.routeTables!.map((t) =>
      t.id === 'rtb-b'
        ? { ...t, routes: [...t.routes, { destinationPrefixListId: 'pl-68a54001', gatewayId: 'vpce-s3' }] }
        : t,
    );
    const endpoints = [
      {
        vpcId: 'vpc-1',
        id: 'vpce-s3',
        serviceName: 'com.amazonaws.us-west-2.s3',
        type: 'Gateway' as const,
        state: 'available',
        subnetIds: [],
        routeTableIds: [],
        privateDnsEnabled: false,
      },
    ];
    const plan = await okPlan({ ...data, routeTables, endpoints });
    expect(plan.endpoints.find((e) => e.service === 's3')).toMatchObject({
      reused: false,
      routeTables: [{ id: 'rtb-c' }, { id: 'rtb-d' }],
    });
  });

  it('a reused endpoint with private DNS off is a warning', async () => {
    const data = seedVpcData({
      endpoints: [
        {
          vpcId: 'vpc-1',
          id: 'vpce-sts',
          serviceName: 'com.amazonaws.us-west-2.sts',
          type: 'Interface',
          state: 'available',
          subnetIds: [B],
          routeTableIds: [],
          privateDnsEnabled: false,
        },
      ],
    });
    const result = await planWith(data);
    expect(result.plan).toBeDefined();
    expect(result.problems).toEqual([
      expect.objectContaining({ rule: 'V21', severity: 'warning', message: expect.stringContaining('vpce-sts') }),
    ]);
  });
});

describe('skipEndpointCreation with a supplied VPC', () => {
  const skipConfig = seedExistingVpcConfig({
    privateCluster: { skipEndpointCreation: true, additionalEndpointServices: [] },
  });

  it('creates nothing, requires no route table, and lists the required endpoints the VPC lacks', async () => {
    const data = seedVpcData({
      routeTables: [{ id: 'rtb-main', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [] }],
      endpoints: [
        {
          vpcId: 'vpc-1',
          id: 'vpce-ec2',
          serviceName: 'com.amazonaws.us-west-2.ec2',
          type: 'Interface',
          state: 'available',
          subnetIds: [B],
          routeTableIds: [],
          privateDnsEnabled: true,
        },
      ],
    });
    const plan = await okPlan(data, skipConfig);
    expect(plan.endpoints).toEqual([]);
    expect(plan.missingEndpoints).toEqual(['ecr.api', 'ecr.dkr', 's3', 'sts']);
    expect(plan.subnets.map((s) => s.routeTableId)).toEqual([null, null, null]);
  });
});

describe('offline, a supplied VPC is taken from the config', () => {
  it('keeps the subnet ids, marks what AWS would tell as unknown and lists it', async () => {
    const result = await buildPlan(seedExistingVpcConfig(), createOfflineFacts());
    expect(result.problems).toEqual([]);
    const plan = result.plan!;
    expect(plan.offline).toBe(true);
    expect(plan.vpc).toEqual({ id: UNKNOWN_OFFLINE, cidrs: ['192.168.0.0/16'] });
    expect(plan.subnets.map((s) => [s.id, s.az, s.cidr, s.routeTableId])).toEqual([
      [B, 'us-west-2b', null, UNKNOWN_OFFLINE],
      [C, 'us-west-2c', null, UNKNOWN_OFFLINE],
      [D, 'us-west-2d', null, UNKNOWN_OFFLINE],
    ]);
    expect(plan.endpoints.find((e) => e.service === 's3')?.routeTables).toEqual([]);
    expect(plan.unknowns).toHaveLength(4);
    expect(plan.unknowns?.join('\n')).toContain('route tables were not checked');
  });

  it('with vpc.id given, the id is kept', async () => {
    const config = resolvedConfig({
      vpc: { id: 'vpc-9', privateSubnets: suppliedSubnets({ 'us-west-2a': 'subnet-a', 'us-west-2b': 'subnet-b' }) },
      availabilityZones: ['us-west-2a', 'us-west-2b'],
    });
    const result = await buildPlan(config, createOfflineFacts());
    expect(result.plan?.vpc.id).toBe('vpc-9');
  });
});

describe('nothing usable', () => {
  it('when no supplied subnet exists, the problems name the subnets and the zone count, without endpoint noise', async () => {
    const result = await planWith(seedVpcData({ subnets: [] }));
    expect(result.problems.map((p) => [p.rule, p.path])).toEqual([
      ['V21', 'vpc.subnets.private.us-west-2b'],
      ['V21', 'vpc.subnets.private.us-west-2c'],
      ['V21', 'vpc.subnets.private.us-west-2d'],
      ['V14', 'vpc.subnets.private'],
    ]);
  });
});
