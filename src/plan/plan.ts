/**
 * buildPlan: a validated config + CloudFacts → the Plan (types.ts), or every problem found.
 * Deterministic: the same config and the same facts give the same plan. Every check that can fail
 * does so here, before any stack exists (SPEC §7 step 1).
 */
import type { Problem } from '../config/problem.js';
import type { ResolvedConfig } from '../config/resolved.js';
import { offlineRegionGap } from './catalog/known-gaps.js';
import { partitionOf } from './catalog/regions.js';
import { estimateCost } from './cost.js';
import { decideEndpointAccess } from './endpoint-access.js';
import type { EndpointSwitchMode } from './endpoint-access.js';
import { interfaceServiceZones, missingRequiredEndpoints, planEndpoints, wantedEndpoints } from './endpoints.js';
import { hasInstanceSelector, selectInstanceTypes } from './instance-selection.js';
import { ipv6ConfigProblems } from './ipv6.js';
import { addonsWithoutNodes, checkPlacement, fargateOnlyWarnings } from './placement.js';
import type { CloudFacts, EndpointServiceLookup, RouteTableInfo } from './facts.js';
import { planProblem } from './problems.js';
import type { ProblemDraft } from './problems.js';
import { planRunner } from './runner.js';
import { planSharedEndpoints, sharesEndpoints } from './shared-endpoints.js';
import { endpointsStackPlan, planStacks, runnerStackPlan } from './stacks.js';
import { endpointAccessStep, planSteps, STEP_IDS, withRunnerStep } from './steps.js';
import { isSuppliedVpc, suppliedNetworkLive, suppliedNetworkOffline } from './supplied-vpc.js';
import { createdNetwork } from './network.js';
import type { PlannedNetwork } from './network.js';
import type { Plan, SharedEndpointsPlan } from './types.js';
import { MIN_ZONES } from './zones.js';

/** Options of buildPlan. */
export interface BuildPlanOptions {
  /** SPEC §7 step 5 `--endpoint-switch`; default `auto`. */
  readonly endpointSwitch?: EndpointSwitchMode;
}

/** What buildPlan returns: a plan when no problem is an error, and every problem found. */
export interface BuildPlanResult {
  /** Present when no problem is an error (warnings allowed). */
  readonly plan?: Plan;
  /** Errors first, then warnings, each in the order found. */
  readonly problems: Problem[];
}

/**
 * Plans a cluster: the zones, private subnets and CIDRs, the VPC endpoints per zone, the stacks, the steps, the endpoint-access decision and the endpoints' cost. Every check that needs AWS facts happens here, before anything is created.
 *
 * @param config - a valid config, from loadConfig
 * @param facts - createLiveFacts(clients) to ask AWS, or createOfflineFacts() for the built-in catalog
 * @returns the plan, or no plan and the problems that prevent one (warnings come with a plan)
 */
export async function buildPlan(
  config: ResolvedConfig,
  facts: CloudFacts,
  options: BuildPlanOptions = {},
): Promise<BuildPlanResult> {
  const region = config.metadata.region;
  const partition = partitionOf(region);
  const drafts: ProblemDraft[] = [];

  drafts.push(...ipv6ConfigProblems(config));
  const gap = facts.offline ? offlineRegionGap(region) : undefined;
  if (gap !== undefined) {
    drafts.push({
      rule: 'V20',
      path: 'metadata.region',
      message: `fully-private clusters are not supported in region "${region}"${gap.missing.length > 0 ? `: missing ${gap.missing.join(', ')}` : ''}`,
      hint: `${gap.source}; choose another region`,
    });
  }

  // One lookup for every planned service, before zones are chosen: zone choice prefers zones
  // that offer all of them.
  const wanted = wantedEndpoints(config, partition);
  const lookup: EndpointServiceLookup =
    wanted.length > 0
      ? await facts.endpointServices(
          region,
          wanted.map((w) => w.serviceName),
        )
      : { found: [], missing: [] };

  let network: PlannedNetwork;
  if (isSuppliedVpc(config)) {
    network = facts.offline
      ? suppliedNetworkOffline(config)
      : await suppliedNetworkLive(config, facts, { routeTablesRequired: wanted.length > 0 });
  } else {
    network = await createdNetwork(config, facts, interfaceServiceZones(wanted, lookup));
  }
  drafts.push(...network.problems);
  const zones = network.zones;
  const placement = await checkPlacement(config, network, facts);
  drafts.push(...placement.problems, ...addonsWithoutNodes(config), ...fargateOnlyWarnings(config));
  if (zones.length < MIN_ZONES && !network.problems.some((p) => p.rule === 'V14')) {
    drafts.push({
      rule: 'V14',
      path: isSuppliedVpc(config) ? 'vpc.subnets.private' : 'availabilityZones',
      message: `the cluster would have private subnets in ${zones.length} availability zone(s) (${zones.join(', ')}); EKS needs at least ${MIN_ZONES}`,
    });
  }

  // With no zone at all (every supplied subnet unusable) the network problems say it all: placing
  // endpoints would only add "not offered in any zone" noise for each service.
  const endpointSet =
    zones.length > 0
      ? planEndpoints({
          region,
          wanted,
          lookup,
          zones,
          subnets: network.subnets,
          existing: network.existingEndpoints,
          routeTables: network.routeTables,
        })
      : { endpoints: [], problems: [] };
  drafts.push(...endpointSet.problems);

  const missing = config.privateCluster.skipEndpointCreation
    ? missingRequiredEndpoints(partition, region, isSuppliedVpc(config) ? network.existingEndpoints : [])
    : [];
  const unknowns = [...network.unknowns, ...placement.unknowns];
  if (missing === null) unknowns.push('which required endpoints the supplied VPC already has is unknown');

  // Instance selectors: the zones are known now; EC2 chooses the types (live) or the plan says
  // it will (offline). From here on the plan uses the config with the chosen types in place.
  const selection = hasInstanceSelector(config)
    ? await selectInstanceTypes(config, facts, zones)
    : { config, selections: [], problems: [], unknowns: [] };
  drafts.push(...selection.problems);
  unknowns.push(...selection.unknowns);
  // The chosen types replace the selector nodegroups' empty lists from here on.
  config = selection.config;

  const problems = [
    ...drafts.filter((d) => d.severity !== 'warning'),
    ...drafts.filter((d) => d.severity === 'warning'),
  ].map((d) => planProblem(config, d));
  if (problems.some((p) => p.severity === 'error')) return { problems };

  let endpoints = endpointSet.endpoints;
  let sharedEndpoints: SharedEndpointsPlan | undefined;
  if (sharesEndpoints(config, network.vpc.id)) {
    const shared = await planSharedEndpoints({
      config,
      vpcId: network.vpc.id,
      zones,
      subnets: network.subnets,
      endpoints,
      existing: network.existingEndpoints,
      lookup,
      facts,
    });
    endpoints = shared.endpoints;
    sharedEndpoints = shared.shared;
  }
  const planned = [
    ...(sharedEndpoints === undefined
      ? []
      : [endpointsStackPlan(config, sharedEndpoints.stackName, sharedEndpoints.vpcId)]),
    ...planStacks(config),
  ];
  const firstSteps = planSteps(config, planned);
  const runner = planRunner(
    config,
    firstSteps.filter((s) => s.needsKubernetesApi).map((s) => s.id),
    // aws-auth and Windows IPAM both write a kube-system ConfigMap.
    firstSteps.some((s) => s.id === STEP_IDS.awsAuth || s.id === STEP_IDS.windowsIpam),
  );
  // Unless the user asked for the public window (--endpoint-switch=always), the runner carries the
  // Kubernetes steps and the cluster stays private-only.
  const useRunner = runner.enabled && options.endpointSwitch !== 'always';
  const stacks = useRunner ? [...planned, runnerStackPlan(config)] : planned;
  const baseSteps = useRunner ? withRunnerStep(firstSteps, runnerStackPlan(config)) : firstSteps;
  const endpointAccess = decideEndpointAccess(
    config,
    baseSteps,
    options.endpointSwitch ?? 'auto',
    useRunner ? runner : undefined,
  );
  const steps = endpointAccess.switchNeeded ? [...baseSteps, endpointAccessStep(baseSteps)] : baseSteps;

  const plan: Plan = {
    offline: facts.offline,
    cluster: config,
    region: { name: region, partition },
    availabilityZones: zones,
    vpc: network.vpc,
    subnets: network.subnets,
    endpoints,
    missingEndpoints: missing ?? [],
    endpointAccess,
    ...(sharedEndpoints === undefined ? {} : { sharedEndpoints }),
    stacks,
    steps,
    cost: estimateCost(region, partition, endpoints),
    unknowns,
    ...(useRunner ? { runner } : {}),
    ...(selection.selections.length > 0 ? { instanceSelections: selection.selections } : {}),
    ...(network.routeTables === null ? {} : { suppliedRouteTables: routeTablesOfSubnets(network) }),
  };
  return { plan, problems };
}

/** The route tables a supplied VPC's cluster subnets use: explicit ones, and the main one when a subnet has none. */
function routeTablesOfSubnets(network: PlannedNetwork): RouteTableInfo[] {
  const tables = network.routeTables ?? [];
  const ids = new Set(network.subnets.flatMap((s) => (s.id === null ? [] : [s.id])));
  const explicit = tables.filter((t) => t.subnetIds.some((id) => ids.has(id)));
  const covered = new Set(explicit.flatMap((t) => t.subnetIds));
  const usesMain = [...ids].some((id) => !covered.has(id));
  return tables.filter((t) => explicit.includes(t) || (usesMain && t.main));
}
