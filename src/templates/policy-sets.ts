/**
 * eksctl's policy sets, as facts taken from its source (pkg/cfn/builder/statement.go,
 * iam_helper.go, iam.go): the `wellKnownPolicies` of service accounts, pod identity associations
 * and add-ons, and the `withAddonPolicies` of node roles. Each set is AWS-managed policies plus
 * inline policies; the statements are eksctl's, with ARNs through `${AWS::Partition}`.
 *
 * Several statements have `Resource: "*"` because the actions they allow support no
 * resource-level permissions or the resources are made at run time (load balancers, Route 53
 * records); they are what those controllers need, and are only granted when asked for.
 */
import type { AddonPolicyName, WellKnownPolicyName } from '../config/resolved.js';
import { awsManagedPolicyArn, sub } from './cfn.js';
import type { InlinePolicy } from './iam.js';
import type { CfnValue } from './types.js';

type Statement = Record<string, CfnValue>;

const ALL = '*';
const partitionArn = (rest: string): CfnValue => sub(`arn:\${AWS::Partition}:${rest}`);
const allow = (action: readonly string[], resource: CfnValue = ALL, condition?: CfnValue): Statement => ({
  Effect: 'Allow',
  Action: [...action],
  Resource: resource,
  ...(condition === undefined ? {} : { Condition: condition }),
});

function autoScaler(): Statement[] {
  return [
    allow([
      'autoscaling:DescribeAutoScalingGroups',
      'autoscaling:DescribeAutoScalingInstances',
      'autoscaling:DescribeLaunchConfigurations',
      'autoscaling:DescribeScalingActivities',
      'autoscaling:DescribeTags',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeLaunchTemplateVersions',
    ]),
    allow([
      'autoscaling:SetDesiredCapacity',
      'autoscaling:TerminateInstanceInAutoScalingGroup',
      'ec2:DescribeImages',
      'ec2:GetInstanceTypesFromInstanceRequirements',
      'eks:DescribeNodegroup',
    ]),
  ];
}

const ELB_CLUSTER_TAG_REQUEST = 'aws:RequestTag/elbv2.k8s.aws/cluster';
const ELB_CLUSTER_TAG_RESOURCE = 'aws:ResourceTag/elbv2.k8s.aws/cluster';

function loadBalancerController(): Statement[] {
  const lbArns = [
    partitionArn('elasticloadbalancing:*:*:targetgroup/*/*'),
    partitionArn('elasticloadbalancing:*:*:loadbalancer/net/*/*'),
    partitionArn('elasticloadbalancing:*:*:loadbalancer/app/*/*'),
  ];
  return [
    allow(['iam:CreateServiceLinkedRole'], ALL, {
      StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' },
    }),
    allow([
      'ec2:DescribeAccountAttributes',
      'ec2:DescribeAddresses',
      'ec2:DescribeAvailabilityZones',
      'ec2:DescribeInternetGateways',
      'ec2:DescribeVpcs',
      'ec2:DescribeVpcPeeringConnections',
      'ec2:DescribeSubnets',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeInstances',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeTags',
      'ec2:GetCoipPoolUsage',
      'ec2:DescribeCoipPools',
      'ec2:GetSecurityGroupsForVpc',
      'ec2:DescribeIpamPools',
      'ec2:DescribeRouteTables',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeLoadBalancerAttributes',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeListenerCertificates',
      'elasticloadbalancing:DescribeSSLPolicies',
      'elasticloadbalancing:DescribeRules',
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetGroupAttributes',
      'elasticloadbalancing:DescribeTargetHealth',
      'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:DescribeTrustStores',
      'elasticloadbalancing:DescribeListenerAttributes',
      'elasticloadbalancing:DescribeCapacityReservation',
    ]),
    allow([
      'cognito-idp:DescribeUserPoolClient',
      'acm:ListCertificates',
      'acm:DescribeCertificate',
      'iam:ListServerCertificates',
      'iam:GetServerCertificate',
      'waf-regional:GetWebACL',
      'waf-regional:GetWebACLForResource',
      'waf-regional:AssociateWebACL',
      'waf-regional:DisassociateWebACL',
      'wafv2:GetWebACL',
      'wafv2:GetWebACLForResource',
      'wafv2:AssociateWebACL',
      'wafv2:DisassociateWebACL',
      'shield:GetSubscriptionState',
      'shield:DescribeProtection',
      'shield:CreateProtection',
      'shield:DeleteProtection',
    ]),
    allow(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress']),
    allow(['ec2:CreateSecurityGroup']),
    allow(['ec2:CreateTags'], partitionArn('ec2:*:*:security-group/*'), {
      StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' },
      Null: { [ELB_CLUSTER_TAG_REQUEST]: 'false' },
    }),
    allow(['ec2:CreateTags', 'ec2:DeleteTags'], partitionArn('ec2:*:*:security-group/*'), {
      Null: { [ELB_CLUSTER_TAG_REQUEST]: 'true', [ELB_CLUSTER_TAG_RESOURCE]: 'false' },
    }),
    allow(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'], ALL, {
      Null: { [ELB_CLUSTER_TAG_RESOURCE]: 'false' },
    }),
    allow(['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'], ALL, {
      Null: { [ELB_CLUSTER_TAG_REQUEST]: 'false' },
    }),
    allow([
      'elasticloadbalancing:CreateListener',
      'elasticloadbalancing:DeleteListener',
      'elasticloadbalancing:CreateRule',
      'elasticloadbalancing:DeleteRule',
    ]),
    allow(['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'], lbArns, {
      Null: { [ELB_CLUSTER_TAG_REQUEST]: 'true', [ELB_CLUSTER_TAG_RESOURCE]: 'false' },
    }),
    allow(
      ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      [
        partitionArn('elasticloadbalancing:*:*:listener/net/*/*/*'),
        partitionArn('elasticloadbalancing:*:*:listener/app/*/*/*'),
        partitionArn('elasticloadbalancing:*:*:listener-rule/net/*/*/*'),
        partitionArn('elasticloadbalancing:*:*:listener-rule/app/*/*/*'),
      ],
    ),
    allow(
      [
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
      ],
      ALL,
      { Null: { [ELB_CLUSTER_TAG_RESOURCE]: 'false' } },
    ),
    allow(['elasticloadbalancing:AddTags'], lbArns, {
      StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] },
      Null: { [ELB_CLUSTER_TAG_REQUEST]: 'false' },
    }),
    allow(
      ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
      partitionArn('elasticloadbalancing:*:*:targetgroup/*/*'),
    ),
    allow([
      'elasticloadbalancing:SetWebAcl',
      'elasticloadbalancing:ModifyListener',
      'elasticloadbalancing:AddListenerCertificates',
      'elasticloadbalancing:RemoveListenerCertificates',
      'elasticloadbalancing:ModifyRule',
      'elasticloadbalancing:SetRulePriorities',
    ]),
  ];
}

const route53ChangeSet = (): Statement[] => [
  allow(['route53:ChangeResourceRecordSets'], partitionArn('route53:::hostedzone/*')),
];
const externalDnsHostedZones = (): Statement[] => [
  allow(['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource']),
];
const certManagerHostedZones = (): Statement[] => [
  allow(['route53:ListResourceRecordSets', 'route53:ListHostedZonesByName']),
];
const certManagerGetChange = (): Statement[] => [allow(['route53:GetChange'], partitionArn('route53:::change/*'))];

function appMesh(extraAction: string): Statement[] {
  return [
    allow([
      'servicediscovery:CreateService',
      'servicediscovery:DeleteService',
      'servicediscovery:GetService',
      'servicediscovery:GetInstance',
      'servicediscovery:RegisterInstance',
      'servicediscovery:DeregisterInstance',
      'servicediscovery:ListInstances',
      'servicediscovery:ListNamespaces',
      'servicediscovery:ListServices',
      'servicediscovery:GetInstancesHealthStatus',
      'servicediscovery:UpdateInstanceCustomHealthStatus',
      'servicediscovery:GetOperation',
      'route53:GetHealthCheck',
      'route53:CreateHealthCheck',
      'route53:UpdateHealthCheck',
      'route53:ChangeResourceRecordSets',
      'route53:DeleteHealthCheck',
      extraAction,
    ]),
  ];
}

const fsx = (): Statement[] => [allow(['fsx:*'])];
const serviceLinkedRoles = (): Statement[] => [
  allow(
    ['iam:CreateServiceLinkedRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'],
    partitionArn('iam::*:role/aws-service-role/*'),
  ),
];
const efs = (): Statement[] => [allow(['elasticfilesystem:*'])];
const efsEc2 = (): Statement[] => [
  allow([
    'ec2:DescribeSubnets',
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DeleteNetworkInterface',
    'ec2:ModifyNetworkInterfaceAttribute',
    'ec2:DescribeNetworkInterfaceAttribute',
  ]),
];
const xRay = (): Statement[] => [
  allow([
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:GetSamplingStatisticSummaries',
  ]),
];

function efsCsiController(): Statement[] {
  const clusterTag = (key: string): CfnValue => ({ StringLike: { [key]: 'true' } });
  return [
    allow(['elasticfilesystem:DescribeAccessPoints', 'elasticfilesystem:DescribeFileSystems']),
    allow(['elasticfilesystem:CreateAccessPoint'], ALL, clusterTag('aws:RequestTag/efs.csi.aws.com/cluster')),
    allow(['elasticfilesystem:TagResource'], ALL, clusterTag('aws:RequestTag/efs.csi.aws.com/cluster')),
    allow(['elasticfilesystem:DeleteAccessPoint'], ALL, clusterTag('aws:ResourceTag/efs.csi.aws.com/cluster')),
  ];
}

const policy = (name: string, statements: readonly Statement[]): InlinePolicy => ({
  PolicyName: name,
  PolicyDocument: { Version: '2012-10-17', Statement: [...statements] },
});

export interface PolicySet {
  readonly managed: readonly CfnValue[];
  readonly inline: readonly InlinePolicy[];
}

/** eksctl's createWellKnownPolicies: the policies of the enabled `wellKnownPolicies`. */
export function wellKnownPolicySet(names: readonly WellKnownPolicyName[]): PolicySet {
  const managed: CfnValue[] = [];
  const inline: InlinePolicy[] = [];
  const on = new Set(names);
  if (on.has('imageBuilder')) managed.push(awsManagedPolicyArn('AmazonEC2ContainerRegistryPowerUser'));
  if (on.has('autoScaler')) inline.push(policy('PolicyAutoScaling', autoScaler()));
  if (on.has('awsLoadBalancerController'))
    inline.push(policy('PolicyAWSLoadBalancerController', loadBalancerController()));
  if (on.has('externalDNS')) {
    inline.push(policy('PolicyExternalDNSChangeSet', route53ChangeSet()));
    inline.push(policy('PolicyExternalDNSHostedZones', externalDnsHostedZones()));
  }
  if (on.has('certManager')) {
    inline.push(policy('PolicyCertManagerChangeSet', route53ChangeSet()));
    inline.push(policy('PolicyCertManagerGetChange', certManagerGetChange()));
    inline.push(policy('PolicyCertManagerHostedZones', certManagerHostedZones()));
  }
  if (on.has('ebsCSIController')) managed.push(awsManagedPolicyArn('service-role/AmazonEBSCSIDriverPolicy'));
  if (on.has('efsCSIController')) inline.push(policy('PolicyEFSCSIController', efsCsiController()));
  return { managed, inline };
}

/**
 * The inline policies of a node role's `withAddonPolicies` (eksctl's createRole). The managed
 * ones (imageBuilder, cloudWatch, ebs) are chosen with the role's other managed policies, iam.ts.
 */
export function addonInlinePolicies(names: readonly AddonPolicyName[]): InlinePolicy[] {
  const on = new Set(names);
  const out: InlinePolicy[] = [];
  if (on.has('autoScaler')) out.push(policy('PolicyAutoScaling', autoScaler()));
  if (on.has('certManager')) {
    out.push(policy('PolicyCertManagerChangeSet', route53ChangeSet()));
    out.push(policy('PolicyCertManagerHostedZones', certManagerHostedZones()));
    out.push(policy('PolicyCertManagerGetChange', certManagerGetChange()));
  }
  if (on.has('externalDNS')) {
    out.push(policy('PolicyExternalDNSChangeSet', route53ChangeSet()));
    out.push(policy('PolicyExternalDNSHostedZones', externalDnsHostedZones()));
  }
  if (on.has('appMesh')) out.push(policy('PolicyAppMesh', appMesh('appmesh:*')));
  if (on.has('appMeshPreview')) out.push(policy('PolicyAppMeshPreview', appMesh('appmesh-preview:*')));
  if (on.has('fsx')) {
    out.push(policy('PolicyFSX', fsx()));
    out.push(policy('PolicyServiceLinkRole', serviceLinkedRoles()));
  }
  if (on.has('efs')) {
    out.push(policy('PolicyEFS', efs()));
    out.push(policy('PolicyEFSEC2', efsEc2()));
  }
  if (on.has('awsLoadBalancerController'))
    out.push(policy('PolicyAWSLoadBalancerController', loadBalancerController()));
  if (on.has('xRay')) out.push(policy('PolicyXRay', xRay()));
  return out;
}
