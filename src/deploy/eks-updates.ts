/**
 * Waiting for an EKS update (UpdateClusterVersion, UpdateNodegroupVersion, …): DescribeUpdate with
 * backoff until `Successful`; `Failed`/`Cancelled` is a DeployError with EKS's own error codes and
 * messages. `inProgressUpdate` finds an update an interrupted run started, so a re-run waits for
 * it instead of asking again (EKS refuses a second update while one is in progress).
 */
import { DescribeUpdateCommand, ListUpdatesCommand, type EKSClient, type Update } from '@aws-sdk/client-eks';
import { DeployError } from '../errors.js';
import { callAws } from './aws-call.js';
import { backoffDelay, EKS_UPDATE_BACKOFF, throwIfAborted, type Clock } from './clock.js';
import type { EventSink } from './events.js';

export interface EksUpdateDeps {
  readonly eks: EKSClient;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface UpdateScope {
  readonly cluster: string;
  readonly nodegroup?: string;
  readonly stepId: string;
  /** For messages: "control plane 1.34", "nodegroup m1". */
  readonly what: string;
}

/** EKS control-plane upgrades take 20-40 minutes, nodegroup rolls longer with many nodes. */
export const DEFAULT_EKS_UPDATE_TIMEOUT_MS = 90 * 60_000;

export async function waitForEksUpdate(deps: EksUpdateDeps, scope: UpdateScope, updateId: string): Promise<Update> {
  const started = deps.clock.now();
  const timeoutMs = deps.timeoutMs ?? DEFAULT_EKS_UPDATE_TIMEOUT_MS;
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(deps.signal);
    const out = await callAws('eks:DescribeUpdate', deps.signal, (options) =>
      deps.eks.send(
        new DescribeUpdateCommand({
          name: scope.cluster,
          updateId,
          ...(scope.nodegroup === undefined ? {} : { nodegroupName: scope.nodegroup }),
        }),
        options,
      ),
    );
    const update = out.update ?? {};
    const status = update.status ?? 'InProgress';
    if (status === 'Successful') return update;
    if (status === 'Failed' || status === 'Cancelled') {
      const errors = (update.errors ?? []).map((e) => `${e.errorCode ?? 'Error'}: ${e.errorMessage ?? ''}`.trim());
      throw new DeployError(
        `${scope.what}: EKS update ${updateId} is ${status}${errors.length > 0 ? `: ${errors.join('; ')}` : ''}`,
        scope.what,
        { hint: 'fix the cause and re-run the same command; what is done stays done' },
      );
    }
    if (deps.clock.now() - started >= timeoutMs) {
      throw new DeployError(
        `${scope.what}: EKS update ${updateId} is still ${status} after ${Math.round(timeoutMs / 60_000)} minutes`,
        scope.what,
        { hint: 'private-eks stopped waiting; EKS carries on. Re-run the same command to wait for it again' },
      );
    }
    const delayMs = backoffDelay(EKS_UPDATE_BACKOFF, attempt, () => deps.clock.random());
    deps.events({ code: 'waiting', stepId: scope.stepId, what: `${scope.what} (update ${updateId})`, status, delayMs });
    await deps.clock.sleep(delayMs, deps.signal);
  }
}

/** The id of an update of this cluster (or nodegroup) that is still in progress, if any. */
export async function inProgressUpdate(deps: EksUpdateDeps, scope: UpdateScope): Promise<string | undefined> {
  const list = await callAws('eks:ListUpdates', deps.signal, (options) =>
    deps.eks.send(
      new ListUpdatesCommand({
        name: scope.cluster,
        ...(scope.nodegroup === undefined ? {} : { nodegroupName: scope.nodegroup }),
      }),
      options,
    ),
  );
  // Newest last in EKS's answer; look from the end, and only at the few most recent.
  for (const id of (list.updateIds ?? []).slice(-5).reverse()) {
    const out = await callAws('eks:DescribeUpdate', deps.signal, (options) =>
      deps.eks.send(
        new DescribeUpdateCommand({
          name: scope.cluster,
          updateId: id,
          ...(scope.nodegroup === undefined ? {} : { nodegroupName: scope.nodegroup }),
        }),
        options,
      ),
    );
    if (out.update?.status === 'InProgress') return id;
  }
  return undefined;
}
