/**
 * The types of deleteCluster (delete-cluster.ts), in a module of their own so that the steps it
 * shares with other commands (delete-shared.ts) can use them without an import circle.
 */
import type { ProxyEnv } from '../aws/proxy.js';
import type { AwsClients } from '../aws/types.js';
import type { Clock } from './clock.js';
import type { EventSink } from './events.js';
import type { DeletedItem, LeftoverItem } from './results.js';

/** Which cluster deleteCluster deletes, and how (by name, with or without force). */
export interface DeleteClusterRequest {
  readonly cluster: string;
  readonly region: string;
}

/** What deleteCluster needs: AWS clients, an event sink, an abort signal, a clock. */
export interface DeleteDeps {
  readonly clients: AwsClients;
  readonly events?: EventSink;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  readonly parallelism?: number;
  readonly stackTimeoutMs?: number;
  readonly force: boolean;
  readonly wait: boolean;
  /** The kubeconfig to remove the cluster's entry from; `false`: leave kubeconfig alone. */
  readonly kubeconfigPath: string | false;
  /** Whether the API server answers from here (default: a TCP probe along the proxy route); only for the note. */
  readonly reachable?: (endpoint: string) => Promise<boolean>;
  /** Proxy variables for the API server probe, as the AWS clients got them. Default `process.env`. */
  readonly proxyEnv?: ProxyEnv;
  /** `--delete-logs`: delete the control plane's log group too (kept by default). */
  readonly deleteLogs?: boolean;
  /** How long to wait for deleted load balancers' network interfaces to go. Default 10 min. */
  readonly loadBalancerTimeoutMs?: number;
  readonly newToken?: () => string;
  /** Draining the nodegroups through the in-VPC runner (delete-drain.ts). */
  readonly drain?: DrainSettings;
}

/** eksctl's drain flags of `delete cluster`. */
export interface DrainSettings {
  /** `--disable-nodegroup-eviction`: delete the pods instead of evicting them (budgets unasked). */
  readonly disableEviction?: boolean;
  /** `--pod-eviction-wait-period`: the wait after a refused eviction. Default 10 s. */
  readonly evictionWaitMs?: number;
  /** How long refused evictions are retried before the drain fails. Default 5 min. */
  readonly timeoutMs?: number;
}

export interface DeleteState {
  readonly deleted: DeletedItem[];
  readonly leftovers: LeftoverItem[];
  readonly notes: string[];
}
