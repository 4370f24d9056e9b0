/**
 * The region catalog as the plan layer uses it: partitions and offline zone names. The table itself
 * is in src/config/region-catalog.ts, where rule V15 also reads it (an unknown region is refused).
 */
import { REGIONS, type RegionRecord } from '../../config/region-catalog.js';
import type { Partition } from '../types.js';

export type { RegionRecord };

const BY_NAME: ReadonlyMap<string, RegionRecord> = new Map(REGIONS.map((r) => [r.name, r]));

/** Every region in the catalog, in the order above (partition by partition). */
export function knownRegions(): readonly RegionRecord[] {
  return REGIONS;
}

export function regionRecord(region: string): RegionRecord | undefined {
  return BY_NAME.get(region);
}

/**
 * The region's partition. A region not in the catalog is taken as `aws` (SPEC §5.2: an unknown
 * region gets the `com.amazonaws` prefix), rather than guessed from its name: a wrong guess would
 * give service names AWS rejects, while `aws` is right for every new commercial region.
 */
export function partitionOf(region: string): Partition {
  return BY_NAME.get(region)?.partition ?? 'aws';
}

/** Offline zone names: the catalog's letters, else `a`, `b`, `c`. */
export function offlineZoneNames(region: string): readonly string[] {
  const letters = BY_NAME.get(region)?.zoneLetters ?? 'abc';
  return [...letters].map((letter) => `${region}${letter}`);
}
