/**
 * What the offline catalog knows AWS does not offer, and zones EKS cannot use. Data only.
 */
import { REGIONS_WITHOUT_PRIVATE_CLUSTERS } from '../../config/regions.js';
import type { RegionWithoutPrivateClusters } from '../../config/regions.js';

/**
 * Regions known to lack a required endpoint service (V20, offline). One list, the config layer's
 * (config comes first in the data flow and reports V20 before planning); the offline facts and
 * the plan use it too, so a plan built without the config layer agrees with `validate`. The seed
 * names eu-south-1 without saying which service is missing; a live plan asks AWS and names it.
 */
export type RegionGap = RegionWithoutPrivateClusters;

export const OFFLINE_REGION_GAPS: readonly RegionGap[] = REGIONS_WITHOUT_PRIVATE_CLUSTERS;

export function offlineRegionGap(region: string): RegionGap | undefined {
  return OFFLINE_REGION_GAPS.find((g) => g.region === region);
}

/**
 * Zone IDs where EKS has no capacity for control planes (SPEC §4, as eksctl's zone selection):
 * never chosen by default. By ID, not name, because zone names are shuffled per account.
 */
export const EKS_CAPACITY_EXCLUDED_ZONE_IDS: readonly string[] = ['use1-az3', 'usw1-az2', 'cac1-az3'];
