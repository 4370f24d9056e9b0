/**
 * The cluster's network as planned: the VPC, its private subnets and zones, and — for a supplied
 * VPC — what is already there. `createdNetwork` plans a VPC private-eks creates; supplied-vpc.ts
 * looks a user's VPC up.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import type { CloudFacts, ExistingEndpoint, RouteTableInfo } from './facts.js';
import type { ProblemDraft } from './problems.js';
import { layoutCreatedSubnets } from './subnets.js';
import type { PlannedSubnet, PlannedVpc } from './types.js';
import { checkExplicitZones, chooseZones } from './zones.js';

export interface PlannedNetwork {
  readonly vpc: PlannedVpc;
  /** In file order, or zone order for a laid-out VPC. */
  readonly subnets: readonly PlannedSubnet[];
  /** The cluster's zones, by name (config order when the config names them). */
  readonly zones: readonly string[];
  /** A supplied VPC's route tables; null for a new VPC or offline. */
  readonly routeTables: readonly RouteTableInfo[] | null;
  /** Endpoints already in a supplied VPC; null for a new VPC or offline. */
  readonly existingEndpoints: readonly ExistingEndpoint[] | null;
  /** What could not be learnt (offline). */
  readonly unknowns: readonly string[];
  readonly problems: readonly ProblemDraft[];
}

/** A VPC private-eks creates: zones from the config or chosen, subnets laid out as eksctl. */
export async function createdNetwork(
  config: ResolvedConfig,
  facts: CloudFacts,
  serviceZones: readonly (readonly string[] | null)[],
): Promise<PlannedNetwork> {
  const region = config.metadata.region;
  const problems: ProblemDraft[] = [];
  const available = await facts.availabilityZones(region);
  let zones: readonly string[];
  if (config.availabilityZones.length > 0) {
    zones = config.availabilityZones;
    // Offline zone letters are the catalog's guess: only a live plan can say a zone is wrong.
    if (!facts.offline) problems.push(...checkExplicitZones(config, available));
  } else {
    const choice = chooseZones(region, available, serviceZones);
    zones = choice.zones;
    problems.push(...choice.problems);
  }
  const layout = layoutCreatedSubnets(config, zones);
  problems.push(...layout.problems);
  return {
    vpc: { id: null, cidrs: [config.vpc.cidr] },
    subnets: layout.subnets,
    zones,
    routeTables: null,
    existingEndpoints: null,
    unknowns: [],
    problems,
  };
}
