/**
 * Counts the AWS API calls private-eks makes, per operation, and reports each one to listeners:
 * the figure benchmarks and the proxy test print ("AWS requests made"), and the source of
 * `--verbose` call logs. A middleware on every client feeds it.
 *
 * Two numbers, because retries make them differ: `calls` = operations private-eks asked for
 * (one per `send`), `httpRequests` = attempts that went on the wire (what a proxy log shows).
 */
import { appendFileSync } from 'node:fs';
import type { DeserializeMiddleware, HandlerExecutionContext, InitializeMiddleware } from '@smithy/types';
import { errorName, httpStatus, requestId } from './aws-errors.js';

/** One AWS call: service, operation, outcome and duration. */
export interface AwsCallEvent {
  /** IAM-style action, `ec2:DescribeVpcs`: also what a denied user must be granted. */
  readonly action: string;
  readonly ok: boolean;
  /** HTTP attempts this call took (1 without retries); 0 when it failed before sending. */
  readonly attempts: number;
  readonly durationMs: number;
  readonly errorName?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
}

/** The AWS calls counted so far, per service and operation. */
export interface AwsCallSnapshot {
  /** Operations sent through the SDK (one per `send`). */
  readonly calls: number;
  /** HTTP requests that went out, retries included. */
  readonly httpRequests: number;
  /** Calls per action, e.g. `{ "ec2:DescribeVpcs": 2 }`, keys sorted. */
  readonly byAction: Readonly<Record<string, number>>;
  readonly failed: number;
}

/** Called for each AWS call an AwsCallCounter sees. */
export type AwsCallListener = (event: AwsCallEvent) => void;

/** Counts the AWS calls made through a set of clients, per operation (what `--verbose` and doctor report). */
export class AwsCallCounter {
  #calls = 0;
  #httpRequests = 0;
  #failed = 0;
  readonly #byAction = new Map<string, number>();
  readonly #listeners = new Set<AwsCallListener>();

  snapshot(): AwsCallSnapshot {
    const byAction: Record<string, number> = {};
    for (const key of [...this.#byAction.keys()].sort()) byAction[key] = this.#byAction.get(key) ?? 0;
    return { calls: this.#calls, httpRequests: this.#httpRequests, byAction, failed: this.#failed };
  }

  /** Calls `listener` after every call; returns the function that stops it. */
  onCall(listener: AwsCallListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  reset(): void {
    this.#calls = 0;
    this.#httpRequests = 0;
    this.#failed = 0;
    this.#byAction.clear();
  }

  /** @internal used by the middleware */
  countAttempt(): void {
    this.#httpRequests += 1;
  }

  /** @internal used by the middleware */
  countCall(event: AwsCallEvent): void {
    this.#calls += 1;
    if (!event.ok) this.#failed += 1;
    this.#byAction.set(event.action, (this.#byAction.get(event.action) ?? 0) + 1);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A log listener must never change the outcome of an AWS call.
      }
    }
  }
}

/** The part of an SDK client this needs: any v3 client has it. */
export interface MiddlewareClient {
  readonly middlewareStack: {
    add(
      middleware: InitializeMiddleware<object, object>,
      options: { step: 'initialize'; name: string; override?: boolean },
    ): void;
    add(
      middleware: DeserializeMiddleware<object, object>,
      options: { step: 'deserialize'; name: string; override?: boolean },
    ): void;
  };
}

const ATTEMPTS = Symbol('private-eks.attempts');

/** SDK commands whose IAM action has another name; counts and the IAM policy use IAM's. */
const IAM_ACTION_NAMES: Readonly<Record<string, string>> = { 'lambda:Invoke': 'lambda:InvokeFunction' };
type CountingContext = HandlerExecutionContext & { [ATTEMPTS]?: number };

/**
 * Adds the counting middleware to `client`. `servicePrefix` is the IAM action prefix
 * (`cloudformation`, `ec2`, `eks`, `iam`, `sts`).
 */
export function attachCallCounter(client: MiddlewareClient, servicePrefix: string, counter: AwsCallCounter): void {
  // Deserialize step: inside the retry loop, after signing, so it sees each attempt on the wire.
  client.middlewareStack.add(
    (next, context: CountingContext) => async (args) => {
      context[ATTEMPTS] = (context[ATTEMPTS] ?? 0) + 1;
      counter.countAttempt();
      return next(args);
    },
    { step: 'deserialize', name: 'privateEksAttemptCounter', override: true },
  );
  // Initialize step: outermost, once per `send`, whatever the retries did.
  client.middlewareStack.add(
    (next, context: CountingContext) => async (args) => {
      const sdkAction = `${servicePrefix}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
      const action = IAM_ACTION_NAMES[sdkAction] ?? sdkAction;
      const started = performance.now();
      const finish = (ok: boolean, error?: unknown): AwsCallEvent => {
        const status = error === undefined ? undefined : httpStatus(error);
        const id = error === undefined ? undefined : requestId(error);
        return {
          action,
          ok,
          attempts: context[ATTEMPTS] ?? 0,
          durationMs: Math.round(performance.now() - started),
          ...(error === undefined ? {} : { errorName: errorName(error) ?? 'Error' }),
          ...(status === undefined ? {} : { httpStatus: status }),
          ...(id === undefined ? {} : { requestId: id }),
        };
      };
      try {
        const output = await next(args);
        counter.countCall(finish(true));
        return output;
      } catch (error) {
        counter.countCall(finish(false, error));
        throw error;
      }
    },
    { step: 'initialize', name: 'privateEksCallCounter', override: true },
  );
}

/**
 * The variable naming a file to which every AWS call is appended, one JSON line each
 * (`{"action":"ec2:DescribeVpcs","ok":true}`). Set by the integration tests' global setup
 * (test/helpers/aws-call-log.ts) so the IAM policy can be checked against every call the
 * emulator runs made; appends of one short line are atomic, so parallel processes may share it.
 */
export const AWS_CALL_LOG_VARIABLE = 'PRIVATE_EKS_AWS_CALL_LOG';

/** A listener appending each call to `file` (see AWS_CALL_LOG_VARIABLE). */
export function callLogWriter(file: string): AwsCallListener {
  return (event) => {
    const line = {
      action: event.action,
      ok: event.ok,
      ...(event.errorName === undefined ? {} : { errorName: event.errorName }),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
}
