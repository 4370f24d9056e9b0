/**
 * Regions private-eks knows (an unknown region is refused, as eksctl refuses one), with their partition (SPEC §5.2) and, where known, the zone letters a
 * new account sees. Data only. Sources: the AWS Regions list of the general reference and the EC2
 * "Regions and Zones" pages (as of late 2026); zone letters are per-account in a few old regions,
 * so the offline plan says it is offline and a live plan asks DescribeAvailabilityZones.
 */

/** The AWS partitions: each has its own endpoint-service prefix and ARN prefix. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f';

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
export const REGIONS: readonly RegionRecord[] = [
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
