/**
 * IAM roles the stacks create: trust policies through a partition map (as eksctl does, since the
 * EC2 service principal differs in China and the ISO partitions) and AWS-managed policies through
 * `${AWS::Partition}`. Least privilege: AWS's managed policies for the role's job and nothing
 * else; inline statements with `*` only in eksctl's policy sets, when asked for (policy-sets.ts).
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import type { Partition } from '../plan/types.js';
import { arnValue, awsManagedPolicyArn, findInMap, ref, sub } from './cfn.js';
import type { CfnResource, CfnTag, CfnValue, Template } from './types.js';

export const SERVICE_PRINCIPAL_MAP = 'ServicePrincipalPartitionMap';

export type ServicePrincipal = 'EC2' | 'EKS' | 'EKSFargatePods' | 'EKSPods';

// eksctl's table (pkg/cfn/builder/iam.go): only EC2's principal differs between partitions.
const EC2_PRINCIPAL_BY_PARTITION: Readonly<Record<string, string>> = {
  aws: 'ec2.amazonaws.com',
  'aws-cn': 'ec2.amazonaws.com.cn',
  'aws-iso': 'ec2.c2s.ic.gov',
  'aws-iso-b': 'ec2.sc2s.sgov.gov',
  'aws-iso-e': 'ec2.amazonaws.com',
  'aws-iso-f': 'ec2.amazonaws.com',
  'aws-us-gov': 'ec2.amazonaws.com',
};

/** The `Mappings` section every stack with a role carries, keyed by `AWS::Partition`. */
export function servicePrincipalMappings(): NonNullable<Template['Mappings']> {
  const rows: Record<string, Record<string, string>> = {};
  for (const [partition, ec2] of Object.entries(EC2_PRINCIPAL_BY_PARTITION)) {
    rows[partition] = {
      EC2: ec2,
      EKS: 'eks.amazonaws.com',
      EKSFargatePods: 'eks-fargate-pods.amazonaws.com',
      EKSPods: 'pods.eks.amazonaws.com',
    };
  }
  return { [SERVICE_PRINCIPAL_MAP]: rows };
}

export interface RoleOptions {
  readonly principal: ServicePrincipal;
  readonly managedPolicyArns: readonly CfnValue[];
  /** Trust-policy condition (confused-deputy protection). */
  readonly condition?: CfnValue;
  readonly tags: readonly CfnTag[];
  /** Default `sts:AssumeRole`; EKS Pod Identity also needs `sts:TagSession`. */
  readonly actions?: readonly string[];
  /** Inline policies, for permissions no AWS-managed policy grants. */
  readonly inlinePolicies?: readonly InlinePolicy[];
  readonly permissionsBoundary?: CfnValue;
  /** An explicit RoleName (the stack then needs CAPABILITY_NAMED_IAM). */
  readonly roleName?: string;
}

/** An entry of an `AWS::IAM::Role`'s `Policies`. A type alias so that it fits CfnValue. */
export type InlinePolicy = { readonly PolicyName: string; readonly PolicyDocument: CfnValue };

/** An `AWS::IAM::Role` that one AWS service may assume, with AWS-managed policies attached. */
export function serviceRole(options: RoleOptions): CfnResource {
  const statement: Record<string, CfnValue> = {
    Effect: 'Allow',
    Principal: { Service: [findInMap(SERVICE_PRINCIPAL_MAP, ref('AWS::Partition'), options.principal)] },
    Action: options.actions ?? ['sts:AssumeRole'],
    ...(options.condition === undefined ? {} : { Condition: options.condition }),
  };
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      ...(options.roleName === undefined ? {} : { RoleName: options.roleName }),
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] },
      ManagedPolicyArns: dedupe(options.managedPolicyArns),
      ...(options.inlinePolicies === undefined || options.inlinePolicies.length === 0
        ? {}
        : { Policies: options.inlinePolicies }),
      ...(options.permissionsBoundary === undefined ? {} : { PermissionsBoundary: options.permissionsBoundary }),
      Tags: options.tags,
    },
  };
}

/**
 * The registry policy nodes pull images with: eksctl's AmazonEC2ContainerRegistryPullOnly where
 * AWS publishes it (aws, aws-cn, aws-us-gov), the broader ReadOnly in the ISO partitions.
 */
export function registryPullPolicyName(partition: Partition): string {
  return partition === 'aws' || partition === 'aws-cn' || partition === 'aws-us-gov'
    ? 'AmazonEC2ContainerRegistryPullOnly'
    : 'AmazonEC2ContainerRegistryReadOnly';
}

export interface NodeRoleContext {
  readonly partition: Partition;
  /** False in an IPv6 cluster, whose CNI permissions come inline (vpcCniIpv6Policy). */
  readonly cniPolicy: boolean;
}

/**
 * Managed policies of a node role, as eksctl chooses them (makeManagedPolicies): without
 * `iam.attachPolicyARNs` the defaults — worker node, CNI (unless aws-node has its own role),
 * registry pull, SSM; with them, the user's list replaces the defaults (self-managed nodes keep
 * registry pull). `withAddonPolicies` adds imageBuilder's PowerUser, cloudWatch's agent and ebs's
 * CSI driver policies. A default the user lists again is not repeated. The user's ARNs come first.
 */
export function nodeRoleManagedPolicies(ng: ResolvedNodeGroup, context: NodeRoleContext): CfnValue[] {
  const managed = ng.kind === 'managed';
  const pull = registryPullPolicyName(context.partition);
  const addons = new Set(ng.iam.withAddonPolicies);
  const names = new Set<string>();
  if (ng.iam.attachPolicyARNs.length === 0) {
    names.add('AmazonEKSWorkerNodePolicy');
    if (context.cniPolicy) names.add('AmazonEKS_CNI_Policy');
    if (managed) names.add(pull);
    names.add('AmazonSSMManagedInstanceCore');
  }
  if (addons.has('imageBuilder')) names.add('AmazonEC2ContainerRegistryPowerUser');
  else if (!managed) names.add(pull);
  if (addons.has('cloudWatch')) names.add('CloudWatchAgentServerPolicy');
  if (addons.has('ebs')) names.add('service-role/AmazonEBSCSIDriverPolicy');
  for (const arn of ng.iam.attachPolicyARNs) {
    const resource = arn.split(':').slice(5).join(':');
    names.delete(resource.slice(resource.indexOf('/') + 1));
  }
  return [
    ...ng.iam.attachPolicyARNs.map((arn) => arnValue(arn, context.partition)),
    ...[...names].sort().map(awsManagedPolicyArn),
  ];
}

/**
 * What the VPC CNI needs in an IPv6 cluster: the actions of the EKS User Guide's policy ("Create
 * IAM policy for clusters that use the IPv6 family"; AWS has no managed policy for it, so eksctl
 * creates one too). Narrower than the guide's: the two writes (assign IPv6 prefixes, tag) only on
 * network interfaces of this account and region, where the guide has `*` for the first; the
 * Describe calls support no resource-level permissions, so they keep `*`.
 */
export function vpcCniIpv6Policy(): InlinePolicy {
  return {
    PolicyName: 'vpc-cni-ipv6',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'ec2:DescribeInstances',
            'ec2:DescribeTags',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeInstanceTypes',
          ],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: ['ec2:AssignIpv6Addresses', 'ec2:CreateTags'],
          Resource: [sub('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*')],
        },
      ],
    },
  };
}

/** Policies compared by their JSON text, first occurrence kept (a user may list a default again). */
function dedupe(values: readonly CfnValue[]): CfnValue[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
