/**
 * `doctor` (SPEC §9 [beyond]): pre-flight checks, each a small function returning a CheckResult,
 * so tests can call any one of them directly with a DoctorContext of their making.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import type { AwsClients } from '../aws/types.js';
import type { ProxyEnv } from '../aws/proxy.js';
import type { TrustedRoot } from '../aws/data/aws-oidc-roots.js';
import type { BuildPlanResult } from '../plan/plan.js';
import type { CloudFacts } from '../plan/facts.js';

/** A doctor check's status: ok, warn, fail, or skip (not applicable or blocked by an earlier failure). */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** The id of a doctor check, as printed by `private-eks doctor`. */
export type CheckId =
  | 'credentials'
  | 'region'
  | 'proxy'
  | 'eks-api'
  | 'endpoint-services'
  | 'vpc'
  | 'vpc-endpoints'
  | 'oidc-tls'
  | 'cluster-endpoint'
  | 'cluster-verify';

/** One doctor check's outcome: its status, what it found and, when it did not pass, how to fix it. */
export interface CheckResult {
  readonly id: CheckId;
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found, one or more lines. */
  readonly detail: string;
  /** What to do about a warn or fail. */
  readonly fix?: string;
}

/** A check's outcome before the runner adds its id and title. */
export type CheckOutcome = Omit<CheckResult, 'id' | 'title'>;

/** STS GetCallerIdentity's answer: account, ARN, user id. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

/** An existing cluster's API server endpoint and its access settings. */
export interface ClusterEndpointInfo {
  /** `https://…eks.amazonaws.com`, or null while the cluster is being created. */
  readonly endpoint: string | null;
  readonly status: string;
  readonly publicAccess: boolean;
  readonly privateAccess: boolean;
}

/** DescribeCluster's answer: the cluster, or that it does not exist yet. */
export type ClusterLookup = { readonly exists: false } | ({ readonly exists: true } & ClusterEndpointInfo);

/** A DNS lookup of a host name (injectable for tests). */
export type HostLookup = (host: string) => Promise<readonly { readonly address: string; readonly family: number }[]>;

/** What doctor checks read: the config, AWS clients on demand, the environment, DNS and TCP probes (createDoctorContext builds it). */
export interface DoctorContext {
  readonly region: string;
  /** Null when the config file has errors: the checks that need it are skipped. */
  readonly config: ResolvedConfig | null;
  /** The process's environment: proxy variables, AWS_ENDPOINT_URL for display. */
  readonly env: ProxyEnv;
  readonly clients: AwsClients;
  readonly facts: CloudFacts;
  /** The OIDC issuer to check (default `oidc.eks.<region>.amazonaws.com:443`, AWS's roots). */
  readonly oidc: { readonly host: string; readonly port: number; readonly trustedRoots?: readonly TrustedRoot[] };
  /** How the cluster's API endpoint is probed (default: the system resolver, TCP 443, 3 s). */
  readonly network: { readonly lookup: HostLookup; readonly apiPort: number; readonly timeoutMs: number };
  readonly signal?: AbortSignal;
  /** Memoised AWS lookups several checks share. Each rejects with AwsCallError. */
  identity(): Promise<CallerIdentity>;
  plan(): Promise<BuildPlanResult>;
  cluster(): Promise<ClusterLookup>;
}

/** A doctor check: its id, title and the function that runs it. */
export interface DoctorCheck {
  readonly id: CheckId;
  readonly title: string;
  /** Needs AWS credentials: skipped when the credentials check failed. */
  readonly needsAws: boolean;
  /** Needs a valid config: skipped when the file has errors. */
  readonly needsConfig: boolean;
  run(context: DoctorContext): Promise<CheckOutcome>;
}

/** The result of runDoctor: every check in order, and whether all passed. */
export interface DoctorReport {
  readonly cluster: string | null;
  readonly region: string;
  readonly checks: readonly CheckResult[];
  readonly summary: Readonly<Record<CheckStatus, number>>;
  /** True when no check failed. */
  readonly ok: boolean;
}
