/**
 * THE table of AWS calls private-eks makes itself, per command — the source of
 * `utils iam-policy`. To support a new command or call, add a row (or a command to a row's
 * list); the resources CloudFormation creates on the caller's behalf are in
 * cloudformation-resources.ts.
 *
 * Kept honest by the emulator suite: every call the integration tests record must be covered by
 * the policy built from these tables (test/helpers/aws-call-log.ts), and rows no run used are
 * listed. Action names are IAM's (`ec2:DescribeVpcs`), as the call counter reports them.
 */
import type { ScopeName } from './scopes.js';

/** Commands with their own AWS calls; `create` is `create cluster`. */
export const POLICY_COMMANDS = [
  'create',
  'create-nodegroup',
  'delete',
  'get',
  'doctor',
  'plan',
  'write-kubeconfig',
  'update',
  'upgrade',
  'scale',
  'get-nodegroup',
  'delete-nodegroup',
  'describe-stacks',
] as const;
export type PolicyCommand = (typeof POLICY_COMMANDS)[number];

export interface CallRow {
  readonly action: string;
  readonly commands: readonly PolicyCommand[];
  readonly scope: ScopeName;
  /** Why private-eks makes the call (shown with `--explain`). */
  readonly why: string;
}

const PLANNING: readonly PolicyCommand[] = ['create', 'create-nodegroup', 'plan', 'doctor'];
const DAY2: readonly PolicyCommand[] = ['update', 'upgrade', 'scale'];
const NODEGROUP_READERS: readonly PolicyCommand[] = ['upgrade', 'scale', 'get-nodegroup', 'delete-nodegroup'];
const CLUSTER_READERS: readonly PolicyCommand[] = [
  'create',
  'create-nodegroup',
  'delete',
  'get',
  'doctor',
  'write-kubeconfig',
];

export const CALLS: readonly CallRow[] = [
  // Identity and planning facts.
  {
    action: 'sts:GetCallerIdentity',
    commands: ['create', 'doctor', 'delete'],
    scope: 'any',
    why: 'the account, for ARNs and the credentials check',
  },
  { action: 'ec2:DescribeAvailabilityZones', commands: PLANNING, scope: 'any', why: 'zones of the region' },
  {
    action: 'ec2:DescribeVpcEndpointServices',
    commands: PLANNING,
    scope: 'any',
    why: 'which endpoint services exist in which zone',
  },
  {
    action: 'ec2:DescribeInstanceTypes',
    // update and upgrade plan the file live too, and so resolve its selectors again.
    commands: [...PLANNING, 'update', 'upgrade'],
    scope: 'any',
    why: "a nodegroup's instanceSelector: the instance types it matches",
  },
  {
    action: 'ec2:DescribeInstanceTypeOfferings',
    commands: [...PLANNING, 'update', 'upgrade'],
    scope: 'any',
    why: "a nodegroup's instanceSelector: the types offered in its zones",
  },
  { action: 'ec2:DescribeVpcs', commands: PLANNING, scope: 'any', why: 'a supplied VPC: its CIDRs' },
  {
    action: 'ec2:DescribeVpcAttribute',
    commands: PLANNING,
    scope: 'any',
    why: 'a supplied VPC: DNS support and hostnames',
  },
  {
    action: 'ec2:DescribeSubnets',
    commands: [...PLANNING, 'get'],
    scope: 'any',
    why: 'supplied subnets; endpoint zones shown by get',
  },
  {
    action: 'ec2:DescribeRouteTables',
    commands: [...PLANNING, 'get'],
    scope: 'any',
    why: "a supplied VPC: explicit route tables, no internet route; verify: each node subnet's S3 route",
  },
  {
    action: 'ec2:DescribeVpcEndpoints',
    commands: [...PLANNING, 'get', 'delete'],
    scope: 'any',
    why: 'endpoints that already exist in the VPC; verify; delete: endpoints another cluster may use',
  },
  // Stacks.
  {
    action: 'cloudformation:DescribeStacks',
    commands: ['create', 'create-nodegroup', 'delete', 'get', 'doctor'],
    scope: 'any',
    why: 'finding the eksctl-* stacks of a cluster and their state (resume)',
  },
  {
    action: 'cloudformation:CreateStack',
    commands: ['create', 'create-nodegroup'],
    scope: 'stacks',
    why: 'the cluster, addons and nodegroup stacks',
  },
  {
    action: 'cloudformation:UpdateStack',
    commands: ['create', 'delete'],
    scope: 'stacks',
    why: "a supplied VPC's shared endpoints stack: grown for another cluster; its users recorded on its tags",
  },
  {
    action: 'logs:DescribeLogGroups',
    commands: ['create', 'delete'],
    scope: 'any',
    why: "the control plane's log group: is it there (adopted on create, kept or deleted on delete)",
  },
  {
    action: 'logs:CreateLogGroup',
    commands: ['create'],
    scope: 'logGroups',
    why: "the control plane's log group, before the control plane, with its retention",
  },
  { action: 'logs:TagResource', commands: ['create'], scope: 'logGroups', why: 'the log group gets the cluster tags' },
  {
    action: 'logs:PutRetentionPolicy',
    commands: ['create'],
    scope: 'logGroups',
    why: 'cloudWatch.clusterLogging.logRetentionInDays, also on an adopted group',
  },
  { action: 'logs:DeleteLogGroup', commands: ['delete'], scope: 'logGroups', why: 'delete --delete-logs' },
  {
    action: 'cloudformation:DescribeStackEvents',
    commands: ['create', 'create-nodegroup', 'delete'],
    scope: 'stacks',
    why: 'progress and the first failure of a stack',
  },
  {
    action: 'cloudformation:DeleteStack',
    commands: ['create', 'create-nodegroup', 'delete'],
    scope: 'stacks',
    why: 'delete; a failed create is rolled back and removed before a re-run',
  },
  // The cluster itself.
  { action: 'eks:DescribeCluster', commands: CLUSTER_READERS, scope: 'eks', why: 'endpoint, CA and access settings' },
  { action: 'eks:ListClusters', commands: ['doctor'], scope: 'any', why: 'the EKS API is reachable and allowed' },
  {
    action: 'eks:ListNodegroups',
    commands: ['create', 'get', 'doctor'],
    scope: 'eks',
    why: 'verify: every nodegroup of the cluster is active',
  },
  { action: 'eks:DescribeNodegroup', commands: ['create', 'get', 'doctor'], scope: 'eks', why: 'verify: its status' },
  {
    action: 'eks:UpdateClusterConfig',
    commands: ['create', 'create-nodegroup'],
    scope: 'eks',
    why: 'opening and closing the public endpoint around Kubernetes steps',
  },
  {
    action: 'eks:DescribeUpdate',
    commands: ['create', 'create-nodegroup'],
    scope: 'eks',
    why: 'waiting for an endpoint-access update',
  },
  // Delete: what the cluster's controllers made outside CloudFormation.
  {
    action: 'elasticloadbalancing:DescribeLoadBalancers',
    commands: ['delete'],
    scope: 'any',
    why: 'load balancers tagged for the cluster',
  },
  {
    action: 'elasticloadbalancing:DescribeTags',
    commands: ['delete'],
    scope: 'any',
    why: 'the cluster tag of each load balancer',
  },
  {
    action: 'elasticloadbalancing:DescribeTargetGroups',
    commands: ['delete'],
    scope: 'any',
    why: 'target groups of those load balancers',
  },
  {
    action: 'elasticloadbalancing:DeleteLoadBalancer',
    commands: ['delete'],
    scope: 'any',
    why: 'a tagged load balancer blocks the VPC delete',
  },
  { action: 'elasticloadbalancing:DeleteTargetGroup', commands: ['delete'], scope: 'any', why: 'their target groups' },
  {
    action: 'ec2:DescribeNetworkInterfaces',
    commands: ['delete'],
    scope: 'any',
    why: "waiting for load balancer and the in-VPC runner's interfaces to go",
  },
  // The in-VPC runner (src/runner): Kubernetes objects applied from inside the VPC.
  {
    action: 'lambda:InvokeFunction',
    commands: ['create', 'create-nodegroup', 'delete', 'delete-nodegroup'],
    scope: 'runnerFunctions',
    why: 'the in-VPC runner applies the Kubernetes objects (IRSA ServiceAccounts, aws-auth, Windows IPAM) and drains the nodegroups on delete',
  },
  {
    action: 'eks:ListAssociatedAccessPolicies',
    commands: ['delete', 'delete-nodegroup'],
    scope: 'eks',
    why: "whether the runner's access entry already holds the drain's cluster-scoped policy",
  },
  {
    action: 'eks:AssociateAccessPolicy',
    commands: ['delete', 'delete-nodegroup'],
    scope: 'eks',
    why: 'grants the in-VPC runner AmazonEKSClusterAdminPolicy (cluster scope) just for the drain: cordon and evict',
  },
  {
    action: 'eks:DisassociateAccessPolicy',
    commands: ['delete', 'delete-nodegroup'],
    scope: 'eks',
    why: 'takes that policy back after the drain',
  },
  {
    action: 'lambda:UpdateFunctionConfiguration',
    commands: ['delete'],
    scope: 'runnerFunctions',
    why: 'takes the runner out of the VPC so Lambda releases its interfaces before its stack goes',
  },
  {
    action: 'ec2:DeleteNetworkInterface',
    commands: ['delete'],
    scope: 'any',
    why: "the runner's interfaces, as Lambda releases them (their ids are not known in advance)",
  },
  {
    action: 'ec2:DescribeSecurityGroups',
    commands: ['create', 'delete', 'get', 'doctor'],
    scope: 'any',
    why: "security groups tagged for the cluster; verify: the endpoints' group admits the nodes",
  },
  { action: 'ec2:DescribeSecurityGroupRules', commands: ['delete'], scope: 'any', why: 'rules that reference them' },
  {
    action: 'ec2:RevokeSecurityGroupIngress',
    commands: ['delete'],
    scope: 'any',
    why: 'rules referencing a tagged group keep it alive',
  },
  { action: 'ec2:RevokeSecurityGroupEgress', commands: ['delete'], scope: 'any', why: 'as above, egress' },
  { action: 'ec2:DeleteSecurityGroup', commands: ['delete'], scope: 'any', why: 'tagged groups a controller made' },
  // Day-2 commands (update, upgrade, scale, get/delete nodegroup, utils describe-stacks).
  {
    action: 'cloudformation:CreateChangeSet',
    commands: DAY2,
    scope: 'stacks',
    why: 'a change set shows the change before it is made',
  },
  { action: 'cloudformation:DescribeChangeSet', commands: DAY2, scope: 'stacks', why: 'what the change set would do' },
  { action: 'cloudformation:ExecuteChangeSet', commands: DAY2, scope: 'stacks', why: 'making the change' },
  {
    action: 'cloudformation:DeleteChangeSet',
    commands: DAY2,
    scope: 'stacks',
    why: 'an empty or refused change set is removed',
  },
  {
    action: 'cloudformation:GetTemplate',
    commands: ['update'],
    scope: 'stacks',
    why: 'the deployed template, for the diff',
  },
  {
    action: 'cloudformation:UpdateStack',
    commands: ['create', 'update'],
    scope: 'stacks',
    why: 'shared endpoint stacks grow with a second cluster',
  },
  {
    action: 'cloudformation:DescribeStackResources',
    commands: ['create'],
    scope: 'stacks',
    why: 'the Fargate profiles the add-ons need, while the Fargate stack still creates the others',
  },
  {
    action: 'cloudformation:DescribeStackResource',
    commands: [...NODEGROUP_READERS, 'describe-stacks'],
    scope: 'stacks',
    why: 'the nodegroup or auto scaling group behind a stack',
  },
  { action: 'eks:ListUpdates', commands: ['update', 'upgrade'], scope: 'eks', why: 'an update already in progress' },
  {
    action: 'eks:DescribeAddonVersions',
    commands: ['upgrade'],
    scope: 'any',
    why: 'the add-on versions that go with the new Kubernetes version (no resource-level permissions)',
  },
  {
    action: 'eks:UpdateClusterVersion',
    commands: ['upgrade'],
    scope: 'eks',
    why: 'the control plane, one minor version at a time',
  },
  {
    action: 'eks:UpdateNodegroupVersion',
    commands: ['upgrade'],
    scope: 'eks',
    why: 'managed nodegroups follow the control plane',
  },
  {
    action: 'eks:DescribeNodegroup',
    commands: [...NODEGROUP_READERS, 'create', 'create-nodegroup', 'update'],
    scope: 'eks',
    why: 'a managed nodegroup’s version and scaling, and the auto scaling group EKS made for it (propagateASGTags, asgSuspendProcesses)',
  },
  // A nodegroup's auto scaling group once it exists (deploy/nodegroup-asg.ts).
  {
    action: 'autoscaling:SuspendProcesses',
    commands: ['create', 'create-nodegroup', 'update'],
    scope: 'nodegroupAutoScalingGroups',
    why: 'a nodegroup’s asgSuspendProcesses, suspended once its group exists, as eksctl',
  },
  {
    action: 'autoscaling:CreateOrUpdateTags',
    commands: ['create', 'create-nodegroup', 'update'],
    scope: 'nodegroupAutoScalingGroups',
    why: 'a managed nodegroup’s propagateASGTags: the node-template tags on the group EKS made',
  },
  {
    action: 'autoscaling:DescribeTags',
    commands: ['create', 'create-nodegroup', 'update'],
    scope: 'any',
    why: 'the group’s tags, so propagateASGTags stays within the limit of 50',
  },
  {
    action: 'autoscaling:StartInstanceRefresh',
    commands: ['upgrade'],
    scope: 'autoScalingGroups',
    why: 'self-managed nodes replaced with the new AMI',
  },
  {
    action: 'autoscaling:DescribeInstanceRefreshes',
    commands: ['upgrade'],
    scope: 'any',
    why: 'waiting for the refresh',
  },
];
