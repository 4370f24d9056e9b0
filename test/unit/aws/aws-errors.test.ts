import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient, ListAddonsCommand, ResourceNotFoundException, ResourceInUseException } from '@aws-sdk/client-eks';
import { NoSuchEntityException } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callAws,
  errorName,
  httpStatus,
  isAccessDenied,
  isCredentialsError,
  isNetworkError,
  isNonAwsResponse,
  isNotFound,
  isThrottling,
  isTransient,
  requestId,
  toAwsCallError,
} from '../../../src/aws/aws-errors.js';
import { AbortedError, AwsCallError } from '../../../src/errors.js';

// Modeled errors are built with the SDK's own exception classes (the shapes the SDK throws);
// the HTML-body errors come from a real client talking to a loopback server that answers like
// moto does for an unimplemented operation (HTML 404) or an internal error (HTML 500) —
// shared/TESTBED.md §1.4.
const metadata = { httpStatusCode: 404, requestId: 'req-123', attempts: 1, totalRetryDelay: 0 };
const notFound = new ResourceNotFoundException({ message: 'No cluster found for name: x.', $metadata: metadata });
const inUse = new ResourceInUseException({
  message: 'Cluster has nodegroups attached',
  $metadata: { httpStatusCode: 409 },
});
const noSuchEntity = new NoSuchEntityException({ message: 'role not found', $metadata: { httpStatusCode: 404 } });
// An unmodeled awsQuery error as the SDK builds it: the service's base exception with the code as name.
const throttling = new CloudFormationServiceException({
  name: 'Throttling',
  $fault: 'client',
  message: 'Rate exceeded',
  $metadata: { httpStatusCode: 400, requestId: 'cfn-req' },
});
const ec2NotFound = Object.assign(new Error('VpcID {vpc-1} does not exist.'), {
  name: 'InvalidVpcID.NotFound',
  $fault: 'client',
  $metadata: { httpStatusCode: 400, requestId: 'ec2-req' },
});
const accessDenied = Object.assign(new Error('not authorized'), {
  name: 'UnauthorizedOperation',
  $fault: 'client',
  $metadata: { httpStatusCode: 403 },
});
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
  code: 'ECONNREFUSED',
  $metadata: { attempts: 1 },
});
const credentials = Object.assign(new Error('Could not load credentials from any providers'), {
  name: 'CredentialsProviderError',
});

let server: http.Server;
let endpoint: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // /clusters…: EKS ListAddons → moto's unimplemented-operation 404 page (Flask, well-formed).
      // x-test-body: malformed → Werkzeug's 500 page, whose unclosed tags the EC2 XML parser rejects.
      // anything else: a well-formed HTML 500 (a proxy's error page), which the XML parser reads.
      const eks = req.url?.startsWith('/clusters') === true;
      const malformed = req.headers['x-test-body'] === 'malformed';
      res.writeHead(eks ? 404 : 500, { 'content-type': 'text/html' });
      res.end(
        eks
          ? '<!doctype html><html lang=en><title>404 Not Found</title><h1>Not Found</h1></html>'
          : malformed
            ? '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n'
            : '<html><head><title>500</title></head><body>proxy error</body></html>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const clientOptions = () => ({
  region: 'us-west-2',
  endpoint,
  maxAttempts: 1,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

async function realHtmlError(kind: 404 | 500 | 'malformed-500'): Promise<unknown> {
  if (kind === 404) {
    const eks = new EKSClient(clientOptions());
    return eks.send(new ListAddonsCommand({ clusterName: 'x' })).catch((e: unknown) => e);
  }
  const ec2 = new EC2Client(clientOptions());
  if (kind === 'malformed-500') {
    ec2.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-test-body'] = 'malformed';
        return next(args);
      },
      { step: 'build', name: 'testBodyKind' },
    );
  }
  return ec2.send(new DescribeVpcsCommand({})).catch((e: unknown) => e);
}

describe('classifying SDK errors by name', () => {
  it('reads name, status and request id', () => {
    expect(errorName(notFound)).toBe('ResourceNotFoundException');
    expect(httpStatus(notFound)).toBe(404);
    expect(requestId(notFound)).toBe('req-123');
    expect(errorName('a string')).toBeUndefined();
    expect(requestId(new Error('x'))).toBeUndefined();
  });

  it('not found: EKS, IAM and the EC2 .NotFound family, never a CloudFormation ValidationError', () => {
    expect(isNotFound(notFound)).toBe(true);
    expect(isNotFound(noSuchEntity)).toBe(true);
    expect(isNotFound(ec2NotFound)).toBe(true);
    expect(isNotFound(inUse)).toBe(false);
    const stackMissing = new CloudFormationServiceException({
      name: 'ValidationError',
      $fault: 'client',
      message: 'Stack with id x does not exist',
      $metadata: {},
    });
    expect(isNotFound(stackMissing)).toBe(false);
  });

  it('throttling by name or HTTP 429', () => {
    expect(isThrottling(throttling)).toBe(true);
    expect(isThrottling({ name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isThrottling({ name: 'Whatever', $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottling(notFound)).toBe(false);
  });

  it('access, credentials and network failures', () => {
    expect(isAccessDenied(accessDenied)).toBe(true);
    expect(isCredentialsError(credentials)).toBe(true);
    expect(isNetworkError(refused)).toBe(true);
    expect(isNetworkError(notFound)).toBe(false);
  });

  it('transient: throttling, 5xx and no answer at all, as the SDK itself would retry them', () => {
    const reset = Object.assign(new Error('socket hang up'), {
      name: 'TimeoutError',
      code: 'ECONNRESET',
      $metadata: { attempts: 5 },
    });
    const internal = Object.assign(new Error('We encountered an internal error. Please try again.'), {
      name: 'InternalFailure',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
    const unavailable = Object.assign(new Error('Service is unable to handle request.'), {
      name: 'ServiceUnavailable',
      $fault: 'server',
      $metadata: { httpStatusCode: 503 },
    });
    for (const error of [throttling, reset, refused, internal, unavailable]) expect(isTransient(error)).toBe(true);
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    for (const error of [notFound, inUse, ec2NotFound, accessDenied, credentials, abort]) {
      expect(isTransient(error)).toBe(false);
    }
  });

  it('recognises the HTML 404 of an unimplemented operation from a real client', async () => {
    const error = await realHtmlError(404);
    expect(errorName(error)).toBe('SyntaxError');
    expect(httpStatus(error)).toBe(404);
    expect(isNonAwsResponse(error)).toBe(true);
    expect(isNotFound(error)).toBe(false);
    const wrapped = toAwsCallError('eks:ListAddons', error);
    expect(wrapped).toBeInstanceOf(AwsCallError);
    expect(wrapped.message).toBe(
      'eks:ListAddons failed: HTTP 404 with a body that is not an AWS response (the endpoint does not implement this operation)',
    );
    expect(wrapped.hint).toContain('AWS_ENDPOINT_URL');
  });

  it.each([['malformed-500', 'Error'] as const, [500, 'Unknown'] as const])(
    'recognises an HTML %s from a real client (the SDK names it %s)',
    async (kind, name) => {
      const error = await realHtmlError(kind);
      expect(errorName(error)).toBe(name);
      expect(httpStatus(error)).toBe(500);
      expect(isNonAwsResponse(error)).toBe(true);
      expect(toAwsCallError('ec2:DescribeVpcs', error).message).toContain(
        'HTTP 500 with a body that is not an AWS response (the endpoint failed internally)',
      );
    },
  );

  it('modeled errors are not mistaken for non-AWS responses', () => {
    expect(isNonAwsResponse(notFound)).toBe(false);
    expect(isNonAwsResponse(throttling)).toBe(false);
  });
});

describe('toAwsCallError', () => {
  it('names the action, the error and the request id', () => {
    const error = toAwsCallError('eks:DescribeCluster', notFound) as AwsCallError;
    expect(error.message).toBe('eks:DescribeCluster failed: ResourceNotFoundException: No cluster found for name: x.');
    expect(error.operation).toBe('eks:DescribeCluster');
    expect(error.requestId).toBe('req-123');
    expect(error.cause).toBe(notFound);
  });

  it('gives a hint per kind of failure', () => {
    expect(toAwsCallError('ec2:DescribeVpcs', accessDenied).hint).toBe(
      'the caller needs the IAM permission ec2:DescribeVpcs',
    );
    expect(toAwsCallError('sts:GetCallerIdentity', credentials).hint).toMatch(/configure AWS credentials/);
    expect(toAwsCallError('cloudformation:DescribeStacks', throttling).hint).toMatch(/AWS_MAX_ATTEMPTS/);
    expect(toAwsCallError('sts:GetCallerIdentity', refused).hint).toMatch(/HTTPS_PROXY/);
  });

  it('an aborted call is an interruption, not an AWS failure', () => {
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(toAwsCallError('eks:DescribeCluster', abort)).toBeInstanceOf(AbortedError);
  });

  it('callAws passes results through and converts failures', async () => {
    await expect(callAws('sts:GetCallerIdentity', () => Promise.resolve(42))).resolves.toBe(42);
    await expect(callAws('eks:DescribeCluster', () => Promise.reject(notFound))).rejects.toBeInstanceOf(AwsCallError);
  });
});
