/**
 * `iam.podIdentityAssociations`: one `AWS::EKS::PodIdentityAssociation` each, and, unless a
 * `roleARN` is given, a role only EKS Pod Identity can assume with the listed policies. Pod
 * Identity goes through the EKS API, so it needs no Kubernetes API access from here (SPEC §7);
 * nodes reach it through the `eks-auth` endpoint.
 */
import type { PodIdentityAssociation } from '../config/resolved.js';
import type { Plan } from '../plan/types.js';
import { arnValue, getAtt, logicalIdPart, ref, tagList, uniqueLogicalIds } from './cfn.js';
import { serviceRole } from './iam.js';
import { wellKnownPolicySet } from './policy-sets.js';
import { CONTROL_PLANE_ID } from './security-groups.js';
import type { CfnResource } from './types.js';

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
      resources[roleId] = serviceRole({
        principal: 'EKSPods',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        managedPolicyArns: [
          ...association.permissionPolicyARNs.map((arn) => arnValue(arn, partition)),
          ...wellKnown.managed,
        ],
        inlinePolicies: wellKnown.inline,
        tags: tagList(roleId, stackTags),
      });
    }
    resources[associationId] = {
      Type: 'AWS::EKS::PodIdentityAssociation',
      Properties: {
        ClusterName: ref(CONTROL_PLANE_ID),
        Namespace: association.namespace,
        ServiceAccount: association.serviceAccountName,
        RoleArn: association.roleARN === undefined ? getAtt(roleId, 'Arn') : arnValue(association.roleARN, partition),
        Tags: tagList(associationId, stackTags),
      },
    };
  });
  return resources;
}
