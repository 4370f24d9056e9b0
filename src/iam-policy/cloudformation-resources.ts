/**
 * What CloudFormation does with the caller's own credentials (private-eks passes no service
 * role), per resource type in private-eks's templates: the actions of each type's create and
 * delete handlers, from the handler permissions in the CloudFormation resource schemas
 * (`aws cloudformation describe-type --type RESOURCE --type-name AWS::EKS::Cluster`), grouped by
 * the scope they can be narrowed to. A create can roll back, so `create` needs both lists.
 *
 * The emulator cannot record these (moto's CloudFormation calls its backends directly), so a
 * unit test checks instead that every resource type the templates use has a row here.
 */
import type { PolicyCommand } from './calls.js';
import type { ScopeName } from './scopes.js';

export type ScopedActions = Partial<Record<ScopeName, readonly string[]>>;

export interface ResourceRow {
  readonly create: ScopedActions;
  readonly delete: ScopedActions;
  /** The commands whose stacks hold this type (delete always needs the delete actions). */
  readonly stacksOf: readonly PolicyCommand[];
}

// A change set (update, upgrade, scale) may create, change or replace any resource of its stack.
const CLUSTER: readonly PolicyCommand[] = ['create', 'update', 'upgrade'];
const NODEGROUP: readonly PolicyCommand[] = [
  'create',
  'create-nodegroup',
  'update',
  'upgrade',
  'scale',
  'delete-nodegroup',
];

const ROLE_READ = ['iam:GetRole', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:GetRolePolicy'];

export const CLOUDFORMATION_RESOURCES: Readonly<Record<string, ResourceRow>> = {
  'AWS::EC2::VPC': {
    stacksOf: CLUSTER,
    create: {
      any: [
        'ec2:CreateVpc',
        'ec2:DescribeVpcs',
        'ec2:ModifyVpcAttribute',
        'ec2:DescribeVpcAttribute',
        'ec2:CreateTags',
      ],
    },
    delete: { any: ['ec2:DeleteVpc', 'ec2:DescribeVpcs'] },
  },
  'AWS::EC2::VPCCidrBlock': {
    stacksOf: CLUSTER,
    create: { any: ['ec2:AssociateVpcCidrBlock', 'ec2:DescribeVpcs'] },
    delete: { any: ['ec2:DisassociateVpcCidrBlock', 'ec2:DescribeVpcs'] },
  },
  'AWS::EC2::Subnet': {
    stacksOf: CLUSTER,
    create: {
      any: [
        'ec2:CreateSubnet',
        'ec2:DescribeSubnets',
        'ec2:ModifySubnetAttribute',
        'ec2:AssociateSubnetCidrBlock',
        'ec2:CreateTags',
      ],
    },
    delete: { any: ['ec2:DeleteSubnet', 'ec2:DescribeSubnets', 'ec2:DisassociateSubnetCidrBlock'] },
  },
  'AWS::EC2::RouteTable': {
    stacksOf: CLUSTER,
    create: { any: ['ec2:CreateRouteTable', 'ec2:DescribeRouteTables', 'ec2:CreateTags'] },
    delete: { any: ['ec2:DeleteRouteTable', 'ec2:DescribeRouteTables'] },
  },
  'AWS::EC2::SubnetRouteTableAssociation': {
    stacksOf: CLUSTER,
    create: { any: ['ec2:AssociateRouteTable', 'ec2:DescribeRouteTables'] },
    delete: { any: ['ec2:DisassociateRouteTable', 'ec2:DescribeRouteTables'] },
  },
  'AWS::EC2::SecurityGroup': {
    stacksOf: NODEGROUP,
    create: {
      any: [
        'ec2:CreateSecurityGroup',
        'ec2:DescribeSecurityGroups',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:AuthorizeSecurityGroupEgress',
        'ec2:RevokeSecurityGroupEgress',
        'ec2:CreateTags',
      ],
    },
    delete: { any: ['ec2:DeleteSecurityGroup', 'ec2:DescribeSecurityGroups'] },
  },
  'AWS::EC2::SecurityGroupIngress': {
    stacksOf: NODEGROUP,
    create: { any: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:DescribeSecurityGroupRules'] },
    delete: { any: ['ec2:RevokeSecurityGroupIngress', 'ec2:DescribeSecurityGroupRules'] },
  },
  'AWS::EC2::VPCEndpoint': {
    stacksOf: CLUSTER,
    create: { any: ['ec2:CreateVpcEndpoint', 'ec2:DescribeVpcEndpoints', 'ec2:ModifyVpcEndpoint', 'ec2:CreateTags'] },
    delete: { any: ['ec2:DeleteVpcEndpoints', 'ec2:DescribeVpcEndpoints'] },
  },
  'AWS::EC2::LaunchTemplate': {
    stacksOf: NODEGROUP,
    create: {
      any: [
        'ec2:CreateLaunchTemplate',
        'ec2:CreateLaunchTemplateVersion',
        'ec2:ModifyLaunchTemplate',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeLaunchTemplateVersions',
        'ec2:CreateTags',
        // The AMI of a self-managed nodegroup comes from an SSM public parameter.
        'ssm:GetParameters',
      ],
    },
    delete: { any: ['ec2:DeleteLaunchTemplate', 'ec2:DescribeLaunchTemplates'] },
  },
  'AWS::AutoScaling::AutoScalingGroup': {
    stacksOf: NODEGROUP,
    create: {
      any: [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeScalingActivities',
        'ec2:RunInstances',
        'ec2:DescribeLaunchTemplateVersions',
      ],
      autoScalingGroups: [
        'autoscaling:CreateAutoScalingGroup',
        'autoscaling:UpdateAutoScalingGroup',
        'autoscaling:CreateOrUpdateTags',
      ],
      passRole: ['iam:PassRole'],
      serviceLinkedRoles: ['iam:CreateServiceLinkedRole'],
    },
    delete: {
      any: ['autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeScalingActivities'],
      autoScalingGroups: ['autoscaling:DeleteAutoScalingGroup', 'autoscaling:UpdateAutoScalingGroup'],
    },
  },
  'AWS::IAM::Role': {
    stacksOf: NODEGROUP,
    create: {
      roles: [
        'iam:CreateRole',
        'iam:TagRole',
        'iam:AttachRolePolicy',
        'iam:PutRolePolicy',
        'iam:DetachRolePolicy',
        'iam:DeleteRolePolicy',
        ...ROLE_READ,
      ],
    },
    delete: { roles: ['iam:DeleteRole', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy', ...ROLE_READ] },
  },
  'AWS::IAM::InstanceProfile': {
    stacksOf: NODEGROUP,
    create: {
      instanceProfiles: ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile', 'iam:GetInstanceProfile'],
      passRole: ['iam:PassRole'],
    },
    delete: {
      instanceProfiles: ['iam:DeleteInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:GetInstanceProfile'],
    },
  },
  'AWS::IAM::OIDCProvider': {
    stacksOf: CLUSTER,
    create: {
      oidcProviders: [
        'iam:CreateOpenIDConnectProvider',
        'iam:GetOpenIDConnectProvider',
        'iam:TagOpenIDConnectProvider',
      ],
    },
    delete: { oidcProviders: ['iam:DeleteOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider'] },
  },
  'AWS::Lambda::Function': {
    // The in-VPC runner: create nodegroup makes it when the cluster's create had no Kubernetes step.
    stacksOf: [...CLUSTER, 'create-nodegroup'],
    create: {
      runnerFunctions: [
        'lambda:CreateFunction',
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
        'lambda:TagResource',
        'lambda:ListTags',
      ],
      passRole: ['iam:PassRole'],
      // Lambda checks the caller may manage the interfaces it will create in the VPC.
      any: [
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcs',
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DeleteNetworkInterface',
      ],
    },
    delete: {
      runnerFunctions: ['lambda:DeleteFunction', 'lambda:GetFunction'],
      any: ['ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'],
    },
  },
  'AWS::Logs::LogGroup': {
    stacksOf: CLUSTER,
    create: {
      any: ['logs:DescribeLogGroups'],
      logGroups: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:TagResource', 'logs:ListTagsForResource'],
    },
    delete: { any: ['logs:DescribeLogGroups'], logGroups: ['logs:DeleteLogGroup'] },
  },
  'AWS::EKS::Cluster': {
    stacksOf: CLUSTER,
    create: {
      eks: [
        'eks:CreateCluster',
        'eks:DescribeCluster',
        'eks:TagResource',
        'eks:DescribeUpdate',
        'eks:UpdateClusterConfig',
      ],
      any: [
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcs',
        'ec2:DescribeSecurityGroups',
        'kms:DescribeKey',
        'kms:CreateGrant',
      ],
      passRole: ['iam:PassRole'],
      roles: ['iam:GetRole'],
      serviceLinkedRoles: ['iam:CreateServiceLinkedRole'],
    },
    delete: { eks: ['eks:DeleteCluster', 'eks:DescribeCluster'] },
  },
  'AWS::EKS::Nodegroup': {
    stacksOf: NODEGROUP,
    create: {
      eks: [
        'eks:CreateNodegroup',
        'eks:DescribeNodegroup',
        'eks:TagResource',
        'eks:UpdateNodegroupConfig',
        'eks:UpdateNodegroupVersion',
        'eks:DescribeUpdate',
      ],
      any: ['ec2:DescribeSubnets', 'ec2:DescribeLaunchTemplateVersions', 'ec2:RunInstances'],
      passRole: ['iam:PassRole'],
      roles: ['iam:GetRole'],
      serviceLinkedRoles: ['iam:CreateServiceLinkedRole'],
    },
    delete: { eks: ['eks:DeleteNodegroup', 'eks:DescribeNodegroup'] },
  },
  'AWS::EKS::FargateProfile': {
    stacksOf: CLUSTER,
    create: {
      eks: ['eks:CreateFargateProfile', 'eks:DescribeFargateProfile', 'eks:TagResource'],
      any: ['ec2:DescribeSubnets'],
      passRole: ['iam:PassRole'],
      serviceLinkedRoles: ['iam:CreateServiceLinkedRole'],
    },
    delete: { eks: ['eks:DeleteFargateProfile', 'eks:DescribeFargateProfile'] },
  },
  'AWS::EKS::Addon': {
    stacksOf: CLUSTER,
    create: {
      eks: ['eks:CreateAddon', 'eks:DescribeAddon', 'eks:TagResource', 'eks:UpdateAddon'],
      any: ['eks:DescribeAddonVersions'],
      passRole: ['iam:PassRole'],
    },
    delete: { eks: ['eks:DeleteAddon', 'eks:DescribeAddon'] },
  },
  'AWS::EKS::AccessEntry': {
    stacksOf: NODEGROUP,
    create: {
      eks: [
        'eks:CreateAccessEntry',
        'eks:DescribeAccessEntry',
        'eks:AssociateAccessPolicy',
        'eks:ListAssociatedAccessPolicies',
        'eks:TagResource',
      ],
    },
    delete: { eks: ['eks:DeleteAccessEntry', 'eks:DescribeAccessEntry', 'eks:DisassociateAccessPolicy'] },
  },
  'AWS::EKS::IdentityProviderConfig': {
    stacksOf: CLUSTER,
    create: {
      eks: [
        'eks:AssociateIdentityProviderConfig',
        'eks:DescribeIdentityProviderConfig',
        'eks:DescribeUpdate',
        'eks:TagResource',
      ],
    },
    delete: { eks: ['eks:DisassociateIdentityProviderConfig', 'eks:DescribeIdentityProviderConfig'] },
  },
  'AWS::EKS::PodIdentityAssociation': {
    stacksOf: CLUSTER,
    create: {
      eks: ['eks:CreatePodIdentityAssociation', 'eks:DescribePodIdentityAssociation', 'eks:TagResource'],
      passRole: ['iam:PassRole'],
      roles: ['iam:GetRole'],
    },
    delete: { eks: ['eks:DeletePodIdentityAssociation', 'eks:DescribePodIdentityAssociation'] },
  },
};

/** Types in templates that are not resources CloudFormation creates (parameter types). */
export const NOT_RESOURCES = new Set(['AWS::EC2::VPC::Id', 'AWS::CloudFormation::Stack']);
