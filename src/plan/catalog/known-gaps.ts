/**
 * What the offline catalog knows AWS does not offer, and zones EKS cannot use. Data only.
 */

/**
 * Regions known to lack a required endpoint service (V20, offline). The seed (eksctl's
 * documentation) says fully-private clusters are not supported in eu-south-1 without naming the
 * service, so `missing` stays unnamed there; a live plan asks AWS and names it.
 *
 * The config layer's V20 rule reports the same regions before planning; this table is what the
 * offline facts and the plan use, so a plan built without the config layer agrees with it.
 */
export interface RegionGap {
  readonly region: string;
  /** Required services known to be missing; empty when the source does not say which. */
  readonly missing: readonly string[];
  readonly source: string;
}

export const OFFLINE_REGION_GAPS: readonly RegionGap[] = [
  {
    region: 'eu-south-1',
    missing: [],
    source: 'eksctl\'s fully-private cluster guide: "Fully-private clusters are not supported in eu-south-1"',
  },
];

export function offlineRegionGap(region: string): RegionGap | undefined {
  return OFFLINE_REGION_GAPS.find((g) => g.region === region);
}

/**
 * Zone IDs where EKS has no capacity for control planes (SPEC §4, as eksctl's zone selection):
 * never chosen by default. By ID, not name, because zone names are shuffled per account.
 */
export const EKS_CAPACITY_EXCLUDED_ZONE_IDS: readonly string[] = ['use1-az3', 'usw1-az2', 'cac1-az3'];
