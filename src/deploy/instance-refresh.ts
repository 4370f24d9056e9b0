/**
 * An instance refresh of a self-managed nodegroup's auto scaling group after its launch template
 * got a new version (upgrade): StartInstanceRefresh, then DescribeInstanceRefreshes until it is
 * `Successful`. A refresh already running (an interrupted run) is waited for, not started again
 * (Auto Scaling refuses a second one). Nodes are replaced a few at a time, keeping 90 % healthy
 * (Auto Scaling's default MinHealthyPercentage), which drains them through the termination.
 */
import {
  DescribeInstanceRefreshesCommand,
  StartInstanceRefreshCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import { DeployError } from '../errors.js';
import { callAws, errorName } from './aws-call.js';
import { backoffDelay, EKS_UPDATE_BACKOFF, throwIfAborted } from './clock.js';
import { DEFAULT_EKS_UPDATE_TIMEOUT_MS, type EksUpdateDeps } from './eks-updates.js';

export interface RefreshDeps extends Omit<EksUpdateDeps, 'eks'> {
  readonly autoScaling: AutoScalingClient;
}

const RUNNING = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);

export async function refreshInstances(
  deps: RefreshDeps,
  target: { readonly stepId: string; readonly group: string; readonly what: string },
): Promise<string> {
  const latest = async (): Promise<{ id?: string; status?: string; reason?: string } | undefined> => {
    const out = await callAws('autoscaling:DescribeInstanceRefreshes', deps.signal, (options) =>
      deps.autoScaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: target.group }), options),
    );
    const r = out.InstanceRefreshes?.[0];
    return r === undefined
      ? undefined
      : {
          ...(r.InstanceRefreshId === undefined ? {} : { id: r.InstanceRefreshId }),
          ...(r.Status === undefined ? {} : { status: r.Status }),
          ...(r.StatusReason === undefined ? {} : { reason: r.StatusReason }),
        };
  };
  const running = await latest();
  if (running?.status === undefined || !RUNNING.has(running.status)) {
    try {
      await callAws('autoscaling:StartInstanceRefresh', deps.signal, (options) =>
        deps.autoScaling.send(
          new StartInstanceRefreshCommand({ AutoScalingGroupName: target.group, Strategy: 'Rolling' }),
          options,
        ),
      );
    } catch (error) {
      // Started by a run whose answer was lost: wait for that one.
      if (errorName((error as { cause?: unknown }).cause ?? error) !== 'InstanceRefreshInProgressFault') throw error;
    }
  }
  const started = deps.clock.now();
  const timeoutMs = deps.timeoutMs ?? DEFAULT_EKS_UPDATE_TIMEOUT_MS;
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(deps.signal);
    const now = await latest();
    const status = now?.status ?? 'Pending';
    if (status === 'Successful') return 'instances refreshed';
    if (!RUNNING.has(status)) {
      throw new DeployError(
        `${target.what}: instance refresh of ${target.group} is ${status}${now?.reason === undefined ? '' : `: ${now.reason}`}`,
        target.group,
        { hint: 'fix the cause and re-run the same command; the refresh starts again' },
      );
    }
    if (deps.clock.now() - started >= timeoutMs) {
      throw new DeployError(`${target.what}: instance refresh of ${target.group} is still ${status}`, target.group, {
        hint: 'Auto Scaling carries on; re-run the same command to wait for it again',
      });
    }
    const delayMs = backoffDelay(EKS_UPDATE_BACKOFF, attempt, () => deps.clock.random());
    deps.events({
      code: 'waiting',
      stepId: target.stepId,
      what: `instance refresh of ${target.group}`,
      status,
      delayMs,
    });
    await deps.clock.sleep(delayMs, deps.signal);
  }
}
