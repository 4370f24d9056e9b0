/**
 * `create nodegroup` (SPEC §1, §7 last paragraph): adds the config's nodegroups to a cluster that
 * private-eks created. The cluster stack must exist and say `ClusterFullyPrivate` = true — that
 * output is how a later command knows the cluster is fully private and applies the same rules
 * (V8 …) even when the file omits `privateCluster`. Only nodegroup stacks (and, with CONFIG_MAP,
 * the aws-auth mapping) are run; stacks already complete are reused, so only the missing ones are
 * created. Endpoint access is never changed here.
 */
import { PrivateEksError } from '../errors.js';
import { STEP_IDS } from '../plan/steps.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { isWindowsFamily } from '../templates/ami.js';
import type { Template } from '../templates/types.js';
import { finish, graphStep } from './create-cluster.js';
import type { CreateResult } from './results.js';
import { clusterStackPlan, newRunState, type DeployDeps } from './run-state.js';
import { describeStack, type StackInfo } from './stacks.js';
import { isCreateSuccess } from './resume.js';
import { DEFAULT_PARALLELISM, StepGraph } from './step-graph.js';

/** What createNodegroups adds: the plan, its templates and which nodegroups. */
export interface CreateNodegroupsInput {
  readonly plan: Plan;
  readonly templates: ReadonlyMap<string, Template>;
  /** `--include`: names or globs (`ng-*`); empty = every nodegroup of the file. */
  readonly include?: readonly string[];
}

/** Nodegroup names matching the patterns (`*` and `?` globs), and the patterns that matched none. */
export function selectNodeGroups(
  names: readonly string[],
  include: readonly string[],
): { selected: string[]; unmatched: string[] } {
  if (include.length === 0) return { selected: [...names], unmatched: [] };
  const patterns = include.map((p) => ({ p, re: globToRegExp(p) }));
  return {
    selected: names.filter((n) => patterns.some(({ re }) => re.test(n))),
    unmatched: patterns.filter(({ re }) => !names.some((n) => re.test(n))).map(({ p }) => p),
  };
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The cluster stack, checked: complete and fully private. Throws a user error otherwise. */
export async function fullyPrivateClusterStack(
  plan: Plan,
  deps: Pick<DeployDeps, 'clients' | 'signal'>,
): Promise<StackInfo> {
  const name = clusterStackPlan(plan).name;
  const cluster = plan.cluster.metadata.name;
  const stack = await describeStack(deps.clients.cloudFormation, name, deps.signal);
  if (stack === undefined) {
    throw new PrivateEksError(
      'PE_NOT_FOUND',
      `no cluster "${cluster}" in ${plan.region.name}: stack ${name} does not exist`,
      {
        source: 'user',
        hint: 'create the cluster first with private-eks create cluster',
      },
    );
  }
  if (!isCreateSuccess(stack.status)) {
    throw new PrivateEksError('PE_DEPLOY', `the cluster stack ${name} is ${stack.status}, not complete`, {
      source: 'user',
      hint: 're-run private-eks create cluster to finish the cluster first',
    });
  }
  if (stack.outputs['ClusterFullyPrivate'] !== 'true') {
    throw new PrivateEksError(
      'PE_NOT_PRIVATE',
      `cluster "${cluster}" is not a fully-private cluster made by private-eks (stack ${name} has no ClusterFullyPrivate output)`,
      {
        source: 'user',
        hint: 'add nodegroups to it with the tool that created it',
      },
    );
  }
  return stack;
}

/** Adds the plan's nodegroups (all, or those of `input.include`) to an existing fully-private cluster made by private-eks. */
export async function createNodegroups(input: CreateNodegroupsInput, deps: DeployDeps): Promise<CreateResult> {
  const clusterStack = await fullyPrivateClusterStack(input.plan, deps);
  // The cluster exists: its endpoint access is whatever it is now, and this command leaves it so.
  const plan: Plan = { ...input.plan, endpointAccess: { ...input.plan.endpointAccess, switchNeeded: false } };
  const state = newRunState(plan, deps);
  state.stacks.set(clusterStack.name, clusterStack);
  const all = plan.stacks.filter((s) => s.nodeGroup !== null).map((s) => s.nodeGroup as string);
  const { selected } = selectNodeGroups(all, input.include ?? []);
  const chosen = new Set(selected.map((n) => `nodegroup/${n}`));
  // A Windows nodegroup added to a cluster that had none needs Windows IPAM switched on, as in
  // eksctl's create nodegroup; the step needs no node, and is idempotent when it is already on.
  const addsWindows = [...plan.cluster.nodeGroups, ...plan.cluster.managedNodeGroups].some(
    (ng) => selected.includes(ng.name) && isWindowsFamily(ng.amiFamily),
  );
  const kept = plan.steps
    .filter(
      (s) =>
        (s.kind === 'nodegroup-stack' && chosen.has(s.id)) ||
        s.id === STEP_IDS.awsAuth ||
        (s.id === STEP_IDS.windowsIpam && addsWindows),
    )
    .map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => chosen.has(d)) }))
    .filter((s) => s.kind === 'nodegroup-stack' || s.id === STEP_IDS.windowsIpam || s.dependsOn.length > 0);
  // The in-VPC runner, when the plan has one and a kept step talks to the Kubernetes API: the
  // cluster's create made it only if that create had such a step (its stack is reused when it is there).
  const runner = plan.steps.find((s) => s.id === STEP_IDS.runner);
  const steps: PlanStep[] =
    runner !== undefined && kept.some((s) => s.needsKubernetesApi)
      ? [
          { ...runner, dependsOn: [] },
          ...kept.map((s) => (s.needsKubernetesApi ? { ...s, dependsOn: [...s.dependsOn, STEP_IDS.runner] } : s)),
        ]
      : kept;
  const graph = new StepGraph(steps.map((step) => graphStep(step, state, input.templates)));
  const run = await graph.run({
    parallelism: deps.parallelism ?? DEFAULT_PARALLELISM,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    events: state.events,
  });
  return finish(state, run.steps, run.interrupted);
}
