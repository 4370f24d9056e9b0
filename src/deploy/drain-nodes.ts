/**
 * Draining a nodegroup's nodes before it is deleted (`delete nodegroup`, eksctl's `--drain`):
 * cordon each node, then evict its pods through the Eviction API so PodDisruptionBudgets are
 * honoured; DaemonSet pods and mirror pods stay (they go with the node). Only when the Kubernetes
 * API answers from here: a fully-private cluster's API server is usually reachable only inside
 * its VPC, and then the caller reports a note instead of failing.
 */
import { partitionOf } from '../plan/catalog/regions.js';
import { describeClusterAccess } from './cluster-info.js';
import type { DeployDeps } from './run-state.js';
import { apiServerReachable, apiServerRoute, httpsRequester, KubernetesClient } from './kubernetes-client.js';
import { eksToken } from './kubernetes-token.js';

/** A client for the cluster's API server, or undefined when it does not answer from here. */
export async function connectToApiServer(
  deps: Pick<DeployDeps, 'clients' | 'kubernetes' | 'signal'>,
  cluster: string,
): Promise<KubernetesClient | undefined> {
  const described = await describeClusterAccess(deps.clients.eks, cluster, deps.signal);
  const endpoint = described?.endpoint;
  const caData = described?.certificateAuthorityData;
  if (endpoint === undefined || caData === undefined) return undefined;
  const proxyEnv = deps.kubernetes?.proxyEnv ?? process.env;
  const reachable = await (deps.kubernetes?.reachable ?? ((e: string) => apiServerReachable(e, { proxyEnv })))(
    endpoint,
  );
  if (!reachable) return undefined;
  const region = deps.clients.region;
  const token =
    deps.kubernetes?.token ?? (() => eksToken(deps.clients.sts, { cluster, region, partition: partitionOf(region) }));
  return new KubernetesClient(
    endpoint,
    caData,
    token,
    deps.kubernetes?.requester ?? httpsRequester(proxyEnv),
    apiServerRoute(endpoint, proxyEnv),
  );
}

interface Item {
  metadata?: {
    name?: string;
    namespace?: string;
    ownerReferences?: { kind?: string }[];
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
}

function items(list: Record<string, unknown> | undefined): Item[] {
  return ((list?.['items'] as Item[] | undefined) ?? []).filter((i) => i.metadata?.name !== undefined);
}

/** The nodegroup's nodes: eksctl's label on self-managed nodes, EKS's on managed ones. */
async function nodesOf(client: KubernetesClient, nodegroup: string): Promise<Item[]> {
  const found = new Map<string, Item>();
  for (const label of ['alpha.eksctl.io/nodegroup-name', 'eks.amazonaws.com/nodegroup']) {
    const selector = encodeURIComponent(`${label}=${nodegroup}`);
    for (const node of items(await client.get(`/api/v1/nodes?labelSelector=${selector}`)))
      found.set(node.metadata?.name as string, node);
  }
  return [...found.values()];
}

/** Cordons and drains the nodegroup's nodes; returns how many nodes and pods it handled. */
export async function drainNodegroup(
  client: KubernetesClient,
  nodegroup: string,
): Promise<{ nodes: number; evicted: number }> {
  const nodes = await nodesOf(client, nodegroup);
  let evicted = 0;
  for (const node of nodes) {
    const name = node.metadata?.name as string;
    const path = `/api/v1/nodes/${encodeURIComponent(name)}`;
    const current = await client.get(path);
    if (current !== undefined) {
      const spec = (current['spec'] ?? {}) as Record<string, unknown>;
      if (spec['unschedulable'] !== true)
        await client.replace(path, { ...current, spec: { ...spec, unschedulable: true } });
    }
    const selector = encodeURIComponent(`spec.nodeName=${name}`);
    for (const pod of items(await client.get(`/api/v1/pods?fieldSelector=${selector}`))) {
      const meta = pod.metadata ?? {};
      if ((meta.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet')) continue;
      if (meta.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
      const ns = encodeURIComponent(meta.namespace ?? 'default');
      const pod_ = encodeURIComponent(meta.name as string);
      await client.create(`/api/v1/namespaces/${ns}/pods/${pod_}/eviction`, {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: meta.name, namespace: meta.namespace ?? 'default' },
      });
      evicted += 1;
    }
  }
  return { nodes: nodes.length, evicted };
}
