/**
 * The add-ons' stack, `eksctl-<cluster>-addons`: one `AWS::EKS::Addon` per `addons[]` entry. It
 * is created after every nodegroup and the Fargate profiles (plan/steps.ts says why): a
 * CloudFormation add-on waits until it is ACTIVE, which an add-on whose pods need nodes never is
 * on a cluster without any.
 */
import type { Addon } from '../config/resolved.js';
import type { Plan, StackPlan } from '../plan/types.js';
import { arnValue, logicalIdPart, tagList, uniqueLogicalIds } from './cfn.js';
import { importFromCluster } from './cluster-exports.js';
import { clusterStackPlan } from './context.js';
import type { CfnResource, Template } from './types.js';

/** `Addon<Name>` (`AddonVpcCni`, `AddonCoredns`), made unique when two names reduce to the same letters. */
export function addonLogicalIds(addons: readonly Addon[]): string[] {
  return uniqueLogicalIds(addons.map((addon) => `Addon${logicalIdPart(addon.name)}`));
}

export function renderAddonsStack(plan: Plan, stack: StackPlan): Template {
  const clusterStack = clusterStackPlan(plan).name;
  const addons = plan.cluster.addons;
  const ids = addonLogicalIds(addons);
  const resources: Record<string, CfnResource> = {};
  addons.forEach((addon, index) => {
    const logicalId = ids[index] ?? `Addon${index}`;
    resources[logicalId] = {
      Type: 'AWS::EKS::Addon',
      Properties: {
        AddonName: addon.name,
        ClusterName: importFromCluster(clusterStack, 'ClusterName'),
        ...(addon.version === undefined ? {} : { AddonVersion: addon.version }),
        ...(addon.serviceAccountRoleARN === undefined
          ? {}
          : { ServiceAccountRoleArn: arnValue(addon.serviceAccountRoleARN, plan.region.partition) }),
        ...(addon.configurationValues === undefined ? {} : { ConfigurationValues: addon.configurationValues }),
        ResolveConflicts: addon.resolveConflicts,
        Tags: tagList(logicalId, stack.tags, addon.tags),
      },
    };
  });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `EKS add-ons of cluster ${plan.cluster.metadata.name}, created once the nodes are there [created by private-eks]`,
    Resources: resources,
  };
}
