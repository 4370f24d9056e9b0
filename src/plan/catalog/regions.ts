/**
 * Regions private-eks knows, with their partition (SPEC §5.2) and, where known, the zone letters a
 * new account sees. Data only. Sources: the AWS Regions list of the general reference and the EC2
 * "Regions and Zones" pages (as of late 2026); zone letters are per-account in a few old regions,
 * so the offline plan says it is offline and a live plan asks DescribeAvailabilityZones.
 */
import type { Partition } from '../types.js';

export interface RegionRecord {
  readonly name: string;
  readonly partition: Partition;
  /**
   * Zone letters offered to new accounts, in order. Null: not known here; offline planning then
   * assumes `a`, `b`, `c`.
   */
  readonly zoneLetters: string | null;
}

// Zone letters are what new accounts usually see, not verified per account (names are mapped to
// zone IDs per account); only the offline plan uses them. Those that differ from a..c: us-east-1 (a..f), us-west-2
// and ap-northeast-2 (a..d), us-west-1 (two zones), ap-northeast-1 (no `b` for new accounts),
// ca-central-1 (`c` retired: cac1-az3 has no EKS capacity), cn-north-1 (`a`, `b`, `d`).
const REGIONS: readonly RegionRecord[] = [
  // aws
  { name: 'us-east-1', partition: 'aws', zoneLetters: 'abcdef' },
  { name: 'us-east-2', partition: 'aws', zoneLetters: 'abc' },
  { name: 'us-west-1', partition: 'aws', zoneLetters: 'ab' },
  { name: 'us-west-2', partition: 'aws', zoneLetters: 'abcd' },
  { name: 'af-south-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-east-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-east-2', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-south-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-south-2', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-southeast-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-southeast-2', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-southeast-3', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-southeast-4', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-southeast-5', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-southeast-6', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-southeast-7', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ap-northeast-1', partition: 'aws', zoneLetters: 'acd' },
  { name: 'ap-northeast-2', partition: 'aws', zoneLetters: 'abcd' },
  { name: 'ap-northeast-3', partition: 'aws', zoneLetters: 'abc' },
  { name: 'ca-central-1', partition: 'aws', zoneLetters: 'abd' },
  { name: 'ca-west-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'eu-central-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'eu-central-2', partition: 'aws', zoneLetters: 'abc' },
  { name: 'eu-west-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'eu-west-2', partition: 'aws', zoneLetters: 'abc' },
  { name: 'eu-west-3', partition: 'aws', zoneLetters: 'abc' },
  { name: 'eu-south-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'eu-south-2', partition: 'aws', zoneLetters: 'abc' },
  { name: 'eu-north-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'il-central-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'me-south-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'me-central-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'mx-central-1', partition: 'aws', zoneLetters: 'abc' },
  { name: 'sa-east-1', partition: 'aws', zoneLetters: 'abc' },
  // aws-cn
  { name: 'cn-north-1', partition: 'aws-cn', zoneLetters: 'abd' },
  { name: 'cn-northwest-1', partition: 'aws-cn', zoneLetters: 'abc' },
  // aws-us-gov
  { name: 'us-gov-west-1', partition: 'aws-us-gov', zoneLetters: 'abc' },
  { name: 'us-gov-east-1', partition: 'aws-us-gov', zoneLetters: 'abc' },
  // ISO partitions: zone layouts are not public.
  { name: 'us-iso-east-1', partition: 'aws-iso', zoneLetters: null },
  { name: 'us-iso-west-1', partition: 'aws-iso', zoneLetters: null },
  { name: 'us-isob-east-1', partition: 'aws-iso-b', zoneLetters: null },
  { name: 'us-isob-west-1', partition: 'aws-iso-b', zoneLetters: null },
  { name: 'eu-isoe-west-1', partition: 'aws-iso-e', zoneLetters: null },
  { name: 'us-isof-south-1', partition: 'aws-iso-f', zoneLetters: null },
  { name: 'us-isof-east-1', partition: 'aws-iso-f', zoneLetters: null },
];

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
