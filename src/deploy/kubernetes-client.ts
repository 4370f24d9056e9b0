/**
 * The few Kubernetes API calls private-eks makes (ServiceAccounts for IRSA, the aws-auth
 * ConfigMap), over HTTPS with the cluster's own CA and an `aws eks get-token` style bearer token.
 * Deliberately tiny: GET, POST and PUT of JSON objects, no watch, no client library.
 *
 * The connection goes straight to the API server, not through HTTPS_PROXY: the private endpoint
 * is only reachable from inside the VPC (or a peered network), where a proxy would be in the way —
 * eksctl's advice is to put `.eks.amazonaws.com` in NO_PROXY for the same reason.
 */
import https from 'node:https';
import net from 'node:net';
import { DeployError } from '../errors.js';

export interface KubernetesResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface KubernetesRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Absolute URL: the API server endpoint + path. */
  readonly url: string;
  readonly token: string;
  /** Base64 PEM of the cluster CA. */
  readonly caData: string;
  readonly body?: unknown;
}

export type KubernetesRequester = (request: KubernetesRequest) => Promise<KubernetesResponse>;

const REQUEST_TIMEOUT_MS = 30_000;

export const httpsRequester: KubernetesRequester = (request) =>
  new Promise((resolve, reject) => {
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const req = https.request(
      request.url,
      {
        method: request.method,
        ca: Buffer.from(request.caData, 'base64').toString('utf8'),
        // Never through a proxy agent (see the module comment).
        agent: false,
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
      req.destroy(new Error(`no answer from ${new URL(request.url).host} within ${REQUEST_TIMEOUT_MS / 1000} s`)),
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });

/** True when a TCP connection to the endpoint's port opens within `timeoutMs` (DNS included). */
export function tcpReachable(endpoint: string, timeoutMs = 3_000): Promise<boolean> {
  const url = new URL(endpoint);
  const port = Number(url.port === '' ? 443 : url.port);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port, timeout: timeoutMs });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

export class KubernetesClient {
  constructor(
    private readonly endpoint: string,
    private readonly caData: string,
    private readonly token: () => Promise<string>,
    private readonly requester: KubernetesRequester = httpsRequester,
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
      throw new DeployError(`Kubernetes API ${method} ${path} failed: ${(error as Error).message}`, path, {
        cause: error,
      });
    }
  }

  private expectOk(res: KubernetesResponse, method: string, path: string): Record<string, unknown> {
    if (res.status >= 200 && res.status < 300) return (res.body ?? {}) as Record<string, unknown>;
    const message = bodyMessage(res.body);
    const hint =
      res.status === 401 || res.status === 403
        ? 'the caller must be a cluster admin (accessConfig.bootstrapClusterCreatorAdminPermissions, or an access entry)'
        : undefined;
    throw new DeployError(
      `Kubernetes API ${method} ${path} answered ${res.status}: ${message}`,
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
