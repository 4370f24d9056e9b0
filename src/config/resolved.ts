/**
 * The config after parsing, defaulting (SPEC §4) and validation (SPEC §3): what planning works
 * from. Every optional field of the file that has a default is filled in here; fields that stay
 * optional have no default and their absence means something (documented on each).
 *
 * This is the contract between src/config and src/plan: plan code never sees raw YAML.
 */

import type { InstanceSelectorCriteria } from './instance-selector.js';
import type { AddonPolicyName } from './schema-nodegroups.js';
import type { WellKnownPolicyName } from './schema-parts.js';

export type { AddonPolicyName, WellKnownPolicyName };
export type IpFamily = 'IPv4' | 'IPv6';
/** `accessConfig.authenticationMode`: how the cluster authenticates IAM principals (access entries and/or the aws-auth ConfigMap). */
export type AuthenticationMode = 'CONFIG_MAP' | 'API' | 'API_AND_CONFIG_MAP';
/** A control-plane log type of `cloudWatch.clusterLogging.enableTypes`. */
export type ClusterLogType = 'api' | 'audit' | 'authenticator' | 'controllerManager' | 'scheduler';
/** A Kubernetes taint effect. */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** A validated ClusterConfig with every default applied (eksctl's defaults, and private-eks's where eksctl has none): what planning reads. */
export interface ResolvedConfig {
  /** The file the config was read from (`-` for stdin), for messages. */
  readonly file: string;
  readonly metadata: {
    readonly name: string;
    /** From the file, else `--region`, else `AWS_REGION` (V15 makes one of them mandatory). */
    readonly region: string;
    /** `metadata.version`, default: the newest EKS version private-eks knows. */
    readonly version: string;
    readonly tags: Readonly<Record<string, string>>;
  };
  /**
   * Zones named by the file: `availabilityZones`, or the zones of `vpc.subnets.private` entries
   * that give one (explicit `az`, or a key that looks like a zone name, as eksctl reads it).
   * Empty: planning chooses (SPEC §4).
   */
  readonly availabilityZones: readonly string[];
  readonly privateCluster: {
    readonly skipEndpointCreation: boolean;
    /** In the user's order, validated (V6, V7). */
    readonly additionalEndpointServices: readonly string[];
  };
  readonly vpc: ResolvedVpc;
  readonly iam: ResolvedIam;
  readonly accessConfig: {
    /** Default `API_AND_CONFIG_MAP` (SPEC §4). */
    readonly authenticationMode: AuthenticationMode;
    /** Default true, as EKS. */
    readonly bootstrapClusterCreatorAdminPermissions: boolean;
    readonly accessEntries: readonly AccessEntry[];
  };
  readonly cloudWatch: {
    /** Expanded: `*` and `all` become all five types; empty when logging is off. */
    readonly enableTypes: readonly ClusterLogType[];
    /** Absent: the log group keeps logs forever (CloudWatch's default). */
    readonly logRetentionInDays?: number;
  };
  /** Absent: Kubernetes secrets are not envelope-encrypted with a customer key. */
  readonly secretsEncryption?: { readonly keyARN: string };
  readonly kubernetesNetworkConfig: {
    /** Default IPv4. */
    readonly ipFamily: IpFamily;
    /** Absent: EKS picks 10.100.0.0/16 or 172.20.0.0/16. */
    readonly serviceIPv4CIDR?: string;
  };
  /**
   * The file's `addons`, then eksctl's default add-ons it does not list (vpc-cni, kube-proxy,
   * coredns, metrics-server; `implicit: true`) unless `addonsConfig.disableDefaultAddons`.
   */
  readonly addons: readonly Addon[];
  readonly addonsConfig: {
    /** Default false. */
    readonly autoApplyPodIdentityAssociations: boolean;
    /** Default false. */
    readonly disableDefaultAddons: boolean;
  };
  /** Self-managed nodegroups (`nodeGroups`), in file order. */
  readonly nodeGroups: readonly ResolvedNodeGroup[];
  /** `managedNodeGroups`, in file order. */
  readonly managedNodeGroups: readonly ResolvedNodeGroup[];
  readonly fargateProfiles: readonly FargateProfile[];
  // The fields below were added after the first contract: optional, so that configs built by hand
  // (tests, older callers) stay valid; absent means empty / off.
  /** `identityProviders` (OIDC), in file order. */
  readonly identityProviders?: readonly OidcIdentityProvider[];
  /** `iamIdentityMappings`: entries of the aws-auth ConfigMap, in file order. */
  readonly iamIdentityMappings?: readonly IamIdentityMapping[];
  /** `upgradePolicy.supportType`; absent (or empty in the file): the EKS default. */
  readonly upgradeSupportType?: 'STANDARD' | 'EXTENDED';
  /** `zonalShiftConfig.enabled`, default false. */
  readonly zonalShift?: boolean;
  /** `controlPlaneScalingConfig.tier`; absent: the EKS default. */
  readonly controlPlaneTier?: string;
  /** EKS Auto Mode; absent when `autoModeConfig.enabled` is not true. */
  readonly autoMode?: AutoMode;
}

/** An `identityProviders` entry: an OIDC identity provider associated with the cluster. */
export interface OidcIdentityProvider {
  readonly name: string;
  readonly issuerURL: string;
  readonly clientID: string;
  readonly usernameClaim?: string;
  readonly usernamePrefix?: string;
  readonly groupsClaim?: string;
  readonly groupsPrefix?: string;
  readonly requiredClaims: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** An `iamIdentityMappings` entry: an IAM role or user mapped to Kubernetes groups. */
export interface IamIdentityMapping {
  readonly arn?: string;
  readonly username?: string;
  readonly groups: readonly string[];
  /** mapAccounts: every user of this account. */
  readonly account?: string;
  /** An AWS service given access to a namespace (eksctl knows emr-containers). */
  readonly serviceName?: string;
  readonly namespace?: string;
  readonly noDuplicateARNs: boolean;
}

/** `autoModeConfig`: EKS Auto Mode (compute, block storage and load balancing managed by EKS). */
export interface AutoMode {
  /** Absent: private-eks creates `AutoModeNodeRole` when there are node pools. */
  readonly nodeRoleARN?: string;
  readonly permissionsBoundaryARN?: string;
  /** Default both built-in pools, `general-purpose` and `system` (eksctl). Empty: no built-in pool. */
  readonly nodePools: readonly string[];
}

/** The `vpc` section, with defaults applied. */
export interface ResolvedVpc {
  /** Absent: private-eks creates the VPC. */
  readonly id?: string;
  /** Default `192.168.0.0/16`. With a supplied VPC, the file's value if given (else learnt from AWS). */
  readonly cidr: string;
  /** `vpc.subnets.private`, in file order. Empty: private-eks lays out subnets (SPEC §4). */
  readonly privateSubnets: readonly SubnetSpec[];
  readonly publicAccessCIDRs: readonly string[];
  /** Absent: private-eks creates `ControlPlaneSecurityGroup`. */
  readonly securityGroup?: string;
  /** Absent: private-eks creates `ClusterSharedNodeSecurityGroup`. */
  readonly sharedNodeSecurityGroup?: string;
  /** Default true. */
  readonly manageSharedNodeSecurityGroupRules: boolean;
  // Added after the first contract (optional; absent = empty).
  /** CIDRs outside the VPC allowed to reach the API server on 443 (eksctl's control-plane SG rules). */
  readonly extraCIDRs?: readonly string[];
  readonly extraIPv6CIDRs?: readonly string[];
  /** Existing control-plane security groups (eksctl: instead of `securityGroup`); empty: none. */
  readonly controlPlaneSecurityGroupIDs?: readonly string[];
  /** The subnets of the control plane's network interfaces (eksctl); absent: the cluster's subnets. */
  readonly controlPlaneSubnetIDs?: readonly string[];
  /** Subnets private-eks creates: `PrivateDnsNameOptionsOnLaunch.HostnameType`; absent: EC2's default. */
  readonly hostnameType?: 'ip-name' | 'resource-name';
  /** `vpc.controlPlaneEgressMode`; absent: the EKS default (AWS_MANAGED). */
  readonly controlPlaneEgressMode?: string;
}

/** A `vpc.subnets.private` entry. */
export interface SubnetSpec {
  /** The map key under `vpc.subnets.private` (often the zone name). */
  readonly key: string;
  readonly id?: string;
  /** Explicit `az`, or the key when it looks like a zone name. */
  readonly az?: string;
  readonly cidr?: string;
}

/** The `iam` section, with defaults applied. */
export interface ResolvedIam {
  /** Absent: private-eks creates the control-plane role. */
  readonly serviceRoleARN?: string;
  readonly withOIDC: boolean;
  /** Absent: private-eks creates a Fargate pod execution role when there are Fargate profiles. */
  readonly fargatePodExecutionRoleARN?: string;
  /** A permissions boundary for the cluster role private-eks creates. */
  readonly serviceRolePermissionsBoundary?: string;
  /** A permissions boundary for the Fargate pod execution role private-eks creates. */
  readonly fargatePodExecutionRolePermissionsBoundary?: string;
  readonly serviceAccounts: readonly ServiceAccount[];
  readonly podIdentityAssociations: readonly PodIdentityAssociation[];
  /** Default true (eksctl): AmazonEKSVPCResourceController on the cluster role. */
  readonly vpcResourceControllerPolicy: boolean;
}

/** An `iam.serviceAccounts` entry: an IAM role for a Kubernetes service account (IRSA). */
export interface ServiceAccount {
  readonly name: string;
  readonly namespace: string;
  readonly attachPolicyARNs: readonly string[];
  /** An inline IAM policy document. */
  readonly attachPolicy?: Readonly<Record<string, unknown>>;
  readonly roleName?: string;
  readonly roleOnly: boolean;
  /** The enabled `wellKnownPolicies`, in eksctl's order. Absent: none. */
  readonly wellKnownPolicies?: readonly WellKnownPolicyName[];
  /** An existing role: no role stack, the ServiceAccount is annotated with it. */
  readonly attachRoleARN?: string;
  /** `metadata.labels` and `metadata.annotations` of the ServiceAccount object. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly permissionsBoundary?: string;
  /** The trusted service account names, a StringLike pattern (eksctl), instead of `name`. */
  readonly subjectPattern?: string;
  /** Tags of the role's stack (and so of the role), as eksctl. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An `iam.podIdentityAssociations` entry: an IAM role for a service account through EKS Pod Identity. */
/** The role private-eks creates for a Pod Identity association: eksctl's options for it. */
export interface PodIdentityRoleOptions {
  readonly roleName?: string;
  readonly permissionsBoundaryARN?: string;
  readonly permissionPolicy?: Readonly<Record<string, unknown>>;
  readonly permissionPolicyName?: string;
  /** Tags of the role (and of the association, for iam.podIdentityAssociations). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An `iam.podIdentityAssociations` entry, with defaults applied. */
export interface PodIdentityAssociation extends PodIdentityRoleOptions {
  /** A role in another account chained to the association's role. */
  readonly targetRoleARN?: string;
  /** True: EKS adds no session tags to the role session. */
  readonly disableSessionTags?: boolean;
  /** A session policy (JSON text). */
  readonly policy?: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** Absent: private-eks creates a role with `permissionPolicyARNs`. */
  readonly roleARN?: string;
  readonly permissionPolicyARNs: readonly string[];
  /** The enabled `wellKnownPolicies`, in eksctl's order. Absent: none. */
  readonly wellKnownPolicies?: readonly WellKnownPolicyName[];
  /** True: a Kubernetes step creates the ServiceAccount (and its namespace) if missing, as eksctl. */
  readonly createServiceAccount?: boolean;
}

/** An `addons[].podIdentityAssociations` entry, with defaults applied. */
export interface AddonPodIdentityAssociation extends PodIdentityRoleOptions {
  readonly serviceAccountName: string;
  readonly namespace?: string;
  readonly roleARN?: string;
  readonly permissionPolicyARNs: readonly string[];
  readonly wellKnownPolicies: readonly WellKnownPolicyName[];
}

/** An `accessConfig.accessEntries` entry: an IAM principal given access to the cluster through an EKS access entry. */
export interface AccessEntry {
  readonly principalARN: string;
  /** Default `STANDARD`. */
  readonly type: string;
  readonly kubernetesGroups: readonly string[];
  readonly kubernetesUsername?: string;
  readonly accessPolicies: readonly {
    readonly policyARN: string;
    readonly accessScope: { readonly type: 'cluster' | 'namespace'; readonly namespaces: readonly string[] };
  }[];
}

/** An `addons` entry: an EKS add-on to install once the nodes are there. */
export interface Addon {
  readonly name: string;
  readonly version?: string;
  readonly serviceAccountRoleARN?: string;
  readonly attachPolicyARNs: readonly string[];
  /** JSON text passed to EKS as-is. */
  readonly configurationValues?: string;
  /** Default `OVERWRITE` on create. */
  readonly resolveConflicts: 'NONE' | 'OVERWRITE' | 'PRESERVE';
  readonly tags: Readonly<Record<string, string>>;
  /** An inline policy document for the add-on's IRSA role. */
  readonly attachPolicy?: Readonly<Record<string, unknown>>;
  /** The enabled `wellKnownPolicies` for the add-on's IRSA role. Absent: none. */
  readonly wellKnownPolicies?: readonly WellKnownPolicyName[];
  /** Default false. */
  readonly useDefaultPodIdentityAssociations?: boolean;
  /** `namespaceConfig.namespace`: the add-on's namespace instead of its default. */
  readonly namespace?: string;
  /** For the add-on's IRSA role (eksctl: IRSA roles only). */
  readonly permissionsBoundary?: string;
  /** The file's Pod Identity associations for the add-on's service accounts. */
  readonly podIdentityAssociations?: readonly AddonPodIdentityAssociation[];
  /** Installed because eksctl installs it by default, not listed in the file. */
  readonly implicit?: true;
}

/** A nodegroup's kind: `self-managed` (`nodeGroups`) or `managed` (`managedNodeGroups`). */
export type NodeGroupKind = 'self-managed' | 'managed';

/** A self-managed or managed nodegroup, with defaults applied. */
export interface ResolvedNodeGroup {
  readonly kind: NodeGroupKind;
  readonly name: string;
  /**
   * `instanceTypes`, or `[instanceType]`; default `['m5.large']`. Empty for a nodegroup with an
   * `instanceSelector` until the plan resolves it (plan/instance-selection.ts): the Plan's config
   * then holds the types EC2 matched (none offline).
   */
  readonly instanceTypes: readonly string[];
  /** The `instanceSelector` the types are chosen by, with eksctl's defaults. Absent: none. */
  readonly instanceSelector?: InstanceSelectorCriteria;
  /** Default `AmazonLinux2023`. */
  readonly amiFamily: string;
  /** Absent: the EKS-optimized AMI for `amiFamily` and the cluster version (SSM public parameter). */
  readonly ami?: string;
  /** Default 2; `minSize`/`maxSize` default to it. */
  readonly desiredCapacity: number;
  readonly minSize: number;
  readonly maxSize: number;
  /** GiB, default 80. */
  readonly volumeSize: number;
  /** Default `gp3`. */
  readonly volumeType: string;
  /** Default true. */
  readonly volumeEncrypted: boolean;
  /** Always true after validation (V8 rejects anything else). */
  readonly privateNetworking: true;
  /** Subnet ids or `vpc.subnets.private` keys; empty = every private subnet of the cluster. */
  readonly subnets: readonly string[];
  /** Empty = every zone of the cluster. */
  readonly availabilityZones: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: TaintEffect }[];
  readonly tags: Readonly<Record<string, string>>;
  readonly ssh: {
    readonly allow: boolean;
    readonly publicKeyName?: string;
    /** Session Manager agent access (needs ssm, ssmmessages, ec2messages endpoints). */
    readonly enableSsm: boolean;
    readonly sourceSecurityGroupIds: readonly string[];
  };
  readonly iam: {
    /** Absent: private-eks creates the node role. */
    readonly instanceRoleARN?: string;
    readonly instanceProfileARN?: string;
    readonly attachPolicyARNs: readonly string[];
    /** An inline IAM policy document for the node role (`iam.attachPolicy`). */
    readonly attachPolicy?: Readonly<Record<string, unknown>>;
    readonly instanceRolePermissionsBoundary?: string;
    /** The RoleName of the node role private-eks creates (absent: CloudFormation names it). */
    readonly instanceRoleName?: string;
    /** The enabled `withAddonPolicies` (albIngress read as awsLoadBalancerController). */
    readonly withAddonPolicies: readonly AddonPolicyName[];
  };
  readonly securityGroups: {
    readonly attachIDs: readonly string[];
    /** Default true: attach the cluster's shared node security group. */
    readonly withShared: boolean;
  };
  /** Always true: IMDSv2 required. A file that sets `disableIMDSv1: false` gets a warning. */
  readonly disableIMDSv1: boolean;
  readonly spot: boolean;
  readonly maxPodsPerNode?: number;
  readonly preBootstrapCommands: readonly string[];
  readonly overrideBootstrapCommand?: string;
  /** Managed nodegroups only: a launch template of the user's. */
  readonly launchTemplate?: { readonly id: string; readonly version?: string };
  /** eksctl's defaults: 3000 for gp3, 100 for io1 and io2; absent for the other types. */
  readonly volumeIOPS?: number;
  /** eksctl's default for gp3: 125 MiB/s; absent for the other types. */
  readonly volumeThroughput?: number;
  /** Absent: the account's default EBS key. */
  readonly volumeKmsKeyID?: string;
  /** Default false: pods reach IMDS through the node (hop limit 2). True: hop limit 1. */
  readonly disablePodIMDS: boolean;
  /** Bottlerocket families: the user's `settings` (default: empty) and the admin container. */
  readonly bottlerocket?: {
    /** eksctl's default: on when ssh.allow, else left to the image (off). */
    readonly enableAdminContainer?: boolean;
    readonly settings: Readonly<Record<string, unknown>>;
  };
  /** Self-managed: KubeletConfiguration fields merged into the kubelet's config. */
  readonly kubeletExtraConfig?: Readonly<Record<string, unknown>>;
  /** Self-managed: a mixed instances policy (its instance types are also `instanceTypes`). */
  readonly instancesDistribution?: InstancesDistribution;
  readonly updateConfig?: { readonly maxUnavailable?: number; readonly maxUnavailablePercentage?: number };
  /** Self-managed: `standard` or `unlimited`. */
  readonly cpuCredits?: string;
  /** Self-managed: seconds. */
  readonly maxInstanceLifetime?: number;
  /**
   * Auto scaling processes suspended once the group exists (deploy/nodegroup-asg.ts); on a
   * self-managed group also during its rolling updates.
   */
  readonly asgSuspendProcesses: readonly string[];
  /** The root (Bottlerocket: data) volume's device name; absent: the image family's. */
  readonly volumeName?: string;
  /** Extra EBS volumes, with eksctl's defaults (and encrypted unless the file says false). */
  readonly additionalVolumes?: readonly AdditionalVolume[];
  readonly enableDetailedMonitoring?: boolean;
  /** `placement.groupName`: an existing EC2 placement group. */
  readonly placementGroup?: string;
  readonly ebsOptimized?: boolean;
  /** The nodes' Name tag: eksctl's `<instancePrefix>-<instanceName>`, else `<cluster>-<ng>-Node`. */
  readonly instanceName?: string;
  readonly instancePrefix?: string;
  readonly capacityReservation?: {
    readonly preference?: string;
    readonly target?: { readonly id?: string; readonly resourceGroupARN?: string };
  };
  /** Applied with capacityReservation only, as eksctl. */
  readonly marketType?: string;
  /** Self-managed: Nitro Enclaves. */
  readonly enclaveEnabled?: boolean;
  /**
   * eksctl's cluster-autoscaler node-template tags from labels and taints: in the self-managed
   * group's template; on a managed nodegroup's group (made by EKS) through the Auto Scaling API.
   */
  readonly propagateASGTags?: boolean;
  /** Self-managed: the auto scaling group's MetricsCollection. */
  readonly asgMetricsCollection?: readonly { readonly granularity: string; readonly metrics: readonly string[] }[];
  readonly classicLoadBalancerNames?: readonly string[];
  readonly targetGroupARNs?: readonly string[];
  /** Self-managed: the kubelet's cluster DNS address instead of the one from the service CIDR. */
  readonly clusterDNS?: string;
  /** Managed: the EKS-optimized AMI release. */
  readonly releaseVersion?: string;
  /** Managed: EKS node auto repair, as written (AWS::EKS::Nodegroup NodeRepairConfig). */
  readonly nodeRepairConfig?: NodeRepairConfig;
}

/** A nodegroup's `additionalVolumes` entry, with eksctl's defaults (and encrypted unless false). */
export interface AdditionalVolume {
  readonly volumeName: string;
  readonly volumeSize: number;
  readonly volumeType: string;
  readonly volumeEncrypted: boolean;
  readonly volumeKmsKeyID?: string;
  readonly volumeIOPS?: number;
  readonly volumeThroughput?: number;
  readonly snapshotID?: string;
}

/** A managed nodegroup's `nodeRepairConfig`, as written. */
export interface NodeRepairConfig {
  readonly enabled?: boolean;
  readonly maxUnhealthyNodeThresholdPercentage?: number;
  readonly maxUnhealthyNodeThresholdCount?: number;
  readonly maxParallelNodesRepairedPercentage?: number;
  readonly maxParallelNodesRepairedCount?: number;
  readonly nodeRepairConfigOverrides: readonly {
    readonly nodeMonitoringCondition: string;
    readonly nodeUnhealthyReason: string;
    readonly minRepairWaitTimeMins: number;
    readonly repairAction: string;
  }[];
}

export interface InstancesDistribution {
  readonly instanceTypes: readonly string[];
  readonly maxPrice?: number;
  readonly onDemandBaseCapacity?: number;
  readonly onDemandPercentageAboveBaseCapacity?: number;
  readonly spotInstancePools?: number;
  readonly spotAllocationStrategy?: string;
  /** Default false. */
  readonly capacityRebalance: boolean;
}

/** A `fargateProfiles` entry, with defaults applied. */
export interface FargateProfile {
  readonly name: string;
  readonly selectors: readonly { readonly namespace: string; readonly labels: Readonly<Record<string, string>> }[];
  /** Empty = every private subnet of the cluster. */
  readonly subnets: readonly string[];
  readonly podExecutionRoleARN?: string;
  readonly tags: Readonly<Record<string, string>>;
}
