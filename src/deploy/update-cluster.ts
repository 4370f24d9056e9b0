/**
 * `update cluster -f FILE [--approve]`: brings an existing cluster to what its file says, through
 * the diff (diff/cluster-diff.ts) and nothing else. Without approval it only returns the diff
 * (eksctl's plan mode). With it: refusals stop everything before any change; otherwise the
 * cluster stack's change set runs first (endpoints, logging, access entries, tags), then, in
 * parallel, the other stacks' change sets (nodegroup scaling, labels, taints, updateConfig; the
 * add-ons and Fargate stacks) and the creation of new stacks (new nodegroups), and last the
 * endpoint access through the EKS API when it is not private-only. The version is not changed
 * here: that is `upgrade cluster`.
 *
 * Resume: a re-run compares again; what an earlier run finished shows no change, a stack still
 * updating is waited for, a change set made but not executed is found by its name and executed.
 */
import type { PlanStep } from '../plan/types.js';
import type { Template } from '../templates/types.js';
import { executeChangeSet, deleteChangeSet } from './change-sets.js';
import { graphStep } from './create-cluster.js';
import { diffCluster, type ExistingClusterPlan } from './diff/cluster-diff.js';
import { changesToExisting, hasChanges, type ClusterDiff, type StackDiff } from './diff/types.js';
import { PRIVATE_ONLY, updateEndpointAccess } from './endpoint-access.js';
import { stepFailure, type StepFailure } from './results.js';
import { endpointDeps, newRunState, stackDeps, type DeployDeps, type RunState } from './run-state.js';
import { DEFAULT_PARALLELISM, StepGraph, type GraphStep, type StepRecord } from './step-graph.js';

export interface UpdateClusterRequest {
  readonly existing: ExistingClusterPlan;
  /** `--approve`: make the changes; without it only the diff is returned. */
  readonly approve: boolean;
}

export type UpdateResult =
  | { readonly outcome: 'no-changes'; readonly diff: ClusterDiff }
  | { readonly outcome: 'planned'; readonly diff: ClusterDiff }
  | { readonly outcome: 'refused'; readonly diff: ClusterDiff }
  | { readonly outcome: 'updated'; readonly diff: ClusterDiff; readonly steps: readonly StepRecord[] }
  | { readonly outcome: 'interrupted'; readonly diff: ClusterDiff; readonly steps: readonly StepRecord[] }
  | {
      readonly outcome: 'failed';
      readonly diff: ClusterDiff;
      readonly steps: readonly StepRecord[];
      readonly failures: readonly StepFailure[];
    };

export { changesToExisting, hasChanges };

export const CLUSTER_STEP = 'update/cluster-stack';

export async function updateCluster(request: UpdateClusterRequest, deps: DeployDeps): Promise<UpdateResult> {
  const state = newRunState(request.existing.plan, deps);
  const sdeps = { ...stackDeps(state), clients: deps.clients };
  const diff = await diffCluster(request.existing, sdeps, { keepChangeSets: request.approve });
  if (!hasChanges(diff)) return { outcome: 'no-changes', diff };
  if (!request.approve) return { outcome: 'planned', diff };
  if (diff.refusals.length > 0) {
    for (const s of diff.stacks) {
      if (s.changeSetId !== undefined && s.stackId !== undefined)
        await deleteChangeSet(sdeps, s.stackId, s.changeSetId);
    }
    return { outcome: 'refused', diff };
  }
  const graph = new StepGraph(updateSteps(diff, state, request.existing.templates));
  const run = await graph.run({
    parallelism: deps.parallelism ?? DEFAULT_PARALLELISM,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    events: state.events,
  });
  if (run.ok) return { outcome: 'updated', diff, steps: run.steps };
  const failures = run.steps.flatMap((s) => (s.status === 'failed' ? [stepFailure(s)] : []));
  if (run.interrupted && failures.length === 0) return { outcome: 'interrupted', diff, steps: run.steps };
  return { outcome: 'failed', diff, steps: run.steps, failures };
}

function changeSetStep(stack: StackDiff, id: string, dependsOn: readonly string[], state: RunState): GraphStep {
  return {
    id,
    description: `update stack ${stack.stack} (${stack.resources.length} resource change${stack.resources.length === 1 ? '' : 's'})`,
    dependsOn,
    run: async () => {
      if (stack.changeSetId === undefined || stack.stackId === undefined) return 'nothing to change';
      await executeChangeSet(stackDeps(state), id, { id: stack.stackId, name: stack.stack }, stack.changeSetId);
      return 'updated';
    },
  };
}

/** The steps of an approved update, from the diff. */
export function updateSteps(diff: ClusterDiff, state: RunState, templates: ReadonlyMap<string, Template>): GraphStep[] {
  const steps: GraphStep[] = [];
  const clusterStack = diff.stacks.find((s) => s.stackKind === 'cluster');
  const first = clusterStack?.change === 'update' ? [CLUSTER_STEP] : [];
  if (clusterStack?.change === 'update') steps.push(changeSetStep(clusterStack, CLUSTER_STEP, [], state));
  for (const stack of diff.stacks) {
    if (stack.stackKind === 'cluster') continue;
    if (stack.change === 'update') steps.push(changeSetStep(stack, `update/${stack.stack}`, first, state));
    if (stack.change === 'add') {
      const planStep = state.plan.steps.find((p) => p.stack === stack.stack);
      if (planStep !== undefined) steps.push(createStep(planStep, first, state, templates));
    }
  }
  if (diff.eks.some((c) => c.field === 'endpointAccess')) {
    steps.push({
      id: 'update/endpoint-access',
      description: 'API server endpoint: private only',
      dependsOn: steps.map((s) => s.id),
      run: async () => {
        const outcome = await updateEndpointAccess(endpointDeps(state), diff.cluster, PRIVATE_ONLY, { wait: true });
        return outcome.result === 'unchanged' ? 'already private-only' : 'public access off';
      },
    });
  }
  return steps;
}

/** A stack the cluster does not have yet (a new nodegroup): created as `create` creates it. */
function createStep(
  planStep: PlanStep,
  dependsOn: readonly string[],
  state: RunState,
  templates: ReadonlyMap<string, Template>,
): GraphStep {
  return { ...graphStep(planStep, state, templates), dependsOn };
}
