/**
 * Time for deploy code: injected so tests can run hours of waiting in no time (a fake clock) and
 * never assert on wall time.
 */
import { AbortedError } from '../errors.js';

/** Time for the deploy layer (waiting, timeouts); injectable so tests need not wait. */
export interface Clock {
  /** Milliseconds since some fixed point; only differences are used. */
  now(): number;
  /** Resolves after `ms`; rejects with AbortedError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1), for jitter. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(new AbortedError());
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new AbortedError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Throws AbortedError when the signal has fired: call before starting anything new. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AbortedError();
}

export interface BackoffPolicy {
  /** First delay. */
  readonly initialMs: number;
  /** No delay is longer than this. */
  readonly maxMs: number;
  /** Growth per attempt. */
  readonly factor: number;
  /** Fraction of the delay taken off at random (0..1), so parallel waiters do not poll in step. */
  readonly jitter: number;
}

/**
 * CloudFormation polling: 2 s growing to 15 s. DescribeStacks/DescribeStackEvents share an account
 * rate limit with every other tool; eksctl polls every 20-30 s, the CDK every 2-5 s. With 8 stacks
 * waited on in parallel this stays under ~1.5 calls per second.
 */
export const STACK_POLL_BACKOFF: BackoffPolicy = { initialMs: 2_000, maxMs: 15_000, factor: 1.5, jitter: 0.25 };

/** EKS updates take minutes; poll a little less often. */
export const EKS_UPDATE_BACKOFF: BackoffPolicy = { initialMs: 5_000, maxMs: 30_000, factor: 1.5, jitter: 0.25 };

/** The delay before poll number `attempt` (0-based), with jitter drawn from `random()`. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  return Math.round(base * (1 - policy.jitter * random()));
}
