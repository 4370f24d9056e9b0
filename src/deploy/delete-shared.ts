/**
 * What `delete cluster` does after the cluster stack, with what the cluster shares or leaves:
 * - the supplied VPC's shared endpoints stack: the cluster is removed from its users; the stack is
 *   deleted only with the last user, otherwise kept and the delete says for whom;
 * - the control plane's log group: kept (its logs outlive the cluster) unless `--delete-logs`;
 * - a cluster made before endpoints were shared holds its VPC endpoints in its own stack: when
 *   other clusters are in the same VPC the delete says up front that those endpoints go with it
 *   and how the others get them back (re-running their create puts them in the shared stack).
 */
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../aws/types.js';
import { callAws } from './aws-call.js';
import type { ClusterStacks } from './cluster-stacks.js';
import type { DeletedItem } from './results.js';
import { controlPlaneLogGroupName, deleteControlPlaneLogGroup, describeLogGroup } from './log-group.js';
import { otherUsers, releaseEndpointsStack } from './shared-endpoints.js';
import type { GraphStep } from './step-graph.js';
import { CLUSTER_NAME_TAG, type StackDeps, type StackInfo } from './stacks.js';

/** What these steps need of the delete (its own types would make an import circle). */
interface DeleteClusterRequest {
  readonly cluster: string;
}
interface DeleteDeps {
  readonly clients: AwsClients;
  readonly deleteLogs?: boolean;
}
interface DeleteState {
  readonly deleted: DeletedItem[];
  readonly notes: string[];
}

export function afterClusterSteps(
  request: DeleteClusterRequest,
  deps: DeleteDeps,
  found: ClusterStacks,
  shared: { readonly liveStacks: readonly StackInfo[]; readonly endpointsStacks: readonly StackInfo[] },
  stackDeps: StackDeps,
  state: DeleteState,
): GraphStep[] {
  const afterCluster = found.clusterStack === undefined ? [] : ['cluster'];
  const steps: GraphStep[] = shared.endpointsStacks.map((stack, i) => ({
    id: i === 0 ? 'endpoints' : `endpoints/${stack.name}`,
    description: `release the VPC's shared endpoints stack ${stack.name} (deleted with its last user)`,
    dependsOn: afterCluster,
    run: async () => {
      const outcome = await releaseEndpointsStack(stackDeps, i === 0 ? 'endpoints' : `endpoints/${stack.name}`, {
        cluster: request.cluster,
        stack,
        liveStacks: shared.liveStacks,
      });
      if (outcome.action === 'deleted') {
        state.deleted.push({ kind: 'stack', id: stack.name });
        return 'deleted: no other cluster uses it';
      }
      const note = `kept the VPC endpoints stack ${stack.name}: still used by ${outcome.users.map((u) => `"${u}"`).join(', ')}; it goes with the last of them`;
      state.notes.push(note);
      stackDeps.events({ code: 'info', stepId: 'endpoints', message: note });
      return `kept for ${outcome.users.join(', ')}`;
    },
  }));
  const clients = deps.clients;
  if (clients.logs !== undefined) {
    const name = controlPlaneLogGroupName(request.cluster);
    steps.push({
      id: 'log-group',
      description: deps.deleteLogs === true ? `delete the log group ${name}` : `keep the log group ${name}`,
      dependsOn: afterCluster,
      run: async (context) => {
        if (deps.deleteLogs === true) {
          const deleted = await deleteControlPlaneLogGroup(clients, request.cluster, context.signal);
          if (deleted) state.deleted.push({ kind: 'log-group', id: name });
          return deleted ? 'deleted (--delete-logs)' : 'none';
        }
        const group = await describeLogGroup(clients, name, context.signal);
        if (group === undefined) return 'none';
        const retention =
          group.retentionInDays === null
            ? 'its events never expire'
            : `its events expire after ${group.retentionInDays} days`;
        const note = `kept the log group ${name} (${retention}): the control plane's logs outlive the cluster; \`delete cluster --delete-logs\` deletes them`;
        state.notes.push(note);
        stackDeps.events({ code: 'info', stepId: 'log-group', message: note });
        return 'kept';
      },
    });
  }
  return steps;
}

/**
 * A cluster made before endpoints were shared: its stack holds VPC endpoints that other clusters
 * in the VPC may use. Said before anything is deleted.
 */
export async function endpointsInClusterStackNote(
  clients: Pick<AwsClients, 'ec2'>,
  request: DeleteClusterRequest,
  found: ClusterStacks,
  liveStacks: readonly StackInfo[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  const stack = found.clusterStack;
  const vpcId = stack?.outputs['VPC'];
  if (stack === undefined || vpcId === undefined) return undefined;
  const others = liveStacks
    .filter((s) => {
      const name = s.tags[CLUSTER_NAME_TAG];
      return (
        name !== undefined &&
        name !== request.cluster &&
        s.name === `eksctl-${name}-cluster` &&
        s.outputs['VPC'] === vpcId
      );
    })
    .map((s) => s.tags[CLUSTER_NAME_TAG] as string);
  if (others.length === 0) return undefined;
  const out = await callAws('ec2:DescribeVpcEndpoints', signal, (options) =>
    clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }), options),
  );
  const held = (out.VpcEndpoints ?? []).filter(
    (e) =>
      (e.State ?? '').toLowerCase() !== 'deleted' &&
      (e.Tags ?? []).some((t) => t.Key === 'aws:cloudformation:stack-name' && t.Value === stack.name),
  );
  if (held.length === 0) return undefined;
  const users = otherUsers(request.cluster, { ...stack, tags: { 'private-eks.io/endpoints-vpc': vpcId } }, liveStacks);
  return `stack ${stack.name} holds ${held.length} VPC endpoint(s) of ${vpcId} (made before private-eks kept a VPC's endpoints in a shared stack), which ${users.map((u) => `"${u}"`).join(', ')} in the same VPC may use: they are deleted with it; re-run \`private-eks create cluster\` for ${users.length === 1 ? 'that cluster' : 'those clusters'} to re-create them in the VPC's shared endpoints stack`;
}
