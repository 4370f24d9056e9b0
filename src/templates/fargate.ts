/**
 * The Fargate stack, `eksctl-<cluster>-fargate`: one `AWS::EKS::FargateProfile` per profile, in
 * private subnets only. EKS creates one Fargate profile at a time per cluster (a second create
 * fails with ResourceInUseException), so each profile depends on the one before it; the profiles
 * selecting kube-system come first (plan/fargate-order.ts), so the add-ons can start once they exist.
 */
import type { FargateProfile } from '../config/resolved.js';
import { fargateCreationOrder } from '../plan/fargate-order.js';
import type { Plan, StackPlan } from '../plan/types.js';
import { arnValue, logicalIdPart, tagList, uniqueLogicalIds } from './cfn.js';
import { importFromCluster } from './cluster-exports.js';
import { clusterStackPlan } from './context.js';
import { selectSubnets, subnetImportValue } from './nodegroup-common.js';
import type { CfnResource, CfnValue, Template } from './types.js';

/** `FargateProfile<Name>`, made unique when two names reduce to the same letters. */
export function fargateProfileLogicalIds(profiles: readonly FargateProfile[]): string[] {
  return uniqueLogicalIds(profiles.map((profile) => `FargateProfile${logicalIdPart(profile.name)}`));
}

/** The logical ids of some of the cluster's profiles (`all`: every profile, in file order). */
export function logicalIdsOf(all: readonly FargateProfile[], some: readonly FargateProfile[]): string[] {
  const ids = fargateProfileLogicalIds(all);
  return some.map((profile) => ids[all.indexOf(profile)] ?? `FargateProfile${all.indexOf(profile)}`);
}

export function renderFargateStack(plan: Plan, stack: StackPlan): Template {
  const clusterStack = clusterStackPlan(plan).name;
  // Logical ids follow the file's order (stable whatever the creation order); the chain follows
  // the creation order.
  const profiles = fargateCreationOrder(plan.cluster.fargateProfiles);
  const ids = logicalIdsOf(plan.cluster.fargateProfiles, profiles);
  const resources: Record<string, CfnResource> = {};
  profiles.forEach((profile, index) => {
    const logicalId = ids[index] ?? `FargateProfile${index}`;
    const previous = index > 0 ? ids[index - 1] : undefined;
    resources[logicalId] = {
      Type: 'AWS::EKS::FargateProfile',
      Properties: {
        ClusterName: importFromCluster(clusterStack, 'ClusterName'),
        FargateProfileName: profile.name,
        PodExecutionRoleArn: podExecutionRole(plan, profile, clusterStack),
        Selectors: profile.selectors.map((selector) => ({
          Namespace: selector.namespace,
          ...(Object.keys(selector.labels).length > 0
            ? { Labels: Object.entries(selector.labels).map(([Key, Value]) => ({ Key, Value })) }
            : {}),
        })),
        Subnets: selectSubnets(plan, profile.subnets, [], `fargate profile "${profile.name}"`).map((s) =>
          subnetImportValue(plan, s),
        ),
        Tags: tagList(logicalId, stack.tags, profile.tags),
      },
      ...(previous === undefined ? {} : { DependsOn: [previous] }),
    };
  });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `EKS Fargate profiles of cluster ${plan.cluster.metadata.name}: private subnets only [created by private-eks]`,
    Resources: resources,
  };
}

function podExecutionRole(plan: Plan, profile: FargateProfile, clusterStack: string): CfnValue {
  const given = profile.podExecutionRoleARN ?? plan.cluster.iam.fargatePodExecutionRoleARN;
  return given === undefined
    ? importFromCluster(clusterStack, 'FargatePodExecutionRoleARN')
    : arnValue(given, plan.region.partition);
}
