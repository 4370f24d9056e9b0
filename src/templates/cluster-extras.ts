/**
 * What the cluster stack adds around the control plane: access entries, the IRSA OIDC provider and
 * the Fargate pod execution role. (Add-ons have a stack of their own, addons.ts; the control-plane
 * log group is made or adopted through the API, deploy/log-group.ts.)
 */
import type { Plan } from '../plan/types.js';
import { arnValue, awsManagedPolicyArn, getAtt, ref, stableHash, sub, tagList } from './cfn.js';
import { serviceRole } from './iam.js';
import { CONTROL_PLANE_ID } from './security-groups.js';
import type { CfnResource, CfnValue } from './types.js';

export const OIDC_PROVIDER_ID = 'OIDCProvider';
export const FARGATE_ROLE_ID = 'FargatePodExecutionRole';

type Resources = Record<string, CfnResource>;
type Tags = Readonly<Record<string, string>>;

/**
 * `accessConfig.accessEntries`. Logical ids come from the principal, not the list position, so
 * reordering the file does not make CloudFormation replace (and briefly revoke) an entry.
 */
export function accessEntryResources(plan: Plan, stackTags: Tags): Resources {
  const resources: Resources = {};
  const partition = plan.region.partition;
  for (const entry of plan.cluster.accessConfig.accessEntries) {
    const logicalId = `AccessEntry${stableHash(entry.principalARN)}`;
    resources[logicalId] = {
      Type: 'AWS::EKS::AccessEntry',
      Properties: {
        ClusterName: ref(CONTROL_PLANE_ID),
        PrincipalArn: arnValue(entry.principalARN, partition),
        Type: entry.type,
        ...(entry.kubernetesGroups.length > 0 ? { KubernetesGroups: entry.kubernetesGroups } : {}),
        ...(entry.kubernetesUsername === undefined ? {} : { Username: entry.kubernetesUsername }),
        ...(entry.accessPolicies.length > 0
          ? {
              AccessPolicies: entry.accessPolicies.map((policy) => ({
                PolicyArn: arnValue(policy.policyARN, partition),
                AccessScope:
                  policy.accessScope.type === 'namespace'
                    ? { Type: 'namespace', Namespaces: policy.accessScope.namespaces }
                    : { Type: 'cluster' },
              })),
            }
          : {}),
        Tags: tagList(logicalId, stackTags),
      },
    };
  }
  return resources;
}

/**
 * The IRSA identity provider (`iam.withOIDC`). No ThumbprintList: the CloudFormation schema no
 * longer requires one and IAM checks EKS's OIDC issuers against its own trusted root CAs, so no
 * thumbprint has to be computed at deploy time (the TLS-interception check of SPEC §9 stays in
 * `doctor`).
 */
export function oidcProviderResources(plan: Plan, stackTags: Tags): Resources {
  if (!plan.cluster.iam.withOIDC) return {};
  return {
    [OIDC_PROVIDER_ID]: {
      Type: 'AWS::IAM::OIDCProvider',
      Properties: {
        Url: getAtt(CONTROL_PLANE_ID, 'OpenIdConnectIssuerUrl'),
        // The audience the EKS pod identity webhook puts in projected tokens, in every partition.
        ClientIdList: ['sts.amazonaws.com'],
        Tags: tagList(OIDC_PROVIDER_ID, stackTags),
      },
    },
  };
}

/** True when the cluster stack must create the Fargate pod execution role. */
export function needsFargateRole(plan: Plan): boolean {
  return (
    plan.cluster.iam.fargatePodExecutionRoleARN === undefined &&
    plan.cluster.fargateProfiles.some((profile) => profile.podExecutionRoleARN === undefined)
  );
}

export function fargateRoleResources(plan: Plan, stackTags: Tags): Resources {
  if (!needsFargateRole(plan)) return {};
  const condition: CfnValue = {
    // Only this cluster's Fargate profiles may use the role (confused-deputy protection).
    ArnLike: {
      'aws:SourceArn': sub(
        `arn:\${AWS::Partition}:eks:\${AWS::Region}:\${AWS::AccountId}:fargateprofile/${plan.cluster.metadata.name}/*`,
      ),
    },
  };
  const boundary = plan.cluster.iam.fargatePodExecutionRolePermissionsBoundary;
  return {
    [FARGATE_ROLE_ID]: serviceRole({
      principal: 'EKSFargatePods',
      managedPolicyArns: [awsManagedPolicyArn('AmazonEKSFargatePodExecutionRolePolicy')],
      condition,
      ...(boundary === undefined ? {} : { permissionsBoundary: arnValue(boundary, plan.region.partition) }),
      tags: tagList(FARGATE_ROLE_ID, stackTags),
    }),
  };
}
