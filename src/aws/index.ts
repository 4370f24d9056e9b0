/**
 * The AWS edge of private-eks: building clients, proxies, error reading, the OIDC thumbprint.
 * Importing this loads no AWS SDK code; createAwsClients loads it when called.
 */
export { createAwsClients, resolveRegion, retrySettings, DEFAULT_RETRY } from './clients.js';
export type { BuiltAwsClients, CreateAwsClientsOptions, RetrySettings, RetryMode, ServiceKey } from './clients.js';
export { AwsCallCounter } from './call-counter.js';
export type { AwsCallEvent, AwsCallSnapshot, AwsCallListener } from './call-counter.js';
export * from './aws-errors.js';
export { readProxySettings, routeForUrl, proxyForUrl, redactProxyUrl, anyProxyConfigured } from './proxy.js';
export { redactProxySecrets } from './redact.js';
export type { ProxySettings, ProxyRoute, ProxyEnv } from './proxy.js';
export { parseNoProxy, bypassesProxy, urlBypassesProxy } from './no-proxy.js';
export { proxyWarnings, clusterEndpointNoProxyEntry, awsDnsSuffix } from './proxy-warnings.js';
export type { ProxyWarning } from './proxy-warnings.js';
export { fetchOidcThumbprint, oidcIssuerHost, judgeChain, TlsInterceptionError } from './tls-thumbprint.js';
export type { OidcThumbprint, CertificateSummary } from './tls-thumbprint.js';
export type { AwsClients } from './types.js';
