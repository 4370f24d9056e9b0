/**
 * The VPC endpoint set (SPEC §5.1–5.5): which services, their names, the zones and subnets of each
 * interface endpoint, the route tables of the S3 gateway, and what an existing VPC already has.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import {
  LOGGING_ENDPOINT_SERVICE,
  REQUIRED_ENDPOINT_SERVICES,
  endpointLogicalId,
  endpointServiceName,
  endpointServiceRecord,
} from './catalog/endpoint-services.js';
import type { EndpointServiceLookup, EndpointType, ExistingEndpoint, RouteTableInfo } from './facts.js';
import type { ProblemDraft } from './problems.js';
import { quoteList } from './problems.js';
import type { Partition, PlannedEndpoint, PlannedRouteTableRef, PlannedSubnet, PlannedSubnetRef } from './types.js';
import { UNKNOWN_OFFLINE } from './types.js';

/** The endpoint EKS Auto Mode and the Pod Identity agent add-on add (see wantedEndpoints). */
export const AUTO_MODE_ENDPOINT_SERVICE = 'eks-auth';
const POD_IDENTITY_AGENT_ADDON = 'eks-pod-identity-agent';

export interface WantedEndpoint {
  readonly service: string;
  readonly type: EndpointType;
  readonly serviceName: string;
  readonly reason: PlannedEndpoint['reason'];
  /** The config field that asked for it, for problems. */
  readonly path: string;
}

/**
 * E1, then E2 in the user's order, then E3 (`logs` when control-plane logging is on and `logs` is
 * not listed already — never twice). None with `skipEndpointCreation`.
 */
export function wantedEndpoints(config: ResolvedConfig, partition: Partition): WantedEndpoint[] {
  if (config.privateCluster.skipEndpointCreation) return [];
  const region = config.metadata.region;
  const wanted: WantedEndpoint[] = [];
  const add = (service: string, reason: PlannedEndpoint['reason'], path: string): void => {
    if (wanted.some((w) => w.service === service)) return;
    const type = endpointServiceRecord(service)?.type ?? 'Interface';
    wanted.push({ service, type, serviceName: endpointServiceName(partition, region, service), reason, path });
  };
  for (const service of REQUIRED_ENDPOINT_SERVICES) add(service, 'required', 'privateCluster.enabled');
  config.privateCluster.additionalEndpointServices.forEach((service, i) =>
    add(service, 'additional', `privateCluster.additionalEndpointServices[${i}]`),
  );
  if (config.cloudWatch.enableTypes.length > 0) {
    add(LOGGING_ENDPOINT_SERVICE, 'logging', 'cloudWatch.clusterLogging.enableTypes');
  }
  // EKS Auto Mode nodes run the EKS Pod Identity agent, which calls the EKS Auth API (eks-auth);
  // everything else they need (ec2, ecr, s3, sts) is in the required set, and the controllers
  // for compute, storage and load balancing run on the AWS side, not in the VPC.
  if (config.autoMode !== undefined) add(AUTO_MODE_ENDPOINT_SERVICE, 'auto-mode', 'autoModeConfig.enabled');
  // The eks-pod-identity-agent add-on runs the same agent on every node: without eks-auth in the
  // VPC, no pod of a Pod Identity association gets credentials on a private cluster.
  const agent = config.addons.findIndex((a) => a.name === POD_IDENTITY_AGENT_ADDON);
  if (agent >= 0) add(AUTO_MODE_ENDPOINT_SERVICE, 'pod-identity', `addons[${agent}]`);
  return wanted;
}

/** Zones where each wanted interface service is offered (null: every zone), for zone choice. */
export function interfaceServiceZones(
  wanted: readonly WantedEndpoint[],
  lookup: EndpointServiceLookup,
): (readonly string[] | null)[] {
  return wanted
    .filter((w) => w.type === 'Interface')
    .map((w) => lookup.found.find((f) => f.serviceName === w.serviceName)?.availabilityZones ?? null);
}

/** Endpoint states in which an existing endpoint works or soon will. */
const USABLE_STATES = new Set(['available', 'pending', 'pendingacceptance']);

export interface EndpointInputs {
  readonly region: string;
  readonly wanted: readonly WantedEndpoint[];
  readonly lookup: EndpointServiceLookup;
  /** The cluster's zones, in order. */
  readonly zones: readonly string[];
  readonly subnets: readonly PlannedSubnet[];
  /** A supplied VPC's endpoints and route tables, when looked up; null otherwise. */
  readonly existing: readonly ExistingEndpoint[] | null;
  readonly routeTables: readonly RouteTableInfo[] | null;
}

export interface EndpointSet {
  readonly endpoints: readonly PlannedEndpoint[];
  readonly problems: readonly ProblemDraft[];
}

export function planEndpoints(input: EndpointInputs): EndpointSet {
  const problems: ProblemDraft[] = [];
  const endpoints: PlannedEndpoint[] = [];
  const missingRequired: string[] = [];
  for (const want of input.wanted) {
    const info = input.lookup.found.find((f) => f.serviceName === want.serviceName);
    // AWS lists s3 as both Interface and Gateway: keep only the type planned (SPEC §5.3).
    if (info === undefined || !info.types.includes(want.type) || input.lookup.missing.includes(want.serviceName)) {
      if (want.reason === 'required') missingRequired.push(want.serviceName);
      else {
        problems.push({
          rule: 'V20',
          path: want.path,
          message: `endpoint service "${want.serviceName}" (${want.type}) is not available in region "${input.region}"`,
          hint: `remove "${want.service}" or choose another region`,
        });
      }
      continue;
    }
    const planned =
      want.type === 'Gateway'
        ? gatewayEndpoint(want, input)
        : interfaceEndpoint(want, info.availabilityZones, input, problems);
    if (planned !== undefined) endpoints.push(planned);
  }
  if (missingRequired.length > 0) {
    problems.unshift({
      rule: 'V20',
      path: 'metadata.region',
      message: `fully-private clusters are not supported in region "${input.region}": required endpoint service(s) not available: ${quoteList(missingRequired)}`,
      hint: 'choose another region',
    });
  }
  return { endpoints, problems };
}

function interfaceEndpoint(
  want: WantedEndpoint,
  offered: readonly string[] | null,
  input: EndpointInputs,
  problems: ProblemDraft[],
): PlannedEndpoint | undefined {
  const existing = input.existing?.find(
    (e) => e.serviceName === want.serviceName && e.type === 'Interface' && USABLE_STATES.has(e.state),
  );
  if (existing !== undefined) {
    if (!existing.privateDnsEnabled) {
      problems.push({
        rule: 'V21',
        path: want.path,
        severity: 'warning',
        message: `existing endpoint "${existing.id}" for "${want.serviceName}" is reused but has private DNS off: pods and nodes will not use it unless they name it explicitly`,
        hint: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${existing.id} --private-dns-enabled`,
      });
    }
    const zones = input.zones.filter((z) =>
      input.subnets.some((s) => s.az === z && s.id !== null && existing.subnetIds.includes(s.id)),
    );
    return endpoint(
      want,
      {
        availabilityZones: zones,
        skippedAvailabilityZones: input.zones.filter((z) => !zones.includes(z)),
        subnets: existing.subnetIds.map((id) => ({ id })),
        routeTables: [],
      },
      existing.id,
    );
  }
  const zones = input.zones.filter((z) => offered === null || offered.includes(z));
  if (zones.length === 0) {
    problems.push({
      rule: 'V20',
      path: want.path,
      message: `endpoint service "${want.serviceName}" is not offered in any of the cluster's availability zones (${quoteList(input.zones)})`,
      hint:
        offered !== null && offered.length > 0
          ? `it is offered in ${quoteList(offered)}: choose zones there`
          : 'choose another region',
    });
    return undefined;
  }
  // One subnet per zone: EC2 rejects two subnets of one zone (DuplicateSubnetsInSameZone),
  // which eksctl runs into with a supplied VPC that has two per zone [beyond].
  const subnets: PlannedSubnetRef[] = zones.flatMap((z) => {
    const subnet = input.subnets.find((s) => s.az === z);
    return subnet === undefined ? [] : [subnetRef(subnet)];
  });
  const skipped = input.zones.filter((z) => !zones.includes(z));
  return endpoint(
    want,
    { availabilityZones: zones, skippedAvailabilityZones: skipped, subnets, routeTables: [] },
    null,
  );
}

/**
 * The S3 gateway: attached to the distinct route tables of the private subnets. With a supplied
 * VPC, route tables that already route S3 through a gateway endpoint are left alone (a second route
 * would fail with RouteAlreadyExists, as eksctl does for a second cluster) [beyond].
 */
function gatewayEndpoint(want: WantedEndpoint, input: EndpointInputs): PlannedEndpoint {
  const tables: PlannedRouteTableRef[] = [];
  for (const subnet of input.subnets) {
    const ref = routeTableRef(subnet);
    if (ref !== undefined && !tables.some((t) => sameRef(t, ref))) tables.push(ref);
  }
  const gateways = (input.existing ?? []).filter(
    (e) => e.serviceName === want.serviceName && e.type === 'Gateway' && USABLE_STATES.has(e.state),
  );
  const routedBy = (tableId: string): string | undefined => {
    const direct = gateways.find((g) => g.routeTableIds.includes(tableId));
    if (direct !== undefined) return direct.id;
    const table = input.routeTables?.find((t) => t.id === tableId);
    const route = table?.routes.find(
      (r) => r.destinationPrefixListId !== undefined && gateways.some((g) => g.id === r.gatewayId),
    );
    return route?.gatewayId;
  };
  const covering = tables.flatMap((t) => {
    const by = 'id' in t ? routedBy(t.id) : undefined;
    return by === undefined ? [] : [by];
  });
  const remaining = tables.filter((t) => !('id' in t) || routedBy(t.id) === undefined);
  const where = { availabilityZones: [...input.zones], skippedAvailabilityZones: [], subnets: [] };
  const reusedBy = covering[0];
  if (remaining.length === 0 && reusedBy !== undefined)
    return endpoint(want, { ...where, routeTables: tables }, reusedBy);
  return endpoint(want, { ...where, routeTables: remaining }, null);
}

/** One endpoint, its keys always in the same order (plan JSON and goldens read top-down). */
function endpoint(
  want: WantedEndpoint,
  where: Pick<PlannedEndpoint, 'availabilityZones' | 'skippedAvailabilityZones' | 'subnets' | 'routeTables'>,
  existingId: string | null,
): PlannedEndpoint {
  return {
    service: want.service,
    type: want.type,
    serviceName: want.serviceName,
    logicalId: endpointLogicalId(want.service),
    reason: want.reason,
    availabilityZones: where.availabilityZones,
    skippedAvailabilityZones: where.skippedAvailabilityZones,
    subnets: where.subnets,
    routeTables: where.routeTables,
    reused: existingId !== null,
    existingId,
  };
}

function subnetRef(subnet: PlannedSubnet): PlannedSubnetRef {
  return subnet.id === null ? { logicalSuffix: subnet.logicalSuffix } : { id: subnet.id };
}

function routeTableRef(subnet: PlannedSubnet): PlannedRouteTableRef | undefined {
  if (subnet.id === null) return { logicalSuffix: subnet.logicalSuffix };
  if (subnet.routeTableId === null || subnet.routeTableId === UNKNOWN_OFFLINE) return undefined;
  return { id: subnet.routeTableId };
}

function sameRef(a: PlannedRouteTableRef, b: PlannedRouteTableRef): boolean {
  return 'id' in a ? 'id' in b && a.id === b.id : 'logicalSuffix' in b && a.logicalSuffix === b.logicalSuffix;
}

/**
 * With `skipEndpointCreation`: the required services the VPC has no usable endpoint for (SPEC
 * §5.5). Null when that cannot be known (offline).
 */
export function missingRequiredEndpoints(
  partition: Partition,
  region: string,
  existing: readonly ExistingEndpoint[] | null,
): readonly string[] | null {
  if (existing === null) return null;
  return REQUIRED_ENDPOINT_SERVICES.filter((service) => {
    const name = endpointServiceName(partition, region, service);
    return !existing.some((e) => e.serviceName === name && USABLE_STATES.has(e.state));
  });
}
