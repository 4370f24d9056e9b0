/**
 * Endpoints in a supplied VPC belong to the VPC, not to one cluster: a second cluster in the VPC
 * uses the first one's, so deleting the first must not take them. They live in a stack of their
 * own, named after the VPC (`private-eks-endpoints-<vpc-id>`), which every cluster using them
 * records itself on (one `private-eks.io/endpoint-user/<cluster>` stack tag each); `delete`
 * removes a cluster's tag and deletes the stack only with the last user (deploy/shared-endpoints.ts).
 *
 * Each create re-renders the stack's whole template: what it holds already (other clusters'
 * endpoints, unchanged but grown to this cluster's zones and route tables) plus what this cluster
 * adds. A VPC private-eks creates keeps its endpoints in the cluster stack (nothing else lives
 * there); so does a cluster made before endpoints were shared, whose stack still holds them.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import { endpointLogicalId } from './catalog/endpoint-services.js';
import type { CloudFacts, EndpointServiceLookup, ExistingEndpoint } from './facts.js';
import { ENDPOINT_USER_TAG_PREFIX, clusterStackName, endpointsStackName } from './stacks.js';
import { isSuppliedVpc } from './supplied-vpc.js';
import type { PlannedEndpoint, PlannedRouteTableRef, PlannedSubnet, SharedEndpointsPlan } from './types.js';

export { ENDPOINTS_VPC_TAG, ENDPOINT_USER_TAG_PREFIX, endpointsStackName, endpointUserTag } from './stacks.js';

/** The clusters recorded on an endpoints stack's tags. */
export function endpointUsers(tags: Readonly<Record<string, string>>): string[] {
  return Object.keys(tags)
    .filter((key) => key.startsWith(ENDPOINT_USER_TAG_PREFIX))
    .map((key) => key.slice(ENDPOINT_USER_TAG_PREFIX.length))
    .sort();
}

/** A supplied VPC whose endpoints private-eks manages (not `skipEndpointCreation`). */
export function sharesEndpoints(config: ResolvedConfig, vpcId: string | null): vpcId is string {
  return vpcId !== null && isSuppliedVpc(config) && !config.privateCluster.skipEndpointCreation;
}

const USABLE_STATES = new Set(['available', 'pending', 'pendingacceptance']);

export interface SharedEndpointsInput {
  readonly config: ResolvedConfig;
  readonly vpcId: string;
  readonly zones: readonly string[];
  readonly subnets: readonly PlannedSubnet[];
  /** planEndpoints' answer: the cluster's endpoints, existing ones marked reused. */
  readonly endpoints: readonly PlannedEndpoint[];
  /** The VPC's endpoints; null offline. */
  readonly existing: readonly ExistingEndpoint[] | null;
  readonly lookup: EndpointServiceLookup;
  readonly facts: CloudFacts;
}

export interface SharedEndpointsResult {
  /** The cluster's endpoints, each with the stack that holds it. */
  readonly endpoints: readonly PlannedEndpoint[];
  readonly shared: SharedEndpointsPlan;
}

export async function planSharedEndpoints(input: SharedEndpointsInput): Promise<SharedEndpointsResult> {
  const stackName = endpointsStackName(input.vpcId);
  const clusterStack = clusterStackName(input.config.metadata.name);
  const existing = (input.existing ?? []).filter((e) => USABLE_STATES.has(e.state));
  const inStack = existing.filter((e) => e.stackName === stackName);
  const zoneOf = await subnetZones(input, inStack);

  const shared = new Map<string, PlannedEndpoint>();
  const added: string[] = [];
  const endpoints: PlannedEndpoint[] = [];
  for (const planned of input.endpoints) {
    const held = planned.existingId === null ? undefined : existing.find((e) => e.id === planned.existingId);
    const sharedGateway =
      planned.type === 'Gateway'
        ? inStack.find((e) => e.type === 'Gateway' && e.serviceName === planned.serviceName)
        : undefined;
    if (sharedGateway !== undefined && (held === undefined || held.stackName === stackName || !planned.reused)) {
      // Grow the stack's gateway to this cluster's route tables that no other gateway routes.
      const mine = planned.reused && held?.stackName !== stackName ? [] : planned.routeTables;
      const tables = union(
        sharedGateway.routeTableIds.map((id): PlannedRouteTableRef => ({ id })),
        mine,
      );
      shared.set(planned.serviceName, keptEndpoint(planned, sharedGateway, { routeTables: tables }));
      endpoints.push({ ...planned, reused: true, existingId: sharedGateway.id, stack: stackName });
    } else if (!planned.reused) {
      shared.set(planned.serviceName, { ...planned, stack: stackName });
      added.push(planned.service);
      endpoints.push({ ...planned, stack: stackName });
    } else if (held?.stackName === stackName && planned.type === 'Interface') {
      const grown = growInterface(planned, held, input, zoneOf);
      shared.set(planned.serviceName, grown);
      const mine = input.zones.filter((z) => grown.availabilityZones.includes(z));
      endpoints.push({
        ...planned,
        availabilityZones: mine,
        skippedAvailabilityZones: input.zones.filter((z) => !mine.includes(z)),
        stack: stackName,
      });
    } else if (held?.stackName === clusterStack) {
      // A cluster made before endpoints were shared: its own stack holds them and keeps them.
      endpoints.push({ ...planned, reused: false, existingId: null, stack: clusterStack });
    } else {
      endpoints.push(held?.stackName === undefined ? planned : { ...planned, stack: held.stackName });
    }
  }
  // What other clusters asked for and this one does not: kept as they are.
  for (const other of inStack) {
    if (shared.has(other.serviceName)) continue;
    const service = shortServiceName(other.serviceName);
    shared.set(other.serviceName, {
      service,
      type: other.type,
      serviceName: other.serviceName,
      logicalId: other.logicalId ?? endpointLogicalId(service),
      reason: 'additional',
      availabilityZones: zonesOf(other.subnetIds, zoneOf),
      skippedAvailabilityZones: [],
      subnets: other.subnetIds.map((id) => ({ id })),
      routeTables: other.routeTableIds.map((id) => ({ id })),
      reused: true,
      existingId: other.id,
      stack: stackName,
    });
  }
  return {
    endpoints,
    shared: { stackName, vpcId: input.vpcId, endpoints: [...shared.values()], added },
  };
}

/** The stack's interface endpoint, with a subnet in each of this cluster's zones it does not cover yet. */
function growInterface(
  planned: PlannedEndpoint,
  held: ExistingEndpoint,
  input: SharedEndpointsInput,
  zoneOf: ReadonlyMap<string, string>,
): PlannedEndpoint {
  const offered = input.lookup.found.find((f) => f.serviceName === planned.serviceName)?.availabilityZones ?? null;
  const covered = new Set(zonesOf(held.subnetIds, zoneOf));
  const subnetIds = [...held.subnetIds];
  for (const zone of input.zones) {
    if (covered.has(zone) || (offered !== null && !offered.includes(zone))) continue;
    const subnet = input.subnets.find((s) => s.az === zone && s.id !== null);
    if (subnet?.id == null) continue;
    subnetIds.push(subnet.id);
    covered.add(zone);
  }
  return keptEndpoint(planned, held, {
    subnets: subnetIds.map((id) => ({ id })),
    availabilityZones: [...covered].sort(),
  });
}

function keptEndpoint(
  planned: PlannedEndpoint,
  held: ExistingEndpoint,
  where: Partial<Pick<PlannedEndpoint, 'subnets' | 'routeTables' | 'availabilityZones'>>,
): PlannedEndpoint {
  return {
    ...planned,
    logicalId: held.logicalId ?? planned.logicalId,
    skippedAvailabilityZones: [],
    ...where,
    reused: true,
    existingId: held.id,
    stack: held.stackName ?? planned.stack ?? '',
  };
}

function union(a: readonly PlannedRouteTableRef[], b: readonly PlannedRouteTableRef[]): PlannedRouteTableRef[] {
  const out = [...a];
  for (const ref of b) {
    if (!out.some((o) => JSON.stringify(o) === JSON.stringify(ref))) out.push(ref);
  }
  return out;
}

function zonesOf(subnetIds: readonly string[], zoneOf: ReadonlyMap<string, string>): string[] {
  return [...new Set(subnetIds.flatMap((id) => (zoneOf.has(id) ? [zoneOf.get(id) as string] : [])))].sort();
}

/** Zones of the cluster's subnets and of the subnets the stack's endpoints sit in (one lookup). */
async function subnetZones(
  input: SharedEndpointsInput,
  inStack: readonly ExistingEndpoint[],
): Promise<Map<string, string>> {
  const zoneOf = new Map<string, string>();
  for (const s of input.subnets) if (s.id !== null) zoneOf.set(s.id, s.az);
  const unknown = [...new Set(inStack.flatMap((e) => e.subnetIds))].filter((id) => !zoneOf.has(id));
  if (unknown.length > 0) {
    for (const s of await input.facts.describeSubnets(input.config.metadata.region, { ids: unknown })) {
      zoneOf.set(s.id, s.availabilityZone);
    }
  }
  return zoneOf;
}

/** `com.amazonaws.us-west-2.ecr.api` → `ecr.api`. */
export function shortServiceName(serviceName: string): string {
  const match = /^(?:[a-z0-9-]+\.)+?[a-z]{2}(?:-[a-z]+)+-\d+\.(.+)$/.exec(serviceName);
  return match?.[1] ?? serviceName;
}
