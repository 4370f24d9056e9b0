/**
 * An in-memory CloudFacts for planning tests: a region's zones, the endpoint services AWS would
 * list (per zone), and a supplied VPC's subnets, route tables and endpoints — as data a test sets
 * up, answered with the same semantics as facts-live.ts (unknown names missing, subnets by id or by
 * VPC, route tables and endpoints of one VPC). It records the calls so tests can check the plan
 * asks for each service once.
 */
import type {
  CloudFacts,
  EndpointServiceInfo,
  EndpointType,
  ExistingEndpoint,
  InstanceTypeInfo,
  RouteTableInfo,
  SubnetInfo,
  VpcInfo,
  ZoneInfo,
} from '../../../src/plan/facts.js';
import { ENDPOINT_SERVICES, endpointServiceName, partitionOf } from '../../../src/plan/index.js';

export interface MemoryFactsData {
  /** Zone letters → zone ids, e.g. `{ a: 'usw2-az2', b: 'usw2-az1' }`; default a..d with ids. */
  zones?: readonly ZoneInfo[];
  /** Services (short names) not offered at all: AWS rejects their names. */
  rejected?: readonly string[];
  /** Short name → zones offering it; default every zone. */
  serviceZones?: Readonly<Record<string, readonly string[]>>;
  vpcs?: readonly VpcInfo[];
  subnets?: readonly SubnetInfo[];
  routeTables?: readonly RouteTableInfo[];
  endpoints?: readonly (ExistingEndpoint & { vpcId: string })[];
  /** The instance types EC2 describes, and per zone the names offered there (default: all, everywhere). */
  instanceTypes?: readonly InstanceTypeInfo[];
  instanceTypeZones?: Readonly<Record<string, readonly string[]>>;
}

export interface MemoryFacts extends CloudFacts {
  readonly calls: string[];
}

export function zonesOf(region: string, ids: Readonly<Record<string, string>>): ZoneInfo[] {
  return Object.entries(ids).map(([letter, zoneId]) => ({
    name: `${region}${letter}`,
    zoneId,
    zoneType: 'availability-zone',
    state: 'available',
  }));
}

/** us-west-2's zones as moto lists them (TESTBED §2.2): a/b/c/d = usw2-az2/az1/az3/az4. */
export const US_WEST_2_ZONES = zonesOf('us-west-2', { a: 'usw2-az2', b: 'usw2-az1', c: 'usw2-az3', d: 'usw2-az4' });

export function memoryFacts(region: string, data: MemoryFactsData = {}): MemoryFacts {
  const calls: string[] = [];
  const zones = data.zones ?? US_WEST_2_ZONES;
  const partition = partitionOf(region);
  const catalog = new Map<string, EndpointServiceInfo>();
  for (const s of ENDPOINT_SERVICES) {
    if (data.rejected?.includes(s.name)) continue;
    const serviceName = endpointServiceName(partition, region, s.name);
    const types: EndpointType[] = s.name === 's3' ? ['Interface', 'Gateway'] : ['Interface'];
    catalog.set(serviceName, {
      serviceName,
      types,
      availabilityZones: data.serviceZones?.[s.name] ?? zones.map((z) => z.name),
    });
  }
  return {
    offline: false,
    calls,
    availabilityZones: (r) => {
      calls.push(`availabilityZones ${r}`);
      return Promise.resolve(zones);
    },
    endpointServices: (r, names) => {
      calls.push(`endpointServices ${r} ${names.join(',')}`);
      const found = names.flatMap((n) => catalog.get(n) ?? []);
      return Promise.resolve({ found, missing: names.filter((n) => !catalog.has(n)) });
    },
    describeVpc: (r, id) => {
      calls.push(`describeVpc ${r} ${id}`);
      const vpc = data.vpcs?.find((v) => v.id === id);
      if (vpc === undefined) return Promise.reject(new Error(`no VPC ${id} in this test`));
      return Promise.resolve(vpc);
    },
    describeSubnets: (r, query) => {
      calls.push(`describeSubnets ${r} ${JSON.stringify(query)}`);
      const all = data.subnets ?? [];
      const ids = query.ids ?? [];
      return Promise.resolve(
        ids.length > 0 ? all.filter((s) => ids.includes(s.id)) : all.filter((s) => s.vpcId === query.vpcId),
      );
    },
    describeRouteTables: (r, vpcId) => {
      calls.push(`describeRouteTables ${r} ${vpcId}`);
      return Promise.resolve((data.routeTables ?? []).filter((t) => t.vpcId === vpcId));
    },
    describeVpcEndpoints: (r, vpcId) => {
      calls.push(`describeVpcEndpoints ${r} ${vpcId}`);
      return Promise.resolve(
        (data.endpoints ?? []).filter((e) => e.vpcId === vpcId).map(({ vpcId: _vpc, ...endpoint }) => endpoint),
      );
    },
    instanceTypes: (r, zoneNames) => {
      calls.push(`instanceTypes ${r} ${zoneNames.join(',')}`);
      const offered = (type: InstanceTypeInfo): boolean =>
        zoneNames.every((z) => data.instanceTypeZones?.[z]?.includes(type.name) ?? true);
      return Promise.resolve((data.instanceTypes ?? []).filter(offered));
    },
  };
}

/**
 * A supplied VPC in us-west-2 shaped like the seed's example: vpc-1 (192.168.0.0/16, DNS on),
 * subnets in b, c, d each with its own explicit route table (rtb-b, rtb-c, rtb-d) and the main
 * route table rtb-main with only the local route.
 */
export function seedVpcData(overrides: Partial<MemoryFactsData> = {}): MemoryFactsData {
  const local = { destinationCidr: '192.168.0.0/16', gatewayId: 'local' };
  const subnets: SubnetInfo[] = [
    subnet('subnet-0818beec303f8419b', 'us-west-2b', '192.168.0.0/19'),
    subnet('subnet-0d42ef09490805e2a', 'us-west-2c', '192.168.32.0/19'),
    subnet('subnet-0da7418077077c5f9', 'us-west-2d', '192.168.64.0/19'),
  ];
  return {
    vpcs: [{ id: 'vpc-1', cidrs: ['192.168.0.0/16'], enableDnsSupport: true, enableDnsHostnames: true }],
    subnets,
    routeTables: [
      { id: 'rtb-main', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [local] },
      ...subnets.map((s) => ({
        id: `rtb-${s.availabilityZone.slice(-1)}`,
        vpcId: 'vpc-1',
        main: false,
        subnetIds: [s.id],
        routes: [local],
      })),
    ],
    endpoints: [],
    ...overrides,
  };
}

export function subnet(id: string, az: string, cidr: string, vpcId = 'vpc-1'): SubnetInfo {
  return { id, vpcId, availabilityZone: az, availabilityZoneId: null, cidr, mapPublicIpOnLaunch: false };
}
