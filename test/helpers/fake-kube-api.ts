/**
 * A small Kubernetes API server on 127.0.0.1 over real TLS (a chain made by openssl at test time),
 * standing in for an EKS API server. It keeps objects in memory by their URL path and answers the
 * calls the in-VPC runner makes: server-side apply (PATCH application/apply-patch+yaml), merge
 * patch, GET of an object or a list (field and label selectors), DELETE, and pod eviction (POST …/eviction), honouring a set of
 * pods "protected by a disruption budget" (429, as the real eviction API answers).
 *
 * It checks what a real server would refuse: a missing bearer token (401), an apply without a field
 * manager (400), an unknown content type (415).
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import type { TestPki } from './tls-server.js';

export interface FakeKubeApi {
  readonly url: string;
  /** Objects by path, e.g. `/api/v1/namespaces/default/serviceaccounts/app`. */
  readonly objects: Map<string, Record<string, unknown>>;
  /** `METHOD path content-type` of each request, in order. */
  readonly requests: string[];
  /** The bearer tokens seen. */
  readonly tokens: Set<string>;
  /** Pod paths whose eviction is refused with 429. */
  readonly protectedPods: Set<string>;
  /** Paths every request to which is refused with 403, as RBAC refuses a caller without the verb. */
  readonly forbidden: Set<string>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

export async function startFakeKubeApi(pki: TestPki): Promise<FakeKubeApi> {
  const objects = new Map<string, Json>();
  const requests: string[] = [];
  const tokens = new Set<string>();
  const protectedPods = new Set<string>();
  const forbidden = new Set<string>();

  const server = https.createServer(
    { key: readFileSync(pki.leaf.keyPath), cert: pki.leaf.pem + pki.intermediate.pem },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const type = req.headers['content-type'] ?? '';
        requests.push(`${req.method} ${req.url} ${type}`.trim());
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const status = (code: number, message: string) => reply(code, { kind: 'Status', code, message });
        const auth = req.headers.authorization;
        if (auth === undefined || !auth.startsWith('Bearer ')) return status(401, 'Unauthorized');
        tokens.add(auth.slice('Bearer '.length));

        const url = new URL(req.url ?? '/', 'https://fake');
        const path = url.pathname;
        if (forbidden.has(path)) return status(403, `${req.method} ${path} is forbidden for this user`);
        const body = chunks.length === 0 ? undefined : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);

        if (req.method === 'GET') {
          const found = objects.get(path);
          if (found !== undefined) return reply(200, found);
          const items = listUnder(objects, path, url.searchParams);
          return items === undefined ? status(404, `${path} not found`) : reply(200, { kind: 'List', items });
        }
        if (req.method === 'DELETE') {
          if (!objects.delete(path)) return status(404, `${path} not found`);
          return status(200, 'deleted');
        }
        if (req.method === 'PATCH') {
          if (type === 'application/apply-patch+yaml') {
            if (url.searchParams.get('fieldManager') === null) return status(400, 'fieldManager is required for apply');
            objects.set(path, { ...objects.get(path), ...body });
            return reply(200, objects.get(path));
          }
          if (type === 'application/merge-patch+json') {
            const current = objects.get(path);
            if (current === undefined) return status(404, `${path} not found`);
            const merged = mergePatch(current, body ?? {});
            objects.set(path, merged);
            return reply(200, merged);
          }
          return status(415, `unsupported patch type ${type}`);
        }
        if (req.method === 'POST' && path.endsWith('/eviction')) {
          const pod = path.slice(0, -'/eviction'.length);
          if (!objects.has(pod)) return status(404, `${pod} not found`);
          if (protectedPods.has(pod))
            return status(429, 'Cannot evict pod as it would violate the pod disruption budget.');
          objects.delete(pod);
          return status(201, 'evicted');
        }
        return status(405, `${req.method} not served by the fake API`);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    requests,
    tokens,
    protectedPods,
    forbidden,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Lists: `/api/v1/nodes`, `/api/v1/pods` (all namespaces), with a `spec.nodeName=` field selector
 * and a label selector of `key=value` terms joined by commas (all must match, as in Kubernetes).
 */
function listUnder(objects: Map<string, Json>, path: string, query: URLSearchParams): Json[] | undefined {
  const resource = path.split('/').pop();
  if (path !== '/api/v1/nodes' && path !== '/api/v1/pods') return undefined;
  const fieldSelector = query.get('fieldSelector');
  const nodeName = fieldSelector?.startsWith('spec.nodeName=') ? fieldSelector.slice('spec.nodeName='.length) : null;
  const labelTerms = (query.get('labelSelector') ?? '')
    .split(',')
    .filter((t) => t !== '')
    .map((t) => {
      const [key = '', value = ''] = t.split('=');
      return { key, value };
    });
  return [...objects.entries()]
    .filter(([key]) => (resource === 'nodes' ? key.startsWith('/api/v1/nodes/') : /\/pods\/[^/]+$/.test(key)))
    .map(([, value]) => value)
    .filter((o) => nodeName === null || (o['spec'] as { nodeName?: string } | undefined)?.nodeName === nodeName)
    .filter((o) => {
      const labels = (o['metadata'] as { labels?: Record<string, string> } | undefined)?.labels ?? {};
      return labelTerms.every((t) => labels[t.key] === t.value);
    });
}

function mergePatch(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (typeof value === 'object' && !Array.isArray(value) && typeof out[key] === 'object' && out[key] !== null)
      out[key] = mergePatch(out[key] as Json, value as Json);
    else out[key] = value;
  }
  return out;
}

/** Seeds a node (with its labels, e.g. its nodegroup's) and pods on it, for drain tests. */
export function seedNode(
  api: FakeKubeApi,
  node: string,
  pods: readonly { namespace: string; name: string; owner?: string; mirror?: boolean }[],
  labels: Readonly<Record<string, string>> = {},
): void {
  api.objects.set(`/api/v1/nodes/${node}`, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node, labels: { ...labels } },
    spec: {},
  });
  for (const pod of pods) {
    api.objects.set(`/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: pod.name,
        namespace: pod.namespace,
        ...(pod.owner === undefined ? {} : { ownerReferences: [{ kind: pod.owner, name: 'owner' }] }),
        ...(pod.mirror === true ? { annotations: { 'kubernetes.io/config.mirror': 'x' } } : {}),
      },
      spec: { nodeName: node },
    });
  }
}
