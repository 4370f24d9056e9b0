/**
 * AWS calls through a real proxy: the moto emulator behind Debian's tinyproxy, both on loopback.
 * Clients come from createAwsClients; the proxy variables are passed in `env` (the SDK reads
 * none); the variables the SDK reads itself (AWS_ENDPOINT_URL, the dummy keys, the empty config
 * files) are put in process.env with vi.stubEnv, as createAwsClients requires.
 */
import http from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateVpcCommand, DescribeAvailabilityZonesCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isThrottling } from '../../src/aws/aws-errors.js';
import { createAwsClients, type BuiltAwsClients } from '../../src/aws/clients.js';
import { fetchOidcThumbprint, TlsInterceptionError } from '../../src/aws/tls-thumbprint.js';
import { loadConfig } from '../../src/config/index.js';
import { buildPlan, createLiveFacts } from '../../src/plan/index.js';
import { runCliCaptured } from '../helpers/cli.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import { repoRoot } from '../helpers/python-tools.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { startTinyproxy, type TinyProxy } from '../helpers/tinyproxy.js';
import { createTestPki, opensslSha1Fingerprint, startTlsServer } from '../helpers/tls-server.js';

let moto: MotoServer;
let proxy: TinyProxy;
let clients: BuiltAwsClients | undefined;

beforeAll(async () => {
  [moto, proxy] = await Promise.all([startMoto(), startTinyproxy()]);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), proxy?.stop()]);
});
beforeEach(async () => {
  await moto.reset();
  // What the SDK reads from process.env: the emulator's endpoint, dummy keys, empty config files.
  for (const [key, value] of Object.entries(moto.env)) if (key.startsWith('AWS_')) vi.stubEnv(key, value);
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'])
    vi.stubEnv(key, '');
  // This file's own mix of calls (someCalls: CreateVpc, ListRoles…) is not what private-eks calls:
  // keep it out of the IAM policy check's log (test/helpers/aws-call-log.ts).
  vi.stubEnv('PRIVATE_EKS_AWS_CALL_LOG', '');
});
afterEach(() => {
  clients?.destroy();
  clients = undefined;
  vi.unstubAllEnvs();
});

const region = 'us-west-2';
const motoHostPort = () => new URL(moto.endpoint).host;

/** The environment a user would have: the emulator's settings plus proxy variables. */
function envWith(proxyVariables: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'ALL_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'all_proxy',
    'no_proxy',
  ]) {
    delete env[key];
  }
  return { ...env, ...proxyVariables };
}

/** A fixed mix of calls over all five services (one GET for EKS, POSTs for the query protocols). */
async function someCalls(c: BuiltAwsClients): Promise<void> {
  await c.sts.send(new GetCallerIdentityCommand({}));
  await c.ec2.send(new DescribeAvailabilityZonesCommand({}));
  const vpc = await c.ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
  await c.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.Vpc?.VpcId ?? 'missing'] }));
  await c.eks.send(new ListClustersCommand({}));
  await c.cloudFormation.send(new ListStacksCommand({}));
  await c.iam.send(new ListRolesCommand({}));
}

/** Requests tinyproxy logged for the emulator since `before` entries. */
function proxiedToMoto(before: number): string[] {
  return proxy
    .requests()
    .slice(before)
    .filter((r) => r.includes(`//${motoHostPort()}/`));
}

describe('AWS calls through tinyproxy', () => {
  it('go through HTTP_PROXY (moto is http://): the proxy logs every request private-eks made', async () => {
    const before = proxy.requests().length;
    clients = await createAwsClients({ region, env: envWith({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }) });
    await someCalls(clients);
    const made = clients.calls.snapshot();
    const logged = proxiedToMoto(before);
    console.info(
      `[proxy figures] AWS requests made by private-eks: ${made.httpRequests} (calls ${made.calls}); logged by tinyproxy: ${logged.length}`,
    );
    expect(made.calls).toBe(7);
    expect(made.httpRequests).toBe(7);
    expect(logged).toHaveLength(made.httpRequests);
    expect(logged.filter((r) => r.startsWith('GET '))).toEqual([`GET http://${motoHostPort()}/clusters`]);
    expect(made.byAction).toEqual({
      'cloudformation:ListStacks': 1,
      'ec2:CreateVpc': 1,
      'ec2:DescribeAvailabilityZones': 1,
      'ec2:DescribeVpcs': 1,
      'eks:ListClusters': 1,
      'iam:ListRoles': 1,
      'sts:GetCallerIdentity': 1,
    });
  });

  it.each([
    ['the emulator host', () => '127.0.0.1'],
    ['host:port', () => motoHostPort()],
    ['the wildcard', () => '*'],
    ['a CIDR block', () => '127.0.0.0/8'],
  ])('go direct when NO_PROXY has %s', async (_what, noProxy) => {
    const before = proxy.requests().length;
    clients = await createAwsClients({
      region,
      env: envWith({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: noProxy() }),
    });
    await someCalls(clients);
    expect(clients.calls.snapshot().httpRequests).toBe(7);
    expect(proxiedToMoto(before)).toEqual([]);
  });

  it('go through the proxy when NO_PROXY names another port or only localhost', async () => {
    for (const noProxy of ['127.0.0.1:1', 'localhost']) {
      const before = proxy.requests().length;
      clients = await createAwsClients({ region, env: envWith({ http_proxy: proxy.url, no_proxy: noProxy }) });
      await someCalls(clients);
      expect(proxiedToMoto(before)).toHaveLength(7);
      clients.destroy();
    }
  });

  it('go direct to an http:// endpoint when only HTTPS_PROXY is set', async () => {
    const before = proxy.requests().length;
    clients = await createAwsClients({ region, env: envWith({ HTTPS_PROXY: proxy.url }) });
    await someCalls(clients);
    expect(proxiedToMoto(before)).toEqual([]);
  });

  it("credential providers' inner STS client uses the same proxy (assume-role profile)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'private-eks-profile-'));
    writeFileSync(
      path.join(dir, 'config'),
      '[profile deployer]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = base\n',
    );
    writeFileSync(
      path.join(dir, 'credentials'),
      '[base]\naws_access_key_id = AKIAEXAMPLEBASE\naws_secret_access_key = base-secret\n',
    );
    vi.stubEnv('AWS_CONFIG_FILE', path.join(dir, 'config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(dir, 'credentials'));
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    const before = proxy.requests().length;
    clients = await createAwsClients({ region, profile: 'deployer', env: envWith({ HTTP_PROXY: proxy.url }) });
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    // moto answers with the assumed role: the credentials came from AssumeRole, not the base keys.
    expect(identity.Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/deployer\//);
    expect(clients.calls.snapshot().httpRequests).toBe(1);
    // One more request than private-eks's own: sts:AssumeRole, made by the credential provider.
    expect(proxiedToMoto(before)).toHaveLength(2);
  });
});

describe('a real plan through the proxy', () => {
  it('plan (library and CLI) sends every AWS request through HTTP_PROXY, none with NO_PROXY', async () => {
    const text = readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8');
    const loaded = loadConfig({ text, file: 'examples/minimal.yaml', env: {} });
    expect(loaded.config).toBeDefined();
    const proxied = envWith({ HTTP_PROXY: proxy.url });

    // The library: private-eks's own count of the requests the plan makes.
    let before = proxy.requests().length;
    clients = await createAwsClients({ region, env: proxied });
    const result = await buildPlan(loaded.config!, createLiveFacts(clients));
    expect(result.plan?.endpoints.map((e) => e.service)).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts']);
    const made = clients.calls.snapshot();
    expect(proxiedToMoto(before)).toHaveLength(made.httpRequests);

    // The CLI, as a user runs it: the same requests, all in the proxy's log.
    before = proxy.requests().length;
    const run = await runCliCaptured(['plan', '-f', 'examples/minimal.yaml', '-o', 'json'], {
      env: proxied,
      cwd: repoRoot,
    });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { offline: boolean }).offline).toBe(false);
    const loggedCli = proxiedToMoto(before);
    console.info(
      `[proxy figures] plan -f examples/minimal.yaml: private-eks made ${made.httpRequests} AWS requests ` +
        `(${Object.entries(made.byAction)
          .map(([a, n]) => `${a} ×${n}`)
          .join(', ')}); tinyproxy logged ${loggedCli.length} for the CLI run`,
    );
    // The CLI's plan also looks for an existing cluster of that name (to show the diff): one request
    // more than the library's buildPlan, through the proxy too.
    expect(loggedCli).toHaveLength(made.httpRequests + 1);

    before = proxy.requests().length;
    const direct = await runCliCaptured(['plan', '-f', 'examples/minimal.yaml', '-o', 'json'], {
      env: { ...proxied, NO_PROXY: '127.0.0.1' },
      cwd: repoRoot,
    });
    expect(direct.code).toBe(0);
    expect(proxiedToMoto(before)).toEqual([]);
  });
});

describe('AWS_ENDPOINT_URL is read by the SDK itself', () => {
  it('AWS_ENDPOINT_URL_EKS sends EKS elsewhere while the rest goes to AWS_ENDPOINT_URL', async () => {
    const seen: string[] = [];
    const eksStandIn = http.createServer((req, res) => {
      seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clusters: ['from-the-stand-in'] }));
    });
    await new Promise<void>((resolve) => eksStandIn.listen(0, '127.0.0.1', resolve));
    try {
      vi.stubEnv('AWS_ENDPOINT_URL_EKS', `http://127.0.0.1:${(eksStandIn.address() as AddressInfo).port}`);
      clients = await createAwsClients({ region, env: envWith({}) });
      const listed = await clients.eks.send(new ListClustersCommand({}));
      expect(listed.clusters).toEqual(['from-the-stand-in']);
      expect(seen).toEqual(['GET /clusters']);
      const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe('123456789012');
    } finally {
      eksStandIn.close();
    }
  });
});

describe('retries and the call counter', () => {
  it.each([
    ['CloudFormation (awsQuery)', (c: BuiltAwsClients) => c.cloudFormation.send(new ListStacksCommand({}))],
    ['EC2 (ec2Query, HTTP 503)', (c: BuiltAwsClients) => c.ec2.send(new DescribeVpcsCommand({}))],
    ['EKS (restJson1, HTTP 429)', (c: BuiltAwsClients) => c.eks.send(new ListClustersCommand({}))],
  ])('%s: throttled attempts count as HTTP requests of one call', async (_service, call) => {
    const faults = await startFaultProxy({ upstream: moto.endpoint, rate: 1, kinds: ['throttle'], seed: 1 });
    try {
      vi.stubEnv('AWS_ENDPOINT_URL', faults.endpoint);
      clients = await createAwsClients({ region, env: envWith({}), maxAttempts: 3 });
      const error = await call(clients).catch((e: unknown) => e);
      expect(isThrottling(error)).toBe(true);
      expect(clients.calls.snapshot()).toMatchObject({ calls: 1, httpRequests: 3, failed: 1 });
      expect(faults.records).toHaveLength(3);
      faults.setRate(0);
      await call(clients);
      expect(clients.calls.snapshot()).toMatchObject({ calls: 2, httpRequests: 4, failed: 1 });
    } finally {
      await faults.close();
    }
  });

  it('reports each call to listeners', async () => {
    clients = await createAwsClients({ region, env: envWith({}) });
    const events: string[] = [];
    const stop = clients.calls.onCall((e) =>
      events.push(`${e.action} ${e.ok ? 'ok' : (e.errorName ?? '?')} ${e.attempts}`),
    );
    await clients.sts.send(new GetCallerIdentityCommand({}));
    await clients.ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-00000000'] })).catch(() => undefined);
    stop();
    await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(events).toEqual(['sts:GetCallerIdentity ok 1', 'ec2:DescribeVpcs InvalidVpcID.NotFound 1']);
  });
});

describe('OIDC thumbprint through tinyproxy (CONNECT)', () => {
  it('computes the thumbprint over a CONNECT tunnel, equal to openssl, and says which proxy', async () => {
    const pki = createTestPki();
    const issuer = await startTlsServer(pki);
    try {
      const before = proxy.requests().length;
      const result = await fetchOidcThumbprint({
        host: '127.0.0.1',
        port: issuer.port,
        env: { HTTPS_PROXY: proxy.url },
        trustedRoots: [{ name: 'private-eks test root', sha256: '', pem: pki.root.pem }],
      });
      expect(result.thumbprint).toBe(opensslSha1Fingerprint(pki.intermediate.path));
      expect(result.via).toBe(proxy.url);
      expect(proxy.requests().slice(before)).toEqual([`CONNECT 127.0.0.1:${issuer.port}`]);
    } finally {
      await issuer.stop();
      pki.remove();
    }
  });

  it('reports interception through the proxy with the default (AWS) roots', async () => {
    const pki = createTestPki('intercepting proxy');
    const issuer = await startTlsServer(pki);
    try {
      const error = await fetchOidcThumbprint({
        host: '127.0.0.1',
        port: issuer.port,
        env: { HTTPS_PROXY: proxy.url },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TlsInterceptionError);
      expect((error as Error).message).toContain(`(connection through the proxy ${proxy.url})`);
      expect((error as Error).message).toContain(
        '"CN=intercepting proxy intermediate" issued by "CN=intercepting proxy root"',
      );
    } finally {
      await issuer.stop();
      pki.remove();
    }
  });

  it('goes direct when NO_PROXY covers the issuer', async () => {
    const pki = createTestPki();
    const issuer = await startTlsServer(pki);
    try {
      const before = proxy.requests().length;
      const result = await fetchOidcThumbprint({
        host: '127.0.0.1',
        port: issuer.port,
        env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
        trustedRoots: [{ name: 'test', sha256: '', pem: pki.root.pem }],
      });
      expect(result.via).toBeNull();
      expect(proxy.requests().slice(before)).toEqual([]);
    } finally {
      await issuer.stop();
      pki.remove();
    }
  });
});
