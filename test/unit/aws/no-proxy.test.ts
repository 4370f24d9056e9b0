import fc from 'fast-check';
import { getProxyForUrl as proxyFromEnv } from 'proxy-from-env';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNoProxy, urlBypassesProxy } from '../../../src/aws/no-proxy.js';
import { readProxySettings, routeForUrl } from '../../../src/aws/proxy.js';

const bypass = (noProxy: string, url: string): boolean => urlBypassesProxy(parseNoProxy(noProxy), new URL(url));

describe('NO_PROXY matcher: table', () => {
  // [NO_PROXY, URL, bypasses the proxy, why]
  const cases: [string, string, boolean, string][] = [
    ['', 'https://sts.us-west-2.amazonaws.com/', false, 'empty list'],
    ['*', 'https://sts.us-west-2.amazonaws.com/', true, 'wildcard alone'],
    ['example.org, *', 'https://sts.us-west-2.amazonaws.com/', true, 'wildcard as one entry'],
    ['.amazonaws.com', 'https://sts.us-west-2.amazonaws.com/', true, 'dot suffix'],
    ['.amazonaws.com', 'https://amazonaws.com/', false, 'dot suffix: subdomains only'],
    ['*.amazonaws.com', 'https://sts.us-west-2.amazonaws.com/', true, 'star-dot suffix'],
    ['amazonaws.com', 'https://sts.us-west-2.amazonaws.com/', true, 'bare domain covers subdomains (curl, Go)'],
    ['amazonaws.com', 'https://amazonaws.com/', true, 'bare domain covers itself'],
    ['amazonaws.com', 'https://notamazonaws.com/', false, 'label boundary'],
    ['.eks.amazonaws.com', 'https://abcdef.gr7.us-west-2.eks.amazonaws.com/', true, 'cluster endpoint'],
    ['.eks.amazonaws.com', 'https://eks.us-west-2.amazonaws.com/', false, 'the EKS API is not a cluster endpoint'],
    ['example.com:8443', 'https://example.com:8443/', true, 'port matches'],
    ['example.com:8443', 'https://example.com/', false, 'port differs from the default 443'],
    ['example.com:443', 'https://example.com/', true, 'default https port'],
    ['example.com:80', 'http://example.com/', true, 'default http port'],
    ['127.0.0.1', 'http://127.0.0.1:5000/', true, 'IPv4 literal, any port'],
    ['127.0.0.1:5000', 'http://127.0.0.1:5001/', false, 'IPv4 with another port'],
    ['localhost', 'http://127.0.0.1:5000/', false, 'localhost is not 127.0.0.1'],
    ['.0.0.1', 'http://127.0.0.1/', false, 'domain suffixes never match IP literals'],
    ['10.0.0.0/8', 'http://10.1.2.3/', true, 'IPv4 CIDR'],
    ['10.0.0.0/8', 'http://11.0.0.1/', false, 'outside the CIDR'],
    ['0.0.0.0/0', 'http://192.0.2.1/', true, 'CIDR /0'],
    ['[::1]', 'http://[::1]/', true, 'bracketed IPv6'],
    ['::1', 'http://[::1]:8080/', true, 'bare IPv6'],
    ['0:0::1', 'http://[::1]/', true, 'IPv6 compared canonically'],
    ['[::1]:8080', 'http://[::1]:8080/', true, 'bracketed IPv6 with port'],
    ['[::1]:8080', 'http://[::1]/', false, 'bracketed IPv6, other port'],
    ['fd00::/8', 'http://[fd12:3456::1]/', true, 'IPv6 CIDR'],
    ['fd00::/8', 'http://[fe80::1]/', false, 'outside the IPv6 CIDR'],
    ['10.0.0.0/8', 'http://ten.example.com/', false, 'CIDR never matches a name'],
    [' A.COM ,  b.org ', 'https://x.a.com/', true, 'spaces and case'],
    ['a.com b.org', 'https://B.ORG/', true, 'whitespace-separated, upper-case host'],
    ['a.com,,b.org', 'https://b.org/', true, 'empty entries are skipped'],
    ['*le.com', 'https://example.com/', false, 'star without dot is not a text suffix'],
    ['*le.com', 'https://x.le.com/', true, 'star without dot: domain and subdomains'],
    ['example.com.', 'https://example.com/', true, 'trailing dot on the entry'],
    ['example.com', 'https://example.com./', true, 'trailing dot on the host'],
    ['example.com:99999', 'https://example.com/', false, 'an impossible port drops the entry'],
  ];
  it.each(cases)('NO_PROXY=%j, %s → bypass %s (%s)', (noProxy, url, expected) => {
    expect(bypass(noProxy, url)).toBe(expected);
  });
});

describe('proxy variables', () => {
  const route = (env: Record<string, string>, url: string) => routeForUrl(url, readProxySettings(env));

  it('uses HTTP_PROXY for http:// and HTTPS_PROXY for https:// targets (moto is http)', () => {
    const env = { HTTP_PROXY: 'http://plain:1', HTTPS_PROXY: 'http://secure:2' };
    expect(route(env, 'http://127.0.0.1:5000/').proxy).toBe('http://plain:1');
    expect(route(env, 'https://sts.amazonaws.com/').proxy).toBe('http://secure:2');
  });

  it('prefers the lower-case spelling and treats an empty value as unset', () => {
    expect(route({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'https://x.org/').proxy).toBe(
      'http://lower:1',
    );
    expect(route({ https_proxy: '', HTTPS_PROXY: 'http://upper:2' }, 'https://x.org/').proxy).toBe('http://upper:2');
    expect(route({ no_proxy: '', NO_PROXY: 'x.org', HTTPS_PROXY: 'http://p:1' }, 'https://x.org/').proxy).toBeNull();
  });

  it('falls back to ALL_PROXY', () => {
    expect(route({ ALL_PROXY: 'socks5://s:1080' }, 'https://x.org/').proxy).toBe('socks5://s:1080');
    expect(route({ ALL_PROXY: 'socks5://s:1080', HTTPS_PROXY: 'http://p:1' }, 'https://x.org/').proxy).toBe(
      'http://p:1',
    );
  });

  it('reads a proxy without a scheme as http:// (curl, Go), whatever the target scheme', () => {
    expect(route({ HTTPS_PROXY: 'proxy.corp:3128' }, 'https://x.org/').proxy).toBe('http://proxy.corp:3128');
  });

  it('says why a URL goes direct', () => {
    expect(route({ HTTPS_PROXY: 'http://p:1', no_proxy: 'x.org' }, 'https://x.org/').reason).toBe(
      'x.org is in no_proxy',
    );
    expect(route({ HTTP_PROXY: 'http://p:1' }, 'https://x.org/').reason).toMatch(/no HTTPS_PROXY or ALL_PROXY/);
    expect(route({ HTTPS_PROXY: 'http://p:1' }, 'https://x.org/').reason).toBe('HTTPS_PROXY');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: our resolution agrees with proxy-from-env (what proxy-agent does by default) on every
// generated case, except for the differences documented in src/aws/no-proxy.ts and proxy.ts,
// which the oracle below applies explicitly:
//   1. a bare `domain` entry also matches its subdomains (proxy-from-env: exact only);
//   2. `*text` (no dot after the star) is a domain, not a text suffix;
//   3. suffix entries never match IP literals (proxy-from-env compares text: `.0.0.1` ~ 127.0.0.1).
// Not generated (covered by the table): IPv6, CIDR, trailing dots, scheme-less proxy values.
// ---------------------------------------------------------------------------------------------

const label = fc.constantFrom('a', 'b', 'aws', 'eks', 'amazonaws', 'com', 'x1');
const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
const octet = fc.constantFrom(0, 1, 10, 127, 255);
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
const host = fc.oneof(domain, ipv4);
const port = fc.constantFrom(80, 443, 8080);
const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flags) => [...text].map((ch, i) => (flags[i] === true ? ch.toUpperCase() : ch)).join(''));
const entryHost = fc.oneof(
  domain,
  domain.map((d) => `.${d}`),
  domain.map((d) => `*.${d}`),
  domain.map((d) => `*${d}`),
  ipv4,
  ipv4.map((ip) => `.${ip.split('.').slice(1).join('.')}`),
  fc.constant('*'),
);
const entry = fc
  .tuple(entryHost, fc.option(port, { nil: undefined }))
  .map(([h, p]) => (p === undefined || h === '*' ? h : `${h}:${p}`))
  .chain(randomCase);
const separator = fc.constantFrom(',', ' ', ', ', ',,', '\t');
const noProxyList = fc
  .array(fc.tuple(entry, separator), { maxLength: 5 })
  .map((pairs) => pairs.map(([e, s]) => e + s).join(''));
const url = fc
  .tuple(fc.constantFrom('http', 'https'), host, fc.option(port, { nil: undefined }))
  .map(([scheme, h, p]) => `${scheme}://${h}${p === undefined ? '' : `:${p}`}/`);

const PROXY_VARIABLES = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'all_proxy',
  'ALL_PROXY',
  'no_proxy',
  'NO_PROXY',
];
const saved = Object.fromEntries(PROXY_VARIABLES.map((k) => [k, process.env[k]]));

/** proxy-from-env reads process.env: run it with exactly `env` there. */
function theirs(env: Record<string, string>, target: string): string {
  for (const key of PROXY_VARIABLES) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return proxyFromEnv(target);
  } finally {
    for (const key of PROXY_VARIABLES) delete process.env[key];
  }
}

afterEach(() => {
  for (const key of PROXY_VARIABLES) {
    const value = saved[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const isIpv4 = (h: string) => /^\d+(\.\d+){3}$/.test(h);
const effectivePort = (u: URL) => (u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port));

/** proxy-from-env's answer, adjusted by the three documented differences. */
function oracle(noProxy: string, target: string): string {
  const proxies = { http_proxy: 'http://plain.proxy:3128', https_proxy: 'http://tls.proxy:3129' };
  const u = new URL(target);
  const hostName = u.hostname;
  const hostPort = effectivePort(u);
  const bareDomains: string[] = [];
  const rewritten = noProxy
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((e) => e !== '')
    .flatMap((e) => {
      const m = /^(.+):(\d+)$/.exec(e);
      const h = m?.[1] ?? e;
      const p = m?.[2] === undefined ? null : Number(m[2]);
      if (h === '*') return [e];
      if (/^[.*]/.test(h) && isIpv4(hostName)) return []; // difference 3
      if (h.startsWith('*') && !h.startsWith('*.')) {
        // difference 2: `*text` is the domain `text`
        if (p === null || p === hostPort) bareDomains.push(h.slice(1));
        return [m === null ? h.slice(1) : `${h.slice(1)}:${p}`];
      }
      if (!/^[.*]/.test(h) && !isIpv4(h) && (p === null || p === hostPort)) bareDomains.push(h);
      return [e];
    });
  const bareMatch = !isIpv4(hostName) && bareDomains.some((d) => hostName.endsWith(`.${d}`)); // difference 1
  if (bareMatch) return '';
  // An empty rewritten list would mean "no NO_PROXY" to proxy-from-env, which is what we mean too.
  return theirs({ ...proxies, no_proxy: rewritten.join(',') }, target);
}

describe('NO_PROXY matcher: property against proxy-from-env', () => {
  it('agrees on every generated list and URL, modulo the documented differences', () => {
    const proxies = { http_proxy: 'http://plain.proxy:3128', https_proxy: 'http://tls.proxy:3129' };
    fc.assert(
      fc.property(noProxyList, url, (noProxy, target) => {
        const ours = routeForUrl(target, readProxySettings({ ...proxies, no_proxy: noProxy })).proxy ?? '';
        expect(ours).toBe(oracle(noProxy, target));
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });

  it('agrees exactly when no entry touches a documented difference', () => {
    const safeEntry = fc
      .tuple(
        fc.oneof(
          domain.map((d) => `.${d}`),
          domain.map((d) => `*.${d}`),
          ipv4,
          fc.constant('*'),
        ),
        fc.option(port, { nil: undefined }),
      )
      .map(([h, p]) => (p === undefined || h === '*' ? h : `${h}:${p}`));
    const list = fc.array(safeEntry, { maxLength: 4 }).map((es) => es.join(','));
    fc.assert(
      fc.property(list, url, (noProxy, target) => {
        const env = { http_proxy: 'http://plain.proxy:3128', https_proxy: 'http://tls.proxy:3129', no_proxy: noProxy };
        // Suffix entries against IP hosts are difference 3; keep only domain hosts for suffix lists.
        fc.pre(!(isIpv4(new URL(target).hostname) && /(^|,)[.*][^,]/.test(noProxy)));
        const ours = routeForUrl(target, readProxySettings(env)).proxy ?? '';
        expect(ours).toBe(theirs(env, target));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('picks the same proxy variable as proxy-from-env for every combination of set variables', () => {
    const variables = fc.subarray(['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']);
    fc.assert(
      fc.property(variables, url, (set, target) => {
        const env = Object.fromEntries(set.map((name) => [name, `http://${name.replace('_', '-')}.proxy:1`]));
        const ours = routeForUrl(target, readProxySettings(env)).proxy ?? '';
        expect(ours).toBe(theirs(env, target));
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
