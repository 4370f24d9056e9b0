/**
 * A self-managed nodegroup stack, `eksctl-<cluster>-nodegroup-<ng>` (SPEC §6): a launch template
 * whose user data bootstraps from the cluster stack's exports, an auto scaling group in the
 * private subnets, the node role and instance profile, and an `EC2_LINUX` (Windows nodes:
 * `EC2_WINDOWS`) access entry so nodes join without anyone editing `aws-auth` (unless the cluster
 * is in CONFIG_MAP mode).
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import type { Plan, StackPlan } from '../plan/types.js';
import { amiSsmParameter, isWindowsFamily } from './ami.js';
import { arnValue, getAtt, iamResourceName, ref, sub, tagList } from './cfn.js';
import { importFromCluster } from './cluster-exports.js';
import { clusterStackPlan, planInvariant } from './context.js';
import { checkAsgTagCount, nodeTemplateTags } from './autoscaler-tags.js';
import { servicePrincipalMappings } from './iam.js';
import {
  NODE_ROLE_ID,
  bootstrapSources,
  findNodeGroup,
  nodeLabels,
  nodeRoleArn,
  nodeRoleResources,
  nodeSecurityGroups,
  nodeSubnets,
  nodeTagSpecifications,
  nodeTags,
  secureLaunchTemplateData,
  sshSecurityGroupResources,
} from './nodegroup-common.js';
import { exportedNodeRoleOutput } from './nodegroup-outputs.js';
import { nodeUserData } from './user-data.js';
import {
  instanceSelectorConditions,
  instanceSelectorOverrides,
  instanceSelectorParameter,
  selectedType,
  selectorTypesUnknown,
} from './instance-selector-types.js';
import type { CfnOutput, CfnParameter, CfnResource, CfnValue, Template } from './types.js';

export const LAUNCH_TEMPLATE_ID = 'NodeGroupLaunchTemplate';
export const AUTO_SCALING_GROUP_ID = 'NodeGroup';
export const INSTANCE_PROFILE_ID = 'NodeInstanceProfile';
export const NODE_ACCESS_ENTRY_ID = 'AccessEntry';
export const AMI_PARAMETER = 'AmiId';

type Tags = Readonly<Record<string, string>>;

export function renderSelfManagedNodeGroupStack(plan: Plan, stack: StackPlan): Template {
  const ng = findNodeGroup(plan, stack);
  const tags = stack.tags;
  const withAccessEntry = plan.cluster.accessConfig.authenticationMode !== 'CONFIG_MAP';
  const resources: Record<string, CfnResource> = {
    ...nodeRoleResources(plan, ng, tags),
    ...instanceProfileResources(ng),
    ...sshSecurityGroupResources(plan, ng, tags),
    [LAUNCH_TEMPLATE_ID]: launchTemplate(plan, ng, tags),
    ...(withAccessEntry ? { [NODE_ACCESS_ENTRY_ID]: accessEntry(plan, ng, tags) } : {}),
    [AUTO_SCALING_GROUP_ID]: autoScalingGroup(plan, ng, tags, withAccessEntry),
  };
  const parameters: Record<string, CfnParameter> =
    ng.ami === undefined
      ? {
          [AMI_PARAMETER]: {
            Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
            Description: `The EKS-optimized ${ng.amiFamily} image for Kubernetes ${plan.cluster.metadata.version}`,
            Default: amiSsmParameter(ng, plan.cluster.metadata.version),
          },
        }
      : {};
  Object.assign(parameters, instanceSelectorParameter(ng));
  const outputs: Record<string, CfnOutput> = {
    ...exportedNodeRoleOutput(nodeRoleArn(plan, ng)),
    InstanceProfileARN: {
      Description: 'The instance profile of the nodes',
      Value: instanceProfileArn(plan, ng),
      Export: { Name: sub('${AWS::StackName}::InstanceProfileARN') },
    },
  };
  const hasRole = Object.values(resources).some((r) => r.Type === 'AWS::IAM::Role');
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `EKS self-managed nodegroup ${ng.name} of cluster ${plan.cluster.metadata.name}: private subnets only [created by private-eks]`,
    ...(hasRole ? { Mappings: servicePrincipalMappings() } : {}),
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    ...(selectorTypesUnknown(ng) ? { Conditions: instanceSelectorConditions() } : {}),
    Resources: resources,
    Outputs: outputs,
  };
}

function instanceProfileResources(ng: ResolvedNodeGroup): Record<string, CfnResource> {
  if (ng.iam.instanceProfileARN !== undefined) return {};
  const given = ng.iam.instanceRoleARN;
  return {
    [INSTANCE_PROFILE_ID]: {
      Type: 'AWS::IAM::InstanceProfile',
      Properties: { Path: '/', Roles: [given === undefined ? ref(NODE_ROLE_ID) : iamResourceName(given)] },
    },
  };
}

function instanceProfileArn(plan: Plan, ng: ResolvedNodeGroup): CfnValue {
  const given = ng.iam.instanceProfileARN;
  return given === undefined ? getAtt(INSTANCE_PROFILE_ID, 'Arn') : arnValue(given, plan.region.partition);
}

function launchTemplate(plan: Plan, ng: ResolvedNodeGroup, tags: Tags): CfnResource {
  const clusterStack = clusterStackPlan(plan).name;
  const groups = nodeSecurityGroups(plan, ng, []);
  const userData = nodeUserData(ng, bootstrapSources(plan), { mode: 'full', labels: nodeLabels(plan, ng) });
  return {
    Type: 'AWS::EC2::LaunchTemplate',
    Properties: {
      LaunchTemplateData: {
        ...secureLaunchTemplateData(plan, ng),
        ImageId: ng.ami ?? ref(AMI_PARAMETER),
        InstanceType: selectorTypesUnknown(ng) ? selectedType(0) : firstInstanceType(ng),
        IamInstanceProfile: { Arn: instanceProfileArn(plan, ng) },
        NetworkInterfaces: [
          {
            DeviceIndex: 0,
            // Never a public address, whatever the subnet's MapPublicIpOnLaunch says.
            AssociatePublicIpAddress: false,
            // With no shared group and none attached, the cluster security group lets nodes
            // reach the control plane at all.
            Groups: groups.length > 0 ? groups : [importFromCluster(clusterStack, 'ClusterSecurityGroupId')],
          },
        ],
        TagSpecifications: nodeTagSpecifications(plan, ng, tags),
        ...(ng.enclaveEnabled === undefined ? {} : { EnclaveOptions: { Enabled: ng.enclaveEnabled } }),
        ...(userData === undefined ? {} : { UserData: userData }),
      },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: tagList(LAUNCH_TEMPLATE_ID, tags) }],
    },
  };
}

/** The launch template's type: the first of the nodegroup's (the plan always gives one). */
function firstInstanceType(ng: ResolvedNodeGroup): string {
  const first = ng.instanceTypes[0];
  if (first === undefined) throw planInvariant(`nodegroup "${ng.name}" has no instance type`);
  return first;
}

function accessEntry(plan: Plan, ng: ResolvedNodeGroup, tags: Tags): CfnResource {
  return {
    Type: 'AWS::EKS::AccessEntry',
    Properties: {
      ClusterName: importFromCluster(clusterStackPlan(plan).name, 'ClusterName'),
      PrincipalArn: nodeRoleArn(plan, ng),
      // eksctl's GetAccessEntryType: Windows nodes need the kube-proxy-windows group EC2_WINDOWS grants.
      Type: isWindowsFamily(ng.amiFamily) ? 'EC2_WINDOWS' : 'EC2_LINUX',
      Tags: tagList(NODE_ACCESS_ENTRY_ID, tags),
    },
  };
}

function autoScalingGroup(plan: Plan, ng: ResolvedNodeGroup, tags: Tags, afterAccessEntry: boolean): CfnResource {
  const templateSpec = {
    LaunchTemplateId: ref(LAUNCH_TEMPLATE_ID),
    Version: getAtt(LAUNCH_TEMPLATE_ID, 'LatestVersionNumber'),
  };
  const distribution = ng.instancesDistribution;
  const unknownTypes = selectorTypesUnknown(ng);
  const mixed =
    unknownTypes ||
    (distribution !== undefined ? distribution.instanceTypes.length > 0 : ng.spot || ng.instanceTypes.length > 1);
  return {
    Type: 'AWS::AutoScaling::AutoScalingGroup',
    Properties: {
      MinSize: String(ng.minSize),
      MaxSize: String(ng.maxSize),
      DesiredCapacity: String(ng.desiredCapacity),
      VPCZoneIdentifier: nodeSubnets(plan, ng),
      ...(mixed
        ? {
            MixedInstancesPolicy: {
              LaunchTemplate: {
                LaunchTemplateSpecification: templateSpec,
                Overrides: unknownTypes
                  ? instanceSelectorOverrides()
                  : ng.instanceTypes.map((InstanceType) => ({ InstanceType })),
              },
              InstancesDistribution: instancesDistribution(ng),
            },
          }
        : { LaunchTemplate: templateSpec }),
      ...(distribution?.capacityRebalance === true ? { CapacityRebalance: true } : {}),
      ...(ng.maxInstanceLifetime === undefined ? {} : { MaxInstanceLifetime: ng.maxInstanceLifetime }),
      ...(ng.asgMetricsCollection === undefined
        ? {}
        : {
            MetricsCollection: ng.asgMetricsCollection.map((m) => ({
              Granularity: m.granularity,
              ...(m.metrics.length > 0 ? { Metrics: [...m.metrics] } : {}),
            })),
          }),
      ...(ng.classicLoadBalancerNames === undefined ? {} : { LoadBalancerNames: [...ng.classicLoadBalancerNames] }),
      ...(ng.targetGroupARNs === undefined
        ? {}
        : { TargetGroupARNs: ng.targetGroupARNs.map((arn) => arnValue(arn, plan.region.partition)) }),
      Tags: autoScalingGroupTags(plan, ng, tags),
    },
    // Nodes register as soon as they boot; with the access entry in place first they join at once.
    ...(afterAccessEntry ? { DependsOn: [NODE_ACCESS_ENTRY_ID] } : {}),
    UpdatePolicy: {
      AutoScalingRollingUpdate: {
        MaxBatchSize: rollingBatchSize(ng),
        MinInstancesInService: 0,
        // eksctl suspends asgSuspendProcesses during rolling updates too (and for good once created, deploy).
        ...(ng.asgSuspendProcesses.length > 0 ? { SuspendProcesses: [...ng.asgSuspendProcesses] } : {}),
      },
    },
  };
}

/**
 * The group's tags, all propagated to the nodes; with propagateASGTags, eksctl's cluster
 * autoscaler node-template tags for each label and taint (so it can scale the group from zero).
 */
function autoScalingGroupTags(plan: Plan, ng: ResolvedNodeGroup, tags: Tags): CfnValue[] {
  const all: Record<string, string> = { ...nodeTags(plan, ng, tags) };
  if (ng.propagateASGTags === true) {
    Object.assign(all, nodeTemplateTags(plan, ng));
    checkAsgTagCount(ng, Object.keys(all).length);
  }
  return Object.entries(all).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: true }));
}

/**
 * eksctl's InstancesDistribution: only the fields the file sets (AWS's defaults otherwise: the
 * On-Demand price as the Spot maximum, no On-Demand base, 100 % On-Demand above it). Without
 * instancesDistribution, a spot or multi-type nodegroup gets all-Spot or all-On-Demand.
 */
function instancesDistribution(ng: ResolvedNodeGroup): Record<string, CfnValue> {
  const d = ng.instancesDistribution;
  if (d === undefined) {
    return {
      OnDemandBaseCapacity: 0,
      OnDemandPercentageAboveBaseCapacity: ng.spot ? 0 : 100,
      ...(ng.spot ? { SpotAllocationStrategy: 'price-capacity-optimized' } : {}),
    };
  }
  return {
    ...(d.maxPrice === undefined ? {} : { SpotMaxPrice: String(d.maxPrice) }),
    ...(d.onDemandBaseCapacity === undefined ? {} : { OnDemandBaseCapacity: d.onDemandBaseCapacity }),
    ...(d.onDemandPercentageAboveBaseCapacity === undefined
      ? {}
      : { OnDemandPercentageAboveBaseCapacity: d.onDemandPercentageAboveBaseCapacity }),
    ...(d.spotInstancePools === undefined ? {} : { SpotInstancePools: d.spotInstancePools }),
    ...(d.spotAllocationStrategy === undefined ? {} : { SpotAllocationStrategy: d.spotAllocationStrategy }),
  };
}

/**
 * Nodes replaced at a time by a rolling update: `updateConfig` (eksctl reads it on managed
 * nodegroups only; here it sets the auto scaling group's batch), else one.
 */
function rollingBatchSize(ng: ResolvedNodeGroup): number {
  const update = ng.updateConfig;
  if (update?.maxUnavailable !== undefined) return update.maxUnavailable;
  if (update?.maxUnavailablePercentage !== undefined) {
    return Math.max(1, Math.floor((ng.maxSize * update.maxUnavailablePercentage) / 100));
  }
  return 1;
}
