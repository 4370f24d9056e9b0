/**
 * Which proxy a URL goes through, from proxy variables passed in (SPEC §9). The AWS SDK reads no
 * proxy variable itself (shared/TESTBED.md §5.3), so this is the only place they are read; the
 * request handler (http.ts), the OIDC thumbprint check and `doctor` all ask here.
 *
 * - `http://` URLs use `http_proxy`/`HTTP_PROXY`, `https://` URLs `https_proxy`/`HTTPS_PROXY`,
 *   both falling back to `all_proxy`/`ALL_PROXY`; the lower-case spelling wins when both are set,
 *   and an empty value counts as unset (as proxy-from-env and curl).
 * - `no_proxy`/`NO_PROXY` as in no-proxy.ts.
 * - A proxy value without a scheme (`proxy.corp:3128`) means `http://`, as curl and Go read it.
 *   DIFFERENCE: proxy-from-env borrows the target's scheme, so `HTTPS_PROXY=proxy.corp:3128`
 *   would mean TLS to the proxy, which almost no corporate proxy speaks.
 */
import { parseNoProxy, urlBypassesProxy, type NoProxyEntry } from './no-proxy.js';

/** The environment variables that configure proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, in either case). */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

export interface ProxySettings {
  readonly httpProxy: string | undefined;
  readonly httpsProxy: string | undefined;
  readonly allProxy: string | undefined;
  /** The raw NO_PROXY value, or undefined. */
  readonly noProxy: string | undefined;
  readonly noProxyEntries: readonly NoProxyEntry[];
  /** Which variable each value came from (`https_proxy` or `HTTPS_PROXY`…), for messages. */
  readonly sources: Readonly<Partial<Record<'httpProxy' | 'httpsProxy' | 'allProxy' | 'noProxy', string>>>;
}

function readVariable(env: ProxyEnv, name: string): { value: string; source: string } | undefined {
  for (const key of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== '') return { value, source: key };
  }
  return undefined;
}

export function readProxySettings(env: ProxyEnv): ProxySettings {
  const http = readVariable(env, 'http_proxy');
  const https = readVariable(env, 'https_proxy');
  const all = readVariable(env, 'all_proxy');
  const no = readVariable(env, 'no_proxy');
  const sources: Partial<Record<'httpProxy' | 'httpsProxy' | 'allProxy' | 'noProxy', string>> = {};
  if (http) sources.httpProxy = http.source;
  if (https) sources.httpsProxy = https.source;
  if (all) sources.allProxy = all.source;
  if (no) sources.noProxy = no.source;
  return {
    httpProxy: http?.value,
    httpsProxy: https?.value,
    allProxy: all?.value,
    noProxy: no?.value,
    noProxyEntries: parseNoProxy(no?.value),
    sources,
  };
}

/** True when any proxy variable is set (NO_PROXY alone does not count). */
export function anyProxyConfigured(settings: ProxySettings): boolean {
  return settings.httpProxy !== undefined || settings.httpsProxy !== undefined || settings.allProxy !== undefined;
}

export interface ProxyRoute {
  /** The proxy URL to use, or null to connect directly. */
  readonly proxy: string | null;
  /** The variable that chose the proxy (`HTTPS_PROXY`…), or why there is none. */
  readonly reason: string;
}

/** The proxy for `url`, and why. */
export function routeForUrl(url: string | URL, settings: ProxySettings): ProxyRoute {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return { proxy: null, reason: 'not a URL' };
  }
  const scheme = parsed.protocol;
  const own =
    scheme === 'http:' || scheme === 'ws:'
      ? 'httpProxy'
      : scheme === 'https:' || scheme === 'wss:'
        ? 'httpsProxy'
        : undefined;
  if (own === undefined) return { proxy: null, reason: `no proxy for ${scheme} URLs` };
  const value = settings[own] ?? settings.allProxy;
  const source = settings[own] !== undefined ? settings.sources[own] : settings.sources.allProxy;
  if (value === undefined)
    return { proxy: null, reason: `no ${own === 'httpProxy' ? 'HTTP_PROXY' : 'HTTPS_PROXY'} or ALL_PROXY set` };
  if (urlBypassesProxy(settings.noProxyEntries, parsed)) {
    return { proxy: null, reason: `${parsed.hostname} is in ${settings.sources.noProxy ?? 'NO_PROXY'}` };
  }
  return { proxy: value.includes('://') ? value : `http://${value}`, reason: source ?? own };
}

/** The proxy URL for `url`, or '' for none — the shape proxy-agent's `getProxyForUrl` wants. */
export function proxyForUrl(url: string | URL, settings: ProxySettings): string {
  return routeForUrl(url, settings).proxy ?? '';
}

// Kept here for the modules that import it with the rest of the proxy logic.
export { redactProxyUrl } from './redact.js';
