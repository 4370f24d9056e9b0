/**
 * The OIDC provider thumbprint for `iam.withOIDC` (SPEC §9), and the check that catches TLS
 * interception before it breaks IRSA.
 *
 * IAM wants the SHA-1 of the top certificate of the chain the issuer serves ("the top
 * intermediate CA", IAM user guide, "Obtain the thumbprint for an OIDC identity provider"; eksctl
 * takes the last of Go's PeerCertificates the same way). The chain is read over a TLS connection
 * to the issuer — through the HTTPS proxy when one applies, with a CONNECT tunnel — with an EMPTY
 * trust store: Node's getPeerCertificate(true) otherwise appends the matching root from its own
 * store, and the thumbprint would be the root's, not the served top's.
 *
 * A proxy that intercepts TLS serves its own chain; the thumbprint would pin the proxy's CA, and
 * the cluster's IRSA and VPC CNI would fail later (the seed's warning). So the top certificate
 * must be, or be issued by, one of the roots AWS's issuer chains to (data/aws-oidc-roots.ts);
 * otherwise this stops with TlsInterceptionError.
 */
import { X509Certificate } from 'node:crypto';
import { isIP, type Socket } from 'node:net';
import { ConnectTunnelError, openConnectTunnel } from './connect-tunnel.js';
import tls, { type DetailedPeerCertificate } from 'node:tls';
import { PrivateEksError } from '../errors.js';
import { AWS_OIDC_TRUSTED_ROOTS, type TrustedRoot } from './data/aws-oidc-roots.js';
import { readProxySettings, redactProxyUrl, routeForUrl, type ProxyEnv } from './proxy.js';

/** The chain is not from AWS's CA: something between here and AWS terminates TLS. */
export class TlsInterceptionError extends PrivateEksError {
  constructor(
    message: string,
    readonly topCertificate: { readonly subject: string; readonly issuer: string; readonly sha1: string },
    hint: string,
  ) {
    super('PE_TLS_INTERCEPTED', message, { source: 'user', hint });
  }
}

/** The OIDC issuer host EKS uses in a region (`.amazonaws.com.cn` in China). */
export function oidcIssuerHost(region: string): string {
  return `oidc.eks.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  /** Lower-case hex without colons: IAM's thumbprint format. */
  readonly sha1: string;
}

export interface OidcThumbprint {
  /** SHA-1 of the top served certificate, as `ThumbprintList` wants it. */
  readonly thumbprint: string;
  readonly top: CertificateSummary;
  /** Leaf first, as served and linked by issuer. */
  readonly chain: readonly CertificateSummary[];
  /** The trusted root the top certificate is, or is issued by. */
  readonly trustedRoot: string;
  /** The proxy the connection went through (credentials redacted), or null. */
  readonly via: string | null;
}

export interface ThumbprintOptions {
  readonly host: string;
  /** Default 443. */
  readonly port?: number;
  /** Proxy variables (HTTPS_PROXY, NO_PROXY…). */
  readonly env: ProxyEnv;
  /** Default: AWS's roots. Tests pass their own. */
  readonly trustedRoots?: readonly TrustedRoot[];
  /** For the connection, the proxy's answer and the handshake together. Default 10 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export async function fetchOidcThumbprint(options: ThumbprintOptions): Promise<OidcThumbprint> {
  const port = options.port ?? 443;
  const { chain, via } = await readServedChain({ ...options, port });
  const roots = options.trustedRoots ?? AWS_OIDC_TRUSTED_ROOTS;
  const verdict = judgeChain(chain, roots);
  const top = summarise(verdict.top);
  if (verdict.trustedBy === null) {
    const names = roots.map((root) => root.name).join(', ');
    throw new TlsInterceptionError(
      `the TLS certificate chain served for ${options.host} does not lead to the CA AWS uses (${names}): ` +
        `its top certificate is "${top.subject}" issued by "${top.issuer}"` +
        (via === null ? '' : ` (connection through the proxy ${via})`) +
        '; something between here and AWS is intercepting TLS',
      top,
      `exclude ${options.host} (the eksctl docs write it oidc.<region>.amazonaws.com) from TLS interception on the proxy ` +
        '(or add it to NO_PROXY if it can be reached directly): the OIDC provider would otherwise pin the wrong ' +
        "thumbprint, and the cluster's IRSA and the VPC CNI plugin would fail to get IAM credentials later",
    );
  }
  return { thumbprint: top.sha1, top, chain: chain.map(summarise), trustedRoot: verdict.trustedBy.name, via };
}

/**
 * Which trusted root, if any, the top of `chain` is or is issued by. A cross-signed copy of a
 * root (same subject and key, another issuer — AWS served Starfield Services G2 cross-signed by
 * Starfield Class 2 until 2024) counts as that root.
 */
export function judgeChain(
  chain: readonly X509Certificate[],
  roots: readonly TrustedRoot[],
): { top: X509Certificate; trustedBy: TrustedRoot | null } {
  const top = chain[chain.length - 1];
  if (top === undefined) throw new PrivateEksError('PE_TLS_NO_CERTIFICATE', 'the server presented no certificate');
  const topKey = spki(top);
  for (const root of roots) {
    const rootCert = new X509Certificate(root.pem);
    const sameCa = top.subject === rootCert.subject && topKey.equals(spki(rootCert));
    const issuedByRoot = top.checkIssued(rootCert) && top.verify(rootCert.publicKey);
    if (sameCa || issuedByRoot) return { top, trustedBy: root };
  }
  return { top, trustedBy: null };
}

function spki(cert: X509Certificate): Buffer {
  return cert.publicKey.export({ type: 'spki', format: 'der' });
}

function summarise(cert: X509Certificate): CertificateSummary {
  const oneLine = (dn: string) => dn.split('\n').join(', ');
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    sha1: cert.fingerprint.replace(/:/g, '').toLowerCase(),
  };
}

/** The certificates the server sent, leaf first, linked by issuer; and the proxy used. */
export async function readServedChain(options: {
  host: string;
  port: number;
  env: ProxyEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<{ chain: X509Certificate[]; via: string | null }> {
  const route = routeForUrl(`https://${hostForUrl(options.host)}:${options.port}/`, readProxySettings(options.env));
  const deadline = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal === undefined ? deadline : AbortSignal.any([deadline, options.signal]);
  const socket = route.proxy === null ? undefined : await openTunnel(route.proxy, options.host, options.port, signal);
  const peer = await handshake(options.host, options.port, socket, signal);
  return { chain: linkChain(peer), via: route.proxy === null ? null : redactProxyUrl(route.proxy) };
}

function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

function linkChain(peer: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<DetailedPeerCertificate>();
  let current: DetailedPeerCertificate | undefined = peer;
  // A self-signed certificate is its own issuerCertificate: stop there.
  while (current?.raw !== undefined && !seen.has(current)) {
    seen.add(current);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

function abortReason(signal: AbortSignal, what: string): PrivateEksError {
  const timedOut = signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError';
  return new PrivateEksError('PE_TLS_CONNECT', `${what}: ${timedOut ? 'timed out' : 'cancelled'}`, { source: 'user' });
}

function handshake(
  host: string,
  port: number,
  socket: Socket | undefined,
  signal: AbortSignal,
): Promise<DetailedPeerCertificate> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal, `TLS connection to ${host}:${port}`));
      return;
    }
    const tlsSocket = tls.connect({
      ...(socket === undefined ? { host, port } : { socket }),
      // SNI must be a name, never an IP literal (RFC 6066 §3).
      ...(isIP(host) === 0 ? { servername: host } : {}),
      // The chain is judged by judgeChain, against AWS's roots only; the empty store keeps Node
      // from appending a root the server did not send.
      rejectUnauthorized: false,
      ca: [],
    });
    const onAbort = () => {
      tlsSocket.destroy();
      reject(abortReason(signal, `TLS connection to ${host}:${port}`));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    tlsSocket.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort);
      const peer = tlsSocket.getPeerCertificate(true);
      tlsSocket.end();
      resolve(peer);
    });
    tlsSocket.once('error', (error: Error) => {
      signal.removeEventListener('abort', onAbort);
      tlsSocket.destroy();
      reject(
        new PrivateEksError('PE_TLS_CONNECT', `TLS connection to ${host}:${port} failed: ${error.message}`, {
          source: 'user',
          cause: error,
        }),
      );
    });
  });
}

/** A CONNECT tunnel for the TLS handshake, its failures worded for the thumbprint check. */
async function openTunnel(proxy: string, host: string, port: number, signal: AbortSignal): Promise<Socket> {
  const shown = redactProxyUrl(proxy);
  try {
    return await openConnectTunnel(proxy, host, port, signal);
  } catch (error) {
    if (!(error instanceof ConnectTunnelError)) throw error;
    const f = error.failure;
    const target = error.target;
    if (f.kind === 'unsupported-proxy') {
      throw new PrivateEksError(
        'PE_TLS_PROXY',
        `the OIDC thumbprint check supports http:// and https:// proxies, not ${shown}`,
        {
          source: 'user',
          hint: `add ${host} to NO_PROXY if it can be reached directly, or use an HTTP proxy`,
        },
      );
    }
    if (f.kind === 'refused') {
      throw new PrivateEksError(
        'PE_TLS_PROXY',
        `the proxy ${shown} refused CONNECT ${target}: HTTP ${String(f.status)} ${f.statusText}`.trim(),
        { source: 'user', hint: `allow CONNECT to ${target} on the proxy, or add ${host} to NO_PROXY` },
      );
    }
    if (signal.aborted) throw abortReason(signal, `CONNECT ${target} through ${shown}`);
    throw new PrivateEksError(
      'PE_TLS_PROXY',
      `CONNECT ${target} through the proxy ${shown} failed: ${f.error.message}`,
      {
        source: 'user',
        cause: f.error,
      },
    );
  }
}
