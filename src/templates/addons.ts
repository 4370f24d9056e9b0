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
import { fargateOnly } from '../plan/placement.js';
import type { CfnResource, Template } from './types.js';

/** `Addon<Name>` (`AddonVpcCni`, `AddonCoredns`), made unique when two names reduce to the same letters. */
export function addonLogicalIds(addons: readonly Addon[]): string[] {
  return uniqueLogicalIds(addons.map((addon) => `Addon${logicalIdPart(addon.name)}`));
}

/**
 * The add-on's configuration as the user gave it; for coredns on a cluster without nodegroups,
 * `computeType: Fargate` so its pods lose the EC2-only annotation and run on Fargate — what
 * eksctl does by patching the Deployment through the Kubernetes API (plan/placement.ts).
 */
function configurationValues(plan: Plan, addon: Addon): { ConfigurationValues?: string } {
  if (addon.configurationValues !== undefined) return { ConfigurationValues: addon.configurationValues };
  if (addon.name === 'coredns' && fargateOnly(plan.cluster)) {
    return { ConfigurationValues: JSON.stringify({ computeType: 'Fargate' }) };
  }
  return {};
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
        ...configurationValues(plan, addon),
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
