/**
 * What `plan`, `update cluster` and `create cluster` say about a cluster that already exists: per
 * stack what CloudFormation would change (its change sets), what changes on the EKS side outside
 * the stacks (version, endpoint access), and what private-eks refuses to change, with why.
 */
import type { StackKind } from '../../plan/types.js';
import type { ResourceChange } from '../change-sets.js';

export type { ResourceChange };

export interface StackDiff {
  readonly stack: string;
  /** add: the stack does not exist yet; remove: it exists but the file no longer has it. */
  readonly change: 'add' | 'update' | 'unchanged' | 'remove';
  readonly stackKind: StackKind | 'other';
  readonly nodeGroup?: string;
  readonly resources: readonly ResourceChange[];
  /** The change set that carries `resources` (kept for `update cluster` to execute). */
  readonly changeSetId?: string;
  readonly stackId?: string;
}

export interface EksChange {
  readonly field: 'version' | 'endpointAccess';
  readonly from: string;
  readonly to: string;
  /** The command that applies it. */
  readonly appliedBy: 'update cluster' | 'upgrade cluster';
}

export interface Refusal {
  readonly stack: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly reason: string;
  readonly hint: string;
}

export interface ClusterDiff {
  readonly cluster: string;
  readonly region: string;
  /** The control plane's version now. */
  readonly currentVersion: string;
  readonly stacks: readonly StackDiff[];
  readonly eks: readonly EksChange[];
  readonly refusals: readonly Refusal[];
}

/** Stacks to create or change, or EKS-side changes (a stack only in the cluster is reported, not removed). */
export function hasChanges(diff: ClusterDiff): boolean {
  return diff.eks.length > 0 || diff.stacks.some((s) => s.change === 'add' || s.change === 'update');
}

/**
 * What `create cluster` must not carry out silently: a change to something that exists. Stacks
 * still to be created, and public access still on, are what a resumed create finishes, not a change.
 */
export function changesToExisting(diff: ClusterDiff): boolean {
  return (
    diff.eks.some((c) => c.field !== 'endpointAccess') ||
    diff.stacks.some((s) => s.change === 'update') ||
    diff.refusals.length > 0
  );
}
