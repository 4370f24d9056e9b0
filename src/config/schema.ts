/**
 * THE schema of a private-eks config file: the eksctl `ClusterConfig` fields private-eks implements
 * (SPEC §2), written once with TypeBox. From it come the TypeScript type of the raw file
 * (`ClusterConfigFile`), the runtime type check (schema-check.ts), the names of the fields
 * private-eks understands (fields.ts: anything else is V19 or unknown) and the JSON Schema that
 * `private-eks utils schema` prints for editors (json-schema.ts).
 *
 * Types follow eksctl's schema. Value rules with their own ids (V6 endpoint names, V16 CIDRs, …)
 * stay out of the schema so that they are reported under those ids. Fields that exist only to be
 * rejected (vpc.subnets.public, vpc.clusterEndpoints, localZones, outpost, outpostARN, vpc.nat) are
 * here so that they get their rule's message instead of V19.
 */
import type { Static } from '@sinclair/typebox';
import { Type } from './schema-type.js';
import {
  AutoModeConfig,
  IamIdentityMapping,
  IdentityProvider,
  UpgradePolicy,
  ZonalShiftConfig,
} from './schema-cluster.js';
import { ManagedNodeGroup, NodeGroup } from './schema-nodegroups.js';
import {
  PolicyDocument,
  StringMap,
  WellKnownPolicies,
  editor,
  flag,
  named,
  oneOf,
  strict,
  text,
  texts,
} from './schema-parts.js';

export { DEFINITION_NAME } from './schema-parts.js';
export { AMI_FAMILIES, MANAGED_NODE_GROUP_FIELDS, NODE_GROUP_FIELDS } from './schema-nodegroups.js';
export type { ManagedNodeGroupFile, NodeGroupFile, TaintFile } from './schema-nodegroups.js';

/** The EKS API's values (ControlPlaneEgressModeType, ProvisionedControlPlaneTier); eksctl passes them on unchecked. */
export const CONTROL_PLANE_EGRESS_MODES = ['AWS_MANAGED', 'CUSTOMER_ROUTED', 'CUSTOMER_ISOLATED'] as const;
export const CONTROL_PLANE_TIERS = ['standard', 'tier-xl', 'tier-2xl', 'tier-4xl', 'tier-8xl'] as const;

// ---- metadata, zones -------------------------------------------------------------------------

const Metadata = strict(
  {
    name: Type.Optional(
      editor(
        text('cluster name: letters, digits and dashes, starting with a letter or digit; at most 100 characters'),
        {
          pattern: '^[a-zA-Z0-9][-a-zA-Z0-9]*$',
          maxLength: 100,
        },
      ),
    ),
    region: Type.Optional(
      editor(text('AWS region, required (eksctl reads it from the file only)'), {
        pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$',
      }),
    ),
    version: Type.Optional(text('Kubernetes version, quoted ("1.34"); default: the newest private-eks knows')),
    tags: Type.Optional(StringMap),
  },
  'the name, region, Kubernetes version and tags of the cluster',
);

// ---- privateCluster --------------------------------------------------------------------------

const PrivateCluster = strict(
  {
    enabled: Type.Optional(
      editor(flag('must be true: private-eks builds fully-private clusters only'), { const: true }),
    ),
    skipEndpointCreation: Type.Optional(
      flag('create no VPC endpoints at all: the supplied VPC already has the ones the cluster needs'),
    ),
    additionalEndpointServices: Type.Optional(
      texts(
        'VPC endpoints to add to the required ones (ec2, ecr.api, ecr.dkr, s3, sts): autoscaling, ' +
          'cloudformation, logs, eks, eks-auth, ssm, ssmmessages, ec2messages, elasticloadbalancing, ebs, ' +
          'kms, secretsmanager, sqs, xray, aps-workspaces, elasticfilesystem',
      ),
    ),
  },
  'fully-private cluster settings: no internet access, AWS services through VPC endpoints',
);

// ---- vpc -------------------------------------------------------------------------------------

const SubnetSpec = named(
  'SubnetSpec',
  strict(
    {
      id: Type.Optional(editor(text('the id of an existing subnet'), { pattern: '^subnet-[0-9a-f]{1,17}$' })),
      az: Type.Optional(text('the availability zone; the map key is used when it is a zone name')),
      cidr: Type.Optional(text('the IPv4 CIDR of a subnet private-eks creates, inside vpc.cidr')),
    },
    'one subnet: an existing one by id, or one to create by zone and CIDR',
  ),
);
const SubnetMap = named(
  'SubnetMap',
  Type.Record(Type.String(), SubnetSpec, { description: 'subnets by name (usually the zone name)' }),
);

const Vpc = strict(
  {
    id: Type.Optional(
      editor(text('an existing VPC to use; then vpc.subnets.private must list its subnets'), {
        pattern: '^vpc-[0-9a-f]{1,17}$',
      }),
    ),
    cidr: Type.Optional(text('the IPv4 CIDR of the VPC private-eks creates, /16 to /24; default 192.168.0.0/16')),
    subnets: Type.Optional(
      strict(
        {
          private: Type.Optional(SubnetMap),
          public: Type.Optional(SubnetMap),
        },
        'the cluster subnets; a fully-private cluster has private subnets only',
      ),
    ),
    clusterEndpoints: Type.Optional(
      strict(
        {
          publicAccess: Type.Optional(Type.Boolean()),
          privateAccess: Type.Optional(Type.Boolean()),
        },
        'not settable in a fully-private cluster: the API endpoint is private-only',
      ),
    ),
    publicAccessCIDRs: Type.Optional(
      texts('CIDRs allowed to reach a public API endpoint while one exists during creation'),
    ),
    controlPlaneOnPrivateSubnets: Type.Optional(flag('accepted for eksctl compatibility: every subnet is private')),
    securityGroup: Type.Optional(
      editor(text('an existing security group for the control plane'), { pattern: '^sg-[0-9a-f]{1,17}$' }),
    ),
    sharedNodeSecurityGroup: Type.Optional(
      editor(text('an existing security group shared by all nodes'), { pattern: '^sg-[0-9a-f]{1,17}$' }),
    ),
    nat: Type.Optional(
      strict(
        { gateway: Type.Optional(oneOf(['HighlyAvailable', 'Single', 'Disable'] as const, 'NAT gateway mode')) },
        'ignored: a fully-private cluster has no NAT gateway',
      ),
    ),
    manageSharedNodeSecurityGroupRules: Type.Optional(
      flag('add the rules between the shared node security group and the cluster; default true'),
    ),
    extraCIDRs: Type.Optional(texts('more IPv4 CIDRs allowed to reach the API server (HTTPS), e.g. a peered network')),
    extraIPv6CIDRs: Type.Optional(texts('more IPv6 CIDRs allowed to reach the API server (IPv6 clusters)')),
    controlPlaneSecurityGroupIDs: Type.Optional(
      texts('existing security groups for the control plane (instead of vpc.securityGroup)'),
    ),
    controlPlaneSubnetIDs: Type.Optional(
      texts("existing subnets for the control plane's network interfaces (instead of every cluster subnet)"),
    ),
    hostnameType: Type.Optional(
      oneOf(['ip-name', 'resource-name'] as const, 'hostnames of instances in the subnets private-eks creates'),
    ),
    autoAllocateIPv6: Type.Optional(flag('false, as eksctl --dry-run writes; IPv6 clusters always get a block')),
    controlPlaneEgressMode: Type.Optional(
      oneOf(
        CONTROL_PLANE_EGRESS_MODES,
        "how the control plane's egress is routed: AWS_MANAGED (the EKS default), CUSTOMER_ROUTED or CUSTOMER_ISOLATED",
      ),
    ),
  },
  'the VPC: created by private-eks, or an existing one (vpc.id and vpc.subnets.private)',
);

// ---- iam, accessConfig ----------------------------------------------------------------------

const ServiceAccount = strict(
  {
    metadata: strict(
      {
        name: text('the Kubernetes service account name'),
        namespace: Type.Optional(text('its namespace; default "default"')),
        labels: Type.Optional(StringMap),
        annotations: Type.Optional(StringMap),
      },
      'the service account',
    ),
    attachPolicyARNs: Type.Optional(texts('managed policies for its role')),
    attachPolicy: Type.Optional(PolicyDocument),
    wellKnownPolicies: Type.Optional(WellKnownPolicies),
    attachRoleARN: Type.Optional(text('an existing role for the service account; no role is created')),
    roleName: Type.Optional(text('name of the IAM role to create')),
    roleOnly: Type.Optional(flag('create the IAM role only, not the Kubernetes service account')),
    permissionsBoundary: Type.Optional(text('the ARN of a permissions boundary for the role')),
    tags: Type.Optional(StringMap),
    subjectPattern: Type.Optional(
      text('a service account name pattern (wildcards * and ?) the role trusts instead of metadata.name'),
    ),
  },
  'an IAM role for a Kubernetes service account (IRSA); needs iam.withOIDC',
);

const PodIdentityAssociation = strict(
  {
    namespace: text('namespace of the service account'),
    serviceAccountName: text('the service account'),
    roleARN: Type.Optional(text('an existing role; otherwise one is created with permissionPolicyARNs')),
    permissionPolicyARNs: Type.Optional(texts('managed policies for the created role')),
    wellKnownPolicies: Type.Optional(WellKnownPolicies),
    roleName: Type.Optional(text('the name of the role private-eks creates')),
    permissionsBoundaryARN: Type.Optional(text('the ARN of a permissions boundary for the created role')),
    permissionPolicy: Type.Optional(PolicyDocument),
    permissionPolicyName: Type.Optional(text('the name of the permissionPolicy inline policy')),
    tags: Type.Optional(StringMap),
    targetRoleARN: Type.Optional(text("a role in another account, chained to the association's role")),
    disableSessionTags: Type.Optional(flag('no EKS session tags on the role session')),
    policy: Type.Optional(text('a session policy (JSON) restricting the association further')),
    createServiceAccount: Type.Optional(flag('create the Kubernetes ServiceAccount (and its namespace) if missing')),
  },
  'an EKS Pod Identity association',
);

const AddonPodIdentityAssociation = strict(
  {
    serviceAccountName: text("the add-on's service account"),
    namespace: Type.Optional(text("its namespace; default: the add-on's")),
    roleARN: Type.Optional(text('an existing role; otherwise one is created with permissionPolicyARNs')),
    permissionPolicyARNs: Type.Optional(texts('managed policies for the created role')),
    wellKnownPolicies: Type.Optional(WellKnownPolicies),
    roleName: Type.Optional(text('the name of the role private-eks creates')),
    permissionsBoundaryARN: Type.Optional(text('the ARN of a permissions boundary for the created role')),
    permissionPolicy: Type.Optional(PolicyDocument),
    permissionPolicyName: Type.Optional(text('the name of the permissionPolicy inline policy')),
    tags: Type.Optional(StringMap),
    // eksctl reads it here and ignores it: the add-on makes its own ServiceAccount.
    createServiceAccount: Type.Optional(flag('ignored, as eksctl: the add-on creates its own ServiceAccount')),
  },
  "an EKS Pod Identity association for one of the add-on's service accounts",
);

const Iam = strict(
  {
    serviceRoleARN: Type.Optional(text('an existing IAM role for the control plane')),
    withOIDC: Type.Optional(flag('create an IAM OIDC provider for IRSA')),
    fargatePodExecutionRoleARN: Type.Optional(text('an existing pod execution role for Fargate profiles')),
    serviceRolePermissionsBoundary: Type.Optional(
      text('the ARN of a permissions boundary for the cluster role private-eks creates'),
    ),
    fargatePodExecutionRolePermissionsBoundary: Type.Optional(
      text('the ARN of a permissions boundary for the Fargate pod execution role private-eks creates'),
    ),
    serviceAccounts: Type.Optional(Type.Array(ServiceAccount)),
    podIdentityAssociations: Type.Optional(Type.Array(PodIdentityAssociation)),
    vpcResourceControllerPolicy: Type.Optional(
      flag('attach AmazonEKSVPCResourceController to the cluster role (security groups for pods); default true'),
    ),
  },
  'IAM roles of the cluster and its workloads',
);

const AccessEntry = strict(
  {
    principalARN: text('the IAM principal given access'),
    type: Type.Optional(
      editor(text('access entry type; default STANDARD'), {
        enum: ['STANDARD', 'EC2', 'EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX', 'HYBRID_LINUX'],
      }),
    ),
    kubernetesGroups: Type.Optional(texts('Kubernetes groups of the principal')),
    kubernetesUsername: Type.Optional(text('Kubernetes user name of the principal')),
    accessPolicies: Type.Optional(
      Type.Array(
        strict(
          {
            policyARN: text('an EKS access policy ARN'),
            accessScope: strict(
              {
                type: oneOf(['cluster', 'namespace'] as const, 'the whole cluster or some namespaces'),
                namespaces: Type.Optional(texts('namespaces, for type namespace')),
              },
              'where the policy applies',
            ),
          },
          'an EKS access policy for the entry',
        ),
      ),
    ),
  },
  'an EKS access entry',
);

const AccessConfig = strict(
  {
    authenticationMode: Type.Optional(
      oneOf(['CONFIG_MAP', 'API', 'API_AND_CONFIG_MAP'] as const, 'default API_AND_CONFIG_MAP'),
    ),
    bootstrapClusterCreatorAdminPermissions: Type.Optional(
      flag('give the creator cluster-admin through an access entry; default true'),
    ),
    accessEntries: Type.Optional(Type.Array(AccessEntry)),
  },
  'how IAM principals authenticate to the Kubernetes API',
);

// ---- logging, encryption, network, add-ons --------------------------------------------------

/** The retention periods CloudWatch Logs accepts (eksctl's `LogRetentionInDaysValues`). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const CloudWatch = strict(
  {
    clusterLogging: Type.Optional(
      strict(
        {
          enableTypes: Type.Optional(
            Type.Array(
              oneOf(
                ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler', 'all', '*'] as const,
                'a control-plane log type; "all" and "*" mean all five',
              ),
            ),
          ),
          logRetentionInDays: Type.Optional(
            Type.Union(
              LOG_RETENTION_DAYS.map((d) => Type.Literal(d)),
              { description: 'days to keep the logs; default: forever' },
            ),
          ),
        },
        'control-plane logs sent to CloudWatch Logs (adds the logs endpoint)',
      ),
    ),
  },
  'CloudWatch settings',
);

const Addon = strict(
  {
    name: text('the EKS add-on name (vpc-cni, coredns, kube-proxy, …)'),
    version: Type.Optional(text('add-on version; default: the EKS default for the cluster version')),
    serviceAccountRoleARN: Type.Optional(text("an existing IAM role for the add-on's service account")),
    attachPolicyARNs: Type.Optional(texts("managed policies for the add-on's IRSA role (needs iam.withOIDC)")),
    attachPolicy: Type.Optional(PolicyDocument),
    wellKnownPolicies: Type.Optional(WellKnownPolicies),
    permissionsBoundary: Type.Optional(text("the ARN of a permissions boundary for the add-on's IRSA role")),
    namespaceConfig: Type.Optional(
      strict(
        { namespace: Type.Optional(text("the namespace the add-on is installed in; default: the add-on's own")) },
        "the add-on's namespace",
      ),
    ),
    podIdentityAssociations: Type.Optional(Type.Array(AddonPodIdentityAssociation)),
    useDefaultPodIdentityAssociations: Type.Optional(
      flag("give the add-on EKS Pod Identity roles with AWS's recommended policies"),
    ),
    configurationValues: Type.Optional(text('configuration as JSON text, passed to EKS as it is')),
    resolveConflicts: Type.Optional(
      oneOf(
        ['none', 'overwrite', 'preserve', 'NONE', 'OVERWRITE', 'PRESERVE'] as const,
        'what to do with fields changed in the cluster; default overwrite',
      ),
    ),
    tags: Type.Optional(StringMap),
  },
  'an EKS add-on',
);

const FargateProfile = strict(
  {
    name: text('profile name'),
    selectors: Type.Optional(
      Type.Array(
        strict(
          { namespace: text('pods in this namespace'), labels: Type.Optional(StringMap) },
          'which pods run on Fargate',
        ),
      ),
    ),
    subnets: Type.Optional(texts('private subnets; default: all of them')),
    podExecutionRoleARN: Type.Optional(text('an existing pod execution role')),
    tags: Type.Optional(StringMap),
  },
  'a Fargate profile',
);

// ---- the file --------------------------------------------------------------------------------

export const ClusterConfigSchema = strict(
  {
    apiVersion: Type.Literal('eksctl.io/v1alpha5', { description: 'always eksctl.io/v1alpha5' }),
    kind: Type.Literal('ClusterConfig', { description: 'always ClusterConfig' }),
    metadata: Type.Optional(Metadata),
    availabilityZones: Type.Optional(texts('zones of the cluster (at least 2); not with vpc.subnets')),
    localZones: Type.Optional(texts('not supported in a fully-private cluster (V9)')),
    privateCluster: Type.Optional(PrivateCluster),
    vpc: Type.Optional(Vpc),
    iam: Type.Optional(Iam),
    accessConfig: Type.Optional(AccessConfig),
    cloudWatch: Type.Optional(CloudWatch),
    secretsEncryption: Type.Optional(
      strict(
        {
          keyARN: editor(text('the KMS key that encrypts Kubernetes secrets'), {
            pattern: '^arn:aws[-a-z]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+$',
          }),
        },
        'envelope encryption of secrets',
      ),
    ),
    kubernetesNetworkConfig: Type.Optional(
      strict(
        {
          ipFamily: Type.Optional(oneOf(['IPv4', 'IPv6'] as const, 'default IPv4')),
          serviceIPv4CIDR: Type.Optional(
            editor(
              text(
                'CIDR of Kubernetes service addresses: inside 10/8, 172.16/12 or 192.168/16, /12 to /24, outside the VPC; default chosen by EKS',
              ),
              {
                pattern: '^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$',
              },
            ),
          ),
        },
        'Kubernetes networking',
      ),
    ),
    addons: Type.Optional(Type.Array(Addon)),
    addonsConfig: Type.Optional(
      strict(
        {
          autoApplyPodIdentityAssociations: Type.Optional(
            flag("give every add-on that supports it EKS Pod Identity roles with AWS's recommended policies"),
          ),
          disableDefaultAddons: Type.Optional(
            flag('do not install the default add-ons (vpc-cni, kube-proxy, coredns, metrics-server)'),
          ),
        },
        'settings for all add-ons',
      ),
    ),
    nodeGroups: Type.Optional(Type.Array(NodeGroup)),
    managedNodeGroups: Type.Optional(Type.Array(ManagedNodeGroup)),
    fargateProfiles: Type.Optional(Type.Array(FargateProfile)),
    identityProviders: Type.Optional(Type.Array(IdentityProvider)),
    iamIdentityMappings: Type.Optional(Type.Array(IamIdentityMapping)),
    upgradePolicy: Type.Optional(UpgradePolicy),
    zonalShiftConfig: Type.Optional(ZonalShiftConfig),
    controlPlaneScalingConfig: Type.Optional(
      strict(
        {
          tier: Type.Optional(
            oneOf(
              CONTROL_PLANE_TIERS,
              'the provisioned control plane tier: standard, tier-xl, tier-2xl, tier-4xl or tier-8xl; default standard',
            ),
          ),
        },
        'the control plane scaling tier',
      ),
    ),
    autoModeConfig: Type.Optional(AutoModeConfig),
    outpost: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'not supported by private-eks yet (V11)' }),
    ),
  },
  'an eksctl ClusterConfig for a fully-private EKS cluster, as private-eks reads it',
);

/** The raw config file, after the type check: fields as written, nothing defaulted. */
export type ClusterConfigFile = Static<typeof ClusterConfigSchema>;
export type SubnetSpecFile = Static<typeof SubnetSpec>;
