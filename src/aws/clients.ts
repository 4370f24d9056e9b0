/**
 * Building the AWS SDK v3 clients private-eks uses: one per service, all sharing ONE
 * proxy-aware request handler (http.ts), one call counter (call-counter.ts), the region the
 * caller resolved, the SDK's default credential chain, and retry settings per service.
 *
 * The SDK is loaded with `await import()` inside createAwsClients (sdk-clients.ts), so importing
 * this module (for its types or `resolveRegion`) loads no SDK code: `validate` and `plan --offline`
 * never pay for it. Each client is constructed when first used, so a command pays only for the
 * services it calls.
 *
 * What the SDK reads by itself from `process.env` (not from the `env` passed in): credentials
 * (AWS_ACCESS_KEY_ID…, AWS_PROFILE, the shared config files, SSO, web identity, IMDS) and the
 * endpoint override AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (shared/TESTBED.md §5.1).
 * What private-eks reads from `env`: the proxy variables (the SDK reads none), AWS_MAX_ATTEMPTS
 * and AWS_RETRY_MODE (because it sets its own defaults). When `env` is not `process.env` (an
 * in-process test), the two must agree on every variable the SDK reads, or the SDK would quietly
 * act on the other one — for instance send a test's calls to real AWS — so that is refused.
 */
import type { EC2ClientConfig } from '@aws-sdk/client-ec2';
import { PrivateEksError, UsageError } from '../errors.js';
import { AWS_CALL_LOG_VARIABLE, AwsCallCounter, attachCallCounter, callLogWriter } from './call-counter.js';
import type { AwsClients } from './types.js';

/** The AWS services private-eks has clients for. */
export type ServiceKey = 'cloudFormation' | 'ec2' | 'eks' | 'elbv2' | 'iam' | 'sts' | 'autoScaling' | 'logs';
/** The SDK's retry mode. */
export type RetryMode = 'standard' | 'adaptive';
/** A request handler as the SDK clients accept it (a NodeHttpHandler, or a test's own). */
export type AwsRequestHandler = NonNullable<EC2ClientConfig['requestHandler']>;

/** Options of createAwsClients: region, profile, environment (for AWS_ENDPOINT_URL and proxies), retries. */
export interface CreateAwsClientsOptions {
  /** Resolved by the caller (`resolveRegion`). */
  readonly region: string;
  /** A shared-config profile (`--profile`); default: the SDK's chain (AWS_PROFILE, then `default`). */
  readonly profile?: string;
  /** Proxy variables, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Replaces the proxy-aware handler (tests, or a caller with its own transport). */
  readonly httpHandler?: AwsRequestHandler;
  /** Every client's attempts; beats AWS_MAX_ATTEMPTS and the per-service defaults. */
  readonly maxAttempts?: number;
  readonly retryMode?: RetryMode;
}

/** What createAwsClients returns: AwsClients with the counter and destroy() always present. */
export interface BuiltAwsClients extends AwsClients {
  readonly logs: NonNullable<AwsClients['logs']>;
  readonly calls: AwsCallCounter;
  /** The retry settings each client got (for `doctor` and `--verbose`). */
  readonly retry: Readonly<Record<ServiceKey, RetrySettings>>;
  destroy(): void;
}

/** Retry settings of one AWS service's client. */
export interface RetrySettings {
  readonly maxAttempts: number;
  readonly retryMode: RetryMode;
}

/**
 * Retry defaults per service, used unless AWS_MAX_ATTEMPTS / AWS_RETRY_MODE or the options say
 * otherwise. The SDK's own default is standard mode with 3 attempts.
 * - CloudFormation: adaptive, 10. A create polls DescribeStacks and DescribeStackEvents for up to
 *   8 nodegroup stacks at once; CloudFormation's describe APIs have low per-account rate limits
 *   and answer `Throttling: Rate exceeded` (eksctl users meet it on large clusters). Adaptive mode
 *   makes the shared client slow down for everyone instead of failing one poll after 3 tries.
 * - EC2, EKS, IAM: standard, 5. A few lookups and mutations per run; EC2's RequestLimitExceeded
 *   and EKS's ThrottlingException are rare at that volume, and 5 tries ride out a burst.
 * - STS: standard, 3 (the SDK default): GetCallerIdentity is one call.
 * - ELBv2: standard, 5. Only `delete` uses it, for a handful of describes and deletes.
 * - Auto Scaling: standard, 5. `upgrade` and `get nodegroup`: a few describes, one instance refresh.
 * - CloudWatch Logs: standard, 5. The control-plane log group: made or adopted by create, deleted
 *   by `delete --delete-logs`.
 */
export const DEFAULT_RETRY: Readonly<Record<ServiceKey, RetrySettings>> = {
  cloudFormation: { maxAttempts: 10, retryMode: 'adaptive' },
  ec2: { maxAttempts: 5, retryMode: 'standard' },
  eks: { maxAttempts: 5, retryMode: 'standard' },
  elbv2: { maxAttempts: 5, retryMode: 'standard' },
  iam: { maxAttempts: 5, retryMode: 'standard' },
  sts: { maxAttempts: 3, retryMode: 'standard' },
  autoScaling: { maxAttempts: 5, retryMode: 'standard' },
  logs: { maxAttempts: 5, retryMode: 'standard' },
};

/** The IAM action prefix of each service: how calls are named in counts, logs and errors. */
export const SERVICE_PREFIX: Readonly<Record<ServiceKey, string>> = {
  cloudFormation: 'cloudformation',
  ec2: 'ec2',
  eks: 'eks',
  elbv2: 'elasticloadbalancing',
  iam: 'iam',
  sts: 'sts',
  autoScaling: 'autoscaling',
  logs: 'logs',
};

/** Retry settings for one service: options, then the environment, then DEFAULT_RETRY. */
export function retrySettings(
  service: ServiceKey,
  options: { maxAttempts?: number; retryMode?: RetryMode; env: NodeJS.ProcessEnv },
): RetrySettings {
  const fallback = DEFAULT_RETRY[service];
  return {
    maxAttempts: options.maxAttempts ?? attemptsFromEnv(options.env) ?? fallback.maxAttempts,
    retryMode: options.retryMode ?? retryModeFromEnv(options.env) ?? fallback.retryMode,
  };
}

function attemptsFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env['AWS_MAX_ATTEMPTS']?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new UsageError(`AWS_MAX_ATTEMPTS must be a whole number of at least 1, got "${raw}"`);
  }
  return Number(raw);
}

function retryModeFromEnv(env: NodeJS.ProcessEnv): RetryMode | undefined {
  const raw = env['AWS_RETRY_MODE']?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  // `legacy` is the SDK v2 / botocore name; SDK v3 treats it as standard.
  if (raw === 'standard' || raw === 'legacy') return 'standard';
  if (raw === 'adaptive') return 'adaptive';
  throw new UsageError(`AWS_RETRY_MODE must be standard or adaptive, got "${raw}"`);
}

/**
 * The region to use, the same way in every command:
 * - with a config file, its `metadata.region`; `--region` may fill in a file without one, and a
 *   `--region` that contradicts the file is a usage error (eksctl refuses `--region` next to `-f`
 *   altogether; private-eks accepts one that agrees);
 * - without a file, `--region`;
 * - else the default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region (`fallback`, which the
 *   caller reads with shared-config.ts; without it, AWS_REGION and AWS_DEFAULT_REGION of `env`).
 */
export function resolveRegion(input: {
  flag?: string | undefined;
  config?: string | undefined;
  env: NodeJS.ProcessEnv;
  fallback?: { readonly region: string } | undefined;
}): string {
  const flag = input.flag?.trim() || undefined;
  const config = input.config?.trim() || undefined;
  if (flag !== undefined && config !== undefined && flag !== config) throw regionContradiction(flag, config);
  const region =
    flag ??
    config ??
    (input.fallback?.region.trim() || undefined) ??
    (input.env['AWS_REGION']?.trim() || undefined) ??
    (input.env['AWS_DEFAULT_REGION']?.trim() || undefined);
  if (region === undefined) {
    throw new UsageError(
      'no AWS region: pass --region, set metadata.region in the config file, set AWS_REGION (or AWS_DEFAULT_REGION), or give the profile a region (aws configure set region …)',
    );
  }
  return region;
}

/** `--region` next to a file that names another region. */
export function regionContradiction(flag: string, fileRegion: string, file?: string): UsageError {
  return new UsageError(
    `--region ${flag} contradicts metadata.region ${fileRegion}${file === undefined ? ' in the config file' : ` in ${file}`}`,
    { hint: 'with -f the file names the region: drop --region, or change metadata.region' },
  );
}

/**
 * Variables the SDK reads from process.env on its own. A list, not a prefix match: AWS_REGION
 * and the retry variables are passed explicitly, so they may differ.
 */
const SDK_READ_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_CLOUDFORMATION',
  'AWS_ENDPOINT_URL_EC2',
  'AWS_ENDPOINT_URL_EKS',
  'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2',
  'AWS_ENDPOINT_URL_IAM',
  'AWS_ENDPOINT_URL_STS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
] as const;

/** Refuses an `env` that disagrees with process.env on a variable the SDK reads itself. */
export function assertSdkSeesSameEnvironment(env: NodeJS.ProcessEnv): void {
  if (env === process.env) return;
  const differing = SDK_READ_VARIABLES.filter((name) => (env[name] ?? '') !== (process.env[name] ?? ''));
  if (differing.length > 0) {
    throw new PrivateEksError(
      'PE_ENV_MISMATCH',
      `the environment passed in differs from process.env on ${differing.join(', ')}, which the AWS SDK reads from process.env itself`,
      { source: 'internal', hint: 'set these variables in process.env too (in tests: vi.stubEnv)' },
    );
  }
}

/** The client of each service, as createAwsClients builds them. */
type ServiceClients = { readonly [K in ServiceKey]: NonNullable<AwsClients[K]> };

/** What every client is built with: region, the shared handler, credentials, retries, profile. */
type CommonClientConfig = Pick<
  EC2ClientConfig,
  'region' | 'requestHandler' | 'credentialDefaultProvider' | 'maxAttempts' | 'retryMode' | 'profile'
>;

/**
 * Builds the clients of the eight services. Each client is constructed on first use (its
 * property is a getter), so a command pays only for the services it calls; the SDK's client
 * classes are loaded here, by the first call.
 */
export async function createAwsClients(options: CreateAwsClientsOptions): Promise<BuiltAwsClients> {
  const env = options.env ?? process.env;
  assertSdkSeesSameEnvironment(env);
  const retry = {
    cloudFormation: retrySettings('cloudFormation', { ...pickRetry(options), env }),
    ec2: retrySettings('ec2', { ...pickRetry(options), env }),
    eks: retrySettings('eks', { ...pickRetry(options), env }),
    elbv2: retrySettings('elbv2', { ...pickRetry(options), env }),
    iam: retrySettings('iam', { ...pickRetry(options), env }),
    sts: retrySettings('sts', { ...pickRetry(options), env }),
    autoScaling: retrySettings('autoScaling', { ...pickRetry(options), env }),
    logs: retrySettings('logs', { ...pickRetry(options), env }),
  };

  const [sdk, http] = await Promise.all([
    import('./sdk-clients.js'),
    options.httpHandler === undefined ? import('./http.js') : Promise.resolve(undefined),
  ]);
  const owned = await http?.createRequestHandler({ env });
  const requestHandler: AwsRequestHandler = options.httpHandler ?? (owned as NonNullable<typeof owned>).handler;

  // The SDK's default chain, wrapped so the STS, SSO and SSO-OIDC clients that credential
  // providers create inside (assume-role profiles, SSO, web identity) use the same proxy-aware
  // handler: STS inherits the caller's handler, SSO does not (@aws-sdk/credential-provider-sso
  // builds its client from `clientConfig` only). It is the provider each client would pick by
  // itself (its runtime config's default), imported directly rather than read from a throwaway
  // client, which cost a live command a few milliseconds before its first call.
  const sdkDefaultProvider: NonNullable<CommonClientConfig['credentialDefaultProvider']> = sdk.defaultProvider;
  const credentials: NonNullable<CommonClientConfig['credentialDefaultProvider']> = (init) =>
    sdkDefaultProvider({
      ...init,
      clientConfig: { ...(init as { clientConfig?: object }).clientConfig, requestHandler },
    });

  const common = (service: ServiceKey): CommonClientConfig => ({
    region: options.region,
    requestHandler,
    credentialDefaultProvider: credentials,
    maxAttempts: retry[service].maxAttempts,
    retryMode: retry[service].retryMode,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });

  const calls = new AwsCallCounter();
  // Read from process.env too: in-process tests pass a trimmed `env` of their own.
  const callLog = env[AWS_CALL_LOG_VARIABLE] ?? process.env[AWS_CALL_LOG_VARIABLE];
  if (callLog !== undefined && callLog !== '') calls.onCall(callLogWriter(callLog));

  const construct: { readonly [K in ServiceKey]: () => ServiceClients[K] } = {
    cloudFormation: () => new sdk.CloudFormationClient(common('cloudFormation')),
    ec2: () => new sdk.EC2Client(common('ec2')),
    eks: () => new sdk.EKSClient(common('eks')),
    elbv2: () => new sdk.ElasticLoadBalancingV2Client(common('elbv2')),
    iam: () => new sdk.IAMClient(common('iam')),
    sts: () => new sdk.STSClient(common('sts')),
    autoScaling: () => new sdk.AutoScalingClient(common('autoScaling')),
    logs: () => new sdk.CloudWatchLogsClient(common('logs')),
  };
  const built: { -readonly [K in ServiceKey]?: ServiceClients[K] } = {};
  const client = <K extends ServiceKey>(service: K): ServiceClients[K] => {
    const existing = built[service];
    if (existing !== undefined) return existing;
    const made = construct[service]();
    attachCallCounter(made, SERVICE_PREFIX[service], calls);
    built[service] = made;
    return made;
  };

  return {
    region: options.region,
    get cloudFormation() {
      return client('cloudFormation');
    },
    get ec2() {
      return client('ec2');
    },
    get eks() {
      return client('eks');
    },
    get elbv2() {
      return client('elbv2');
    },
    get iam() {
      return client('iam');
    },
    get sts() {
      return client('sts');
    },
    get autoScaling() {
      return client('autoScaling');
    },
    get logs() {
      return client('logs');
    },
    calls,
    retry,
    destroy() {
      // The handler is shared: destroying one client's handler closes it for all, once.
      for (const made of Object.values(built)) made.destroy();
      owned?.destroy();
    },
  };
}

function pickRetry(options: CreateAwsClientsOptions): { maxAttempts?: number; retryMode?: RetryMode } {
  return {
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.retryMode === undefined ? {} : { retryMode: options.retryMode }),
  };
}
