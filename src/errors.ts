/**
 * Runtime errors of private-eks. Config problems are values (`Problem[]`, src/config/problem.ts)
 * until the CLI renders them; these classes are for failures while talking to AWS or deploying.
 * Each carries a stable code, where it came from, and the underlying cause.
 */
import type { Problem } from './config/problem.js';

/** Where an error comes from: the user's input, AWS, or private-eks itself. */
export type ErrorSource = 'user' | 'aws' | 'internal';

/** Options of a PrivateEksError. */
export interface PrivateEksErrorOptions {
  source?: ErrorSource;
  cause?: unknown;
  /** What the user can do about it, printed after the message. */
  hint?: string;
}

const BRAND = Symbol.for('private-eks.PrivateEksError');

/** The base class of the errors private-eks throws; each has a stable `code`, a `source` and, where it helps, a `hint` saying what to do. */
export class PrivateEksError extends Error {
  readonly code: string;
  readonly source: ErrorSource;
  readonly hint: string | undefined;
  readonly [BRAND] = true;

  constructor(code: string, message: string, options: PrivateEksErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.source = options.source ?? 'internal';
    this.hint = options.hint;
  }

  static isPrivateEksError(x: unknown): x is PrivateEksError {
    return typeof x === 'object' && x !== null && BRAND in x;
  }
}

/** The command line was wrong (exit code 2). */
export class UsageError extends PrivateEksError {
  constructor(message: string, options: PrivateEksErrorOptions = {}) {
    super('PE_USAGE', message, { source: 'user', ...options });
  }
}

/** The config file could not be turned into a valid config (exit code 1); problems are attached. */
export class ConfigError extends PrivateEksError {
  constructor(
    message: string,
    readonly problems: readonly Problem[],
    options: PrivateEksErrorOptions = {},
  ) {
    super('PE_CONFIG', message, { source: 'user', ...options });
  }
}

/** An AWS API call failed in a way the caller cannot recover from. */
export class AwsCallError extends PrivateEksError {
  constructor(
    message: string,
    readonly operation: string,
    options: PrivateEksErrorOptions & { requestId?: string } = {},
  ) {
    super('PE_AWS', message, { source: 'aws', ...options });
    this.requestId = options.requestId;
  }
  readonly requestId: string | undefined;
}

/** A deploy step failed: a stack rolled back, an update failed. */
export class DeployError extends PrivateEksError {
  constructor(
    message: string,
    readonly resource: string | undefined,
    options: PrivateEksErrorOptions = {},
  ) {
    super('PE_DEPLOY', message, { source: 'aws', ...options });
  }
}

/** The user interrupted (Ctrl-C); a re-run resumes (exit code 3). */
export class AbortedError extends PrivateEksError {
  constructor(message = 'interrupted; re-run the same command to resume', options: PrivateEksErrorOptions = {}) {
    super('PE_ABORTED', message, { source: 'user', ...options });
  }
}
