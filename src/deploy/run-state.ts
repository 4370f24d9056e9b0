/**
 * What the steps of one create (or create nodegroup) run share: the plan, the injected
 * dependencies, and what earlier steps learnt (stack outputs, kubeconfig, things left to do by hand).
 */
import type { AwsClients } from '../aws/types.js';
import { PrivateEksError } from '../errors.js';
import type { Plan, StackPlan } from '../plan/types.js';
import { systemClock, type Clock } from './clock.js';
import type { EndpointAccessDeps } from './endpoint-access.js';
import { safeSink, type EventSink } from './events.js';
import type { KubernetesApiOptions } from './kubernetes-client.js';
import type { KubeconfigOutcome, ManualStep, StackOutcome } from './results.js';
import type { StackDeps, StackInfo } from './stacks.js';

/** What the deploy functions need: AWS clients (required), where to write the kubeconfig, and optional event sink, abort signal, clock, parallelism and timeouts. */
export interface DeployDeps {
  readonly clients: AwsClients;
  readonly events?: EventSink;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** Stacks created at once (SPEC §7: default 8). */
  readonly parallelism?: number;
  readonly stackTimeoutMs?: number;
  readonly updateTimeoutMs?: number;
  /** Where to write the kubeconfig entry; `false`: do not write one. */
  readonly kubeconfigPath: string | false;
  /** `--profile`, for the kubeconfig's `aws eks get-token` and printed commands. */
  readonly profile?: string;
  /**
   * The OIDC provider's CA thumbprint (SPEC §9), asked for only when a template declares an
   * `OIDCThumbprint` parameter (the current templates do not: IAM no longer needs one for EKS).
   */
  readonly oidcThumbprint?: (region: string) => Promise<string>;
  readonly kubernetes?: KubernetesApiOptions;
  /** Idempotency tokens; injectable for tests. */
  readonly newToken?: () => string;
  /**
   * Check the cluster through the AWS APIs once every step succeeded (src/verify): endpoints,
   * private DNS, zones, S3 routes, the endpoints' security group, endpoint access, nodegroups.
   * Default true.
   */
  readonly verify?: boolean;
}

/**
 * What a stack step of this run is doing with its stack, for steps that watch it while it is made
 * (fargate-wait.ts): the stack it works on now (`created`: by this run's CreateStack, so a failure
 * of it is final; else an existing stack the step waits for or reuses, which a rolled-back end would
 * make it create again), and how the step ended, once it has.
 */
export interface StackWatch {
  current?: { readonly id: string; readonly created: boolean };
  ended?: { readonly ok: true } | { readonly ok: false; readonly error: unknown };
}

/** What the steps of one run share. */
export interface RunState {
  readonly plan: Plan;
  readonly deps: DeployDeps;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly signal: AbortSignal | undefined;
  readonly stacks: Map<string, StackInfo>;
  readonly stackOutcomes: StackOutcome[];
  /** By stack name: what the stack steps are doing, for the steps that watch them. */
  readonly stackWatches: Map<string, StackWatch>;
  readonly manual: ManualStep[];
  kubeconfig: KubeconfigOutcome | undefined;
  switchedOff: { updateId?: string } | undefined;
}

export function stackDeps(state: Pick<RunState, 'deps' | 'events' | 'clock' | 'signal'>): StackDeps {
  return {
    cfn: state.deps.clients.cloudFormation,
    events: state.events,
    clock: state.clock,
    ...(state.signal === undefined ? {} : { signal: state.signal }),
    ...(state.deps.stackTimeoutMs === undefined ? {} : { stackTimeoutMs: state.deps.stackTimeoutMs }),
    ...(state.deps.newToken === undefined ? {} : { newToken: state.deps.newToken }),
  };
}

export function newRunState(plan: Plan, deps: DeployDeps): RunState {
  return {
    plan,
    deps,
    events: safeSink(deps.events ?? (() => {})),
    clock: deps.clock ?? systemClock,
    signal: deps.signal,
    stacks: new Map(),
    stackOutcomes: [],
    stackWatches: new Map(),
    manual: [],
    kubeconfig: undefined,
    switchedOff: undefined,
  };
}

/** The watch of a stack (made on first use: the watcher may ask before the stack step starts). */
export function stackWatch(state: RunState, stack: string): StackWatch {
  let watch = state.stackWatches.get(stack);
  if (watch === undefined) {
    watch = {};
    state.stackWatches.set(stack, watch);
  }
  return watch;
}

export function clusterStackPlan(plan: Plan): StackPlan {
  const stack = plan.stacks.find((s) => s.kind === 'cluster');
  if (stack === undefined) throw internal('the plan has no cluster stack');
  return stack;
}

export function endpointDeps(state: RunState): EndpointAccessDeps {
  return {
    eks: state.deps.clients.eks,
    events: state.events,
    clock: state.clock,
    region: state.plan.region.name,
    ...(state.deps.profile === undefined ? {} : { profile: state.deps.profile }),
    ...(state.signal === undefined ? {} : { signal: state.signal }),
    ...(state.deps.updateTimeoutMs === undefined ? {} : { timeoutMs: state.deps.updateTimeoutMs }),
  };
}

export function internal(message: string): PrivateEksError {
  return new PrivateEksError('PE_INTERNAL', message, { source: 'internal' });
}
