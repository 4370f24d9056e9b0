/**
 * A kubeconfig entry for an EKS cluster, and merging it into (or out of) an existing kubeconfig
 * without touching anyone else's entries. Pure: file handling is in file.ts.
 *
 * Names: the cluster's ARN for the cluster, user and context, as `aws eks update-kubeconfig`
 * writes them, so running either tool afterwards updates one entry instead of adding a second.
 * Credentials: an exec plugin running `aws eks get-token` (SPEC §1 `utils write-kubeconfig`,
 * §7 step 4): no token or key is ever written to the file.
 */

export interface KubeconfigEntryInput {
  readonly clusterName: string;
  readonly region: string;
  /** The API server URL (`https://…eks.amazonaws.com`). */
  readonly endpoint: string;
  /** Base64 PEM of the cluster CA, as EKS returns it. */
  readonly certificateAuthorityData: string;
  /** The cluster's ARN; when unknown a name made from cluster and region is used. */
  readonly arn?: string;
  /** `--profile`: passed on to `aws eks get-token`. */
  readonly profile?: string;
}

export interface KubeconfigEntry {
  readonly name: string;
  readonly cluster: { readonly server: string; readonly 'certificate-authority-data': string };
  readonly user: {
    readonly exec: {
      readonly apiVersion: string;
      readonly command: string;
      readonly args: readonly string[];
      readonly interactiveMode: string;
    };
  };
}

/** The exec plugin API that kubectl ≥ 1.24 and `aws eks get-token` both speak. */
const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

export function kubeconfigEntry(input: KubeconfigEntryInput): KubeconfigEntry {
  const args = ['eks', 'get-token', '--cluster-name', input.clusterName, '--region', input.region];
  if (input.profile !== undefined) args.push('--profile', input.profile);
  args.push('--output', 'json');
  return {
    name: input.arn ?? `${input.clusterName}.${input.region}.private-eks`,
    cluster: { server: input.endpoint, 'certificate-authority-data': input.certificateAuthorityData },
    user: { exec: { apiVersion: EXEC_API_VERSION, command: 'aws', args, interactiveMode: 'IfAvailable' } },
  };
}

/** A kubeconfig as plain data (the parts private-eks touches; everything else is kept as is). */
export type KubeconfigDoc = Record<string, unknown>;

interface Named {
  name?: unknown;
  [key: string]: unknown;
}

function namedList(doc: KubeconfigDoc, key: string): Named[] {
  const value = doc[key];
  return Array.isArray(value) ? (value as Named[]) : [];
}

function upsert(list: Named[], item: Named): Named[] {
  const index = list.findIndex((x) => x.name === item.name);
  if (index < 0) return [...list, item];
  return list.map((x, i) => (i === index ? item : x));
}

/** Adds or replaces our cluster, user and context, and makes the context current. */
export function mergeEntry(doc: KubeconfigDoc | undefined, entry: KubeconfigEntry): KubeconfigDoc {
  const base: KubeconfigDoc = doc ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    ...base,
    clusters: upsert(namedList(base, 'clusters'), { name: entry.name, cluster: entry.cluster }),
    users: upsert(namedList(base, 'users'), { name: entry.name, user: entry.user }),
    contexts: upsert(namedList(base, 'contexts'), {
      name: entry.name,
      context: { cluster: entry.name, user: entry.name },
    }),
    'current-context': entry.name,
  };
}

/**
 * Removes the cluster, user and context named `name` and nothing else; clears current-context
 * only when it was ours. Returns the document unchanged (same object) when there was nothing.
 */
export function removeEntry(doc: KubeconfigDoc, name: string): { doc: KubeconfigDoc; removed: boolean } {
  const lists = ['clusters', 'users', 'contexts'] as const;
  const removed = lists.some((key) => namedList(doc, key).some((x) => x.name === name));
  if (!removed) return { doc, removed: false };
  const out: KubeconfigDoc = { ...doc };
  for (const key of lists) {
    if (Array.isArray(doc[key])) out[key] = namedList(doc, key).filter((x) => x.name !== name);
  }
  if (doc['current-context'] === name) out['current-context'] = '';
  return { doc: out, removed: true };
}

/**
 * The names of the entries that belong to this cluster: users whose exec runs
 * `aws … eks get-token … --cluster-name <cluster> … --region <region>` (as private-eks and
 * `aws eks update-kubeconfig` write them), the contexts using those users, and those contexts'
 * clusters. Found by content, so the cluster's ARN is not needed (it is gone once the cluster is).
 */
export function entryNamesForCluster(doc: KubeconfigDoc, clusterName: string, region: string): string[] {
  const users = namedList(doc, 'users').filter((u) => {
    const exec = (u['user'] as { exec?: { command?: unknown; args?: unknown } } | undefined)?.exec;
    const args = Array.isArray(exec?.args) ? exec.args.map(String) : [];
    const value = (flag: string): string | undefined => args[args.indexOf(flag) + 1];
    return (
      args.includes('get-token') && value('--cluster-name') === clusterName && (value('--region') ?? region) === region
    );
  });
  const userNames = new Set(users.map((u) => String(u.name)));
  const contexts = namedList(doc, 'contexts').filter((c) =>
    userNames.has(String((c['context'] as { user?: unknown } | undefined)?.user)),
  );
  const clusterNames = contexts.map((c) => String((c['context'] as { cluster?: unknown } | undefined)?.cluster));
  return [...new Set([...userNames, ...contexts.map((c) => String(c.name)), ...clusterNames])];
}
