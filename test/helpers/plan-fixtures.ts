/**
 * Plans built by hand for the template tests, so they need neither the planning layer nor AWS.
 * `testPlan(config, options)` lays a ResolvedConfig out the way SPEC §4–§6 say `buildPlan` does
 * (zones, subnet CIDRs, endpoints per zone with the partition's service names, stacks and their
 * tags); the options stand in for what CloudFacts would report (zones a service is missing from,
 * a supplied VPC's subnets and route tables, endpoints that already exist).
 *
 *   testPlan(seedMinimalConfig())
 *   testPlan(resolvedConfig({ metadata: { region: 'cn-north-1' } }))
 *   testPlan(config, { serviceZones: { sts: ['us-east-1a', 'us-east-1b'] } })
 */
import type { ResolvedConfig } from '../../src/config/resolved.js';
import type {
  EndpointAccess,
  Partition,
  Plan,
  PlannedEndpoint,
  PlannedSubnet,
  PlanStep,
  StackPlan,
} from '../../src/plan/types.js';

/** Stands in for private-eks's version in stack tags, so goldens do not change with releases. */
export const TEST_VERSION_TAG = '0.0.0-test';

export interface SuppliedSubnet {
  readonly id: string;
  readonly az: string;
  readonly cidr: string | null;
  /** The explicitly associated route table. */
  readonly routeTableId: string;
  readonly key?: string;
}

export interface PlanFixtureOptions {
  /** The cluster's zones. Default: the config's, else the region's first three (two in us-east-1). */
  readonly zones?: readonly string[];
  /** Zones each service is offered in, by short name. Default: every cluster zone. */
  readonly serviceZones?: Readonly<Record<string, readonly string[]>>;
  /** A user-supplied VPC: its id, CIDRs and private subnets (the zones follow from them). */
  readonly suppliedVpc?: {
    readonly id: string;
    readonly cidrs: readonly string[];
    /** The VPC's IPv6 blocks (the plan keeps them for IPv6 clusters only, as buildPlan does). */
    readonly ipv6Cidrs?: readonly string[];
    readonly subnets: readonly SuppliedSubnet[];
  };
  /** Endpoints already in the supplied VPC, by short service name → endpoint id. */
  readonly reusedEndpoints?: Readonly<Record<string, string>>;
  /** How the control plane is created. Default private-only (SPEC §7 [beyond]). */
  readonly initialAccess?: EndpointAccess;
}

export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

// SPEC §5.2: the services whose endpoint names use a partition-specific prefix.
const PREFIXES: Readonly<Partial<Record<Partition, { prefix: string; services: readonly string[] }>>> = {
  'aws-cn': { prefix: 'cn.com.amazonaws', services: ['ec2', 'ecr.api', 'ecr.dkr', 'sts', 'cloudformation'] },
  'aws-iso': { prefix: 'gov.ic.c2s', services: ['ec2', 'ecr.api', 'ecr.dkr', 'autoscaling'] },
  'aws-iso-b': { prefix: 'gov.sgov.sc2s', services: ['ec2', 'ecr.api', 'ecr.dkr', 'autoscaling'] },
  'aws-iso-e': { prefix: 'uk.adc-e.cloud', services: ['ecr.api', 'ecr.dkr', 'ebs', 'execute-api'] },
  'aws-iso-f': { prefix: 'gov.ic.hci.csp', services: ['ecr.api', 'ecr.dkr', 'ebs', 'execute-api'] },
};

export function serviceName(partition: Partition, region: string, service: string): string {
  const rule = PREFIXES[partition];
  const prefix = rule !== undefined && rule.services.includes(service) ? rule.prefix : 'com.amazonaws';
  return `${prefix}.${region}.${service}`;
}

function zoneSuffix(az: string): string {
  return az.toUpperCase().replaceAll('-', '');
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function numberToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** SPEC §4: the VPC cut into 2 × zones equal blocks; block i + zones is zone i's private subnet. */
export function privateSubnetCidrs(vpcCidr: string, zoneCount: number): string[] {
  const [address, prefixText] = vpcCidr.split('/') as [string, string];
  const total = 2 * zoneCount;
  const prefix = Number(prefixText) + (total <= 8 ? 3 : 4);
  const size = 2 ** (32 - prefix);
  const base = ipToNumber(address);
  return Array.from({ length: zoneCount }, (_, i) => `${numberToIp(base + (i + zoneCount) * size)}/${prefix}`);
}

function defaultZones(region: string): string[] {
  const count = region === 'us-east-1' ? 2 : 3;
  return ['a', 'b', 'c'].slice(0, count).map((letter) => `${region}${letter}`);
}

function endpointServices(config: ResolvedConfig): { service: string; reason: PlannedEndpoint['reason'] }[] {
  if (config.privateCluster.skipEndpointCreation) return [];
  const services: { service: string; reason: PlannedEndpoint['reason'] }[] = [
    ...['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts'].map((service) => ({ service, reason: 'required' as const })),
    ...config.privateCluster.additionalEndpointServices.map((service) => ({ service, reason: 'additional' as const })),
  ];
  if (config.cloudWatch.enableTypes.length > 0 && !services.some((s) => s.service === 'logs')) {
    services.push({ service: 'logs', reason: 'logging' });
  }
  return services;
}

export function testPlan(config: ResolvedConfig, options: PlanFixtureOptions = {}): Plan {
  const region = config.metadata.region;
  const partition = partitionOf(region);
  const supplied = options.suppliedVpc;
  const subnets: PlannedSubnet[] =
    supplied === undefined
      ? (() => {
          const zones =
            options.zones ?? (config.availabilityZones.length > 0 ? config.availabilityZones : defaultZones(region));
          const cidrs = privateSubnetCidrs(config.vpc.cidr, zones.length);
          return zones.map((az, i) => ({
            az,
            cidr: cidrs[i] ?? null,
            id: null,
            private: true as const,
            logicalSuffix: zoneSuffix(az),
            routeTableId: null,
            key: null,
          }));
        })()
      : supplied.subnets.map((s) => ({
          az: s.az,
          cidr: s.cidr,
          id: s.id,
          private: true as const,
          logicalSuffix: zoneSuffix(s.az),
          routeTableId: s.routeTableId,
          key: s.key ?? null,
        }));
  const zones = [...new Set(subnets.map((s) => s.az))];
  const endpoints: PlannedEndpoint[] = endpointServices(config).map(({ service, reason }) => {
    const type = service === 's3' ? 'Gateway' : 'Interface';
    const offered = options.serviceZones?.[service] ?? zones;
    const azs = type === 'Gateway' ? zones : zones.filter((z) => offered.includes(z));
    const existingId = options.reusedEndpoints?.[service] ?? null;
    const routeTables = [
      ...new Map(
        subnets.map((s) => {
          const r = s.routeTableId === null ? { logicalSuffix: s.logicalSuffix } : { id: s.routeTableId };
          return [JSON.stringify(r), r] as const;
        }),
      ).values(),
    ];
    return {
      service,
      type,
      serviceName: serviceName(partition, region, service),
      availabilityZones: azs,
      subnets:
        type === 'Gateway'
          ? []
          : azs.map((az) => {
              const s = subnets.find((candidate) => candidate.az === az)!;
              return s.id === null ? { logicalSuffix: s.logicalSuffix } : { id: s.id };
            }),
      routeTables: type === 'Gateway' ? routeTables : [],
      logicalId: `VPCEndpoint${service.toUpperCase().replaceAll(/[.-]/g, '')}`,
      reused: existingId !== null,
      existingId,
      reason,
      skippedAvailabilityZones: type === 'Gateway' ? [] : zones.filter((z) => !azs.includes(z)),
    };
  });
  const name = config.metadata.name;
  const tags = {
    'alpha.eksctl.io/cluster-name': name,
    'eksctl.cluster.k8s.io/v1alpha1/cluster-name': name,
    'private-eks.io/version': TEST_VERSION_TAG,
    ...config.metadata.tags,
  };
  const stack = (stackName: string, kind: StackPlan['kind'], nodeGroup: string | null): StackPlan => ({
    name: stackName,
    kind,
    nodeGroup,
    tags,
    capabilities: ['CAPABILITY_IAM'],
  });
  const stacks: StackPlan[] = [
    stack(`eksctl-${name}-cluster`, 'cluster', null),
    ...config.nodeGroups.map((ng) => stack(`eksctl-${name}-nodegroup-${ng.name}`, 'nodegroup', ng.name)),
    ...config.managedNodeGroups.map((ng) => stack(`eksctl-${name}-nodegroup-${ng.name}`, 'managed-nodegroup', ng.name)),
    ...(config.fargateProfiles.length > 0 ? [stack(`eksctl-${name}-fargate`, 'fargate', null)] : []),
    // The add-ons' own stack, created once the nodes are there (src/plan/steps.ts).
    ...(config.addons.length > 0 ? [{ ...stack(`eksctl-${name}-addons`, 'addons', null), capabilities: [] }] : []),
  ];
  const stepKinds: Record<StackPlan['kind'], PlanStep['kind']> = {
    cluster: 'cluster-stack',
    nodegroup: 'nodegroup-stack',
    'managed-nodegroup': 'nodegroup-stack',
    fargate: 'fargate-stack',
    addons: 'addons-stack',
    runner: 'runner-stack',
    endpoints: 'endpoints-stack',
  };
  const capacity = stacks.filter((s) => s.kind !== 'cluster' && s.kind !== 'addons').map((s) => s.name);
  const initial = options.initialAccess ?? { publicAccess: false, privateAccess: true };
  return {
    offline: true,
    cluster: config,
    region: { name: region, partition },
    availabilityZones: zones,
    vpc: {
      id: supplied?.id ?? null,
      cidrs: supplied?.cidrs ?? [config.vpc.cidr],
      ...(supplied !== undefined && config.kubernetesNetworkConfig.ipFamily === 'IPv6'
        ? { ipv6Cidrs: supplied.ipv6Cidrs ?? [] }
        : {}),
    },
    subnets,
    endpoints,
    missingEndpoints: [],
    endpointAccess: {
      initial,
      final: { publicAccess: false, privateAccess: true },
      switchNeeded: initial.publicAccess,
      reason: initial.publicAccess
        ? 'a step needs the Kubernetes API from here'
        : 'no step needs the Kubernetes API from here',
      stepsNeedingKubernetesApi: [],
      publicAccessCidrs: initial.publicAccess ? config.vpc.publicAccessCIDRs : [],
      mode: 'auto',
    },
    stacks,
    steps: stacks.map((s, i) => ({
      id: s.name,
      kind: stepKinds[s.kind],
      description: `create ${s.name}`,
      dependsOn: i === 0 ? [] : s.kind === 'addons' && capacity.length > 0 ? capacity : [stacks[0]!.name],
      stack: s.name,
      needsKubernetesApi: false,
    })),
    cost: {
      priceDate: '2026-11-25',
      currency: 'USD',
      interfaceEndpointAzHours: 0.01,
      hourly: 0,
      monthly: 0,
      perGbProcessed: 0.01,
      lines: [],
      note: 'test fixture',
    },
  };
}
