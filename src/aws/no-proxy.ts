/**
 * The `NO_PROXY` matcher: which hosts bypass the proxy (SPEC §9). Pure: the value is passed in,
 * never read from process.env, so behaviour is defined by this file and its tests.
 *
 * Semantics (curl's and Go's where the ecosystem disagrees; the property test in
 * test/unit/aws/no-proxy.test.ts checks everything else against `proxy-from-env`, which
 * proxy-agent uses by default):
 * - A list separated by commas and/or whitespace; empty entries are ignored; case-insensitive.
 * - `*` (alone or as an entry) bypasses the proxy for every host.
 * - `.example.com` and `*.example.com` match the subdomains of example.com (not example.com).
 * - `example.com` matches example.com itself **and its subdomains**, as curl, Go, Python
 *   requests and wget do. DIFFERENCE: proxy-from-env matches it exactly only, so
 *   `NO_PROXY=amazonaws.com` would still send `sts.us-west-2.amazonaws.com` through the proxy —
 *   a trap for the many users who copy curl-style lists.
 * - An entry may end in `:port`; it then applies only to URLs whose effective port (explicit,
 *   else 80/443 by scheme) is that port. IPv6 entries take a port only in brackets:
 *   `[fd00::1]:8443`.
 * - IP literals match IP literals: `10.0.0.1`, `[::1]` and bare `::1` (compared after
 *   normalisation, so `0:0::1` is `::1`). DIFFERENCES: bare IPv6 entries work (proxy-from-env
 *   reads `::1` as host `:` port 1); CIDR blocks work (`10.0.0.0/8`, `fd00::/8`, as curl ≥ 7.86
 *   and Go); domain-style entries never match an IP literal (proxy-from-env lets `.0.0.1` match
 *   `127.0.0.1` by string suffix).
 * - `*suffix` without a dot after the star is read as `suffix` (domain and subdomains).
 *   DIFFERENCE: proxy-from-env matches any host ending in the text, so `*le.com` matched
 *   `example.com`.
 * - A trailing dot (`example.com.`) is ignored on hosts and entries. DIFFERENCE: proxy-from-env
 *   compares the text as is.
 * - Localhost is not special: `localhost` does not cover `127.0.0.1` (write both), as everywhere.
 */
import { isIP } from 'node:net';

export type NoProxyEntry =
  | { readonly kind: 'everything'; readonly raw: string }
  /** `example.com`: the domain and its subdomains. */
  | { readonly kind: 'domain'; readonly raw: string; readonly domain: string; readonly port: number | null }
  /** `.example.com` / `*.example.com`: subdomains only. */
  | { readonly kind: 'subdomains'; readonly raw: string; readonly domain: string; readonly port: number | null }
  | { readonly kind: 'ip'; readonly raw: string; readonly address: string; readonly port: number | null }
  | {
      readonly kind: 'cidr';
      readonly raw: string;
      readonly family: 4 | 6;
      readonly network: bigint;
      readonly prefix: number;
    };

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

/** Splits and classifies a NO_PROXY value. Entries that cannot mean anything are dropped. */
export function parseNoProxy(value: string | undefined): NoProxyEntry[] {
  if (value === undefined) return [];
  const entries: NoProxyEntry[] = [];
  for (const token of value.toLowerCase().split(/[\s,]+/)) {
    if (token === '') continue;
    const entry = parseEntry(token);
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}

function parseEntry(raw: string): NoProxyEntry | undefined {
  if (raw === '*') return { kind: 'everything', raw };
  const slash = raw.indexOf('/');
  if (slash > 0) return parseCidr(raw, raw.slice(0, slash), raw.slice(slash + 1));

  let host = raw;
  let port: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw);
  if (bracketed?.[1] !== undefined) {
    host = bracketed[1];
    port = bracketed[2] === undefined ? null : Number(bracketed[2]);
  } else if (isIP(raw) !== 6) {
    // Not a bare IPv6 address: a trailing `:digits` is a port.
    const withPort = /^(.+):(\d+)$/.exec(raw);
    if (withPort?.[1] !== undefined && withPort[2] !== undefined) {
      host = withPort[1];
      port = Number(withPort[2]);
    }
  }
  if (port !== null && (!Number.isInteger(port) || port <= 0 || port > 65535)) return undefined;

  const ip = normaliseIp(host);
  if (ip !== undefined) return { kind: 'ip', raw, address: ip, port };

  let domain = host.replace(/\.$/, '');
  let kind: 'domain' | 'subdomains' = 'domain';
  if (domain.startsWith('*')) domain = domain.slice(1);
  if (domain.startsWith('.')) {
    kind = 'subdomains';
    domain = domain.replace(/^\.+/, '');
  }
  if (domain === '') {
    // `*.` or `.`: as wide as `*` in proxy-from-env; keep that meaning rather than guess.
    return port === null ? { kind: 'everything', raw } : undefined;
  }
  return { kind, raw, domain, port };
}

function parseCidr(raw: string, addressText: string, prefixText: string): NoProxyEntry | undefined {
  const address = addressText.replace(/^\[|\]$/g, '');
  const family = isIP(address);
  if ((family !== 4 && family !== 6) || !/^\d+$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = family === 4 ? 32 : 128;
  if (prefix > bits) return undefined;
  const value = ipToBigInt(address, family);
  const mask = prefixMask(prefix, bits);
  return { kind: 'cidr', raw, family, network: value & mask, prefix };
}

/**
 * True when a request to `host` on `port` must go direct. `host` as in a URL: lower case,
 * IPv6 with or without brackets.
 */
export function bypassesProxy(entries: readonly NoProxyEntry[], host: string, port: number): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  const ip = normaliseIp(bare);
  const name = bare.replace(/\.$/, '');
  return entries.some((entry) => {
    switch (entry.kind) {
      case 'everything':
        return true;
      case 'ip':
        return ip !== undefined && portMatches(entry.port, port) && entry.address === ip;
      case 'cidr': {
        if (ip === undefined) return false;
        const family = isIP(ip);
        if (family !== entry.family) return false;
        const bits = family === 4 ? 32 : 128;
        return (ipToBigInt(ip, family) & prefixMask(entry.prefix, bits)) === entry.network;
      }
      case 'domain':
        return (
          ip === undefined &&
          portMatches(entry.port, port) &&
          (name === entry.domain || name.endsWith(`.${entry.domain}`))
        );
      case 'subdomains':
        return ip === undefined && portMatches(entry.port, port) && name.endsWith(`.${entry.domain}`);
    }
  });
}

/** `bypassesProxy` for a URL, with the scheme's default port when the URL has none. */
export function urlBypassesProxy(entries: readonly NoProxyEntry[], url: URL): boolean {
  const port = url.port === '' ? (DEFAULT_PORTS[url.protocol] ?? 0) : Number(url.port);
  return bypassesProxy(entries, url.hostname, port);
}

function portMatches(entryPort: number | null, port: number): boolean {
  return entryPort === null || entryPort === port;
}

/** The canonical text of an IP literal (`0:0::1` → `::1`), or undefined for a name. */
function normaliseIp(host: string): string | undefined {
  const family = isIP(host);
  if (family === 4) return host;
  if (family === 6) {
    // The WHATWG URL parser compresses IPv6 the canonical way (RFC 5952).
    return new URL(`http://[${host}]/`).hostname.slice(1, -1);
  }
  return undefined;
}

function ipToBigInt(address: string, family: 4 | 6): bigint {
  if (family === 4) {
    return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
  }
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headParts.length - tailParts.length;
  const groups = [...headParts, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailParts];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function prefixMask(prefix: number, bits: number): bigint {
  if (prefix === 0) return 0n;
  const all = (1n << BigInt(bits)) - 1n;
  return (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}
