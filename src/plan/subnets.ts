/**
 * Private subnets of a VPC that private-eks creates (SPEC §4), laid out as eksctl does so that
 * clusters made by either tool have the same CIDRs.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import { cidrContains, cidrsOverlap, parseIpv4Cidr, splitCidr, type Ipv4Cidr } from '../config/cidr.js';
import type { ProblemDraft } from './problems.js';
import type { PlannedSubnet } from './types.js';

/** eksctl's logical-id suffix: the key (a zone name by default) upper-cased, without dashes. */
export function logicalSuffix(keyOrZone: string): string {
  return keyOrZone.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/**
 * eksctl's split: the VPC CIDR cut into equal blocks as if every zone had a public and a private
 * subnet — prefix+3 for up to 8 blocks, prefix+4 for 9 to 16. Block i would be zone i's public
 * subnet (never created here), block i + zones its private one.
 */
export function privateSubnetCidrs(
  vpcCidr: string,
  zoneCount: number,
): { cidrs: string[] } | { problem: ProblemDraft } {
  const vpc = parseIpv4Cidr(vpcCidr);
  if (vpc === undefined) {
    return { problem: { rule: 'V16', path: 'vpc.cidr', message: `vpc.cidr "${vpcCidr}" is not an IPv4 CIDR` } };
  }
  const total = 2 * zoneCount;
  if (total > 16) {
    return {
      problem: {
        rule: 'V16',
        path: 'availabilityZones',
        message: `cannot lay out subnets for ${zoneCount} availability zones: eksctl's layout of vpc.cidr fits at most 8 zones (16 subnets)`,
        hint: 'use at most 8 zones, or give each subnet its cidr under vpc.subnets.private',
      },
    };
  }
  const newPrefix = vpc.prefix + (total <= 8 ? 3 : 4);
  if (newPrefix > 28) {
    return {
      problem: {
        rule: 'V16',
        path: 'vpc.cidr',
        message: `vpc.cidr "${vpcCidr}" is too small for ${zoneCount} zones: subnets would be /${newPrefix}, and AWS allows at most /28`,
      },
    };
  }
  const blocks = splitCidr(vpc, newPrefix, 2 * zoneCount);
  return { cidrs: blocks.slice(zoneCount).map((b) => b.canonical) };
}

/**
 * The private subnets of a VPC private-eks creates: one per zone with eksctl's CIDRs, or the
 * config's `vpc.subnets.private` entries (their `cidr` as given, else the layout's block for
 * their zone).
 */
export function layoutCreatedSubnets(
  config: ResolvedConfig,
  zones: readonly string[],
): { subnets: PlannedSubnet[]; problems: ProblemDraft[] } {
  const layout = privateSubnetCidrs(config.vpc.cidr, zones.length);
  if ('problem' in layout) return { subnets: [], problems: [layout.problem] };
  const layoutFor = (zone: string): string | null => layout.cidrs[zones.indexOf(zone)] ?? null;

  if (config.vpc.privateSubnets.length === 0) {
    const subnets = zones.map((az) => created(az, layoutFor(az), logicalSuffix(az), null));
    return { subnets, problems: [] };
  }
  const problems: ProblemDraft[] = [];
  const subnets: PlannedSubnet[] = [];
  for (const spec of config.vpc.privateSubnets) {
    const path = `vpc.subnets.private.${spec.key}`;
    if (spec.az === undefined) {
      problems.push({
        rule: 'V14',
        path,
        message: `vpc.subnets.private.${spec.key} has no availability zone: set az, or use the zone name as the key`,
      });
      continue;
    }
    const cidr = spec.cidr ?? layoutFor(spec.az);
    if (cidr === null) {
      problems.push({ rule: 'V16', path: `${path}.cidr`, message: `vpc.subnets.private.${spec.key} needs a cidr` });
      continue;
    }
    subnets.push(created(spec.az, cidr, logicalSuffix(spec.key), spec.key));
  }
  problems.push(...checkCidrs(config.vpc.cidr, subnets));
  return { subnets, problems };
}

function created(az: string, cidr: string | null, suffix: string, key: string | null): PlannedSubnet {
  return { az, cidr, id: null, private: true, logicalSuffix: suffix, routeTableId: null, key };
}

/** Layout blocks and given CIDRs together must stay inside the VPC and apart (V16). */
function checkCidrs(vpcCidr: string, subnets: readonly PlannedSubnet[]): ProblemDraft[] {
  const vpc = parseIpv4Cidr(vpcCidr);
  if (vpc === undefined) return [];
  const parsed: { subnet: PlannedSubnet; cidr: Ipv4Cidr }[] = [];
  const problems: ProblemDraft[] = [];
  for (const subnet of subnets) {
    const cidr = subnet.cidr === null ? undefined : parseIpv4Cidr(subnet.cidr);
    const path = `vpc.subnets.private.${subnet.key ?? subnet.az}.cidr`;
    if (cidr === undefined) continue;
    if (!cidrContains(vpc, cidr)) {
      problems.push({ rule: 'V16', path, message: `subnet CIDR "${subnet.cidr}" is not inside vpc.cidr "${vpcCidr}"` });
    }
    const clash = parsed.find((p) => cidrsOverlap(p.cidr, cidr));
    if (clash !== undefined) {
      problems.push({
        rule: 'V16',
        path,
        message: `subnet CIDR "${subnet.cidr}" overlaps "${clash.subnet.cidr}" of vpc.subnets.private.${clash.subnet.key ?? clash.subnet.az}`,
      });
    }
    parsed.push({ subnet, cidr });
  }
  return problems;
}
