/**
 * Proxy settings that will bite a fully-private cluster later (SPEC §9, the seed's "Outbound
 * access via HTTP proxy servers"): the cluster's private API endpoint must not go through the
 * proxy, which sits outside the VPC and cannot reach it.
 *
 * The cluster endpoint is `<id>.<shard>.<region>.eks.<dnsSuffix>`: `.eks.amazonaws.com` in the
 * commercial and GovCloud partitions, `.eks.amazonaws.com.cn` in China — where the seed's advice
 * (`.eks.amazonaws.com`) would not match, so the warning names the partition's own suffix.
 * The EKS *API* (`eks.<region>.amazonaws.com`) does not end in `.eks.amazonaws.com` and keeps
 * going through the proxy, as it must from outside the VPC.
 */
import { readProxySettings, redactProxyUrl, routeForUrl, type ProxyEnv, type ProxySettings } from './proxy.js';

export interface ProxyWarning {
  readonly id: 'cluster-endpoint-through-proxy' | 'https-proxy-missing' | 'proxy-url-invalid';
  readonly message: string;
  /** What to do, with the exact value to set where there is one. */
  readonly fix: string;
}

/**
 * DNS suffix of the region's partition, from the AWS SDK's partition table
 * (@aws-sdk/core util-endpoints partitions.js). Unknown prefixes get the commercial suffix.
 */
export function awsDnsSuffix(region: string): string {
  if (region.startsWith('cn-')) return 'amazonaws.com.cn';
  if (region.startsWith('us-isob-')) return 'sc2s.sgov.gov';
  if (region.startsWith('us-isof-')) return 'csp.hci.ic.gov';
  if (region.startsWith('us-iso-')) return 'c2s.ic.gov';
  if (region.startsWith('eu-isoe-')) return 'cloud.adc-e.uk';
  if (region.startsWith('eusc-')) return 'amazonaws.eu';
  return 'amazonaws.com';
}

/** The NO_PROXY entry that keeps a region's cluster endpoints off the proxy. */
export function clusterEndpointNoProxyEntry(region: string): string {
  return `.eks.${awsDnsSuffix(region)}`;
}

/** A made-up host shaped like a cluster's private endpoint in `region`. */
export function sampleClusterEndpointHost(region: string): string {
  return `0123456789abcdef0123456789abcdef.gr7${clusterEndpointNoProxyEntry(region).replace(/^\.eks/, `.${region}.eks`)}`;
}

export function proxyWarnings(input: { env: ProxyEnv; region: string }): ProxyWarning[] {
  const settings = readProxySettings(input.env);
  const warnings: ProxyWarning[] = [];
  for (const key of ['httpProxy', 'httpsProxy', 'allProxy'] as const) {
    const value = settings[key];
    if (value !== undefined && !isUsableProxyUrl(value)) {
      warnings.push({
        id: 'proxy-url-invalid',
        message: `${settings.sources[key] ?? key} is not a proxy URL: ${redactProxyUrl(value)}`,
        fix: `set ${settings.sources[key] ?? key} to a URL such as http://proxy.example.com:3128`,
      });
    }
  }
  if (settings.httpProxy !== undefined && settings.httpsProxy === undefined && settings.allProxy === undefined) {
    warnings.push({
      id: 'https-proxy-missing',
      message: `${settings.sources.httpProxy ?? 'HTTP_PROXY'} is set but HTTPS_PROXY is not: AWS APIs are HTTPS, so every AWS call goes direct`,
      fix: `if AWS is reachable only through the proxy, set HTTPS_PROXY=${redactProxyUrl(settings.httpProxy)}`,
    });
  }
  const endpoint = sampleClusterEndpointHost(input.region);
  const route = routeForUrl(`https://${endpoint}/`, settings);
  if (route.proxy !== null) {
    const entry = clusterEndpointNoProxyEntry(input.region);
    warnings.push({
      id: 'cluster-endpoint-through-proxy',
      message:
        `${route.reason} is set and NO_PROXY does not cover ${entry}: requests to the cluster's private API ` +
        `endpoint (*${entry}) would go through the proxy ${redactProxyUrl(route.proxy)}, which cannot reach it`,
      fix: `${noProxyVariable(settings)}=${appendNoProxy(settings.noProxy, entry)}`,
    });
  }
  return warnings;
}

function noProxyVariable(settings: ProxySettings): string {
  return settings.sources.noProxy ?? 'NO_PROXY';
}

/** The current NO_PROXY value with `entry` appended (the whole value, ready to export). */
export function appendNoProxy(current: string | undefined, entry: string): string {
  const trimmed = current?.trim().replace(/,+$/, '');
  return trimmed === undefined || trimmed === '' ? entry : `${trimmed},${entry}`;
}

function isUsableProxyUrl(value: string): boolean {
  try {
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    return (
      url.hostname !== '' &&
      ['http:', 'https:', 'socks:', 'socks4:', 'socks4a:', 'socks5:', 'socks5h:'].includes(url.protocol)
    );
  } catch {
    return false;
  }
}
