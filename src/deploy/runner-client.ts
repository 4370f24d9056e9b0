/**
 * Calling the in-VPC runner (src/runner/handler.ts) through the Lambda API, which is reachable from
 * wherever private-eks runs, and a Kubernetes client on top of it with the same get / create /
 * replace as the direct one (kubernetes-client.ts), so the Kubernetes-API steps run unchanged
 * whichever way they reach the API server.
 *
 * The Lambda client is built from the EKS client's own configuration — region, the proxy-aware
 * request handler, credentials chain and retry settings — so it goes where every other call goes
 * (AWS_ENDPOINT_URL, proxies) and is counted with them; and only a create or delete that has a
 * runner loads it.
 */
import type { EKSClient } from '@aws-sdk/client-eks';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { attachCallCounter, type AwsCallCounter } from '../aws/call-counter.js';
import { DeployError } from '../errors.js';
import type { RunnerEvent, RunnerObject, RunnerResult } from '../runner/handler.js';
import { callAws } from './aws-call.js';
import type { KubernetesClient } from './kubernetes-client.js';

/** What the Kubernetes-API steps need of a client, direct or through the runner. */
export type KubernetesObjectApi = Pick<KubernetesClient, 'get' | 'create' | 'replace'>;

export async function lambdaClientLike(eks: EKSClient, calls?: AwsCallCounter): Promise<LambdaClient> {
  const { LambdaClient } = await import('./lambda-sdk.js');
  const config = eks.config;
  const client = new LambdaClient({
    region: config.region,
    requestHandler: config.requestHandler,
    credentials: config.credentials,
    maxAttempts: config.maxAttempts,
    retryMode: config.retryMode,
  });
  if (calls !== undefined) attachCallCounter(client, 'lambda', calls);
  return client;
}

/** One synchronous Invoke; the handler's thrown error becomes a DeployError naming the function. */
export async function invokeRunner(
  lambda: LambdaClient,
  functionName: string,
  event: RunnerEvent,
  signal?: AbortSignal,
): Promise<RunnerResult> {
  const { InvokeCommand } = await import('./lambda-sdk.js');
  const out = await callAws('lambda:InvokeFunction', signal, (options) =>
    lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
      options,
    ),
  );
  const text = new TextDecoder().decode(out.Payload ?? new Uint8Array());
  if (out.FunctionError !== undefined) {
    let message = text;
    try {
      const parsed = JSON.parse(text) as { errorMessage?: unknown };
      if (typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
    } catch {
      // Not JSON: Lambda's own error text.
    }
    throw new DeployError(`the in-VPC runner ${functionName} failed to ${event.action}: ${message}`, functionName, {
      hint: /\b40[13]\b/.test(message)
        ? "the runner's access entry lacks the permission: re-run create to restore its stack"
        : /timeout|ETIMEDOUT|ECONNREFUSED/.test(message)
          ? "the runner cannot reach the API server: check that the cluster security group admits the runner's (443)"
          : "see the function's log group /aws/lambda/" + functionName,
    });
  }
  return JSON.parse(text === '' ? '{"done":[],"blocked":[]}' : text) as RunnerResult;
}

const RESOURCE_KINDS: Readonly<Record<string, string>> = {
  serviceaccounts: 'ServiceAccount',
  configmaps: 'ConfigMap',
};

const RBAC_KINDS: Readonly<Record<string, string>> = { roles: 'Role', rolebindings: 'RoleBinding' };
const RBAC_API = 'rbac.authorization.k8s.io/v1';

/**
 * The object a path names: `/api/v1/namespaces/NS`, `/api/v1/namespaces/NS/RESOURCE/NAME`, or
 * `/apis/rbac.authorization.k8s.io/v1/namespaces/NS/(roles|rolebindings)/NAME`.
 */
export function objectAt(path: string): RunnerObject {
  const parts = path.split('/').map(decodeURIComponent);
  if (`${parts[1] ?? ''}/${parts[2] ?? ''}/${parts[3] ?? ''}` === `apis/${RBAC_API}` && parts[4] === 'namespaces') {
    // ['', 'apis', 'rbac.authorization.k8s.io', 'v1', 'namespaces', ns, resource, name]
    const kind = RBAC_KINDS[parts[6] ?? ''];
    if (kind !== undefined && parts.length === 8 && parts[5] !== undefined && parts[7] !== undefined)
      return { apiVersion: RBAC_API, kind, metadata: { name: parts[7], namespace: parts[5] } };
  }
  // ['', 'api', 'v1', 'namespaces', ns, resource?, name?]
  if (parts[1] === 'api' && parts[2] === 'v1' && parts[3] === 'namespaces' && parts[4] !== undefined) {
    if (parts.length === 5) return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: parts[4] } };
    const kind = RESOURCE_KINDS[parts[5] ?? ''];
    if (kind !== undefined && parts.length === 7 && parts[6] !== undefined)
      return { apiVersion: 'v1', kind, metadata: { name: parts[6], namespace: parts[4] } };
  }
  throw new DeployError(`the in-VPC runner does not serve ${path}`, path);
}

/**
 * An object as read, made fit for server-side apply: the server's bookkeeping fields
 * (managedFields must be absent; a stale resourceVersion would fail the apply) dropped.
 */
function forApply(object: unknown): RunnerObject {
  const o = object as RunnerObject & { status?: unknown };
  const {
    managedFields: _m,
    resourceVersion: _r,
    uid: _u,
    creationTimestamp: _c,
    ...metadata
  } = o.metadata as Record<string, unknown>;
  const { status: _s, ...rest } = o;
  return { ...rest, metadata: metadata as RunnerObject['metadata'] };
}

export class RunnerKubernetesClient implements KubernetesObjectApi {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionName: string,
    private readonly signal?: AbortSignal,
  ) {}

  async get(path: string): Promise<Record<string, unknown> | undefined> {
    const result = await invokeRunner(
      this.lambda,
      this.functionName,
      { action: 'get', objects: [objectAt(path)] },
      this.signal,
    );
    const found = result.found?.[0];
    return found === null || found === undefined ? undefined : (found as Record<string, unknown>);
  }

  async create(_collection: string, object: unknown): Promise<Record<string, unknown>> {
    await this.apply(object);
    return object as Record<string, unknown>;
  }

  async replace(_path: string, object: unknown): Promise<Record<string, unknown>> {
    await this.apply(object);
    return object as Record<string, unknown>;
  }

  private async apply(object: unknown): Promise<void> {
    await invokeRunner(this.lambda, this.functionName, { action: 'apply', objects: [forApply(object)] }, this.signal);
  }
}
