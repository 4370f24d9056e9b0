/**
 * Cluster features beyond the core control plane, as eksctl builds them (pkg/cfn/builder/cluster.go,
 * auto_mode.go): the upgrade policy, zonal shift, EKS Auto Mode (compute, block storage and load
 * balancing on, the node role), OIDC identity providers (`AWS::EKS::IdentityProviderConfig`) and the
 * control-plane security group's rules for `vpc.extraCIDRs` / `vpc.extraIPv6CIDRs`.
 */
import type { Plan } from '../plan/types.js';
import { arnValue, awsManagedPolicyArn, getAtt, ref, stableHash, tagList } from './cfn.js';
import { serviceRole } from './iam.js';
import { CONTROL_PLANE_ID, CONTROL_PLANE_SG_ID } from './security-groups.js';
import type { CfnResource, CfnValue } from './types.js';

export const AUTO_MODE_NODE_ROLE_ID = 'AutoModeNodeRole';

type Resources = Record<string, CfnResource>;
type Tags = Readonly<Record<string, string>>;

/** The policies eksctl adds to the cluster role when Auto Mode is on (builder.AutoModeIAMPolicies). */
export const AUTO_MODE_CLUSTER_POLICIES = [
  'AmazonEKSComputePolicy',
  'AmazonEKSBlockStoragePolicy',
  'AmazonEKSLoadBalancingPolicy',
  'AmazonEKSNetworkingPolicy',
] as const;

/** `AWS::EKS::Cluster` properties for the upgrade policy, zonal shift and Auto Mode. */
export function controlPlaneFeatures(plan: Plan): Record<string, CfnValue> {
  const { cluster } = plan;
  const auto = cluster.autoMode;
  const properties: Record<string, CfnValue> = {};
  if (cluster.upgradeSupportType !== undefined) {
    properties['UpgradePolicy'] = { SupportType: cluster.upgradeSupportType };
  }
  if (cluster.zonalShift === true) properties['ZonalShiftConfig'] = { Enabled: true };
  if (cluster.controlPlaneTier !== undefined)
    properties['ControlPlaneScalingConfig'] = { Tier: cluster.controlPlaneTier };
  if (auto !== undefined) {
    properties['ComputeConfig'] = {
      Enabled: true,
      ...(autoModeNodeRole(plan) === undefined ? {} : { NodeRoleArn: autoModeNodeRole(plan) as CfnValue }),
      ...(auto.nodePools.length > 0 ? { NodePools: auto.nodePools } : {}),
    };
    properties['StorageConfig'] = { BlockStorage: { Enabled: true } };
  }
  return properties;
}

/** Auto Mode turns the built-in load balancing on, inside KubernetesNetworkConfig. */
export function autoModeNetworkConfig(plan: Plan): Record<string, CfnValue> {
  return plan.cluster.autoMode === undefined ? {} : { ElasticLoadBalancing: { Enabled: true } };
}

/** The node role of Auto Mode nodes: the file's, the created one, or none (no built-in node pools). */
function autoModeNodeRole(plan: Plan): CfnValue | undefined {
  const auto = plan.cluster.autoMode;
  if (auto === undefined) return undefined;
  if (auto.nodeRoleARN !== undefined) return arnValue(auto.nodeRoleARN, plan.region.partition);
  // eksctl creates the role only for the built-in node pools; without them the user's NodeClass names one.
  return auto.nodePools.length > 0 ? getAtt(AUTO_MODE_NODE_ROLE_ID, 'Arn') : undefined;
}

/**
 * eksctl's Auto Mode node role (pkg/cfn/builder/roles/auto-mode-node-role.yaml) without
 * AmazonElasticContainerRegistryPublicReadOnly: public.ecr.aws is out of reach of a fully-private
 * cluster, so the permission would only widen the role.
 */
export function autoModeResources(plan: Plan, stackTags: Tags): Resources {
  const auto = plan.cluster.autoMode;
  if (auto === undefined || auto.nodeRoleARN !== undefined || auto.nodePools.length === 0) return {};
  const role = serviceRole({
    principal: 'EC2',
    managedPolicyArns: [
      awsManagedPolicyArn('AmazonEC2ContainerRegistryPullOnly'),
      awsManagedPolicyArn('AmazonEKSWorkerNodeMinimalPolicy'),
    ],
    tags: tagList(AUTO_MODE_NODE_ROLE_ID, stackTags),
  });
  const boundary = auto.permissionsBoundaryARN;
  return {
    [AUTO_MODE_NODE_ROLE_ID]:
      boundary === undefined
        ? role
        : {
            ...role,
            Properties: { ...role.Properties, PermissionsBoundary: arnValue(boundary, plan.region.partition) },
          },
  };
}

/**
 * `identityProviders`: one `AWS::EKS::IdentityProviderConfig` each, as eksctl's
 * AssociateIdentityProviderConfig call (pkg/actions/identityproviders/associate.go). The logical id
 * comes from the name, so reordering the file replaces nothing.
 */
export function identityProviderResources(plan: Plan, stackTags: Tags): Resources {
  const resources: Resources = {};
  for (const idp of plan.cluster.identityProviders ?? []) {
    const logicalId = `IdentityProvider${stableHash(idp.name)}`;
    const claims = Object.entries(idp.requiredClaims);
    resources[logicalId] = {
      Type: 'AWS::EKS::IdentityProviderConfig',
      Properties: {
        ClusterName: ref(CONTROL_PLANE_ID),
        Type: 'oidc',
        IdentityProviderConfigName: idp.name,
        Oidc: {
          IssuerUrl: idp.issuerURL,
          ClientId: idp.clientID,
          ...(idp.usernameClaim === undefined ? {} : { UsernameClaim: idp.usernameClaim }),
          ...(idp.usernamePrefix === undefined ? {} : { UsernamePrefix: idp.usernamePrefix }),
          ...(idp.groupsClaim === undefined ? {} : { GroupsClaim: idp.groupsClaim }),
          ...(idp.groupsPrefix === undefined ? {} : { GroupsPrefix: idp.groupsPrefix }),
          ...(claims.length > 0 ? { RequiredClaims: claims.map(([Key, Value]) => ({ Key, Value })) } : {}),
        },
        Tags: tagList(logicalId, idp.tags, stackTags),
      },
    };
  }
  return resources;
}

/**
 * While EKS associates an identity provider the cluster is UPDATING and refuses other changes:
 * the association waits for every other EKS resource of the stack (access entries, pod identity
 * associations), as eksctl runs it after them.
 */
export function identityProvidersAfterOthers(resources: Resources): Resources {
  const others = Object.entries(resources)
    .filter(([, r]) => r.Type.startsWith('AWS::EKS::') && r.Type !== 'AWS::EKS::Cluster')
    .filter(([, r]) => r.Type !== 'AWS::EKS::IdentityProviderConfig')
    .map(([id]) => id);
  if (others.length === 0) return resources;
  const out: Resources = {};
  for (const [id, resource] of Object.entries(resources)) {
    out[id] =
      resource.Type === 'AWS::EKS::IdentityProviderConfig'
        ? { ...resource, DependsOn: [...(resource.DependsOn ?? []), ...others] }
        : resource;
  }
  return out;
}

/** eksctl's `IngressControlPlaneExtraCIDR<i>` rules: HTTPS to the API server from each extra CIDR. */
export function extraCidrResources(plan: Plan): Resources {
  const vpc = plan.cluster.vpc;
  // Only on the security group private-eks creates, as eksctl.
  if (vpc.securityGroup !== undefined || (vpc.controlPlaneSecurityGroupIDs ?? []).length > 0) return {};
  const resources: Resources = {};
  const rule = (cidr: string, family: 'CidrIp' | 'CidrIpv6', description: string): CfnResource => ({
    Type: 'AWS::EC2::SecurityGroupIngress',
    Properties: {
      GroupId: ref(CONTROL_PLANE_SG_ID),
      [family]: cidr,
      Description: description,
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
    },
  });
  (vpc.extraCIDRs ?? []).forEach((cidr, i) => {
    resources[`IngressControlPlaneExtraCIDR${i}`] = rule(
      cidr,
      'CidrIp',
      `Allow Extra CIDR ${i} (${cidr}) to communicate to controlplane`,
    );
  });
  (vpc.extraIPv6CIDRs ?? []).forEach((cidr, i) => {
    resources[`IngressControlPlaneExtraIPv6CIDR${i}`] = rule(
      cidr,
      'CidrIpv6',
      `Allow Extra IPv6 CIDR ${i} (${cidr}) to communicate to controlplane`,
    );
  });
  return resources;
}
