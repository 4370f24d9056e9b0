// proxy-from-env 2 ships no types; the property test in no-proxy.test.ts compares against it.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` from the process's *_PROXY / NO_PROXY variables, or '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}
