/**
 * Defaults of the cluster-level fields of schema-cluster.ts and the VPC's extra fields, as eksctl
 * sets them (pkg/apis/eksctl.io/v1alpha5/defaults.go): Auto Mode gets both built-in node pools
 * unless the file lists them. A new object; the input is never changed.
 */
import type { AutoMode, IamIdentityMapping, OidcIdentityProvider, ResolvedConfig, ResolvedVpc } from './resolved.js';
import type { ClusterConfigFile } from './schema.js';
import type { IamIdentityMappingFile, IdentityProviderFile } from './schema-cluster.js';

/** eksctl's `AutoModeKnownNodePools`, its default when `nodePools` is absent. */
export const AUTO_MODE_NODE_POOLS = ['general-purpose', 'system'] as const;

type ClusterFields = Pick<
  ResolvedConfig,
  'identityProviders' | 'iamIdentityMappings' | 'upgradeSupportType' | 'zonalShift' | 'autoMode'
>;
type VpcFields = Pick<
  ResolvedVpc,
  'extraCIDRs' | 'extraIPv6CIDRs' | 'controlPlaneSecurityGroupIDs' | 'controlPlaneSubnetIDs' | 'hostnameType'
>;

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

function identityProvider(p: IdentityProviderFile): OidcIdentityProvider {
  return {
    name: p.name ?? '',
    issuerURL: p.issuerURL ?? '',
    clientID: p.clientID ?? '',
    ...optional('usernameClaim', p.usernameClaim),
    ...optional('usernamePrefix', p.usernamePrefix),
    ...optional('groupsClaim', p.groupsClaim),
    ...optional('groupsPrefix', p.groupsPrefix),
    requiredClaims: { ...(p.requiredClaims ?? {}) },
    tags: { ...(p.tags ?? {}) },
  };
}

function identityMapping(m: IamIdentityMappingFile): IamIdentityMapping {
  return {
    ...optional('arn', m.arn),
    ...optional('username', m.username),
    groups: [...(m.groups ?? [])],
    ...optional('account', m.account),
    ...optional('serviceName', m.serviceName),
    ...optional('namespace', m.namespace),
    noDuplicateARNs: m.noDuplicateARNs ?? false,
  };
}

function autoMode(config: ClusterConfigFile): AutoMode | undefined {
  const auto = config.autoModeConfig;
  if (auto?.enabled !== true) return undefined;
  return {
    ...optional('nodeRoleARN', auto.nodeRoleARN),
    ...optional('permissionsBoundaryARN', auto.permissionsBoundaryARN),
    nodePools: [...(auto.nodePools ?? AUTO_MODE_NODE_POOLS)],
  };
}

export function clusterFieldDefaults(config: ClusterConfigFile): ClusterFields {
  const supportType = config.upgradePolicy?.supportType;
  const auto = autoMode(config);
  return {
    identityProviders: (config.identityProviders ?? []).map(identityProvider),
    iamIdentityMappings: (config.iamIdentityMappings ?? []).map(identityMapping),
    // eksctl --dry-run writes `supportType: ""`: the EKS default, as if absent.
    ...(supportType === undefined || supportType === '' ? {} : { upgradeSupportType: supportType }),
    zonalShift: config.zonalShiftConfig?.enabled ?? false,
    ...(auto === undefined ? {} : { autoMode: auto }),
  };
}

export function vpcFieldDefaults(vpc: NonNullable<ClusterConfigFile['vpc']>): VpcFields {
  return {
    extraCIDRs: [...(vpc.extraCIDRs ?? [])],
    extraIPv6CIDRs: [...(vpc.extraIPv6CIDRs ?? [])],
    controlPlaneSecurityGroupIDs: [...(vpc.controlPlaneSecurityGroupIDs ?? [])],
    ...((vpc.controlPlaneSubnetIDs ?? []).length > 0 ? { controlPlaneSubnetIDs: [...vpc.controlPlaneSubnetIDs!] } : {}),
    ...optional('hostnameType', vpc.hostnameType),
  };
}
