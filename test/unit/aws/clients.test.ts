import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_RETRY,
  assertSdkSeesSameEnvironment,
  createAwsClients,
  resolveRegion,
  retrySettings,
  type BuiltAwsClients,
} from '../../../src/aws/clients.js';
import { PrivateEksError, UsageError } from '../../../src/errors.js';
import { repoRoot } from '../../helpers/python-tools.js';

describe('resolveRegion', () => {
  it('takes --region, then the file, then AWS_REGION', () => {
    expect(resolveRegion({ flag: 'eu-west-1', config: undefined, env: { AWS_REGION: 'us-east-1' } })).toBe('eu-west-1');
    expect(resolveRegion({ config: 'ap-south-1', env: { AWS_REGION: 'us-east-1' } })).toBe('ap-south-1');
    expect(resolveRegion({ env: { AWS_REGION: 'us-east-1' } })).toBe('us-east-1');
    expect(resolveRegion({ flag: 'eu-west-1', config: 'eu-west-1', env: {} })).toBe('eu-west-1');
  });

  it('then AWS_DEFAULT_REGION, or the default the caller read from the profile', () => {
    expect(resolveRegion({ env: { AWS_DEFAULT_REGION: 'eu-north-1' } })).toBe('eu-north-1');
    expect(resolveRegion({ env: { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'eu-north-1' } })).toBe('us-east-1');
    expect(resolveRegion({ env: {}, fallback: { region: 'ap-south-2' } })).toBe('ap-south-2');
    expect(resolveRegion({ config: 'us-west-2', env: {}, fallback: { region: 'ap-south-2' } })).toBe('us-west-2');
  });

  it('names all three sources when there is none', () => {
    expect(() => resolveRegion({ flag: ' ', env: { AWS_REGION: '' } })).toThrow(UsageError);
    expect(() => resolveRegion({ env: {} })).toThrow(
      'no AWS region: pass --region, set metadata.region in the config file, set AWS_REGION (or AWS_DEFAULT_REGION), or give the profile a region',
    );
  });

  it('refuses a flag that contradicts the file', () => {
    expect(() => resolveRegion({ flag: 'eu-west-1', config: 'us-west-2', env: {} })).toThrow(
      '--region eu-west-1 contradicts metadata.region us-west-2 in the config file',
    );
  });
});

describe('retrySettings', () => {
  it('defaults per service: adaptive with more attempts for CloudFormation polling', () => {
    expect(retrySettings('cloudFormation', { env: {} })).toEqual({ maxAttempts: 10, retryMode: 'adaptive' });
    expect(retrySettings('sts', { env: {} })).toEqual({ maxAttempts: 3, retryMode: 'standard' });
    expect(DEFAULT_RETRY.ec2).toEqual({ maxAttempts: 5, retryMode: 'standard' });
  });

  it('AWS_MAX_ATTEMPTS and AWS_RETRY_MODE apply to every service; options beat both', () => {
    const env = { AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'legacy' };
    expect(retrySettings('cloudFormation', { env })).toEqual({ maxAttempts: 1, retryMode: 'standard' });
    expect(retrySettings('eks', { env, maxAttempts: 7, retryMode: 'adaptive' })).toEqual({
      maxAttempts: 7,
      retryMode: 'adaptive',
    });
  });

  it('rejects values the SDK would reject', () => {
    expect(() => retrySettings('ec2', { env: { AWS_MAX_ATTEMPTS: 'three' } })).toThrow(
      'AWS_MAX_ATTEMPTS must be a whole number of at least 1, got "three"',
    );
    expect(() => retrySettings('ec2', { env: { AWS_MAX_ATTEMPTS: '0' } })).toThrow(UsageError);
    expect(() => retrySettings('ec2', { env: { AWS_RETRY_MODE: 'fast' } })).toThrow(
      'AWS_RETRY_MODE must be standard or adaptive',
    );
  });
});

describe('assertSdkSeesSameEnvironment', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('accepts process.env itself and a copy that agrees', () => {
    expect(() => assertSdkSeesSameEnvironment(process.env)).not.toThrow();
    expect(() =>
      assertSdkSeesSameEnvironment({ ...process.env, HTTPS_PROXY: 'http://p:1', AWS_REGION: 'eu-west-1' }),
    ).not.toThrow();
  });

  it('refuses an env whose endpoint or credentials the SDK would not see', () => {
    vi.stubEnv('AWS_ENDPOINT_URL', '');
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    const env = { ...process.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_ACCESS_KEY_ID: 'testing' };
    const error = (() => {
      try {
        assertSdkSeesSameEnvironment(env);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(PrivateEksError.isPrivateEksError(error)).toBe(true);
    expect((error as PrivateEksError).code).toBe('PE_ENV_MISMATCH');
    expect((error as Error).message).toContain('AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:5000');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
    expect(() => assertSdkSeesSameEnvironment(env)).not.toThrow();
  });
});

describe('createAwsClients', () => {
  let clients: BuiltAwsClients | undefined;
  afterEach(() => {
    clients?.destroy();
    clients = undefined;
    vi.unstubAllEnvs();
  });

  it('builds the six clients with the region, profile and per-service retry settings', async () => {
    clients = await createAwsClients({ region: 'eu-central-1', profile: 'ops', env: {} });
    expect(clients.region).toBe('eu-central-1');
    for (const client of [clients.cloudFormation, clients.ec2, clients.eks, clients.elbv2, clients.iam, clients.sts]) {
      expect(await client.config.region()).toBe('eu-central-1');
      expect(client.config.profile).toBe('ops');
    }
    expect(await clients.cloudFormation.config.maxAttempts()).toBe(10);
    // The SDK built the strategy the mode asks for (what actually retries).
    const modeOf = async (client: { config: { retryStrategy: () => Promise<unknown> } }) =>
      ((await client.config.retryStrategy()) as { mode?: string }).mode;
    expect(await modeOf(clients.cloudFormation)).toBe('adaptive');
    expect(await modeOf(clients.ec2)).toBe('standard');
    expect(await clients.sts.config.maxAttempts()).toBe(3);
    expect(clients.retry.ec2).toEqual({ maxAttempts: 5, retryMode: 'standard' });
    expect(await clients.elbv2.config.maxAttempts()).toBe(5);
  });

  it('shares one request handler between all clients', async () => {
    clients = await createAwsClients({ region: 'us-west-2', env: { HTTPS_PROXY: 'http://127.0.0.1:9' } });
    const handlers = new Set(
      [clients.cloudFormation, clients.ec2, clients.eks, clients.elbv2, clients.iam, clients.sts].map(
        (c) => c.config.requestHandler,
      ),
    );
    expect(handlers.size).toBe(1);
  });

  it('uses a caller-supplied handler as is', async () => {
    const { NodeHttpHandler } = await import('@smithy/node-http-handler');
    const handler = new NodeHttpHandler();
    clients = await createAwsClients({ region: 'us-west-2', env: {}, httpHandler: handler, maxAttempts: 2 });
    expect(clients.eks.config.requestHandler).toBe(handler);
    expect(await clients.eks.config.maxAttempts()).toBe(2);
    handler.destroy();
  });

  it('counts ELBv2 calls under its IAM prefix, through the shared handler', async () => {
    // What the SDK reads itself: dummy keys, no shared config or endpoint override, no instance metadata.
    for (const [key, value] of Object.entries({
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PROFILE: undefined,
      AWS_ENDPOINT_URL: undefined,
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: undefined,
      AWS_CONFIG_FILE: '/nonexistent/private-eks-test/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/private-eks-test/credentials',
    }))
      vi.stubEnv(key, value);
    const { Readable } = await import('node:stream');
    const seen: string[] = [];
    // DescribeLoadBalancers' answer in the query protocol's XML (ELBv2 API reference), one empty page.
    const body =
      '<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">' +
      '<DescribeLoadBalancersResult><LoadBalancers/></DescribeLoadBalancersResult>' +
      '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>';
    const handler = {
      handle: (request: { hostname: string; body?: unknown }) => {
        seen.push(`${request.hostname} ${String(request.body)}`);
        return Promise.resolve({
          // An HttpResponse by shape (@smithy/protocol-http is not a direct dependency).
          response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([body]) },
        });
      },
    };
    clients = await createAwsClients({ region: 'us-west-2', env: process.env, httpHandler: handler as never });
    const { DescribeLoadBalancersCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    const out = await clients.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(out.LoadBalancers).toEqual([]);
    expect(seen).toEqual([
      expect.stringMatching(/^elasticloadbalancing\.us-west-2\.amazonaws\.com Action=DescribeLoadBalancers&/),
    ]);
    expect(clients.calls.snapshot().byAction).toEqual({ 'elasticloadbalancing:DescribeLoadBalancers': 1 });
  });

  it('starts with an empty call counter', async () => {
    clients = await createAwsClients({ region: 'us-west-2', env: {} });
    expect(clients.calls.snapshot()).toEqual({ calls: 0, httpRequests: 0, byAction: {}, failed: 0 });
  });
});

describe('loading', () => {
  // NODE_DEBUG=esm makes Node log every ES module it stores; count the SDK's.
  const sdkModulesLoaded = async (code: string): Promise<number> => {
    const { stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', code],
      {
        cwd: repoRoot,
        env: { ...process.env, NODE_DEBUG: 'esm', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return stderr.split('\n').filter((line) => line.includes('Storing') && /@aws-sdk|@smithy|proxy-agent/.test(line))
      .length;
  };

  it('importing src/aws loads no SDK, @smithy or proxy-agent code; createAwsClients does', async () => {
    expect(await sdkModulesLoaded("await import('./src/aws/index.ts');")).toBe(0);
    expect(
      await sdkModulesLoaded(
        "const m = await import('./src/aws/index.ts'); const c = await m.createAwsClients({ region: 'us-west-2', env: process.env }); c.destroy();",
      ),
    ).toBeGreaterThan(0);
  });
});
