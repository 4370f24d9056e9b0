/**
 * The `fargate/kube-system` step: done once the Fargate profiles selecting kube-system exist, so the
 * add-ons stack can start while the Fargate stack still creates the other profiles, one at a time
 * (plan/fargate-order.ts). It creates nothing: it watches the stack the `fargate` step of the same
 * run is making (its StackWatch), reading the profiles' resources with DescribeStackResources.
 *
 * It ends when the `fargate` step ends, whichever way: complete (so are the profiles), or failed
 * (this step fails with the same cause). A stack this run created that rolls back fails it at
 * once, with the stack's first failed resource. An existing stack the `fargate` step waits for (an
 * earlier run's) is only watched: if it rolls back, that step deletes and creates it again, and
 * this step watches the new one. On a re-run whose stack is complete it is done at the first look.
 * It never waits longer than the `fargate` step, whose own wait has the stack timeout.
 */
import { DescribeStackResourcesCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DeployError, type PrivateEksError } from '../errors.js';
import { profilesTheAddonsNeed } from '../plan/fargate-order.js';
import type { PlanStep } from '../plan/types.js';
import { logicalIdsOf } from '../templates/fargate.js';
import { callAws } from './aws-call.js';
import { backoffDelay, STACK_POLL_BACKOFF, throwIfAborted } from './clock.js';
import { isCreateSuccess, isTerminalFailure } from './resume.js';
import { internal, stackDeps, stackWatch, type RunState, type StackWatch } from './run-state.js';
import { latestOperationEvents } from './stack-events.js';
import { describeStack, failureFromEvents, readPatiently, type StackDeps } from './stacks.js';

export interface StackResourcesWaitRequest {
  readonly stepId: string;
  /** The stack's name (the watch gives its id once the stack step has one). */
  readonly stack: string;
  /** The resources to wait for, by logical id. */
  readonly logicalIds: readonly string[];
  readonly watch: StackWatch;
}

/**
 * Resolves once every resource in `logicalIds` is CREATE_COMPLETE in the watched stack (or the
 * stack step ended well); rejects with the stack's failure. See the module comment.
 */
export async function waitForStackResources(
  deps: StackDeps,
  request: StackResourcesWaitRequest,
): Promise<'resources-complete' | 'stack-complete'> {
  const { watch } = request;
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(deps.signal);
    if (watch.ended?.ok === true) return 'stack-complete';
    if (watch.ended?.ok === false) throw stackStepFailed(request, watch.ended.error);
    const current = watch.current;
    let status = 'not created yet';
    if (current !== undefined) {
      const read = <T>(call: () => Promise<T>): Promise<T> => readPatiently(deps, request.stepId, request.stack, call);
      const resources = await read(() => resourceStatuses(deps.cfn, current.id, deps.signal));
      const stackStatus = (await read(() => describeStack(deps.cfn, current.id, deps.signal)))?.status;
      const stackStatusNow = stackStatus ?? 'DELETE_COMPLETE';
      // A resource complete in a stack that is rolling back is about to be deleted.
      const creating = stackStatusNow === 'CREATE_IN_PROGRESS' || isCreateSuccess(stackStatusNow);
      if (creating && request.logicalIds.every((id) => resources.get(id) === 'CREATE_COMPLETE')) {
        return 'resources-complete';
      }
      const failing = stackStatusNow.startsWith('ROLLBACK') || isTerminalFailure(stackStatusNow);
      if (current.created && failing) {
        const events = await read(() => latestOperationEvents(deps.cfn, current.id, deps.signal));
        throw failureFromEvents(request.stack, stackStatusNow, events);
      }
      status = request.logicalIds.map((id) => `${id} ${resources.get(id) ?? 'not started'}`).join(', ');
    }
    const delayMs = backoffDelay(STACK_POLL_BACKOFF, attempt, () => deps.clock.random());
    deps.events({ code: 'waiting', stepId: request.stepId, what: `stack ${request.stack}`, status, delayMs });
    await deps.clock.sleep(delayMs, deps.signal);
  }
}

/** Each resource's status by logical id (resources not started yet are absent). */
async function resourceStatuses(
  cfn: CloudFormationClient,
  stackId: string,
  signal: AbortSignal | undefined,
): Promise<Map<string, string>> {
  const out = await callAws('cloudformation:DescribeStackResources', signal, (options) =>
    cfn.send(new DescribeStackResourcesCommand({ StackName: stackId }), options),
  );
  return new Map(
    (out.StackResources ?? []).map((r) => [r.LogicalResourceId ?? '', String(r.ResourceStatus ?? 'UNKNOWN')]),
  );
}

function stackStepFailed(request: StackResourcesWaitRequest, error: unknown): PrivateEksError {
  // The stack's own failure (DeployError naming its first failed resource) is the cause: pass it on.
  if (error instanceof DeployError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeployError(`stack ${request.stack} was not created: ${message}`, request.stack, { cause: error });
}

/** The `fargate/kube-system` step of create (plan/steps.ts). */
export async function waitForKubeSystemProfiles(step: PlanStep, state: RunState): Promise<string> {
  const stack = state.plan.stacks.find((s) => s.kind === 'fargate');
  const needed = profilesTheAddonsNeed(state.plan.cluster);
  if (stack === undefined || needed === undefined)
    throw internal(`step ${step.id} has no Fargate profiles to wait for`);
  const result = await waitForStackResources(stackDeps(state), {
    stepId: step.id,
    stack: stack.name,
    logicalIds: logicalIdsOf(state.plan.cluster.fargateProfiles, needed),
    watch: stackWatch(state, stack.name),
  });
  const names = needed.map((p) => `"${p.name}"`).join(', ');
  return result === 'stack-complete'
    ? `the Fargate stack is complete, ${names} included`
    : `${names} created; the other profile(s) follow in the Fargate stack`;
}
