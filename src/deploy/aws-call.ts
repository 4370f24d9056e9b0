/**
 * Small helpers for AWS SDK errors as deploy code meets them. Errors are recognised by `name`
 * (the SDK's error code), never by message text — except where AWS gives no other signal, which
 * is said at the call site.
 */
import { AbortedError, AwsCallError } from '../errors.js';

interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

export function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const name = (error as SdkErrorShape).name;
    if (typeof name === 'string') return name;
  }
  return 'Error';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const message = (error as SdkErrorShape).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null) return (error as SdkErrorShape).$metadata?.httpStatusCode;
  return undefined;
}

export function requestIdOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null) return (error as SdkErrorShape).$metadata?.requestId;
  return undefined;
}

/** True when the SDK call was cancelled through its abortSignal. */
export function isAbortError(error: unknown): boolean {
  return errorName(error) === 'AbortError';
}

/** Wraps an SDK error as AwsCallError naming the operation and keeping the request id. */
export function awsCallError(operation: string, error: unknown, what?: string): AwsCallError {
  const requestId = requestIdOf(error);
  const status = httpStatusOf(error);
  // An HTML error page (moto's unimplemented operations, a proxy's error page) fails to
  // deserialize; say what the HTTP status was rather than echoing the parser's complaint.
  const detail =
    errorName(error) === 'SyntaxError' && status !== undefined
      ? `HTTP ${status} with a body that is not an AWS response`
      : `${errorName(error)}: ${errorMessage(error)}`;
  return new AwsCallError(`${what ?? operation} failed: ${detail}`, operation, {
    cause: error,
    ...(requestId === undefined ? {} : { requestId }),
  });
}

/**
 * What to throw for a failed SDK call: AbortedError when the run was interrupted (the SDK rejects
 * an aborted request with AbortError), else AwsCallError naming the operation.
 */
export function awsFailure(
  operation: string,
  error: unknown,
  signal: AbortSignal | undefined,
  what?: string,
): AbortedError | AwsCallError {
  if (signal?.aborted === true || isAbortError(error)) return new AbortedError();
  return awsCallError(operation, error, what);
}

/** Options for `client.send(command, options)` carrying the abort signal when there is one. */
export function sendOptions(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal === undefined ? {} : { abortSignal: signal };
}

/** Runs one SDK call; failures become AbortedError or AwsCallError (see awsFailure). */
export async function callAws<T>(
  operation: string,
  signal: AbortSignal | undefined,
  call: (options: { abortSignal?: AbortSignal }) => Promise<T>,
  what?: string,
): Promise<T> {
  try {
    return await call(sendOptions(signal));
  } catch (error) {
    throw awsFailure(operation, error, signal, what);
  }
}
