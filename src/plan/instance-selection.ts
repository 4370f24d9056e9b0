/**
 * Resolves each nodegroup's `instanceSelector` into instance types, as eksctl does at create time
 * (pkg/eks/nodegroup_service.go ExpandInstanceSelectorOptions), but while planning: a live plan
 * asks EC2 (CloudFacts.instanceTypes) and the Plan's config then holds the types chosen, so what
 * `plan` shows is what `create` builds (both plan live, the same way). Offline the types are
 * unknown: the plan says so, and the templates take them as a parameter.
 *
 * Where the types go (eksctl): a managed nodegroup's `instanceTypes`; a self-managed one's
 * `instancesDistribution.instanceTypes` (a mixed instances policy, created when the file has
 * none). The zones: the nodegroup's `availabilityZones`, else the cluster's; a type must be
 * offered in every one of them.
 */
import { describeInstanceSelector, type InstanceSelectorCriteria } from '../config/instance-selector.js';
import type { ResolvedConfig, ResolvedNodeGroup } from '../config/resolved.js';
import type { CloudFacts } from './facts.js';
import { matchInstanceTypes } from './instance-type-filter.js';
import type { ProblemDraft } from './problems.js';

/** A nodegroup whose types an instanceSelector chooses: the selector, and the types (null offline). */
export interface InstanceSelection {
  readonly nodeGroup: string;
  readonly kind: ResolvedNodeGroup['kind'];
  readonly selector: InstanceSelectorCriteria;
  /** Zones every type is offered in. */
  readonly availabilityZones: readonly string[];
  /** The types EC2 matched, sorted by name; null offline (EC2 chooses them when planned live). */
  readonly instanceTypes: readonly string[] | null;
}

export interface InstanceSelectionResult {
  /** The config with the chosen types in place (unchanged offline or without selectors). */
  readonly config: ResolvedConfig;
  readonly selections: readonly InstanceSelection[];
  readonly problems: readonly ProblemDraft[];
  /** Offline: one sentence per nodegroup whose types are not known yet. */
  readonly unknowns: readonly string[];
}

export function hasInstanceSelector(config: ResolvedConfig): boolean {
  return [...config.nodeGroups, ...config.managedNodeGroups].some((ng) => ng.instanceSelector !== undefined);
}

export async function selectInstanceTypes(
  config: ResolvedConfig,
  facts: CloudFacts,
  clusterZones: readonly string[],
): Promise<InstanceSelectionResult> {
  const selections: InstanceSelection[] = [];
  const problems: ProblemDraft[] = [];
  const unknowns: string[] = [];
  const resolve = async (ng: ResolvedNodeGroup, path: string): Promise<ResolvedNodeGroup> => {
    const selector = ng.instanceSelector;
    if (selector === undefined) return ng;
    const zones = ng.availabilityZones.length > 0 ? ng.availabilityZones : clusterZones;
    const types = await facts.instanceTypes(config.metadata.region, zones);
    if (types === null) {
      selections.push({ nodeGroup: ng.name, kind: ng.kind, selector, availabilityZones: zones, instanceTypes: null });
      unknowns.push(
        `nodegroup ${ng.name}: its instance types are chosen by EC2 from instanceSelector {${describeInstanceSelector(selector)}} when the cluster is planned live (plan without --offline, and create); the templates shown take them as the parameter InstanceSelectorTypes`,
      );
      return ng;
    }
    const match = matchInstanceTypes(selector, types);
    if ('error' in match) {
      problems.push({
        rule: 'VALUE',
        path: `${path}.instanceSelector`,
        message: `error expanding instance selector options for nodegroup "${ng.name}": ${match.error}`,
        hint:
          match.matched.length > 0
            ? `narrow the selector (e.g. add allow: "^(m|c)[5-7]\\\\." or deny), or list at most 40 types in ${ng.kind === 'managed' ? 'instanceTypes' : 'instancesDistribution.instanceTypes'} instead; it matched ${match.matched.join(', ')}`
            : `broaden the selector (vCPUs, memory, cpuArchitecture, allow, deny) — EC2 offers no such type in ${zones.join(', ')} — or list the types in ${ng.kind === 'managed' ? 'instanceTypes' : 'instancesDistribution.instanceTypes'} instead`,
      });
      return ng;
    }
    selections.push({
      nodeGroup: ng.name,
      kind: ng.kind,
      selector,
      availabilityZones: zones,
      instanceTypes: match.instanceTypes,
    });
    return withInstanceTypes(ng, match.instanceTypes);
  };
  const nodeGroups: ResolvedNodeGroup[] = [];
  for (const [i, ng] of config.nodeGroups.entries()) nodeGroups.push(await resolve(ng, `nodeGroups[${i}]`));
  const managed: ResolvedNodeGroup[] = [];
  for (const [i, ng] of config.managedNodeGroups.entries()) {
    managed.push(await resolve(ng, `managedNodeGroups[${i}]`));
  }
  const changed = selections.some((s) => s.instanceTypes !== null);
  return {
    config: changed ? { ...config, nodeGroups, managedNodeGroups: managed } : config,
    selections,
    problems,
    unknowns,
  };
}

/** eksctl: a self-managed nodegroup gets a mixed instances policy with the types (an empty one when the file has none). */
function withInstanceTypes(ng: ResolvedNodeGroup, instanceTypes: readonly string[]): ResolvedNodeGroup {
  if (ng.kind === 'managed') return { ...ng, instanceTypes };
  return {
    ...ng,
    instanceTypes,
    instancesDistribution: { ...(ng.instancesDistribution ?? { capacityRebalance: false }), instanceTypes },
  };
}
