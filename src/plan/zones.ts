/**
 * The cluster's availability zones (SPEC §4): the config's, else chosen from the facts.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import { EKS_CAPACITY_EXCLUDED_ZONE_IDS } from './catalog/known-gaps.js';
import type { ZoneInfo } from './facts.js';
import type { ProblemDraft } from './problems.js';
import { quoteList } from './problems.js';

/** EKS needs subnets in at least two zones (V14). */
export const MIN_ZONES = 2;

/** eksctl's default: 3 zones, 2 in us-east-1 (its biggest region, where capacity errors were common). */
export function defaultZoneCount(region: string): number {
  return region === 'us-east-1' ? 2 : 3;
}

export interface ZoneChoice {
  readonly zones: readonly string[];
  readonly problems: readonly ProblemDraft[];
}

function usable(zone: ZoneInfo): boolean {
  return zone.state === 'available' && zone.zoneType === 'availability-zone';
}

/**
 * Picks `defaultZoneCount(region)` zones, deterministically: usable zones (available, of type
 * availability-zone) without EKS capacity exclusions, those offering every planned interface
 * service first **[beyond]**, then by name; the result is in name order.
 *
 * @param serviceZones per planned interface service, the zones offering it (null: every zone)
 */
export function chooseZones(
  region: string,
  zones: readonly ZoneInfo[],
  serviceZones: readonly (readonly string[] | null)[],
): ZoneChoice {
  const candidates = zones
    .filter((z) => usable(z) && (z.zoneId === null || !EKS_CAPACITY_EXCLUDED_ZONE_IDS.includes(z.zoneId)))
    .map((z) => z.name)
    .sort();
  const offersAll = (zone: string): boolean =>
    serviceZones.every((offered) => offered === null || offered.includes(zone));
  const preferred = [...candidates.filter(offersAll), ...candidates.filter((z) => !offersAll(z))];
  const chosen = preferred.slice(0, defaultZoneCount(region)).sort();
  if (chosen.length >= MIN_ZONES) return { zones: chosen, problems: [] };
  return {
    zones: chosen,
    problems: [
      {
        rule: 'V14',
        path: 'availabilityZones',
        message: `region "${region}" has ${chosen.length} usable availability zone(s) for EKS (${quoteList(chosen)}); a cluster needs private subnets in at least ${MIN_ZONES}`,
        hint: 'choose another region',
      },
    ],
  };
}

/**
 * Checks zones named by the config against the facts (live only: offline zone letters are a guess):
 * an unknown zone is an error; a zone where EKS has no capacity is a warning.
 */
export function checkExplicitZones(config: ResolvedConfig, zones: readonly ZoneInfo[]): ProblemDraft[] {
  const region = config.metadata.region;
  const byName = new Map(zones.map((z) => [z.name, z]));
  const problems: ProblemDraft[] = [];
  config.availabilityZones.forEach((name, i) => {
    const zone = byName.get(name);
    if (zone === undefined || !usable(zone)) {
      problems.push({
        rule: 'V14',
        path: `availabilityZones[${i}]`,
        message: `availability zone "${name}" is not an available zone of region "${region}"`,
        hint: `use one of ${quoteList(
          zones
            .filter(usable)
            .map((z) => z.name)
            .sort(),
        )}`,
      });
    } else if (zone.zoneId !== null && EKS_CAPACITY_EXCLUDED_ZONE_IDS.includes(zone.zoneId)) {
      problems.push({
        rule: 'V14',
        path: `availabilityZones[${i}]`,
        severity: 'warning',
        message: `availability zone "${name}" (${zone.zoneId}) has no EKS control-plane capacity; cluster creation may fail there`,
        hint: 'choose another zone',
      });
    }
  });
  return problems;
}
