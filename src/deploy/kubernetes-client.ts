/**
 * The few Kubernetes API calls private-eks makes (ServiceAccounts for IRSA, the aws-auth
 * ConfigMap), over HTTPS with the cluster's own CA and an `aws eks get-token` style bearer token.
 * Deliberately tiny: GET, POST and PUT of JSON objects, no watch, no client library.
 *
 * The connection follows the same proxy variables as every AWS call (SPEC §9): through
 * HTTPS_PROXY (a CONNECT tunnel; proxy-agent, as src/aws/http.ts) unless NO_PROXY exempts the
 * endpoint. The TLS inside the tunnel is verified against the cluster's CA only, never the system
 * store, so a TLS-intercepting proxy fails the request instead of reading the token. A private
 * endpoint is usually not reachable through a corporate proxy, which is why private-eks warns when
 * NO_PROXY lacks `.eks.amazonaws.com` (proxy-warnings.ts) — eksctl gives the same advice.
 */
import https from 'node:https';
import { ProxyAgent } from 'proxy-agent';
import { proxyForUrl, readProxySettings, type ProxyEnv } from '../aws/proxy.js';
import { describeRoute, probeTcp, routeToHost } from '../aws/tcp-probe.js';
import { DeployError } from '../errors.js';

/** How create reaches the Kubernetes API (service accounts, CoreDNS on Fargate); tests replace parts. */
export interface KubernetesApiOptions {
  /**
   * Proxy variables (HTTPS_PROXY, NO_PROXY…) for the Kubernetes API connection, the same as the
   * AWS clients got (SPEC §9: every outbound connection). Default: `process.env`, as createAwsClients.
   */
  readonly proxyEnv?: ProxyEnv;
  /** Whether the API server answers from here. Default: its port through the proxy route (3 s). */
  readonly reachable?: (endpoint: string) => Promise<boolean>;
  /** One HTTPS request. Default: node:https with the cluster CA, through the proxy route. */
  readonly requester?: KubernetesRequester;
  /** The bearer token. Default: `aws eks get-token`'s presigned STS URL (kubernetes-token.ts). */
  readonly token?: () => Promise<string>;
}

/** The Kubernetes API server's answer: status and body. */
export interface KubernetesResponse {
  readonly status: number;
  readonly body: unknown;
}

/** One request to the Kubernetes API server. */
export interface KubernetesRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Absolute URL: the API server endpoint + path. */
  readonly url: string;
  readonly token: string;
  /** Base64 PEM of the cluster CA. */
  readonly caData: string;
  readonly body?: unknown;
}

/** Sends one HTTPS request to the Kubernetes API server. */
export type KubernetesRequester = (request: KubernetesRequest) => Promise<KubernetesResponse>;

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * One HTTPS request per call, routed by the proxy variables in `proxyEnv` (see the module comment).
 * No keep-alive: a handful of calls per run, and no socket may outlive the command.
 */
export function httpsRequester(proxyEnv: ProxyEnv): KubernetesRequester {
  const settings = readProxySettings(proxyEnv);
  const agent = new ProxyAgent({ keepAlive: false, getProxyForUrl: (url: string) => proxyForUrl(url, settings) });
  return (request) => sendRequest(request, agent);
}

function sendRequest(request: KubernetesRequest, agent: https.Agent): Promise<KubernetesResponse> {
  return new Promise((resolve, reject) => {
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const req = https.request(
      request.url,
      {
        method: request.method,
        // The cluster's CA alone; proxy-agent hands it to the TLS connection inside the tunnel too.
        ca: Buffer.from(request.caData, 'base64').toString('utf8'),
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${request.token}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            // Not JSON (a proxy's or load balancer's page): keep the text for the message.
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new DeployError(
          `no answer from ${new URL(request.url).host} within ${REQUEST_TIMEOUT_MS / 1000} s`,
          new URL(request.url).host,
        ),
      ),
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface ReachabilityOptions {
  /** Proxy variables (HTTPS_PROXY, NO_PROXY…), as passed to createAwsClients. */
  readonly proxyEnv: ProxyEnv;
  /** Default 3 s. */
  readonly timeoutMs?: number;
}

/**
 * True when the API server's port answers from here along the route the Kubernetes client will
 * take: a TCP connection, or a CONNECT tunnel through the proxy (src/aws/tcp-probe.ts).
 */
export async function apiServerReachable(endpoint: string, options: ReachabilityOptions): Promise<boolean> {
  const url = new URL(endpoint);
  const probe = await probeTcp({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port === '' ? 443 : url.port),
    env: options.proxyEnv,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return probe.ok;
}

/** `directly (…)` or `through the proxy … (HTTPS_PROXY)`: how requests to `endpoint` travel. */
export function apiServerRoute(endpoint: string, proxyEnv: ProxyEnv): string {
  const url = new URL(endpoint);
  const { raw: _raw, ...route } = routeToHost(
    url.hostname.replace(/^\[|\]$/g, ''),
    Number(url.port === '' ? 443 : url.port),
    proxyEnv,
  );
  return describeRoute(route);
}

export class KubernetesClient {
  constructor(
    private readonly endpoint: string,
    private readonly caData: string,
    private readonly token: () => Promise<string>,
    private readonly requester: KubernetesRequester,
    /** How requests travel (apiServerRoute), for error messages: a proxy's answer reads like the API server's. */
    private readonly route?: string,
  ) {}

  /** The object, or undefined on 404. */
  async get(path: string): Promise<Record<string, unknown> | undefined> {
    const res = await this.call('GET', path);
    if (res.status === 404) return undefined;
    return this.expectOk(res, 'GET', path);
  }

  async create(path: string, object: unknown): Promise<Record<string, unknown>> {
    return this.expectOk(await this.call('POST', path, object), 'POST', path);
  }

  async replace(path: string, object: unknown): Promise<Record<string, unknown>> {
    return this.expectOk(await this.call('PUT', path, object), 'PUT', path);
  }

  private async call(method: KubernetesRequest['method'], path: string, body?: unknown): Promise<KubernetesResponse> {
    const url = new URL(path, this.endpoint.endsWith('/') ? this.endpoint : `${this.endpoint}/`).toString();
    try {
      return await this.requester({
        method,
        url,
        token: await this.token(),
        caData: this.caData,
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      throw new DeployError(`Kubernetes API ${method} ${path} failed${this.via()}: ${(error as Error).message}`, path, {
        cause: error,
      });
    }
  }

  private via(): string {
    return this.route === undefined ? '' : ` (${this.route})`;
  }

  private expectOk(res: KubernetesResponse, method: string, path: string): Record<string, unknown> {
    if (res.status >= 200 && res.status < 300) return (res.body ?? {}) as Record<string, unknown>;
    const message = bodyMessage(res.body);
    const hint =
      res.status === 401 || res.status === 403
        ? 'the caller must be a cluster admin (accessConfig.bootstrapClusterCreatorAdminPermissions, or an access entry)'
        : undefined;
    throw new DeployError(
      `Kubernetes API ${method} ${path} answered ${res.status}${this.via()}: ${message}`,
      path,
      hint === undefined ? {} : { hint },
    );
  }
}

/** Kubernetes errors are Status objects with a `message`; anything else is shown briefly. */
function bodyMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string')
    return body.message;
  if (typeof body === 'string') return body.slice(0, 200);
  return JSON.stringify(body ?? null).slice(0, 200);
}
