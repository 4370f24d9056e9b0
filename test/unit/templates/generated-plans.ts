/**
 * Plans generated with fast-check (fixed seed, so the property tests and the cfn-lint run see the
 * same plans): regions of every partition, 2–6 zones, optional services, services missing in a
 * zone, supplied VPCs with shared route tables and reused endpoints, every nodegroup kind and
 * image family, Fargate, public-then-private endpoint access.
 */
import fc from 'fast-check';
import type { Plan } from '../../../src/plan/types.js';
import { testPlan } from '../../helpers/plan-fixtures.js';
import type { SuppliedSubnet } from '../../helpers/plan-fixtures.js';
import { fargateProfile, managedNodeGroup, nodeGroup, resolvedConfig } from '../../helpers/resolved-config.js';

const REGIONS = [
  'us-west-2',
  'us-east-1',
  'eu-west-1',
  'ap-northeast-1',
  'cn-north-1',
  'us-gov-west-1',
  'us-iso-east-1',
];
const EXTRA_SERVICES = ['autoscaling', 'cloudformation', 'logs', 'eks', 'ssm', 'kms', 'sqs', 'xray'];
const FAMILIES = ['AmazonLinux2023', 'AmazonLinux2', 'Bottlerocket'];
const INSTANCE_TYPES = ['m5.large', 'm7g.large', 'c6i.xlarge', 'g4dn.xlarge', 't4g.medium'];

const nodeGroupArb = fc.record({
  family: fc.constantFrom(...FAMILIES),
  instanceType: fc.constantFrom(...INSTANCE_TYPES),
  spot: fc.boolean(),
  maxPods: fc.option(fc.integer({ min: 8, max: 110 }), { nil: undefined }),
  ssh: fc.boolean(),
  labelled: fc.boolean(),
});

const planArb = fc.record({
  region: fc.constantFrom(...REGIONS),
  zoneCount: fc.integer({ min: 2, max: 6 }),
  extra: fc.subarray(EXTRA_SERVICES),
  logging: fc.boolean(),
  oidc: fc.boolean(),
  supplied: fc.boolean(),
  sharedRouteTable: fc.boolean(),
  reused: fc.subarray(['ec2', 's3', 'sts']),
  missingZoneFor: fc.option(fc.constantFrom('sts', 'ecr.api', 'autoscaling'), { nil: undefined }),
  selfManaged: fc.array(nodeGroupArb, { maxLength: 2 }),
  managed: fc.array(nodeGroupArb, { maxLength: 2 }),
  fargate: fc.integer({ min: 0, max: 2 }),
  publicFirst: fc.boolean(),
  authMode: fc.constantFrom('API' as const, 'API_AND_CONFIG_MAP' as const, 'CONFIG_MAP' as const),
});

function buildFrom(input: {
  region: string;
  zoneCount: number;
  extra: string[];
  logging: boolean;
  oidc: boolean;
  supplied: boolean;
  sharedRouteTable: boolean;
  reused: string[];
  missingZoneFor: string | undefined;
  selfManaged: {
    family: string;
    instanceType: string;
    spot: boolean;
    maxPods: number | undefined;
    ssh: boolean;
    labelled: boolean;
  }[];
  managed: {
    family: string;
    instanceType: string;
    spot: boolean;
    maxPods: number | undefined;
    ssh: boolean;
    labelled: boolean;
  }[];
  fargate: number;
  publicFirst: boolean;
  authMode: 'API' | 'API_AND_CONFIG_MAP' | 'CONFIG_MAP';
}): Plan {
  const zones = 'abcdef'
    .slice(0, input.zoneCount)
    .split('')
    .map((l) => `${input.region}${l}`);
  const ngFields = (g: (typeof input.selfManaged)[number]) => ({
    amiFamily: g.family,
    instanceTypes: [g.instanceType],
    spot: g.spot,
    ...(g.maxPods === undefined || g.family === 'AmazonLinux2' ? {} : { maxPodsPerNode: g.maxPods }),
    ssh: { allow: g.ssh, enableSsm: g.ssh, sourceSecurityGroupIds: [] },
    ...(g.labelled
      ? { labels: { tier: 'generated' }, taints: [{ key: 'tier', value: 'generated', effect: 'NoSchedule' as const }] }
      : {}),
  });
  const config = resolvedConfig({
    metadata: { name: 'generated', region: input.region },
    availabilityZones: zones,
    privateCluster: { additionalEndpointServices: input.extra },
    cloudWatch: input.logging ? { enableTypes: ['api', 'audit'], logRetentionInDays: 7 } : { enableTypes: [] },
    iam: { withOIDC: input.oidc },
    accessConfig: { authenticationMode: input.authMode },
    vpc: { publicAccessCIDRs: input.publicFirst ? ['198.51.100.0/24'] : [] },
    nodeGroups: input.selfManaged.map((g, i) => nodeGroup(`ng${i}`, ngFields(g))),
    managedNodeGroups: input.managed.map((g, i) => managedNodeGroup(`mng${i}`, ngFields(g))),
    // cfn-lint's GovCloud schemas lack AWS::EKS::FargateProfile.
    fargateProfiles: input.region.startsWith('us-gov-')
      ? []
      : Array.from({ length: input.fargate }, (_, i) => fargateProfile(`fp${i}`)),
  });
  const subnets: SuppliedSubnet[] = zones.map((az, i) => ({
    id: `subnet-0${String(i).padStart(16, '0')}`,
    az,
    cidr: `10.0.${i * 16}.0/20`,
    routeTableId: input.sharedRouteTable ? 'rtb-0000000000000000a' : `rtb-0${String(i).padStart(16, '0')}`,
    key: az,
  }));
  const missing = input.missingZoneFor;
  return testPlan(config, {
    ...(input.supplied
      ? {
          suppliedVpc: { id: 'vpc-00000000000000001', cidrs: ['10.0.0.0/16'], subnets },
          reusedEndpoints: Object.fromEntries(input.reused.map((s) => [s, `vpce-0${s.length}000000000000000`])),
        }
      : {}),
    ...(missing === undefined ? {} : { serviceZones: { [missing]: zones.slice(1) } }),
    initialAccess: { publicAccess: input.publicFirst, privateAccess: true },
  });
}

/** `count` generated plans, the same on every run. */
export function generatedPlans(count: number, seed = 20261125): Plan[] {
  return fc.sample(planArb, { numRuns: count, seed }).map((input) => buildFrom(input));
}
