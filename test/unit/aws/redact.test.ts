import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proxyUserInfo, redactProxySecrets, redactProxyUrl } from '../../../src/aws/redact.js';
import { proxyWarnings } from '../../../src/aws/proxy-warnings.js';
import { readProxySettings, routeForUrl } from '../../../src/aws/proxy.js';

describe('redactProxyUrl: table', () => {
  // [proxy value, shown]
  const cases: [string, string][] = [
    ['user:secret@127.0.0.1:9', '***@127.0.0.1:9'],
    ['http://user:secret@proxy:3128', 'http://***@proxy:3128'],
    ['http://user@proxy:3128', 'http://***@proxy:3128'],
    ['http://:secret@proxy:3128', 'http://***@proxy:3128'],
    ['HTTP://user:secret@proxy:3128/', 'HTTP://***@proxy:3128/'],
    ['socks5h://user:secret@[fd00::1]:1080', 'socks5h://***@[fd00::1]:1080'],
    ['user:secret@[::1]:3128', '***@[::1]:3128'],
    ['http://us%40er:p%40ss%3Aw@proxy:3128', 'http://***@proxy:3128'],
    ['http://user:p@ss@word@proxy:3128', 'http://***@proxy:3128'],
    ['http://user:pa/ss#w?rd@proxy:3128', 'http://***@proxy:3128'],
    ['x-corp+tls.v2://user:secret@proxy', 'x-corp+tls.v2://***@proxy'],
    ['http:user:secret@proxy:3128', '***@proxy:3128'],
    ['http://proxy:3128', 'http://proxy:3128'],
    ['proxy.corp:3128', 'proxy.corp:3128'],
    ['[::1]:3128', '[::1]:3128'],
    ['http://proxy.corp/@', 'http://proxy.corp/@'],
    ['http://user:pw@proxy.corp/a@', 'http://***@proxy.corp/a@'],
  ];
  it.each(cases)('%s → %s', (value, shown) => {
    expect(redactProxyUrl(value)).toBe(shown);
  });
});

// Pieces of proxy URLs as users write them: any scheme or none, names, IPv4, IPv6, ports.
const scheme = fc.constantFrom('', 'http://', 'https://', 'HTTP://', 'socks5://', 'socks5h://', 'x+y.z-1://');
const host = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.ipV6().map((ip) => `[${ip}]`),
);
const port = fc.option(
  fc.integer({ min: 1, max: 65535 }).map((p) => `:${p}`),
  { nil: '' },
);
// Printable text, `@`, `:`, `/`, `%`, `#` and non-ASCII included, as a password may be.
const secretText = fc.string({ unit: 'grapheme', minLength: 6, maxLength: 24 }).filter((s) => !/\s/.test(s));
const encode = fc.constantFrom(
  (s: string) => s,
  (s: string) => encodeURIComponent(s),
);

describe('redactProxyUrl: property', () => {
  it('never shows the user or the password, raw or percent-encoded, and keeps the host and port', () => {
    fc.assert(
      fc.property(
        scheme,
        secretText,
        fc.option(secretText, { nil: undefined }),
        host,
        port,
        encode,
        (prefix, user, password, hostname, portText, enc) => {
          const userInfo = password === undefined ? enc(user) : `${enc(user)}:${enc(password)}`;
          const location = `${hostname}${portText}`;
          // A secret that is part of the scheme or host cannot be told apart from them.
          fc.pre(!`${prefix}${location}***`.includes(user) && !`${prefix}${location}***`.includes(password ?? user));
          const shown = redactProxyUrl(`${prefix}${userInfo}@${location}`);
          for (const secret of [user, password, encodeURIComponent(user), password && encodeURIComponent(password)]) {
            if (secret !== undefined && secret !== '') expect(shown).not.toContain(secret);
          }
          expect(shown.endsWith(`@${location}`)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves a value without user info unchanged', () => {
    fc.assert(
      fc.property(scheme, host, port, (prefix, hostname, portText) => {
        const value = `${prefix}${hostname}${portText}`;
        expect(redactProxyUrl(value)).toBe(value);
      }),
    );
  });

  it('agrees with the URL parser: what it keeps has no credentials', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ authoritySettings: { withUserInfo: true }, withQueryParameters: false, withFragments: false }),
        (url) => {
          // An `@` in the path after a host may be taken for the end of credentials: hidden, never shown.
          fc.pre(!new URL(url).pathname.includes('@'));
          const shown = new URL(redactProxyUrl(url));
          expect(shown.password).toBe('');
          expect(['', '***'].includes(shown.username)).toBe(true);
          expect(shown.host).toBe(new URL(url).host);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('redactProxySecrets', () => {
  const env = { HTTPS_PROXY: 'corp%5Cjane:s3cr%40t!@proxy.corp:3128' };

  it('hides the credentials of the proxy variables wherever they appear in a text, in every spelling', () => {
    const text = [
      'connect ECONNREFUSED via http://corp%5Cjane:s3cr%40t!@proxy.corp:3128',
      'proxy said: bad password s3cr@t! for corp\\jane',
      'echo: s3cr%40t!',
    ].join('\n');
    const shown = redactProxySecrets(text, env);
    expect(shown).not.toMatch(/s3cr|jane/);
    expect(shown).toContain('proxy.corp:3128');
  });

  it('hides user info of any URL in a text, even without proxy variables', () => {
    expect(redactProxySecrets('GET https://a:b@host/x and socks5://c:d@[::1]:1', {})).toBe(
      'GET https://***@host/x and socks5://***@[::1]:1',
    );
  });

  it('extracts the user info of a proxy value', () => {
    expect(proxyUserInfo('user:secret@h:1')).toBe('user:secret');
    expect(proxyUserInfo('http://h:1')).toBeUndefined();
  });
});

describe('every message about a proxy shows it redacted', () => {
  const shapes = [
    'user:secret-pw@127.0.0.1:9',
    'http://user:secret-pw@127.0.0.1:9',
    'user:secret-pw@[::1]:9',
    'socks5://user:secret-pw@proxy:1080',
    'http://user:secret%2Dpw@proxy:3128',
  ];
  it.each(shapes)('HTTPS_PROXY=%s', (value) => {
    const env = { HTTPS_PROXY: value, HTTP_PROXY: value };
    const warnings = proxyWarnings({ env, region: 'us-west-2' });
    expect(warnings.length).toBeGreaterThan(0);
    expect(JSON.stringify(warnings)).not.toMatch(/secret/);
    const route = routeForUrl('https://sts.us-west-2.amazonaws.com/', readProxySettings(env));
    expect(redactProxyUrl(route.proxy ?? '')).not.toMatch(/secret/);
  });
});
