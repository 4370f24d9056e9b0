/**
 * `utils describe-stacks`: the cluster's CloudFormation stacks (eksctl's names and tags), with
 * their status, outputs and tags, and with `events` the latest operation's events of each —
 * where a failed create or update says which resource failed and why.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { allStacks, findClusterStacks } from './cluster-stacks.js';
import { latestOperationEvents, type StackEventRecord } from './stack-events.js';
import type { StackInfo } from './stacks.js';

export interface DescribedStack extends StackInfo {
  readonly events?: readonly StackEventRecord[];
}

export async function describeClusterStacks(
  cfn: CloudFormationClient,
  cluster: string,
  options: { readonly events?: boolean; readonly signal?: AbortSignal } = {},
): Promise<DescribedStack[]> {
  const found = await findClusterStacks(cfn, cluster, options.signal);
  // Cluster stack first, then the rest as delete would take them (allStacks puts the cluster last).
  const stacks = allStacks(found);
  const ordered = [
    ...stacks.slice(-1).filter((s) => s === found.clusterStack),
    ...stacks.filter((s) => s !== found.clusterStack),
  ];
  const out: DescribedStack[] = [];
  for (const stack of ordered) {
    out.push(
      options.events === true
        ? { ...stack, events: await latestOperationEvents(cfn, stack.id, options.signal) }
        : stack,
    );
  }
  return out;
}
