/**
 * A user-supplied VPC (SPEC §5.5): `vpc.id` with `vpc.subnets.private.<key>.id`, or subnets by id
 * alone. Live, the VPC, its subnets, route tables and endpoints are looked up and checked; offline
 * nothing can be, so the config is taken at its word and the plan lists what it did not check.
 */
import type { ResolvedConfig, SubnetSpec } from '../config/resolved.js';
import type { CloudFacts, SubnetInfo } from './facts.js';
import { isIpv6Cluster, suppliedIpv6Problems } from './ipv6.js';
import type { PlannedNetwork } from './network.js';
import type { ProblemDraft } from './problems.js';
import { logicalSuffix } from './subnets.js';
import type { PlannedSubnet } from './types.js';
import { UNKNOWN_OFFLINE } from './types.js';

export function isSuppliedVpc(config: ResolvedConfig): boolean {
  return config.vpc.id !== undefined || config.vpc.privateSubnets.some((s) => s.id !== undefined);
}

const subnetPath = (spec: SubnetSpec): string => `vpc.subnets.private.${spec.key}`;

function distinctZones(subnets: readonly PlannedSubnet[]): string[] {
  return [...new Set(subnets.map((s) => s.az).filter((az) => az !== UNKNOWN_OFFLINE))].sort();
}

/** Offline: what the config says, with every unchecked fact listed. */
export function suppliedNetworkOffline(config: ResolvedConfig): PlannedNetwork {
  const subnets = config.vpc.privateSubnets.map((spec): PlannedSubnet => ({
    az: spec.az ?? UNKNOWN_OFFLINE,
    cidr: spec.cidr ?? null,
    id: spec.id ?? UNKNOWN_OFFLINE,
    private: true,
    logicalSuffix: logicalSuffix(spec.key),
    routeTableId: UNKNOWN_OFFLINE,
    key: spec.key,
  }));
  const vpcId = config.vpc.id ?? UNKNOWN_OFFLINE;
  return {
    vpc: { id: vpcId, cidrs: [config.vpc.cidr] },
    subnets,
    zones: distinctZones(subnets),
    routeTables: null,
    existingEndpoints: null,
    unknowns: [
      `the supplied VPC${vpcId === UNKNOWN_OFFLINE ? '' : ` ${vpcId}`} was not looked up: its id, CIDRs and DNS attributes are unknown; the endpoint security group assumes vpc.cidr ${config.vpc.cidr}`,
      "the supplied subnets' zones and CIDRs come from the config, not from AWS",
      'route tables were not checked: each supplied subnet needs an explicitly associated, non-main route table with no route to an internet gateway',
      'existing VPC endpoints were not looked up: none is reused',
      ...(isIpv6Cluster(config)
        ? [
            'whether the supplied VPC and subnets have IPv6 CIDR blocks (an IPv6 cluster needs them) is unknown; the endpoint security group admits no IPv6 block',
          ]
        : []),
    ],
    problems: [],
  };
}

/**
 * Live: looks the VPC up and checks it (SPEC §5.5). `routeTablesRequired` is false with
 * `skipEndpointCreation`, when no route table is touched.
 */
export async function suppliedNetworkLive(
  config: ResolvedConfig,
  facts: CloudFacts,
  options: { readonly routeTablesRequired: boolean },
): Promise<PlannedNetwork> {
  const region = config.metadata.region;
  const problems: ProblemDraft[] = [];
  const specs = config.vpc.privateSubnets;
  const ids = specs.flatMap((s) => (s.id === undefined ? [] : [s.id]));
  const foundById = new Map((ids.length > 0 ? await facts.describeSubnets(region, { ids }) : []).map((s) => [s.id, s]));

  const vpcId = config.vpc.id ?? [...foundById.values()][0]?.vpcId;
  if (vpcId === undefined) {
    for (const spec of specs) problems.push(notFound(spec, region));
    return {
      vpc: { id: null, cidrs: [] },
      subnets: [],
      zones: [],
      routeTables: [],
      existingEndpoints: [],
      unknowns: [],
      problems,
    };
  }
  // Entries given by CIDR alone are found among the VPC's subnets, as eksctl imports them.
  const needVpcSubnets = specs.some((s) => s.id === undefined);
  const vpcSubnets = needVpcSubnets ? await facts.describeSubnets(region, { vpcId }) : [];

  const vpcInfo = await facts.describeVpc(region, vpcId);
  if (!vpcInfo.enableDnsSupport || !vpcInfo.enableDnsHostnames) {
    problems.push({
      rule: 'V21',
      path: config.vpc.id === undefined ? 'vpc.subnets.private' : 'vpc.id',
      message: `VPC "${vpcId}" must have DNS support and DNS hostnames enabled: the interface endpoints' private DNS needs both (enableDnsSupport: ${String(vpcInfo.enableDnsSupport)}, enableDnsHostnames: ${String(vpcInfo.enableDnsHostnames)})`,
      hint: `aws ec2 modify-vpc-attribute --vpc-id ${vpcId} --enable-dns-hostnames '{"Value":true}' (and --enable-dns-support likewise)`,
    });
  }
  const routeTables = await facts.describeRouteTables(region, vpcId);
  const existingEndpoints = await facts.describeVpcEndpoints(region, vpcId);
  const mainTable = routeTables.find((t) => t.main);

  const subnets: PlannedSubnet[] = [];
  const usable: { spec: SubnetSpec; info: SubnetInfo }[] = [];
  for (const spec of specs) {
    const info = findSubnet(spec, foundById, vpcSubnets);
    if (info === undefined) {
      problems.push(notFound(spec, region, spec.id === undefined ? vpcId : undefined));
      continue;
    }
    const drafts = checkSubnet(spec, info, vpcId, config.vpc.id !== undefined);
    problems.push(...drafts);
    if (drafts.some((d) => d.severity !== 'warning' && d.path === subnetPath(spec))) continue;

    const explicit = routeTables.find((t) => t.subnetIds.includes(info.id));
    const effective = explicit ?? mainTable;
    const igw = effective?.routes.find((r) => r.gatewayId?.startsWith('igw-') === true);
    if (effective !== undefined && igw !== undefined) {
      problems.push({
        rule: 'V21',
        path: subnetPath(spec),
        message: `subnet "${info.id}" has a route to internet gateway "${igw.gatewayId ?? ''}" (route table "${effective.id}"): a fully-private cluster's subnets must not reach the internet`,
        hint: 'remove the route, or use subnets whose route table has none',
      });
    }
    if (options.routeTablesRequired) {
      if (explicit === undefined) {
        problems.push({
          rule: 'V21',
          path: subnetPath(spec),
          message: `failed to find an explicit route table associated with subnet "${info.id}"; private-eks does not modify the main route table if a subnet is not associated with an explicit route table`,
          hint: 'create a route table and associate it with the subnet',
        });
      } else if (explicit.main) {
        problems.push({
          rule: 'V21',
          path: subnetPath(spec),
          message: `subnets must be associated with a non-main route table; private-eks does not modify the main route table: subnet "${info.id}" is associated with the main route table "${explicit.id}"`,
          hint: 'associate the subnet with a route table of its own',
        });
      }
    }
    usable.push({ spec, info });
    subnets.push({
      az: info.availabilityZone,
      cidr: info.cidr,
      id: info.id,
      private: true,
      logicalSuffix: logicalSuffix(spec.key),
      routeTableId: explicit === undefined || explicit.main ? null : explicit.id,
      key: spec.key,
    });
  }
  const ipv6 = isIpv6Cluster(config);
  if (ipv6)
    problems.push(
      ...suppliedIpv6Problems(vpcInfo, config.vpc.id === undefined ? 'vpc.subnets.private' : 'vpc.id', usable),
    );
  return {
    vpc: {
      id: vpcId,
      cidrs: vpcInfo.cidrs.length > 0 ? vpcInfo.cidrs : [config.vpc.cidr],
      ...(ipv6 ? { ipv6Cidrs: vpcInfo.ipv6Cidrs ?? [] } : {}),
    },
    subnets,
    zones: distinctZones(subnets),
    routeTables,
    existingEndpoints,
    unknowns: [],
    problems,
  };
}

function findSubnet(
  spec: SubnetSpec,
  byId: ReadonlyMap<string, SubnetInfo>,
  vpcSubnets: readonly SubnetInfo[],
): SubnetInfo | undefined {
  if (spec.id !== undefined) return byId.get(spec.id);
  if (spec.cidr !== undefined) return vpcSubnets.find((s) => s.cidr === spec.cidr);
  return undefined;
}

function notFound(spec: SubnetSpec, region: string, vpcId?: string): ProblemDraft {
  const what =
    spec.id !== undefined
      ? `subnet "${spec.id}"`
      : spec.cidr !== undefined
        ? `a subnet with CIDR "${spec.cidr}"`
        : `vpc.subnets.private.${spec.key} (no id or cidr)`;
  return {
    rule: 'V21',
    path: subnetPath(spec),
    message: `${what} was not found in ${vpcId === undefined ? `region "${region}"` : `VPC "${vpcId}"`}`,
    hint: 'check the subnet id and the region',
  };
}

function checkSubnet(spec: SubnetSpec, info: SubnetInfo, vpcId: string, vpcGiven: boolean): ProblemDraft[] {
  const path = subnetPath(spec);
  if (info.vpcId !== vpcId) {
    return [
      {
        rule: 'V21',
        path,
        message: vpcGiven
          ? `subnet "${info.id}" is in VPC "${info.vpcId}", not in vpc.id "${vpcId}"`
          : `subnet "${info.id}" is in VPC "${info.vpcId}", not in VPC "${vpcId}" of the other subnets`,
      },
    ];
  }
  const problems: ProblemDraft[] = [];
  if (spec.az !== undefined && spec.az !== info.availabilityZone) {
    problems.push({
      rule: 'V21',
      path: `${path}.az`,
      message: `subnet "${info.id}" is in availability zone "${info.availabilityZone}", not "${spec.az}" as the config says`,
    });
  }
  if (spec.cidr !== undefined && spec.cidr !== info.cidr) {
    problems.push({
      rule: 'V21',
      path: `${path}.cidr`,
      message: `subnet "${info.id}" has CIDR "${info.cidr}", not "${spec.cidr}" as the config says`,
    });
  }
  return problems;
}
