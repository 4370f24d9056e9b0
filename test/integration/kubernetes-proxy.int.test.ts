/**
 * The connections private-eks makes to the cluster's API server follow the proxy variables like
 * the AWS calls do (issue 5, SPEC §9): a real HTTPS server on 127.0.0.1 stands in for the EKS API
 * server (a certificate chain made by openssl at test time, trusted only through the cluster CA
 * handed to the client), behind Debian's tinyproxy. Through the proxy, tinyproxy's log shows the
 * CONNECT tunnel; with the host in NO_PROXY it shows nothing. Three users of the route: the
 * Kubernetes client (create's aws-auth and service-account steps), the reachability probe, and
 * doctor's cluster-endpoint check.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsClients } from '../../src/aws/types.js';
import { probeTcp } from '../../src/aws/tcp-probe.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import { apiServerReachable, httpsRequester, KubernetesClient } from '../../src/deploy/kubernetes-client.js';
import { runKubernetesStep } from '../../src/deploy/kubernetes-steps.js';
import { newRunState } from '../../src/deploy/run-state.js';
import { clusterEndpointCheck } from '../../src/doctor/checks/connectivity.js';
import { createDoctorContext } from '../../src/doctor/context.js';
import type { DoctorContext } from '../../src/doctor/types.js';
import { buildPlan, createOfflineFacts } from '../../src/plan/index.js';
import { nodeGroup, seedMinimalConfig } from '../helpers/resolved-config.js';
import { startTinyproxy, type TinyProxy } from '../helpers/tinyproxy.js';
import { createTestPki, type TestPki } from '../helpers/tls-server.js';

/** A few Kubernetes API paths from an in-memory store; records each request and its bearer token. */
interface ApiServer {
  readonly port: number;
  readonly url: string;
  readonly objects: Map<string, Record<string, unknown>>;
  readonly requests: string[];
  readonly tokens: string[];
  close(): Promise<void>;
}

async function startApiServer(pki: TestPki): Promise<ApiServer> {
  const objects = new Map<string, Record<string, unknown>>();
  const requests: string[] = [];
  const tokens: string[] = [];
  const server = https.createServer(
    { key: readFileSync(pki.leaf.keyPath), cert: pki.leaf.pem + pki.intermediate.pem },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '';
        requests.push(`${req.method} ${url}`);
        tokens.push(String(req.headers.authorization));
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.method === 'GET') {
          const found = objects.get(url);
          return found === undefined ? reply(404, { kind: 'Status', message: `${url} not found` }) : reply(200, found);
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata: { name: string } };
        objects.set(req.method === 'POST' ? `${url}/${body.metadata.name}` : url, body);
        return reply(req.method === 'POST' ? 201 : 200, body);
      });
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `https://127.0.0.1:${port}`,
    objects,
    requests,
    tokens,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let pki: TestPki;
let api: ApiServer;
let proxy: TinyProxy;

beforeAll(async () => {
  pki = createTestPki('private-eks kube-apiserver behind a proxy');
  [api, proxy] = await Promise.all([startApiServer(pki), startTinyproxy()]);
});
afterAll(async () => {
  await Promise.all([api?.close(), proxy?.stop()]);
  pki?.remove();
});
// Tests run in random order: each starts with an empty API server and counts its own tunnels.
let seenBefore = 0;
beforeEach(() => {
  api.requests.length = 0;
  api.tokens.length = 0;
  api.objects.clear();
  seenBefore = proxy.requests().length;
});

/** The proxy's requests since the test began. */
const proxied = (): string[] => proxy.requests().slice(seenBefore);
const clusterCa = (): string => Buffer.from(pki.root.pem).toString('base64');
const viaProxy = () => ({ HTTPS_PROXY: proxy.url });
const bypassing = () => ({ HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });

describe('the Kubernetes client', () => {
  it('goes through HTTPS_PROXY with a CONNECT tunnel, and TLS inside it is checked against the cluster CA', async () => {
    api.objects.set('/api/v1/namespaces/kube-system', { kind: 'Namespace', metadata: { name: 'kube-system' } });
    const client = new KubernetesClient(
      api.url,
      clusterCa(),
      () => Promise.resolve('k8s-aws-v1.t'),
      httpsRequester(viaProxy()),
    );
    expect(await client.get('/api/v1/namespaces/kube-system')).toEqual({
      kind: 'Namespace',
      metadata: { name: 'kube-system' },
    });
    expect(await client.get('/api/v1/namespaces/missing')).toBeUndefined();
    expect(proxied()).toContain(`CONNECT 127.0.0.1:${api.port}`);
    // The proxy saw only the tunnel: the paths and the token travelled inside TLS to the server.
    expect(proxied().every((r) => r.startsWith('CONNECT '))).toBe(true);
    expect(api.requests).toEqual(['GET /api/v1/namespaces/kube-system', 'GET /api/v1/namespaces/missing']);
    expect(api.tokens).toEqual(['Bearer k8s-aws-v1.t', 'Bearer k8s-aws-v1.t']);
  });

  it('goes direct when NO_PROXY names the host: nothing in the proxy log', async () => {
    const client = new KubernetesClient(api.url, clusterCa(), () => Promise.resolve('t'), httpsRequester(bypassing()));
    await client.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
    expect(api.requests).toEqual(['POST /api/v1/namespaces']);
    expect(proxied()).toEqual([]);
  });

  it('refuses the server through the tunnel when its certificate is not from the cluster CA, naming the route', async () => {
    const other = createTestPki('another cluster');
    try {
      const client = new KubernetesClient(
        api.url,
        Buffer.from(other.root.pem).toString('base64'),
        () => Promise.resolve('t'),
        httpsRequester(viaProxy()),
        `through the proxy ${proxy.url} (HTTPS_PROXY)`,
      );
      const failure = client.get('/api/v1/namespaces/default');
      await expect(failure).rejects.toThrow(
        `Kubernetes API GET /api/v1/namespaces/default failed (through the proxy ${proxy.url} (HTTPS_PROXY)): `,
      );
      await expect(failure).rejects.toThrow(/certificate/);
      expect(proxied()).toContain(`CONNECT 127.0.0.1:${api.port}`);
      // The token never reached the server: the handshake failed first.
      expect(api.requests).toEqual([]);
    } finally {
      other.remove();
    }
  });
});

describe('the API server reachability probe', () => {
  it('opens a tunnel through the proxy, or connects directly when NO_PROXY says so', async () => {
    expect(await apiServerReachable(api.url, { proxyEnv: viaProxy() })).toBe(true);
    expect(proxied()).toEqual([`CONNECT 127.0.0.1:${api.port}`]);
    expect(await apiServerReachable(api.url, { proxyEnv: bypassing() })).toBe(true);
    expect(proxied()).toHaveLength(1);
  });

  it('is false when the proxy cannot reach the port, and says why', async () => {
    const port = await closedPort();
    const probe = await probeTcp({ host: '127.0.0.1', port, env: viaProxy() });
    expect(probe.ok).toBe(false);
    expect(probe.route).toEqual({ proxy: proxy.url, reason: 'HTTPS_PROXY' });
    if (!probe.ok)
      expect(probe.reason).toMatch(
        new RegExp(`^the proxy answered CONNECT 127\\.0\\.0\\.1:${port} with HTTP 5\\d\\d$`),
      );
    expect(proxied()).toEqual([`CONNECT 127.0.0.1:${port}`]);
    expect(await apiServerReachable(`https://127.0.0.1:${port}`, { proxyEnv: viaProxy() })).toBe(false);
  });

  it('names a proxy it cannot reach, and does not probe through a SOCKS proxy', async () => {
    const port = await closedPort();
    const dead = await probeTcp({
      host: '127.0.0.1',
      port: api.port,
      env: { HTTPS_PROXY: `http://127.0.0.1:${port}` },
    });
    expect(dead).toEqual({
      ok: false,
      route: { proxy: `http://127.0.0.1:${port}`, reason: 'HTTPS_PROXY' },
      reason: 'the proxy could not be reached: ECONNREFUSED',
    });
    const socks = await probeTcp({ host: '127.0.0.1', port: api.port, env: { ALL_PROXY: 'socks5://127.0.0.1:1080' } });
    expect(socks).toMatchObject({
      ok: false,
      reason: 'not probed: only http:// and https:// proxies are, not socks5://',
    });
  });
});

describe("create's aws-auth step", () => {
  // Real SDK clients that are never called: the step reads the stacks' outputs from the run state.
  const clients = (): AwsClients => {
    const region = 'us-west-2';
    return {
      region,
      cloudFormation: new CloudFormationClient({ region }),
      ec2: new EC2Client({ region }),
      eks: new EKSClient({ region }),
      elbv2: new ElasticLoadBalancingV2Client({ region }),
      iam: new IAMClient({ region }),
      sts: new STSClient({ region }),
    };
  };

  async function awsAuthRun(proxyEnv: Record<string, string>) {
    const config = seedMinimalConfig({
      accessConfig: { authenticationMode: 'CONFIG_MAP' },
      nodeGroups: [nodeGroup('ng1')],
    });
    const { plan } = await buildPlan(config, createOfflineFacts(), { endpointSwitch: 'never' });
    const events: DeployEvent[] = [];
    const state = newRunState(plan!, {
      clients: clients(),
      kubeconfigPath: false,
      events: (e) => events.push(e),
      // No `reachable` or `requester`: the defaults must follow proxyEnv.
      kubernetes: { proxyEnv, token: () => Promise.resolve('k8s-aws-v1.step') },
    });
    const stack = (name: string, outputs: Record<string, string>) =>
      state.stacks.set(name, {
        id: name,
        name,
        status: 'CREATE_COMPLETE',
        statusReason: undefined,
        tags: {},
        parameters: {},
        outputs,
      });
    stack('eksctl-private-cluster-cluster', { Endpoint: api.url, CertificateAuthorityData: clusterCa() });
    stack('eksctl-private-cluster-nodegroup-ng1', { InstanceRoleARN: 'arn:aws:iam::123456789012:role/ng1-nodes' });
    const detail = await runKubernetesStep(
      plan!.steps.find((s) => s.id === 'aws-auth')!,
      state,
    );
    const notes = events.flatMap((e) => (e.code === 'info' ? [e.message] : []));
    return { detail, notes, manual: state.manual };
  }

  it('maps the node roles through the proxy and says so', async () => {
    const run = await awsAuthRun(viaProxy());
    expect(run.detail).toBe('aws-auth created with 1 node role(s)');
    expect(run.manual).toEqual([]);
    expect(run.notes).toContain(
      `Kubernetes API server 127.0.0.1:${api.port} answers from here (through the proxy ${proxy.url} (HTTPS_PROXY))`,
    );
    // The probe's tunnel and one per request (no keep-alive): all CONNECTs, to the API server.
    expect(proxied().length).toBeGreaterThanOrEqual(3);
    expect(new Set(proxied())).toEqual(new Set([`CONNECT 127.0.0.1:${api.port}`]));
    expect(api.requests).toEqual([
      'GET /api/v1/namespaces/kube-system/configmaps/aws-auth',
      'POST /api/v1/namespaces/kube-system/configmaps',
    ]);
    const cm = api.objects.get('/api/v1/namespaces/kube-system/configmaps/aws-auth') as { data: { mapRoles: string } };
    expect(parse(cm.data.mapRoles)).toEqual([
      expect.objectContaining({ rolearn: 'arn:aws:iam::123456789012:role/ng1-nodes' }),
    ]);
  });

  it('goes direct, with nothing in the proxy log, when NO_PROXY covers the endpoint', async () => {
    const run = await awsAuthRun(bypassing());
    expect(run.detail).toBe('aws-auth created with 1 node role(s)');
    expect(run.notes).toContain(
      `Kubernetes API server 127.0.0.1:${api.port} answers from here (directly (127.0.0.1 is in NO_PROXY))`,
    );
    expect(proxied()).toEqual([]);
  });
});

describe("doctor's cluster-endpoint check", () => {
  function context(env: Record<string, string>, apiPort: number): DoctorContext {
    const region = 'us-west-2';
    const config = seedMinimalConfig();
    const base = createDoctorContext({
      region,
      config,
      env,
      clients: {} as AwsClients,
      facts: createOfflineFacts(),
      network: { apiPort, timeoutMs: 3_000, lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]) },
    });
    // DescribeCluster's answer for an ACTIVE private cluster whose endpoint is the local server.
    return {
      ...base,
      cluster: () =>
        Promise.resolve({
          exists: true,
          endpoint: 'https://127.0.0.1',
          status: 'ACTIVE',
          publicAccess: false,
          privateAccess: true,
        }),
    };
  }

  it('answers through the proxy when one applies, and says so', async () => {
    const outcome = await clusterEndpointCheck.run(context(viaProxy(), api.port));
    expect(outcome).toEqual({
      status: 'ok',
      detail: `127.0.0.1 answers on port ${api.port} through the proxy ${proxy.url} (HTTPS_PROXY) (public access off, private access on)`,
    });
    expect(proxied()).toEqual([`CONNECT 127.0.0.1:${api.port}`]);
  });

  it('connects directly when NO_PROXY covers the endpoint', async () => {
    const outcome = await clusterEndpointCheck.run(context(bypassing(), api.port));
    expect(outcome.status).toBe('ok');
    expect(outcome.detail).toBe(
      `127.0.0.1 resolves to 127.0.0.1 and answers on port ${api.port} directly (127.0.0.1 is in NO_PROXY) (public access off, private access on)`,
    );
    expect(proxied()).toEqual([]);
  });

  it('warns when the proxy cannot reach the endpoint, pointing at NO_PROXY .eks.amazonaws.com (SPEC §9)', async () => {
    const port = await closedPort();
    const outcome = await clusterEndpointCheck.run(context(viaProxy(), port));
    expect(outcome.status).toBe('warn');
    expect(outcome.detail).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1 does not answer on port ${port} through the proxy ${proxy.url.replace(/\./g, '\\.')} \\(HTTPS_PROXY\\): the proxy answered CONNECT 127\\.0\\.0\\.1:${port} with HTTP 5\\d\\d \\(public access off, private access on\\)$`,
      ),
    );
    expect(outcome.fix).toContain('add .eks.amazonaws.com to NO_PROXY');
    expect(proxied()).toEqual([`CONNECT 127.0.0.1:${port}`]);
  });
});
