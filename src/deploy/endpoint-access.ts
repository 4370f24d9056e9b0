/**
 * The API server's endpoint access (SPEC §7 step 5). When no step needs the Kubernetes API the
 * cluster stack creates the control plane private-only and nothing here runs. Otherwise, as
 * eksctl: the control plane starts with public access on, the Kubernetes-API steps run, and public
 * access is switched off at the end — `UpdateClusterConfig` (private on, public off), then
 * `DescribeUpdate` until `Successful`; `Failed`/`Cancelled` is eksctl's error
 * `error disabling public endpoint access for the cluster: …`.
 *
 * [beyond] A failure after the control plane exists (a nodegroup stack failed, Ctrl-C) still asks
 * EKS to switch public access off, and if even that fails, says exactly how to do it by hand, so a
 * failed create never leaves a public API server behind silently.
 *
 * Emulator note (TESTBED §2.3): moto answers UpdateClusterConfig with an empty body (no update id)
 * and has no DescribeUpdate. Without an id the outcome is read back from DescribeCluster instead —
 * the same check a user would make.
 */
import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  UpdateClusterConfigCommand,
  type EKSClient,
  type Update,
  type VpcConfigResponse,
} from '@aws-sdk/client-eks';
import { DeployError } from '../errors.js';
import { awsFailure, callAws, errorName, sendOptions } from './aws-call.js';
import { backoffDelay, EKS_UPDATE_BACKOFF, throwIfAborted, type Clock } from './clock.js';
import { disablePublicAccessCommand } from './endpoint-commands.js';
import type { EventSink } from './events.js';

export { disablePublicAccessCommand };

export interface EndpointAccessDeps {
  readonly eks: EKSClient;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly region: string;
  /** `--profile`, repeated in the command printed for doing it by hand. */
  readonly profile?: string;
  readonly signal?: AbortSignal;
  /** How long to wait for EKS to apply the update; EKS takes ~5-15 minutes. */
  readonly timeoutMs?: number;
}

export interface DesiredAccess {
  readonly publicAccess: boolean;
  readonly privateAccess: boolean;
  /** Only sent when public access is on (EKS ignores it otherwise). */
  readonly publicAccessCidrs?: readonly string[];
}

export const PRIVATE_ONLY: DesiredAccess = { publicAccess: false, privateAccess: true };
export const DEFAULT_UPDATE_TIMEOUT_MS = 30 * 60_000;

export type AccessUpdateOutcome =
  | { readonly result: 'unchanged' }
  | { readonly result: 'updated'; readonly updateId: string | undefined }
  /** Asked for but not waited for (failure paths): EKS carries on by itself. */
  | { readonly result: 'requested'; readonly updateId: string | undefined };

/** The cluster's current endpoint access, or undefined when there is no such cluster. */
export async function describeEndpointAccess(
  eks: EKSClient,
  cluster: string,
  signal?: AbortSignal,
): Promise<VpcConfigResponse | undefined> {
  try {
    const out = await eks.send(new DescribeClusterCommand({ name: cluster }), sendOptions(signal));
    return out.cluster?.resourcesVpcConfig ?? {};
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw awsFailure('eks:DescribeCluster', error, signal);
  }
}

function matches(current: VpcConfigResponse, desired: DesiredAccess): boolean {
  if (current.endpointPublicAccess !== desired.publicAccess) return false;
  if (current.endpointPrivateAccess !== desired.privateAccess) return false;
  if (!desired.publicAccess || desired.publicAccessCidrs === undefined || desired.publicAccessCidrs.length === 0)
    return true;
  const have = [...(current.publicAccessCidrs ?? [])].sort();
  const want = [...desired.publicAccessCidrs].sort();
  return have.length === want.length && have.every((c, i) => c === want[i]);
}

function verb(desired: DesiredAccess): string {
  return desired.publicAccess ? 'enabling' : 'disabling';
}

/**
 * Makes the cluster's endpoint access `desired`: nothing when it already is; otherwise
 * UpdateClusterConfig and, with `wait`, DescribeUpdate until it succeeds.
 */
export async function updateEndpointAccess(
  deps: EndpointAccessDeps,
  cluster: string,
  desired: DesiredAccess,
  options: { wait: boolean },
): Promise<AccessUpdateOutcome> {
  const current = await describeEndpointAccess(deps.eks, cluster, deps.signal);
  if (current === undefined) {
    throw new DeployError(`cluster ${cluster} was not found while ${verb(desired)} public endpoint access`, cluster);
  }
  // Already as desired: nothing to say (the caller's step reports it).
  if (matches(current, desired)) return { result: 'unchanged' };
  const update = await requestUpdate(deps, cluster, desired);
  deps.events({
    code: 'endpoint-access-update',
    phase: 'requested',
    cluster,
    ...(update?.id === undefined ? {} : { updateId: update.id }),
    detail: describeAccess(desired),
  });
  if (!options.wait) return { result: 'requested', updateId: update?.id };
  if (update?.id !== undefined) await waitForUpdate(deps, cluster, update.id, desired);
  else await waitForAccess(deps, cluster, desired);
  deps.events({
    code: 'endpoint-access-update',
    phase: 'successful',
    cluster,
    ...(update?.id === undefined ? {} : { updateId: update.id }),
  });
  return { result: 'updated', updateId: update?.id };
}

function describeAccess(desired: DesiredAccess): string {
  if (!desired.publicAccess) return 'private only';
  const cidrs = desired.publicAccessCidrs ?? [];
  return `public (${cidrs.length === 0 ? '0.0.0.0/0' : cidrs.join(', ')}) and private`;
}

async function requestUpdate(
  deps: EndpointAccessDeps,
  cluster: string,
  desired: DesiredAccess,
): Promise<Update | undefined> {
  const started = deps.clock.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      const out = await deps.eks.send(
        new UpdateClusterConfigCommand({
          name: cluster,
          resourcesVpcConfig: {
            endpointPublicAccess: desired.publicAccess,
            endpointPrivateAccess: desired.privateAccess,
            ...(desired.publicAccess && desired.publicAccessCidrs !== undefined && desired.publicAccessCidrs.length > 0
              ? { publicAccessCidrs: [...desired.publicAccessCidrs] }
              : {}),
          },
        }),
        sendOptions(deps.signal),
      );
      return out.update;
    } catch (error) {
      // EKS runs one update at a time and refuses another with ResourceInUseException (e.g. a
      // logging update still running); wait for it rather than fail.
      const busy = errorName(error) === 'ResourceInUseException';
      if (!busy || deps.clock.now() - started >= (deps.timeoutMs ?? DEFAULT_UPDATE_TIMEOUT_MS)) {
        throw awsFailure('eks:UpdateClusterConfig', error, deps.signal);
      }
      await deps.clock.sleep(
        backoffDelay(EKS_UPDATE_BACKOFF, attempt, () => deps.clock.random()),
        deps.signal,
      );
    }
  }
}

async function waitForUpdate(
  deps: EndpointAccessDeps,
  cluster: string,
  updateId: string,
  desired: DesiredAccess,
): Promise<void> {
  const started = deps.clock.now();
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(deps.signal);
    const out = await callAws('eks:DescribeUpdate', deps.signal, (options) =>
      deps.eks.send(new DescribeUpdateCommand({ name: cluster, updateId }), options),
    );
    const status = out.update?.status ?? 'InProgress';
    if (status === 'Successful') return;
    if (status === 'Failed' || status === 'Cancelled') {
      const errors = (out.update?.errors ?? []).map((e) => `${e.errorCode ?? 'Error'}: ${e.errorMessage ?? ''}`.trim());
      const detail = errors.length > 0 ? errors.join('; ') : `update ${updateId} is ${status}`;
      deps.events({ code: 'endpoint-access-update', phase: 'failed', cluster, updateId, detail });
      throw new DeployError(`error ${verb(desired)} public endpoint access for the cluster: ${detail}`, cluster, {
        ...(desired.publicAccess
          ? {}
          : { hint: `switch it off by hand: ${disablePublicAccessCommand(cluster, deps.region, deps.profile)}` }),
      });
    }
    await pause(deps, started, cluster, `update ${updateId}`, status, attempt, desired);
  }
}

/** Without an update id (the emulator): read the cluster until it shows the desired access. */
async function waitForAccess(deps: EndpointAccessDeps, cluster: string, desired: DesiredAccess): Promise<void> {
  const started = deps.clock.now();
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(deps.signal);
    const current = await describeEndpointAccess(deps.eks, cluster, deps.signal);
    if (current !== undefined && matches(current, desired)) return;
    await pause(deps, started, cluster, `cluster ${cluster}`, 'updating', attempt, desired);
  }
}

async function pause(
  deps: EndpointAccessDeps,
  started: number,
  cluster: string,
  what: string,
  status: string,
  attempt: number,
  desired: DesiredAccess,
): Promise<void> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_UPDATE_TIMEOUT_MS;
  if (deps.clock.now() - started >= timeoutMs) {
    throw new DeployError(
      `error ${verb(desired)} public endpoint access for the cluster: ${what} still ${status} after ${Math.round(timeoutMs / 60_000)} minutes`,
      cluster,
      desired.publicAccess
        ? {}
        : { hint: `check it, and if needed run: ${disablePublicAccessCommand(cluster, deps.region, deps.profile)}` },
    );
  }
  const delayMs = backoffDelay(EKS_UPDATE_BACKOFF, attempt, () => deps.clock.random());
  deps.events({ code: 'waiting', stepId: 'endpoint-access', what, status, delayMs });
  await deps.clock.sleep(delayMs, deps.signal);
}

/** The outcome of switching public endpoint access off. */
export type SwitchOffOutcome =
  | { readonly result: 'no-cluster' }
  | { readonly result: 'already-private' }
  | { readonly result: 'requested'; readonly updateId: string | undefined }
  | { readonly result: 'failed'; readonly error: unknown; readonly command: string };

/**
 * After a failed or interrupted create: if the control plane exists with public access on, ask EKS
 * to switch it off (without waiting: the run is ending). Never throws; a failure comes back with
 * the command to run by hand. Runs without the run's abort signal: after Ctrl-C this one short
 * request must still go out (a second Ctrl-C ends the process).
 */
export async function switchOffPublicAccessAfterFailure(
  deps: Omit<EndpointAccessDeps, 'signal'>,
  cluster: string,
): Promise<SwitchOffOutcome> {
  const command = disablePublicAccessCommand(cluster, deps.region, deps.profile);
  try {
    const current = await describeEndpointAccess(deps.eks, cluster);
    if (current === undefined) return { result: 'no-cluster' };
    if (current.endpointPublicAccess === false) return { result: 'already-private' };
    const outcome = await updateEndpointAccess(deps, cluster, PRIVATE_ONLY, { wait: false });
    return outcome.result === 'unchanged'
      ? { result: 'already-private' }
      : { result: 'requested', updateId: outcome.updateId };
  } catch (error) {
    deps.events({ code: 'endpoint-access-update', phase: 'failed', cluster, detail: (error as Error).message });
    return { result: 'failed', error, command };
  }
}
