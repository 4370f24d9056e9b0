/**
 * Offline CloudFacts: what the built-in catalog knows, for `plan --offline` and `create --dry-run`
 * without credentials (SPEC §5.3 "Offline"). No AWS call, no I/O.
 *
 * - Zones: `<region>a, b, c, …` with the catalog's letters (catalog/regions.ts); zone IDs unknown.
 * - Endpoint services: every catalog service, offered in every zone, under its partition's name
 *   (SPEC §5.2); s3 listed as both Interface and Gateway, as AWS lists it. A name the catalog does
 *   not produce is missing, as are the services of a known gap (catalog/known-gaps.ts).
 * - A supplied VPC cannot be looked up: the VPC answers with no CIDRs and DNS assumed on, subnets,
 *   route tables and endpoints with nothing. The plan knows (`offline: true`), takes CIDRs and zones
 *   from the config, and lists what it could not check.
 * - Instance types (for an instanceSelector): unknown; the plan says EC2 chooses them when the
 *   cluster is planned live, and the templates take them as a parameter.
 */
import { ENDPOINT_SERVICES, endpointServiceName } from './catalog/endpoint-services.js';
import { offlineRegionGap } from './catalog/known-gaps.js';
import { offlineZoneNames, partitionOf } from './catalog/regions.js';
import type {
  CloudFacts,
  EndpointServiceInfo,
  EndpointServiceLookup,
  EndpointType,
  ExistingEndpoint,
  InstanceTypeInfo,
  RouteTableInfo,
  SubnetInfo,
  VpcInfo,
  ZoneInfo,
} from './facts.js';

/** CloudFacts from the built-in catalog, with no AWS call: each region's zones as AWS names them and the endpoint services offered; a supplied VPC cannot be looked up, and the plan lists what it did not check. */
export function createOfflineFacts(): CloudFacts {
  return {
    offline: true,
    availabilityZones: (region) => Promise.resolve(offlineZones(region)),
    endpointServices: (region, names) => Promise.resolve(offlineEndpointServices(region, names)),
    describeVpc: (_region, vpcId): Promise<VpcInfo> =>
      Promise.resolve({ id: vpcId, cidrs: [], enableDnsSupport: true, enableDnsHostnames: true }),
    describeSubnets: (): Promise<readonly SubnetInfo[]> => Promise.resolve([]),
    describeRouteTables: (): Promise<readonly RouteTableInfo[]> => Promise.resolve([]),
    describeVpcEndpoints: (): Promise<readonly ExistingEndpoint[]> => Promise.resolve([]),
    // Which types an instanceSelector matches is EC2's answer: the plan says it is not known yet.
    instanceTypes: (): Promise<readonly InstanceTypeInfo[] | null> => Promise.resolve(null),
  };
}

export function offlineZones(region: string): ZoneInfo[] {
  return offlineZoneNames(region).map((name) => ({
    name,
    zoneId: null,
    zoneType: 'availability-zone',
    state: 'available',
  }));
}

export function offlineEndpointServices(region: string, serviceNames: readonly string[]): EndpointServiceLookup {
  const partition = partitionOf(region);
  const zones = offlineZoneNames(region);
  const gapServices = new Set(offlineRegionGap(region)?.missing ?? []);
  const catalog = new Map<string, EndpointServiceInfo>();
  for (const service of ENDPOINT_SERVICES) {
    if (gapServices.has(service.name)) continue;
    const serviceName = endpointServiceName(partition, region, service.name);
    // AWS lists s3 both as Interface and as Gateway; the plan keeps the Gateway (SPEC §5.3).
    const types: EndpointType[] = service.name === 's3' ? ['Interface', 'Gateway'] : [service.type];
    catalog.set(serviceName, { serviceName, types, availabilityZones: zones });
  }
  const found: EndpointServiceInfo[] = [];
  const missing: string[] = [];
  for (const name of serviceNames) {
    const info = catalog.get(name);
    if (info === undefined) missing.push(name);
    else found.push(info);
  }
  return { found, missing };
}
