/**
 * `iam.podIdentityAssociations`: one `AWS::EKS::PodIdentityAssociation` each, and, unless a
 * `roleARN` is given, a role only EKS Pod Identity can assume with the listed policies. Pod
 * Identity goes through the EKS API, so it needs no Kubernetes API access from here (SPEC §7);
 * nodes reach it through the `eks-auth` endpoint.
 */
import type { PodIdentityAssociation, PodIdentityRoleOptions } from '../config/resolved.js';
import type { Partition } from '../plan/types.js';
import type { Plan } from '../plan/types.js';
import { arnValue, getAtt, logicalIdPart, ref, tagList, uniqueLogicalIds } from './cfn.js';
import { serviceRole, type InlinePolicy } from './iam.js';
import { wellKnownPolicySet } from './policy-sets.js';
import { CONTROL_PLANE_ID } from './security-groups.js';
import type { CfnResource, CfnTag, CfnValue } from './types.js';

/**
 * eksctl's options for a Pod Identity role private-eks creates: its name, permissions boundary,
 * inline policy (permissionPolicy, named permissionPolicyName) and the file's tags.
 */
export function podIdentityRoleOptions(
  options: PodIdentityRoleOptions,
  partition: Partition,
  roleTags: readonly CfnTag[],
): {
  roleName?: string;
  permissionsBoundary?: CfnValue;
  inlinePolicies: InlinePolicy[];
  tags: CfnTag[];
} {
  return {
    ...(options.roleName === undefined ? {} : { roleName: options.roleName }),
    ...(options.permissionsBoundaryARN === undefined
      ? {}
      : { permissionsBoundary: arnValue(options.permissionsBoundaryARN, partition) }),
    inlinePolicies:
      options.permissionPolicy === undefined
        ? []
        : [
            {
              PolicyName: options.permissionPolicyName ?? 'PodIdentityPolicy',
              PolicyDocument: options.permissionPolicy as CfnValue,
            },
          ],
    tags: [...roleTags, ...Object.entries(options.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))],
  };
}

function baseName(association: PodIdentityAssociation): string {
  return logicalIdPart(`${association.namespace}-${association.serviceAccountName}`);
}

export function podIdentityResources(
  plan: Plan,
  stackTags: Readonly<Record<string, string>>,
): Record<string, CfnResource> {
  const associations = plan.cluster.iam.podIdentityAssociations;
  const names = uniqueLogicalIds(associations.map(baseName));
  const partition = plan.region.partition;
  const resources: Record<string, CfnResource> = {};
  associations.forEach((association, index) => {
    const name = names[index] ?? `${index}`;
    const roleId = `PodIdentityRole${name}`;
    const associationId = `PodIdentityAssociation${name}`;
    if (association.roleARN === undefined) {
      const wellKnown = wellKnownPolicySet(association.wellKnownPolicies ?? []);
      const extras = podIdentityRoleOptions(association, partition, tagList(roleId, stackTags));
      resources[roleId] = serviceRole({
        principal: 'EKSPods',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        managedPolicyArns: [
          ...association.permissionPolicyARNs.map((arn) => arnValue(arn, partition)),
          ...wellKnown.managed,
        ],
        ...extras,
        inlinePolicies: [...extras.inlinePolicies, ...wellKnown.inline],
      });
    }
    resources[associationId] = {
      Type: 'AWS::EKS::PodIdentityAssociation',
      Properties: {
        ClusterName: ref(CONTROL_PLANE_ID),
        Namespace: association.namespace,
        ServiceAccount: association.serviceAccountName,
        RoleArn: association.roleARN === undefined ? getAtt(roleId, 'Arn') : arnValue(association.roleARN, partition),
        ...(association.targetRoleARN === undefined
          ? {}
          : { TargetRoleArn: arnValue(association.targetRoleARN, partition) }),
        ...(association.disableSessionTags === undefined ? {} : { DisableSessionTags: association.disableSessionTags }),
        ...(association.policy === undefined ? {} : { Policy: association.policy }),
        Tags: [
          ...tagList(associationId, stackTags),
          ...Object.entries(association.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        ],
      },
    };
  });
  return resources;
}
