/**
 * An HTTP CONNECT tunnel to host:port through an http:// or https:// proxy, with Basic
 * credentials from the proxy URL. The one place private-eks opens a raw tunnel itself (the SDK
 * clients and the Kubernetes client go through proxy-agent): for the API-server probe
 * (tcp-probe.ts) and the OIDC thumbprint's TLS handshake (tls-thumbprint.ts). Failures carry
 * what went wrong as data, so each caller words them for its own purpose.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';

export type TunnelFailure =
  | { readonly kind: 'unsupported-proxy'; readonly protocol: string }
  | { readonly kind: 'refused'; readonly status: number; readonly statusText: string }
  | { readonly kind: 'unreachable'; readonly error: NodeJS.ErrnoException };

export class ConnectTunnelError extends Error {
  constructor(
    readonly failure: TunnelFailure,
    /** `host:port` as sent in the CONNECT line. */
    readonly target: string,
  ) {
    super(`CONNECT ${target}: ${failure.kind}`);
    this.name = 'ConnectTunnelError';
  }
}

/** `host:port`, IPv6 literals in brackets. */
export function tunnelTarget(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

export function openConnectTunnel(proxy: string, host: string, port: number, signal: AbortSignal): Promise<Socket> {
  const proxyUrl = new URL(proxy);
  const target = tunnelTarget(host, port);
  if (proxyUrl.protocol !== 'http:' && proxyUrl.protocol !== 'https:') {
    const protocol = proxyUrl.protocol.replace(/:$/, '');
    return Promise.reject(new ConnectTunnelError({ kind: 'unsupported-proxy', protocol }, target));
  }
  const headers: Record<string, string> = { Host: target };
  if (proxyUrl.username !== '' || proxyUrl.password !== '') {
    const credentials = `${decodeURIComponent(proxyUrl.username)}:${decodeURIComponent(proxyUrl.password)}`;
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    const request = (proxyUrl.protocol === 'https:' ? https : http).request({
      host: proxyUrl.hostname.replace(/^\[|\]$/g, ''),
      port: proxyUrl.port === '' ? (proxyUrl.protocol === 'https:' ? 443 : 80) : Number(proxyUrl.port),
      method: 'CONNECT',
      path: target,
      headers,
      signal,
      agent: false,
    });
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      const failure = { kind: 'refused', status: response.statusCode ?? 0, statusText: response.statusMessage ?? '' };
      reject(new ConnectTunnelError(failure as TunnelFailure, target));
    });
    request.once('error', (error: NodeJS.ErrnoException) => {
      reject(new ConnectTunnelError({ kind: 'unreachable', error }, target));
    });
    request.end();
  });
}
