/**
 * Checks about the path from here to AWS and to the cluster: proxy variables and the route of each
 * AWS host, TLS interception of the OIDC issuer (iam.withOIDC), and whether the cluster's private
 * API endpoint answers from here (SPEC §9) — along the route kubectl and private-eks's own
 * Kubernetes client take: directly (the name must resolve here), or through HTTPS_PROXY when
 * NO_PROXY does not exempt it (the proxy resolves the name and opens the connection).
 */
import { readProxySettings, redactProxyUrl, routeForUrl } from '../../aws/proxy.js';
import { describeRoute, probeTcp, routeToHost } from '../../aws/tcp-probe.js';
import { proxyWarnings } from '../../aws/proxy-warnings.js';
import { fetchOidcThumbprint } from '../../aws/tls-thumbprint.js';
import { PrivateEksError } from '../../errors.js';
import { AWS_SERVICES, awsEndpointFor } from '../aws-endpoints.js';
import { fail, failFrom, ok, skip, warn } from '../outcome.js';
import type { DoctorCheck } from '../types.js';

const VARIABLES = ['httpProxy', 'httpsProxy', 'allProxy', 'noProxy'] as const;

export const proxyCheck: DoctorCheck = {
  id: 'proxy',
  title: 'proxy settings',
  needsAws: false,
  needsConfig: false,
  run({ env, region }) {
    const settings = readProxySettings(env);
    const set = VARIABLES.filter((key) => settings[key] !== undefined).map((key) => {
      const value = settings[key] ?? '';
      return `${settings.sources[key] ?? key}=${key === 'noProxy' ? value : redactProxyUrl(value)}`;
    });
    const routes = AWS_SERVICES.map((service) => {
      const url = awsEndpointFor(service, region, env);
      const route = routeForUrl(url, settings);
      const host = (() => {
        try {
          return new URL(url).host;
        } catch {
          return url;
        }
      })();
      return `${host} → ${route.proxy === null ? `direct (${route.reason})` : `${redactProxyUrl(route.proxy)} (${route.reason})`}`;
    });
    const detail = [set.length === 0 ? 'no proxy variables set' : set.join(' '), ...[...new Set(routes)]].join('\n');
    const warnings = proxyWarnings({ env, region });
    if (warnings.length > 0) {
      return Promise.resolve(
        warn(`${detail}\n${warnings.map((w) => w.message).join('\n')}`, warnings.map((w) => w.fix).join('; ')),
      );
    }
    return Promise.resolve(ok(detail));
  },
};

export const oidcTlsCheck: DoctorCheck = {
  id: 'oidc-tls',
  title: 'OIDC issuer TLS (IRSA)',
  needsAws: false,
  needsConfig: true,
  async run({ config, oidc, env, signal }) {
    if (config === null) return skip('no valid config');
    if (!config.iam.withOIDC) return skip('iam.withOIDC is off: no OIDC provider, no thumbprint to compute');
    try {
      const result = await fetchOidcThumbprint({
        host: oidc.host,
        port: oidc.port,
        env,
        ...(oidc.trustedRoots === undefined ? {} : { trustedRoots: oidc.trustedRoots }),
        ...(signal === undefined ? {} : { signal }),
      });
      return ok(
        `${oidc.host}: thumbprint ${result.thumbprint} of "${result.top.subject}", which chains to ${result.trustedRoot}` +
          (result.via === null ? ' (direct)' : ` (through ${result.via})`),
      );
    } catch (error) {
      if (PrivateEksError.isPrivateEksError(error) && error.code === 'PE_TLS_INTERCEPTED') {
        return fail(error.message, error.hint);
      }
      const failed = failFrom(error, 'tls:connect');
      return fail(
        `could not read the certificate chain of ${oidc.host}:${oidc.port}: ${failed.detail}`,
        `allow HTTPS to ${oidc.host} (directly, or through HTTPS_PROXY): this check reads its certificate chain; create itself does not need it (IAM checks the issuer's certificate from AWS)` +
          (failed.fix === undefined ? '' : `; ${failed.fix}`),
      );
    }
  },
};

export const clusterEndpointCheck: DoctorCheck = {
  id: 'cluster-endpoint',
  title: 'cluster API endpoint from here',
  needsAws: true,
  needsConfig: true,
  async run(context) {
    const { config, network } = context;
    if (config === null) return skip('no valid config');
    let cluster;
    try {
      cluster = await context.cluster();
    } catch (error) {
      return failFrom(error, 'eks:DescribeCluster');
    }
    const name = config.metadata.name;
    if (!cluster.exists) return ok(`cluster "${name}" not created yet`);
    const access = `public access ${cluster.publicAccess ? 'on' : 'off'}, private access ${cluster.privateAccess ? 'on' : 'off'}`;
    if (cluster.endpoint === null) {
      return warn(
        `cluster "${name}" is ${cluster.status} and has no API endpoint yet (${access})`,
        'wait for it to be ACTIVE',
      );
    }
    const host = hostOf(cluster.endpoint);
    const publicNote = cluster.publicAccess
      ? {
          fix:
            'switch public access off: re-run private-eks create cluster (it finishes the switch), or ' +
            `aws eks update-cluster-config --name ${name} --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true`,
          detail: '; a fully-private cluster should have public access off',
        }
      : undefined;
    const { raw: proxy, ...route } = routeToHost(host, network.apiPort, context.env);
    if (proxy !== null) {
      const probe = await probeTcp({
        host,
        port: network.apiPort,
        env: context.env,
        timeoutMs: network.timeoutMs,
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      });
      if (!probe.ok) {
        return warn(
          `${host} does not answer on port ${network.apiPort} ${describeRoute(route)}: ${probe.reason} (${access})` +
            (publicNote?.detail ?? ''),
          // SPEC §9: a proxy outside the VPC cannot reach the private endpoint; that is what the
          // NO_PROXY .eks.amazonaws.com warning of the proxy check is about.
          'a proxy outside the VPC usually cannot reach the private endpoint: if this host reaches the VPC ' +
            '(VPN, Direct Connect, peering), add .eks.amazonaws.com to NO_PROXY; otherwise run Kubernetes-API ' +
            'commands (kubectl, helm) from inside the VPC' +
            (publicNote === undefined ? '' : `; ${publicNote.fix}`),
        );
      }
      const detail = `${host} answers on port ${network.apiPort} ${describeRoute(route)} (${access})`;
      return publicNote === undefined ? ok(detail) : warn(`${detail}${publicNote.detail}`, publicNote.fix);
    }
    let addresses;
    try {
      addresses = await network.lookup(host);
    } catch (error) {
      return warn(
        `${host} (${access}) does not resolve from here (${errorCode(error)}) and no proxy applies (${route.reason}): ` +
          "the private endpoint's name resolves only inside the VPC, or through a resolver that forwards to it" +
          (publicNote?.detail ?? ''),
        'run Kubernetes-API commands (kubectl, helm) from inside the VPC, a peered VPC, or over VPN/Direct Connect ' +
          'with DNS forwarding; EKS-API commands work from here' +
          (publicNote === undefined ? '' : `; ${publicNote.fix}`),
      );
    }
    const address = addresses[0]?.address;
    if (address === undefined) return warn(`${host} resolves to no address`, "check the VPC's DNS settings");
    const answered = await probeTcp({
      host,
      address,
      port: network.apiPort,
      env: context.env,
      timeoutMs: network.timeoutMs,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
    if (!answered.ok) {
      return warn(
        `${host} resolves to ${address} but port ${network.apiPort} does not answer within ${network.timeoutMs / 1000} s ` +
          `(${answered.reason}; ${access}; ${describeRoute(route)})${publicNote?.detail ?? ''}`,
        'the cluster security group must admit TCP 443 from this host, and a route must lead here from the VPC' +
          (publicNote === undefined ? '' : `; ${publicNote.fix}`),
      );
    }
    const detail = `${host} resolves to ${address} and answers on port ${network.apiPort} ${describeRoute(route)} (${access})`;
    return publicNote === undefined ? ok(detail) : warn(`${detail}${publicNote.detail}`, publicNote.fix);
  },
};

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).hostname;
  } catch {
    return endpoint;
  }
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}
