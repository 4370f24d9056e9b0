/**
 * A cluster's diff (src/deploy/diff) for people: per stack what CloudFormation would add, change
 * (and whether it replaces the resource) or remove, the EKS-side changes with the command that
 * applies each, and what is refused with why and what to do instead.
 */
import pc from 'picocolors';
import type { ClusterDiff, ResourceChange, StackDiff } from '../../deploy/diff/types.js';

const SIGN: Record<string, string> = { Add: '+', Modify: '~', Remove: '-', Import: '>', Dynamic: '?' };

function resourceLine(change: ResourceChange): string {
  const props = change.properties.map((p) => (p.requiresRecreation === 'Never' ? p.name : `${p.name} (replaces)`));
  const replacement =
    change.replacement === 'True' ? ' — REPLACED' : change.replacement === 'Conditional' ? ' — may be replaced' : '';
  const detail = props.length > 0 ? `: ${props.join(', ')}` : '';
  return `    ${SIGN[change.action] ?? '~'} ${change.logicalId} (${change.resourceType})${detail}${replacement}`;
}

function stackLines(stack: StackDiff): string[] {
  switch (stack.change) {
    case 'add':
      return [
        `  + stack ${stack.stack}: to be created${stack.nodeGroup === undefined ? '' : ` (nodegroup ${stack.nodeGroup})`}`,
      ];
    case 'remove':
      return [
        `  - stack ${stack.stack}: not in the file any more (nodegroup ${stack.nodeGroup ?? '?'}); kept — remove it with private-eks delete nodegroup --cluster <name> --name ${stack.nodeGroup ?? '?'}`,
      ];
    case 'unchanged':
      return [`    stack ${stack.stack}: no change`];
    case 'update':
      return [`  ~ stack ${stack.stack}:`, ...stack.resources.map(resourceLine)];
  }
}

export function renderDiffText(diff: ClusterDiff, options: { color: boolean; verbose?: boolean }): string {
  const paint = pc.createColors(options.color);
  const lines = [
    `existing cluster "${diff.cluster}" in ${diff.region} (Kubernetes ${diff.currentVersion}): changes the file asks for`,
  ];
  for (const stack of diff.stacks) {
    if (stack.change === 'unchanged' && options.verbose !== true) continue;
    lines.push(...stackLines(stack));
  }
  for (const change of diff.eks) {
    lines.push(
      `  ~ ${change.field === 'version' ? 'Kubernetes version' : 'API server endpoint access'}: ${change.from} → ${change.to} (private-eks ${change.appliedBy})`,
    );
  }
  const changed = diff.stacks.some((s) => s.change === 'add' || s.change === 'update') || diff.eks.length > 0;
  if (!changed) lines.push('  no changes: the cluster is as the file says');
  for (const refusal of diff.refusals) {
    lines.push(`  ${paint.red('✖ refused')}: ${refusal.stack}: ${refusal.reason}`);
    lines.push(`      instead: ${refusal.hint}`);
  }
  return `${lines.join('\n')}\n`;
}
