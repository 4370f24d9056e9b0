/**
 * SDK calls as deploy code makes them: with the run's abort signal, and failures turned into
 * AbortedError (interrupted) or AwsCallError (src/aws/aws-errors.ts: by error name, with a hint).
 * Operations are named IAM-style (`cloudformation:CreateStack`), as in src/aws.
 */
import { errorName as sdkErrorName, isAbort, isTransient, toAwsCallError } from '../aws/aws-errors.js';
import { AbortedError, AwsCallError } from '../errors.js';

/** The SDK error's name (its AWS error code), or `Error`. */
export function errorName(error: unknown): string {
  return sdkErrorName(error) ?? 'Error';
}

/** The first line of the error's message. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? '';
}

/** What to throw for a failed SDK call: AbortedError when the run was interrupted, else AwsCallError. */
export function awsFailure(
  action: string,
  error: unknown,
  signal: AbortSignal | undefined,
): AbortedError | AwsCallError {
  if (signal?.aborted === true || isAbort(error)) return new AbortedError();
  return toAwsCallError(action, error);
}

/** Options for `client.send(command, options)` carrying the abort signal when there is one. */
export function sendOptions(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal === undefined ? {} : { abortSignal: signal };
}

/** Runs one SDK call; failures become AbortedError or AwsCallError (see awsFailure). */
export async function callAws<T>(
  action: string,
  signal: AbortSignal | undefined,
  call: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  try {
    return await call(sendOptions(signal));
  } catch (error) {
    throw awsFailure(action, error, signal);
  }
}

/**
 * Whether a failed call (an SDK error, or the AwsCallError made from one) may succeed if tried
 * again later: throttling, a 5xx, no answer (src/aws/aws-errors.ts isTransient). By then the SDK
 * has already spent its own retries.
 */
export function isTransientFailure(error: unknown): boolean {
  return isTransient(error instanceof AwsCallError ? error.cause : error);
}

/** The AWS error code (the SDK error's name) of a failed call, also through the AwsCallError made from it. */
export function awsErrorCode(error: unknown): string | undefined {
  return sdkErrorName(error instanceof AwsCallError ? error.cause : error);
}
