/**
 * eksctl's cluster-level rules (src/config/rules/cluster-eksctl.ts) at their boundaries: for each
 * check, the case just inside and just outside it, with the whole problem asserted (rule, severity,
 * path, message, hint and the position it points at), written to kill the mutants that the broader
 * tests in eksctl-rules.test.ts leave alive.
 */
import { describe, expect, it } from 'vitest';
import { optionalFeatures, vpcSettings } from '../../../src/config/rules/cluster-eksctl.js';
import { HEADER, lines, load, withRule, ruleContextOf, valueError, valueAt } from './support.js';

const ROLE = 'arn:aws:iam::123456789012:role/r';
const POLICY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const file = (...parts: string[]) => lines(HEADER, ...parts);

describe('iam.serviceAccounts', () => {
  const policyMessage = (p: string) =>
    `${p}.wellKnownPolicies, ${p}.attachPolicyARNs,${p}.attachRoleARN  or ${p}.attachPolicy must be set`;
  const policyHint =
    'give the role its permissions: attachPolicyARNs: [arn:aws:iam::aws:policy/…] or attachPolicy: {…}';
  const account = (...extra: string[]) =>
    file(
      'iam:',
      '  withOIDC: true',
      '  serviceAccounts:',
      '    - metadata: {name: s1}',
      ...extra.map((l) => '      ' + l),
    );

  it('an empty attachRoleARN gives the role no permissions', () => {
    const text = account('attachRoleARN: ""');
    expect(valueAt(load(text), 'iam.serviceAccounts[0]')).toEqual([
      valueError(text, 'metadata: {name: s1}', {
        path: 'iam.serviceAccounts[0]',
        message: policyMessage('iam.serviceAccounts[0]'),
        hint: policyHint,
      }),
    ]);
  });

  it('a non-empty attachRoleARN is a source of permissions', () => {
    expect(load(account(`attachRoleARN: "${ROLE}"`)).problems).toEqual([]);
  });

  it('wellKnownPolicies with one flag true (others false) is a source of permissions', () => {
    expect(load(account('wellKnownPolicies: {autoScaler: true, ebsCSIController: false}')).problems).toEqual([]);
  });

  it('wellKnownPolicies with every flag false is none', () => {
    const text = account('wellKnownPolicies: {autoScaler: false}');
    expect(valueAt(load(text), 'iam.serviceAccounts[0]')).toEqual([
      valueError(text, 'metadata: {name: s1}', {
        path: 'iam.serviceAccounts[0]',
        message: policyMessage('iam.serviceAccounts[0]'),
        hint: policyHint,
      }),
    ]);
  });

  it('an entry without metadata is left to the REQUIRED check (no crash)', () => {
    const text = file('iam:', '  withOIDC: true', '  serviceAccounts:', `    - attachPolicyARNs: [${POLICY}]`);
    const result = load(text);
    expect(result.problems.map((p) => [p.rule, p.path])).toEqual([['REQUIRED', 'iam.serviceAccounts[0].metadata']]);
  });

  it('metadata without a name: at the metadata key', () => {
    const text = file(
      'iam:',
      '  withOIDC: true',
      '  serviceAccounts:',
      `    - attachPolicyARNs: [${POLICY}]`,
      '      metadata: {namespace: kube-system}',
    );
    expect(valueAt(load(text), 'iam.serviceAccounts[0].metadata')).toEqual([
      valueError(text, 'metadata: {namespace', {
        path: 'iam.serviceAccounts[0].metadata',
        message: 'iam.serviceAccounts[0].name must be set',
        hint: 'add name: under metadata',
      }),
    ]);
  });
});

describe('pod identity associations and the agent add-on', () => {
  const agentMessage =
    'the "eks-pod-identity-agent" addon must be installed to create pod identity associations; please add "eks-pod-identity-agent" addon to the config file';
  const agentHint = 'add - name: eks-pod-identity-agent to addons';

  it('an add-on with an empty podIdentityAssociations list wants no agent and has no IRSA conflict', () => {
    const text = file(
      'iam: {withOIDC: true}',
      'addons:',
      '  - name: vpc-cni',
      `    serviceAccountRoleARN: "${ROLE}"`,
      '    podIdentityAssociations: []',
    );
    expect(withRule(load(text), 'VALUE')).toEqual([]);
  });

  it('an add-on with pod identity associations wants the agent', () => {
    const text = file(
      'addons:',
      '  - name: vpc-cni',
      `    podIdentityAssociations: [{namespace: kube-system, serviceAccountName: aws-node, roleARN: "${ROLE}"}]`,
    );
    expect(valueAt(load(text), 'addons')).toEqual([
      valueError(text, 'addons', { path: 'addons', message: agentMessage, hint: agentHint }),
    ]);
  });

  it('addonsConfig.autoApplyPodIdentityAssociations with no add-ons wants no agent', () => {
    const text = file('addonsConfig: {autoApplyPodIdentityAssociations: true}');
    expect(withRule(load(text), 'VALUE')).toEqual([]);
  });

  const association = (entry: string) =>
    file(
      'iam:',
      '  withOIDC: true',
      '  podIdentityAssociations:',
      `    - ${entry}`,
      'addons: [{name: eks-pod-identity-agent}]',
    );

  it('an association without a namespace', () => {
    const text = association(`{serviceAccountName: s, roleARN: "${ROLE}"}`);
    expect(valueAt(load(text), 'iam.podIdentityAssociations[0].namespace')).toEqual([
      valueError(text, '{serviceAccountName', {
        path: 'iam.podIdentityAssociations[0].namespace',
        message: 'iam.podIdentityAssociations[0].namespace must be set',
        hint: 'name the namespace',
      }),
    ]);
  });

  it('an association without a service account name', () => {
    const text = association(`{namespace: n, roleARN: "${ROLE}"}`);
    expect(valueAt(load(text), 'iam.podIdentityAssociations[0].serviceAccountName')).toEqual([
      valueError(text, '{namespace', {
        path: 'iam.podIdentityAssociations[0].serviceAccountName',
        message: 'iam.podIdentityAssociations[0].serviceAccountName must be set',
        hint: 'name the service account',
      }),
    ]);
  });

  it('an empty permissionPolicy is no source of permissions', () => {
    const text = association('{namespace: n, serviceAccountName: s, permissionPolicy: {}}');
    const p = 'iam.podIdentityAssociations[0]';
    expect(valueAt(load(text), p)).toEqual([
      valueError(text, '{namespace', {
        path: p,
        message: `at least one of the following must be specified: ${p}.roleARN, ${p}.permissionPolicy, ${p}.permissionPolicyARNs, ${p}.wellKnownPolicies`,
        hint: 'give roleARN (an existing role) or permissionPolicyARNs (a role is created)',
      }),
    ]);
  });

  it('a permissionPolicy with a statement is enough', () => {
    const text = association(
      '{namespace: n, serviceAccountName: s, permissionPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:GetObject"], Resource: "*"}]}}',
    );
    expect(load(text).problems).toEqual([]);
  });
});

describe('accessConfig.accessEntries', () => {
  const entries = (...items: string[]) =>
    file('accessConfig:', '  authenticationMode: API', '  accessEntries:', ...items.map((i) => '    - ' + i));
  const arnHint = 'write an IAM role or user ARN: arn:aws:iam::ACCOUNT:role/NAME';

  it('types STANDARD and EC2 are accepted', () => {
    const text = entries(`{principalARN: "${ROLE}1", type: STANDARD}`, `{principalARN: "${ROLE}2", type: EC2}`);
    expect(load(text).problems).toEqual([]);
  });

  it('an entry without a principal ARN', () => {
    const text = entries('{type: STANDARD}');
    expect(valueAt(load(text), 'accessConfig.accessEntries[0].principalARN')).toEqual([
      valueError(text, '{type', {
        path: 'accessConfig.accessEntries[0].principalARN',
        message: 'accessEntries[0].principalARN must be set to a valid AWS ARN',
        hint: arnHint,
      }),
    ]);
  });

  it('an empty principal ARN', () => {
    const text = entries('{principalARN: "", type: STANDARD}');
    expect(valueAt(load(text), 'accessConfig.accessEntries[0].principalARN')).toEqual([
      valueError(text, '""', {
        path: 'accessConfig.accessEntries[0].principalARN',
        message: 'accessEntries[0].principalARN must be set to a valid AWS ARN',
        hint: arnHint,
      }),
    ]);
  });

  it('a principal that is no ARN', () => {
    const text = entries('{principalARN: role/admin}');
    expect(valueAt(load(text), 'accessConfig.accessEntries[0].principalARN')).toEqual([
      valueError(text, 'role/admin', {
        path: 'accessConfig.accessEntries[0].principalARN',
        message: 'invalid ARN "role/admin": arn: invalid prefix',
        hint: arnHint,
      }),
    ]);
  });

  const nodeEntryMessage =
    'cannot specify accessEntries[0].kubernetesGroups nor accessEntries[0].kubernetesUsername when type is set to EC2_LINUX';
  const nodeEntryHint = 'remove them: EKS sets the groups of node entries itself';

  it('a node entry with only kubernetesUsername: at the username', () => {
    const text = entries(`{principalARN: "${ROLE}", type: EC2_LINUX, kubernetesUsername: u}`);
    expect(valueAt(load(text), 'accessConfig.accessEntries[0].kubernetesUsername')).toEqual([
      valueError(text, 'kubernetesUsername', {
        path: 'accessConfig.accessEntries[0].kubernetesUsername',
        message: nodeEntryMessage,
        hint: nodeEntryHint,
      }),
    ]);
  });

  it('a node entry with only kubernetesGroups: at the groups', () => {
    const text = entries(`{principalARN: "${ROLE}", type: EC2_LINUX, kubernetesGroups: [g]}`);
    expect(valueAt(load(text), 'accessConfig.accessEntries[0].kubernetesGroups')).toEqual([
      valueError(text, 'kubernetesGroups', {
        path: 'accessConfig.accessEntries[0].kubernetesGroups',
        message: nodeEntryMessage,
        hint: nodeEntryHint,
      }),
    ]);
  });

  it('a node entry with an empty username and no groups passes', () => {
    const text = entries(`{principalARN: "${ROLE}", type: EC2_LINUX, kubernetesUsername: "", kubernetesGroups: []}`);
    expect(withRule(load(text), 'VALUE')).toEqual([]);
  });

  it('an unknown type lists every type in its hint', () => {
    const text = entries(`{principalARN: "${ROLE}", type: BOGUS}`);
    expect(valueAt(load(text), 'accessConfig.accessEntries[0].type')).toEqual([
      valueError(text, 'BOGUS', {
        path: 'accessConfig.accessEntries[0].type',
        message: 'invalid access entry type "BOGUS" for accessEntries[0]',
        hint: 'write one of STANDARD, EC2, EC2_LINUX, EC2_WINDOWS, FARGATE_LINUX, HYBRID_LINUX',
      }),
    ]);
  });

  it('a cluster-access-policy ARN without a policy name: at the ARN', () => {
    const text = entries(`principalARN: "${ROLE}"`).replace(
      `principalARN: "${ROLE}"\n`,
      `principalARN: "${ROLE}"\n      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy", accessScope: {type: cluster}}]\n`,
    );
    expect(valueAt(load(text), 'accessConfig.accessEntries[0].accessPolicies[0].policyARN')).toEqual([
      valueError(text, '"arn:aws:eks::aws:cluster-access-policy"', {
        path: 'accessConfig.accessEntries[0].accessPolicies[0].policyARN',
        message: 'invalid accessEntries[0].policyARN',
        hint: 'policies are arn:aws:eks::aws:cluster-access-policy/NAME; a namespace scope lists namespaces, a cluster scope none',
      }),
    ]);
  });
});

describe('accessConfig.bootstrapClusterCreatorAdminPermissions: false with self-managed nodegroups', () => {
  const text = (...entries: string[]) =>
    file(
      'accessConfig:',
      '  bootstrapClusterCreatorAdminPermissions: false',
      ...(entries.length > 0 ? ['  accessEntries:', ...entries.map((e) => '    - ' + e)] : []),
      'nodeGroups: [{name: ng1, privateNetworking: true}]',
    );

  it('no access entries: refused', () => {
    const t = text();
    expect(valueAt(load(t), 'accessConfig.bootstrapClusterCreatorAdminPermissions')).toEqual([
      valueError(t, 'false', {
        path: 'accessConfig.bootstrapClusterCreatorAdminPermissions',
        message:
          'cannot create self-managed nodegroups when bootstrapClusterCreatorAdminPermissions is false and no access entries are configured',
        hint: 'add access entries, remove bootstrapClusterCreatorAdminPermissions: false, or use managed nodegroups',
      }),
    ]);
  });

  it('one access entry: accepted', () => {
    const t = text(`{principalARN: "${ROLE}"}`);
    expect(valueAt(load(t), 'accessConfig.bootstrapClusterCreatorAdminPermissions')).toEqual([]);
  });
});

describe('addons', () => {
  const addon = (...fields: string[]) => file('addons:', '  - name: vpc-cni', ...fields.map((f) => '    ' + f));
  const valuesMessage = (values: string) =>
    `invalid configuration for "vpc-cni" addon: configurationValues: ${values} is not valid, supported format(s) are: JSON and YAML`;

  it('empty configurationValues are valid', () => {
    expect(load(addon('configurationValues: ""')).problems).toEqual([]);
  });

  it('configurationValues that are only a YAML comment (null) are valid', () => {
    expect(load(addon('configurationValues: "# nothing to set yet"')).problems).toEqual([]);
  });

  it('configurationValues with a YAML mapping are valid', () => {
    expect(load(addon('configurationValues: "env:\\n  A: b"')).problems).toEqual([]);
  });

  it('configurationValues with a duplicate YAML key are invalid', () => {
    const text = addon('configurationValues: "a: 1\\na: 2"');
    expect(valueAt(load(text), 'addons[0].configurationValues')).toEqual([
      valueError(text, '"a: 1', {
        path: 'addons[0].configurationValues',
        message: valuesMessage('"a: 1\\na: 2"'),
        hint: 'write a JSON object, e.g. configurationValues: \'{"env": {"ENABLE_PREFIX_DELEGATION": "true"}}\'',
      }),
    ]);
  });

  it('an add-on without a name', () => {
    const text = file('addons:', '  - version: latest');
    expect(valueAt(load(text), 'addons[0].name')).toEqual([
      valueError(text, 'version', {
        path: 'addons[0].name',
        message: 'invalid configuration for "" addon: name is required',
        hint: 'name the add-on, e.g. vpc-cni',
      }),
    ]);
  });

  it('IRSA and pod identity associations: at the podIdentityAssociations key', () => {
    const text = addon(
      `attachPolicyARNs: [${POLICY}]`,
      `podIdentityAssociations: [{namespace: kube-system, serviceAccountName: aws-node, roleARN: "${ROLE}"}]`,
    );
    expect(valueAt(load(text), 'addons[0].podIdentityAssociations')).toEqual([
      valueError(text, 'podIdentityAssociations', {
        path: 'addons[0].podIdentityAssociations',
        message:
          'invalid configuration for "vpc-cni" addon: cannot set IRSA config (`addon.ServiceAccountRoleARN`, `addon.AttachPolicyARNs`, `addon.AttachPolicy`, `addon.WellKnownPolicies`) and pod identity associations at the same time',
        hint: 'keep one way of giving the add-on permissions',
      }),
    ]);
  });

  it('two IRSA sources: at the serviceAccountRoleARN key', () => {
    const text = addon(`serviceAccountRoleARN: "${ROLE}"`, `attachPolicyARNs: [${POLICY}]`);
    expect(valueAt(load(text), 'addons[0].serviceAccountRoleARN')).toEqual([
      valueError(text, 'serviceAccountRoleARN', {
        path: 'addons[0].serviceAccountRoleARN',
        message:
          'invalid configuration for "vpc-cni" addon: at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified',
        hint: 'keep one of them',
      }),
    ]);
  });

  it('pod identity associations on the agent add-on: at the podIdentityAssociations key', () => {
    const text = file(
      'addons:',
      '  - name: eks-pod-identity-agent',
      `    podIdentityAssociations: [{namespace: n, serviceAccountName: s, roleARN: "${ROLE}"}]`,
    );
    expect(valueAt(load(text), 'addons[0].podIdentityAssociations')).toEqual([
      valueError(text, 'podIdentityAssociations', {
        path: 'addons[0].podIdentityAssociations',
        message:
          'invalid configuration for "eks-pod-identity-agent" addon: cannot set pod identity associations for "eks-pod-identity-agent" addon',
        hint: 'remove podIdentityAssociations from this add-on',
      }),
    ]);
  });
});

describe('secretsEncryption', () => {
  it('without a keyARN', () => {
    const text = file('secretsEncryption: {}');
    expect(valueAt(load(text), 'secretsEncryption.keyARN')).toEqual([
      valueError(text, 'secretsEncryption', {
        path: 'secretsEncryption.keyARN',
        message: 'field secretsEncryption.keyARN is required for enabling secrets encryption',
        hint: 'write the ARN of a KMS key: arn:aws:kms:REGION:ACCOUNT:key/KEY-ID',
      }),
    ]);
  });

  it('with a KMS key ARN: the file loads without any problem', () => {
    const result = load(file('secretsEncryption: {keyARN: "arn:aws:kms:us-west-2:123456789012:key/k"}'));
    expect(result.problems).toEqual([]);
  });
});

describe('vpc.hostnameType', () => {
  it('with one private and one public subnet given: a pre-existing VPC, at the hostnameType key', () => {
    const text = file(
      'vpc:',
      '  hostnameType: resource-name',
      '  subnets:',
      '    private:',
      '      us-west-2a: {id: subnet-0a}',
      '    public:',
      '      us-west-2b: {id: subnet-0b}',
    );
    expect(valueAt(load(text), 'vpc.hostnameType')).toEqual([
      valueError(text, 'hostnameType', {
        path: 'vpc.hostnameType',
        message: 'vpc.hostnameType is not supported with a pre-existing VPC',
        hint: 'remove hostnameType',
      }),
    ]);
  });

  it('ip-name without subnets is accepted', () => {
    expect(load(file('vpc:', '  hostnameType: ip-name')).problems).toEqual([]);
  });

  it('an unknown value: at the value (checked on the rule: the schema refuses it first)', () => {
    const text = file('vpc:', '  hostnameType: ip');
    expect(vpcSettings(ruleContextOf(text))).toEqual([
      valueError(text, 'ip', {
        path: 'vpc.hostnameType',
        message: 'invalid value "ip" for vpc.hostnameType; supported values are [ip-name resource-name]',
        hint: 'write ip-name or resource-name',
      }),
    ]);
  });
});

describe('fargateProfiles', () => {
  it('a profile without a name', () => {
    const text = file('fargateProfiles:', '  - selectors: [{namespace: n}]');
    expect(valueAt(load(text), 'fargateProfiles[0].name')).toEqual([
      valueError(text, 'selectors', {
        path: 'fargateProfiles[0].name',
        message: 'invalid Fargate profile: empty name',
        hint: 'name the profile',
      }),
    ]);
  });

  it('a selector without a namespace', () => {
    const text = file('fargateProfiles:', '  - name: f', '    selectors: [{labels: {a: b}}]');
    expect(valueAt(load(text), 'fargateProfiles[0].selectors[0].namespace')).toEqual([
      valueError(text, '{labels', {
        path: 'fargateProfiles[0].selectors[0].namespace',
        message: 'invalid Fargate profile "f": invalid profile selector at index #0: empty namespace',
        hint: 'name the namespace whose pods run on Fargate',
      }),
    ]);
  });
});

describe('karpenter (checked on the rule: private-eks refuses the field first)', () => {
  it('an empty version: at the karpenter key', () => {
    const text = file('iam: {withOIDC: true}', 'karpenter: {version: ""}');
    expect(optionalFeatures(ruleContextOf(text))).toEqual([
      valueError(text, 'karpenter', {
        path: 'karpenter',
        message: 'failed to validate Karpenter config: version field is required if installing Karpenter is enabled',
        hint: 'add version: under karpenter',
      }),
    ]);
  });

  it('a version with iam.withOIDC: true passes', () => {
    expect(optionalFeatures(ruleContextOf(file('iam: {withOIDC: true}', 'karpenter: {version: "1.2.0"}')))).toEqual([]);
  });

  it('a version without OIDC: at the iam key', () => {
    const text = file('iam: {withOIDC: false}', 'karpenter: {version: "1.2.0"}');
    expect(optionalFeatures(ruleContextOf(text))).toEqual([
      valueError(text, 'iam', {
        path: 'iam',
        message: 'failed to validate Karpenter config: iam.withOIDC must be enabled with Karpenter',
        hint: 'set iam.withOIDC: true',
      }),
    ]);
  });
});

describe('identityProviders', () => {
  it('an entry that is not of type oidc is not checked for OIDC fields', () => {
    const text = file('identityProviders: [{name: n}]');
    expect(withRule(load(text), 'VALUE')).toEqual([]);
    expect(optionalFeatures(ruleContextOf(file('identityProviders: [{type: other}]')))).toEqual([]);
  });

  it('an oidc entry without a name', () => {
    const text = file('identityProviders: [{type: oidc, clientID: c, issuerURL: "https://i"}]');
    expect(valueAt(load(text), 'identityProviders[0]')).toEqual([
      valueError(text, '{type', {
        path: 'identityProviders[0]',
        message: 'identityProviders[0] is invalid: name must be set and non-empty',
        hint: 'add name:',
      }),
    ]);
  });
});

describe('autoModeConfig', () => {
  const auto = (...fields: string[]) => file('autoModeConfig:', ...fields.map((f) => '  ' + f));
  const at = (text: string, message: string, hint: string) =>
    valueError(text, 'autoModeConfig', { path: 'autoModeConfig', message, hint });

  it('enabled, one node pool and a node role: accepted', () => {
    expect(load(auto('enabled: true', 'nodePools: [general-purpose]', `nodeRoleARN: "${ROLE}"`)).problems).toEqual([]);
  });

  it('enabled, one node pool and a permissions boundary: accepted', () => {
    expect(load(auto('enabled: true', 'nodePools: [system]', `permissionsBoundaryARN: "${ROLE}"`)).problems).toEqual(
      [],
    );
  });

  it('enabled, no node pools and a node role: at the autoModeConfig key', () => {
    const text = auto('enabled: true', 'nodePools: []', `nodeRoleARN: "${ROLE}"`);
    expect(withRule(load(text), 'VALUE')).toEqual([
      at(
        text,
        'cannot specify autoModeConfig.nodeRoleARN when autoModeConfig.nodePools is empty',
        'remove nodeRoleARN',
      ),
    ]);
  });

  it('enabled, no node pools and a permissions boundary: at the autoModeConfig key', () => {
    const text = auto('enabled: true', 'nodePools: []', `permissionsBoundaryARN: "${ROLE}"`);
    expect(withRule(load(text), 'VALUE')).toEqual([
      at(
        text,
        'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodePools is empty',
        'remove permissionsBoundaryARN: with no node pools, no node role is created',
      ),
    ]);
  });

  it('enabled with a node role and a permissions boundary: at the autoModeConfig key', () => {
    const text = auto('enabled: true', `nodeRoleARN: "${ROLE}"`, `permissionsBoundaryARN: "${ROLE}"`);
    expect(withRule(load(text), 'VALUE')).toEqual([
      at(
        text,
        'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodeRoleARN is set',
        'keep one of the two',
      ),
    ]);
  });

  it('a node pool twice: at the autoModeConfig key', () => {
    const text = auto('enabled: true', 'nodePools: [system, system]');
    expect(withRule(load(text), 'VALUE')).toEqual([
      at(text, 'found duplicate node pool: "system"', 'list each node pool once'),
    ]);
  });

  it('an unknown node pool: at the autoModeConfig key', () => {
    const text = auto('enabled: true', 'nodePools: [gpu]');
    expect(withRule(load(text), 'VALUE')).toEqual([
      at(text, 'invalid NodePool "gpu"', 'node pools: general-purpose, system'),
    ]);
  });

  const disabled =
    'cannot set autoModeConfig.nodeRoleARN, autoModeConfig.permissionBoundaryARN, or autoModeConfig.nodePools when Auto Mode is disabled';

  it('disabled with only a node role', () => {
    const text = auto('enabled: false', `nodeRoleARN: "${ROLE}"`);
    expect(withRule(load(text), 'VALUE')).toEqual([at(text, disabled, 'set enabled: true, or remove them')]);
  });

  it('disabled with only a permissions boundary', () => {
    const text = auto('enabled: false', `permissionsBoundaryARN: "${ROLE}"`);
    expect(withRule(load(text), 'VALUE')).toEqual([at(text, disabled, 'set enabled: true, or remove them')]);
  });

  it('disabled with only a node pool', () => {
    const text = auto('enabled: false', 'nodePools: [system]');
    expect(withRule(load(text), 'VALUE')).toEqual([at(text, disabled, 'set enabled: true, or remove them')]);
  });

  it('disabled with an empty node pool list: accepted', () => {
    expect(load(auto('enabled: false', 'nodePools: []')).problems).toEqual([]);
  });
});
