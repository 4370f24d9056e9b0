/**
 * Hiding proxy credentials from everything a user sees (messages, `doctor` text and JSON, logs).
 *
 * Deliberately not built on `new URL`: a proxy value without a scheme
 * (`user:secret@127.0.0.1:9`) parses as the scheme `user:` with an opaque path, so a URL-based
 * redactor finds no credentials and prints the password. Instead the rule is textual and errs
 * on the side of hiding: after an optional `scheme://`, everything up to the LAST `@` is
 * credentials (a password may hold `@`, `/`, `:` or `#`, encoded or not), and what follows is
 * the host and port, kept so the message still says which proxy.
 */
/** The proxy variables (as ProxyEnv in proxy.ts, which imports this module). */
type ProxyEnv = Readonly<Record<string, string | undefined>>;

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const HIDDEN = '***';

/** What may follow the credentials' `@`: a host (name, IPv4, [IPv6]), an optional port, then a path. */
const HOST_AFTER_AT = /^(\[[0-9a-f:.]+\]|[^\s/?#@[\]:]+)(:\d*)?([/?#].*)?$/i;

/**
 * Where the credentials end: the last `@` that is followed by a host, so a password holding `@` or
 * `/` is hidden whole while an `@` in a path after a plain host (`http://h/a@`) is not mistaken
 * for one. -1 when there are no credentials.
 */
function credentialsEnd(rest: string): number {
  for (let at = rest.lastIndexOf('@'); at > -1; at = rest.lastIndexOf('@', at - 1)) {
    if (HOST_AFTER_AT.test(rest.slice(at + 1))) return at;
    if (at === 0) break;
  }
  return -1;
}

/** A proxy URL (with or without scheme) fit for messages: user and password replaced by `***`. */
export function redactProxyUrl(proxy: string): string {
  const prefix = SCHEME.exec(proxy)?.[0] ?? '';
  const rest = proxy.slice(prefix.length);
  const at = credentialsEnd(rest);
  return at === -1 ? proxy : `${prefix}${HIDDEN}@${rest.slice(at + 1)}`;
}

/** The credentials part of a proxy value (`user:secret` of `http://user:secret@host`), or undefined. */
export function proxyUserInfo(proxy: string): string | undefined {
  const rest = proxy.slice(SCHEME.exec(proxy)?.[0].length ?? 0);
  const at = credentialsEnd(rest);
  return at <= 0 ? undefined : rest.slice(0, at);
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'];

/**
 * `text` with every proxy credential hidden: URLs with user info anywhere in it, and the user,
 * password and user info of each proxy variable in `env` wherever they appear (raw,
 * percent-encoded or decoded) — for text that did not come from redactProxyUrl, such as an error
 * message from a library that echoes its proxy.
 */
export function redactProxySecrets(text: string, env: ProxyEnv): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, `$1${HIDDEN}@`);
  const secrets = new Set<string>();
  for (const name of PROXY_VARIABLES) {
    const userInfo = proxyUserInfo(env[name]?.trim() ?? '');
    if (userInfo === undefined) continue;
    const colon = userInfo.indexOf(':');
    const parts = colon === -1 ? [userInfo] : [userInfo, userInfo.slice(colon + 1), userInfo.slice(0, colon)];
    for (const part of parts) {
      for (const form of [part, safeDecode(part), encodeURIComponent(part)]) {
        // Very short fragments (a one-letter user) would blank out ordinary words.
        if (form.length >= 3) secrets.add(form);
      }
    }
  }
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(HIDDEN);
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
