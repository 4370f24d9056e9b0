/**
 * THE table of eksctl's ClusterConfig fields (SPEC §2): for each field eksctl's schema knows
 * (data/eksctl-fields.json), whether private-eks builds it as eksctl does, builds it differently
 * (and how), or refuses it (why, and what to do instead). fields.ts reads it for V19's hint,
 * docs/configuration.md is generated from `eksctlFieldTable()`, so the docs and the behaviour
 * cannot drift.
 *
 * A field is `built` when the schema (schema.ts) implements it and the table says nothing else;
 * a row here overrides that. A field the schema does not implement MUST have a row (a test checks
 * every one): there is no bare "not supported". Rows are keyed `<eksctl type>.<field>`; a row keyed
 * by the type alone covers every field of that type (a section refused as a whole).
 *
 * Keep edits row-local: several people flip rows here as fields get built.
 */
import eksctlFieldsData from './data/eksctl-fields.json' with { type: 'json' };

export type FieldStatus = 'built' | 'built-differently' | 'refused';

export interface FieldSupport {
  readonly status: FieldStatus;
  /** built-differently: how private-eks builds it. refused: why private-eks does not. */
  readonly note?: string;
  /** refused: what to write or do instead. */
  readonly instead?: string;
}

const refused = (why: string, instead: string): FieldSupport => ({ status: 'refused', note: why, instead });
const different = (how: string): FieldSupport => ({ status: 'built-differently', note: how });
const built = (note?: string): FieldSupport => (note === undefined ? { status: 'built' } : { status: 'built', note });

const REMOVE = 'remove it';

export const FIELD_SUPPORT: Readonly<Record<string, FieldSupport>> = {
  // ---- the file ------------------------------------------------------------------------------
  'ClusterConfig.gitops': refused(
    'eksctl bootstraps Flux from a Git host on the internet, which a fully-private cluster cannot reach',
    'bootstrap GitOps (Flux) after the cluster is up, from inside the VPC, with a Git server the VPC reaches',
  ),
  GitOps: refused('part of gitops', 'see gitops'),
  Flux: refused('part of gitops', 'see gitops'),
  FluxFlags: refused('part of gitops', 'see gitops'),
  'ClusterConfig.karpenter': refused(
    'eksctl installs Karpenter with Helm from the public registry public.ecr.aws, which a fully-private cluster cannot reach; eksctl has no field for a mirrored chart or images',
    'create the cluster without karpenter, mirror the Karpenter chart and images into a private ECR repository, add the sqs endpoint (privateCluster.additionalEndpointServices) for its interruption queue, then install the chart from inside the VPC',
  ),
  Karpenter: refused('part of karpenter', 'see karpenter'),
  'ClusterConfig.capabilities': refused(
    'EKS capabilities (managed Argo CD, ACK, KRO) are not built by private-eks; their managed endpoints are outside the VPC',
    'add the capability with the EKS API once the cluster exists',
  ),
  Capability: refused('part of capabilities', 'see capabilities'),
  CapabilityConfiguration: refused('part of capabilities', 'see capabilities'),
  ArgoCDConfiguration: refused('part of capabilities', 'see capabilities'),
  ArgoCDAWSIDC: refused('part of capabilities', 'see capabilities'),
  ArgoCDNetworkAccess: refused('part of capabilities', 'see capabilities'),
  ArgoCDRoleMapping: refused('part of capabilities', 'see capabilities'),
  SSOIdentity: refused('part of capabilities', 'see capabilities'),
  'ClusterConfig.remoteNetworkConfig': refused(
    'EKS hybrid nodes join from networks outside the VPC, through connectivity private-eks does not plan',
    'create the cluster, then configure hybrid nodes with the EKS API and your own VPN or Direct Connect',
  ),
  RemoteNetworkConfig: refused('part of remoteNetworkConfig', 'see remoteNetworkConfig'),
  RemoteNetwork: refused('part of remoteNetworkConfig', 'see remoteNetworkConfig'),
  RemoteNodesIAM: refused('part of remoteNetworkConfig', 'see remoteNetworkConfig'),
  'ClusterConfig.kubeAPIServerConfig': refused(
    'EKS does not let the API server, scheduler or controller manager be configured; eksctl passes these only to local clusters on Outposts',
    REMOVE,
  ),
  'ClusterConfig.kubeControllerManagerConfig': refused('EKS does not let the controller manager be configured', REMOVE),
  'ClusterConfig.kubeSchedulerConfig': refused('EKS does not let the scheduler be configured', REMOVE),
  KubeAPIServerConfig: refused('part of kubeAPIServerConfig', 'see kubeAPIServerConfig'),
  ServiceNodePortRange: refused('part of kubeAPIServerConfig', 'see kubeAPIServerConfig'),
  KubeControllerManagerConfig: refused('part of kubeControllerManagerConfig', 'see kubeControllerManagerConfig'),
  HorizontalPodAutoscalerControllerConfig: refused(
    'part of kubeControllerManagerConfig',
    'see kubeControllerManagerConfig',
  ),
  KubeSchedulerConfig: refused('part of kubeSchedulerConfig', 'see kubeSchedulerConfig'),
  NodeResourcesFitConfig: refused('part of kubeSchedulerConfig', 'see kubeSchedulerConfig'),
  ScoringStrategy: refused('part of kubeSchedulerConfig', 'see kubeSchedulerConfig'),
  ResourceWeight: refused('part of kubeSchedulerConfig', 'see kubeSchedulerConfig'),
  'ClusterConfig.localZones': refused(
    'local zones have no VPC endpoints for the services a fully-private cluster needs (V9)',
    'remove localZones: nodes run in the private subnets of the availability zones',
  ),
  'ClusterConfig.outpost': refused('EKS local clusters on Outposts are out of scope (V11)', 'remove outpost'),
  Outpost: refused('part of outpost', 'see outpost'),
  'Placement.spreadLevel': refused(
    'eksctl reads it for the control plane of a local cluster on Outposts only, which private-eks does not build',
    'remove it; placement.groupName names the placement group of the nodes',
  ),
  'AddonsConfig.disableDefaultAddons': different(
    "eksctl's default add-ons (vpc-cni, kube-proxy, coredns, metrics-server) are created with the others after the nodes, in the add-ons stack; coredns and metrics-server only when a nodegroup or a kube-system Fargate profile can run them",
  ),
  'AddonsConfig.autoApplyPodIdentityAssociations': different(
    "Pod Identity roles with AWS's recommended policies for the add-ons private-eks knows them for (vpc-cni, aws-ebs-csi-driver, aws-efs-csi-driver, amazon-cloudwatch-observability), made in the add-ons stack; other add-ons run with the node role",
  ),
  'ClusterConfig.availabilityZones': built(),
  'ClusterConfig.privateCluster': different(
    'privateCluster.enabled must be true (V1): private-eks builds fully-private clusters only',
  ),

  // ---- metadata ------------------------------------------------------------------------------
  'ClusterMeta.annotations': refused(
    'eksctl keeps annotations only in its own config; private-eks has no use for them',
    'remove metadata.annotations',
  ),
  'ClusterMeta.forceUpdateVersion': refused('used by eksctl upgrade cluster, not by create', REMOVE),
  'ClusterMeta.rollbackConfig': refused('used by eksctl upgrade cluster, not by create', REMOVE),
  RollbackConfig: refused('part of metadata.rollbackConfig', 'see metadata.rollbackConfig'),

  // ---- vpc -----------------------------------------------------------------------------------
  'ClusterVPC.clusterEndpoints': different(
    'the API endpoint always ends private-only; a file may only repeat what eksctl --dry-run writes for a private cluster (both true, the access while the cluster is created) — anything else is V2',
  ),
  'ClusterVPC.nat': different('ignored with a warning (V18): a fully-private cluster has no NAT gateway'),
  ClusterNAT: different('ignored with a warning (V18): a fully-private cluster has no NAT gateway'),
  'ClusterSubnets.public': refused(
    'a fully-private cluster has private subnets only (V3)',
    'remove vpc.subnets.public; list the cluster subnets under vpc.subnets.private',
  ),
  'ClusterVPC.controlPlaneOnPrivateSubnets': different('accepted; every subnet of a fully-private cluster is private'),
  'ClusterVPC.publicAccessCIDRs': different(
    'restricts the public endpoint only while it is open during creation (when a Kubernetes step needs it)',
  ),
  'ClusterVPC.controlPlaneEgressMode': built(
    "as eksctl; with CUSTOMER_ROUTED the control plane's egress goes through the private subnets, where only the VPC endpoints lead out",
  ),
  'ClusterVPC.controlPlaneSubnetIDs': built(
    "as eksctl: the control plane's network interfaces go in these subnets; nodegroups and endpoints keep the cluster subnets",
  ),
  'ClusterVPC.ipv6Cidr': refused(
    'an IPv6 cluster gets an Amazon-provided IPv6 block; BYOIP pools are not planned by private-eks',
    'remove it, or supply a VPC that already has the block (vpc.id)',
  ),
  'ClusterVPC.ipv6Pool': refused(
    'an IPv6 cluster gets an Amazon-provided IPv6 block; BYOIP pools are not planned by private-eks',
    'remove it, or supply a VPC that already has the block (vpc.id)',
  ),
  'ClusterVPC.extraCIDRs': built(
    "as eksctl: HTTPS from each CIDR to the control plane's security group (when private-eks creates it)",
  ),
  'ClusterVPC.extraIPv6CIDRs': built('as eksctl, for IPv6 clusters'),
  'ClusterVPC.controlPlaneSecurityGroupIDs': built(),
  'ClusterVPC.hostnameType': built('on the subnets private-eks creates; refused with a supplied VPC, as eksctl'),
  'ClusterVPC.autoAllocateIPv6': different(
    'false (what eksctl --dry-run writes) is accepted; true is refused: IPv6 clusters always get an Amazon-provided block',
  ),

  // ---- iam, access ---------------------------------------------------------------------------
  'ClusterIAM.vpcResourceControllerPolicy': built('default true, as eksctl'),
  'ClusterIAM.withOIDC': different(
    'the IAM OIDC provider is created without a thumbprint: IAM trusts the EKS issuers by their root CAs',
  ),
  'ClusterIAMServiceAccount.subjectPattern': built(
    "as eksctl: the role trusts system:serviceaccount:<namespace>:<pattern> with StringLike; the ServiceAccount object is still metadata.name's",
  ),
  'ClusterIAMServiceAccount.tags': built("as eksctl: tags of the role's stack, and so of the role"),
  'ClusterIAMServiceAccount.status': refused('written by eksctl, not read from a file', REMOVE),
  ClusterIAMServiceAccountStatus: refused('written by eksctl, not read from a file', REMOVE),
  'PodIdentityAssociation.createServiceAccount': built(
    'iam.podIdentityAssociations: the ServiceAccount (and its namespace, if missing) is created by a Kubernetes step, as eksctl, through the in-VPC runner or from here when the API server answers, else a manifest to apply from inside the VPC; it goes with the cluster on delete. Under addons it is ignored, as eksctl: the add-on makes its own',
  ),
  'PodIdentityAssociation.permissionPolicyName': built(
    'the name of the permissionPolicy inline policy (default PodIdentityPolicy)',
  ),
  'PodIdentityAssociation.roleName': built('the stack then needs CAPABILITY_NAMED_IAM, which private-eks passes'),
  'PodIdentityAssociation.tags': built('on the created role, and on the association (iam.podIdentityAssociations)'),
  'PodIdentityAssociation.disableSessionTags': built(
    "iam.podIdentityAssociations only: EKS takes no such setting for an add-on's associations",
  ),
  'PodIdentityAssociation.policy': built(
    "iam.podIdentityAssociations only: EKS takes no session policy for an add-on's associations",
  ),
  'PodIdentityAssociation.targetRoleARN': built(
    "iam.podIdentityAssociations only: EKS takes no target role for an add-on's associations",
  ),
  'ClusterConfig.iamIdentityMappings': built(
    'written to the aws-auth ConfigMap by a Kubernetes step (from here when the API server answers, else a manifest to apply from inside the VPC); refused with authenticationMode API, which ignores aws-auth',
  ),
  'IAMIdentityMapping.serviceName': built(
    "emr-containers, as eksctl: its Role and RoleBinding in the namespace (created if missing; eksctl expects it to exist) and the service-linked role AWSServiceRoleForAmazonEMRContainers of the cluster's account mapped in aws-auth, by the aws-auth Kubernetes step; other service names are refused",
  ),
  'ClusterConfig.identityProviders': built(
    'one AWS::EKS::IdentityProviderConfig in the cluster stack (EKS allows one)',
  ),
  'AccessConfig.authenticationMode': different('default API_AND_CONFIG_MAP, as eksctl'),

  // ---- cluster settings ----------------------------------------------------------------------
  'UpgradePolicy.supportType': built('an empty value (what eksctl --dry-run writes) means the EKS default'),
  'ClusterConfig.autoModeConfig': built(
    "compute, block storage and load balancing on; the eks-auth endpoint is added for the nodes' Pod Identity agent",
  ),
  'AutoModeConfig.nodeRoleARN': built(),
  'AutoModeConfig.nodePools': built('default general-purpose and system, as eksctl'),
  'AutoModeConfig.permissionsBoundaryARN': built(),
  'AutoModeConfig.enabled': different(
    "the created node role has no public-ECR policy (eksctl adds AmazonElasticContainerRegistryPublicReadOnly): public.ecr.aws is out of a private cluster's reach",
  ),
  'KubernetesNetworkConfig.serviceIPv6CIDR': refused(
    'EKS chooses the IPv6 service range itself',
    'remove kubernetesNetworkConfig.serviceIPv6CIDR',
  ),
  'ClusterCloudWatchLogging.logRetentionInDays': different(
    'the log group is created with its retention before the control plane, instead of changing it afterwards',
  ),
  'FargateProfile.status': refused('written by eksctl, not read from a file', REMOVE),

  // ---- add-ons -------------------------------------------------------------------------------
  'Addon.attachPolicyARNs': built(
    'an IRSA role in a stack of its own (eksctl-<cluster>-addon-<name>), with iam.withOIDC; without it a warning and no role, as eksctl',
  ),
  'Addon.namespaceConfig': built(
    "as eksctl (AWS::EKS::Addon NamespaceConfig); the add-on's IRSA role trusts its service account in that namespace",
  ),
  'Addon.owners': refused('used by eksctl to search add-ons, not by create', REMOVE),
  'Addon.publishers': refused('used by eksctl to search add-ons, not by create', REMOVE),
  'Addon.types': refused('used by eksctl to search add-ons, not by create', REMOVE),
  'Addon.permissionsBoundary': built("on the add-on's IRSA role, as eksctl (Pod Identity roles do not get it)"),
  'Addon.podIdentityAssociations': different(
    "the roles are made in the add-ons stack (eksctl: a stack per role) and passed in the add-on's PodIdentityAssociations",
  ),
  'Addon.useDefaultPodIdentityAssociations': different(
    "Pod Identity roles with AWS's recommended policies for the add-ons private-eks knows them for (vpc-cni, aws-ebs-csi-driver, aws-efs-csi-driver, amazon-cloudwatch-observability), made in the add-ons stack; other add-ons run with the node role",
  ),

  // ---- nodegroups (both kinds; the other kind's rows are the same) ---------------------------
  ...nodeGroupRows('NodeGroup'),
  ...nodeGroupRows('ManagedNodeGroup'),
  'NodeGroup.taints': different('a list of taints, or eksctl\'s map of key: "value:Effect"'),
  'NodeGroup.localZones': refused(
    'local zones have no VPC endpoints for the services a fully-private cluster needs (V9)',
    'remove localZones: nodes run in the private subnets of the availability zones',
  ),
  'NodeGroup.clusterDNS': built(
    "as eksctl: the kubelet's cluster DNS through the bootstrap (AmazonLinux2023: nodeadm's kubelet config; AmazonLinux2 and Ubuntu: bootstrap.sh; Bottlerocket: its settings)",
  ),
  'NodeGroup.containerRuntime': refused(
    'nodes run containerd, the only runtime of the AMIs private-eks uses; `containerd` (what eksctl writes) is accepted',
    'remove it, or write containerd',
  ),
  'NodeGroup.kubeletExtraConfig': built(
    "AmazonLinux2023: nodeadm's NodeConfig kubelet config; AmazonLinux2: merged into the kubelet config file before bootstrap.sh; never a command-line flag",
  ),
  'NodeGroup.asgSuspendProcesses': different(
    "suspended once the group exists, as eksctl, and also during the group's rolling updates (its UpdatePolicy)",
  ),
  'NodeGroup.updateConfig': different(
    "the auto scaling group's rolling-update batch size (eksctl reads it on managed nodegroups only)",
  ),
  'ManagedNodeGroup.asgSuspendProcesses': different(
    'suspended with the Auto Scaling API on the group EKS made, once the nodegroup exists, as eksctl; the names are checked in validate (eksctl checks them on self-managed nodegroups only)',
  ),
  'ManagedNodeGroup.releaseVersion': built(
    'EKS-optimized images only: refused with ami or an Ubuntu family (a custom image), as eksctl',
  ),
  'ManagedNodeGroup.propagateASGTags': different(
    "eksctl's cluster-autoscaler node-template tags for labels and taints, and the nodegroup's tags, put on the group EKS made with the Auto Scaling API once the nodegroup exists, as eksctl; a taint's tag is value:Effect, as the cluster autoscaler reads it (eksctl writes the value only); more than 50 tags are refused in plan",
  ),
  'NodeGroupIAM.instanceRoleName': built('the stack then needs CAPABILITY_NAMED_IAM, which private-eks passes'),
  'NodeGroup.propagateASGTags': different(
    "eksctl's cluster-autoscaler node-template tags for labels and taints on the auto scaling group; a taint's tag is value:Effect, as the cluster autoscaler reads it (eksctl writes the value only)",
  ),
  'NodeGroupIAM.withAddonPolicies': different(
    "eksctl's policy sets; the inline ones are policies of the node role instead of separate AWS::IAM::Policy resources",
  ),
  'NodeGroupIAM.attachPolicyARNs': built(
    'as eksctl: the list replaces the default node policies (self-managed nodes keep registry pull)',
  ),
  'NodeGroupSGs.withLocal': refused(
    'private-eks makes no security group per nodegroup (nodes use the shared node and cluster security groups); null and false are accepted, true is ignored with a warning',
    'use securityGroups.attachIDs for extra security groups',
  ),
  'NodeGroupSSH.publicKey': refused(
    'private-eks does not import key material',
    'use ssh.publicKeyName, the name of an EC2 key pair',
  ),
  'NodeGroupSSH.publicKeyPath': refused(
    'private-eks does not read files named in the config; an empty path (what eksctl writes) is accepted',
    'use ssh.publicKeyName, the name of an EC2 key pair',
  ),
  'NodeGroupSSH.enableSsm': different('needs the ssm, ssmmessages and ec2messages endpoints, which are added'),
  InstanceSelector: built(
    'as eksctl: exact vCPUs, memory (GiB unless a unit says MiB or TiB), gpus and neuron_devices; cpuArchitecture default x86_64; allow and deny regular expressions over the type names',
  ),
  'VolumeMapping.volumeEncrypted': different('default true: extra volumes are encrypted unless the file says false'),
};

/** Fields both kinds of nodegroup have, refused or built differently in the same way. */
function nodeGroupRows(type: 'NodeGroup' | 'ManagedNodeGroup'): Record<string, FieldSupport> {
  return {
    [`${type}.volumeEncrypted`]: different('default true: the root volume is encrypted unless the file says false'),
    [`${type}.disableIMDSv1`]: different('always true: nodes require IMDSv2 (false gets a warning)'),
    [`${type}.privateNetworking`]: different('must be true in a fully-private cluster (V8)'),
    [`${type}.outpostARN`]: refused('nodegroups on Outposts are out of scope (V10)', 'remove outpostARN'),
    [`${type}.additionalVolumes`]: different(
      "block devices of the nodes' launch template, with eksctl's defaults, encrypted unless volumeEncrypted is false",
    ),
    [`${type}.efaEnabled`]: refused(
      'eksctl asks EC2 at create time how many network cards each instance type has, builds an EFA interface per card with an EFA security group and a cluster placement group, and installs the EFA device plugin; private-eks plans offline and does not build these yet',
      'create the nodegroup from a launch template of your own with the EFA interfaces (managedNodeGroups[].launchTemplate), and install the EFA device plugin from a private ECR mirror',
    ),
    [`${type}.instanceMarketOptions`]: built('with capacityReservation only (a Capacity Block), as eksctl'),
    [`${type}.instanceSelector`]: different(
      `resolved when the cluster is planned live (plan and create), not only at create: EC2's instance types (DescribeInstanceTypes) offered in every zone of the nodegroup, matched as eksctl matches them, sorted by name, at most 40; the plan shows them and create builds exactly those (${type === 'ManagedNodeGroup' ? 'instanceTypes' : 'a mixed instances policy, instancesDistribution.instanceTypes'}). Offline the plan says EC2 chooses them and the templates take them as the parameter InstanceSelectorTypes. Next to the types eksctl --dry-run resolved it to, those types are built`,
    ),
    [`${type}.volumeIOPS`]: built('default 3000 for gp3, 100 for io1 and io2, as eksctl'),
    [`${type}.volumeThroughput`]: built('default 125 MiB/s for gp3, as eksctl'),
  };
}

// ---- lookups ---------------------------------------------------------------------------------

/** The row for an eksctl field, if the table has one (by field, then by its whole type). */
export function fieldSupportRow(type: string, field: string): FieldSupport | undefined {
  return FIELD_SUPPORT[`${type}.${field}`] ?? FIELD_SUPPORT[type];
}

/** What V19 says after "… is not supported by private-eks": why, then what to do instead. */
export function refusalHint(type: string | undefined, field: string): string | undefined {
  const row = type === undefined ? undefined : fieldSupportRow(type, field);
  if (row === undefined || row.status !== 'refused') return undefined;
  return [row.note, row.instead].filter((s) => s !== undefined && s !== '').join('; ');
}

interface EksctlFields {
  readonly root: string;
  readonly types: Readonly<
    Record<string, { readonly fields?: Record<string, string | null>; readonly values?: string | null }>
  >;
}

export const EKSCTL_FIELDS = eksctlFieldsData as EksctlFields;

export interface EksctlFieldRow extends FieldSupport {
  /** eksctl's type name and field, e.g. `ClusterVPC` / `extraCIDRs`. */
  readonly type: string;
  readonly field: string;
  /** One path where the field appears, e.g. `vpc.extraCIDRs`, `nodeGroups[].iam.withAddonPolicies`. */
  readonly path: string;
}

/**
 * Every field of eksctl's schema, once each (by type and field), classified: the table the docs
 * are generated from. `implemented(type, field)` says whether the schema implements the field
 * (fields.ts passes the schema walk; tests pass the same).
 */
export function eksctlFieldTable(implemented: (type: string, field: string) => boolean): EksctlFieldRow[] {
  const rows: EksctlFieldRow[] = [];
  const seen = new Set<string>();
  const visit = (type: string, path: string): void => {
    const info = EKSCTL_FIELDS.types[type];
    if (info === undefined || seen.has(type)) return;
    seen.add(type);
    if (info.values !== undefined && info.values !== null) visit(info.values, `${path}.<key>`);
    for (const [field, child] of Object.entries(info.fields ?? {})) {
      const fieldPath = path === '' ? field : `${path}.${field}`;
      const row =
        fieldSupportRow(type, field) ??
        (implemented(type, field) ? built() : refused('no classification', 'report this as a bug'));
      rows.push({ type, field, path: fieldPath, ...row });
      if (child !== null && child !== '*') visit(child, fieldPath);
    }
  };
  visit(EKSCTL_FIELDS.root, '');
  return rows;
}
