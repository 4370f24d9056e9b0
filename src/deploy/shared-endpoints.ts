/**
 * A supplied VPC's shared endpoints stack at deploy time (plan/shared-endpoints.ts says what it
 * holds):
 * - create: make the stack, or update it to the plan's template (this cluster's endpoints added,
 *   the others' kept), adding this cluster's `private-eks.io/endpoint-user/<cluster>` tag to the
 *   users already there;
 * - delete: drop the cluster's tag; delete the stack only when no other cluster uses it — a
 *   cluster recorded on the stack, or any cluster whose stack says it is in the VPC (an eksctl
 *   cluster, or one made with `skipEndpointCreation`, uses the endpoints without being recorded).
 *
 * Two creates updating the stack at the same moment: the second waits for the first and then
 * writes its own plan's template, which may lack what the first added a moment before; the
 * verification at the end of the first create then fails and names the endpoint, and re-running
 * that create puts it back.
 */
import { UpdateStackCommand, type Capability } from '@aws-sdk/client-cloudformation';
import { AbortedError, DeployError } from '../errors.js';
import { ENDPOINT_USER_TAG_PREFIX, ENDPOINTS_VPC_TAG, endpointUserTag } from '../plan/stacks.js';
import { awsFailure, errorMessage, errorName, sendOptions } from './aws-call.js';
import { latestOperationEvents, newestEventId } from './stack-events.js';
import {
  CLUSTER_NAME_TAG,
  deleteAndWait,
  describeStack,
  ensureStack,
  failureFromEvents,
  waitForStack,
  type EnsureStackRequest,
  type StackDeps,
  type StackInfo,
} from './stacks.js';

export type EndpointsStackOutcome = 'created' | 'recreated' | 'updated' | 'unchanged';

/** Makes the stack hold the plan's template and record the cluster as a user. */
export async function ensureEndpointsStack(
  deps: StackDeps,
  request: EnsureStackRequest,
): Promise<{ info: StackInfo; outcome: EndpointsStackOutcome }> {
  const first = await ensureStack(deps, request);
  if (first.outcome !== 'reused') return { info: first.info, outcome: first.outcome };
  for (let round = 0; round < 3; round += 1) {
    const current = round === 0 ? first.info : await describeStack(deps.cfn, request.name, deps.signal);
    if (current === undefined) break;
    const tags = { ...current.tags, ...request.tags };
    const after = await newestEventId(deps.cfn, current.id, deps.signal);
    const sent = await updateStack(deps, request.name, {
      TemplateBody: request.templateBody,
      Capabilities: request.capabilities as Capability[],
      Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    });
    if (sent === 'no-change') return { info: current, outcome: 'unchanged' };
    if (sent === 'busy') {
      // Another create (or delete) of a cluster in the VPC is working on it: wait, then try again.
      await waitForStack(deps, { stepId: request.stepId, stack: current, goal: 'settle' });
      continue;
    }
    return { info: await settleUpdate(deps, request.stepId, current, after), outcome: 'updated' };
  }
  throw new DeployError(`stack ${request.name} kept changing while private-eks tried to update it`, request.name, {
    hint: 'another create or delete in the same VPC may be running; re-run when it is done',
  });
}

export interface ReleaseOutcome {
  readonly action: 'kept' | 'deleted';
  /** Kept: the clusters still using it. */
  readonly users: readonly string[];
}

/**
 * Removes `cluster` from the stack's users; deletes the stack when nobody else uses it.
 * `liveStacks` is every live stack of the region (the caller has read them already).
 */
export async function releaseEndpointsStack(
  deps: StackDeps,
  stepId: string,
  request: { readonly cluster: string; readonly stack: StackInfo; readonly liveStacks: readonly StackInfo[] },
): Promise<ReleaseOutcome> {
  const users = otherUsers(request.cluster, request.stack, request.liveStacks);
  if (users.length === 0) {
    await deleteAndWait(deps, stepId, request.stack);
    return { action: 'deleted', users: [] };
  }
  // Drop this cluster's tag and those of clusters that are gone.
  const tags = Object.entries(request.stack.tags).filter(
    ([key]) => !key.startsWith(ENDPOINT_USER_TAG_PREFIX) || users.includes(key.slice(ENDPOINT_USER_TAG_PREFIX.length)),
  );
  if (tags.length !== Object.keys(request.stack.tags).length) {
    const after = await newestEventId(deps.cfn, request.stack.id, deps.signal);
    const sent = await updateStack(deps, request.stack.name, {
      UsePreviousTemplate: true,
      Tags: tags.map(([Key, Value]) => ({ Key, Value })),
    });
    if (sent === 'busy') {
      throw new DeployError(`stack ${request.stack.name} is being changed by another run`, request.stack.name, {
        hint: 're-run the delete when the other create or delete in the VPC is done',
      });
    }
    if (sent === 'sent') await settleUpdate(deps, stepId, request.stack, after);
  }
  return { action: 'kept', users };
}

/**
 * The clusters other than `cluster` that use the VPC's endpoints stack: recorded on it and still
 * there (their cluster stack is live), or with a live cluster stack in the same VPC.
 */
export function otherUsers(cluster: string, stack: StackInfo, liveStacks: readonly StackInfo[]): string[] {
  const vpcId = stack.tags[ENDPOINTS_VPC_TAG];
  const clusterStacks = liveStacks.filter((s) => {
    const name = s.tags[CLUSTER_NAME_TAG];
    return name !== undefined && s.name === `eksctl-${name}-cluster`;
  });
  const live = new Set(clusterStacks.map((s) => s.tags[CLUSTER_NAME_TAG] as string));
  const recorded = Object.keys(stack.tags)
    .filter((key) => key.startsWith(ENDPOINT_USER_TAG_PREFIX))
    .map((key) => key.slice(ENDPOINT_USER_TAG_PREFIX.length))
    .filter((name) => live.has(name));
  const inVpc = clusterStacks
    .filter((s) => vpcId !== undefined && s.outputs['VPC'] === vpcId)
    .map((s) => s.tags[CLUSTER_NAME_TAG] as string);
  return [...new Set([...recorded, ...inVpc])].filter((name) => name !== cluster).sort();
}

/** The endpoints stacks that record `cluster` as a user, or that serve the VPC it is in. */
export function endpointsStacksOf(
  cluster: string,
  vpcId: string | undefined,
  liveStacks: readonly StackInfo[],
): StackInfo[] {
  return liveStacks.filter(
    (s) =>
      s.tags[ENDPOINTS_VPC_TAG] !== undefined &&
      (s.tags[endpointUserTag(cluster)] !== undefined || (vpcId !== undefined && s.tags[ENDPOINTS_VPC_TAG] === vpcId)),
  );
}

type UpdateInput = Omit<ConstructorParameters<typeof UpdateStackCommand>[0], 'StackName'>;

async function updateStack(deps: StackDeps, name: string, input: UpdateInput): Promise<'sent' | 'no-change' | 'busy'> {
  try {
    await deps.cfn.send(new UpdateStackCommand({ StackName: name, ...input }), sendOptions(deps.signal));
    return 'sent';
  } catch (error) {
    const failure = awsFailure('cloudformation:UpdateStack', error, deps.signal);
    if (failure instanceof AbortedError) throw failure;
    const message = errorMessage(error);
    if (errorName(error) === 'ValidationError' && /no updates are to be performed/i.test(message)) return 'no-change';
    if (errorName(error) === 'ValidationError' && /_IN_PROGRESS state/i.test(message)) return 'busy';
    throw new DeployError(`updating stack ${name} failed: ${errorName(error)}: ${message}`, name, {
      cause: error,
      hint: 'fix the cause and re-run the same command',
    });
  }
}

async function settleUpdate(
  deps: StackDeps,
  stepId: string,
  stack: StackInfo,
  after: string | undefined,
): Promise<StackInfo> {
  const info = await waitForStack(deps, { stepId, stack, goal: 'settle', after });
  if (info.status === 'UPDATE_COMPLETE') return info;
  const events = await latestOperationEvents(deps.cfn, stack.id, deps.signal);
  throw failureFromEvents(stack.name, info.status, events);
}
