/**
 * What eksctl does to a nodegroup's auto scaling group once the nodegroup exists, and private-eks
 * does as part of the nodegroup's step (so a re-run after an interruption does it again; both
 * calls are idempotent):
 * - `asgSuspendProcesses`: SuspendProcesses on the group (eksctl's "suspend ASG processes" task);
 * - `propagateASGTags` on a managed nodegroup: the cluster-autoscaler node-template tags and the
 *   nodegroup's tags on the group EKS made, which CloudFormation cannot tag (eksctl's "propagate
 *   tags to ASG" task). A self-managed group has them in its template.
 * The group is found as eksctl finds it: a managed nodegroup's in DescribeNodegroup's resources,
 * a self-managed one as its stack's auto scaling group.
 */
import {
  CreateOrUpdateTagsCommand,
  DescribeTagsCommand,
  SuspendProcessesCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import { DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { DescribeNodegroupCommand } from '@aws-sdk/client-eks';
import type { ResolvedNodeGroup } from '../config/resolved.js';
import { PrivateEksError } from '../errors.js';
import type { PlanStep } from '../plan/types.js';
import { MAX_ASG_TAGS, managedAsgTags } from '../templates/autoscaler-tags.js';
import { AUTO_SCALING_GROUP_ID } from '../templates/self-managed-nodegroup.js';
import { callAws } from './aws-call.js';
import { internal, type RunState } from './run-state.js';

/** CreateOrUpdateTags takes at most 25 tags a call (eksctl's chunk size). */
const TAGS_PER_CALL = 25;

/** What the group of this step's nodegroup needs after its stack, if anything. */
export function asgWork(state: RunState, step: PlanStep): { ng: ResolvedNodeGroup; managed: boolean } | undefined {
  const stack = state.plan.stacks.find((s) => s.name === step.stack);
  if (stack === undefined || (stack.kind !== 'managed-nodegroup' && stack.kind !== 'nodegroup')) return undefined;
  const managed = stack.kind === 'managed-nodegroup';
  const list = managed ? state.plan.cluster.managedNodeGroups : state.plan.cluster.nodeGroups;
  const ng = list.find((n) => n.name === stack.nodeGroup);
  if (ng === undefined) throw internal(`no nodegroup for stack ${stack.name}`);
  const tags = managed && ng.propagateASGTags === true;
  return tags || ng.asgSuspendProcesses.length > 0 ? { ng, managed } : undefined;
}

/** Suspends the processes and puts the tags on the group; what was done, for the step's outcome. */
export async function configureNodeGroupAsg(state: RunState, step: PlanStep): Promise<string | undefined> {
  const work = asgWork(state, step);
  if (work === undefined) return undefined;
  const { ng, managed } = work;
  const client = state.deps.clients.autoScaling;
  if (client === undefined) throw internal('no Auto Scaling client: the AWS clients were built without one');
  const groups = managed ? await managedGroups(state, ng) : [await selfManagedGroup(state, step, ng)];
  const done: string[] = [];
  if (managed && ng.propagateASGTags === true) {
    const tags = managedAsgTags(state.plan, ng);
    for (const group of groups) await putTags(state, client, ng, group, tags);
    done.push(`${Object.keys(tags).length} tags on ${groups.join(', ')}`);
  }
  if (ng.asgSuspendProcesses.length > 0) {
    for (const group of groups) {
      await callAws('autoscaling:SuspendProcesses', state.signal, (options) =>
        client.send(
          new SuspendProcessesCommand({ AutoScalingGroupName: group, ScalingProcesses: [...ng.asgSuspendProcesses] }),
          options,
        ),
      );
    }
    done.push(`suspended ${ng.asgSuspendProcesses.join(', ')} on ${groups.join(', ')}`);
  }
  return done.join('; ');
}

async function managedGroups(state: RunState, ng: ResolvedNodeGroup): Promise<string[]> {
  const cluster = state.plan.cluster.metadata.name;
  const out = await callAws('eks:DescribeNodegroup', state.signal, (options) =>
    state.deps.clients.eks.send(
      new DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: ng.name }),
      options,
    ),
  );
  const names = (out.nodegroup?.resources?.autoScalingGroups ?? []).flatMap((g) =>
    g.name === undefined || g.name === '' ? [] : [g.name],
  );
  if (names.length === 0) {
    throw new PrivateEksError(
      'PE_NODEGROUP_ASG',
      `managed nodegroup "${ng.name}": EKS names no auto scaling group for it`,
      {
        source: 'aws',
        hint: 'check the nodegroup with `private-eks get nodegroup`; run the same command again once it is ACTIVE',
      },
    );
  }
  return names;
}

async function selfManagedGroup(state: RunState, step: PlanStep, ng: ResolvedNodeGroup): Promise<string> {
  const out = await callAws('cloudformation:DescribeStackResource', state.signal, (options) =>
    state.deps.clients.cloudFormation.send(
      new DescribeStackResourceCommand({ StackName: step.stack ?? '', LogicalResourceId: AUTO_SCALING_GROUP_ID }),
      options,
    ),
  );
  const name = out.StackResourceDetail?.PhysicalResourceId;
  if (name === undefined || name === '') throw internal(`nodegroup "${ng.name}": its stack has no auto scaling group`);
  return name;
}

/** eksctl's check first: the group's present tags and the new ones within the limit. */
async function putTags(
  state: RunState,
  client: AutoScalingClient,
  ng: ResolvedNodeGroup,
  group: string,
  tags: Readonly<Record<string, string>>,
): Promise<void> {
  const present = await callAws('autoscaling:DescribeTags', state.signal, (options) =>
    client.send(new DescribeTagsCommand({ Filters: [{ Name: 'auto-scaling-group', Values: [group] }] }), options),
  );
  const keys = new Set([...(present.Tags ?? []).map((t) => t.Key ?? ''), ...Object.keys(tags)]);
  if (keys.size > MAX_ASG_TAGS) {
    throw new PrivateEksError(
      'PE_NODEGROUP_ASG',
      `managed nodegroup "${ng.name}": its auto scaling group ${group} would have ${keys.size} tags with propagateASGTags; a group holds at most ${MAX_ASG_TAGS}`,
      { source: 'user', hint: 'remove labels, taints or tags from the nodegroup, or remove propagateASGTags' },
    );
  }
  const entries = Object.entries(tags);
  for (let i = 0; i < entries.length; i += TAGS_PER_CALL) {
    const chunk = entries.slice(i, i + TAGS_PER_CALL).map(([Key, Value]) => ({
      ResourceId: group,
      ResourceType: 'auto-scaling-group',
      Key,
      Value,
      // As eksctl: EKS tags the nodes through the launch template; these describe the group.
      PropagateAtLaunch: false,
    }));
    await callAws('autoscaling:CreateOrUpdateTags', state.signal, (options) =>
      client.send(new CreateOrUpdateTagsCommand({ Tags: chunk }), options),
    );
  }
}
