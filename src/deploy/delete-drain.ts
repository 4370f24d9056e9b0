/**
 * The drain steps of `delete cluster` (runner-drain.ts does the work): when the cluster has the
 * in-VPC runner and nodegroups, each nodegroup's nodes are drained through it before the
 * nodegroup's stack is deleted, as eksctl does.
 *
 *   runner-access ─► drain/<ng> ─► nodegroup/<ng>          (one pair per nodegroup)
 *                    drain/*    ─► runner-access-revoke   (also after a failed drain)
 *                    drain/*    ─► runner-detach          (the runner leaves the VPC only then)
 *
 * Without the runner (no Kubernetes steps, or `authenticationMode: CONFIG_MAP`) there are no
 * drain steps and one note says the nodes were not drained. A nodegroup whose stack is already
 * being deleted (an earlier, interrupted delete drained it) is not drained again.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { DeleteDeps, DeleteState } from './delete-types.js';
import type { ClusterStacks } from './cluster-stacks.js';
import { invokeRunner } from './runner-client.js';
import {
  drainNodegroupThroughRunner,
  grantRunnerDrainAccess,
  revokeRunnerDrainAccess,
  type RunnerAccess,
} from './runner-drain.js';
import type { StackDeps, StackInfo } from './stacks.js';
import type { GraphStep } from './step-graph.js';

export interface DrainSteps {
  readonly steps: GraphStep[];
  /** The drain step a nodegroup's stack delete waits for, by nodegroup name. */
  readonly drainOf: ReadonlyMap<string, string>;
  /** Every drain step: the runner leaves the VPC after them. */
  readonly drainIds: readonly string[];
  /** One line for the delete's notes; undefined when there is nothing to drain. */
  readonly note: string | undefined;
}

const NO_DRAIN: Omit<DrainSteps, 'note'> = { steps: [], drainOf: new Map(), drainIds: [] };

const isManaged = (stack: StackInfo): boolean => stack.tags['alpha.eksctl.io/nodegroup-type'] === 'managed';

export function drainSteps(
  cluster: string,
  found: ClusterStacks,
  runner: StackInfo | undefined,
  deps: Pick<DeleteDeps, 'clients' | 'drain' | 'signal'>,
  lambda: () => Promise<LambdaClient>,
  stackDeps: StackDeps,
  state: DeleteState,
): DrainSteps {
  const live = found.nodeGroups.filter((ng) => !ng.stack.status.startsWith('DELETE_'));
  if (live.length === 0) return { ...NO_DRAIN, note: undefined };
  const functionName = runner?.outputs['FunctionName'];
  const roleArn = runner?.outputs['RoleArn'];
  if (runner === undefined || functionName === undefined || roleArn === undefined) {
    return {
      ...NO_DRAIN,
      note:
        runner === undefined
          ? 'nodes were not drained: the cluster has no in-VPC runner (it has one only with Kubernetes steps and access entries); pods stop when their nodegroup is deleted'
          : `nodes were not drained: the in-VPC runner's stack ${runner.name} has no function (${runner.status}); pods stop when their nodegroup is deleted`,
    };
  }
  const access: RunnerAccess = { cluster, roleArn, ...(deps.signal === undefined ? {} : { signal: deps.signal }) };
  const settings = deps.drain ?? {};
  let grant: 'granted' | 'standing' | undefined;
  const steps: GraphStep[] = [
    {
      id: 'runner-access',
      description: `let the in-VPC runner ${functionName} cordon and evict: AmazonEKSClusterAdminPolicy (cluster scope), for the drain only`,
      dependsOn: [],
      run: async () => {
        grant = await grantRunnerDrainAccess(deps.clients.eks, access);
        return grant === 'granted' ? 'granted' : 'already held';
      },
    },
  ];
  const drainOf = new Map<string, string>();
  for (const ng of live) {
    const id = `drain/${ng.name}`;
    drainOf.set(ng.name, id);
    const managed = isManaged(ng.stack);
    steps.push({
      id,
      description: `drain the nodes of nodegroup ${ng.name} through the in-VPC runner (cordon, then ${settings.disableEviction === true ? 'delete' : 'evict'} their pods)`,
      dependsOn: ['runner-access'],
      run: async (context) => {
        const client = await lambda();
        const drained = await drainNodegroupThroughRunner(
          (event) => invokeRunner(client, functionName, event, context.signal),
          {
            nodegroup: ng.name,
            managed,
            deletePods: settings.disableEviction === true,
            clock: stackDeps.clock,
            signal: context.signal,
            ...(settings.evictionWaitMs === undefined ? {} : { evictionWaitMs: settings.evictionWaitMs }),
            ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
            onWait: (blocked, delayMs) =>
              stackDeps.events({
                code: 'waiting',
                stepId: id,
                what: `${blocked.length} pod(s) a disruption budget protects (${blocked.join(', ')})`,
                status: 'eviction refused',
                delayMs,
              }),
          },
        );
        const verb = settings.disableEviction === true ? 'deleted' : 'evicted';
        const pods = drained.evicted.length === 0 ? '' : ` (${drained.evicted.join(', ')})`;
        const detail = `${drained.nodes} node(s) cordoned, ${drained.evicted.length} pod(s) ${verb}`;
        state.notes.push(`nodegroup ${ng.name} drained: ${detail}${pods}`);
        return detail;
      },
    });
  }
  const drainIds = [...drainOf.values()];
  steps.push({
    id: 'runner-access-revoke',
    description: "take AmazonEKSClusterAdminPolicy back from the in-VPC runner's access entry",
    dependsOn: drainIds,
    afterFailure: true,
    run: async () => {
      if (grant !== 'granted') return 'left as its stack made it';
      return (await revokeRunnerDrainAccess(deps.clients.eks, access)) === 'revoked' ? 'revoked' : 'already gone';
    },
  });
  return {
    steps,
    drainOf,
    drainIds,
    note: `the nodes of ${live.length} nodegroup(s) are drained through the in-VPC runner ${functionName} before their stacks are deleted`,
  };
}
