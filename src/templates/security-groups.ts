/**
 * The control plane's and the nodes' security groups, as eksctl makes them
 * (pkg/cfn/builder/vpc.go): `ControlPlaneSecurityGroup` (no rules of its own), and
 * `ClusterSharedNodeSecurityGroup` with nodes ↔ nodes and nodes ↔ the EKS-created cluster
 * security group, all ports. Self-managed nodes join the control plane through these rules;
 * managed nodes also carry the cluster security group itself.
 */
import type { Plan } from '../plan/types.js';
import { clusterOwnedTag, getAtt, ref, tagList } from './cfn.js';
import { vpcIdValue } from './context.js';
import type { CfnResource, CfnValue } from './types.js';

export const CONTROL_PLANE_ID = 'ControlPlane';
export const CONTROL_PLANE_SG_ID = 'ControlPlaneSecurityGroup';
export const SHARED_NODE_SG_ID = 'ClusterSharedNodeSecurityGroup';

/**
 * The control plane's security group: the supplied one (`vpc.securityGroup`, else the first of
 * `vpc.controlPlaneSecurityGroupIDs`, as eksctl), or the one this stack creates.
 */
export function controlPlaneSecurityGroupValue(plan: Plan): CfnValue {
  return (
    plan.cluster.vpc.securityGroup ?? plan.cluster.vpc.controlPlaneSecurityGroupIDs?.[0] ?? ref(CONTROL_PLANE_SG_ID)
  );
}

/** Every security group of the control plane: `vpc.controlPlaneSecurityGroupIDs` when given. */
export function controlPlaneSecurityGroupIds(plan: Plan): CfnValue[] {
  const given = plan.cluster.vpc.controlPlaneSecurityGroupIDs ?? [];
  return plan.cluster.vpc.securityGroup === undefined && given.length > 0
    ? [...given]
    : [controlPlaneSecurityGroupValue(plan)];
}

function createsControlPlaneSecurityGroup(plan: Plan): boolean {
  return (
    plan.cluster.vpc.securityGroup === undefined && (plan.cluster.vpc.controlPlaneSecurityGroupIDs ?? []).length === 0
  );
}

export function sharedNodeSecurityGroupValue(plan: Plan): CfnValue {
  return plan.cluster.vpc.sharedNodeSecurityGroup ?? ref(SHARED_NODE_SG_ID);
}

export function securityGroupResources(
  plan: Plan,
  stackTags: Readonly<Record<string, string>>,
): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  const owned = clusterOwnedTag(plan.cluster.metadata.name);
  if (createsControlPlaneSecurityGroup(plan)) {
    resources[CONTROL_PLANE_SG_ID] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'Communication between the control plane and worker nodegroups',
        VpcId: vpcIdValue(plan),
        Tags: tagList(CONTROL_PLANE_SG_ID, stackTags),
      },
    };
  }
  const sharedNodeSg = sharedNodeSecurityGroupValue(plan);
  if (plan.cluster.vpc.sharedNodeSecurityGroup === undefined) {
    resources[SHARED_NODE_SG_ID] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'Communication between all nodes in the cluster',
        VpcId: vpcIdValue(plan),
        Tags: tagList(SHARED_NODE_SG_ID, owned, stackTags),
      },
    };
    resources['IngressInterNodeGroupSG'] = ingress(
      sharedNodeSg,
      sharedNodeSg,
      'Allow nodes to communicate with each other (all ports)',
    );
  }
  // eksctl adds these to a supplied shared node group too, unless told not to manage it.
  if (plan.cluster.vpc.manageSharedNodeSecurityGroupRules) {
    const clusterSg = getAtt(CONTROL_PLANE_ID, 'ClusterSecurityGroupId');
    resources['IngressDefaultClusterToNodeSG'] = ingress(
      sharedNodeSg,
      clusterSg,
      'Allow managed and unmanaged nodes to communicate with each other (all ports)',
    );
    resources['IngressNodeToDefaultClusterSG'] = ingress(
      clusterSg,
      sharedNodeSg,
      'Allow unmanaged nodes to communicate with control plane (all ports)',
    );
  }
  return resources;
}

function ingress(groupId: CfnValue, sourceGroupId: CfnValue, description: string): CfnResource {
  return {
    Type: 'AWS::EC2::SecurityGroupIngress',
    Properties: {
      GroupId: groupId,
      SourceSecurityGroupId: sourceGroupId,
      Description: description,
      // All protocols; ports do not apply (cfn-lint W3687).
      IpProtocol: '-1',
    },
  };
}
