/**
 * The add-ons' stack, `eksctl-<cluster>-addons`: one `AWS::EKS::Addon` per add-on (the file's
 * and eksctl's defaults), with its role as plan/addon-iam.ts decides: a given role, an IRSA role
 * made at deploy time (a parameter), or Pod Identity roles made here. It
 * is created after every nodegroup and the Fargate profiles (plan/steps.ts says why): a
 * CloudFormation add-on waits until it is ACTIVE, which an add-on whose pods need nodes never is
 * on a cluster without any.
 */
import type { Addon } from '../config/resolved.js';
import type { Plan, StackPlan } from '../plan/types.js';
import { addonIam } from '../plan/addon-iam.js';
import { arnValue, awsManagedPolicyArn, getAtt, logicalIdPart, ref, tagList, uniqueLogicalIds } from './cfn.js';
import { importFromCluster } from './cluster-exports.js';
import { clusterStackPlan } from './context.js';
import { fargateOnly } from '../plan/placement.js';
import { servicePrincipalMappings, serviceRole, vpcCniIpv6Policy } from './iam.js';
import { podIdentityRoleOptions } from './pod-identity.js';
import { wellKnownPolicySet } from './policy-sets.js';
import type { CfnParameter, CfnResource, CfnValue, Template } from './types.js';

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

/** The template parameter that carries an add-on's IRSA role ARN (its role stack is made at deploy time). */
export function addonRoleParameter(logicalId: string): string {
  return `${logicalId}RoleArn`;
}

/** For each IRSA add-on: the addons stack's parameter and the add-on whose role stack fills it. */
export function addonRoleParameters(plan: Plan): { parameter: string; addon: Addon }[] {
  const ids = addonLogicalIds(plan.cluster.addons);
  return plan.cluster.addons.flatMap((addon, index) =>
    addonIam(plan.cluster, addon).kind === 'irsa'
      ? [{ parameter: addonRoleParameter(ids[index] ?? `Addon${index}`), addon }]
      : [],
  );
}

export function renderAddonsStack(plan: Plan, stack: StackPlan): Template {
  const clusterStack = clusterStackPlan(plan).name;
  const addons = plan.cluster.addons;
  const ids = addonLogicalIds(addons);
  const partition = plan.region.partition;
  const resources: Record<string, CfnResource> = {};
  const parameters: Record<string, CfnParameter> = {};
  addons.forEach((addon, index) => {
    const logicalId = ids[index] ?? `Addon${index}`;
    const iam = addonIam(plan.cluster, addon);
    let roleProperties: Record<string, CfnValue> = {};
    if (iam.kind === 'given-role') {
      roleProperties = { ServiceAccountRoleArn: arnValue(iam.roleArn, partition) };
    } else if (iam.kind === 'irsa') {
      const parameter = addonRoleParameter(logicalId);
      parameters[parameter] = {
        Type: 'String',
        Description: `The IRSA role of add-on ${addon.name} (stack eksctl-${plan.cluster.metadata.name}-addon-${addon.name}, made at deploy time)`,
      };
      roleProperties = { ServiceAccountRoleArn: ref(parameter) };
    } else if (iam.kind === 'pod-identity') {
      const associations: CfnValue[] = [];
      iam.associations.forEach((association, i) => {
        if (association.roleArn !== undefined) {
          associations.push({
            ServiceAccount: association.serviceAccount,
            RoleArn: arnValue(association.roleArn, partition),
          });
          return;
        }
        const roleId = `${logicalId}PodIdentityRole${i === 0 ? '' : i + 1}`;
        const wellKnown = wellKnownPolicySet(association.wellKnownPolicies ?? []);
        const extras = podIdentityRoleOptions(association.roleOptions ?? {}, partition, tagList(roleId, stack.tags));
        resources[roleId] = serviceRole({
          principal: 'EKSPods',
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          managedPolicyArns: [
            ...association.managedPolicyNames.map(awsManagedPolicyArn),
            ...(association.policyArns ?? []).map((arn) => arnValue(arn, partition)),
            ...wellKnown.managed,
          ],
          ...extras,
          inlinePolicies: [
            ...(association.ipv6CniPolicy ? [vpcCniIpv6Policy()] : []),
            ...extras.inlinePolicies,
            ...wellKnown.inline,
          ],
        });
        associations.push({ ServiceAccount: association.serviceAccount, RoleArn: getAtt(roleId, 'Arn') });
      });
      roleProperties = { PodIdentityAssociations: associations };
    }
    resources[logicalId] = {
      Type: 'AWS::EKS::Addon',
      Properties: {
        AddonName: addon.name,
        ClusterName: importFromCluster(clusterStack, 'ClusterName'),
        ...(addon.version === undefined ? {} : { AddonVersion: addon.version }),
        ...(addon.namespace === undefined ? {} : { NamespaceConfig: { Namespace: addon.namespace } }),
        ...roleProperties,
        ...configurationValues(plan, addon),
        ResolveConflicts: addon.resolveConflicts,
        Tags: tagList(logicalId, stack.tags, addon.tags),
      },
    };
  });
  const hasRole = Object.values(resources).some((r) => r.Type === 'AWS::IAM::Role');
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `EKS add-ons of cluster ${plan.cluster.metadata.name}, created once the nodes are there [created by private-eks]`,
    ...(hasRole ? { Mappings: servicePrincipalMappings() } : {}),
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    Resources: resources,
  };
}
