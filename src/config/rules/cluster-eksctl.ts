/**
 * eksctl's cluster-level checks (ValidateClusterConfig, the create loader and the API-server access
 * check), with eksctl's messages: service accounts, pod identity, access entries, add-ons,
 * secrets encryption, IPv6 with NAT, the shared node security group, Fargate profiles, and the
 * fields private-eks may not build yet (Karpenter, identity providers, Auto Mode), whose rules
 * apply to the file all the same.
 */
import { parse as parseYaml } from 'yaml';
import { formatPath, isRecord, type FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { quote } from '../report.js';
import type { ClusterConfigFile } from '../schema.js';
import { report, type Anchor, type RuleContext } from './context.js';
import { arnSyntaxError, parseArn } from './nodegroup-kinds.js';

const POD_IDENTITY_AGENT = 'eks-pod-identity-agent';

/** A field the schema may not carry (yet): read as the file wrote it. */
function extra(node: unknown, key: string): unknown {
  return isRecord(node) ? node[key] : undefined;
}
const nonEmpty = (value: unknown) =>
  (typeof value === 'string' && value !== '') ||
  (Array.isArray(value) && value.length > 0) ||
  (isRecord(value) && Object.keys(value).length > 0);
/** eksctl's WellKnownPolicies.HasPolicy: any of its flags true. */
const hasWellKnownPolicy = (value: unknown) => isRecord(value) && Object.values(value).some((v) => v === true);

function problem(ctx: RuleContext, anchor: Anchor, path: FieldPath, message: string, hint: string): Problem {
  return report(ctx, anchor, { rule: 'VALUE', path, message, hint });
}

/** iam.serviceAccounts: unique `<namespace>/<name>`, and some policy for the role. */
export function serviceAccounts(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  (ctx.config.iam?.serviceAccounts ?? []).forEach((sa, i) => {
    const path: FieldPath = ['iam', 'serviceAccounts', i];
    const p = formatPath(path);
    if (sa.metadata === undefined) return;
    const name = sa.metadata.name ?? '';
    if (name === '') {
      problems.push(problem(ctx, 'key', [...path, 'metadata'], `${p}.name must be set`, 'add name: under metadata'));
      return;
    }
    const namespace = sa.metadata.namespace ?? '';
    const id = `${namespace === '' ? 'default' : namespace}/${name}`;
    if (seen.has(id)) {
      problems.push(
        problem(
          ctx,
          'value',
          [...path, 'metadata', 'name'],
          `<namespace>/<name> of ${p} ${quote(id)} is not unique`,
          'each service account (namespace "default" when none is given) may appear once',
        ),
      );
    }
    seen.add(id);
    const policies =
      hasWellKnownPolicy(extra(sa, 'wellKnownPolicies')) ||
      (sa.attachPolicyARNs ?? []).length > 0 ||
      sa.attachPolicy !== undefined ||
      nonEmpty(extra(sa, 'attachRoleARN'));
    if (!policies) {
      problems.push(
        problem(
          ctx,
          'key',
          path,
          `${p}.wellKnownPolicies, ${p}.attachPolicyARNs,${p}.attachRoleARN  or ${p}.attachPolicy must be set`,
          'give the role its permissions: attachPolicyARNs: [arn:aws:iam::aws:policy/…] or attachPolicy: {…}',
        ),
      );
    }
  });
  return problems;
}

function wantsPodIdentity(config: ClusterConfigFile): boolean {
  if ((config.iam?.podIdentityAssociations ?? []).length > 0) return true;
  const addonsConfig = extra(config, 'addonsConfig');
  return (config.addons ?? []).some(
    (addon) =>
      extra(addonsConfig, 'autoApplyPodIdentityAssociations') === true ||
      extra(addon, 'useDefaultPodIdentityAssociations') === true ||
      nonEmpty(extra(addon, 'podIdentityAssociations')),
  );
}

/** Pod identity associations need the agent add-on, and one source of permissions. */
export function podIdentityAssociations(ctx: RuleContext): Problem[] {
  const config = ctx.config;
  if (!wantsPodIdentity(config)) return [];
  const autoMode = extra(extra(config, 'autoModeConfig'), 'enabled') === true;
  const problems: Problem[] = [];
  if (!autoMode && !(config.addons ?? []).some((a) => a.name === POD_IDENTITY_AGENT)) {
    const path: FieldPath =
      (config.iam?.podIdentityAssociations ?? []).length > 0 ? ['iam', 'podIdentityAssociations'] : ['addons'];
    problems.push(
      problem(
        ctx,
        'key',
        path,
        `the "${POD_IDENTITY_AGENT}" addon must be installed to create pod identity associations; please add "${POD_IDENTITY_AGENT}" addon to the config file`,
        `add - name: ${POD_IDENTITY_AGENT} to addons`,
      ),
    );
  }
  (config.iam?.podIdentityAssociations ?? []).forEach((pia, i) => {
    const path: FieldPath = ['iam', 'podIdentityAssociations', i];
    const p = formatPath(path);
    if ((pia.namespace ?? '') === '') {
      problems.push(problem(ctx, 'value', [...path, 'namespace'], `${p}.namespace must be set`, 'name the namespace'));
      return;
    }
    if ((pia.serviceAccountName ?? '') === '') {
      problems.push(
        problem(
          ctx,
          'value',
          [...path, 'serviceAccountName'],
          `${p}.serviceAccountName must be set`,
          'name the service account',
        ),
      );
      return;
    }
    const role = pia.roleARN ?? '';
    const policy = nonEmpty(extra(pia, 'permissionPolicy'));
    const arns = (pia.permissionPolicyARNs ?? []).length > 0;
    const wellKnown = hasWellKnownPolicy(extra(pia, 'wellKnownPolicies'));
    if (role === '' && !policy && !arns && !wellKnown) {
      problems.push(
        problem(
          ctx,
          'key',
          path,
          `at least one of the following must be specified: ${p}.roleARN, ${p}.permissionPolicy, ${p}.permissionPolicyARNs, ${p}.wellKnownPolicies`,
          'give roleARN (an existing role) or permissionPolicyARNs (a role is created)',
        ),
      );
    } else if (role !== '') {
      for (const [field, set] of [
        ['permissionPolicy', policy],
        ['permissionPolicyARNs', arns],
        ['wellKnownPolicies', wellKnown],
      ] as const) {
        if (set) {
          problems.push(
            problem(
              ctx,
              'key',
              [...path, field],
              `${p}.${field} cannot be specified when ${p}.roleARN is set`,
              `attach the policies to the role yourself and remove ${field}, or remove roleARN`,
            ),
          );
        }
      }
    }
  });
  return problems;
}

const STANDARD_TYPES = ['', 'STANDARD', 'EC2'];
const NODE_TYPES = ['EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX', 'HYBRID_LINUX'];

/** accessConfig: entries need the API authentication mode; eksctl's validateAccessEntries. */
export function accessEntries(ctx: RuleContext): Problem[] {
  const access = ctx.config.accessConfig;
  const entries = access?.accessEntries ?? [];
  const problems: Problem[] = [];
  if (entries.length > 0 && access?.authenticationMode === 'CONFIG_MAP') {
    problems.push(
      problem(
        ctx,
        'value',
        ['accessConfig', 'authenticationMode'],
        'accessConfig.authenticationMode must be set to either API_AND_CONFIG_MAP or API to use access entries',
        'write authenticationMode: API_AND_CONFIG_MAP (or API), or remove accessEntries',
      ),
    );
  }
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const base: FieldPath = ['accessConfig', 'accessEntries', i];
    const p = `accessEntries[${i}]`;
    const principal = entry.principalARN ?? '';
    const arnError = arnSyntaxError(principal);
    if (arnError !== undefined) {
      problems.push(
        problem(
          ctx,
          'value',
          [...base, 'principalARN'],
          principal === ''
            ? `${p}.principalARN must be set to a valid AWS ARN`
            : `invalid ARN ${quote(principal)}: ${arnError}`,
          'write an IAM role or user ARN: arn:aws:iam::ACCOUNT:role/NAME',
        ),
      );
      return;
    }
    const type = entry.type ?? '';
    if (NODE_TYPES.includes(type)) {
      if ((entry.kubernetesGroups ?? []).length > 0 || (entry.kubernetesUsername ?? '') !== '') {
        problems.push(
          problem(
            ctx,
            'key',
            [...base, (entry.kubernetesGroups ?? []).length > 0 ? 'kubernetesGroups' : 'kubernetesUsername'],
            `cannot specify ${p}.kubernetesGroups nor ${p}.kubernetesUsername when type is set to ${type}`,
            'remove them: EKS sets the groups of node entries itself',
          ),
        );
      }
      if ((entry.accessPolicies ?? []).length > 0) {
        problems.push(
          problem(
            ctx,
            'key',
            [...base, 'accessPolicies'],
            `cannot specify ${p}.accessPolicies when type is set to ${type}`,
            'remove accessPolicies, or use type STANDARD',
          ),
        );
      }
    } else if (!STANDARD_TYPES.includes(type)) {
      problems.push(
        problem(
          ctx,
          'value',
          [...base, 'type'],
          `invalid access entry type ${quote(type)} for ${p}`,
          `write one of STANDARD, EC2, ${NODE_TYPES.join(', ')}`,
        ),
      );
    }
    (entry.accessPolicies ?? []).forEach((policy, j) => {
      const path: FieldPath = [...base, 'accessPolicies', j];
      const arn = parseArn(policy.policyARN ?? '');
      const scope = policy.accessScope ?? { type: undefined, namespaces: [] };
      const resource = arn?.resource.split('/') ?? [];
      let message: string | undefined;
      if (arn === undefined) message = `${p}.policyARN must be set to a valid AWS ARN`;
      else if (resource.length < 2) message = `invalid ${p}.policyARN`;
      else if (resource[0] !== 'cluster-access-policy')
        message = `${p}.policyARN must be a cluster-access-policy resource`;
      else if (scope.type === 'cluster' && (scope.namespaces ?? []).length > 0)
        message = `cannot specify ${p}.accessScope.namespaces when accessScope is set to cluster`;
      else if (scope.type === 'namespace' && (scope.namespaces ?? []).length === 0)
        message = `at least one namespace must be specified when accessScope is set to namespace: (${p})`;
      if (message !== undefined) {
        const onArn = arn === undefined || resource[0] !== 'cluster-access-policy' || resource.length < 2;
        problems.push(
          problem(
            ctx,
            onArn ? 'value' : 'key',
            onArn ? [...path, 'policyARN'] : [...path, 'accessScope'],
            message,
            'policies are arn:aws:eks::aws:cluster-access-policy/NAME; a namespace scope lists namespaces, a cluster scope none',
          ),
        );
      }
    });
    if (seen.has(principal)) {
      problems.push(
        problem(
          ctx,
          'value',
          [...base, 'principalARN'],
          `duplicate access entry ${p} with principal ARN ${quote(principal)}`,
          'give each principal one entry',
        ),
      );
    }
    seen.add(principal);
  });
  return problems;
}

/** eksctl's ValidateAPIServerAccess: self-managed nodes join through the creator's admin access. */
export function creatorAdminPermissions(ctx: RuleContext): Problem[] {
  const access = ctx.config.accessConfig;
  if (access?.bootstrapClusterCreatorAdminPermissions !== false || (ctx.config.nodeGroups ?? []).length === 0)
    return [];
  const path: FieldPath = ['accessConfig', 'bootstrapClusterCreatorAdminPermissions'];
  if (access.authenticationMode === 'CONFIG_MAP') {
    return [
      problem(
        ctx,
        'value',
        path,
        'cannot create self-managed nodegroups when authenticationMode is CONFIG_MAP and bootstrapClusterCreatorAdminPermissions is false',
        'remove bootstrapClusterCreatorAdminPermissions: false, or use managed nodegroups',
      ),
    ];
  }
  if ((access.accessEntries ?? []).length > 0) return [];
  return [
    problem(
      ctx,
      'value',
      path,
      'cannot create self-managed nodegroups when bootstrapClusterCreatorAdminPermissions is false and no access entries are configured',
      'add access entries, remove bootstrapClusterCreatorAdminPermissions: false, or use managed nodegroups',
    ),
  ];
}

/** configurationValues: JSON, or a YAML mapping (eksctl converts it). */
function validConfigurationValues(text: string): boolean {
  if (text === '') return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    try {
      const value: unknown = parseYaml(text, { uniqueKeys: true });
      return isRecord(value) || value === null;
    } catch {
      return false;
    }
  }
}

/** eksctl's Addon.Validate and validateAddonPodIdentityAssociations. */
export function addons(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  (ctx.config.addons ?? []).forEach((addon, i) => {
    const path: FieldPath = ['addons', i];
    const name = addon.name ?? '';
    const invalid = (message: string) => `invalid configuration for ${quote(name)} addon: ${message}`;
    if (name === '') {
      problems.push(
        problem(ctx, 'value', [...path, 'name'], invalid('name is required'), 'name the add-on, e.g. vpc-cni'),
      );
      return;
    }
    const values = addon.configurationValues;
    if (values !== undefined && !validConfigurationValues(values)) {
      problems.push(
        problem(
          ctx,
          'value',
          [...path, 'configurationValues'],
          invalid(`configurationValues: ${quote(values, 200)} is not valid, supported format(s) are: JSON and YAML`),
          'write a JSON object, e.g. configurationValues: \'{"env": {"ENABLE_PREFIX_DELEGATION": "true"}}\'',
        ),
      );
    }
    const irsa = [
      nonEmpty(addon.serviceAccountRoleARN),
      (addon.attachPolicyARNs ?? []).length > 0,
      extra(addon, 'attachPolicy') !== undefined,
      hasWellKnownPolicy(extra(addon, 'wellKnownPolicies')),
    ];
    const podIds = nonEmpty(extra(addon, 'podIdentityAssociations'));
    if (irsa.some(Boolean) && podIds) {
      problems.push(
        problem(
          ctx,
          'key',
          [...path, 'podIdentityAssociations'],
          invalid(
            'cannot set IRSA config (`addon.ServiceAccountRoleARN`, `addon.AttachPolicyARNs`, `addon.AttachPolicy`, `addon.WellKnownPolicies`) and pod identity associations at the same time',
          ),
          'keep one way of giving the add-on permissions',
        ),
      );
    } else if (irsa.filter(Boolean).length > 1) {
      problems.push(
        problem(
          ctx,
          'key',
          [...path, 'serviceAccountRoleARN'],
          invalid(
            'at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified',
          ),
          'keep one of them',
        ),
      );
    }
    if (addon.useDefaultPodIdentityAssociations === true && irsa.some(Boolean)) {
      problems.push(
        problem(
          ctx,
          'key',
          [...path, 'useDefaultPodIdentityAssociations'],
          `cannot specify serviceAccountRoleARN, wellKnownPolicies, attachPolicy or attachPolicyARNs when addon.useDefaultPodIdentityAssociations is set (addon: ${name})`,
          'keep useDefaultPodIdentityAssociations (Pod Identity) or the IRSA role settings, not both',
        ),
      );
    }
    if (podIds && name.toLowerCase() === POD_IDENTITY_AGENT) {
      problems.push(
        problem(
          ctx,
          'key',
          [...path, 'podIdentityAssociations'],
          invalid(`cannot set pod identity associations for "${POD_IDENTITY_AGENT}" addon`),
          'remove podIdentityAssociations from this add-on',
        ),
      );
    }
  });
  return problems;
}

/** eksctl's ValidateSecretsEncryption. */
export function secretsEncryption(ctx: RuleContext): Problem[] {
  const encryption = ctx.config.secretsEncryption;
  if (encryption === undefined) return [];
  const path: FieldPath = ['secretsEncryption', 'keyARN'];
  const hint = 'write the ARN of a KMS key: arn:aws:kms:REGION:ACCOUNT:key/KEY-ID';
  const key = encryption.keyARN ?? '';
  if (key === '') {
    return [
      problem(ctx, 'value', path, 'field secretsEncryption.keyARN is required for enabling secrets encryption', hint),
    ];
  }
  const arnError = arnSyntaxError(key);
  if (arnError !== undefined) {
    return [problem(ctx, 'value', path, `invalid ARN in secretsEncryption.keyARN: ${quote(key)}: ${arnError}`, hint)];
  }
  return [];
}

/** eksctl's VPC checks that need no AWS: NAT with IPv6, the shared node security group's rules. */
export function vpcSettings(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const vpc = ctx.config.vpc;
  if (ctx.resolved.kubernetesNetworkConfig.ipFamily === 'IPv6' && vpc?.nat !== undefined) {
    problems.push(
      problem(
        ctx,
        'key',
        ['vpc', 'nat'],
        'setting NAT is not supported with IPv6',
        'remove vpc.nat: a fully-private cluster has no NAT',
      ),
    );
  }
  if ((vpc?.sharedNodeSecurityGroup ?? '') === '' && vpc?.manageSharedNodeSecurityGroupRules === false) {
    problems.push(
      problem(
        ctx,
        'value',
        ['vpc', 'manageSharedNodeSecurityGroupRules'],
        'vpc.manageSharedNodeSecurityGroupRules must be enabled when using eksctl-managed security groups',
        'remove manageSharedNodeSecurityGroupRules: false, or give vpc.sharedNodeSecurityGroup',
      ),
    );
  }
  if (extra(vpc, 'controlPlaneOnPrivateSubnets') === true && nonEmpty(extra(vpc, 'controlPlaneSubnetIDs'))) {
    problems.push(
      problem(
        ctx,
        'key',
        ['vpc', 'controlPlaneSubnetIDs'],
        'only one of vpc.controlPlaneSubnetIDs and vpc.controlPlaneOnPrivateSubnets can be specified',
        'keep controlPlaneSubnetIDs and remove controlPlaneOnPrivateSubnets (every subnet of a fully-private cluster is private)',
      ),
    );
  }
  const hostnameType = extra(vpc, 'hostnameType');
  if (typeof hostnameType === 'string' && hostnameType !== '') {
    const subnets = vpc?.subnets;
    if (Object.keys(subnets?.private ?? {}).length + Object.keys(subnets?.public ?? {}).length > 0) {
      problems.push(
        problem(
          ctx,
          'key',
          ['vpc', 'hostnameType'],
          'vpc.hostnameType is not supported with a pre-existing VPC',
          'remove hostnameType',
        ),
      );
    } else if (hostnameType !== 'ip-name' && hostnameType !== 'resource-name') {
      problems.push(
        problem(
          ctx,
          'value',
          ['vpc', 'hostnameType'],
          `invalid value ${quote(hostnameType)} for vpc.hostnameType; supported values are [ip-name resource-name]`,
          'write ip-name or resource-name',
        ),
      );
    }
  }
  return problems;
}

/** eksctl's FargateProfile.Validate. */
export function fargateProfiles(ctx: RuleContext): Problem[] {
  return (ctx.config.fargateProfiles ?? []).flatMap((profile, i) => {
    const path: FieldPath = ['fargateProfiles', i];
    const name = profile.name ?? '';
    if (name === '') {
      return [problem(ctx, 'value', [...path, 'name'], 'invalid Fargate profile: empty name', 'name the profile')];
    }
    if (name.startsWith('eks-')) {
      return [
        problem(
          ctx,
          'value',
          [...path, 'name'],
          `invalid Fargate profile ${quote(name)}: name should NOT start with "eks-"`,
          'choose a name without the eks- prefix (reserved by AWS)',
        ),
      ];
    }
    const selectors = profile.selectors ?? [];
    if (selectors.length === 0) {
      return [
        problem(
          ctx,
          'key',
          path,
          `invalid Fargate profile ${quote(name)}: no profile selector`,
          'add selectors: [{namespace: default}]',
        ),
      ];
    }
    return selectors.flatMap((selector, j) =>
      (selector.namespace ?? '') === ''
        ? [
            problem(
              ctx,
              'value',
              [...path, 'selectors', j, 'namespace'],
              `invalid Fargate profile ${quote(name)}: invalid profile selector at index #${j}: empty namespace`,
              'name the namespace whose pods run on Fargate',
            ),
          ]
        : [],
    );
  });
}

/** eksctl's validateKarpenterConfig, validateIdentityProviders and ValidateAutoModeConfig. */
export function optionalFeatures(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const config = ctx.config as Record<string, unknown>;
  const karpenter = config['karpenter'];
  if (isRecord(karpenter)) {
    const version = karpenter['version'];
    const fail = (message: string, hint: string, path: FieldPath = ['karpenter']) =>
      problems.push(problem(ctx, 'key', path, `failed to validate Karpenter config: ${message}`, hint));
    if (typeof version !== 'string' || version === '') {
      fail('version field is required if installing Karpenter is enabled', 'add version: under karpenter');
    } else if (ctx.resolved.iam.withOIDC !== true) {
      fail('iam.withOIDC must be enabled with Karpenter', 'set iam.withOIDC: true', ['iam']);
    }
  }
  const providers = config['identityProviders'];
  if (Array.isArray(providers)) {
    providers.forEach((idp: unknown, i) => {
      if (!isRecord(idp) || idp['type'] !== 'oidc') return;
      const missing = ['name', 'clientID', 'issuerURL'].find((f) => !nonEmpty(idp[f]));
      if (missing !== undefined) {
        problems.push(
          problem(
            ctx,
            'key',
            ['identityProviders', i],
            `identityProviders[${i}] is invalid: ${missing} must be set and non-empty`,
            `add ${missing}:`,
          ),
        );
      }
    });
  }
  const autoMode = config['autoModeConfig'];
  if (isRecord(autoMode)) {
    const pools = autoMode['nodePools'];
    const role = nonEmpty(autoMode['nodeRoleARN']);
    const boundary = nonEmpty(autoMode['permissionsBoundaryARN']);
    const path: FieldPath = ['autoModeConfig'];
    if (autoMode['enabled'] === true) {
      if (Array.isArray(pools) && pools.length === 0 && role) {
        problems.push(
          problem(
            ctx,
            'key',
            path,
            'cannot specify autoModeConfig.nodeRoleARN when autoModeConfig.nodePools is empty',
            'remove nodeRoleARN',
          ),
        );
      }
      if (Array.isArray(pools) && pools.length === 0 && boundary) {
        problems.push(
          problem(
            ctx,
            'key',
            path,
            'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodePools is empty',
            'remove permissionsBoundaryARN: with no node pools, no node role is created',
          ),
        );
      }
      if (role && boundary) {
        problems.push(
          problem(
            ctx,
            'key',
            path,
            'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodeRoleARN is set',
            'keep one of the two',
          ),
        );
      }
      const seen = new Set<unknown>();
      for (const pool of Array.isArray(pools) ? pools : []) {
        if (seen.has(pool))
          problems.push(
            problem(ctx, 'key', path, `found duplicate node pool: ${quote(pool)}`, 'list each node pool once'),
          );
        else if (pool !== 'general-purpose' && pool !== 'system')
          problems.push(
            problem(ctx, 'key', path, `invalid NodePool ${quote(pool)}`, 'node pools: general-purpose, system'),
          );
        seen.add(pool);
      }
    } else if (role || boundary || (Array.isArray(pools) && pools.length > 0)) {
      problems.push(
        problem(
          ctx,
          'key',
          path,
          'cannot set autoModeConfig.nodeRoleARN, autoModeConfig.permissionBoundaryARN, or autoModeConfig.nodePools when Auto Mode is disabled',
          'set enabled: true, or remove them',
        ),
      );
    }
  }
  return problems;
}
