/**
 * Draining a nodegroup's nodes through the in-VPC runner (src/runner/handler.ts, action `drain`)
 * before `delete cluster` deletes the nodegroup's stack, as eksctl drains before its delete; and
 * the Kubernetes permission that needs, granted only for it.
 *
 * Permission: cordoning is a patch of Node objects and evicting reaches pods in every namespace,
 * which only a cluster-scoped policy covers; of EKS's access policies only
 * AmazonEKSClusterAdminPolicy has both (AmazonEKSAdminPolicy and AmazonEKSEditPolicy have no
 * nodes). The runner's access entry does not carry it for the cluster's life: the delete
 * associates it just before the first drain and disassociates it afterwards, whatever the drains
 * did — unless the entry already had it (a runner that creates namespaces), which stays as its
 * stack made it.
 *
 * Refused evictions (a PodDisruptionBudget, HTTP 429): eksctl retries them every
 * `--pod-eviction-wait-period` (10 s) without end. Here the retries stop after a timeout and the
 * drain fails naming the pods, so the nodegroup is not deleted under them; the message says how to
 * go on (`--disable-nodegroup-eviction` deletes them without asking the budgets, `--force` deletes
 * the nodegroups anyway).
 */
import {
  AssociateAccessPolicyCommand,
  DisassociateAccessPolicyCommand,
  ListAssociatedAccessPoliciesCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import { DeployError } from '../errors.js';
import type { RunnerEvent, RunnerResult } from '../runner/handler.js';
import { awsFailure, callAws, errorName, sendOptions } from './aws-call.js';
import type { Clock } from './clock.js';

/** eksctl's default `--pod-eviction-wait-period`. */
export const DEFAULT_EVICTION_WAIT_MS = 10_000;
/** How long refused evictions are retried before the drain fails (eksctl: without end). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 5 * 60_000;

/** The label each node carries: EKS's on managed nodegroups, eksctl's on self-managed ones. */
export function nodegroupSelector(nodegroup: string, managed: boolean): string {
  return `${managed ? 'eks.amazonaws.com/nodegroup' : 'alpha.eksctl.io/nodegroup-name'}=${nodegroup}`;
}

/** The access policy the drain needs, in the partition of the runner's role. */
export function clusterAdminPolicyArn(roleArn: string): string {
  const partition = roleArn.split(':')[1] ?? 'aws';
  return `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`;
}

export interface RunnerAccess {
  readonly cluster: string;
  readonly roleArn: string;
  readonly signal?: AbortSignal;
}

/**
 * Associates AmazonEKSClusterAdminPolicy (cluster scope) with the runner's access entry; `standing`
 * when the entry had it already, so that the revoke leaves it.
 */
export async function grantRunnerDrainAccess(eks: EKSClient, access: RunnerAccess): Promise<'granted' | 'standing'> {
  const policyArn = clusterAdminPolicyArn(access.roleArn);
  const key = { clusterName: access.cluster, principalArn: access.roleArn };
  const listed = await callAws('eks:ListAssociatedAccessPolicies', access.signal, (options) =>
    eks.send(new ListAssociatedAccessPoliciesCommand(key), options),
  );
  const has = (listed.associatedAccessPolicies ?? []).some(
    (p) => p.policyArn === policyArn && p.accessScope?.type === 'cluster',
  );
  if (has) return 'standing';
  await callAws('eks:AssociateAccessPolicy', access.signal, (options) =>
    eks.send(new AssociateAccessPolicyCommand({ ...key, policyArn, accessScope: { type: 'cluster' } }), options),
  );
  return 'granted';
}

/** Takes the drain's policy back; an entry or association already gone is fine. */
export async function revokeRunnerDrainAccess(eks: EKSClient, access: RunnerAccess): Promise<'revoked' | 'gone'> {
  const command = new DisassociateAccessPolicyCommand({
    clusterName: access.cluster,
    principalArn: access.roleArn,
    policyArn: clusterAdminPolicyArn(access.roleArn),
  });
  try {
    await eks.send(command, sendOptions(access.signal));
    return 'revoked';
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return 'gone';
    throw awsFailure('eks:DisassociateAccessPolicy', error, access.signal);
  }
}

export interface NodegroupDrainOptions {
  readonly nodegroup: string;
  readonly managed: boolean;
  /** eksctl's `--disable-nodegroup-eviction`: delete the pods, disruption budgets unasked. */
  readonly deletePods: boolean;
  readonly evictionWaitMs?: number;
  readonly timeoutMs?: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  readonly onWait?: (blocked: readonly string[], delayMs: number) => void;
}

export interface NodegroupDrain {
  readonly nodes: number;
  /** Pods evicted (or deleted), `namespace/name`. */
  readonly evicted: readonly string[];
  /** How many times the runner was invoked. */
  readonly passes: number;
}

/**
 * Drains one nodegroup: the runner cordons its nodes and evicts their pods; refused evictions are
 * retried after `evictionWaitMs` until none is left or `timeoutMs` has passed, and then the drain
 * fails naming them.
 */
export async function drainNodegroupThroughRunner(
  invoke: (event: RunnerEvent) => Promise<RunnerResult>,
  options: NodegroupDrainOptions,
): Promise<NodegroupDrain> {
  const waitMs = options.evictionWaitMs ?? DEFAULT_EVICTION_WAIT_MS;
  const deadline = options.clock.now() + (options.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
  const selector = nodegroupSelector(options.nodegroup, options.managed);
  const evicted = new Set<string>();
  let nodes = 0;
  for (let passes = 1; ; passes += 1) {
    const result = await invoke({ action: 'drain', selector, ...(options.deletePods ? { deletePods: true } : {}) });
    nodes = Math.max(nodes, result.nodes ?? 0);
    for (const pod of result.done) evicted.add(pod.replace(/^Pod /, ''));
    const blocked = result.blocked.map((pod) => pod.replace(/^Pod /, ''));
    if (blocked.length === 0) return { nodes, evicted: [...evicted], passes };
    if (options.clock.now() + waitMs > deadline) {
      throw new DeployError(
        `a PodDisruptionBudget refused the eviction of ${blocked.length} pod(s) on the nodes of nodegroup ${options.nodegroup} (${selector}) for ${Math.round((options.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS) / 1000)} s: ${blocked.join(', ')}`,
        `nodegroup ${options.nodegroup}`,
        {
          hint: 'let the budgets allow it (scale the workloads up or relax the PodDisruptionBudget) and re-run; or re-run with --disable-nodegroup-eviction to delete the pods without checking their budgets, or with --force to delete the nodegroups without finishing the drain',
        },
      );
    }
    options.onWait?.(blocked, waitMs);
    await options.clock.sleep(waitMs, options.signal);
  }
}
