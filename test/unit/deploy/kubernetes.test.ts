/**
 * The Kubernetes-API steps with a real HTTPS server on 127.0.0.1 standing in for the EKS API server
 * (a certificate chain made by openssl at test time: the client must trust the cluster CA it was
 * given and nothing else), serving the few endpoints private-eks calls from an in-memory store.
 * And the `aws eks get-token` style token, whose SigV4 signature is recomputed here by hand.
 */
import { createHash, createHmac } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STSClient } from '@aws-sdk/client-sts';
import { eksToken, tokenUrl } from '../../../src/deploy/kubernetes-token.js';
import { runKubernetesStep } from '../../../src/deploy/kubernetes-steps.js';
import { newRunState } from '../../../src/deploy/run-state.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { managedNodeGroup, nodeGroup, seedMinimalConfig, serviceAccount } from '../../helpers/resolved-config.js';
import { createTestPki, type TestPki } from '../../helpers/tls-server.js';
import { readFileSync } from 'node:fs';
import { FakeClock } from './fakes.js';
import { cfnMock, mockedClients, resetMocks } from './create-scenarios.js';
import { scriptStack } from './scripted-stack.js';

afterEach(resetMocks);

describe('eksToken', () => {
  it('is a k8s-aws-v1. presigned STS GetCallerIdentity URL with the cluster in a signed header', async () => {
    const sts = new STSClient({
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    });
    const signingDate = new Date(Date.UTC(2026, 10, 25, 10, 0, 0));
    const token = await eksToken(sts, {
      cluster: 'private-cluster',
      region: 'us-west-2',
      partition: 'aws',
      signingDate,
    });
    expect(token.startsWith('k8s-aws-v1.')).toBe(true);
    expect(token).not.toMatch(/[=+/]/); // base64url without padding
    const url = tokenUrl(token);
    expect(url.host).toBe('sts.us-west-2.amazonaws.com');
    const q = url.searchParams;
    expect(q.get('Action')).toBe('GetCallerIdentity');
    expect(q.get('Version')).toBe('2011-06-15');
    expect(q.get('X-Amz-Expires')).toBe('60');
    expect(q.get('X-Amz-Date')).toBe('20261125T100000Z');
    expect(q.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20261125/us-west-2/sts/aws4_request');
    expect(q.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');

    // SigV4 by hand (AWS General Reference, "Create a signed AWS API request"): the server side
    // of the token (STS) computes exactly this.
    const canonicalQuery = [...q.entries()]
      .filter(([k]) => k !== 'X-Amz-Signature')
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const canonicalRequest = [
      'GET',
      '/',
      canonicalQuery,
      'host:sts.us-west-2.amazonaws.com\nx-k8s-aws-id:private-cluster\n',
      'host;x-k8s-aws-id',
      createHash('sha256').update('').digest('hex'),
    ].join('\n');
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      '20261125T100000Z',
      '20261125/us-west-2/sts/aws4_request',
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n');
    const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
    let key = hmac('AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20261125');
    for (const part of ['us-west-2', 'sts', 'aws4_request']) key = hmac(key, part);
    expect(q.get('X-Amz-Signature')).toBe(createHmac('sha256', key).update(stringToSign).digest('hex'));
    sts.destroy();
  });

  it('uses the partition of the region for the STS host', async () => {
    const sts = new STSClient({ region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const token = await eksToken(sts, { cluster: 'c', region: 'cn-north-1', partition: 'aws-cn' });
    expect(tokenUrl(token).host).toBe('sts.cn-north-1.amazonaws.com.cn');
    sts.destroy();
  });
});

/** A minimal Kubernetes API: namespaces, serviceaccounts and configmaps kept in a map. */
interface FakeApiServer {
  readonly url: string;
  readonly objects: Map<string, Record<string, unknown>>;
  readonly requests: string[];
  readonly tokens: Set<string>;
  close(): Promise<void>;
}

async function startApiServer(pki: TestPki): Promise<FakeApiServer> {
  const objects = new Map<string, Record<string, unknown>>();
  const requests: string[] = [];
  const tokens = new Set<string>();
  const server = https.createServer(
    { key: readFileSync(pki.leaf.keyPath), cert: pki.leaf.pem + pki.intermediate.pem },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push(`${req.method} ${req.url}`);
        tokens.add(String(req.headers.authorization));
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const url = req.url ?? '';
        if (req.method === 'GET') {
          const found = objects.get(url);
          return found === undefined ? reply(404, { kind: 'Status', message: `${url} not found` }) : reply(200, found);
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata: { name: string } };
        const key = req.method === 'POST' ? `${url}/${body.metadata.name}` : url;
        objects.set(key, body);
        return reply(req.method === 'POST' ? 201 : 200, body);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    requests,
    tokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('Kubernetes-API steps against a local HTTPS API server', () => {
  let pki: TestPki;
  let api: FakeApiServer;
  beforeAll(async () => {
    pki = createTestPki('private-eks kube-apiserver test');
    api = await startApiServer(pki);
  });
  afterAll(async () => {
    await api?.close();
    pki?.remove();
  });
  // Tests run in random order: each starts with an empty API server.
  beforeEach(() => {
    api.requests.length = 0;
    api.objects.clear();
    api.tokens.clear();
  });

  async function state(config: ReturnType<typeof seedMinimalConfig>) {
    const built = (await buildPlan(config, createOfflineFacts(), { endpointSwitch: 'never' })).plan!;
    // The direct path, as CONFIG_MAP clusters and --endpoint-switch=always take it: without the
    // in-VPC runner (the runner's path is tested against the emulator, runner.int.test.ts).
    const { runner: _runner, ...plan } = built;
    const s = newRunState(plan, {
      clients: mockedClients(),
      clock: new FakeClock(),
      kubeconfigPath: false,
      kubernetes: {
        // No proxy from the developer's shell: the fake API server is on loopback.
        proxyEnv: {},
        reachable: () => Promise.resolve(true),
        token: () => Promise.resolve('k8s-aws-v1.test-token'),
      },
    });
    s.stacks.set('eksctl-private-cluster-cluster', {
      id: 'id',
      name: 'eksctl-private-cluster-cluster',
      status: 'CREATE_COMPLETE',
      statusReason: undefined,
      tags: {},
      parameters: {},
      outputs: {
        Endpoint: api.url,
        CertificateAuthorityData: Buffer.from(pki.root.pem).toString('base64'),
        OIDCProviderARN: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC',
        OIDCIssuerURL: 'https://oidc.eks.us-west-2.amazonaws.com/id/ABC',
      },
    });
    return { plan: plan, state: s };
  }

  it('creates the IRSA role stacks, then the namespace and annotated ServiceAccounts through the API', async () => {
    const config = seedMinimalConfig({
      iam: {
        withOIDC: true,
        serviceAccounts: [
          serviceAccount('s3-reader', { namespace: 'backend' }),
          serviceAccount('builder', { roleOnly: true }),
        ],
      },
    });
    for (const sa of ['backend-s3-reader', 'default-builder']) {
      scriptStack(cfnMock, {
        name: `eksctl-private-cluster-addon-iamserviceaccount-${sa}`,
        afterCreate: [{ status: 'CREATE_COMPLETE' }],
        outputs: { Role1: `arn:aws:iam::123456789012:role/${sa}` },
      });
    }
    const { plan, state: s } = await state(config);
    const step = plan.steps.find((x) => x.id === 'service-accounts')!;
    const detail = await runKubernetesStep(step, s);
    expect(detail).toBe('roles and 1 ServiceAccount(s) created');
    expect(s.stackOutcomes.map((o) => o.stack)).toEqual([
      'eksctl-private-cluster-addon-iamserviceaccount-backend-s3-reader',
      'eksctl-private-cluster-addon-iamserviceaccount-default-builder',
    ]);
    expect(api.requests).toEqual([
      'GET /api/v1/namespaces/backend',
      'POST /api/v1/namespaces',
      'GET /api/v1/namespaces/backend/serviceaccounts/s3-reader',
      'POST /api/v1/namespaces/backend/serviceaccounts',
    ]);
    const sa = api.objects.get('/api/v1/namespaces/backend/serviceaccounts/s3-reader') as {
      metadata: { annotations: Record<string, string> };
    };
    expect(sa.metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/backend-s3-reader',
    });
    expect([...api.tokens]).toEqual(['Bearer k8s-aws-v1.test-token']);
    expect(s.manual).toEqual([]);
  });

  it('maps self-managed node roles into an existing aws-auth ConfigMap without losing its entries (CONFIG_MAP)', async () => {
    api.objects.set('/api/v1/namespaces/kube-system/configmaps/aws-auth', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aws-auth', namespace: 'kube-system' },
      data: {
        mapRoles:
          '- rolearn: arn:aws:iam::123456789012:role/admins\n  username: admin\n  groups:\n  - system:masters\n',
      },
    });
    const config = seedMinimalConfig({
      accessConfig: { authenticationMode: 'CONFIG_MAP' },
      nodeGroups: [nodeGroup('ng1')],
    });
    const { plan, state: s } = await state(config);
    s.stacks.set('eksctl-private-cluster-nodegroup-ng1', {
      id: 'ng',
      name: 'eksctl-private-cluster-nodegroup-ng1',
      status: 'CREATE_COMPLETE',
      statusReason: undefined,
      tags: {},
      parameters: {},
      outputs: { InstanceRoleARN: 'arn:aws:iam::123456789012:role/ng1-nodes' },
    });
    const step = plan.steps.find((x) => x.id === 'aws-auth')!;
    expect(await runKubernetesStep(step, s)).toBe('aws-auth: 1 node role(s) added');
    const cm = api.objects.get('/api/v1/namespaces/kube-system/configmaps/aws-auth') as { data: { mapRoles: string } };
    expect(parse(cm.data.mapRoles)).toEqual([
      { rolearn: 'arn:aws:iam::123456789012:role/admins', username: 'admin', groups: ['system:masters'] },
      {
        rolearn: 'arn:aws:iam::123456789012:role/ng1-nodes',
        username: 'system:node:{{EC2PrivateDNSName}}',
        groups: ['system:bootstrappers', 'system:nodes'],
      },
    ]);
    // Idempotent: a re-run adds nothing.
    expect(await runKubernetesStep(step, s)).toBe('aws-auth already maps the node roles');
  });

  it('writes iamIdentityMappings into aws-auth (roles without their path, users, accounts), merged and idempotent', async () => {
    api.objects.set('/api/v1/namespaces/kube-system/configmaps/aws-auth', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aws-auth', namespace: 'kube-system', resourceVersion: '7' },
      data: { mapRoles: '- rolearn: arn:aws:iam::123456789012:role/existing\n  username: existing\n' },
    });
    const config = seedMinimalConfig({
      iamIdentityMappings: [
        {
          arn: 'arn:aws:iam::123456789012:role/team/admins',
          username: 'admin',
          groups: ['system:masters'],
          noDuplicateARNs: false,
        },
        { arn: 'arn:aws:iam::123456789012:user/alice', username: 'alice', groups: ['readers'], noDuplicateARNs: false },
        { account: '210987654321', groups: [], noDuplicateARNs: false },
      ],
    });
    const { plan, state: s } = await state(config);
    const step = plan.steps.find((x) => x.id === 'aws-auth')!;
    // API_AND_CONFIG_MAP: the mappings need no node, only the control plane (and the in-VPC runner
    // the plan gives them; this test takes the direct path); nodes use access entries.
    expect(step.dependsOn).toEqual(['cluster', 'runner']);
    expect(step.needsKubernetesApi).toBe(true);
    expect(await runKubernetesStep(step, s)).toBe('aws-auth: 3 mapping(s) added');
    const cm = api.objects.get('/api/v1/namespaces/kube-system/configmaps/aws-auth') as {
      metadata: Record<string, unknown>;
      data: Record<string, string>;
    };
    expect(cm.metadata['resourceVersion']).toBe('7');
    expect(parse(cm.data['mapRoles']!)).toEqual([
      { rolearn: 'arn:aws:iam::123456789012:role/existing', username: 'existing' },
      { rolearn: 'arn:aws:iam::123456789012:role/admins', username: 'admin', groups: ['system:masters'] },
    ]);
    expect(parse(cm.data['mapUsers']!)).toEqual([
      { userarn: 'arn:aws:iam::123456789012:user/alice', username: 'alice', groups: ['readers'] },
    ]);
    expect(parse(cm.data['mapAccounts']!)).toEqual(['210987654321']);
    expect(await runKubernetesStep(step, s)).toBe('aws-auth already holds every mapping');
  });

  it('creates aws-auth for iamIdentityMappings when there is none, and refuses to shadow with noDuplicateARNs', async () => {
    const mapping = { arn: 'arn:aws:iam::123456789012:role/ops', username: 'ops', groups: ['ops'] };
    const { plan, state: s } = await state(
      seedMinimalConfig({ iamIdentityMappings: [{ ...mapping, noDuplicateARNs: true }] }),
    );
    const step = plan.steps.find((x) => x.id === 'aws-auth')!;
    expect(await runKubernetesStep(step, s)).toBe('aws-auth created with 1 mapping(s)');
    const path = '/api/v1/namespaces/kube-system/configmaps/aws-auth';
    const cm = api.objects.get(path) as { data: Record<string, string> };
    expect(parse(cm.data['mapRoles']!)).toEqual([
      { rolearn: 'arn:aws:iam::123456789012:role/ops', username: 'ops', groups: ['ops'] },
    ]);
    api.objects.set(path, {
      ...cm,
      data: { mapRoles: '- rolearn: arn:aws:iam::123456789012:role/ops\n  username: other\n' },
    });
    await expect(runKubernetesStep(step, s)).rejects.toThrow(
      'found existing mapping with the same arn "arn:aws:iam::123456789012:role/ops" and shadowing is disabled',
    );
  });

  it('creates the ServiceAccounts of Pod Identity associations with createServiceAccount (namespace too), keeping an existing one', async () => {
    api.objects.set('/api/v1/namespaces/default/serviceaccounts/existing', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'existing', namespace: 'default', labels: { team: 'a' }, annotations: { note: 'kept' } },
    });
    const pia = (namespace: string, serviceAccountName: string, createServiceAccount?: boolean) => ({
      namespace,
      serviceAccountName,
      permissionPolicyARNs: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      ...(createServiceAccount === undefined ? {} : { createServiceAccount }),
    });
    const config = seedMinimalConfig({
      iam: {
        podIdentityAssociations: [pia('jobs', 'runner', true), pia('default', 'existing', true), pia('jobs', 'other')],
      },
    });
    const { plan, state: s } = await state(config);
    const step = plan.steps.find((x) => x.id === 'pod-identity-service-accounts')!;
    expect(step).toMatchObject({ kind: 'kubernetes-api', needsKubernetesApi: true, dependsOn: ['cluster', 'runner'] });
    expect(step.description).toContain('"jobs/runner", "default/existing"');
    expect(await runKubernetesStep(step, s)).toBe('2 ServiceAccount(s) created');
    expect(api.requests).toEqual([
      'GET /api/v1/namespaces/jobs',
      'POST /api/v1/namespaces',
      'GET /api/v1/namespaces/jobs/serviceaccounts/runner',
      'POST /api/v1/namespaces/jobs/serviceaccounts',
      'GET /api/v1/namespaces/default',
      'POST /api/v1/namespaces',
      'GET /api/v1/namespaces/default/serviceaccounts/existing',
      'PUT /api/v1/namespaces/default/serviceaccounts/existing',
    ]);
    // No role annotation: Pod Identity finds the role through the association.
    expect(api.objects.get('/api/v1/namespaces/jobs/serviceaccounts/runner')).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'runner',
        namespace: 'jobs',
        labels: { 'app.kubernetes.io/managed-by': 'private-eks', 'private-eks.io/cluster': 'private-cluster' },
      },
    });
    expect(api.objects.get('/api/v1/namespaces/default/serviceaccounts/existing')).toMatchObject({
      metadata: {
        labels: { team: 'a', 'app.kubernetes.io/managed-by': 'private-eks' },
        annotations: { note: 'kept' },
      },
    });
    expect(api.objects.has('/api/v1/namespaces/jobs/serviceaccounts/other')).toBe(false);
  });

  it('plans no Pod Identity ServiceAccount step when no association asks for one', async () => {
    const config = seedMinimalConfig({
      iam: { podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', permissionPolicyARNs: [] }] },
    });
    const { plan } = await state(config);
    expect(plan.steps.map((x) => x.id)).not.toContain('pod-identity-service-accounts');
  });

  it("grants emr-containers a namespace as eksctl: Role, RoleBinding, and the account's service-linked role in aws-auth", async () => {
    const config = seedMinimalConfig({
      iamIdentityMappings: [{ serviceName: 'emr-containers', namespace: 'spark', groups: [], noDuplicateARNs: false }],
    });
    const { plan, state: s } = await state(config);
    const cluster = s.stacks.get('eksctl-private-cluster-cluster')!;
    s.stacks.set(cluster.name, {
      ...cluster,
      outputs: { ...cluster.outputs, ARN: 'arn:aws:eks:us-west-2:123456789012:cluster/private-cluster' },
    });
    const step = plan.steps.find((x) => x.id === 'aws-auth')!;
    expect(step.description).toContain('create the Role and RoleBinding of emr-containers in namespace "spark"');
    expect(await runKubernetesStep(step, s)).toBe('aws-auth created with 1 mapping(s)');
    const rbac = '/apis/rbac.authorization.k8s.io/v1/namespaces/spark';
    expect(api.requests).toEqual([
      'GET /api/v1/namespaces/spark',
      'POST /api/v1/namespaces',
      `GET ${rbac}/roles/emr-containers`,
      `POST ${rbac}/roles`,
      `GET ${rbac}/rolebindings/emr-containers`,
      `POST ${rbac}/rolebindings`,
      'GET /api/v1/namespaces/kube-system/configmaps/aws-auth',
      'POST /api/v1/namespaces/kube-system/configmaps',
    ]);
    const role = api.objects.get(`${rbac}/roles/emr-containers`) as {
      rules: { resources: string[]; verbs: string[] }[];
    };
    expect(role.rules).toHaveLength(9);
    expect(role.rules[1]).toEqual({
      apiGroups: [''],
      resources: ['serviceaccounts', 'services', 'configmaps', 'events', 'pods', 'pods/log'],
      verbs: [
        'get',
        'list',
        'watch',
        'describe',
        'create',
        'edit',
        'delete',
        'deletecollection',
        'annotate',
        'patch',
        'label',
      ],
    });
    expect(role.rules[8]).toEqual({
      apiGroups: ['scheduling.volcano.sh'],
      resources: ['podgroups'],
      verbs: ['get', 'list', 'watch', 'create', 'delete', 'update'],
    });
    expect(api.objects.get(`${rbac}/rolebindings/emr-containers`)).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'emr-containers' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'emr-containers' }],
    });
    const cm = api.objects.get('/api/v1/namespaces/kube-system/configmaps/aws-auth') as {
      data: Record<string, string>;
    };
    expect(parse(cm.data['mapRoles']!)).toEqual([
      { rolearn: 'arn:aws:iam::123456789012:role/AWSServiceRoleForAmazonEMRContainers', username: 'emr-containers' },
    ]);
    // A re-run replaces the RBAC objects and adds no second mapping.
    api.requests.length = 0;
    expect(await runKubernetesStep(step, s)).toBe('aws-auth already holds every mapping');
    expect(api.requests.filter((r) => r.startsWith('PUT'))).toEqual([
      `PUT ${rbac}/roles/emr-containers`,
      `PUT ${rbac}/rolebindings/emr-containers`,
    ]);
  });

  it('records the emr-containers objects with the aws-auth manifest when the API server does not answer', async () => {
    const config = seedMinimalConfig({
      iamIdentityMappings: [{ serviceName: 'emr-containers', namespace: 'spark', groups: [], noDuplicateARNs: false }],
    });
    const { plan, state: s } = await state(config);
    const unreachable = newRunState(plan, { ...s.deps, kubernetes: { reachable: () => Promise.resolve(false) } });
    for (const [k, v] of s.stacks) unreachable.stacks.set(k, v);
    const cluster = unreachable.stacks.get('eksctl-private-cluster-cluster')!;
    unreachable.stacks.set(cluster.name, {
      ...cluster,
      outputs: { ...cluster.outputs, ARN: 'arn:aws-us-gov:eks:us-gov-west-1:123456789012:cluster/private-cluster' },
    });
    expect(
      await runKubernetesStep(
        plan.steps.find((x) => x.id === 'aws-auth')!,
        unreachable,
      ),
    ).toBe('aws-auth to apply from inside the VPC');
    const docs = unreachable.manual[0]!.manifest!.split('---\n').map((d) => parse(d) as Record<string, unknown>);
    expect(docs.map((d) => d['kind'])).toEqual(['Namespace', 'Role', 'RoleBinding', 'ConfigMap']);
    expect(parse((docs[3] as { data: { mapRoles: string } }).data.mapRoles)).toEqual([
      {
        rolearn: 'arn:aws-us-gov:iam::123456789012:role/AWSServiceRoleForAmazonEMRContainers',
        username: 'emr-containers',
      },
    ]);
  });

  it('refuses a server whose certificate is not from the cluster CA', async () => {
    const other = createTestPki('someone else');
    try {
      const config = seedMinimalConfig({
        accessConfig: { authenticationMode: 'CONFIG_MAP' },
        nodeGroups: [nodeGroup('ng1')],
      });
      const { plan, state: s } = await state(config);
      const outputs = {
        ...s.stacks.get('eksctl-private-cluster-cluster')!.outputs,
        CertificateAuthorityData: Buffer.from(other.root.pem).toString('base64'),
      };
      s.stacks.set('eksctl-private-cluster-cluster', { ...s.stacks.get('eksctl-private-cluster-cluster')!, outputs });
      s.stacks.set('eksctl-private-cluster-nodegroup-ng1', {
        ...s.stacks.get('eksctl-private-cluster-cluster')!,
        outputs: { InstanceRoleARN: 'arn:x' },
      });
      await expect(
        runKubernetesStep(
          plan.steps.find((x) => x.id === 'aws-auth')!,
          s,
        ),
      ).rejects.toThrow(/Kubernetes API GET .* failed/);
    } finally {
      other.remove();
    }
  });

  it('when the API server does not answer, records the manifest to apply from inside the VPC instead', async () => {
    const config = seedMinimalConfig({
      accessConfig: { authenticationMode: 'CONFIG_MAP' },
      nodeGroups: [nodeGroup('ng1')],
    });
    const { plan, state: s } = await state(config);
    const unreachable = newRunState(plan, { ...s.deps, kubernetes: { reachable: () => Promise.resolve(false) } });
    for (const [k, v] of s.stacks) unreachable.stacks.set(k, v);
    unreachable.stacks.set('eksctl-private-cluster-nodegroup-ng1', {
      ...s.stacks.get('eksctl-private-cluster-cluster')!,
      outputs: { InstanceRoleARN: 'arn:aws:iam::1:role/n' },
    });
    const detail = await runKubernetesStep(
      plan.steps.find((x) => x.id === 'aws-auth')!,
      unreachable,
    );
    expect(detail).toBe('aws-auth to apply from inside the VPC');
    expect(unreachable.manual).toHaveLength(1);
    expect(parse(unreachable.manual[0]!.manifest!)).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'aws-auth', namespace: 'kube-system' },
    });
  });

  it('switches Windows IP address management on in amazon-vpc-cni: created when missing, merged, idempotent', async () => {
    const config = seedMinimalConfig({
      managedNodeGroups: [managedNodeGroup('linux')],
      nodeGroups: [nodeGroup('win', { amiFamily: 'WindowsServer2022CoreContainer' })],
    });
    const { plan, state: s } = await state(config);
    const step = plan.steps.find((x) => x.id === 'windows-ipam')!;
    expect(step).toMatchObject({ kind: 'kubernetes-api', needsKubernetesApi: true });
    expect(step.description).toContain('"win"');
    const path = '/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni';
    expect(await runKubernetesStep(step, s)).toBe('amazon-vpc-cni created with Windows IPAM on');
    expect(api.objects.get(path)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' },
      data: { 'enable-windows-ipam': 'true' },
    });
    expect(await runKubernetesStep(step, s)).toBe('Windows IPAM already on');

    // The vpc-cni add-on's own ConfigMap: its other keys and metadata stay as they are.
    api.objects.set(path, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system', resourceVersion: '42' },
      data: { 'enable-windows-ipam': 'false', 'enable-network-policy-controller': 'false' },
    });
    expect(await runKubernetesStep(step, s)).toBe('Windows IPAM switched on in amazon-vpc-cni');
    expect(api.objects.get(path)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system', resourceVersion: '42' },
      data: { 'enable-windows-ipam': 'true', 'enable-network-policy-controller': 'false' },
    });
    expect(api.requests.filter((r) => !r.startsWith('GET'))).toEqual([
      'POST /api/v1/namespaces/kube-system/configmaps',
      `PUT ${path}`,
    ]);
  });

  it('plans no Windows IPAM step without a Windows nodegroup', async () => {
    const { plan } = await state(seedMinimalConfig({ managedNodeGroups: [managedNodeGroup('linux')] }));
    expect(plan.steps.map((x) => x.id)).not.toContain('windows-ipam');
  });

  it('maps a self-managed Windows node role with eks:kube-proxy-windows in aws-auth (CONFIG_MAP), as eksctl', async () => {
    const config = seedMinimalConfig({
      accessConfig: { authenticationMode: 'CONFIG_MAP' },
      managedNodeGroups: [managedNodeGroup('linux')],
      nodeGroups: [nodeGroup('ng1'), nodeGroup('win', { amiFamily: 'WindowsServer2019FullContainer' })],
    });
    const { plan, state: s } = await state(config);
    for (const [name, role] of [
      ['ng1', 'ng1-nodes'],
      ['win', 'win-nodes'],
    ] as const) {
      s.stacks.set(`eksctl-private-cluster-nodegroup-${name}`, {
        ...s.stacks.get('eksctl-private-cluster-cluster')!,
        outputs: { InstanceRoleARN: `arn:aws:iam::123456789012:role/${role}` },
      });
    }
    expect(
      await runKubernetesStep(
        plan.steps.find((x) => x.id === 'aws-auth')!,
        s,
      ),
    ).toBe('aws-auth created with 2 node role(s)');
    const cm = api.objects.get('/api/v1/namespaces/kube-system/configmaps/aws-auth') as { data: { mapRoles: string } };
    expect(parse(cm.data.mapRoles)).toEqual([
      {
        rolearn: 'arn:aws:iam::123456789012:role/ng1-nodes',
        username: 'system:node:{{EC2PrivateDNSName}}',
        groups: ['system:bootstrappers', 'system:nodes'],
      },
      {
        rolearn: 'arn:aws:iam::123456789012:role/win-nodes',
        username: 'system:node:{{EC2PrivateDNSName}}',
        groups: ['eks:kube-proxy-windows', 'system:bootstrappers', 'system:nodes'],
      },
    ]);
  });
});
