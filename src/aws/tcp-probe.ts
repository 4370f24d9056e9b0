/**
 * Whether host:port answers from here along the route every outbound connection of private-eks
 * takes (SPEC §9): directly, or — when HTTPS_PROXY (or ALL_PROXY) applies and NO_PROXY does not
 * exempt the host — through an HTTP CONNECT tunnel of that proxy, the way the Kubernetes client
 * and `kubectl` would reach it. Used for the cluster's API server (create's Kubernetes-API steps,
 * delete's note, doctor).
 *
 * Through a proxy, the proxy resolves the name and opens the connection, so "answers" means the
 * proxy answered 200 to CONNECT. A proxy outside the VPC usually cannot reach a private endpoint:
 * that is why a proxy user should put `.eks.amazonaws.com` in NO_PROXY (proxy-warnings.ts).
 *
 * Only http:// and https:// proxies are probed; a SOCKS proxy (which the AWS calls and the
 * Kubernetes client support through proxy-agent) is reported as not probed.
 */
import net, { type Socket } from 'node:net';
import { ConnectTunnelError, openConnectTunnel, tunnelTarget } from './connect-tunnel.js';
import { PrivateEksError } from '../errors.js';
import { readProxySettings, redactProxyUrl, routeForUrl, type ProxyEnv } from './proxy.js';

export interface ConnectionRoute {
  /** The proxy (credentials redacted), or null for a direct connection. */
  readonly proxy: string | null;
  /** The variable that chose the proxy, or why there is none (`x is in NO_PROXY`). */
  readonly reason: string;
}

export type TcpProbeResult =
  | { readonly ok: true; readonly route: ConnectionRoute }
  | { readonly ok: false; readonly route: ConnectionRoute; readonly reason: string };

export interface TcpProbeOptions {
  readonly host: string;
  readonly port: number;
  /** Proxy variables (HTTPS_PROXY, NO_PROXY…), as passed to createAwsClients. */
  readonly env: ProxyEnv;
  /** Direct route only: connect to this address instead of resolving `host`. */
  readonly address?: string;
  /** Default 3 s: a probe, not a request. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** How `https://host:port/` is reached from here, by the proxy variables in `env`. */
export function routeToHost(
  host: string,
  port: number,
  env: ProxyEnv,
): ConnectionRoute & { readonly raw: string | null } {
  const route = routeForUrl(`https://${tunnelTarget(host, port)}/`, readProxySettings(env));
  return { proxy: route.proxy === null ? null : redactProxyUrl(route.proxy), reason: route.reason, raw: route.proxy };
}

/** `directly (no HTTPS_PROXY or ALL_PROXY set)` / `through the proxy http://proxy:3128 (HTTPS_PROXY)`. */
export function describeRoute(route: ConnectionRoute): string {
  return route.proxy === null ? `directly (${route.reason})` : `through the proxy ${route.proxy} (${route.reason})`;
}

export async function probeTcp(options: TcpProbeOptions): Promise<TcpProbeResult> {
  const { raw, ...route } = routeToHost(options.host, options.port, options.env);
  const deadline = AbortSignal.timeout(options.timeoutMs ?? 3_000);
  const signal = options.signal === undefined ? deadline : AbortSignal.any([deadline, options.signal]);
  try {
    const socket =
      raw === null
        ? await connectDirect(options.address ?? options.host, options.port, signal)
        : await openProbeTunnel(raw, options.host, options.port, signal);
    socket.destroy();
    return { ok: true, route };
  } catch (error) {
    const reason = signal.aborted ? (deadline.aborted ? 'timed out' : 'cancelled') : (error as Error).message;
    return { ok: false, route, reason };
  }
}

function connectDirect(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const onAbort = (): void => {
      socket.destroy();
      reject(probeError('aborted'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(probeError(error.code ?? error.message));
    });
  });
}

/** A CONNECT tunnel for the probe, its failures worded as probe results. */
export async function openProbeTunnel(proxy: string, host: string, port: number, signal: AbortSignal): Promise<Socket> {
  try {
    return await openConnectTunnel(proxy, host, port, signal);
  } catch (error) {
    if (!(error instanceof ConnectTunnelError)) throw error;
    const f = error.failure;
    if (f.kind === 'unsupported-proxy') {
      throw probeError(`not probed: only http:// and https:// proxies are, not ${f.protocol}://`);
    }
    if (f.kind === 'refused') {
      throw probeError(`the proxy answered CONNECT ${error.target} with HTTP ${String(f.status)}`);
    }
    throw probeError(`the proxy could not be reached: ${f.error.code ?? f.error.message}`);
  }
}

function probeError(message: string): PrivateEksError {
  return new PrivateEksError('PE_PROBE', message, { source: 'user' });
}
