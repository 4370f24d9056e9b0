/**
 * The in-VPC runner: a small function that private-eks deploys into the cluster's private subnets
 * when the plan has Kubernetes steps, so those steps never need public access to the API server.
 * private-eks invokes it through the Lambda API (reachable from outside the VPC); it talks only to
 * the cluster's private endpoint, over TLS verified against the cluster CA alone.
 *
 * It is deliberately self-contained — node built-ins only, no SDK — because it is shipped inline
 * in the CloudFormation template (Code.ZipFile, at most 4,096 bytes after minification; the build
 * writes handler-code.generated.ts and a test keeps the two in step). It needs no VPC endpoint:
 * the bearer token is an `aws eks get-token` style presigned STS URL made here from the function's
 * own credentials, and it is the API server, not the function, that calls STS with it.
 *
 * Actions (the event's `action`):
 * - `get`: each object as the API server has it (null when absent), for read-modify-write;
 * - `apply`: server-side apply of each object (field manager `private-eks`);
 * - `delete`: delete each object (already gone counts as deleted);
 * - `drain`: cordon the nodes the label selector picks (one nodegroup's; every node without one)
 *   and evict their pods (not DaemonSet or mirror pods), as `kubectl drain` does; pods a
 *   disruption budget protects are reported, not forced — unless `deletePods` (eksctl's
 *   `--disable-nodegroup-eviction`) deletes them instead, without asking the budgets.
 */
/* eslint-disable no-restricted-syntax -- the runner runs alone in Lambda: it cannot import
   src/errors.ts, and Lambda hands a thrown Error's message back to the caller as FunctionError. */
import { createHash, createHmac } from 'node:crypto';
import { request as httpsRequest } from 'node:https';

/** A Kubernetes object as private-eks writes it: only these kinds, whose paths are known. */
export interface RunnerObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [field: string]: unknown;
}

export interface RunnerEvent {
  readonly action: 'get' | 'apply' | 'delete' | 'drain';
  readonly objects?: readonly RunnerObject[];
  /** drain: a label selector for the nodes, e.g. `eks.amazonaws.com/nodegroup=ng-1`. */
  readonly selector?: string;
  /** drain: delete the pods instead of evicting them (disruption budgets are not checked). */
  readonly deletePods?: boolean;
}

export interface RunnerResult {
  /** `Kind namespace/name` of each object applied, deleted, or each pod evicted. */
  readonly done: string[];
  /** Pods whose eviction a PodDisruptionBudget refused (drain only). */
  readonly blocked: string[];
  /** drain: how many nodes were cordoned. */
  readonly nodes?: number;
  /** `get`: each object as the API server has it, or null where there is none. */
  readonly found?: unknown[];
}

/**
 * The kinds the runner may touch (IRSA and Pod Identity service accounts and their namespaces, the
 * aws-auth and amazon-vpc-cni ConfigMaps, emr-containers' Role and RoleBinding); anything else is
 * refused. Each one's resource is its kind in lower case with an "s".
 */
const KINDS = ['Namespace', 'ServiceAccount', 'ConfigMap', 'Role', 'RoleBinding'];

interface Settings {
  readonly cluster: string;
  readonly endpoint: string;
  readonly ca: string;
  readonly region: string;
  readonly stsHost: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
}

function settingsFrom(env: NodeJS.ProcessEnv): Settings {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`no ${name}`);
    return value;
  };
  return {
    cluster: need('CLUSTER_NAME'),
    endpoint: need('CLUSTER_ENDPOINT'),
    // PEM is ASCII: atob's Latin-1 string is the text.
    ca: atob(need('CLUSTER_CA')),
    region: need('AWS_REGION'),
    stsHost: need('STS_HOST'),
    accessKeyId: need('AWS_ACCESS_KEY_ID'),
    secretAccessKey: need('AWS_SECRET_ACCESS_KEY'),
    sessionToken: env['AWS_SESSION_TOKEN'],
  };
}

/** RFC 3986 encoding, as SigV4 wants it. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/**
 * `k8s-aws-v1.` + base64url of a presigned STS GetCallerIdentity URL valid 60 s, with the cluster
 * name in the signed `x-k8s-aws-id` header (aws-iam-authenticator's token format).
 */
export function presignedToken(s: Settings, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const day = stamp.slice(0, 8);
  const scope = `${day}/${s.region}/sts/aws4_request`;
  const params: Record<string, string> = {
    Action: 'GetCallerIdentity',
    Version: '2011-06-15',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${s.accessKeyId}/${scope}`,
    'X-Amz-Date': stamp,
    'X-Amz-Expires': '60',
    'X-Amz-SignedHeaders': 'host;x-k8s-aws-id',
  };
  if (s.sessionToken !== undefined) params['X-Amz-Security-Token'] = s.sessionToken;
  const query = Object.keys(params)
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
    .join('&');
  const canonical = [
    'GET',
    '/',
    query,
    `host:${s.stsHost}\nx-k8s-aws-id:${s.cluster}\n`,
    'host;x-k8s-aws-id',
    sha256(''),
  ].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${s.secretAccessKey}`, day);
  for (const part of [s.region, 'sts', 'aws4_request']) key = hmac(key, part);
  const url = `https://${s.stsHost}/?${query}&X-Amz-Signature=${createHmac('sha256', key).update(toSign).digest('hex')}`;
  return `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
}

interface Reply {
  readonly status: number;
  readonly body: { message?: string; items?: Record<string, unknown>[] } & Record<string, unknown>;
}

function request(s: Settings, method: string, path: string, body?: unknown, type?: string): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, s.endpoint),
      {
        method,
        ca: s.ca,
        timeout: 30_000,
        headers: {
          authorization: `Bearer ${presignedToken(s, new Date())}`,
          ...(payload === undefined ? {} : { 'content-type': type ?? 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: Reply['body'];
          try {
            parsed = text === '' ? {} : (JSON.parse(text) as Reply['body']);
          } catch {
            parsed = { message: text.slice(0, 200) };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on('error', reject);
    req.end(payload);
  });
}

function expectOk(reply: Reply, what: string): Reply {
  if (reply.status >= 200 && reply.status < 300) return reply;
  throw new Error(`${what}: ${reply.status} ${reply.body.message ?? ''}`.trim());
}

/** The object's URL path, from its apiVersion, kind and namespace. */
export function objectPath(o: RunnerObject): string {
  if (!KINDS.includes(o.kind)) throw new Error(`kind ${o.kind} refused`);
  const resource = `${o.kind.toLowerCase()}s`;
  const base = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
  const ns = o.metadata.namespace === undefined ? '' : `/namespaces/${encode(o.metadata.namespace)}`;
  return `${base}${ns}/${resource}/${encode(o.metadata.name)}`;
}

const label = (o: RunnerObject): string =>
  `${o.kind} ${o.metadata.namespace === undefined ? '' : `${o.metadata.namespace}/`}${o.metadata.name}`;

async function drain(s: Settings, e: RunnerEvent): Promise<RunnerResult> {
  const done: string[] = [];
  const blocked: string[] = [];
  const query = e.selector ? `?labelSelector=${encode(e.selector)}` : '';
  const nodes = expectOk(await request(s, 'GET', '/api/v1/nodes' + query), 'list nodes').body.items ?? [];
  for (const node of nodes) {
    const name = (node['metadata'] as { name: string }).name;
    expectOk(
      await request(
        s,
        'PATCH',
        `/api/v1/nodes/${encode(name)}`,
        { spec: { unschedulable: true } },
        'application/merge-patch+json',
      ),
      `cordon ${name}`,
    );
    const pods = expectOk(
      await request(s, 'GET', `/api/v1/pods?fieldSelector=spec.nodeName=${encode(name)}`),
      `pods ${name}`,
    ).body.items;
    for (const pod of pods ?? []) {
      const meta = pod['metadata'] as {
        name: string;
        namespace: string;
        annotations?: Record<string, string>;
        ownerReferences?: { kind: string }[];
      };
      // Like kubectl drain: DaemonSet pods come back at once, mirror pods belong to the kubelet.
      if (meta.ownerReferences?.some((r) => r.kind === 'DaemonSet')) continue;
      if (meta.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
      const path = `/api/v1/namespaces/${encode(meta.namespace)}/pods/${encode(meta.name)}`;
      const reply = e.deletePods
        ? await request(s, 'DELETE', path)
        : await request(s, 'POST', `${path}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: meta });
      const id = `Pod ${meta.namespace}/${meta.name}`;
      if (reply.status === 429) blocked.push(id);
      else if (reply.status !== 404) {
        expectOk(reply, `evict ${id}`);
        done.push(id);
      }
    }
  }
  return { done, blocked, nodes: nodes.length };
}

export async function run(event: RunnerEvent, env: NodeJS.ProcessEnv): Promise<RunnerResult> {
  const s = settingsFrom(env);
  if (event.action === 'drain') return drain(s, event);
  const done: string[] = [];
  if (event.action === 'get') {
    const found: unknown[] = [];
    for (const o of event.objects ?? []) {
      const reply = await request(s, 'GET', objectPath(o));
      found.push(reply.status === 404 ? null : expectOk(reply, `get ${label(o)}`).body);
    }
    return { done, blocked: [], found };
  }
  for (const o of event.objects ?? []) {
    const path = objectPath(o);
    if (event.action === 'apply') {
      const query = '?fieldManager=private-eks&force=true';
      expectOk(await request(s, 'PATCH', path + query, o, 'application/apply-patch+yaml'), `apply ${label(o)}`);
    } else {
      const reply = await request(s, 'DELETE', path);
      if (reply.status !== 404) expectOk(reply, `delete ${label(o)}`);
    }
    done.push(label(o));
  }
  return { done, blocked: [] };
}

/** The Lambda entry point. */
export const handler = (event: RunnerEvent): Promise<RunnerResult> => run(event, process.env);
