/**
 * The in-VPC runner's handler against a fake Kubernetes API over real TLS (test/helpers/fake-kube-api.ts),
 * both as TypeScript source and as the exact minified code the templates ship inline.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STSClient } from '@aws-sdk/client-sts';
import { presignedToken, run, type RunnerEvent, type RunnerResult } from '../../../src/runner/handler.js';
import { RUNNER_HANDLER_CODE } from '../../../src/runner/handler-code.generated.js';
import { eksToken, tokenUrl } from '../../../src/deploy/kubernetes-token.js';
import { objectAt } from '../../../src/deploy/runner-client.js';
import { createTestPki, type TestPki } from '../../helpers/tls-server.js';
import { seedNode, startFakeKubeApi, type FakeKubeApi } from '../../helpers/fake-kube-api.js';
// @ts-expect-error: a plain .mjs build script without declarations
import { buildRunnerCode, generatedModule } from '../../../scripts/runner-code.mjs';
import { readFileSync } from 'node:fs';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

let pki: TestPki;
let api: FakeKubeApi;
let scratch: string;

beforeAll(async () => {
  pki = createTestPki('private-eks runner test');
  api = await startFakeKubeApi(pki);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'runner-'));
});
afterAll(async () => {
  await api?.close();
  pki?.remove();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  api.objects.clear();
  api.requests.length = 0;
  api.tokens.clear();
  api.protectedPods.clear();
  api.forbidden.clear();
});

function env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    CLUSTER_NAME: 'private-cluster',
    CLUSTER_ENDPOINT: api.url,
    CLUSTER_CA: Buffer.from(pki.root.pem).toString('base64'),
    AWS_REGION: 'us-west-2',
    STS_HOST: 'sts.us-west-2.amazonaws.com',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: 'session/token+with=odd chars',
    ...overrides,
  };
}

const serviceAccount = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: {
    name: 's3-reader',
    namespace: 'backend',
    annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/s3-reader' },
  },
};
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'backend' } };
const awsAuth = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'aws-auth', namespace: 'kube-system' },
  data: {
    mapRoles: '- rolearn: arn:aws:iam::123456789012:role/nodes\n  username: system:node:{{EC2PrivateDNSName}}\n',
  },
};

/** The shipped artefact, loaded as Lambda loads index.js (CommonJS). */
function loadShippedHandler(): (event: RunnerEvent) => Promise<RunnerResult> {
  const file = path.join(scratch, 'index.js');
  writeFileSync(file, RUNNER_HANDLER_CODE);
  const mod = createRequire(import.meta.url)(file) as { handler: (event: RunnerEvent) => Promise<RunnerResult> };
  return mod.handler;
}

describe('the token made inside the runner', () => {
  it('is the same presigned STS URL as the CLI makes with the SDK signer (with a session token)', async () => {
    const date = new Date(Date.UTC(2026, 11, 3, 9, 30, 15));
    const sts = new STSClient({ region: 'us-west-2', credentials: { ...CREDENTIALS, sessionToken: 'tok/en+=' } });
    const sdkToken = await eksToken(sts, {
      cluster: 'private-cluster',
      region: 'us-west-2',
      partition: 'aws',
      signingDate: date,
    });
    sts.destroy();
    const settings = {
      cluster: 'private-cluster',
      endpoint: 'https://x',
      ca: '',
      region: 'us-west-2',
      stsHost: 'sts.us-west-2.amazonaws.com',
      ...CREDENTIALS,
      sessionToken: 'tok/en+=',
    };
    const ours = tokenUrl(presignedToken(settings, date));
    const theirs = tokenUrl(sdkToken);
    expect(ours.host).toBe(theirs.host);
    expect(Object.fromEntries(ours.searchParams)).toEqual(Object.fromEntries(theirs.searchParams));
    expect(ours.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.each([
  ['the TypeScript source', () => (event: RunnerEvent) => run(event, env())],
  [
    'the minified code shipped in the template',
    () => {
      const shipped = loadShippedHandler();
      return async (event: RunnerEvent) => {
        const saved = { ...process.env };
        Object.assign(process.env, env());
        try {
          return await shipped(event);
        } finally {
          for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
          Object.assign(process.env, saved);
        }
      };
    },
  ],
])('%s', (_name, makeHandler) => {
  it('server-side applies each object at its path, with a bearer token for the cluster', async () => {
    const handler = makeHandler();
    const result = await handler({ action: 'apply', objects: [namespace, serviceAccount, awsAuth] });
    expect(result.done).toEqual([
      'Namespace backend',
      'ServiceAccount backend/s3-reader',
      'ConfigMap kube-system/aws-auth',
    ]);
    expect(api.objects.get('/api/v1/namespaces/backend/serviceaccounts/s3-reader')).toMatchObject(serviceAccount);
    expect(api.objects.get('/api/v1/namespaces/kube-system/configmaps/aws-auth')).toMatchObject(awsAuth);
    expect(api.objects.has('/api/v1/namespaces/backend')).toBe(true);
    expect(api.requests).toEqual([
      'PATCH /api/v1/namespaces/backend?fieldManager=private-eks&force=true application/apply-patch+yaml',
      'PATCH /api/v1/namespaces/backend/serviceaccounts/s3-reader?fieldManager=private-eks&force=true application/apply-patch+yaml',
      'PATCH /api/v1/namespaces/kube-system/configmaps/aws-auth?fieldManager=private-eks&force=true application/apply-patch+yaml',
    ]);
    for (const token of api.tokens) {
      const url = tokenUrl(token);
      expect(url.host).toBe('sts.us-west-2.amazonaws.com');
      expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session/token+with=odd chars');
    }
  });

  it('deletes objects, and one already gone counts as deleted', async () => {
    const handler = makeHandler();
    await handler({ action: 'apply', objects: [serviceAccount] });
    const result = await handler({ action: 'delete', objects: [serviceAccount, awsAuth] });
    expect(result.done).toEqual(['ServiceAccount backend/s3-reader', 'ConfigMap kube-system/aws-auth']);
    expect(api.objects.size).toBe(0);
  });

  it('drains: cordons every node, evicts its pods but DaemonSet and mirror pods, reports PDB refusals', async () => {
    const handler = makeHandler();
    seedNode(api, 'ip-10-0-1-1', [
      { namespace: 'default', name: 'web-1' },
      { namespace: 'kube-system', name: 'aws-node-x', owner: 'DaemonSet' },
      { namespace: 'kube-system', name: 'static-1', mirror: true },
      { namespace: 'default', name: 'db-0' },
    ]);
    seedNode(api, 'ip-10-0-2-2', [{ namespace: 'default', name: 'web-2' }]);
    api.protectedPods.add('/api/v1/namespaces/default/pods/db-0');
    const result = await handler({ action: 'drain' });
    expect(result.done.sort()).toEqual(['Pod default/web-1', 'Pod default/web-2']);
    expect(result.blocked).toEqual(['Pod default/db-0']);
    for (const node of ['ip-10-0-1-1', 'ip-10-0-2-2'])
      expect(api.objects.get(`/api/v1/nodes/${node}`)).toMatchObject({ spec: { unschedulable: true } });
    expect(api.objects.has('/api/v1/namespaces/kube-system/pods/aws-node-x')).toBe(true);
    expect(api.objects.has('/api/v1/namespaces/kube-system/pods/static-1')).toBe(true);
  });

  it("drains only the nodes the label selector picks (one nodegroup's), and says how many it cordoned", async () => {
    const handler = makeHandler();
    seedNode(api, 'ip-10-0-1-1', [{ namespace: 'default', name: 'web-1' }], { 'eks.amazonaws.com/nodegroup': 'ng-a' });
    seedNode(api, 'ip-10-0-2-2', [{ namespace: 'default', name: 'web-2' }], { 'eks.amazonaws.com/nodegroup': 'ng-b' });
    const result = await handler({ action: 'drain', selector: 'eks.amazonaws.com/nodegroup=ng-a' });
    expect(result).toEqual({ done: ['Pod default/web-1'], blocked: [], nodes: 1 });
    expect(api.requests[0]).toBe('GET /api/v1/nodes?labelSelector=eks.amazonaws.com%2Fnodegroup%3Dng-a');
    expect(api.objects.get('/api/v1/nodes/ip-10-0-2-2')).toMatchObject({ spec: {} });
    expect(api.objects.get('/api/v1/nodes/ip-10-0-2-2')).not.toMatchObject({ spec: { unschedulable: true } });
    expect(api.objects.has('/api/v1/namespaces/default/pods/web-2')).toBe(true);
  });

  it('with deletePods, deletes the pods instead of evicting them: a disruption budget does not hold them', async () => {
    const handler = makeHandler();
    seedNode(api, 'ip-10-0-1-1', [{ namespace: 'default', name: 'db-0' }]);
    api.protectedPods.add('/api/v1/namespaces/default/pods/db-0');
    const result = await handler({ action: 'drain', deletePods: true });
    expect(result).toEqual({ done: ['Pod default/db-0'], blocked: [], nodes: 1 });
    expect(api.requests).toContain('DELETE /api/v1/namespaces/default/pods/db-0');
    expect(api.requests.some((r) => r.includes('/eviction'))).toBe(false);
    expect(api.objects.has('/api/v1/namespaces/default/pods/db-0')).toBe(false);
  });

  it("applies emr-containers' Role and RoleBinding at their RBAC API paths, and reads them back", async () => {
    const handler = makeHandler();
    const rbac = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'emr-containers', namespace: 'spark' },
    };
    const role = { ...rbac, kind: 'Role', rules: [] };
    const binding = { ...rbac, kind: 'RoleBinding', roleRef: { kind: 'Role', name: 'emr-containers' } };
    const result = await handler({ action: 'apply', objects: [role, binding] });
    expect(result.done).toEqual(['Role spark/emr-containers', 'RoleBinding spark/emr-containers']);
    const base = '/apis/rbac.authorization.k8s.io/v1/namespaces/spark';
    expect(api.requests).toEqual([
      `PATCH ${base}/roles/emr-containers?fieldManager=private-eks&force=true application/apply-patch+yaml`,
      `PATCH ${base}/rolebindings/emr-containers?fieldManager=private-eks&force=true application/apply-patch+yaml`,
    ]);
    const read = await handler({ action: 'get', objects: [objectAt(`${base}/roles/emr-containers`)] });
    expect(read.found).toEqual([expect.objectContaining({ kind: 'Role', rules: [] })]);
  });

  it('refuses kinds it does not manage, before any request', async () => {
    const handler = makeHandler();
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' } };
    await expect(handler({ action: 'apply', objects: [secret] })).rejects.toThrow(/Secret/);
    expect(api.requests).toEqual([]);
  });

  it('says which object the API server refused, with its status and message, and stops there', async () => {
    const handler = makeHandler();
    api.forbidden.add('/api/v1/namespaces/backend/serviceaccounts/s3-reader');
    await expect(handler({ action: 'apply', objects: [serviceAccount, awsAuth] })).rejects.toThrow(
      'apply ServiceAccount backend/s3-reader: 403 PATCH /api/v1/namespaces/backend/serviceaccounts/s3-reader is forbidden for this user',
    );
    expect(api.objects.has('/api/v1/namespaces/kube-system/configmaps/aws-auth')).toBe(false);
  });
});

describe('TLS', () => {
  it('refuses an API server whose certificate is not from the cluster CA', async () => {
    const other = createTestPki('another CA');
    try {
      await expect(
        run(
          { action: 'apply', objects: [serviceAccount] },
          env({ CLUSTER_CA: Buffer.from(other.root.pem).toString('base64') }),
        ),
      ).rejects.toThrow(/certificate/i);
      expect(api.objects.size).toBe(0);
    } finally {
      other.remove();
    }
  });

  it('refuses to run without its settings, naming the missing one', async () => {
    await expect(run({ action: 'drain' }, env({ CLUSTER_ENDPOINT: '' }))).rejects.toThrow(/CLUSTER_ENDPOINT/);
  });
});

describe('the shipped code', () => {
  it('is the current build of src/runner/handler.ts (run `node scripts/runner-code.mjs` after a change)', async () => {
    const code = (await buildRunnerCode()) as string;
    expect(readFileSync(new URL('../../../src/runner/handler-code.generated.ts', import.meta.url), 'utf8')).toBe(
      generatedModule(code),
    );
  });

  it('fits CloudFormation inline code (Code.ZipFile: 4,096 characters)', () => {
    expect(RUNNER_HANDLER_CODE.length).toBeLessThanOrEqual(4096);
  });
});
