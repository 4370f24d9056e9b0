/**
 * `delete cluster` (SPEC §8): nodegroups drained through the in-VPC runner when there is one →
 * nodegroup, Fargate and add-on stacks in parallel → the load
 * balancers and target groups that in-cluster controllers made for the cluster, waiting until
 * their network interfaces are released → the security groups tagged for the cluster → the
 * cluster stack (which takes the VPC endpoints and, in a supplied VPC, the S3 routes it added) →
 * the kubeconfig entry.
 *
 * Choices, documented for users:
 * - Deleting a cluster that does not exist is an error ("no cluster named …", exit 1). A second
 *   delete of the same cluster is therefore that clear error and changes nothing: safe.
 * - `wait` defaults to true, unlike eksctl (which does not wait for the cluster stack): the delete
 *   then reports the resource that blocks it (SPEC §8) instead of leaving the user to find out in
 *   the console. With `wait: false` the cluster stack's delete is only requested.
 * - Draining: when the cluster has the in-VPC runner, each nodegroup's nodes are drained through
 *   it before the nodegroup's stack is deleted (delete-drain.ts); without it they are not, and a
 *   note says so. The in-cluster load balancer lookup is never run: the run says whether the API
 *   server answers from here (along the proxy route, SPEC §9), and finds controller-made load
 *   balancers, target groups and security groups by their tags through the ELBv2 and EC2 APIs
 *   instead (load-balancers.ts, tagged-resources.ts). They are deleted after the nodegroups so that
 *   no controller is left running to re-create them.
 * - `force`: every step runs even when one it depends on failed; whatever is left is listed
 *   (exit 4). Without it the first failure stops what depends on it (exit 1).
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { DeployError, PrivateEksError } from '../errors.js';
import { removeKubeconfigEntries } from '../kubeconfig/file.js';
import { describeClusterAccess, type ClusterAccessInfo } from './cluster-info.js';
import {
  allStacks,
  describeAllStacks,
  findClusterStacks,
  groupClusterStacks,
  type ClusterStacks,
} from './cluster-stacks.js';
import { afterClusterSteps, endpointsInClusterStackNote } from './delete-shared.js';
import { endpointsStacksOf } from './shared-endpoints.js';
import { systemClock } from './clock.js';
import { safeSink } from './events.js';
import { apiServerReachable, apiServerRoute } from './kubernetes-client.js';
import { deleteClusterLoadBalancers } from './load-balancers.js';
import { stepFailure, type DeleteResult, type LeftoverItem, type StepFailure } from './results.js';
import { deleteAndWait, type StackDeps, type StackInfo } from './stacks.js';
import { DEFAULT_PARALLELISM, StepGraph, type GraphStep, type StepRecord } from './step-graph.js';
import { cleanUpTaggedResources } from './tagged-resources.js';
import { lambdaClientLike } from './runner-client.js';
import { drainSteps } from './delete-drain.js';
import { deleteRunnerInterfaces, detachRunnerFromVpc } from './runner-cleanup.js';
import { runnerStackName } from '../plan/stacks.js';

export type { DeleteClusterRequest, DeleteDeps, DeleteState, DrainSettings } from './delete-types.js';
import type { DeleteClusterRequest, DeleteDeps, DeleteState } from './delete-types.js';

/** Deletes a cluster made by private-eks: nodegroups, Fargate profiles, the load balancers and security groups Kubernetes left tagged in the VPC, then the cluster stack. With `force`, continues past errors and lists what is left. */
export async function deleteCluster(request: DeleteClusterRequest, deps: DeleteDeps): Promise<DeleteResult> {
  const { cluster } = request;
  const events = safeSink(deps.events ?? (() => {}));
  const [liveStacks, described] = await Promise.all([
    describeAllStacks(deps.clients.cloudFormation, deps.signal),
    // DescribeCluster only informs the delete (is the API server reachable, is the cluster
    // there at all); when the stacks are found, failing to describe it must not stop the delete.
    describeClusterAccess(deps.clients.eks, cluster, deps.signal).then(
      (info) => ({ info, error: undefined }),
      // describeClusterAccess throws AwsCallError (an Error) for every AWS failure.
      (error: unknown) => ({ info: undefined, error: error as Error }),
    ),
  ]);
  const eks = described.info;
  const found = groupClusterStacks(cluster, liveStacks);
  const stacks = allStacks(found);
  const vpcId = found.clusterStack?.outputs['VPC'] ?? eks?.vpcId;
  // A create interrupted right after the VPC's shared endpoints stack: the cluster is recorded there only.
  const endpointsStacks = endpointsStacksOf(cluster, vpcId, liveStacks);
  if (stacks.length === 0 && described.error !== undefined) throw described.error;
  if (stacks.length === 0 && endpointsStacks.length === 0) {
    // A delete interrupted after the cluster stack went but before the kubeconfig step: the
    // re-run finishes that instead of calling the cluster unknown.
    const path = deps.kubeconfigPath;
    if (eks === undefined && path !== false && (await removeKubeconfigEntries(path, cluster, request.region))) {
      const note = 'no stack of the cluster was left (an earlier delete removed them); only its kubeconfig entry was';
      events({ code: 'info', message: note });
      return {
        outcome: 'deleted',
        cluster,
        deleted: [{ kind: 'kubeconfig-entry', id: `${path}: ${cluster}` }],
        notes: [note],
      };
    }
    throw notFound(request, eks);
  }

  const state: DeleteState = { deleted: [], leftovers: [], notes: [] };
  if (described.error !== undefined) {
    const reason = described.error instanceof Error ? described.error.message : JSON.stringify(described.error);
    state.notes.push(`could not describe the cluster (${reason}); deleting its stacks anyway`);
  }
  state.notes.push(await kubernetesApiNote(eks, deps));
  const legacy = await endpointsInClusterStackNote(deps.clients, request, found, liveStacks, deps.signal);
  if (legacy !== undefined) state.notes.push(legacy);
  for (const note of state.notes) events({ code: 'info', message: note });

  const stackDeps: StackDeps = {
    cfn: deps.clients.cloudFormation,
    events,
    clock: deps.clock ?? systemClock,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    ...(deps.stackTimeoutMs === undefined ? {} : { stackTimeoutMs: deps.stackTimeoutMs }),
    ...(deps.newToken === undefined ? {} : { newToken: deps.newToken }),
  };
  const steps = [
    ...deleteSteps(request, deps, found, eks, stackDeps, state),
    ...afterClusterSteps(request, deps, found, { liveStacks, endpointsStacks }, stackDeps, state),
  ];
  const graph = new StepGraph(steps);
  const run = await graph.run({
    parallelism: deps.parallelism ?? DEFAULT_PARALLELISM,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    events,
    continueAfterFailure: deps.force,
  });
  return result(request, deps, run.steps, run.interrupted, state);
}

function deleteSteps(
  request: DeleteClusterRequest,
  deps: DeleteDeps,
  found: ClusterStacks,
  eks: ClusterAccessInfo | undefined,
  stackDeps: StackDeps,
  state: DeleteState,
): GraphStep[] {
  const stackStep = (id: string, stack: StackInfo, dependsOn: string[], wait = true): GraphStep => ({
    id,
    description: `delete stack ${stack.name}`,
    dependsOn,
    run: async () => {
      stackDeps.events({
        code: 'stack-operation',
        stepId: id,
        stack: stack.name,
        operation: 'delete',
        status: stack.status,
      });
      const outcome = await deleteAndWait(stackDeps, id, stack, { wait });
      state.deleted.push({ kind: 'stack', id: stack.name });
      return outcome === 'requested' ? 'delete requested (not waited for)' : 'deleted';
    },
  });
  const vpcId = found.clusterStack?.outputs['VPC'] ?? eks?.vpcId;
  const runner = found.other.find((s) => s.name === runnerStackName(request.cluster));
  let lambda: Promise<LambdaClient> | undefined;
  const lambdaClient = (): Promise<LambdaClient> => (lambda ??= lambdaClientLike(deps.clients.eks, deps.clients.calls));
  // Only a cluster that EKS still describes has nodes to drain.
  const drain =
    eks === undefined
      ? { steps: [], drainOf: new Map<string, string>(), drainIds: [], note: undefined }
      : drainSteps(request.cluster, found, runner, deps, lambdaClient, stackDeps, state);
  if (drain.note !== undefined) {
    state.notes.push(drain.note);
    stackDeps.events({ code: 'info', message: drain.note });
  }
  const first: GraphStep[] = [
    ...drain.steps,
    ...found.nodeGroups.map((ng) => {
      const drained = drain.drainOf.get(ng.name);
      return stackStep(`nodegroup/${ng.name}`, ng.stack, drained === undefined ? [] : [drained]);
    }),
    ...(found.fargate === undefined ? [] : [stackStep('fargate', found.fargate, [])]),
    ...found.addons.map((s) => stackStep(addonStepId(request.cluster, s.name), s, [])),
    ...found.other.filter((s) => s !== runner).map((s) => stackStep(`stack/${s.name}`, s, [])),
    ...(runner === undefined
      ? []
      : runnerSteps(runner, vpcId, deps, { lambda: lambdaClient, after: drain.drainIds }, stackDeps, state, stackStep)),
  ];
  const steps = [...first];
  const beforeCluster = first.map((s) => s.id);
  if (vpcId !== undefined) {
    const signal = deps.signal === undefined ? {} : { signal: deps.signal };
    steps.push({
      id: 'load-balancers',
      description: `delete load balancers and target groups tagged for the cluster in ${vpcId}`,
      dependsOn: [...beforeCluster],
      run: async (context) => {
        const outcome = await deleteClusterLoadBalancers(deps.clients, {
          cluster: request.cluster,
          vpcId,
          clock: stackDeps.clock,
          signal: context.signal,
          onWait: (what, status, delayMs) =>
            stackDeps.events({ code: 'waiting', stepId: 'load-balancers', what, status, delayMs }),
          ...(deps.loadBalancerTimeoutMs === undefined ? {} : { timeoutMs: deps.loadBalancerTimeoutMs }),
        });
        state.deleted.push(...outcome.deleted);
        state.leftovers.push(...outcome.leftovers);
        throwIfBlocked(outcome.leftovers, vpcId);
        return outcome.deleted.length === 0 ? 'none found' : `${outcome.deleted.length} deleted`;
      },
    });
    steps.push({
      id: 'tagged-resources',
      description: `delete security groups tagged for the cluster in ${vpcId} (and find load balancers using them)`,
      dependsOn: [...beforeCluster, 'load-balancers'],
      run: async () => {
        const outcome = await cleanUpTaggedResources(deps.clients.ec2, {
          cluster: request.cluster,
          vpcId,
          stackNames: new Set(allStacks(found).map((s) => s.name)),
          ...signal,
        });
        for (const id of outcome.deleted) state.deleted.push({ kind: 'security-group', id });
        state.leftovers.push(...outcome.leftovers);
        throwIfBlocked(outcome.leftovers, vpcId);
        return outcome.deleted.length === 0 ? 'none found' : `${outcome.deleted.length} deleted`;
      },
    });
    beforeCluster.push('load-balancers', 'tagged-resources');
  }
  if (found.clusterStack !== undefined) steps.push(stackStep('cluster', found.clusterStack, beforeCluster, deps.wait));
  if (deps.kubeconfigPath !== false) {
    const path = deps.kubeconfigPath;
    steps.push({
      id: 'kubeconfig',
      description: 'remove the kubeconfig entry',
      dependsOn: found.clusterStack === undefined ? [] : ['cluster'],
      run: async () => {
        const removed = await removeKubeconfigEntries(path, request.cluster, request.region);
        if (removed) state.deleted.push({ kind: 'kubeconfig-entry', id: `${path}: ${request.cluster}` });
        return removed ? `removed from ${path}` : 'no entry';
      },
    });
  }
  return steps;
}

/** A step that left something in the VPC fails: the cluster stack's VPC delete would fail on it. */
function throwIfBlocked(leftovers: readonly LeftoverItem[], vpcId: string): void {
  const first = leftovers[0];
  if (first === undefined) return;
  throw new DeployError(
    `${leftovers.length} resource(s) in ${vpcId} block the VPC's deletion, e.g. ${first.kind} ${first.id}: ${first.reason}`,
    `${first.kind} ${first.id}`,
    { hint: 'delete them (or re-run with --force to delete everything else), then re-run' },
  );
}

/** `addons` for the add-ons' own stack, `addon/<rest>` for an add-on IRSA role stack. */
function addonStepId(cluster: string, stackName: string): string {
  return stackName === `eksctl-${cluster}-addons`
    ? 'addons'
    : `addon/${stackName.slice(`eksctl-${cluster}-addon-`.length)}`;
}

async function kubernetesApiNote(eks: ClusterAccessInfo | undefined, deps: DeleteDeps): Promise<string> {
  const endpoint = eks?.endpoint;
  const proxyEnv = deps.proxyEnv ?? process.env;
  const probe = deps.reachable ?? ((e: string) => apiServerReachable(e, { proxyEnv }));
  const reachable = endpoint !== undefined && (await probe(endpoint));
  const route = endpoint === undefined ? '' : ` (${apiServerRoute(endpoint, proxyEnv)})`;
  return reachable
    ? `the Kubernetes API server answers from here${route}`
    : `the Kubernetes API server does not answer from here${route}: load balancers are not looked up through the cluster; load balancers, target groups and security groups tagged for the cluster are looked up through the AWS APIs instead`;
}

function notFound(request: DeleteClusterRequest, eks: ClusterAccessInfo | undefined): PrivateEksError {
  if (eks !== undefined) {
    return new PrivateEksError(
      'PE_NOT_OURS',
      `cluster "${request.cluster}" exists in ${request.region} but has no stacks made by private-eks or eksctl`,
      {
        source: 'user',
        hint: 'private-eks only deletes clusters whose CloudFormation stacks it can find; delete this one where it was made',
      },
    );
  }
  return new PrivateEksError('PE_NOT_FOUND', `no cluster named "${request.cluster}" in ${request.region}`, {
    source: 'user',
    hint: `list the clusters with: private-eks get cluster --region ${request.region}`,
  });
}

async function result(
  request: DeleteClusterRequest,
  deps: DeleteDeps,
  steps: readonly StepRecord[],
  interrupted: boolean,
  state: DeleteState,
): Promise<DeleteResult> {
  const base = { cluster: request.cluster, deleted: state.deleted, notes: state.notes };
  const failures: StepFailure[] = steps.flatMap((s) => (s.status === 'failed' ? [stepFailure(s)] : []));
  if (interrupted && failures.length === 0) return { outcome: 'interrupted', ...base };
  if (failures.length === 0 && state.leftovers.length === 0) return { outcome: 'deleted', ...base };
  if (!deps.force) return { outcome: 'failed', ...base, failures };
  // --force: say what is really left, from a fresh look rather than from the errors.
  const remaining = allStacks(await findClusterStacks(deps.clients.cloudFormation, request.cluster)).map(
    (s): LeftoverItem => ({
      kind: 'stack',
      id: s.name,
      reason: failures.find((f) => f.resource === s.name || f.message.includes(s.name))?.message ?? s.status,
    }),
  );
  return { outcome: 'partial', ...base, failures, leftovers: [...remaining, ...state.leftovers] };
}

/**
 * The in-VPC runner's stack, without waiting on Lambda's network interfaces when its security
 * group goes (runner-cleanup.ts): detach the function from the VPC, delete the interfaces as Lambda
 * releases them, then the stack. Beside the nodegroups' deletes, not after them.
 */
function runnerSteps(
  stack: StackInfo,
  vpcId: string | undefined,
  deps: DeleteDeps,
  use: { readonly lambda: () => Promise<LambdaClient>; readonly after: readonly string[] },
  stackDeps: StackDeps,
  state: DeleteState,
  stackStep: (id: string, stack: StackInfo, dependsOn: string[]) => GraphStep,
): GraphStep[] {
  const functionName = stack.outputs['FunctionName'];
  if (functionName === undefined) return [stackStep('runner', stack, [...use.after])];
  const steps: GraphStep[] = [
    {
      id: 'runner-detach',
      description: `take the in-VPC runner ${functionName} out of the VPC (Lambda releases its network interfaces)`,
      // The drains run in the VPC: the runner leaves it only after them.
      dependsOn: [...use.after],
      run: async (context) => detachRunnerFromVpc(await use.lambda(), functionName, context.signal),
    },
  ];
  if (vpcId !== undefined) {
    steps.push({
      id: 'runner-interfaces',
      description: `delete the runner's network interfaces in ${vpcId} as Lambda releases them`,
      dependsOn: ['runner-detach'],
      run: async (context) => {
        const deleted = await deleteRunnerInterfaces(deps.clients.ec2, {
          functionName,
          vpcId,
          clock: stackDeps.clock,
          signal: context.signal,
          onWait: (inUse, delayMs) =>
            stackDeps.events({
              code: 'waiting',
              stepId: 'runner-interfaces',
              what: `${inUse} runner network interface(s)`,
              status: 'in-use',
              delayMs,
            }),
        });
        for (const id of deleted) state.deleted.push({ kind: 'network-interface', id });
        return deleted.length === 0 ? 'none left' : `${deleted.length} deleted`;
      },
    });
  }
  steps.push(stackStep('runner', stack, [steps.at(-1)?.id ?? 'runner-detach']));
  return steps;
}
