/**
 * A managed nodegroup stack, `eksctl-<cluster>-nodegroup-<ng>` (SPEC §6): a launch template
 * (IMDSv2, encrypted volume, no public address), the node role, and `AWS::EKS::Nodegroup` in the
 * private subnets. EKS creates the nodes' access entry itself.
 */
import { managedAsgTags } from './autoscaler-tags.js';
import type { NodeRepairConfig, ResolvedNodeGroup } from '../config/resolved.js';
import type { Plan, StackPlan } from '../plan/types.js';
import { launchTemplateImageId, managedAmiType } from './ami.js';
import { getAtt, ref, tagList, tagMap } from './cfn.js';
import { exportedNodeRoleOutput } from './nodegroup-outputs.js';
import { importFromCluster } from './cluster-exports.js';
import { clusterStackPlan, unsupported } from './context.js';
import { servicePrincipalMappings } from './iam.js';
import {
  bootstrapSources,
  findNodeGroup,
  nodeLabels,
  nodeRoleArn,
  nodeRoleResources,
  nodeSecurityGroups,
  nodeSubnets,
  nodeTagSpecifications,
  secureLaunchTemplateData,
  sshSecurityGroupResources,
} from './nodegroup-common.js';
import { nodeUserData } from './user-data.js';
import {
  INSTANCE_SELECTOR_PARAMETER,
  instanceSelectorParameter,
  selectorTypesUnknown,
} from './instance-selector-types.js';
import type { CfnResource, CfnValue, Template } from './types.js';

export const LAUNCH_TEMPLATE_ID = 'LaunchTemplate';
export const MANAGED_NODEGROUP_ID = 'ManagedNodeGroup';

const TAINT_EFFECTS = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
} as const;

export function renderManagedNodeGroupStack(plan: Plan, stack: StackPlan): Template {
  const ng = findNodeGroup(plan, stack);
  const tags = stack.tags;
  // Put on the group EKS makes, after the stack (deploy/nodegroup-asg.ts); a count over the
  // group's limit is refused here, in plan, not half-way through a create.
  if (ng.propagateASGTags === true) managedAsgTags(plan, ng);
  const resources: Record<string, CfnResource> = {
    ...nodeRoleResources(plan, ng, tags),
    ...(ng.launchTemplate === undefined ? sshSecurityGroupResources(plan, ng, tags) : {}),
    ...(ng.launchTemplate === undefined ? { [LAUNCH_TEMPLATE_ID]: launchTemplate(plan, ng, tags) } : {}),
    [MANAGED_NODEGROUP_ID]: managedNodeGroup(plan, ng, tags),
  };
  const hasRole = Object.values(resources).some((r) => r.Type === 'AWS::IAM::Role');
  const parameters = instanceSelectorParameter(ng);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `EKS managed nodegroup ${ng.name} of cluster ${plan.cluster.metadata.name}: private subnets only [created by private-eks]`,
    ...(hasRole ? { Mappings: servicePrincipalMappings() } : {}),
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    Resources: resources,
    Outputs: exportedNodeRoleOutput(nodeRoleArn(plan, ng)),
  };
}

function launchTemplate(plan: Plan, ng: ResolvedNodeGroup, tags: Readonly<Record<string, string>>): CfnResource {
  const clusterStack = clusterStackPlan(plan).name;
  // A custom image (the file's ami, or Ubuntu's) bootstraps itself; on the EKS image EKS does.
  const imageId = launchTemplateImageId(ng, plan.cluster.metadata.version);
  const userData = nodeUserData(ng, bootstrapSources(plan), {
    mode: imageId === undefined ? 'merge' : 'full',
    labels: nodeLabels(plan, ng),
  });
  return {
    Type: 'AWS::EC2::LaunchTemplate',
    Properties: {
      LaunchTemplateData: {
        ...secureLaunchTemplateData(plan, ng),
        ...(imageId === undefined ? {} : { ImageId: imageId }),
        // Security groups in a launch template replace the ones EKS would attach, so the
        // cluster security group is listed explicitly (as eksctl does).
        SecurityGroupIds: nodeSecurityGroups(plan, ng, [importFromCluster(clusterStack, 'ClusterSecurityGroupId')]),
        TagSpecifications: nodeTagSpecifications(plan, ng, tags),
        ...(userData === undefined ? {} : { UserData: userData }),
      },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: tagList(LAUNCH_TEMPLATE_ID, tags) }],
    },
  };
}

function managedNodeGroup(plan: Plan, ng: ResolvedNodeGroup, tags: Readonly<Record<string, string>>): CfnResource {
  const clusterStack = clusterStackPlan(plan).name;
  if (ng.releaseVersion !== undefined && launchTemplateImageId(ng, plan.cluster.metadata.version) !== undefined) {
    // EKS takes a release only for its own images (eksctl: "cannot set releaseVersion" with an image id).
    throw unsupported(
      `nodegroup "${ng.name}": releaseVersion selects an EKS-optimized image, and this nodegroup runs a custom one (ami or ${ng.amiFamily})`,
      'remove releaseVersion, or remove ami and use an EKS-optimized amiFamily',
    );
  }
  const template: CfnValue =
    ng.launchTemplate === undefined
      ? { Id: ref(LAUNCH_TEMPLATE_ID), Version: getAtt(LAUNCH_TEMPLATE_ID, 'LatestVersionNumber') }
      : {
          Id: ng.launchTemplate.id,
          ...(ng.launchTemplate.version === undefined ? {} : { Version: ng.launchTemplate.version }),
        };
  return {
    Type: 'AWS::EKS::Nodegroup',
    Properties: {
      ClusterName: importFromCluster(clusterStack, 'ClusterName'),
      NodegroupName: ng.name,
      NodeRole: nodeRoleArn(plan, ng),
      Subnets: nodeSubnets(plan, ng),
      ScalingConfig: { MinSize: ng.minSize, MaxSize: ng.maxSize, DesiredSize: ng.desiredCapacity },
      InstanceTypes: selectorTypesUnknown(ng) ? ref(INSTANCE_SELECTOR_PARAMETER) : ng.instanceTypes,
      // A custom AMI comes through the launch template (AmiType CUSTOM, implied).
      ...(launchTemplateImageId(ng, plan.cluster.metadata.version) === undefined
        ? { AmiType: managedAmiType(ng) }
        : {}),
      CapacityType: ng.spot ? 'SPOT' : 'ON_DEMAND',
      Labels: nodeLabels(plan, ng),
      ...(ng.taints.length > 0
        ? {
            Taints: ng.taints.map((taint) => ({
              Key: taint.key,
              ...(taint.value === undefined ? {} : { Value: taint.value }),
              Effect: TAINT_EFFECTS[taint.effect],
            })),
          }
        : {}),
      LaunchTemplate: template,
      ...(ng.updateConfig === undefined ? {} : { UpdateConfig: updateConfig(ng.updateConfig) }),
      ...(ng.releaseVersion === undefined ? {} : { ReleaseVersion: ng.releaseVersion }),
      ...(ng.nodeRepairConfig === undefined ? {} : { NodeRepairConfig: nodeRepairConfig(ng.nodeRepairConfig) }),
      Tags: tagMap(tags, ng.tags),
    },
  };
}

/** AWS::EKS::Nodegroup NodeRepairConfig: the fields the file sets, as eksctl passes them. */
function nodeRepairConfig(repair: NodeRepairConfig): Record<string, CfnValue> {
  return {
    ...(repair.enabled === undefined ? {} : { Enabled: repair.enabled }),
    ...(repair.maxUnhealthyNodeThresholdPercentage === undefined
      ? {}
      : { MaxUnhealthyNodeThresholdPercentage: repair.maxUnhealthyNodeThresholdPercentage }),
    ...(repair.maxUnhealthyNodeThresholdCount === undefined
      ? {}
      : { MaxUnhealthyNodeThresholdCount: repair.maxUnhealthyNodeThresholdCount }),
    ...(repair.maxParallelNodesRepairedPercentage === undefined
      ? {}
      : { MaxParallelNodesRepairedPercentage: repair.maxParallelNodesRepairedPercentage }),
    ...(repair.maxParallelNodesRepairedCount === undefined
      ? {}
      : { MaxParallelNodesRepairedCount: repair.maxParallelNodesRepairedCount }),
    ...(repair.nodeRepairConfigOverrides.length === 0
      ? {}
      : {
          NodeRepairConfigOverrides: repair.nodeRepairConfigOverrides.map((o) => ({
            NodeMonitoringCondition: o.nodeMonitoringCondition,
            NodeUnhealthyReason: o.nodeUnhealthyReason,
            MinRepairWaitTimeMins: o.minRepairWaitTimeMins,
            RepairAction: o.repairAction,
          })),
        }),
  };
}

function updateConfig(update: NonNullable<ResolvedNodeGroup['updateConfig']>): Record<string, number> {
  return {
    ...(update.maxUnavailable === undefined ? {} : { MaxUnavailable: update.maxUnavailable }),
    ...(update.maxUnavailablePercentage === undefined
      ? {}
      : { MaxUnavailablePercentage: update.maxUnavailablePercentage }),
  };
}
