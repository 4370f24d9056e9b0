/**
 * What the config layer knows about regions without asking AWS: the shape of a region name (V15)
 * and the regions known to lack a required endpoint service (V20, offline part; the plan layer
 * asks AWS for the live answer).
 */

/** `us-west-2`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`, `eu-isoe-west-1`, … */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;

export interface RegionWithoutPrivateClusters {
  readonly region: string;
  /** Required services known to be missing; empty when the source does not name them. */
  readonly missing: readonly string[];
  readonly source: string;
}

export const REGIONS_WITHOUT_PRIVATE_CLUSTERS: readonly RegionWithoutPrivateClusters[] = [
  {
    region: 'eu-south-1',
    missing: [],
    source: 'eksctl\'s fully-private cluster guide: "Fully-private clusters are not supported in eu-south-1"',
  },
];
