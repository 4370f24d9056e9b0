/**
 * The proxy-aware request handler every AWS client shares (SPEC §9). The SDK ignores proxy
 * variables (shared/TESTBED.md §5.3), so the handler is `NodeHttpHandler` with a `ProxyAgent`
 * (proxy-agent: HTTP, HTTPS-CONNECT, SOCKS and PAC proxies) whose per-request choice comes from
 * proxy.ts and the env passed in — not proxy-from-env reading process.env — so in-process runs
 * with their own environment behave like a process started with it.
 *
 * Loaded only through `await import()` from clients.ts: it pulls in @smithy; proxy-agent is
 * loaded only when a proxy variable is set (without one, every request goes direct, and a live
 * command does not pay for loading it).
 */
import http from 'node:http';
import https from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { anyProxyConfigured, proxyForUrl, readProxySettings, type ProxyEnv } from './proxy.js';

export interface RequestHandlerOptions {
  readonly env: ProxyEnv;
  /** Time to open a connection (to the endpoint or the proxy). Default 10 s. */
  readonly connectionTimeoutMs?: number;
  /** Idle socket time before the request fails. Default 2 min: CloudFormation answers in seconds. */
  readonly socketTimeoutMs?: number;
  /** Per-origin socket limit. The SDK's default is 50; parallel stack polling needs far fewer. */
  readonly maxSockets?: number;
}

export interface ProxyAwareHandler {
  readonly handler: NodeHttpHandler;
  /** The agents behind the handler: for http:// and https:// endpoints. */
  readonly agents: { readonly http: http.Agent; readonly https: http.Agent };
  destroy(): void;
}

export async function createRequestHandler(options: RequestHandlerOptions): Promise<ProxyAwareHandler> {
  const settings = readProxySettings(options.env);
  const maxSockets = options.maxSockets ?? 50;
  const direct = {
    http: new http.Agent({ keepAlive: true, maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets }),
  };
  let agents: { readonly http: http.Agent; readonly https: http.Agent } = direct;
  if (anyProxyConfigured(settings)) {
    const { ProxyAgent } = await import('proxy-agent');
    const getProxyForUrl = (url: string): string => proxyForUrl(url, settings);
    // Two agents because keep-alive must differ. Plain HTTP through a proxy (only emulators serve
    // AWS APIs over http://) gets a connection per request: tinyproxy, like other small proxies,
    // closes the client connection after each response without saying `Connection: close`, and a
    // reused socket then fails with ECONNRESET. CONNECT tunnels for https:// are kept alive, as are
    // direct connections (NO_PROXY): one TLS handshake per host, not per call.
    agents = {
      http: new ProxyAgent({ keepAlive: false, httpAgent: direct.http, getProxyForUrl }),
      https: new ProxyAgent({ keepAlive: true, maxSockets, httpsAgent: direct.https, getProxyForUrl }),
    };
  }
  const handler = new NodeHttpHandler({
    httpAgent: agents.http,
    httpsAgent: agents.https,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 120_000,
  });
  return {
    handler,
    agents,
    destroy() {
      handler.destroy();
      agents.http.destroy();
      agents.https.destroy();
      direct.http.destroy();
      direct.https.destroy();
    },
  };
}
