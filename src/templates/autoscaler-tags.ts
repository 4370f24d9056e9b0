/**
 * eksctl's `propagateASGTags`: tags on a nodegroup's auto scaling group that let the cluster
 * autoscaler scale it from zero, knowing the labels and taints its nodes would have.
 * Self-managed: in the group's template; managed: put on the group EKS made, once it exists
 * (deploy/nodegroup-asg.ts). Both count against the group's limit of 50 tags.
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import type { Plan } from '../plan/types.js';
import { unsupported } from './context.js';
import { nodeLabels } from './nodegroup-common.js';

/** An auto scaling group holds at most 50 tags. */
export const MAX_ASG_TAGS = 50;
/**
 * The tags EKS itself puts on a managed nodegroup's group: eks:cluster-name, eks:nodegroup-name,
 * k8s.io/cluster-autoscaler/enabled, k8s.io/cluster-autoscaler/<cluster> and
 * kubernetes.io/cluster/<cluster>.
 */
export const EKS_MANAGED_ASG_TAGS = 5;
const NODE_TEMPLATE_PREFIX = 'k8s.io/cluster-autoscaler/node-template/';

/** A node-template tag per label (eksctl's included) and per taint; a taint's is value:Effect, as the autoscaler reads it. */
export function nodeTemplateTags(plan: Plan, ng: ResolvedNodeGroup): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(nodeLabels(plan, ng))) tags[`${NODE_TEMPLATE_PREFIX}label/${key}`] = value;
  for (const taint of ng.taints)
    tags[`${NODE_TEMPLATE_PREFIX}taint/${taint.key}`] = `${taint.value ?? ''}:${taint.effect}`;
  return tags;
}

/**
 * What a managed nodegroup's group gets with propagateASGTags (eksctl's set: the node-template
 * tags and the nodegroup's own tags); refused when that, with EKS's own, exceeds the limit.
 */
export function managedAsgTags(plan: Plan, ng: ResolvedNodeGroup): Record<string, string> {
  const tags = { ...nodeTemplateTags(plan, ng), ...ng.tags };
  checkAsgTagCount(ng, Object.keys(tags).length + EKS_MANAGED_ASG_TAGS, ' (with the 5 EKS puts on it)');
  return tags;
}

/** Refuses, in plan, a group that propagateASGTags would give more tags than it can hold. */
export function checkAsgTagCount(ng: ResolvedNodeGroup, count: number, detail = ''): void {
  if (count <= MAX_ASG_TAGS) return;
  throw unsupported(
    `nodegroup "${ng.name}": propagateASGTags gives its auto scaling group ${count} tags${detail}; an auto scaling group holds at most ${MAX_ASG_TAGS}`,
    'remove labels, taints or tags from the nodegroup, or remove propagateASGTags',
  );
}
