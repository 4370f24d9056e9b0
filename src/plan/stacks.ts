/**
 * The CloudFormation stacks of a cluster (SPEC §6), named as eksctl names them so that existing
 * tooling (eksctl get/delete, dashboards keyed on stack names and tags) recognises them.
 */
import type { ResolvedConfig, ResolvedNodeGroup } from '../config/resolved.js';
import { VERSION } from '../version.js';
import { addonIam } from './addon-iam.js';
import type { StackPlan } from './types.js';

export const CLUSTER_NAME_TAG = 'alpha.eksctl.io/cluster-name';
export const LEGACY_CLUSTER_NAME_TAG = 'eksctl.cluster.k8s.io/v1alpha1/cluster-name';
export const VERSION_TAG = 'private-eks.io/version';
export const NODEGROUP_NAME_TAG = 'alpha.eksctl.io/nodegroup-name';
export const NODEGROUP_TYPE_TAG = 'alpha.eksctl.io/nodegroup-type';

/** On a supplied VPC's endpoints stack: the VPC; and one tag per cluster using the endpoints. */
export const ENDPOINTS_VPC_TAG = 'private-eks.io/endpoints-vpc';
export const ENDPOINT_USER_TAG_PREFIX = 'private-eks.io/endpoint-user/';
export const endpointsStackName = (vpcId: string): string => `private-eks-endpoints-${vpcId}`;
export const endpointUserTag = (cluster: string): string => `${ENDPOINT_USER_TAG_PREFIX}${cluster}`;

export const clusterStackName = (cluster: string): string => `eksctl-${cluster}-cluster`;
export const nodeGroupStackName = (cluster: string, nodeGroup: string): string =>
  `eksctl-${cluster}-nodegroup-${nodeGroup}`;
export const fargateStackName = (cluster: string): string => `eksctl-${cluster}-fargate`;
/**
 * The add-ons' stack. eksctl creates add-ons through the EKS API, not a stack; private-eks puts
 * them in a stack of their own (the name eksctl would give it: it has none) so that it can be
 * created after the nodes and deleted with them (steps.ts).
 */
export const addonsStackName = (cluster: string): string => `eksctl-${cluster}-addons`;
/** The in-VPC runner's stack (plan/runner.ts); eksctl has none. */
export const runnerStackName = (cluster: string): string => `eksctl-${cluster}-runner`;

/** The user's `metadata.tags`, then ours: the cluster-name and version tags cannot be overridden. */
function stackTags(config: ResolvedConfig, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const name = config.metadata.name;
  return {
    ...config.metadata.tags,
    [CLUSTER_NAME_TAG]: name,
    [LEGACY_CLUSTER_NAME_TAG]: name,
    [VERSION_TAG]: VERSION,
    ...extra,
  };
}

/** CAPABILITY_IAM when the stack creates roles; CAPABILITY_NAMED_IAM when one has an explicit name. */
const capabilities = (createsRoles: boolean, named = false): string[] =>
  createsRoles ? [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'] : [];

function createsFargateRole(config: ResolvedConfig): boolean {
  return (
    config.fargateProfiles.length > 0 &&
    config.iam.fargatePodExecutionRoleARN === undefined &&
    config.fargateProfiles.some((p) => p.podExecutionRoleARN === undefined)
  );
}

/** Every IAM resource the cluster template may create: roles, the OIDC provider, pod identity roles. */
function clusterStackCreatesIam(config: ResolvedConfig): boolean {
  return (
    config.iam.serviceRoleARN === undefined ||
    config.iam.withOIDC ||
    createsFargateRole(config) ||
    config.iam.podIdentityAssociations.some((a) => a.roleARN === undefined)
  );
}

function nodeGroupStack(config: ResolvedConfig, ng: ResolvedNodeGroup): StackPlan {
  return {
    name: nodeGroupStackName(config.metadata.name, ng.name),
    kind: ng.kind === 'managed' ? 'managed-nodegroup' : 'nodegroup',
    nodeGroup: ng.name,
    // eksctl's own nodegroup tags, so `eksctl get nodegroup` lists them.
    tags: stackTags(config, {
      [NODEGROUP_NAME_TAG]: ng.name,
      [NODEGROUP_TYPE_TAG]: ng.kind === 'managed' ? 'managed' : 'unmanaged',
    }),
    // A self-managed nodegroup with a role of the user's still gets its own instance profile.
    capabilities: capabilities(
      ng.iam.instanceRoleARN === undefined || (ng.kind === 'self-managed' && ng.iam.instanceProfileARN === undefined),
      // iam.instanceRoleName names the node role private-eks creates.
      ng.iam.instanceRoleARN === undefined && ng.iam.instanceRoleName !== undefined,
    ),
  };
}

/**
 * A supplied VPC's endpoints stack (shared-endpoints.ts). Not tagged with the cluster name: it is
 * not the cluster's, and `delete` must not take it with the cluster's stacks. The tags here are
 * this cluster's; the deploy step adds them to the ones the stack has (other users).
 */
export function endpointsStackPlan(config: ResolvedConfig, stackName: string, vpcId: string): StackPlan {
  const name = config.metadata.name;
  return {
    name: stackName,
    kind: 'endpoints',
    nodeGroup: null,
    tags: {
      ...config.metadata.tags,
      [VERSION_TAG]: VERSION,
      [ENDPOINTS_VPC_TAG]: vpcId,
      [endpointUserTag(name)]: clusterStackName(name),
    },
    capabilities: [],
  };
}

/**
 * Cluster stack, then self-managed and managed nodegroup stacks in file order, then Fargate, then
 * the add-ons (only when the file lists some).
 */
export function planStacks(config: ResolvedConfig): StackPlan[] {
  const name = config.metadata.name;
  const stacks: StackPlan[] = [
    {
      name: clusterStackName(name),
      kind: 'cluster',
      nodeGroup: null,
      tags: stackTags(config),
      capabilities: capabilities(
        clusterStackCreatesIam(config),
        config.iam.podIdentityAssociations.some((a) => a.roleARN === undefined && a.roleName !== undefined),
      ),
    },
  ];
  for (const ng of [...config.nodeGroups, ...config.managedNodeGroups]) stacks.push(nodeGroupStack(config, ng));
  if (config.fargateProfiles.length > 0) {
    stacks.push({
      name: fargateStackName(name),
      kind: 'fargate',
      nodeGroup: null,
      tags: stackTags(config),
      capabilities: [],
    });
  }
  if (config.addons.length > 0) {
    stacks.push({
      name: addonsStackName(name),
      kind: 'addons',
      nodeGroup: null,
      tags: stackTags(config),
      // Pod Identity roles of add-ons are made in the stack; IRSA roles have stacks of their own.
      capabilities: capabilities(
        config.addons.some((a) => addonIam(config, a).kind === 'pod-identity'),
        config.addons.some((a) =>
          (a.podIdentityAssociations ?? []).some((pia) => pia.roleARN === undefined && pia.roleName !== undefined),
        ),
      ),
    });
  }
  return stacks;
}

/** The runner's stack: its role needs CAPABILITY_IAM. */
export function runnerStackPlan(config: ResolvedConfig): StackPlan {
  return {
    name: runnerStackName(config.metadata.name),
    kind: 'runner',
    nodeGroup: null,
    tags: stackTags(config),
    capabilities: capabilities(true),
  };
}
