/**
 * CloudFormation stacks as deploy steps: describe, create (or resume, SPEC §7), delete, and wait
 * with events streamed as progress.
 *
 * Emulator note (moto, TESTBED §2.1): CreateStack and DeleteStack are synchronous there and a
 * failing create is reported by the CreateStack call itself (the stack then stays
 * CREATE_IN_PROGRESS for ever). Both are handled as they would be on AWS: a failed call is a
 * failure with its cause; a stack that never leaves *_IN_PROGRESS is waited for until the timeout.
 *
 * Faults (test/integration/faults.int.test.ts): the SDK retries throttling, 5xx and lost
 * connections itself (src/aws/clients.ts). What is left to this module: a poll whose retries are
 * all spent must not end a wait of many minutes (it is tried again, a few times, with the poll
 * backoff), and a CreateStack/DeleteStack whose answer was lost may have taken effect all the
 * same — the stack is then looked at, and recognised by the call's ClientRequestToken, rather
 * than the call being reported as failed.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  type Capability,
  type CloudFormationClient,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { isTransient } from '../aws/aws-errors.js';
import { AbortedError, DeployError } from '../errors.js';
import { awsFailure, errorMessage, errorName, isTransientFailure, sendOptions } from './aws-call.js';
import { backoffDelay, STACK_POLL_BACKOFF, throwIfAborted, type Clock } from './clock.js';
import type { EventSink } from './events.js';
import { isCreateSuccess, isTerminalFailure, resumeAction } from './resume.js';
import {
  firstFailure,
  latestOperationEvents,
  newestEventId,
  StackEventPoller,
  type StackEventRecord,
} from './stack-events.js';

export interface StackInfo {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly statusReason: string | undefined;
  readonly outputs: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, string>>;
}

export interface StackDeps {
  readonly cfn: CloudFormationClient;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** How long a stack may stay *_IN_PROGRESS before private-eks gives up waiting (not the stack). */
  readonly stackTimeoutMs?: number;
  /** Idempotency tokens for CreateStack/DeleteStack; injectable for tests. */
  readonly newToken?: () => string;
}

/** EKS control planes take 10-15 minutes; eksctl waits up to 25 (its --timeout) per operation. */
export const DEFAULT_STACK_TIMEOUT_MS = 45 * 60_000;

/** AWS rejects a TemplateBody over 51,200 bytes (CloudFormation quotas); larger ones need S3. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

/** The tag private-eks puts on every stack it creates (SPEC §6). */
export const VERSION_TAG = 'private-eks.io/version';
export const CLUSTER_NAME_TAG = 'alpha.eksctl.io/cluster-name';

export function stackInfoFrom(stack: Stack): StackInfo {
  return {
    id: stack.StackId ?? stack.StackName ?? '',
    name: stack.StackName ?? '',
    status: stack.StackStatus ?? 'UNKNOWN',
    statusReason: stack.StackStatusReason,
    outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
    tags: Object.fromEntries((stack.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
  };
}

/** The stack by name or id, or undefined when there is none (by name: deleted stacks are gone). */
export async function describeStack(
  cfn: CloudFormationClient,
  nameOrId: string,
  signal?: AbortSignal,
): Promise<StackInfo | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: nameOrId }), sendOptions(signal));
    const stack = out.Stacks?.[0];
    return stack === undefined ? undefined : stackInfoFrom(stack);
  } catch (error) {
    // CloudFormation answers a missing stack with the generic ValidationError; only the message
    // ("Stack with id X does not exist") tells it apart from a malformed request.
    if (errorName(error) === 'ValidationError' && /does not exist/i.test(errorMessage(error))) return undefined;
    throw awsFailure('cloudformation:DescribeStacks', error, signal);
  }
}

export interface EnsureStackRequest {
  readonly stepId: string;
  readonly name: string;
  readonly templateBody: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly capabilities: readonly string[];
  /**
   * Told each stack the call settles on: one this call created (`created`), or an existing one it
   * waits for or reuses. For steps that watch the stack while it is made.
   */
  readonly onStack?: (stack: { readonly id: string; readonly created: boolean }) => void;
}

export type EnsureOutcome = 'created' | 'reused' | 'recreated';

/**
 * Makes the stack exist and be complete, following SPEC §7's resume rules: create it when absent,
 * reuse it when complete, wait for it when in progress, delete and create it again when a create
 * rolled back; anything else is a DeployError saying what to do.
 */
export async function ensureStack(
  deps: StackDeps,
  request: EnsureStackRequest,
): Promise<{ info: StackInfo; outcome: EnsureOutcome }> {
  let recreated = false;
  // Each round settles one state; three rounds cover "in progress → rolled back → recreated".
  for (let round = 0; round < 4; round += 1) {
    throwIfAborted(deps.signal);
    const existing = await describeStack(deps.cfn, request.name, deps.signal);
    if (existing !== undefined && existing.status !== 'DELETE_COMPLETE') assertOurs(existing, request);
    const decision = resumeAction(request.name, existing?.status);
    const operation = decision.action === 'blocked' ? 'wait' : decision.action;
    if (decision.action !== 'blocked') {
      deps.events({
        code: 'stack-operation',
        stepId: request.stepId,
        stack: request.name,
        operation,
        ...(existing === undefined ? {} : { status: existing.status }),
      });
    }
    if ((decision.action === 'reuse' || decision.action === 'wait') && existing !== undefined) {
      request.onStack?.({ id: existing.id, created: false });
    }
    switch (decision.action) {
      case 'reuse':
        return { info: existing as StackInfo, outcome: recreated ? 'recreated' : 'reused' };
      case 'wait':
        await waitForStack(deps, { stepId: request.stepId, stack: existing as StackInfo, goal: 'settle' });
        continue;
      case 'recreate':
        await deleteAndWait(deps, request.stepId, existing as StackInfo);
        recreated = true;
        continue;
      case 'create': {
        const created = await createStack(deps, request);
        if (created === 'already-exists') continue;
        request.onStack?.({ id: created.id, created: true });
        const info = await waitForStack(deps, { stepId: request.stepId, stack: created, goal: 'create' });
        return { info, outcome: recreated ? 'recreated' : 'created' };
      }
      case 'blocked':
        throw new DeployError(decision.reason, request.name, { hint: decision.hint });
    }
  }
  throw new DeployError(`stack ${request.name} kept changing state while private-eks waited for it`, request.name, {
    hint: 'another tool may be working on the stack; re-run when it is done',
  });
}

/** A stack of the same name made by someone else (eksctl, by hand) is never taken over. */
function assertOurs(existing: StackInfo, request: EnsureStackRequest): void {
  if (existing.tags[VERSION_TAG] !== undefined) return;
  throw new DeployError(`stack ${request.name} exists but was not created by private-eks`, request.name, {
    hint: 'it has no private-eks.io/version tag; delete it or choose another cluster name',
  });
}

type CreateResult = StackInfo | 'already-exists';

async function createStack(deps: StackDeps, request: EnsureStackRequest): Promise<CreateResult> {
  const size = Buffer.byteLength(request.templateBody, 'utf8');
  if (size > MAX_TEMPLATE_BODY_BYTES) {
    throw new DeployError(
      `the template of stack ${request.name} is ${size} bytes; CloudFormation accepts at most ${MAX_TEMPLATE_BODY_BYTES} in a request`,
      request.name,
      {
        hint: 'split the config (fewer endpoint services or nodegroups per stack); private-eks does not upload templates to S3',
      },
    );
  }
  // The same token on the SDK's own retries makes a create that reached AWS but whose answer was
  // lost succeed instead of failing with AlreadyExists; it also marks the stack's events as ours.
  const requestToken = token(deps, 'create');
  try {
    const out = await deps.cfn.send(
      new CreateStackCommand({
        StackName: request.name,
        TemplateBody: request.templateBody,
        Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({
          ParameterKey,
          ParameterValue,
        })),
        Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
        Capabilities: request.capabilities as Capability[],
        ClientRequestToken: requestToken,
      }),
      sendOptions(deps.signal),
    );
    return {
      id: out.StackId ?? request.name,
      name: request.name,
      status: 'CREATE_IN_PROGRESS',
      statusReason: undefined,
      outputs: {},
      tags: request.tags,
      parameters: request.parameters,
    };
  } catch (error) {
    const failure = awsFailure('cloudformation:CreateStack', error, deps.signal);
    if (failure instanceof AbortedError) throw failure;
    const name = errorName(error);
    const alreadyExists = name === 'AlreadyExistsException' || name === 'TokenAlreadyExistsException';
    // An attempt that reached CloudFormation but whose answer was lost (a reset connection) made
    // the stack: the SDK's retry then meets it (AlreadyExists where the token is not honoured, as
    // on the emulator), or every retry fails and the stack is there all the same. Carry on with it.
    if (alreadyExists || isTransient(error)) {
      const own = await stackMadeByRequest(deps, request.name, requestToken);
      if (own !== undefined) return own;
    }
    // Made by someone else in the meantime (a concurrent run): go round again and resume from its state.
    if (alreadyExists) return 'already-exists';
    throw new DeployError(`creating stack ${request.name} failed: ${name}: ${errorMessage(error)}`, request.name, {
      cause: error,
      hint: isTransient(error)
        ? (failure.hint ?? 'AWS failed to answer; re-run the same command to resume')
        : 'fix the cause and re-run the same command to resume',
    });
  }
}

/**
 * The stack `name` when the CreateStack call carrying `requestToken` made it: CloudFormation puts
 * the call's token on every event of the operation (CreateStack API reference,
 * ClientRequestToken). A CloudFormation that records no token at all (the emulator: moto ignores
 * the parameter) cannot say; then a stack tagged as private-eks's, which was absent when this run
 * looked just before the call, is taken as this call's.
 */
async function stackMadeByRequest(deps: StackDeps, name: string, requestToken: string): Promise<StackInfo | undefined> {
  try {
    const stack = await describeStack(deps.cfn, name, deps.signal);
    if (stack === undefined || stack.tags[VERSION_TAG] === undefined) return undefined;
    const events = await latestOperationEvents(deps.cfn, stack.id, deps.signal);
    const tokens = events.flatMap((e) => (e.clientRequestToken ? [e.clientRequestToken] : []));
    return tokens.length === 0 || tokens.includes(requestToken) ? stack : undefined;
  } catch (error) {
    if (error instanceof AbortedError) throw error;
    // Cannot tell: the caller reports the original failure (a re-run resumes from the stack's state).
    return undefined;
  }
}

/**
 * Deletes the stack (by id) and, unless `wait` is false, waits until it is gone. Absent stacks
 * are fine. A DELETE_FAILED stack is deleted again (CloudFormation retries what is left).
 */
export async function deleteAndWait(
  deps: StackDeps,
  stepId: string,
  stack: StackInfo,
  options: { wait?: boolean } = {},
): Promise<'deleted' | 'absent' | 'requested'> {
  if (stack.status === 'DELETE_COMPLETE') return 'absent';
  if (stack.status !== 'DELETE_IN_PROGRESS') {
    const after = await readPatiently(deps, stepId, stack.name, () => newestEventId(deps.cfn, stack.id, deps.signal));
    try {
      await deps.cfn.send(
        new DeleteStackCommand({ StackName: stack.id, ClientRequestToken: token(deps, 'delete') }),
        sendOptions(deps.signal),
      );
    } catch (error) {
      const failure = awsFailure('cloudformation:DeleteStack', error, deps.signal);
      if (failure instanceof AbortedError) throw failure;
      // A lost answer (see createStack): the delete may have been accepted all the same.
      if (!(isTransient(error) && (await deleteAccepted(deps, stack.id)))) {
        // The emulator reports a failed delete from the call itself (TESTBED §2.1: DependencyViolation).
        throw new DeployError(
          `deleting stack ${stack.name} failed: ${errorName(error)}: ${errorMessage(error)}`,
          stack.name,
          {
            cause: error,
            ...(isTransient(error)
              ? { hint: failure.hint ?? 'AWS failed to answer; re-run to finish the delete' }
              : {}),
          },
        );
      }
    }
    if (options.wait === false) return 'requested';
    await waitForStack(deps, { stepId, stack, goal: 'delete', after });
    return 'deleted';
  }
  await waitForStack(deps, { stepId, stack, goal: 'delete' });
  return 'deleted';
}

/** Whether CloudFormation is deleting (or has deleted) the stack: a DeleteStack went through. */
async function deleteAccepted(deps: StackDeps, stackId: string): Promise<boolean> {
  try {
    const status = (await describeStack(deps.cfn, stackId, deps.signal))?.status ?? 'DELETE_COMPLETE';
    return status === 'DELETE_IN_PROGRESS' || status === 'DELETE_COMPLETE';
  } catch (error) {
    if (error instanceof AbortedError) throw error;
    return false;
  }
}

/** Consecutive transient failures of one read that a wait rides out before it gives up. */
export const MAX_TRANSIENT_READ_FAILURES = 5;

/**
 * Runs a read-only call; while it fails transiently (throttled, 5xx, no answer — after the SDK's
 * own retries), waits with the poll backoff and reads again, up to MAX_TRANSIENT_READ_FAILURES
 * times in a row. A wait of many minutes must not end because one poll was unlucky.
 */
export async function readPatiently<T>(
  deps: StackDeps,
  stepId: string,
  stack: string,
  read: () => Promise<T>,
): Promise<T> {
  for (let failures = 0; ; failures += 1) {
    try {
      return await read();
    } catch (error) {
      if (!isTransientFailure(error) || failures + 1 >= MAX_TRANSIENT_READ_FAILURES) throw error;
      const delayMs = backoffDelay(STACK_POLL_BACKOFF, failures, () => deps.clock.random());
      deps.events({
        code: 'waiting',
        stepId,
        what: `stack ${stack}`,
        status: `unknown: ${errorMessage(error)}`,
        delayMs,
      });
      await deps.clock.sleep(delayMs, deps.signal);
    }
  }
}

export interface WaitRequest {
  readonly stepId: string;
  readonly stack: Pick<StackInfo, 'id' | 'name'>;
  /** create: until complete (failure throws); delete: until gone; settle: until not in progress. */
  readonly goal: 'create' | 'delete' | 'settle';
  /** Stream only events newer than this one (see StackEventPoller). */
  readonly after?: string | undefined;
}

/**
 * Polls DescribeStacks (by id, so a deleted stack reads DELETE_COMPLETE) and DescribeStackEvents
 * with backoff until the goal is reached; each new stack event becomes a progress event. A failed
 * operation throws DeployError naming the first failed resource and its reason.
 */
export async function waitForStack(deps: StackDeps, request: WaitRequest): Promise<StackInfo> {
  const { cfn, clock, events } = deps;
  const poller = new StackEventPoller(cfn, request.stack.id, request.after);
  const timeoutMs = deps.stackTimeoutMs ?? DEFAULT_STACK_TIMEOUT_MS;
  const started = clock.now();
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(deps.signal);
    const read = <T>(call: () => Promise<T>): Promise<T> =>
      readPatiently(deps, request.stepId, request.stack.name, call);
    const info = await read(() => describeStack(cfn, request.stack.id, deps.signal));
    for (const event of await read(() => poller.poll(deps.signal))) {
      events({
        code: 'stack-event',
        stepId: request.stepId,
        stack: request.stack.name,
        logicalId: event.logicalId,
        resourceType: event.resourceType,
        status: event.status,
        ...(event.reason === undefined ? {} : { reason: event.reason }),
      });
    }
    const status = info?.status ?? 'DELETE_COMPLETE';
    const inProgress = status.endsWith('_IN_PROGRESS');
    if (request.goal === 'delete') {
      if (status === 'DELETE_COMPLETE') return info ?? { ...emptyInfo(request.stack), status };
      if (status === 'DELETE_FAILED') throw await operationFailure(deps, request, status);
    } else if (request.goal === 'create') {
      if (isCreateSuccess(status)) return info as StackInfo;
      if (!inProgress && isTerminalFailure(status)) throw await operationFailure(deps, request, status);
    } else if (!inProgress) {
      return info ?? { ...emptyInfo(request.stack), status };
    }
    if (clock.now() - started >= timeoutMs) {
      throw new DeployError(
        `stack ${request.stack.name} is still ${status} after ${Math.round(timeoutMs / 60_000)} minutes`,
        request.stack.name,
        {
          hint: 'private-eks stopped waiting; CloudFormation has not been told to stop. Check the stack in the console, then re-run to resume',
        },
      );
    }
    const delayMs = backoffDelay(STACK_POLL_BACKOFF, attempt, () => clock.random());
    events({ code: 'waiting', stepId: request.stepId, what: `stack ${request.stack.name}`, status, delayMs });
    await clock.sleep(delayMs, deps.signal);
  }
}

async function operationFailure(deps: StackDeps, request: WaitRequest, status: string): Promise<DeployError> {
  const events = await readPatiently(deps, request.stepId, request.stack.name, () =>
    latestOperationEvents(deps.cfn, request.stack.id, deps.signal),
  );
  return failureFromEvents(request.stack.name, status, events);
}

/** The error for a failed operation: the first `*_FAILED` event is the cause (SPEC §7). */
export function failureFromEvents(stack: string, status: string, events: readonly StackEventRecord[]): DeployError {
  const cause = firstFailure(events);
  if (cause === undefined) {
    return new DeployError(`stack ${stack} is ${status}`, stack, {
      hint: 'CloudFormation gave no failed resource; see the stack in the console',
    });
  }
  const resource = `${cause.logicalId} (${cause.resourceType})`;
  return new DeployError(
    `stack ${stack} is ${status}: ${resource} ${cause.status}: ${cause.reason ?? 'no reason given'}`,
    resource,
    status.startsWith('DELETE') ? {} : { hint: 'fix the cause and re-run the same command to resume' },
  );
}

function emptyInfo(stack: Pick<StackInfo, 'id' | 'name'>): StackInfo {
  return {
    id: stack.id,
    name: stack.name,
    status: 'DELETE_COMPLETE',
    statusReason: undefined,
    outputs: {},
    tags: {},
    parameters: {},
  };
}

function token(deps: StackDeps, kind: string): string {
  return deps.newToken?.() ?? `private-eks-${kind}-${randomUUID()}`;
}
