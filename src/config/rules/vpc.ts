/**
 * Rules on the cluster's network (SPEC §3): V2 endpoint access, V3 public subnets, V4 subnets of a
 * supplied VPC, V13 subnets with zones, V14 two zones, V18 NAT.
 */
import { looksLikeZone } from '../defaults.js';
import type { FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { report, type RuleContext } from './context.js';

const PRIVATE_SUBNETS: FieldPath = ['vpc', 'subnets', 'private'];

/**
 * V2: endpoint access is not the user's to choose in a fully-private cluster (private-only; SPEC
 * §7 decides how creation gets there). Any value counts, even `privateAccess: true`; an empty
 * `clusterEndpoints: {}` is fine (eksctl's check is on the two fields).
 */
export function v2ClusterEndpoints(ctx: RuleContext): Problem[] {
  // eksctl's own --dry-run output of a private cluster carries both set to true (ValidatePrivateCluster
  // opens public access for the creation window): accepted unchanged, it asks for nothing else.
  const endpoints = ctx.config.vpc?.clusterEndpoints;
  if (endpoints?.publicAccess === true && endpoints.privateAccess === true) return [];
  return (['publicAccess', 'privateAccess'] as const)
    .map((field) => ['vpc', 'clusterEndpoints', field] as FieldPath)
    .filter((path) => ctx.source.has(path))
    .map((path) =>
      report(ctx, 'key', {
        rule: 'V2',
        path,
        message:
          'vpc.clusterEndpoints cannot be set for a fully-private cluster (privateCluster.enabled) as the endpoint access defaults to private-only',
        hint: `remove ${String(path.at(-1))}: the API endpoint is private-only`,
      }),
    );
}

/** V3: the seed says public subnets are an error in a fully-private cluster (eksctl never checked). */
export function v3PublicSubnets(ctx: RuleContext): Problem[] {
  if (Object.keys(ctx.config.vpc?.subnets?.public ?? {}).length === 0) return [];
  return [
    report(ctx, 'key', {
      rule: 'V3',
      path: ['vpc', 'subnets', 'public'],
      message: 'vpc.subnets.public cannot be specified in a fully-private cluster: only private subnets are allowed',
      hint: 'remove vpc.subnets.public; list the cluster subnets under vpc.subnets.private',
    }),
  ];
}

/** V4: a supplied VPC needs its subnets named (eksctl crashes when `private` is absent). */
export function v4SubnetsForSuppliedVpc(ctx: RuleContext): Problem[] {
  const vpc = ctx.config.vpc;
  if ((vpc?.id ?? '') === '' || Object.keys(vpc?.subnets?.private ?? {}).length > 0) return [];
  return [
    report(ctx, ctx.source.has(PRIVATE_SUBNETS) ? 'key' : 'missing', {
      rule: 'V4',
      path: PRIVATE_SUBNETS,
      message: 'vpc.subnets.private must be specified in a fully-private cluster when a pre-existing VPC is supplied',
      hint: 'list the private subnets of the VPC, e.g. vpc.subnets.private: {us-west-2a: {id: subnet-…}}',
    }),
  ];
}

function subnetCount(ctx: RuleContext): number {
  const subnets = ctx.config.vpc?.subnets;
  return Object.keys(subnets?.private ?? {}).length + Object.keys(subnets?.public ?? {}).length;
}

/** V13: eksctl's check; the zones come from the subnets when those are given. */
export function v13SubnetsAndZones(ctx: RuleContext): Problem[] {
  if (subnetCount(ctx) === 0 || (ctx.config.availabilityZones ?? []).length === 0) return [];
  return [
    report(ctx, 'key', {
      rule: 'V13',
      path: ['availabilityZones'],
      message: 'vpc.subnets and availabilityZones cannot be set at the same time',
      hint: 'remove availabilityZones: the zones of vpc.subnets are the cluster zones',
    }),
  ];
}

const zoneList = (zones: readonly string[]) => (zones.length === 0 ? '' : ` (${zones.join(', ')})`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * V14: EKS needs subnets in at least two zones. Counted from the private subnets when the file has
 * them (a subnet given by id alone counts as a zone of its own: its zone is learnt from AWS at
 * planning), else from `availabilityZones` (both at once is V13). Neither: planning picks at least
 * two, so this passes.
 */
export function v14TwoZones(ctx: RuleContext): Problem[] {
  const subnets = Object.entries(ctx.config.vpc?.subnets?.private ?? {});
  if (subnets.length > 0) {
    const known = new Set<string>();
    let unknown = 0;
    for (const [key, spec] of subnets) {
      const az = spec.az ?? (looksLikeZone(key) ? key : undefined);
      if (az === undefined) unknown++;
      else known.add(az);
    }
    if (known.size + unknown >= 2) return [];
    return [
      report(ctx, 'key', {
        rule: 'V14',
        path: PRIVATE_SUBNETS,
        message: `vpc.subnets.private has subnets in ${plural(known.size + unknown, 'zone')}${zoneList([...known])}; EKS needs private subnets in at least 2 availability zones`,
        hint: 'add a private subnet in another zone',
      }),
    ];
  }
  const zones = [...new Set(ctx.config.availabilityZones ?? [])];
  if (zones.length === 0 || zones.length >= 2) return [];
  return [
    report(ctx, 'key', {
      rule: 'V14',
      path: ['availabilityZones'],
      message: `availabilityZones names ${plural(zones.length, 'zone')}${zoneList(zones)}; EKS needs at least 2 availability zones`,
      hint: 'list two or more zones of the region',
    }),
  ];
}

/** V18, a warning: a fully-private cluster has no NAT gateway, so `vpc.nat` does nothing. */
export function v18Nat(ctx: RuleContext): Problem[] {
  if (!ctx.source.has(['vpc', 'nat'])) return [];
  return [
    report(ctx, 'key', {
      rule: 'V18',
      severity: 'warning',
      path: ['vpc', 'nat'],
      message: 'vpc.nat is ignored: a fully-private cluster has no NAT gateway',
      hint: 'remove vpc.nat',
    }),
  ];
}
