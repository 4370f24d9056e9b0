/**
 * Every rule of SPEC §3, in rule order, then eksctl's unnumbered checks. V19 (fields private-eks
 * does not implement) is found with the unknown fields, in fields.ts.
 */
import type { Problem } from '../problem.js';
import {
  addonAttachPolicyArns,
  bareClusterWithoutVpcCni,
  logRetentionNeedsLogging,
  serviceAccountsNeedOidc,
} from './cluster-settings.js';
import { v16Cidrs } from './cidrs.js';
import {
  autoModeConfig,
  iamIdentityMappings,
  identityProviders,
  nodeImageFamilies,
  vpcExtraFields,
} from './cluster-fields.js';
import type { Rule, RuleContext } from './context.js';
import { kubernetesVersion, v15NameAndRegion, v20RegionSupport } from './metadata.js';
import { counts, idFormats, stackNames, tags } from './aws-limits.js';
import {
  accessEntries,
  addons,
  creatorAdminPermissions,
  fargateProfiles,
  optionalFeatures,
  podIdentityAssociations,
  secretsEncryption,
  serviceAccounts,
  vpcSettings,
} from './cluster-eksctl.js';
import { ipv6Requirements } from './ipv6-eksctl.js';
import { nodeGroupLabelsAndTaints } from './labels-taints.js';
import { nodeGroupKindRules } from './nodegroup-kinds.js';
import { managedAsgSuspendProcesses } from './managed-asg.js';
import { nodeGroupSettingsEksctl } from './nodegroup-settings-eksctl.js';
import { instanceSelectorRules } from './instance-selector.js';
import {
  nodeGroupImdsV1,
  nodeGroupSettings,
  nodeGroupSsh,
  v10NodeGroupOutpost,
  v12NodeGroupNames,
  v8PrivateNetworking,
} from './nodegroups.js';
import { v11Outpost, v9LocalZones } from './out-of-scope.js';
import {
  v17SkipWithoutSuppliedVpc,
  v1PrivateClusterEnabled,
  v5SkipWithAdditionalServices,
  v6UnsupportedEndpointService,
  v7DuplicateEndpointService,
} from './private-cluster.js';
import {
  v13SubnetsAndZones,
  v14TwoZones,
  v18Nat,
  v2ClusterEndpoints,
  v3PublicSubnets,
  v4SubnetsForSuppliedVpc,
} from './vpc.js';

export type { Rule, RuleContext, RegionSource } from './context.js';

export const RULES: readonly Rule[] = [
  v1PrivateClusterEnabled,
  v2ClusterEndpoints,
  v3PublicSubnets,
  v4SubnetsForSuppliedVpc,
  v5SkipWithAdditionalServices,
  v6UnsupportedEndpointService,
  v7DuplicateEndpointService,
  v8PrivateNetworking,
  v9LocalZones,
  v10NodeGroupOutpost,
  v11Outpost,
  v12NodeGroupNames,
  v13SubnetsAndZones,
  v14TwoZones,
  v15NameAndRegion,
  v16Cidrs,
  v17SkipWithoutSuppliedVpc,
  v18Nat,
  v20RegionSupport,
  kubernetesVersion,
  nodeGroupSettings,
  nodeGroupSsh,
  nodeGroupImdsV1,
  serviceAccountsNeedOidc,
  serviceAccounts,
  podIdentityAssociations,
  logRetentionNeedsLogging,
  vpcSettings,
  ipv6Requirements,
  secretsEncryption,
  accessEntries,
  optionalFeatures,
  addons,
  addonAttachPolicyArns,
  bareClusterWithoutVpcCni,
  creatorAdminPermissions,
  fargateProfiles,
  // eksctl's nodegroup checks run after the cluster's, each kind in eksctl's order.
  nodeGroupKindRules,
  nodeGroupSettingsEksctl,
  instanceSelectorRules,
  managedAsgSuspendProcesses,
  nodeGroupLabelsAndTaints,
  // AWS's limits.
  counts,
  stackNames,
  tags,
  idFormats,
  // The cluster-level fields of schema-cluster.ts and the VPC's extra fields.
  identityProviders,
  iamIdentityMappings,
  vpcExtraFields,
  autoModeConfig,
  nodeImageFamilies,
];

export function runRules(ctx: RuleContext): Problem[] {
  return RULES.flatMap((rule) => rule(ctx));
}
