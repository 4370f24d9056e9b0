/**
 * The DoctorContext the checks share: what they look at, and memoised AWS lookups so that two
 * checks asking for the caller identity, the plan or the cluster make one call between them.
 */
import { promises as dns } from 'node:dns';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { callAws, isNotFound, toAwsCallError } from '../aws/aws-errors.js';
import { oidcIssuerHost } from '../aws/tls-thumbprint.js';
import { PrivateEksError } from '../errors.js';
import { createLiveFacts } from '../plan/facts-live.js';
import { buildPlan } from '../plan/plan.js';
import type { BuildPlanResult } from '../plan/plan.js';
import type { CallerIdentity, ClusterLookup, DoctorContext, HostLookup } from './types.js';

/** Options of a doctor run: the config file, region, profile, environment and the I/O it may use. */
export interface DoctorOptions {
  readonly region: string;
  readonly config: DoctorContext['config'];
  readonly env: DoctorContext['env'];
  readonly clients: DoctorContext['clients'];
  /** Default: live facts over `clients`. */
  readonly facts?: DoctorContext['facts'];
  readonly oidc?: Partial<DoctorContext['oidc']>;
  readonly network?: Partial<DoctorContext['network']>;
  readonly signal?: AbortSignal;
}

const systemLookup: HostLookup = (host) => dns.lookup(host, { all: true });

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/** The context doctor checks run in: the config file, AWS clients on demand, the environment (proxies), DNS and TCP probes. */
export function createDoctorContext(options: DoctorOptions): DoctorContext {
  const { clients, config, region } = options;
  const facts = options.facts ?? createLiveFacts(clients);
  const send = { ...(options.signal === undefined ? {} : { abortSignal: options.signal }) };

  const identity = once(async (): Promise<CallerIdentity> => {
    const out = await callAws('sts:GetCallerIdentity', () => clients.sts.send(new GetCallerIdentityCommand({}), send));
    return { account: out.Account ?? '?', arn: out.Arn ?? '?' };
  });

  const plan = once(async (): Promise<BuildPlanResult> => {
    if (config === null) throw new PrivateEksError('PE_DOCTOR', 'no valid config to plan from');
    return buildPlan(config, facts);
  });

  const cluster = once(async (): Promise<ClusterLookup> => {
    if (config === null) throw new PrivateEksError('PE_DOCTOR', 'no valid config: the cluster name is unknown');
    try {
      const out = await clients.eks.send(new DescribeClusterCommand({ name: config.metadata.name }), send);
      const vpc = out.cluster?.resourcesVpcConfig;
      return {
        exists: true,
        endpoint: out.cluster?.endpoint ?? null,
        status: out.cluster?.status ?? 'UNKNOWN',
        publicAccess: vpc?.endpointPublicAccess ?? false,
        privateAccess: vpc?.endpointPrivateAccess ?? false,
      };
    } catch (error) {
      if (isNotFound(error)) return { exists: false };
      throw toAwsCallError('eks:DescribeCluster', error);
    }
  });

  return {
    region,
    config,
    env: options.env,
    clients,
    facts,
    oidc: {
      host: options.oidc?.host ?? oidcIssuerHost(region),
      port: options.oidc?.port ?? 443,
      ...(options.oidc?.trustedRoots === undefined ? {} : { trustedRoots: options.oidc.trustedRoots }),
    },
    network: {
      lookup: options.network?.lookup ?? systemLookup,
      apiPort: options.network?.apiPort ?? 443,
      timeoutMs: options.network?.timeoutMs ?? 3_000,
    },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    identity,
    plan,
    cluster,
  };
}
