/**
 * The resources a policy statement may name, narrowed to what private-eks makes wherever IAM
 * allows it. Names follow from eksctl's conventions, which private-eks keeps: every stack is
 * `eksctl-<cluster>-…`, and the roles and instance profiles CloudFormation names after their
 * stack therefore start with `eksctl-` too; EKS writes control-plane logs to `/aws/eks/<cluster>/`.
 */

export interface ScopeContext {
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  readonly partition: string;
  /** A 12-digit account id, or `*`. */
  readonly account: string;
  /** A region, or `*`. */
  readonly region: string;
}

export interface Scope {
  /** The statement id for this scope (and `Allow` + Sid prefix). */
  readonly sid: string;
  readonly resources: (context: ScopeContext) => string[];
  readonly condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
  /** Why it is not narrower, or what narrows it; shown by `utils iam-policy --explain`. */
  readonly note: string;
}

/** The services that may receive a role private-eks made (iam:PassRole). */
const PASSED_TO = [
  'eks.amazonaws.com',
  'lambda.amazonaws.com',
  'ec2.amazonaws.com',
  'eks-fargate-pods.amazonaws.com',
  'pods.eks.amazonaws.com',
];

/** The service-linked roles EKS, its nodegroups, Fargate and Auto Scaling create on first use. */
const SERVICE_LINKED = [
  'eks.amazonaws.com',
  'eks-nodegroup.amazonaws.com',
  'eks-fargate.amazonaws.com',
  'autoscaling.amazonaws.com',
];

export const SCOPES = {
  any: {
    sid: 'Unscoped',
    resources: () => ['*'],
    note: 'these actions take no resource ARN (Describe*/List*, sts:GetCallerIdentity) or create resources whose ids do not exist yet',
  },
  stacks: {
    sid: 'EksctlStacks',
    resources: (c) => [
      `arn:${c.partition}:cloudformation:${c.region}:${c.account}:stack/eksctl-*/*`,
      `arn:${c.partition}:cloudformation:${c.region}:${c.account}:stack/private-eks-endpoints-*/*`,
    ],
    note: "only stacks named eksctl-*, as private-eks (and eksctl) names them, and a supplied VPC's shared endpoints stack (private-eks-endpoints-<vpc-id>)",
  },
  roles: {
    sid: 'EksctlRoles',
    resources: (c) => [`arn:${c.partition}:iam::${c.account}:role/eksctl-*`],
    note: 'the roles CloudFormation names after the eksctl-* stacks',
  },
  passRole: {
    sid: 'PassEksctlRoles',
    resources: (c) => [`arn:${c.partition}:iam::${c.account}:role/eksctl-*`],
    condition: { StringEquals: { 'iam:PassedToService': PASSED_TO } },
    note: 'only the roles private-eks made, and only to EKS, EC2, Fargate, Pod Identity and Lambda (the in-VPC runner)',
  },
  instanceProfiles: {
    sid: 'EksctlInstanceProfiles',
    resources: (c) => [`arn:${c.partition}:iam::${c.account}:instance-profile/eksctl-*`],
    note: 'the instance profiles of self-managed nodegroups',
  },
  oidcProviders: {
    sid: 'EksOidcProviders',
    resources: (c) => [`arn:${c.partition}:iam::${c.account}:oidc-provider/oidc.eks.*`],
    note: "the clusters' OIDC issuers (IAM roles for service accounts)",
  },
  serviceLinkedRoles: {
    sid: 'ServiceLinkedRoles',
    resources: (c) => [`arn:${c.partition}:iam::${c.account}:role/aws-service-role/*`],
    condition: { StringEquals: { 'iam:AWSServiceName': SERVICE_LINKED } },
    note: 'created once per account by EKS, managed nodegroups, Fargate and Auto Scaling',
  },
  eks: {
    sid: 'EksClusters',
    resources: (c) => [
      `arn:${c.partition}:eks:${c.region}:${c.account}:cluster/*`,
      `arn:${c.partition}:eks:${c.region}:${c.account}:nodegroup/*`,
      `arn:${c.partition}:eks:${c.region}:${c.account}:fargateprofile/*`,
      `arn:${c.partition}:eks:${c.region}:${c.account}:addon/*`,
      `arn:${c.partition}:eks:${c.region}:${c.account}:access-entry/*`,
      `arn:${c.partition}:eks:${c.region}:${c.account}:podidentityassociation/*`,
      `arn:${c.partition}:eks:${c.region}:${c.account}:identityproviderconfig/*`,
    ],
    note: 'EKS objects of any cluster in the account and region: cluster names are the user’s',
  },
  logGroups: {
    sid: 'EksLogGroups',
    resources: (c) => [`arn:${c.partition}:logs:${c.region}:${c.account}:log-group:/aws/eks/*`],
    note: 'the control-plane log groups EKS writes to',
  },
  runnerFunctions: {
    sid: 'EksctlRunnerFunctions',
    resources: (c) => [`arn:${c.partition}:lambda:${c.region}:${c.account}:function:eksctl-*`],
    note: 'the in-VPC runner, named after its eksctl-<cluster>-runner stack',
  },
  autoScalingGroups: {
    sid: 'EksctlAutoScalingGroups',
    resources: (c) => [
      `arn:${c.partition}:autoscaling:${c.region}:${c.account}:autoScalingGroup:*:autoScalingGroupName/eksctl-*`,
    ],
    note: "self-managed nodegroups' groups, named after their eksctl-* stack",
  },
  nodegroupAutoScalingGroups: {
    sid: 'NodegroupAutoScalingGroups',
    resources: (c) => [
      `arn:${c.partition}:autoscaling:${c.region}:${c.account}:autoScalingGroup:*:autoScalingGroupName/eksctl-*`,
      `arn:${c.partition}:autoscaling:${c.region}:${c.account}:autoScalingGroup:*:autoScalingGroupName/eks-*`,
    ],
    note: "self-managed nodegroups' groups (eksctl-*) and the groups EKS makes for managed nodegroups (eks-<nodegroup>-<id>)",
  },
} as const satisfies Record<string, Scope>;

export type ScopeName = keyof typeof SCOPES;
