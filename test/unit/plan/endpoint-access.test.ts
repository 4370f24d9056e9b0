/**
 * The endpoint-access decision (SPEC §7 step 5): private-only from the start unless a step needs
 * the Kubernetes API from where private-eks runs; --endpoint-switch overrides.
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
  return { access: result.plan!.endpointAccess, steps: result.plan!.steps };
}

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
    const { access, steps } = await decision(config, 'auto');
    expect(access.stepsNeedingKubernetesApi).toEqual(needing);
    expect(access.switchNeeded).toBe(needing.length > 0);
    expect(access.initial).toEqual(needing.length > 0 ? PUBLIC_AND_PRIVATE : PRIVATE_ONLY);
    expect(access.final).toEqual(PRIVATE_ONLY);
    expect(steps.some((s) => s.id === 'endpoint-access')).toBe(needing.length > 0);
    for (const id of needing) expect(access.reason).toContain(`"${id}"`);
    if (needing.length === 0) expect(access.reason).toContain('private-only from the start');
  });
});

describe('decideEndpointAccess (always / never)', () => {
  it.each(cases)('always switches: %s', async (_name, config) => {
    const { access, steps } = await decision(config, 'always');
    expect(access.switchNeeded).toBe(true);
    expect(access.initial).toEqual(PUBLIC_AND_PRIVATE);
    expect(access.reason).toMatch(/^--endpoint-switch=always/);
    expect(steps.at(-1)?.id).toBe('endpoint-access');
  });

  it.each(cases)('never switches: %s', async (_name, config, needing) => {
    const { access, steps } = await decision(config, 'never');
    expect(access.switchNeeded).toBe(false);
    expect(access.initial).toEqual(PRIVATE_ONLY);
    expect(access.stepsNeedingKubernetesApi).toEqual(needing);
    expect(access.reason).toMatch(/^--endpoint-switch=never/);
    if (needing.length > 0) expect(access.reason).toContain('must run from inside the VPC');
    expect(steps.some((s) => s.id === 'endpoint-access')).toBe(false);
  });
});

describe('the public window', () => {
  const config = resolvedConfig({
    vpc: { publicAccessCIDRs: ['203.0.113.0/24'] },
    iam: { withOIDC: true, serviceAccounts: [serviceAccount('a')] },
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
      resolvedConfig({ iam: { withOIDC: true, serviceAccounts: [serviceAccount('a')] } }),
      'auto',
    );
    expect(access.reason).toContain('0.0.0.0/0');
  });
});
