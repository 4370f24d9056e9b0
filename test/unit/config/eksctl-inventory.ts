/**
 * The inventory of eksctl's offline validation for `eksctl create cluster -f`: one entry per
 * distinct rejection a config file can trigger before any AWS call, read from eksctl's source
 * (pkg/apis/eksctl.io/v1alpha5: validation.go, access_entry.go, addon.go, auto_mode.go,
 * defaults.go, endpoint_service.go, identitymapping.go, identity_provider.go, types.go;
 * pkg/ctl/cmdutils: configfile.go, pod_identity_association.go; pkg/utils/taints;
 * pkg/accessentry/service.go), and where private-eks stands on each. It is the denominator of
 * the table-driven test (eksctl-rules.test.ts): `covered` names a CASES entry (`area: name`),
 * `covered-dormant` a DORMANT case, both checked to exist by that test.
 *
 * Not counted: checks on command-line flags only (validateWithoutConfigFile, --zones, --nodes…),
 * checks that need AWS (instance type offerings, AMI lookups, local zones), warnings, and error
 * wrappers that add no verdict of their own (e.g. "failed to validate Karpenter config: %w").
 */

export type ParityStatus = 'covered' | 'covered-dormant' | 'stricter' | 'not-applicable' | 'missing';

export interface EksctlRule {
  /** Stable id, `eksctl.<area>.<what>`. */
  readonly id: string;
  /** Where eksctl rejects: file (in its package) and function. */
  readonly source: string;
  /** eksctl's message (its format string). */
  readonly message: string;
  readonly status: ParityStatus;
  /** covered: the CASES entry (`area: name`); covered-dormant: the DORMANT case's name. */
  readonly test?: string;
  /** stricter: how; not-applicable: why; missing: what private-eks does today. */
  readonly note?: string;
}

type Verdict = Pick<EksctlRule, 'status' | 'test' | 'note'>;
const covered = (test: string): Verdict => ({ status: 'covered', test });
const dormant = (test: string): Verdict => ({ status: 'covered-dormant', test });
const stricter = (note: string): Verdict => ({ status: 'stricter', note });
const na = (note: string): Verdict => ({ status: 'not-applicable', note });

const rule = (id: string, source: string, message: string, verdict: Verdict): EksctlRule => ({
  id: `eksctl.${id}`,
  source,
  message,
  ...verdict,
});

const V = 'validation.go';
const LOADER = 'cmdutils/configfile.go NewCreateClusterLoader';
const OUTPOSTS = na('the control plane on Outposts is refused as a whole (V11: outpost)');
const REMOTE = na('remoteNetworkConfig is refused as a whole (hybrid nodes)');
const KARPENTER = na('karpenter is refused as a whole (it installs from public.ecr.aws)');
const LOCAL_ZONES = na('localZones are refused as a whole (V9)');
const WINDOWS = na('Windows families are refused as a whole');
const ADDON_PIA = na('addons[].podIdentityAssociations is refused as a whole (not built yet)');

const outpostRule = (what: string, message: string) =>
  rule(`outposts.${what}`, `${V} ValidateClusterConfig`, message, OUTPOSTS);

export const EKSCTL_RULES: readonly EksctlRule[] = [
  // ---- the loader (configfile.go) ------------------------------------------------------------
  rule(
    'file.unknown-field',
    'eks/api.go LoadConfigWithReader (strict decoding)',
    'error unmarshaling JSON: while decoding JSON: json: unknown field %q',
    covered('file: an unknown field'),
  ),
  rule(
    'file.apiVersion',
    'eks/api.go LoadConfigWithReader (scheme decoding)',
    'no kind "ClusterConfig" is registered for version %q',
    covered('file: another API version'),
  ),
  rule(
    'file.kind',
    'eks/api.go LoadConfigWithReader (scheme decoding)',
    'no kind %q is registered for version "eksctl.io/v1alpha5"',
    covered('file: another kind'),
  ),
  rule(
    'metadata.required',
    'cmdutils/configfile.go Load',
    'metadata must be set',
    covered('metadata: no metadata block'),
  ),
  rule(
    'metadata.name-required',
    'cmdutils/configfile.go Load',
    'metadata.name must be set',
    covered('metadata: no name'),
  ),
  rule(
    'metadata.region-required',
    'cmdutils/configfile.go Load',
    'metadata.region must be set',
    // eksctl refuses --region with -f (defaultFlagsIncompatibleWithConfigFile), so the file must name it.
    covered('metadata: no region in the file (eksctl refuses --region with a config file)'),
  ),
  rule(
    'metadata.name-pattern',
    `${V} ErrInvalidName`,
    'validation for %s failed, name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*',
    covered('metadata: a name with an underscore (a leading digit is fine)'),
  ),
  rule(
    'loader.clusterEndpoints-private',
    LOADER,
    'vpc.clusterEndpoints cannot be set for a fully-private cluster (privateCluster.enabled) as the endpoint access defaults to private-only',
    covered('network: clusterEndpoints on a fully-private cluster'),
  ),
  rule(
    'loader.subnets-and-zones',
    LOADER,
    'vpc.subnets and availabilityZones cannot be set at the same time',
    covered('network: cluster subnets and availabilityZones together'),
  ),
  rule('loader.gitops-provider', LOADER, 'gitops.flux.gitProvider must be set', na('gitops is refused as a whole')),
  rule('loader.gitops-flags', LOADER, 'gitops.flux.flags must be set', na('gitops is refused as a whole')),
  rule(
    'loader.auto-mode-nodegroups',
    LOADER,
    'creation of managed or self-managed nodegroups is not supported during cluster creation when Auto Mode is enabled; …',
    covered('auto mode: nodegroups with Auto Mode'),
  ),
  rule(
    'loader.auto-mode-core-addons',
    LOADER,
    'core networking addons are not required on a cluster using Auto Mode; if you still wish to create them, use `eksctl create addon` post cluster creation',
    covered('auto mode: core networking add-ons with Auto Mode'),
  ),
  rule(
    'loader.bare-cluster',
    'cmdutils/configfile.go validateBareCluster',
    'fields nodeGroups, managedNodeGroups, fargateProfiles, karpenter, gitops, iam.serviceAccounts, and iam.podIdentityAssociations are not supported during cluster creation in a cluster without VPC CNI if Auto Mode is disabled; …',
    covered('add-ons: nodes with the default add-ons off and no vpc-cni'),
  ),
  rule(
    'loader.nodegroup-unset',
    'cmdutils/configfile.go validateUnsetNodeGroups',
    'invalid ClusterConfig: nodeGroups[%d] is not set',
    covered('nodegroup base: an empty self-managed nodegroup entry'),
  ),
  rule(
    'loader.managed-nodegroup-unset',
    'cmdutils/configfile.go validateUnsetNodeGroups',
    'invalid ClusterConfig: managedNodeGroups[%d] is not set',
    covered('nodegroup base: an empty managed nodegroup entry'),
  ),
  rule(
    'pod-identity.agent-required',
    LOADER,
    'the "eks-pod-identity-agent" addon must be installed to create pod identity associations; %s',
    covered('pod identity: associations without the agent add-on'),
  ),
  rule(
    'pod-identity.namespace',
    'cmdutils/pod_identity_association.go validatePodIdentityAssociations',
    '%s.namespace must be set',
    covered('pod identity: an empty namespace'),
  ),
  rule(
    'pod-identity.service-account',
    'cmdutils/pod_identity_association.go validatePodIdentityAssociations',
    '%s.serviceAccountName must be set',
    covered('pod identity: an empty service account name'),
  ),
  rule(
    'pod-identity.role-or-policy',
    'cmdutils/pod_identity_association.go validatePodIdentityAssociations',
    'at least one of the following must be specified: %[1]s.roleARN, %[1]s.permissionPolicy, %[1]s.permissionPolicyARNs, %[1]s.wellKnownPolicies',
    covered('pod identity: no role and no policy'),
  ),
  rule(
    'pod-identity.role-and-permissionPolicy',
    'cmdutils/pod_identity_association.go validatePodIdentityAssociations',
    '%[1]s.permissionPolicy cannot be specified when %[1]s.roleARN is set',
    na('iam.podIdentityAssociations[].permissionPolicy is refused as a whole (not built yet)'),
  ),
  rule(
    'pod-identity.role-and-permissionPolicyARNs',
    'cmdutils/pod_identity_association.go validatePodIdentityAssociations',
    '%[1]s.permissionPolicyARNs cannot be specified when %[1]s.roleARN is set',
    covered('pod identity: both roleARN and policies'),
  ),
  rule(
    'pod-identity.role-and-wellKnownPolicies',
    'cmdutils/pod_identity_association.go validatePodIdentityAssociations',
    '%[1]s.wellKnownPolicies cannot be specified when %[1]s.roleARN is set',
    covered('pod identity: both roleARN and wellKnownPolicies'),
  ),
  rule('outposts.managed-nodegroups', LOADER, 'Managed Nodegroups are not supported on Outposts', OUTPOSTS),
  rule(
    'outposts.public-access',
    LOADER,
    'clusterEndpoints.publicAccess cannot be enabled for a cluster on Outposts; %s',
    OUTPOSTS,
  ),
  rule(
    'outposts.private-access',
    LOADER,
    'clusterEndpoints.privateAccess cannot be disabled for a cluster on Outposts; %s',
    OUTPOSTS,
  ),

  // ---- defaults.go ---------------------------------------------------------------------------
  rule(
    'amiFamily.al2-eol-self-managed',
    'defaults.go SetNodeGroupDefaults',
    'AmazonLinux2 is not supported for Kubernetes version %s',
    covered('amiFamily: AmazonLinux2 on 1.33 (end of life), self-managed'),
  ),
  rule(
    'amiFamily.al2-eol-managed',
    'defaults.go SetManagedNodeGroupDefaults',
    'AmazonLinux2 is not supported for Kubernetes version %s',
    covered('amiFamily: AmazonLinux2 on the default version, managed'),
  ),

  // ---- cluster: ValidateClusterConfig --------------------------------------------------------
  rule(
    'cluster.supportType-control-characters',
    `${V} validateSupportType`,
    'upgradePolicy.supportType contains invalid control characters',
    covered('cluster: a support type with a control character'),
  ),
  rule(
    'cluster.supportType-value',
    `${V} validateSupportType`,
    'upgradePolicy.supportType must be either %q or %q',
    covered('cluster: a support type EKS does not have'),
  ),
  rule(
    'metadata.rollback-timeout',
    `${V} validateRollbackConfig`,
    'metadata.rollbackConfig.timeoutMinutes must be between %d and %d, got %d',
    na('metadata.rollbackConfig is refused as a whole (used by upgrade, not create)'),
  ),
  rule(
    'service-accounts.oidc-disabled',
    `${V} ValidateClusterConfig`,
    'iam.withOIDC must be enabled explicitly for iam.serviceAccounts to be created',
    covered('service accounts: service accounts with withOIDC false'),
  ),
  rule(
    'service-accounts.name',
    `${V} ValidateClusterConfig`,
    '%s.name must be set',
    covered('service accounts: an empty service account name'),
  ),
  rule(
    'service-accounts.unique',
    `${V} ValidateClusterConfig`,
    '<namespace>/<name> of %s %q is not unique',
    covered('service accounts: the same service account twice in the default namespace'),
  ),
  rule(
    'service-accounts.policy',
    `${V} ValidateClusterConfig`,
    '%[1]s.wellKnownPolicies, %[1]s.attachPolicyARNs,%[1]s.attachRoleARN  or %[1]s.attachPolicy must be set',
    covered('service accounts: a service account without any policy'),
  ),
  rule(
    'pod-identity.permissionPolicyName-needs-policy',
    `${V} validatePermissionPolicyName`,
    'permissionPolicyName requires permissionPolicy to be set',
    na('iam.podIdentityAssociations[].permissionPolicyName is refused as a whole (not built yet)'),
  ),
  rule(
    'pod-identity.permissionPolicyName-alphanumeric',
    `${V} validatePermissionPolicyName`,
    'permissionPolicyName %q must contain at least one alphanumeric character',
    na('iam.podIdentityAssociations[].permissionPolicyName is refused as a whole (not built yet)'),
  ),
  rule(
    'nodegroup.name-required',
    `${V} ValidateClusterConfig`,
    '%s.name must be set',
    covered('nodegroup base: a nodegroup without a name'),
  ),
  rule(
    'nodegroup.name-unique',
    `${V} ValidateClusterConfig`,
    '%s.name %q is not unique',
    covered('nodegroup base: the same name on a self-managed and a managed nodegroup'),
  ),
  rule(
    'nodegroup.private-networking',
    `${V} ValidateClusterConfig`,
    '%s.privateNetworking must be enabled for a fully-private cluster',
    covered('nodegroup base: privateNetworking false'),
  ),
  rule(
    'outposts.two-outposts',
    `${V} ValidateClusterConfig`,
    'cannot create nodegroups in two different Outposts; got Outpost ARN %q and %q',
    na('nodeGroups[].outpostARN is refused as a whole (V10)'),
  ),
  outpostRule('control-plane-arn', 'outpost.controlPlaneOutpostARN is required for Outposts'),
  rule('outposts.arn-parse', `${V} validateOutpostARN`, 'invalid Outpost ARN: %w', OUTPOSTS),
  rule('outposts.arn-service', `${V} validateOutpostARN`, 'invalid Outpost ARN: %q', OUTPOSTS),
  outpostRule(
    'creator-admin',
    "accessConfig.BootstrapClusterCreatorAdminPermissions can't be set to false on Outposts",
  ),
  outpostRule('ipv6', 'IPv6 is not supported on Outposts'),
  outpostRule('addons', 'Addons are not supported on Outposts'),
  outpostRule('identity-providers', 'Identity Providers are not supported on Outposts'),
  outpostRule('fargate', 'Fargate is not supported on Outposts'),
  outpostRule('karpenter', 'Karpenter is not supported on Outposts'),
  outpostRule('kms', 'KMS encryption is not supported on Outposts'),
  outpostRule('availability-zones', 'cannot specify availabilityZones on Outposts; the AZ defaults to the Outpost AZ'),
  outpostRule('local-zones', 'cannot specify localZones on Outposts; the AZ defaults to the Outpost AZ'),
  outpostRule('gitops', 'GitOps is not supported on Outposts'),
  outpostRule('oidc', 'iam.withOIDC is not supported on Outposts'),
  outpostRule('auto-allocate-ipv6', 'autoAllocateIPv6 is not supported on Outposts'),
  outpostRule('public-access-cidrs', 'publicAccessCIDRs is not supported on Outposts'),
  outpostRule('etcd-placement', 'outpost.etcdInstanceType is required when outpost.etcdPlacement is specified'),
  outpostRule(
    'spread-level',
    'outpost.etcdInstanceType is required when outpost.controlPlanePlacement.spreadLevel is specified',
  ),
  outpostRule(
    'placement-group',
    'outpost.controlPlanePlacement.groupName is not supported when outpost.etcdInstanceType is specified',
  ),
  outpostRule(
    'instance-store-auth',
    'Outpost clusters with EC2 instance store require accessConfig.authenticationMode to be API_AND_CONFIG_MAP or API',
  ),
  rule(
    'nodegroup.outpost-fully-private',
    `${V} ValidateClusterConfig`,
    'nodeGroup.outpostARN is not supported on a fully-private cluster (privateCluster.enabled)',
    na('nodeGroups[].outpostARN is refused as a whole (V10)'),
  ),
  rule(
    'access.config-map-mode',
    `${V} ValidateClusterConfig`,
    'accessConfig.authenticationMode must be set to either %s or %s to use access entries',
    covered('access entries: entries in CONFIG_MAP mode'),
  ),
  rule(
    'karpenter.version-required',
    `${V} validateKarpenterConfig`,
    'version field is required if installing Karpenter is enabled',
    dormant('Karpenter without a version'),
  ),
  rule(
    'karpenter.version-parse',
    `${V} validateKarpenterConfig`,
    'failed to parse Karpenter version %q: %w',
    KARPENTER,
  ),
  rule('karpenter.version-minimum', `${V} validateKarpenterConfig`, 'minimum supported version is %s', KARPENTER),
  rule(
    'karpenter.oidc',
    `${V} validateKarpenterConfig`,
    'iam.withOIDC must be enabled with Karpenter',
    dormant('Karpenter without OIDC'),
  ),

  // ---- logging -------------------------------------------------------------------------------
  rule(
    'logging.retention-without-types',
    `${V} validateCloudWatchLogging`,
    'cannot set cloudWatch.clusterLogging.logRetentionInDays without enabling log types',
    covered('logging: a retention without log types'),
  ),
  rule(
    'logging.unknown-type',
    `${V} validateCloudWatchLogging`,
    'log type %q (cloudWatch.clusterLogging.enableTypes[%d]) is unknown',
    covered('logging: an unknown log type'),
  ),
  rule(
    'logging.retention-value',
    `${V} validateCloudWatchLogging`,
    'invalid value %d for logRetentionInDays; supported values are %v',
    covered('logging: a retention CloudWatch does not offer'),
  ),
  rule(
    'cluster.availability-zones-count',
    `${V} ErrTooFewAvailabilityZones`,
    'only %d zone(s) specified %v, %d are required (can be non-unique)',
    stricter(
      'private-eks counts distinct zones: "availabilityZones names 1 zone (…); EKS needs at least 2 availability zones"',
    ),
  ),

  // ---- VPC -----------------------------------------------------------------------------------
  rule(
    'vpc.extraIPv6CIDRs-ipv4',
    `${V} ValidateVPCConfig`,
    'cannot specify vpc.extraIPv6CIDRs with an IPv4 cluster',
    covered('network: extraIPv6CIDRs on an IPv4 cluster'),
  ),
  rule(
    'vpc.security-group-and-control-plane-groups',
    `${V} ValidateVPCConfig`,
    'only one of vpc.securityGroup and vpc.controlPlaneSecurityGroupIDs can be specified',
    covered('network: vpc.securityGroup and controlPlaneSecurityGroupIDs together'),
  ),
  rule(
    'vpc.ipv6-cidr-needs-ipv6',
    `${V} ValidateVPCConfig`,
    'Ipv6Cidr and Ipv6CidrPool are only supported when IPFamily is set to IPv6',
    na('vpc.ipv6Cidr and vpc.ipv6Pool are refused as a whole (BYOIP)'),
  ),
  rule(
    'vpc.auto-allocate-ipv6',
    `${V} ValidateVPCConfig`,
    'auto allocate ipv6 is not supported with IPv6',
    stricter('vpc.autoAllocateIPv6: true is refused on any cluster'),
  ),
  rule(
    'vpc.nat-ipv6',
    `${V} ValidateVPCConfig`,
    'setting NAT is not supported with IPv6',
    covered('network: IPv6 with a NAT'),
  ),
  rule('vpc.local-zones-ipv6', `${V} ValidateVPCConfig`, 'localZones are not supported with IPv6', LOCAL_ZONES),
  rule(
    'vpc.shared-node-security-group-rules',
    `${V} ValidateVPCConfig`,
    'vpc.manageSharedNodeSecurityGroupRules must be enabled when using eksctl-managed security groups',
    covered('network: shared node security group rules off without a shared group'),
  ),
  rule(
    'vpc.hostnameType-existing-vpc',
    `${V} ValidateVPCConfig`,
    'vpc.hostnameType is not supported with a pre-existing VPC',
    dormant('hostnameType with a supplied VPC'),
  ),
  rule(
    'vpc.hostnameType-value',
    `${V} ValidateVPCConfig`,
    'invalid value %q for vpc.hostnameType; supported values are %v',
    dormant('hostnameType unknown'),
  ),
  rule(
    'vpc.local-zones-existing-vpc',
    `${V} ValidateVPCConfig`,
    'localZones are not supported with a pre-existing VPC',
    LOCAL_ZONES,
  ),
  rule(
    'vpc.local-zones-ha-nat',
    `${V} ValidateVPCConfig`,
    'HighlyAvailable NAT gateway is not supported for localZones',
    LOCAL_ZONES,
  ),
  rule(
    'vpc.control-plane-subnets-and-private',
    `${V} validateControlPlaneOnPrivateSubnets`,
    'only one of vpc.controlPlaneSubnetIDs and vpc.controlPlaneOnPrivateSubnets can be specified',
    covered('network: controlPlaneSubnetIDs with controlPlaneOnPrivateSubnets'),
  ),
  rule(
    'vpc.control-plane-private-zones',
    `${V} validateControlPlaneOnPrivateSubnets`,
    'vpc.controlPlaneOnPrivateSubnets requires at least %d distinct availability zones, got %d (%v)',
    stricter('every private-eks cluster needs 2 distinct zones, with or without controlPlaneOnPrivateSubnets'),
  ),
  rule(
    'vpc.control-plane-private-subnets',
    `${V} validateControlPlaneOnPrivateSubnets`,
    'vpc.controlPlaneOnPrivateSubnets requires at least %d private subnets, got %d',
    stricter('every private-eks cluster needs private subnets in 2 zones'),
  ),
  rule(
    'vpc.control-plane-private-subnet-zones',
    `${V} validateControlPlaneOnPrivateSubnets`,
    'vpc.controlPlaneOnPrivateSubnets requires private subnets in at least %d availability zones, got %d (%v)',
    stricter('every private-eks cluster needs private subnets in 2 zones'),
  ),
  rule(
    'vpc.ipv6-cidr-existing-vpc',
    `${V} ipv6CidrsValid`,
    'cannot provide VPC.IPv6Cidr when using a pre-existing VPC.ID',
    na('vpc.ipv6Cidr is refused as a whole (BYOIP)'),
  ),
  rule(
    'vpc.ipv6-cidr-and-pool',
    `${V} ipv6CidrsValid`,
    'Ipv6Cidr and Ipv6Pool must both be configured to use a custom IPv6 CIDR and address pool',
    na('vpc.ipv6Cidr and vpc.ipv6Pool are refused as a whole (BYOIP)'),
  ),

  // ---- privateCluster ------------------------------------------------------------------------
  rule(
    'private.subnets-with-existing-vpc',
    `${V} ValidatePrivateCluster`,
    'vpc.subnets.private must be specified in a fully-private cluster when a pre-existing VPC is supplied',
    covered('private cluster: a supplied VPC without private subnets'),
  ),
  rule(
    'private.endpoints-with-skip',
    `${V} ValidatePrivateCluster`,
    'privateCluster.additionalEndpointServices cannot be set when privateCluster.skipEndpointCreation is true',
    covered('private cluster: additional endpoints while skipping endpoint creation'),
  ),
  rule(
    'private.endpoint-unsupported',
    'endpoint_service.go ValidateAdditionalEndpointServices',
    'invalid value in privateCluster.additionalEndpointServices: unsupported endpoint service %q',
    covered('private cluster: an endpoint service eksctl does not know'),
  ),
  rule(
    'private.endpoint-duplicate',
    'endpoint_service.go ValidateAdditionalEndpointServices',
    'invalid value in privateCluster.additionalEndpointServices: found duplicate endpoint service: %q',
    covered('private cluster: an endpoint service twice'),
  ),
  rule(
    'private.local-zones',
    `${V} ValidatePrivateCluster`,
    'localZones cannot be used in a fully-private cluster',
    LOCAL_ZONES,
  ),

  // ---- kubernetesNetworkConfig ---------------------------------------------------------------
  rule(
    'network.service-cidr-ipv6',
    `${V} validateKubernetesNetworkConfig`,
    'service IPv4 CIDR is not supported with IPv6',
    covered('network: a service IPv4 CIDR on an IPv6 cluster'),
  ),
  rule(
    'network.service-cidr-invalid',
    `${V} validateKubernetesNetworkConfig`,
    'invalid IPv4 CIDR for kubernetesNetworkConfig.serviceIPv4CIDR: %w',
    covered('network: a service CIDR that is no CIDR'),
  ),
  rule(
    'network.ipv6-core-addons',
    `${V} validateKubernetesNetworkConfig`,
    'the default core addons must be defined for IPv6; missing addon(s): %s; either define them or use EKS Auto Mode',
    covered('network: IPv6 without the coredns add-on'),
  ),
  rule(
    'network.ipv6-credentials',
    `${V} validateKubernetesNetworkConfig`,
    'either pod identity or oidc needs to be enabled if IPv6 is set; set either one or use EKS Auto Mode',
    covered('network: IPv6 with vpc-cni and neither OIDC nor the Pod Identity agent'),
  ),
  rule(
    'network.ipv6-vpc-cni-pod-identity',
    `${V} validateKubernetesNetworkConfig`,
    'Set one of: addonsConfig.autoApplyPodIdentityAssociations, useDefaultPodIdentityAssociations on the vpc-cni addon, apply a custom pod identity on the vpc-cni addon',
    covered('network: IPv6 with the Pod Identity agent and no Pod Identity for vpc-cni'),
  ),
  rule(
    'network.ipv6-vpc-cni-version',
    `${V} validateKubernetesNetworkConfig`,
    'vpc-cni version must be at least version 1.10.0 for IPv6',
    covered('network: IPv6 with vpc-cni older than 1.10.0'),
  ),
  rule(
    'network.ipv6-cluster-version',
    `${V} validateKubernetesNetworkConfig`,
    'cluster version must be >= 1.21',
    na('private-eks accepts only the Kubernetes versions EKS supports (1.29 and later)'),
  ),
  rule(
    'network.ipFamily-value',
    `${V} validateKubernetesNetworkConfig`,
    'invalid value %q for ipFamily; allowed are %s and %s',
    covered('network: ipFamily in any case'),
  ),

  // ---- nodegroup base (both kinds) -----------------------------------------------------------
  rule(
    'nodegroup.volume-fields-need-volumeSize',
    `${V} validateNodeGroupBase`,
    '%s.%s cannot be set without %s.volumeSize',
    covered('nodegroup base: volumeEncrypted without volumeSize (self-managed only: managed has its default size)'),
  ),
  rule(
    'nodegroup.volumeKmsKeyID-needs-encryption',
    `${V} validateNodeGroupBase`,
    '%s.volumeKmsKeyID can not be set without %s.volumeEncrypted enabled explicitly',
    dormant('volumeKmsKeyID without volumeEncrypted'),
  ),
  rule(
    'nodegroup.maxPodsPerNode-negative',
    `${V} validateNodeGroupBase`,
    '%s.maxPodsPerNode cannot be negative',
    covered('nodegroup base: a negative maxPodsPerNode'),
  ),
  rule(
    'nodegroup.disablePodIMDS-and-addon-policies',
    `${V} validateNodeGroupBase`,
    '%s.disablePodIMDS and %s.iam.withAddonPolicies cannot be set at the same time',
    covered('nodegroup base: disablePodIMDS with add-on policies'),
  ),
  rule(
    'nodegroup.subnets-and-zones',
    `${V} validateNodeGroupBase`,
    'only one of %[1]s.subnets or %[1]s.availabilityZones should be set',
    covered('nodegroup base: subnets and availabilityZones together'),
  ),
  rule(
    'nodegroup.placement-group-name',
    `${V} validateNodeGroupBase`,
    '%s.placement.groupName must be set and non-empty',
    dormant('a placement without a group name'),
  ),
  rule(
    'nodegroup.efa-one-zone',
    `${V} validateNodeGroupBase`,
    '%s.efaEnabled nodegroups must have only one subnet or one availability zone',
    dormant('EFA with two zones'),
  ),
  rule(
    'amiFamily.windows-deprecated',
    `${V} validateNodeGroupBase`,
    'AMI Family %s is deprecated. For more information, head to the Amazon documentation on Windows AMIs (…)',
    WINDOWS,
  ),
  rule(
    'amiFamily.unknown',
    `${V} validateNodeGroupBase`,
    'AMI Family %s is not supported - use one of: %s',
    covered('amiFamily: an unknown family'),
  ),
  rule(
    'amiFamily.local-cluster',
    `${V} validateNodeGroupBase`,
    'only %s and %s is supported on local clusters',
    OUTPOSTS,
  ),
  rule(
    'nodegroup.ssm-disabled',
    `${V} validateNodeGroupBase`,
    'SSM agent is now built into EKS AMIs and cannot be disabled',
    covered('nodegroup base: ssh.enableSsm false'),
  ),
  rule(
    'amiFamily.inferentia',
    `${V} validateNodeGroupBase`,
    'Inferentia instance types are not supported for %s; please use AmazonLinux2 instead',
    covered('amiFamily: Inferentia on Ubuntu'),
  ),
  rule(
    'amiFamily.trainium',
    `${V} validateNodeGroupBase`,
    'Trainium instance types are not supported for %s; please use AmazonLinux2 instead',
    covered('amiFamily: Trainium on Ubuntu'),
  ),
  rule(
    'nodegroup.capacity-reservation-preference-and-target',
    `${V} validateNodeGroupBase`,
    'only one of CapacityReservationPreference or CapacityReservationTarget may be specified at a time',
    na('capacityReservation is refused as a whole (not built yet)'),
  ),
  rule(
    'nodegroup.capacity-reservation-preference',
    `${V} validateNodeGroupBase`,
    'accepted values include "open" and "none"; got "%s"',
    na('capacityReservation is refused as a whole (not built yet)'),
  ),
  rule(
    'nodegroup.capacity-reservation-id-and-group',
    `${V} validateNodeGroupBase`,
    'only one of CapacityReservationID or CapacityReservationResourceGroupARN may be specified at a time',
    na('capacityReservation is refused as a whole (not built yet)'),
  ),
  rule(
    'nodegroup.market-type',
    `${V} validateNodeGroupBase`,
    'only accepted value is "capacity-block"; got "%s"',
    na('instanceMarketOptions is refused as a whole (not built yet)'),
  ),
  rule(
    'nodegroup.market-options-need-reservation',
    `${V} validateNodeGroupBase`,
    'instanceMarketOptions cannot be set without capacityReservation',
    dormant('instanceMarketOptions without capacityReservation'),
  ),

  // ---- volumes -------------------------------------------------------------------------------
  rule(
    'volume.iops-type',
    `${V} validateVolumeOpts`,
    '%s.volumeIOPS is only supported for io1, io2 and gp3 volume types',
    dormant('volumeIOPS on gp2'),
  ),
  rule(
    'volume.io1-iops-range',
    `${V} validateVolumeOpts`,
    'value for %s.volumeIOPS must be within range 100-64000',
    dormant('io1 IOPS out of range'),
  ),
  rule(
    'volume.io2-iops-range',
    `${V} validateVolumeOpts`,
    'value for %s.volumeIOPS must be within range 100-256000',
    dormant('io2 IOPS out of range'),
  ),
  rule(
    'volume.throughput-type',
    `${V} validateVolumeOpts`,
    '%s.volumeThroughput is only supported for gp3 volume type',
    dormant('throughput on io1'),
  ),
  rule(
    'volume.outposts-gp2',
    `${V} validateVolumeOpts`,
    'cannot set %q for %s.volumeType; only %q volume types are supported on Outposts',
    OUTPOSTS,
  ),
  rule(
    'volume.gp3-iops-range',
    `${V} validateVolumeOpts`,
    'value for %s.volumeIOPS must be within range 3000-16000',
    dormant('gp3 IOPS out of range (volumeType unset means gp3)'),
  ),
  rule(
    'volume.gp3-throughput-range',
    `${V} validateVolumeOpts`,
    'value for %s.volumeThroughput must be within range 125-1000',
    dormant('gp3 throughput out of range'),
  ),

  // ---- identity providers --------------------------------------------------------------------
  rule(
    'identity-providers.type',
    'identity_provider.go UnmarshalJSON',
    "couldn't unmarshal to IdentityProvider, invalid type",
    covered('identity providers: an identity provider type eksctl does not know'),
  ),
  rule(
    'identity-providers.name',
    `${V} validateIdentityProviders`,
    'identityProviders[%d] is invalid: name must be set and non-empty',
    covered('identity providers: an OIDC identity provider without a name'),
  ),
  rule(
    'identity-providers.client-id',
    `${V} validateIdentityProviders`,
    'identityProviders[%d] is invalid: clientID must be set and non-empty',
    dormant('an OIDC identity provider without a client id'),
  ),
  rule(
    'identity-providers.issuer-url',
    `${V} validateIdentityProviders`,
    'identityProviders[%d] is invalid: issuerURL must be set and non-empty',
    covered('identity providers: an OIDC identity provider without an issuer URL'),
  ),

  // ---- self-managed nodegroups: ValidateNodeGroup --------------------------------------------
  rule(
    'self-managed.policy-arn',
    `${V} ValidateNodeGroup`,
    'invalid ARN %q in %s.iam.attachPolicyARNs: %w',
    covered('self-managed: a policy that is no ARN'),
  ),
  rule(
    'self-managed.alb-ingress-and-load-balancer-controller',
    `${V} validateDeprecatedIAMFields`,
    '"awsLoadBalancerController" and "albIngress" cannot both be configured, …',
    covered('self-managed settings: albIngress with awsLoadBalancerController'),
  ),
  rule(
    'self-managed.iam-conflicts',
    `${V} validateNodeGroupIAM`,
    '%s.iam.%s and %s.iam.%s cannot be set at the same time',
    covered('self-managed: a given instance role with policies to attach'),
  ),
  rule(
    'self-managed.custom-ami-family',
    `${V} ValidateNodeGroup`,
    'when using a custom AMI, amiFamily needs to be explicitly set via config file or via --node-ami-family flag',
    covered('self-managed: a custom AMI without amiFamily'),
  ),
  rule(
    'self-managed.bottlerocket-config-family',
    `${V} ValidateNodeGroup`,
    'bottlerocket config can only be used with amiFamily "Bottlerocket" or "BottlerocketFips" but found "%s" (path=%s.bottlerocket)',
    covered('self-managed settings: bottlerocket settings on another family'),
  ),
  rule(
    'self-managed.custom-ami-bootstrap',
    `${V} ValidateNodeGroup`,
    '%[1]s.overrideBootstrapCommand is required when using a custom AMI based on %s (%[1]s.ami)',
    covered('self-managed: a custom AmazonLinux2 AMI without overrideBootstrapCommand'),
  ),
  rule(
    'self-managed.labels-one-slash',
    `${V} validateLabels`,
    "node label key %q is of invalid format, can only use one '/' separator",
    covered('labels: a key with two slashes'),
  ),
  rule(
    'self-managed.label-key',
    `${V} validateLabels`,
    'label %q is invalid - %v',
    covered('labels: an upper-case prefix'),
  ),
  rule(
    'self-managed.label-value',
    `${V} validateLabels`,
    'label %q has invalid value %q - %v',
    covered('labels: a value with spaces (would add kubelet flags)'),
  ),
  rule(
    'self-managed.label-reserved-prefix',
    `${V} validateLabels`,
    'the following nodegroup labels are disallowed as they have reserved prefixes [kubernetes.io/, k8s.io/]: %v',
    covered('labels: a reserved kubernetes.io prefix'),
  ),
  rule(
    'self-managed.ssh-key-sources',
    `${V} validateNodeGroupSSH`,
    'only one of publicKeyName, publicKeyPath or publicKey can be specified for SSH per node-group',
    na('ssh.publicKey and a non-empty ssh.publicKeyPath are refused as a whole: only publicKeyName'),
  ),
  rule(
    'self-managed.windows-kubelet-config',
    `${V} ValidateNodeGroup`,
    'kubeletExtraConfig is not supported for %s nodegroups (path=%s.kubeletExtraConfig)',
    dormant('Windows with kubeletExtraConfig'),
  ),
  rule(
    'self-managed.bottlerocket-kubelet-config',
    `${V} ValidateNodeGroup`,
    'kubeletExtraConfig is not supported for Bottlerocket nodegroups (path=%s.kubeletExtraConfig)',
    covered('self-managed: Bottlerocket with kubeletExtraConfig'),
  ),
  rule(
    'self-managed.bottlerocket-pre-bootstrap',
    `${V} ValidateNodeGroup`,
    'preBootstrapCommands is not supported for Bottlerocket nodegroups (path=%s.preBootstrapCommands)',
    covered('self-managed: Bottlerocket with preBootstrapCommands'),
  ),
  rule(
    'self-managed.bottlerocket-override-bootstrap',
    `${V} ValidateNodeGroup`,
    'overrideBootstrapCommand is not supported for Bottlerocket nodegroups (path=%s.overrideBootstrapCommand)',
    covered('self-managed: Bottlerocket with overrideBootstrapCommand'),
  ),
  rule(
    'self-managed.bottlerocket-setting-has-field',
    `${V} checkBottlerocketSettings`,
    'invalid Bottlerocket setting: use %[1]s.%[2]s instead (path=%[1]s.bottlerocket.settings.kubernetes.%[3]s)',
    covered('self-managed settings: a Bottlerocket kubernetes setting that has a nodegroup field'),
  ),
  rule(
    'self-managed.bottlerocket-kubernetes-settings-map',
    `${V} checkBottlerocketSettings`,
    'invalid kubernetes settings provided: expected a map of settings',
    covered('self-managed settings: Bottlerocket kubernetes settings that are no mapping'),
  ),
  rule(
    'self-managed.bottlerocket-cluster-dns',
    `${V} checkBottlerocketSettings`,
    'only one of %[1]s.bottlerocket.settings.kubernetes.cluster-dns-ip or %[1]s.clusterDNS can be set',
    na('nodeGroups[].clusterDNS is refused as a whole'),
  ),
  rule(
    'self-managed.kubelet-critical-keys',
    `${V} validateNodeGroupKubeletExtraConfig`,
    "cannot override %q in kubelet config, as it's critical to eksctl functionality",
    covered('self-managed settings: a kubelet setting eksctl owns'),
  ),
  rule(
    'self-managed.container-runtime-al2023',
    `${V} ValidateNodeGroup`,
    'only containerd is supported for container runtime on AmazonLinux2023 nodes',
    na('containerRuntime is refused unless it is containerd'),
  ),
  rule(
    'self-managed.container-runtime-value',
    `${V} ValidateNodeGroup`,
    'only containerd, dockerd and docker for Windows are supported for container runtime',
    na('containerRuntime is refused unless it is containerd'),
  ),
  rule(
    'self-managed.container-runtime-dockershim',
    `${V} ValidateNodeGroup`,
    'only containerd is supported for container runtime, starting with EKS version 1.24',
    na('containerRuntime is refused unless it is containerd'),
  ),
  rule(
    'self-managed.container-runtime-override',
    `${V} ValidateNodeGroup`,
    'overrideBootstrapCommand overwrites container runtime setting; please use --container-runtime in the bootsrap script instead',
    na('containerRuntime is refused unless it is containerd'),
  ),
  rule(
    'self-managed.max-instance-lifetime',
    `${V} ValidateNodeGroup`,
    'maximum instance lifetime must have a minimum value of 86,400 seconds (one day), but was: %d',
    covered('self-managed settings: an instance lifetime under a day'),
  ),
  rule(
    'self-managed.local-zones-and-zones',
    `${V} ValidateNodeGroup`,
    'cannot specify both localZones and availabilityZones',
    covered('self-managed: localZones with availabilityZones'),
  ),
  rule(
    'self-managed.outpost-mismatch',
    `${V} ValidateNodeGroup`,
    "nodeGroup.outpostARN must either be empty or match the control plane's Outpost ARN (%q != %q)",
    OUTPOSTS,
  ),
  rule(
    'self-managed.outpost-instance-selector',
    `${V} ValidateNodeGroup`,
    'cannot specify instanceSelector for a nodegroup on Outposts',
    OUTPOSTS,
  ),
  rule(
    'self-managed.outpost-zones',
    `${V} ValidateNodeGroup`,
    'cannot specify availabilityZones on a nodegroup on Outposts',
    OUTPOSTS,
  ),
  rule(
    'self-managed.outpost-local-zones',
    `${V} ValidateNodeGroup`,
    'cannot specify localZones on a nodegroup on Outposts',
    OUTPOSTS,
  ),
  rule(
    'self-managed.instance-type-family',
    `${V} validateInstanceTypeSupport`,
    '%s instance types are not supported for unmanaged nodegroups with AMIFamily %s',
    covered('self-managed settings: an instance type the family has no image for (AL2, Arm with NVIDIA)'),
  ),
  rule(
    'self-managed.selector-instance-type',
    `${V} validateInstancesDistribution`,
    'instanceType should be "mixed" or unset when using the instance selector feature',
    covered('self-managed settings: an instance selector with another instanceType'),
  ),
  rule(
    'self-managed.mixed-instance-type',
    `${V} validateInstancesDistribution`,
    'instanceType should be "mixed" or unset when using the instances distribution feature',
    covered('self-managed settings: a mixed instances policy with another instanceType'),
  ),
  rule(
    'self-managed.mixed-two-types',
    `${V} validateInstancesDistribution`,
    'at least two instance types have to be specified for mixed nodegroups',
    covered('self-managed settings: a mixed instances policy without instance types'),
  ),
  rule(
    'self-managed.mixed-at-most-20',
    `${V} validateInstancesDistribution`,
    'mixed nodegroups should have between 1 and 20 different instance types',
    covered('self-managed settings: a mixed instances policy with 21 instance types'),
  ),
  rule(
    'self-managed.on-demand-base',
    `${V} validateInstancesDistribution`,
    'onDemandBaseCapacity should be 0 or more',
    covered('self-managed settings: a negative On-Demand base capacity'),
  ),
  rule(
    'self-managed.on-demand-percentage',
    `${V} validateInstancesDistribution`,
    'percentageAboveBase should be between 0 and 100',
    covered('self-managed settings: an On-Demand percentage above 100'),
  ),
  rule(
    'self-managed.spot-pools-range',
    `${V} validateInstancesDistribution`,
    'spotInstancePools should be between 1 and 20',
    covered('self-managed settings: more than 20 spot instance pools'),
  ),
  rule(
    'self-managed.spot-pools-capacity-optimized',
    `${V} validateInstancesDistribution`,
    'spotInstancePools cannot be specified when also specifying spotAllocationStrategy: capacity-optimized',
    covered('self-managed settings: spotInstancePools with capacity-optimized'),
  ),
  rule(
    'self-managed.spot-pools-capacity-optimized-prioritized',
    `${V} validateInstancesDistribution`,
    'spotInstancePools cannot be specified when also specifying spotAllocationStrategy: capacity-optimized-prioritized',
    covered('self-managed settings: spotInstancePools with capacity-optimized-prioritized'),
  ),
  rule(
    'self-managed.spot-allocation-strategy',
    'types.go validateSpotAllocationStrategy',
    'spotAllocationStrategy should be one of: %v',
    covered('self-managed settings: a spot allocation strategy EC2 does not have'),
  ),
  rule(
    'self-managed.cpu-credits-burstable',
    `${V} validateCPUCredits`,
    'cpuCredits option set for nodegroup, but it has no t2/t3 instance types',
    covered('self-managed settings: cpuCredits without a burstable instance type'),
  ),
  rule(
    'self-managed.cpu-credits-value',
    `${V} validateCPUCredits`,
    "cpuCredits option accepts only one of 'standard' or 'unlimited'",
    covered('self-managed settings: cpuCredits neither standard nor unlimited'),
  ),
  rule(
    'self-managed.asg-suspend-processes',
    `${V} validateASGSuspendProcesses`,
    "asgSuspendProcesses contains invalid process name '%s'",
    covered('self-managed settings: a process Auto Scaling cannot suspend'),
  ),

  // ---- taints (pkg/utils/taints, types.go) ---------------------------------------------------
  rule(
    'taints.shape',
    'types.go NodeGroupTaints.UnmarshalJSON',
    'taints must be a {string: string} or a [{key, value, effect}]: %w',
    covered('taints: neither a mapping nor a list'),
  ),
  rule(
    'taints.key-empty',
    'utils/taints/taints.go Validate',
    'taint key must be non-empty',
    covered('taints: an empty taint key'),
  ),
  rule(
    'taints.key-invalid',
    'utils/taints/taints.go Validate',
    'invalid taint key: %v, %s',
    covered('taints: a taint key with a space'),
  ),
  rule(
    'taints.value-invalid',
    'utils/taints/taints.go Validate',
    'invalid taint value: %v, %s',
    covered('taints: a taint value with a space, map form'),
  ),
  rule(
    'taints.effect',
    'utils/taints/taints.go validateTaintEffect',
    'invalid taint effect: %v, unsupported taint effect. Valid taint effects are: NoSchedule, NoExecute and PreferNoSchedule',
    covered('taints: an effect Kubernetes does not have'),
  ),

  // ---- managed nodegroups: ValidateManagedNodeGroup ------------------------------------------
  rule(
    'managed.unsupported-field',
    `${V} ValidateManagedNodeGroup`,
    '%s is not supported for Managed Nodes (%s.%s)',
    covered('managed: an instance profile'),
  ),
  rule(
    'managed.outposts',
    `${V} ValidateManagedNodeGroup`,
    'Outposts is not supported for managed nodegroups',
    OUTPOSTS,
  ),
  rule(
    'managed.min-above-desired',
    `${V} ValidateManagedNodeGroup`,
    'cannot use --nodes-min=%d and --nodes=%d at the same time',
    covered('managed: minSize above desiredCapacity'),
  ),
  rule(
    'managed.desired-above-max',
    `${V} ValidateManagedNodeGroup`,
    'cannot use --nodes-max=%d and --nodes=%d at the same time',
    covered('managed: desiredCapacity above maxSize'),
  ),
  rule(
    'managed.min-above-max',
    `${V} ValidateManagedNodeGroup`,
    'cannot use --nodes-min=%d and --nodes-max=%d at the same time',
    covered('managed: maxSize below minSize'),
  ),
  rule(
    'managed.update-config-empty',
    `${V} ValidateManagedNodeGroup`,
    'invalid UpdateConfig: maxUnavailable or maxUnavailablePercentage must be defined',
    dormant('updateConfig with neither field'),
  ),
  rule(
    'managed.update-config-both',
    `${V} ValidateManagedNodeGroup`,
    'cannot use maxUnavailable=%d and maxUnavailablePercentage=%d at the same time',
    dormant('updateConfig with both fields'),
  ),
  rule(
    'managed.max-unavailable-above-max',
    `${V} ValidateManagedNodeGroup`,
    'maxUnavailable=%d cannot be greater than maxSize=%d',
    dormant('maxUnavailable above maxSize'),
  ),
  rule(
    'managed.security-groups-local-shared',
    `${V} ValidateManagedNodeGroup`,
    'securityGroups.withLocal and securityGroups.withShared are not supported for managed nodegroups (%s.securityGroups)',
    covered('managed: withShared security group'),
  ),
  rule(
    'managed.instance-type-and-types',
    `${V} ValidateManagedNodeGroup`,
    'only one of instanceType or instanceTypes can be specified (%s)',
    covered('managed: instanceType and instanceTypes'),
  ),
  rule(
    'managed.instance-type-and-selector',
    `${V} ValidateManagedNodeGroup`,
    'cannot set instanceType when instanceSelector is specified (%s)',
    covered('managed: instanceType and instanceSelector'),
  ),
  rule(
    'managed.bottlerocket-pre-bootstrap',
    `${V} ValidateManagedNodeGroup`,
    'preBootstrapCommands is not supported for Bottlerocket nodegroups (path=%s.preBootstrapCommands)',
    covered('managed: Bottlerocket with preBootstrapCommands'),
  ),
  rule(
    'managed.bottlerocket-override-bootstrap',
    `${V} ValidateManagedNodeGroup`,
    'overrideBootstrapCommand is not supported for Bottlerocket nodegroups (path=%s.overrideBootstrapCommand)',
    covered('managed: Bottlerocket with overrideBootstrapCommand'),
  ),
  rule(
    'managed.windows-override-bootstrap',
    `${V} ValidateManagedNodeGroup`,
    'overrideBootstrapCommand is not supported for %s nodegroups (path=%s.overrideBootstrapCommand)',
    WINDOWS,
  ),
  rule(
    'managed.launch-template-id',
    `${V} ValidateManagedNodeGroup`,
    'launchTemplate.id is required if launchTemplate is set (%s.launchTemplate)',
    covered('managed: an empty launch template id'),
  ),
  rule(
    'managed.launch-template-version-number',
    `${V} ValidateManagedNodeGroup`,
    'invalid launch template version: %w',
    covered('managed: a launch template version that is no number'),
  ),
  rule(
    'managed.launch-template-version-positive',
    `${V} ValidateManagedNodeGroup`,
    'launchTemplate.version must be >= 1 (%s.launchTemplate.version)',
    covered('managed: a launch template version 0'),
  ),
  rule(
    'managed.launch-template-incompatible',
    `${V} ValidateManagedNodeGroup`,
    'cannot set %s in managedNodeGroup when a launch template is supplied',
    covered('managed: a launch template with instanceType'),
  ),
  rule(
    'managed.ami-id',
    `${V} ValidateManagedNodeGroup`,
    'invalid AMI %q (%s.ami)',
    covered('managed: a custom AMI that is no AMI id'),
  ),
  rule(
    'managed.custom-ami-family',
    `${V} ValidateManagedNodeGroup`,
    'when using a custom AMI, amiFamily needs to be explicitly set via config file or via --node-ami-family flag',
    covered('managed: a custom AMI without amiFamily'),
  ),
  rule(
    'managed.custom-ami-family-supported',
    `${V} ValidateManagedNodeGroup`,
    'cannot set amiFamily to %s when using a custom AMI for managed nodes, only %s are supported',
    covered('managed: a custom Windows AMI'),
  ),
  rule(
    'managed.custom-ami-bootstrap',
    `${V} ValidateManagedNodeGroup`,
    '%[1]s.overrideBootstrapCommand is required when using a custom AMI based on %s (%[1]s.ami)',
    covered('managed: a custom AmazonLinux2 AMI without overrideBootstrapCommand'),
  ),
  rule(
    'managed.custom-ami-unsupported-field',
    `${V} ValidateManagedNodeGroup`,
    '%s.%s is not supported when using a custom AMI (%s.ami)',
    covered('managed: a custom AMI with maxPodsPerNode'),
  ),
  rule(
    'managed.override-bootstrap-needs-ami',
    `${V} ValidateManagedNodeGroup`,
    '%s.overrideBootstrapCommand can only be set when a custom AMI (%s.ami) is specified',
    covered('managed: overrideBootstrapCommand without a custom AMI (AmazonLinux2)'),
  ),

  // ---- Fargate -------------------------------------------------------------------------------
  rule(
    'fargate.name-empty',
    `${V} FargateProfile.Validate`,
    'invalid Fargate profile: empty name',
    covered('fargate: an empty name'),
  ),
  rule(
    'fargate.reserved-prefix',
    `${V} FargateProfile.Validate`,
    'invalid Fargate profile %q: name should NOT start with %q',
    covered('fargate: a name with the reserved prefix'),
  ),
  rule(
    'fargate.no-selector',
    `${V} FargateProfile.Validate`,
    'invalid Fargate profile %q: no profile selector',
    covered('fargate: no selector'),
  ),
  rule(
    'fargate.selector-namespace',
    `${V} FargateProfileSelector.Validate`,
    'invalid Fargate profile %q: invalid profile selector at index #%v: empty namespace',
    covered('fargate: an empty selector namespace'),
  ),

  // ---- secrets encryption --------------------------------------------------------------------
  rule(
    'encryption.key-required',
    `${V} ValidateSecretsEncryption`,
    'field secretsEncryption.keyARN is required for enabling secrets encryption',
    covered('encryption: an empty key'),
  ),
  rule(
    'encryption.key-arn',
    `${V} ValidateSecretsEncryption`,
    'invalid ARN in secretsEncryption.keyARN: %q: %w',
    covered('encryption: a key that is no ARN'),
  ),

  // ---- iamIdentityMappings -------------------------------------------------------------------
  rule(
    'identity-mappings.service-with-arn',
    'identitymapping.go IAMIdentityMapping.Validate',
    'cannot use arn, username, and groups with serviceName',
    covered('identity mappings: a service with arn, username and groups'),
  ),
  rule(
    'identity-mappings.service-namespace',
    'identitymapping.go IAMIdentityMapping.Validate',
    'namespace is required when using serviceName',
    covered('identity mappings: a service without namespace'),
  ),
  rule(
    'identity-mappings.namespace-service',
    'identitymapping.go IAMIdentityMapping.Validate',
    'serviceName is required when using namespace',
    covered('identity mappings: a namespace without service'),
  ),
  rule(
    'identity-mappings.service-name',
    'authconfigmap/service_access.go lookupService',
    'invalid service name %q',
    covered('identity mappings: a service eksctl does not know'),
  ),
  rule(
    'identity-mappings.account-alone',
    'identitymapping.go IAMIdentityMapping.Validate',
    'account cannot be configured with any other options',
    covered('identity mappings: an account with an arn'),
  ),

  // ---- add-ons -------------------------------------------------------------------------------
  rule(
    'addons.name',
    'addon.go Addon.Validate',
    'invalid configuration for %q addon: name is required',
    covered('add-ons: an empty add-on name'),
  ),
  rule(
    'addons.configuration-values',
    'addon.go Addon.Validate',
    'invalid configuration for %q addon: configurationValues: %q is not valid, supported format(s) are: JSON and YAML',
    covered('add-ons: configurationValues that are neither JSON nor a YAML mapping'),
  ),
  rule(
    'addons.namespace-length',
    'addon.go validateKubernetesNamespaceName',
    'namespace name %q is too long (max 63 characters)',
    na('addons[].namespaceConfig is refused as a whole (not built yet)'),
  ),
  rule(
    'addons.namespace-name',
    'addon.go validateKubernetesNamespaceName',
    'namespace %q is not a valid Kubernetes namespace name (must be a valid DNS-1123 label)',
    na('addons[].namespaceConfig is refused as a whole (not built yet)'),
  ),
  rule(
    'addons.irsa-and-pod-identity',
    'addon.go Addon.Validate',
    'cannot set IRSA config (…) and pod identity associations at the same time',
    dormant('an add-on with IRSA and pod identity'),
  ),
  rule(
    'addons.one-policy-source',
    'addon.go checkAtMostOnePolicyProviderIsSet',
    'at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified',
    dormant('an add-on with two policy sources'),
  ),
  rule(
    'addons.agent-pod-identity',
    'addon.go Addon.Validate',
    'cannot set pod identity associations for "eks-pod-identity-agent" addon',
    dormant('pod identity associations on the agent add-on'),
  ),
  rule('addons.pia-namespace', 'addon.go Addon.Validate', '%s.namespace must be set', ADDON_PIA),
  rule('addons.pia-service-account', 'addon.go Addon.Validate', '%s.serviceAccountName must be set', ADDON_PIA),
  rule(
    'addons.pia-role-or-policy',
    'addon.go Addon.Validate',
    'at least one of the following must be specified: %[1]s.roleARN, %[1]s.permissionPolicy, %[1]s.permissionPolicyARNs, %[1]s.wellKnownPolicies',
    ADDON_PIA,
  ),
  rule(
    'addons.pia-role-and-permissionPolicy',
    'addon.go Addon.Validate',
    '%[1]s.permissionPolicy cannot be specified when %[1]s.roleARN is set',
    ADDON_PIA,
  ),
  rule(
    'addons.pia-role-and-permissionPolicyARNs',
    'addon.go Addon.Validate',
    '%[1]s.permissionPolicyARNs cannot be specified when %[1]s.roleARN is set',
    ADDON_PIA,
  ),
  rule(
    'addons.pia-role-and-wellKnownPolicies',
    'addon.go Addon.Validate',
    '%[1]s.wellKnownPolicies cannot be specified when %[1]s.roleARN is set',
    ADDON_PIA,
  ),
  rule(
    'addons.pia-well-known-policies',
    `${V} validateAddonPodIdentityAssociations`,
    'wellKnownPolicies is not supported for addon.podIdentityAssociations; use addon.useDefaultPodIdentityAssociations instead (addon: %s)',
    ADDON_PIA,
  ),
  rule(
    'addons.pia-tags',
    `${V} validateAddonPodIdentityAssociations`,
    'tags is not supported for addon.podIdentityAssociations (addon: %s)',
    ADDON_PIA,
  ),
  rule(
    'addons.pia-permissionPolicyName',
    `${V} validateAddonPodIdentityAssociations`,
    'permissionPolicyName requires permissionPolicy to be set (addon: %s)',
    ADDON_PIA,
  ),
  rule(
    'addons.default-pia-and-pia',
    `${V} validateAddonPodIdentityAssociations`,
    'cannot specify both addon.useDefaultPodIdentityAssociations and addon.podIdentityAssociations (addon: %s)',
    ADDON_PIA,
  ),
  rule(
    'addons.default-pia-and-irsa',
    `${V} validateAddonPodIdentityAssociations`,
    'cannot specify serviceAccountRoleARN, wellKnownPolicies, attachPolicy or attachPolicyARNs when addon.useDefaultPodIdentityAssociations is set (addon: %s)',
    covered('add-ons: default Pod Identity with an IRSA role'),
  ),

  // ---- Auto Mode -----------------------------------------------------------------------------
  rule('auto-mode.outposts', 'auto_mode.go ValidateAutoModeConfig', 'Auto Mode is not supported on Outposts', OUTPOSTS),
  rule(
    'auto-mode.role-without-pools',
    'auto_mode.go ValidateAutoModeConfig',
    'cannot specify autoModeConfig.nodeRoleARN when autoModeConfig.nodePools is empty',
    dormant('Auto Mode node role without node pools'),
  ),
  rule(
    'auto-mode.boundary-without-pools',
    'auto_mode.go ValidateAutoModeConfig',
    'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodePools is empty',
    covered('auto mode: a permissions boundary without node pools'),
  ),
  rule(
    'auto-mode.boundary-and-role',
    'auto_mode.go ValidateAutoModeConfig',
    'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodeRoleARN is set',
    dormant('Auto Mode node role and permissions boundary'),
  ),
  rule(
    'auto-mode.duplicate-pool',
    'auto_mode.go ValidateAutoModeConfig',
    'found duplicate node pool: %q',
    dormant('Auto Mode node pools twice'),
  ),
  rule(
    'auto-mode.unknown-pool',
    'auto_mode.go ValidateAutoModeConfig',
    'invalid NodePool %q',
    dormant('Auto Mode node pools unknown'),
  ),
  rule(
    'auto-mode.settings-while-disabled',
    'auto_mode.go ValidateAutoModeConfig',
    'cannot set autoModeConfig.nodeRoleARN, autoModeConfig.permissionBoundaryARN, or autoModeConfig.nodePools when Auto Mode is disabled',
    dormant('Auto Mode settings while disabled'),
  ),

  // ---- access entries ------------------------------------------------------------------------
  rule(
    'access.principal-arn',
    'access_entry.go validateAccessEntries',
    '%s.principalARN must be set to a valid AWS ARN',
    covered('access entries: a principal that is no ARN'),
  ),
  rule(
    'access.node-groups-or-username',
    'access_entry.go validateAccessEntries',
    'cannot specify %s.kubernetesGroups nor %s.kubernetesUsername when type is set to %s',
    covered('access entries: groups on a node entry'),
  ),
  rule(
    'access.node-policies',
    'access_entry.go validateAccessEntries',
    'cannot specify %s.accessPolicies when type is set to %s',
    covered('access entries: policies on a node entry'),
  ),
  rule(
    'access.type',
    'access_entry.go validateAccessEntries',
    'invalid access entry type %q for %s',
    covered('access entries: an invalid type'),
  ),
  rule(
    'access.policy-arn-required',
    'access_entry.go validateAccessEntries',
    '%s.policyARN must be set to a valid AWS ARN',
    covered('access entries: an access policy without policyARN'),
  ),
  rule(
    'access.policy-arn-resource',
    'access_entry.go validateAccessEntries',
    '%s.policyARN must be a cluster-access-policy resource',
    covered('access entries: a policy that is no access policy'),
  ),
  rule(
    'access.policy-arn-invalid',
    'access_entry.go validateAccessEntries',
    'invalid %s.policyARN',
    covered('access entries: a policyARN without a resource type'),
  ),
  rule(
    'access.scope-type-required',
    'access_entry.go validateAccessEntries',
    '%s.accessScope.type must be set to either "namespace" or "cluster"',
    covered('access entries: an access scope without a type'),
  ),
  rule(
    'access.cluster-scope-namespaces',
    'access_entry.go validateAccessEntries',
    'cannot specify %s.accessScope.namespaces when accessScope is set to %s',
    covered('access entries: a cluster scope with namespaces'),
  ),
  rule(
    'access.namespace-scope-needs-namespaces',
    'access_entry.go validateAccessEntries',
    'at least one namespace must be specified when accessScope is set to %s: (%s)',
    covered('access entries: a namespace scope without namespaces'),
  ),
  rule(
    'access.scope-type-unknown',
    'access_entry.go validateAccessEntries',
    'invalid access scope type %q for %s',
    covered('access entries: an access scope type eksctl does not know'),
  ),
  rule(
    'access.duplicate-principal',
    'access_entry.go validateAccessEntries',
    'duplicate access entry %s with principal ARN %q',
    covered('access entries: a duplicate principal'),
  ),
  rule(
    'access.creator-admin-config-map',
    'accessentry/service.go ValidateAPIServerAccess',
    'cannot create self-managed nodegroups when authenticationMode is CONFIG_MAP and bootstrapClusterCreatorAdminPermissions is false',
    covered('access entries: no creator admin in CONFIG_MAP mode and self-managed nodes'),
  ),
  rule(
    'access.creator-admin-no-entries',
    'accessentry/service.go ValidateAPIServerAccess',
    'cannot create self-managed nodegroups when bootstrapClusterCreatorAdminPermissions is false and no access entries are configured',
    covered('access entries: no creator admin, no entries and self-managed nodes'),
  ),
  rule(
    'cluster.windows-needs-linux',
    'ctl/create/cluster.go doCreateCluster',
    'running Windows workloads requires having both Windows and Linux (AmazonLinux2) node groups',
    WINDOWS,
  ),

  // ---- remoteNetworkConfig (hybrid nodes) ----------------------------------------------------
  rule(
    'remote.outposts-etcd',
    `${V} validateRemoteNetworkingConfig`,
    'remoteNetworkConfig on Outpost clusters requires outpost.etcdInstanceType to be set',
    REMOTE,
  ),
  rule(
    'remote.ipv6',
    `${V} validateRemoteNetworkingConfig`,
    'remoteNetworkConfig is not supported on EKS cluster configured with IPv6 address family',
    REMOTE,
  ),
  rule(
    'remote.auth-mode',
    `${V} validateRemoteNetworkingConfig`,
    'remoteNetworkConfig requires authenticationMode to be either %q or %q',
    REMOTE,
  ),
  rule(
    'remote.one-node-network',
    `${V} validateRemoteNetworkingConfig`,
    'only one remoteNodeNetwork is allowed in remoteNetworkConfig.remoteNodeNetworks',
    REMOTE,
  ),
  rule(
    'remote.one-pod-network',
    `${V} validateRemoteNetworkingConfig`,
    'only one remotePodNetwork is allowed in remoteNetworkConfig.remotePodNetworks',
    REMOTE,
  ),
  rule(
    'remote.pod-networks-non-empty',
    `${V} validateRemoteNetworkingConfig`,
    'remoteNetworkConfig.remotePodNetworks must be set and non-empty',
    REMOTE,
  ),
  rule(
    'remote.node-networks-non-empty',
    `${V} validateRemoteNetworkingConfig`,
    'remoteNetworkConfig.remoteNodeNetworks must be set and non-empty',
    REMOTE,
  ),
  rule(
    'remote.gateway-existing-vpc',
    `${V} validateRemoteNetworkingConfig`,
    'remoteNetworkConfig.vpcGatewayID is not supported when using pre-existing VPC',
    REMOTE,
  ),
  rule(
    'remote.gateway-id',
    `${V} validateRemoteNetworkingConfig`,
    'invalid value %q provided for remoteNetworkConfig.vpcGatewayID; …',
    REMOTE,
  ),
  rule(
    'remote.iam-provider',
    `${V} validateRemoteNetworkingConfig`,
    'invalid value %q provided for remoteNetworkConfig.iam.provider; only %q and %q are supported',
    REMOTE,
  ),
  rule(
    'remote.ca-bundle-ssm',
    `${V} validateRemoteNetworkingConfig`,
    'remoteNetworkConfig.iam.caBundleCert is not supported when using SSM credentials provider',
    REMOTE,
  ),
  rule(
    'remote.ca-bundle-ira',
    `${V} validateRemoteNetworkingConfig`,
    'remoteNetworkConfig.iam.caBundleCert is required when using IAMRolesAnywhere credentials provider',
    REMOTE,
  ),
];

export interface InventoryFigures {
  readonly total: number;
  readonly byStatus: Readonly<Record<ParityStatus, number>>;
}

export function inventoryFigures(rules: readonly EksctlRule[] = EKSCTL_RULES): InventoryFigures {
  const byStatus: Record<ParityStatus, number> = {
    covered: 0,
    'covered-dormant': 0,
    stricter: 0,
    'not-applicable': 0,
    missing: 0,
  };
  for (const r of rules) byStatus[r.status]++;
  return { total: rules.length, byStatus };
}
