/**
 * The endpoint-access decision (SPEC §7 step 5): private-only from the start unless a step needs
 * the Kubernetes API from where private-eks runs and no in-VPC runner can carry it (CONFIG_MAP
 * mode has no access entry to authorise one); --endpoint-switch overrides.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/resolved.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import type { EndpointSwitchMode } from '../../../src/plan/index.js';
import {
  fargateProfile,
  managedNodeGroup,
  nodeGroup,
  resolvedConfig,
  serviceAccount,
} from '../../helpers/resolved-config.js';

const PRIVATE_ONLY = { publicAccess: false, privateAccess: true };
const PUBLIC_AND_PRIVATE = { publicAccess: true, privateAccess: true };

async function decision(config: ResolvedConfig, mode: EndpointSwitchMode) {
  const result = await buildPlan(config, createOfflineFacts(), { endpointSwitch: mode });
  // Warnings (e.g. V22 for a Fargate-only cluster) do not stop a plan; errors would.
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return { access: result.plan!.endpointAccess, steps: result.plan!.steps, runner: result.plan!.runner };
}

/** Steps the in-VPC runner carries: every Kubernetes step, unless the cluster is CONFIG_MAP-only. */
const byRunner = (config: ResolvedConfig, needing: readonly string[]): boolean =>
  needing.length > 0 && config.accessConfig.authenticationMode !== 'CONFIG_MAP';

const cases: [string, ResolvedConfig, string[]][] = [
  ['no nodegroups', resolvedConfig(), []],
  ['managed nodegroups only', resolvedConfig({ managedNodeGroups: [managedNodeGroup('m1')] }), []],
  [
    'self-managed nodegroups with API_AND_CONFIG_MAP (EC2_LINUX access entry)',
    resolvedConfig({ nodeGroups: [nodeGroup('ng1')] }),
    [],
  ],
  [
    'self-managed nodegroups with API',
    resolvedConfig({ nodeGroups: [nodeGroup('ng1')], accessConfig: { authenticationMode: 'API' } }),
    [],
  ],
  [
    'Fargate, add-ons, pod identity, access entries',
    resolvedConfig({
      fargateProfiles: [fargateProfile('fp')],
      addons: [{ name: 'vpc-cni', attachPolicyARNs: [], resolveConflicts: 'OVERWRITE', tags: {} }],
      iam: { podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', permissionPolicyARNs: [] }] },
      accessConfig: {
        accessEntries: [
          {
            principalARN: 'arn:aws:iam::111122223333:role/x',
            type: 'STANDARD',
            kubernetesGroups: [],
            accessPolicies: [],
          },
        ],
      },
    }),
    [],
  ],
  [
    'roleOnly service accounts (IAM roles only)',
    resolvedConfig({ iam: { withOIDC: true, serviceAccounts: [serviceAccount('s3-reader', { roleOnly: true })] } }),
    [],
  ],
  [
    'service accounts (Kubernetes objects)',
    resolvedConfig({ iam: { withOIDC: true, serviceAccounts: [serviceAccount('s3-reader')] } }),
    ['service-accounts'],
  ],
  [
    'self-managed nodegroups with CONFIG_MAP (aws-auth)',
    resolvedConfig({ nodeGroups: [nodeGroup('ng1')], accessConfig: { authenticationMode: 'CONFIG_MAP' } }),
    ['aws-auth'],
  ],
  [
    'managed nodegroups with CONFIG_MAP (EKS maps their role itself)',
    resolvedConfig({ managedNodeGroups: [managedNodeGroup('m1')], accessConfig: { authenticationMode: 'CONFIG_MAP' } }),
    [],
  ],
  [
    'both',
    resolvedConfig({
      nodeGroups: [nodeGroup('ng1')],
      accessConfig: { authenticationMode: 'CONFIG_MAP' },
      iam: { withOIDC: true, serviceAccounts: [serviceAccount('a')] },
    }),
    ['service-accounts', 'aws-auth'],
  ],
];

describe('decideEndpointAccess (auto)', () => {
  it.each(cases)('%s', async (_name, config, needing) => {
    const { access, steps, runner } = await decision(config, 'auto');
    const switched = needing.length > 0 && !byRunner(config, needing);
    expect(access.stepsNeedingKubernetesApi).toEqual(needing);
    expect(access.switchNeeded).toBe(switched);
    expect(access.initial).toEqual(switched ? PUBLIC_AND_PRIVATE : PRIVATE_ONLY);
    expect(access.final).toEqual(PRIVATE_ONLY);
    expect(steps.some((s) => s.id === 'endpoint-access')).toBe(switched);
    expect(runner?.enabled === true).toBe(byRunner(config, needing));
    expect(steps.some((s) => s.id === 'runner')).toBe(byRunner(config, needing));
    for (const id of needing) {
      expect(access.reason).toContain(`"${id}"`);
      // The runner's stack comes first: every step it carries waits for it.
      if (byRunner(config, needing)) expect(steps.find((s) => s.id === id)?.dependsOn).toContain('runner');
    }
    if (!switched) expect(access.reason).toContain('private-only from the start');
    if (byRunner(config, needing)) expect(access.reason).toContain('in-VPC runner');
  });
});

describe('decideEndpointAccess (always / never)', () => {
  it.each(cases)('always switches: %s', async (_name, config) => {
    const { access, steps } = await decision(config, 'always');
    expect(access.switchNeeded).toBe(true);
    expect(access.initial).toEqual(PUBLIC_AND_PRIVATE);
    expect(access.reason).toMatch(/^--endpoint-switch=always/);
    expect(steps.at(-1)?.id).toBe('endpoint-access');
    // Asked for the public window: the steps reach the API server from here, no runner.
    expect(steps.some((s) => s.id === 'runner')).toBe(false);
  });

  it.each(cases)('never switches: %s', async (_name, config, needing) => {
    const { access, steps } = await decision(config, 'never');
    expect(access.switchNeeded).toBe(false);
    expect(access.initial).toEqual(PRIVATE_ONLY);
    expect(access.stepsNeedingKubernetesApi).toEqual(needing);
    expect(access.reason).toMatch(/^--endpoint-switch=never/);
    if (needing.length > 0)
      expect(access.reason).toContain(byRunner(config, needing) ? 'in-VPC runner' : 'must run from inside the VPC');
    expect(steps.some((s) => s.id === 'endpoint-access')).toBe(false);
  });
});

describe('the public window', () => {
  // CONFIG_MAP: no access entries, so no runner; the aws-auth step needs the API from here.
  const config = resolvedConfig({
    vpc: { publicAccessCIDRs: ['203.0.113.0/24'] },
    nodeGroups: [nodeGroup('ng1')],
    accessConfig: { authenticationMode: 'CONFIG_MAP' },
  });

  it('is restricted to vpc.publicAccessCIDRs when switching', async () => {
    const { access } = await decision(config, 'auto');
    expect(access.publicAccessCidrs).toEqual(['203.0.113.0/24']);
    expect(access.reason).toContain('limited to 203.0.113.0/24');
  });

  it('has no CIDRs when the cluster is private-only', async () => {
    const { access } = await decision(config, 'never');
    expect(access.publicAccessCidrs).toEqual([]);
  });

  it('says it is open to the world without publicAccessCIDRs', async () => {
    const { access } = await decision(
      resolvedConfig({ nodeGroups: [nodeGroup('ng1')], accessConfig: { authenticationMode: 'CONFIG_MAP' } }),
      'auto',
    );
    expect(access.reason).toContain('0.0.0.0/0');
  });

  it('is not opened for IRSA service accounts: the in-VPC runner applies them', async () => {
    const { access, runner } = await decision(
      resolvedConfig({ iam: { withOIDC: true, serviceAccounts: [serviceAccount('a', { namespace: 'backend' })] } }),
      'auto',
    );
    expect(access.switchNeeded).toBe(false);
    expect(access.publicAccessCidrs).toEqual([]);
    expect(runner).toMatchObject({ enabled: true, namespaces: ['backend'], createsNamespaces: ['backend'] });
  });

  it('gives the runner the namespaces of Pod Identity ServiceAccounts and of emr-containers (RBAC) too', async () => {
    const emr = { serviceName: 'emr-containers', groups: [], noDuplicateARNs: false };
    const pia = { serviceAccountName: 'app', permissionPolicyARNs: [], createServiceAccount: true };
    const { access, runner } = await decision(
      resolvedConfig({
        iam: { podIdentityAssociations: [{ ...pia, namespace: 'jobs' }] },
        iamIdentityMappings: [{ ...emr, namespace: 'spark' }],
      }),
      'auto',
    );
    expect(access.switchNeeded).toBe(false);
    expect(runner).toMatchObject({
      enabled: true,
      namespaces: ['jobs', 'kube-system', 'spark'],
      createsNamespaces: ['jobs', 'spark'],
      rbacNamespaces: ['spark'],
    });
    // In a namespace every cluster has, RBAC alone: admin scoped to it, no cluster scope.
    const builtIn = await decision(resolvedConfig({ iamIdentityMappings: [{ ...emr, namespace: 'default' }] }), 'auto');
    expect(builtIn.runner).toMatchObject({ createsNamespaces: [], rbacNamespaces: ['default'] });
  });
});
