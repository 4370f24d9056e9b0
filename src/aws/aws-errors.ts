/**
 * Reading AWS SDK v3 errors: always by `name` (the service's error code) and `$metadata`, never
 * by message text (aws-sdk-js-v3 supplemental-docs/ERROR_HANDLING.md). `toAwsCallError` turns any
 * failure of a call into an AwsCallError whose message says what happened and what to do.
 */
import { AbortedError, AwsCallError } from '../errors.js';

interface SdkErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: {
    readonly httpStatusCode?: unknown;
    readonly requestId?: unknown;
    readonly extendedRequestId?: unknown;
  };
  readonly $retryable?: { readonly throttling?: unknown };
}

function shape(error: unknown): SdkErrorLike | undefined {
  return typeof error === 'object' && error !== null ? error : undefined;
}

export function errorName(error: unknown): string | undefined {
  const name = shape(error)?.name;
  return typeof name === 'string' ? name : undefined;
}

export function httpStatus(error: unknown): number | undefined {
  const status = shape(error)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The AWS request id, for support cases and CloudTrail; absent when no response arrived. */
export function requestId(error: unknown): string | undefined {
  const metadata = shape(error)?.$metadata;
  for (const id of [metadata?.requestId, metadata?.extendedRequestId]) {
    if (typeof id === 'string' && id !== '') return id;
  }
  return undefined;
}

/**
 * Throttling codes of the AWS services private-eks calls (the SDK's own list in
 * @smithy/service-error-classification plus EC2's and CloudFormation's spellings).
 */
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
]);

export function isThrottling(error: unknown): boolean {
  const name = errorName(error);
  if (name !== undefined && THROTTLING.has(name)) return true;
  return httpStatus(error) === 429 || shape(error)?.$retryable?.throttling === true;
}

/**
 * A resource that is not there: EKS `ResourceNotFoundException`, IAM `NoSuchEntity`, EC2's
 * `Invalid<Thing>.NotFound` family. CloudFormation reports a missing stack as a generic
 * `ValidationError` that only its message tells apart, so it is deliberately NOT matched here:
 * look stacks up with ListStacks/DescribeStacks by what they return, not by this.
 */
export function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  if (name === undefined) return false;
  return (
    name === 'ResourceNotFoundException' ||
    name === 'NotFoundException' ||
    name === 'NoSuchEntity' ||
    name === 'NoSuchEntityException' ||
    name.endsWith('.NotFound')
  );
}

export function isAccessDenied(error: unknown): boolean {
  const name = errorName(error);
  return (
    name === 'AccessDenied' ||
    name === 'AccessDeniedException' ||
    name === 'UnauthorizedOperation' ||
    name === 'UnauthorizedException' ||
    name === 'AuthFailure'
  );
}

/** The credential chain found nothing usable (no keys, expired SSO session, bad profile). */
export function isCredentialsError(error: unknown): boolean {
  const name = errorName(error);
  return (
    name === 'CredentialsProviderError' ||
    name === 'TokenProviderError' ||
    name === 'ExpiredToken' ||
    name === 'ExpiredTokenException' ||
    name === 'InvalidClientTokenId' ||
    name === 'UnrecognizedClientException' ||
    name === 'SignatureDoesNotMatch'
  );
}

/**
 * The endpoint answered, but not as AWS: the body did not deserialize. The SDK then throws the
 * parser's error (`SyntaxError` for JSON, a plain `Error` for XML) with `$metadata` but no
 * `$fault`, or, when the body happens to parse, an error named `Unknown`. moto answers an
 * unimplemented operation with an HTML 404 and its own crashes with an
 * HTML 500 (shared/TESTBED.md §1.4); a corporate proxy's error page looks the same.
 */
export function isNonAwsResponse(error: unknown): boolean {
  const e = shape(error);
  if (e === undefined || httpStatus(error) === undefined) return false;
  // A body that parsed (well-formed HTML is XML enough for the EC2 parser) but carried no error
  // code: the SDK names the error `Unknown` (`UnknownError` in some protocols).
  if (e.name === 'Unknown' || e.name === 'UnknownError') return true;
  return e.$fault === undefined && (e.name === 'SyntaxError' || e.name === 'Error');
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** No HTTP answer at all: DNS, refused or reset connections, timeouts. */
export function isNetworkError(error: unknown): boolean {
  const e = shape(error);
  if (e === undefined || httpStatus(error) !== undefined) return false;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  return e.name === 'TimeoutError' || e.name === 'RequestTimeout';
}

export function isAbort(error: unknown): boolean {
  return errorName(error) === 'AbortError';
}

/**
 * A failure that may well not happen again: throttling, a 5xx answer (AWS's InternalFailure,
 * ServiceUnavailable, a proxy's 502/504), or no answer at all (a reset connection, a timeout). The
 * SDK retries exactly these; deploy code asks once the SDK has given up, to keep a long wait
 * going or to find out whether a call whose answer was lost took effect. Never an abort.
 */
export function isTransient(error: unknown): boolean {
  if (isAbort(error)) return false;
  if (isThrottling(error) || isNetworkError(error)) return true;
  const status = httpStatus(error);
  return status !== undefined && status >= 500;
}

function messageOf(error: unknown): string {
  const message = shape(error)?.message;
  return typeof message === 'string' ? (message.split('\n')[0] ?? '') : String(error);
}

/**
 * An AwsCallError for a failed call of `action` (IAM style, `ec2:DescribeVpcs`), or AbortedError
 * when the call was cancelled. The message says what kind of failure it was; the hint what to do.
 */
export function toAwsCallError(action: string, error: unknown): AwsCallError | AbortedError {
  if (isAbort(error)) return new AbortedError(undefined, { cause: error });
  const id = requestId(error);
  const status = httpStatus(error);
  const base = { cause: error, ...(id === undefined ? {} : { requestId: id }) };
  if (isNonAwsResponse(error)) {
    const what =
      status === 404
        ? 'the endpoint does not implement this operation'
        : status !== undefined && status >= 500
          ? 'the endpoint failed internally'
          : 'the endpoint is not speaking the AWS protocol';
    return new AwsCallError(
      `${action} failed: HTTP ${String(status)} with a body that is not an AWS response (${what})`,
      action,
      {
        ...base,
        hint: 'check AWS_ENDPOINT_URL (an emulator such as moto answers unimplemented operations this way) and any proxy in between',
      },
    );
  }
  const name = errorName(error) ?? 'Error';
  const text = `${action} failed: ${name}: ${messageOf(error)}`;
  if (isCredentialsError(error)) {
    return new AwsCallError(text, action, {
      ...base,
      hint: 'configure AWS credentials: environment variables, --profile, `aws sso login`, or an instance role',
    });
  }
  if (isAccessDenied(error)) {
    return new AwsCallError(text, action, { ...base, hint: `the caller needs the IAM permission ${action}` });
  }
  if (isThrottling(error)) {
    return new AwsCallError(text, action, {
      ...base,
      hint: 'AWS is throttling this account; wait and re-run, or raise AWS_MAX_ATTEMPTS',
    });
  }
  if (isNetworkError(error)) {
    return new AwsCallError(text, action, {
      ...base,
      hint: 'the AWS endpoint could not be reached: check the network, HTTPS_PROXY/HTTP_PROXY and NO_PROXY (`private-eks doctor` shows the route of each AWS host)',
    });
  }
  return new AwsCallError(text, action, base);
}

/** Runs one SDK call and converts a failure with `toAwsCallError`. */
export async function callAws<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAwsCallError(action, error);
  }
}
