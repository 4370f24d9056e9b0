import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { seededRandom, serviceOf, startFaultProxy, type FaultKind } from '../../helpers/fault-proxy.js';

// The proxy is a test utility; these tests check that real SDK v3 clients read its faults as
// AWS's own: the right error names, and retried by the SDK's standard retry strategy.

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const GET_CALLER_IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<Arn>arn:aws:iam::123456789012:user/test</Arn><UserId>AIDA</UserId><Account>123456789012</Account>' +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

let upstream: http.Server;
let upstreamUrl: string;
let upstreamRequests = 0;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      upstreamRequests += 1;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(GET_CALLER_IDENTITY);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

async function withProxy<T>(kinds: FaultKind[], rate: number, fn: (endpoint: string) => Promise<T>): Promise<T> {
  const proxy = await startFaultProxy({ upstream: upstreamUrl, rate, kinds, slowMs: 50 });
  try {
    return await fn(proxy.endpoint);
  } finally {
    await proxy.close();
  }
}

function clientConfig(endpoint: string, maxAttempts = 1) {
  return { endpoint, region: 'us-west-2', credentials, maxAttempts };
}

async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('fault proxy', () => {
  it('throttles each protocol with the error name AWS uses', async () => {
    await withProxy(['throttle'], 1, async (endpoint) => {
      const cfn = await errorOf(new CloudFormationClient(clientConfig(endpoint)).send(new DescribeStacksCommand({})));
      expect(cfn.name).toBe('Throttling');
      expect(cfn.$metadata?.httpStatusCode).toBe(400);
      const ec2 = await errorOf(new EC2Client(clientConfig(endpoint)).send(new DescribeVpcsCommand({})));
      expect(ec2.name).toBe('RequestLimitExceeded');
      expect(ec2.$metadata?.httpStatusCode).toBe(503);
      const eks = await errorOf(new EKSClient(clientConfig(endpoint)).send(new ListClustersCommand({})));
      expect(eks.name).toBe('ThrottlingException');
      expect(eks.$metadata?.httpStatusCode).toBe(429);
      // Elastic Load Balancing v2 speaks awsQuery too (an awsJson body is unreadable to its client).
      const elb = await errorOf(
        new ElasticLoadBalancingV2Client(clientConfig(endpoint)).send(new DescribeLoadBalancersCommand({})),
      );
      expect(elb.name).toBe('Throttling');
      expect(elb.$metadata?.httpStatusCode).toBe(400);
    });
  });

  it('answers 500 and 503 as internal errors', async () => {
    await withProxy(['server-error'], 1, async (endpoint) => {
      const err = await errorOf(new STSClient(clientConfig(endpoint)).send(new GetCallerIdentityCommand({})));
      expect(err.name).toBe('InternalFailure');
      expect(err.$metadata?.httpStatusCode).toBe(500);
    });
    await withProxy(['unavailable'], 1, async (endpoint) => {
      const err = await errorOf(new EC2Client(clientConfig(endpoint)).send(new DescribeVpcsCommand({})));
      expect(err.name).toBe('ServiceUnavailable');
      expect(err.$metadata?.httpStatusCode).toBe(503);
    });
  });

  it('is retried by the SDK: every attempt of a throttled call reaches the proxy', async () => {
    const proxy = await startFaultProxy({ upstream: upstreamUrl, rate: 1, kinds: ['throttle'] });
    try {
      await errorOf(new STSClient(clientConfig(proxy.endpoint, 3)).send(new GetCallerIdentityCommand({})));
      expect(proxy.records.map((r) => r.operation)).toEqual([
        'GetCallerIdentity',
        'GetCallerIdentity',
        'GetCallerIdentity',
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('resets connections before and after the upstream saw the request', async () => {
    const before = upstreamRequests;
    await withProxy(['reset-before'], 1, async (endpoint) => {
      const err = await errorOf(new STSClient(clientConfig(endpoint)).send(new GetCallerIdentityCommand({})));
      expect((err as NodeJS.ErrnoException).code ?? err.name).toMatch(/ECONNRESET|socket hang up|TimeoutError/);
    });
    expect(upstreamRequests).toBe(before);
    await withProxy(['reset-after'], 1, async (endpoint) => {
      await errorOf(new STSClient(clientConfig(endpoint)).send(new GetCallerIdentityCommand({})));
    });
    expect(upstreamRequests).toBe(before + 1);
  });

  it('passes requests through when no fault is drawn, and slow ones after a delay', async () => {
    await withProxy(['slow'], 0, async (endpoint) => {
      const out = await new STSClient(clientConfig(endpoint)).send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe('123456789012');
    });
    await withProxy(['slow'], 1, async (endpoint) => {
      const out = await new STSClient(clientConfig(endpoint)).send(new GetCallerIdentityCommand({}));
      expect(out.Arn).toBe('arn:aws:iam::123456789012:user/test');
    });
  });

  it('faults only the operations it is aimed at', async () => {
    const proxy = await startFaultProxy({
      upstream: upstreamUrl,
      rate: 1,
      kinds: ['throttle'],
      operations: ['GetCallerIdentity'],
    });
    try {
      const sts = await errorOf(new STSClient(clientConfig(proxy.endpoint)).send(new GetCallerIdentityCommand({})));
      expect(sts.name).toBe('Throttling');
      // Any other operation goes through untouched (the test upstream answers every request alike).
      await new CloudFormationClient(clientConfig(proxy.endpoint)).send(new DescribeStacksCommand({}));
      expect(proxy.records.map((r) => [r.operation, r.fault])).toEqual([
        ['GetCallerIdentity', 'throttle'],
        ['DescribeStacks', null],
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('stops after maxFaults: only the first attempt of a call fails and the SDK retry gets through', async () => {
    const proxy = await startFaultProxy({ upstream: upstreamUrl, rate: 1, kinds: ['throttle'], maxFaults: 1 });
    try {
      const out = await new STSClient(clientConfig(proxy.endpoint, 2)).send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe('123456789012');
      expect(proxy.records.map((r) => r.fault)).toEqual(['throttle', null]);
    } finally {
      await proxy.close();
    }
  });

  it('draws the same faults for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(first);
    expect(Array.from({ length: 20 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('reads the service from the SigV4 credential scope', () => {
    expect(serviceOf('AWS4-HMAC-SHA256 Credential=AKID/20261125/us-west-2/cloudformation/aws4_request, x')).toBe(
      'cloudformation',
    );
    expect(serviceOf(undefined)).toBe('unknown');
  });
});
