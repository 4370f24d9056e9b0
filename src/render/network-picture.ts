/**
 * The planned network as a picture: the VPC, its zones, the private subnets (with CIDRs and route
 * tables), the interface endpoints placed in each subnet, the gateway endpoints on the route
 * tables — and what is NOT there: an internet gateway, a NAT gateway, a public subnet. That last
 * part is what a reviewer of a private cluster looks for first, so it is derived, never assumed:
 *
 * - a VPC private-eks creates: from the cluster stack's template (the resources CloudFormation will
 *   create), so a template that grew an internet gateway would show it here;
 * - a supplied VPC planned live: from the route tables of the cluster's subnets as AWS returned them
 *   (`plan.suppliedRouteTables`);
 * - a supplied VPC planned offline: not known, and said so.
 *
 * Pure: the Plan (and its rendered templates) in, a value out; text.ts and mermaid.ts draw it.
 */
import type { Plan, PlannedEndpoint, PlannedRouteTableRef, PlannedSubnet, PlannedSubnetRef } from '../plan/types.js';
import { UNKNOWN_OFFLINE } from '../plan/types.js';
import type { RouteTableInfo } from '../plan/facts.js';
import { renderTemplates } from '../templates/render.js';
import type { Template } from '../templates/types.js';

/** One private subnet of the picture. */
export interface PictureSubnet {
  /** `SubnetPrivateUSWEST2A` for a new subnet, the subnet id for a supplied one. */
  readonly name: string;
  /** Null when unknown (a supplied subnet planned offline). */
  readonly cidr: string | null;
  /** `PrivateRouteTableUSWEST2A`, a supplied table's id, or null when unknown offline. */
  readonly routeTable: string | null;
  /** Short names of the interface endpoints with a network interface in this subnet. */
  readonly interfaceEndpoints: readonly string[];
}

/** An availability zone of the network picture, with its private subnets. */
export interface PictureZone {
  /** Null for supplied subnets whose zone is unknown offline. */
  readonly name: string | null;
  readonly subnets: readonly PictureSubnet[];
}

/** A gateway endpoint (S3, DynamoDB) of the network picture, with the route tables it adds routes to. */
export interface PictureGatewayEndpoint {
  /** `s3`, `dynamodb`. */
  readonly service: string;
  /** The route tables it adds routes to; empty when unknown offline. */
  readonly routeTables: readonly string[];
  /** The id of an endpoint already in the VPC that is used instead of a new one. */
  readonly reusedId: string | null;
}

/** What the picture says about one way out of the VPC. */
export interface EgressFinding {
  readonly what: 'internet gateway' | 'NAT gateway' | 'public subnet';
  /** True: there is one; false: there is none; null: not known (offline, supplied VPC). */
  readonly present: boolean | null;
  /** What shows it: resources or routes, one phrase each (empty when absent or unknown). */
  readonly evidence: readonly string[];
}

/** The planned network as a value: VPC, zones, subnets, endpoints, and what leaves the VPC (internet gateway, NAT gateway, public subnet) with the facts that show it. */
export interface NetworkPicture {
  readonly cluster: string;
  readonly region: string;
  readonly vpc: {
    /** True when the cluster stack creates the VPC. */
    readonly created: boolean;
    /** The supplied VPC's id; null when created, or unknown offline. */
    readonly id: string | null;
    readonly cidrs: readonly string[];
  };
  readonly zones: readonly PictureZone[];
  readonly gatewayEndpoints: readonly PictureGatewayEndpoint[];
  /** Interface endpoints the VPC already has that the plan reuses instead of creating. */
  readonly reusedInterfaceEndpoints: readonly { readonly service: string; readonly id: string | null }[];
  /** `skipEndpointCreation`: required services the supplied VPC lacks. */
  readonly missingEndpoints: readonly string[];
  /** Where the egress findings come from, as a phrase ("from the cluster stack's template", …). */
  readonly egressBasis: string;
  /** Internet gateway, NAT gateway, public subnet, in that order. */
  readonly egress: readonly EgressFinding[];
  /** Other routes leaving the cluster's route tables (transit gateway, peering, VPN), as facts. */
  readonly otherRoutes: readonly string[];
  /** The API server's endpoint when creation is done. */
  readonly apiServerAccess: 'private only' | 'public and private';
}

const known = (value: string | null): string | null => (value === UNKNOWN_OFFLINE ? null : value);

function subnetName(s: PlannedSubnet): string {
  return s.id === null ? `SubnetPrivate${s.logicalSuffix}` : (known(s.id) ?? `subnet ${s.key ?? s.logicalSuffix}`);
}

function routeTableName(ref: PlannedRouteTableRef): string | null {
  return 'id' in ref ? known(ref.id) : `PrivateRouteTable${ref.logicalSuffix}`;
}

function refersTo(ref: PlannedSubnetRef, subnet: PlannedSubnet): boolean {
  return 'id' in ref
    ? subnet.id !== null && ref.id === subnet.id
    : subnet.id === null && ref.logicalSuffix === subnet.logicalSuffix;
}

function pictureSubnet(subnet: PlannedSubnet, endpoints: readonly PlannedEndpoint[]): PictureSubnet {
  return {
    name: subnetName(subnet),
    cidr: subnet.cidr,
    routeTable: subnet.id === null ? `PrivateRouteTable${subnet.logicalSuffix}` : known(subnet.routeTableId),
    interfaceEndpoints: endpoints
      .filter((e) => e.type === 'Interface' && !e.reused && e.subnets.some((ref) => refersTo(ref, subnet)))
      .map((e) => e.service),
  };
}

function zonesOf(plan: Plan): PictureZone[] {
  const order = [...plan.availabilityZones];
  for (const s of plan.subnets) if (!order.includes(s.az)) order.push(s.az);
  return order
    .map((zone) => ({
      name: known(zone),
      subnets: plan.subnets.filter((s) => s.az === zone).map((s) => pictureSubnet(s, plan.endpoints)),
    }))
    .filter((z) => z.subnets.length > 0);
}

const resourcesOfType = (template: Template | undefined, type: string): [string, Record<string, unknown>][] =>
  Object.entries(template?.Resources ?? {})
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, (r.Properties ?? {}) as Record<string, unknown>]);

/** A VPC the cluster stack creates: what its template holds. */
function egressFromTemplate(template: Template | undefined): Pick<NetworkPicture, 'egress' | 'otherRoutes'> {
  const igws = [
    ...resourcesOfType(template, 'AWS::EC2::InternetGateway'),
    ...resourcesOfType(template, 'AWS::EC2::EgressOnlyInternetGateway'),
  ].map(([id]) => id);
  const nats = resourcesOfType(template, 'AWS::EC2::NatGateway').map(([id]) => id);
  const routes = resourcesOfType(template, 'AWS::EC2::Route');
  const routeTo = (key: string): string[] =>
    routes.filter(([, p]) => p[key] !== undefined).map(([id]) => `route ${id}`);
  const publicSubnets = resourcesOfType(template, 'AWS::EC2::Subnet')
    .filter(([, p]) => p['MapPublicIpOnLaunch'] === true)
    .map(([id]) => `${id} (MapPublicIpOnLaunch)`);
  const igwEvidence = [...igws, ...routeTo('GatewayId'), ...routeTo('EgressOnlyInternetGatewayId')];
  const natEvidence = [...nats, ...routeTo('NatGatewayId')];
  return {
    egress: [
      { what: 'internet gateway', present: igwEvidence.length > 0, evidence: igwEvidence },
      { what: 'NAT gateway', present: natEvidence.length > 0, evidence: natEvidence },
      // A subnet is public when it routes to an internet gateway or gives instances public IPs.
      {
        what: 'public subnet',
        present: publicSubnets.length > 0 || igwEvidence.length > 0,
        evidence: publicSubnets,
      },
    ],
    otherRoutes: [...routeTo('TransitGatewayId'), ...routeTo('VpcPeeringConnectionId'), ...routeTo('VpnGatewayId')],
  };
}

/** A supplied VPC planned live: the routes of the cluster subnets' route tables, as AWS returned them. */
function egressFromRouteTables(tables: readonly RouteTableInfo[]): Pick<NetworkPicture, 'egress' | 'otherRoutes'> {
  const igw: string[] = [];
  const nat: string[] = [];
  const other: string[] = [];
  for (const table of tables) {
    for (const route of table.routes) {
      const to = route.destinationCidr ?? route.destinationPrefixListId ?? '?';
      if (route.natGatewayId !== undefined) nat.push(`${table.id}: ${to} → ${route.natGatewayId}`);
      else if (route.gatewayId?.startsWith('igw-') === true || route.gatewayId?.startsWith('eigw-') === true)
        igw.push(`${table.id}: ${to} → ${route.gatewayId}`);
      else if (route.gatewayId !== undefined && route.gatewayId !== 'local' && !route.gatewayId.startsWith('vpce-'))
        other.push(`${table.id}: ${to} → ${route.gatewayId}`);
    }
  }
  return {
    egress: [
      { what: 'internet gateway', present: igw.length > 0, evidence: igw },
      { what: 'NAT gateway', present: nat.length > 0, evidence: nat },
      // The cluster's subnets are public exactly when their route tables reach an internet gateway.
      {
        what: 'public subnet',
        present: igw.length > 0,
        evidence: igw.length > 0 ? ['see the internet gateway routes'] : [],
      },
    ],
    otherRoutes: other,
  };
}

const UNKNOWN_EGRESS: Pick<NetworkPicture, 'egress' | 'otherRoutes'> = {
  egress: (['internet gateway', 'NAT gateway', 'public subnet'] as const).map((what) => ({
    what,
    present: null,
    evidence: [],
  })),
  otherRoutes: [],
};

/**
 * The picture of `plan`'s network. `templates` are the plan's rendered templates when the caller
 * has them already (`renderTemplates(plan)` otherwise: pure and cheap).
 */
export function networkPicture(plan: Plan, templates?: ReadonlyMap<string, Template>): NetworkPicture {
  const created = plan.vpc.id === null;
  let egressBasis: string;
  let findings: Pick<NetworkPicture, 'egress' | 'otherRoutes'>;
  if (created) {
    const clusterStack = plan.stacks.find((s) => s.kind === 'cluster');
    const rendered = templates ?? renderTemplates(plan);
    egressBasis = "from the cluster stack's template";
    findings = egressFromTemplate(clusterStack === undefined ? undefined : rendered.get(clusterStack.name));
  } else if (plan.suppliedRouteTables !== undefined) {
    egressBasis = "from the route tables of the cluster's subnets, as AWS returned them";
    findings = egressFromRouteTables(plan.suppliedRouteTables);
  } else {
    egressBasis = "offline: a supplied VPC's route tables are looked up only by a plan with AWS credentials";
    findings = UNKNOWN_EGRESS;
  }
  return {
    cluster: plan.cluster.metadata.name,
    region: plan.region.name,
    vpc: { created, id: created ? null : known(plan.vpc.id), cidrs: plan.vpc.cidrs },
    zones: zonesOf(plan),
    gatewayEndpoints: plan.endpoints
      .filter((e) => e.type === 'Gateway')
      .map((e) => ({
        service: e.service,
        routeTables: e.routeTables.map(routeTableName).filter((name): name is string => name !== null),
        reusedId: e.reused ? e.existingId : null,
      })),
    reusedInterfaceEndpoints: plan.endpoints
      .filter((e) => e.type === 'Interface' && e.reused)
      .map((e) => ({ service: e.service, id: e.existingId })),
    missingEndpoints: plan.missingEndpoints,
    egressBasis,
    ...findings,
    apiServerAccess: plan.endpointAccess.final.publicAccess ? 'public and private' : 'private only',
  };
}

/**
 * The egress findings as one sentence: "no internet gateway, no NAT gateway, no public subnet"
 * when all three are absent; each present or unknown one named otherwise.
 */
export function egressSentence(picture: NetworkPicture): string {
  if (picture.egress.every((f) => f.present === null)) {
    return `${picture.egress.map((f) => f.what).join(', ')}: not checked`;
  }
  const parts = picture.egress.map((f) =>
    f.present === false ? `no ${f.what}` : f.present === null ? `${f.what}: not checked` : `${f.what}: YES`,
  );
  return parts.join(', ');
}
