/**
 * SPEC §4 defaults: the raw file (type-checked) → ResolvedConfig, a new object; the input is never
 * changed. Each default names its source: eksctl's (pkg/apis/eksctl.io/v1alpha5/defaults.go) or
 * SPEC §4. Zones and subnet CIDRs are not chosen here: planning does that from CloudFacts.
 *
 * Also called on files with problems (the rules read the result), so every field read here may be
 * absent whatever the type says: a field whose type check failed was removed from the input.
 */
import type {
  AccessEntry,
  Addon,
  ClusterLogType,
  FargateProfile,
  PodIdentityAssociation,
  PodIdentityRoleOptions,
  ResolvedConfig,
  ResolvedNodeGroup,
  ServiceAccount,
  SubnetSpec,
  TaintEffect,
} from './resolved.js';
import type { ClusterConfigFile, ManagedNodeGroupFile, NodeGroupFile, TaintFile } from './schema.js';
import { resolveInstanceSelector } from './instance-selector.js';
import { ADDON_POLICY_NAMES, type AddonPolicyName } from './schema-nodegroups.js';
import { WELL_KNOWN_POLICY_NAMES, type WellKnownPolicyName } from './schema-parts.js';
import { clusterFieldDefaults, vpcFieldDefaults } from './defaults-cluster.js';
import { nodeGroupOptions } from './defaults-nodegroup-options.js';
import { DEFAULT_KUBERNETES_VERSION } from './versions.js';

export interface DefaultsOptions {
  /** The file name (`-` for stdin). */
  readonly file: string;
  /** `--region`. */
  readonly region?: string | undefined;
  /** `AWS_REGION` from the environment (the caller reads it; config code never reads process.env). */
  readonly envRegion?: string | undefined;
}

/** SPEC §4. */
export const DEFAULT_VPC_CIDR = '192.168.0.0/16';
/** SPEC §4 (eksctl's DefaultNodeType). */
export const DEFAULT_INSTANCE_TYPE = 'm5.large';
/** SPEC §4 (eksctl's DefaultNodeCount). */
export const DEFAULT_NODE_COUNT = 2;
/** SPEC §4 (eksctl's DefaultNodeVolumeSize). */
export const DEFAULT_VOLUME_SIZE = 80;
/** SPEC §4 (eksctl's DefaultNodeVolumeType). */
export const DEFAULT_VOLUME_TYPE = 'gp3';
/** SPEC §4 (eksctl's DefaultNodeImageFamily). */
export const DEFAULT_AMI_FAMILY = 'AmazonLinux2023';
/** eksctl's DefaultNodeVolumeGP3IOPS, DefaultNodeVolumeIO1IOPS and DefaultNodeVolumeIO2IOPS. */
const DEFAULT_VOLUME_IOPS: Readonly<Record<string, number>> = { gp3: 3000, io1: 100, io2: 100 };
/** eksctl's DefaultNodeVolumeThroughput (gp3 only). */
const DEFAULT_VOLUME_THROUGHPUT = 125;

/**
 * eksctl's default add-ons (KnownAddons with IsDefault), in the order they are added. metrics-server
 * is not offered in the China, GovCloud and ISO regions (its ExcludedRegions).
 */
const DEFAULT_ADDONS = ['vpc-cni', 'kube-proxy', 'coredns', 'metrics-server'] as const;
const METRICS_SERVER_EXCLUDED_REGIONS = new Set([
  'cn-north-1',
  'cn-northwest-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'us-gov-west-1',
  'us-gov-east-1',
  'us-isof-east-1',
  'us-isof-south-1',
  'eu-isoe-west-1',
]);
/** Add-ons whose pods need a node (or a Fargate profile for kube-system) to become ACTIVE. */
const PODS_NEED_CAPACITY = new Set(['coredns', 'metrics-server']);

const ALL_LOG_TYPES: readonly ClusterLogType[] = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** `us-west-2a`: how eksctl tells a zone-named subnet key (`vpc.subnets.private.us-west-2a`). */
const ZONE_NAME = /^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$/;

export function looksLikeZone(name: string): boolean {
  return ZONE_NAME.test(name);
}

const copy = <T>(values: readonly T[] | undefined): T[] => [...(values ?? [])];
const copyMap = (map: Readonly<Record<string, string>> | undefined): Record<string, string> => ({ ...(map ?? {}) });

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Non-empty strings only: an empty `region: ""` counts as absent. */
function firstSet(...values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && v !== '');
}

function privateSubnets(config: ClusterConfigFile): SubnetSpec[] {
  return Object.entries(config.vpc?.subnets?.private ?? {}).map(([key, spec]) => {
    const subnet: { key: string; id?: string; az?: string; cidr?: string } = { key };
    if (spec.id !== undefined) subnet.id = spec.id;
    // eksctl reads a zone-named key as the subnet's zone when `az` is not given.
    const az = spec.az ?? (looksLikeZone(key) ? key : undefined);
    if (az !== undefined) subnet.az = az;
    if (spec.cidr !== undefined) subnet.cidr = spec.cidr;
    return subnet;
  });
}

function taints(value: NodeGroupFile['taints']): ResolvedNodeGroup['taints'] {
  if (Array.isArray(value)) {
    return value.map((t: TaintFile) => (t.value === undefined ? { key: t.key, effect: t.effect } : { ...t }));
  }
  // eksctl's map form, `key: "value:Effect"` (checked in schema-check.ts).
  return Object.entries(value ?? {}).map(([key, text]) => {
    const at = text.lastIndexOf(':');
    const effect = text.slice(at + 1) as TaintEffect;
    const taintValue = at > 0 ? text.slice(0, at) : '';
    return taintValue === '' ? { key, effect } : { key, value: taintValue, effect };
  });
}

function nodeGroup(
  ng: NodeGroupFile | ManagedNodeGroupFile,
  kind: ResolvedNodeGroup['kind'],
): ResolvedNodeGroup & { privateNetworking: true } {
  const managed = kind === 'managed' ? (ng as ManagedNodeGroupFile) : undefined;
  // eksctl: desiredCapacity 2 unless minSize says more; min and max follow desired (SPEC §4).
  const desiredCapacity = ng.desiredCapacity ?? ng.minSize ?? Math.min(DEFAULT_NODE_COUNT, ng.maxSize ?? Infinity);
  const minSize = ng.minSize ?? desiredCapacity;
  const maxSize = ng.maxSize ?? Math.max(desiredCapacity, minSize);
  // A selector's types come from EC2 when the cluster is planned (plan/instance-selection.ts).
  const selector = ng.instanceSelector === undefined ? undefined : resolveInstanceSelector(ng.instanceSelector);
  const instanceTypes =
    managed?.instanceTypes !== undefined && managed.instanceTypes.length > 0
      ? copy(managed.instanceTypes)
      : selector !== undefined
        ? []
        : [ng.instanceType ?? DEFAULT_INSTANCE_TYPE];
  const resolved: ResolvedNodeGroup & { privateNetworking: true } = {
    kind,
    name: ng.name ?? '',
    instanceTypes,
    ...(selector === undefined ? {} : { instanceSelector: selector }),
    amiFamily: ng.amiFamily ?? DEFAULT_AMI_FAMILY,
    desiredCapacity,
    minSize,
    maxSize,
    volumeSize: ng.volumeSize ?? DEFAULT_VOLUME_SIZE,
    volumeType: ng.volumeType ?? DEFAULT_VOLUME_TYPE,
    // SPEC §4: encrypted unless the file says otherwise (eksctl leaves it to the account default).
    volumeEncrypted: ng.volumeEncrypted ?? true,
    // V8 rejects anything but an explicit true; never defaulted.
    privateNetworking: true,
    subnets: copy(ng.subnets),
    availabilityZones: copy(ng.availabilityZones),
    labels: copyMap(ng.labels),
    taints: taints(ng.taints),
    tags: copyMap(ng.tags),
    ssh: {
      allow: ng.ssh?.allow ?? false,
      ...(ng.ssh?.publicKeyName === undefined ? {} : { publicKeyName: ng.ssh.publicKeyName }),
      enableSsm: ng.ssh?.enableSsm ?? false,
      sourceSecurityGroupIds: copy(ng.ssh?.sourceSecurityGroupIds),
    },
    iam: {
      ...(ng.iam?.instanceRoleARN === undefined ? {} : { instanceRoleARN: ng.iam.instanceRoleARN }),
      ...(ng.iam?.instanceProfileARN === undefined ? {} : { instanceProfileARN: ng.iam.instanceProfileARN }),
      attachPolicyARNs: copy(ng.iam?.attachPolicyARNs),
      ...(ng.iam?.attachPolicy === undefined ? {} : { attachPolicy: structuredClone(ng.iam.attachPolicy) }),
      ...(ng.iam?.instanceRolePermissionsBoundary === undefined
        ? {}
        : { instanceRolePermissionsBoundary: ng.iam.instanceRolePermissionsBoundary }),
      ...(ng.iam?.instanceRoleName === undefined || ng.iam.instanceRoleName === ''
        ? {}
        : { instanceRoleName: ng.iam.instanceRoleName }),
      withAddonPolicies: addonPolicies(ng.iam?.withAddonPolicies),
    },
    securityGroups: {
      attachIDs: copy(ng.securityGroups?.attachIDs),
      withShared: ng.securityGroups?.withShared ?? true,
    },
    // Security by default: IMDSv2 always (a file asking for IMDSv1 gets a warning, rules/nodegroups.ts).
    disableIMDSv1: true,
    // eksctl's default: pods may reach IMDS through the node (hop limit 2).
    disablePodIMDS: ng.disablePodIMDS ?? false,
    spot: managed?.spot ?? false,
    preBootstrapCommands: copy(ng.preBootstrapCommands),
    asgSuspendProcesses: copy(ng.asgSuspendProcesses),
  };
  const selfManaged = managed === undefined ? (ng as NodeGroupFile) : undefined;
  return {
    ...withNodeGroupOptions(withOptional(resolved, ng, managed), ng, selfManaged),
    ...nodeGroupOptions(ng, selfManaged, managed),
  };
}

/** `withAddonPolicies` as the list of enabled names; eksctl reads the old albIngress as awsLoadBalancerController. */
function addonPolicies(value: Partial<Record<AddonPolicyName, boolean>> | undefined): AddonPolicyName[] {
  const enabled = ADDON_POLICY_NAMES.filter((name) => value?.[name] === true).map((name) =>
    name === 'albIngress' ? 'awsLoadBalancerController' : name,
  );
  return unique(enabled);
}

export function wellKnownPolicies(
  value: Partial<Record<WellKnownPolicyName, boolean>> | undefined,
): WellKnownPolicyName[] {
  return WELL_KNOWN_POLICY_NAMES.filter((name) => value?.[name] === true);
}

/** Volume performance, Bottlerocket, kubelet, mixed instances and auto scaling options (eksctl's defaults). */
function withNodeGroupOptions(
  resolved: ResolvedNodeGroup & { privateNetworking: true },
  ng: NodeGroupFile | ManagedNodeGroupFile,
  selfManaged: NodeGroupFile | undefined,
): ResolvedNodeGroup & { privateNetworking: true } {
  const iops = ng.volumeIOPS ?? DEFAULT_VOLUME_IOPS[resolved.volumeType];
  const throughput = ng.volumeThroughput ?? (resolved.volumeType === 'gp3' ? DEFAULT_VOLUME_THROUGHPUT : undefined);
  const bottlerocket = resolved.amiFamily.startsWith('Bottlerocket')
    ? {
        ...((ng.bottlerocket?.enableAdminContainer ?? (resolved.ssh.allow ? true : undefined)) === undefined
          ? {}
          : { enableAdminContainer: ng.bottlerocket?.enableAdminContainer ?? resolved.ssh.allow }),
        settings: structuredClone(ng.bottlerocket?.settings ?? {}),
      }
    : undefined;
  // eksctl gives a self-managed nodegroup with a selector an (empty) instances distribution, for
  // the types the selector chooses (plan/instance-selection.ts).
  const distribution =
    selfManaged?.instancesDistribution ?? (selfManaged?.instanceSelector === undefined ? undefined : {});
  const mixedTypes = copy(distribution?.instanceTypes);
  return {
    ...resolved,
    ...(iops === undefined ? {} : { volumeIOPS: iops }),
    ...(throughput === undefined ? {} : { volumeThroughput: throughput }),
    ...(ng.volumeKmsKeyID === undefined ? {} : { volumeKmsKeyID: ng.volumeKmsKeyID }),
    ...(bottlerocket === undefined ? {} : { bottlerocket }),
    ...(selfManaged?.kubeletExtraConfig === undefined
      ? {}
      : { kubeletExtraConfig: structuredClone(selfManaged.kubeletExtraConfig) }),
    // The mixed instances policy's types are the nodegroup's (eksctl: the first is the launch template's).
    ...(mixedTypes.length > 0 ? { instanceTypes: mixedTypes } : {}),
    ...(distribution === undefined
      ? {}
      : {
          instancesDistribution: {
            instanceTypes: mixedTypes,
            ...optionalNumbers(distribution, [
              'maxPrice',
              'onDemandBaseCapacity',
              'onDemandPercentageAboveBaseCapacity',
              'spotInstancePools',
            ]),
            ...(distribution.spotAllocationStrategy === undefined
              ? {}
              : { spotAllocationStrategy: distribution.spotAllocationStrategy }),
            capacityRebalance: distribution.capacityRebalance ?? false,
          },
        }),
    ...(ng.updateConfig === undefined ? {} : { updateConfig: { ...ng.updateConfig } }),
    ...(selfManaged?.cpuCredits === undefined ? {} : { cpuCredits: selfManaged.cpuCredits }),
    ...(selfManaged?.maxInstanceLifetime === undefined ? {} : { maxInstanceLifetime: selfManaged.maxInstanceLifetime }),
  };
}

function optionalNumbers<K extends string>(
  source: Partial<Record<K, number>>,
  keys: readonly K[],
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function withOptional(
  resolved: ResolvedNodeGroup & { privateNetworking: true },
  ng: NodeGroupFile | ManagedNodeGroupFile,
  managed: ManagedNodeGroupFile | undefined,
): ResolvedNodeGroup & { privateNetworking: true } {
  return {
    ...resolved,
    ...(ng.ami === undefined ? {} : { ami: ng.ami }),
    ...(ng.maxPodsPerNode === undefined ? {} : { maxPodsPerNode: ng.maxPodsPerNode }),
    ...(ng.overrideBootstrapCommand === undefined ? {} : { overrideBootstrapCommand: ng.overrideBootstrapCommand }),
    ...(managed?.launchTemplate === undefined
      ? {}
      : {
          launchTemplate:
            managed.launchTemplate.version === undefined
              ? { id: managed.launchTemplate.id }
              : { id: managed.launchTemplate.id, version: managed.launchTemplate.version },
        }),
  };
}

function serviceAccount(
  sa: NonNullable<NonNullable<ClusterConfigFile['iam']>['serviceAccounts']>[number],
): ServiceAccount {
  return {
    name: sa.metadata?.name ?? '',
    // eksctl: service accounts go to the `default` namespace unless told otherwise.
    namespace: sa.metadata?.namespace ?? 'default',
    attachPolicyARNs: copy(sa.attachPolicyARNs),
    ...(sa.attachPolicy === undefined ? {} : { attachPolicy: structuredClone(sa.attachPolicy) }),
    ...(sa.roleName === undefined ? {} : { roleName: sa.roleName }),
    roleOnly: sa.roleOnly ?? false,
    wellKnownPolicies: wellKnownPolicies(sa.wellKnownPolicies),
    ...(sa.attachRoleARN === undefined ? {} : { attachRoleARN: sa.attachRoleARN }),
    labels: copyMap(sa.metadata?.labels),
    annotations: copyMap(sa.metadata?.annotations),
    ...(sa.permissionsBoundary === undefined || sa.permissionsBoundary === ''
      ? {}
      : { permissionsBoundary: sa.permissionsBoundary }),
    ...(sa.tags === undefined ? {} : { tags: copyMap(sa.tags) }),
    ...(sa.subjectPattern === undefined || sa.subjectPattern === '' ? {} : { subjectPattern: sa.subjectPattern }),
  };
}

function podIdentity(
  pia: NonNullable<NonNullable<ClusterConfigFile['iam']>['podIdentityAssociations']>[number],
): PodIdentityAssociation {
  return {
    namespace: pia.namespace,
    serviceAccountName: pia.serviceAccountName,
    ...(pia.roleARN === undefined ? {} : { roleARN: pia.roleARN }),
    permissionPolicyARNs: copy(pia.permissionPolicyARNs),
    wellKnownPolicies: wellKnownPolicies(pia.wellKnownPolicies),
    ...podIdentityRoleOptions(pia),
    ...(pia.targetRoleARN === undefined || pia.targetRoleARN === '' ? {} : { targetRoleARN: pia.targetRoleARN }),
    ...(pia.disableSessionTags === undefined ? {} : { disableSessionTags: pia.disableSessionTags }),
    ...(pia.policy === undefined || pia.policy === '' ? {} : { policy: pia.policy }),
    ...(pia.createServiceAccount === true ? { createServiceAccount: true } : {}),
  };
}

/** eksctl's options for the role of a Pod Identity association (empty strings are unset). */
function podIdentityRoleOptions(pia: {
  roleName?: string;
  permissionsBoundaryARN?: string;
  permissionPolicy?: Record<string, unknown>;
  permissionPolicyName?: string;
  tags?: Record<string, string>;
}): PodIdentityRoleOptions {
  return {
    ...(pia.roleName === undefined || pia.roleName === '' ? {} : { roleName: pia.roleName }),
    ...(pia.permissionsBoundaryARN === undefined || pia.permissionsBoundaryARN === ''
      ? {}
      : { permissionsBoundaryARN: pia.permissionsBoundaryARN }),
    ...(pia.permissionPolicy === undefined ? {} : { permissionPolicy: structuredClone(pia.permissionPolicy) }),
    ...(pia.permissionPolicyName === undefined || pia.permissionPolicyName === ''
      ? {}
      : { permissionPolicyName: pia.permissionPolicyName }),
    ...(pia.tags === undefined ? {} : { tags: copyMap(pia.tags) }),
  };
}

function accessEntry(
  entry: NonNullable<NonNullable<ClusterConfigFile['accessConfig']>['accessEntries']>[number],
): AccessEntry {
  return {
    principalARN: entry.principalARN,
    // EKS's default access entry type.
    type: entry.type ?? 'STANDARD',
    kubernetesGroups: copy(entry.kubernetesGroups),
    ...(entry.kubernetesUsername === undefined ? {} : { kubernetesUsername: entry.kubernetesUsername }),
    accessPolicies: (entry.accessPolicies ?? []).map((p) => ({
      policyARN: p.policyARN,
      accessScope: { type: p.accessScope?.type ?? 'cluster', namespaces: copy(p.accessScope?.namespaces) },
    })),
  };
}

function addon(a: NonNullable<ClusterConfigFile['addons']>[number]): Addon {
  return {
    name: a.name,
    ...(a.version === undefined ? {} : { version: a.version }),
    ...(a.serviceAccountRoleARN === undefined ? {} : { serviceAccountRoleARN: a.serviceAccountRoleARN }),
    attachPolicyARNs: copy(a.attachPolicyARNs),
    ...(a.configurationValues === undefined ? {} : { configurationValues: a.configurationValues }),
    // eksctl accepts the EKS values in any case; EKS wants them upper-case. Default OVERWRITE (resolved.ts).
    resolveConflicts: (a.resolveConflicts?.toUpperCase() ?? 'OVERWRITE') as Addon['resolveConflicts'],
    tags: copyMap(a.tags),
    ...(a.attachPolicy === undefined ? {} : { attachPolicy: structuredClone(a.attachPolicy) }),
    wellKnownPolicies: wellKnownPolicies(a.wellKnownPolicies),
    useDefaultPodIdentityAssociations: a.useDefaultPodIdentityAssociations ?? false,
    ...(a.namespaceConfig?.namespace === undefined || a.namespaceConfig.namespace === ''
      ? {}
      : { namespace: a.namespaceConfig.namespace }),
    ...(a.permissionsBoundary === undefined || a.permissionsBoundary === ''
      ? {}
      : { permissionsBoundary: a.permissionsBoundary }),
    ...(a.podIdentityAssociations === undefined || a.podIdentityAssociations.length === 0
      ? {}
      : {
          podIdentityAssociations: a.podIdentityAssociations.map((pia) => ({
            serviceAccountName: pia.serviceAccountName,
            ...(pia.namespace === undefined || pia.namespace === '' ? {} : { namespace: pia.namespace }),
            ...(pia.roleARN === undefined || pia.roleARN === '' ? {} : { roleARN: pia.roleARN }),
            permissionPolicyARNs: copy(pia.permissionPolicyARNs),
            wellKnownPolicies: wellKnownPolicies(pia.wellKnownPolicies),
            ...podIdentityRoleOptions(pia),
          })),
        }),
  };
}

/**
 * The file's add-ons, then eksctl's defaults it does not list (CreateAddonTasks), unless
 * `addonsConfig.disableDefaultAddons`. coredns and metrics-server only when something can run
 * their pods (a nodegroup, or a Fargate profile for kube-system): a CloudFormation add-on waits
 * for ACTIVE, which they never reach on a cluster without capacity.
 */
function addonsWithDefaults(config: ClusterConfigFile, region: string): Addon[] {
  const listed = (config.addons ?? []).map(addon);
  if (config.addonsConfig?.disableDefaultAddons === true) return listed;
  // A name may be missing in a file with problems (REQUIRED is reported; the rules still read this).
  const names = new Set(listed.map((a) => String(a.name ?? '').toLowerCase()));
  const hasNodes = (config.nodeGroups ?? []).length > 0 || (config.managedNodeGroups ?? []).length > 0;
  const kubeSystemOnFargate = (config.fargateProfiles ?? []).some((p) =>
    (p.selectors ?? []).some((s) => s.namespace === 'kube-system'),
  );
  // With Auto Mode, EKS runs networking and DNS itself: of the defaults only metrics-server (eksctl's IsDefaultAutoMode).
  const autoMode = config.autoModeConfig?.enabled === true;
  const defaults = DEFAULT_ADDONS.filter(
    (name) =>
      !names.has(name) &&
      (!autoMode || name === 'metrics-server') &&
      !(name === 'metrics-server' && METRICS_SERVER_EXCLUDED_REGIONS.has(region)) &&
      (!PODS_NEED_CAPACITY.has(name) || hasNodes || kubeSystemOnFargate || autoMode),
  );
  return [
    ...listed,
    ...defaults.map((name): Addon => ({
      name,
      attachPolicyARNs: [],
      resolveConflicts: 'OVERWRITE',
      tags: {},
      implicit: true,
    })),
  ];
}

function fargateProfile(p: NonNullable<ClusterConfigFile['fargateProfiles']>[number]): FargateProfile {
  return {
    name: p.name,
    selectors: (p.selectors ?? []).map((s) => ({ namespace: s.namespace, labels: copyMap(s.labels) })),
    subnets: copy(p.subnets),
    ...(p.podExecutionRoleARN === undefined ? {} : { podExecutionRoleARN: p.podExecutionRoleARN }),
    tags: copyMap(p.tags),
  };
}

function logTypes(types: readonly string[] | undefined): ClusterLogType[] {
  const expanded = (types ?? []).flatMap((t) => (t === '*' || t === 'all' ? ALL_LOG_TYPES : [t as ClusterLogType]));
  return unique(expanded);
}

/** The region the cluster goes to: the file's, else `--region`, else AWS_REGION (V15 when none). */
export function resolveRegion(config: ClusterConfigFile, options: DefaultsOptions): string | undefined {
  return firstSet(config.metadata?.region, options.region, options.envRegion);
}

/** Zones the file names: `availabilityZones`, else the zones of `vpc.subnets.private` (resolved.ts). */
export function namedZones(config: ClusterConfigFile): string[] {
  if ((config.availabilityZones ?? []).length > 0) return unique(copy(config.availabilityZones));
  return unique(privateSubnets(config).flatMap((s) => (s.az === undefined ? [] : [s.az])));
}

export function applyDefaults(config: ClusterConfigFile, options: DefaultsOptions): ResolvedConfig {
  const vpc = config.vpc ?? {};
  const iam = config.iam ?? {};
  const access = config.accessConfig ?? {};
  const logging = config.cloudWatch?.clusterLogging;
  const network = config.kubernetesNetworkConfig ?? {};
  return {
    file: options.file,
    metadata: {
      name: config.metadata?.name ?? '',
      region: resolveRegion(config, options) ?? '',
      version: config.metadata?.version ?? DEFAULT_KUBERNETES_VERSION,
      tags: copyMap(config.metadata?.tags),
    },
    availabilityZones: namedZones(config),
    privateCluster: {
      skipEndpointCreation: config.privateCluster?.skipEndpointCreation ?? false,
      additionalEndpointServices: copy(config.privateCluster?.additionalEndpointServices),
    },
    vpc: {
      ...(vpc.id === undefined ? {} : { id: vpc.id }),
      cidr: vpc.cidr ?? DEFAULT_VPC_CIDR,
      privateSubnets: privateSubnets(config),
      publicAccessCIDRs: copy(vpc.publicAccessCIDRs),
      ...(vpc.securityGroup === undefined ? {} : { securityGroup: vpc.securityGroup }),
      ...(vpc.sharedNodeSecurityGroup === undefined ? {} : { sharedNodeSecurityGroup: vpc.sharedNodeSecurityGroup }),
      // eksctl's default.
      manageSharedNodeSecurityGroupRules: vpc.manageSharedNodeSecurityGroupRules ?? true,
      ...vpcFieldDefaults(vpc),
    },
    iam: {
      ...(iam.serviceRoleARN === undefined ? {} : { serviceRoleARN: iam.serviceRoleARN }),
      withOIDC: iam.withOIDC ?? false,
      ...(iam.fargatePodExecutionRoleARN === undefined
        ? {}
        : { fargatePodExecutionRoleARN: iam.fargatePodExecutionRoleARN }),
      ...(iam.serviceRolePermissionsBoundary === undefined || iam.serviceRolePermissionsBoundary === ''
        ? {}
        : { serviceRolePermissionsBoundary: iam.serviceRolePermissionsBoundary }),
      ...(iam.fargatePodExecutionRolePermissionsBoundary === undefined ||
      iam.fargatePodExecutionRolePermissionsBoundary === ''
        ? {}
        : { fargatePodExecutionRolePermissionsBoundary: iam.fargatePodExecutionRolePermissionsBoundary }),
      serviceAccounts: (iam.serviceAccounts ?? []).map(serviceAccount),
      podIdentityAssociations: (iam.podIdentityAssociations ?? []).map(podIdentity),
      // eksctl's default: the cluster role gets AmazonEKSVPCResourceController unless told otherwise.
      vpcResourceControllerPolicy: iam.vpcResourceControllerPolicy ?? true,
    },
    accessConfig: {
      // SPEC §4.
      authenticationMode: access.authenticationMode ?? 'API_AND_CONFIG_MAP',
      // EKS's default (CreateCluster's bootstrapClusterCreatorAdminPermissions).
      bootstrapClusterCreatorAdminPermissions: access.bootstrapClusterCreatorAdminPermissions ?? true,
      accessEntries: (access.accessEntries ?? []).map(accessEntry),
    },
    cloudWatch: {
      enableTypes: logTypes(logging?.enableTypes),
      ...(logging?.logRetentionInDays === undefined ? {} : { logRetentionInDays: logging.logRetentionInDays }),
    },
    ...(config.secretsEncryption === undefined
      ? {}
      : { secretsEncryption: { keyARN: config.secretsEncryption.keyARN } }),
    kubernetesNetworkConfig: {
      ipFamily: network.ipFamily ?? 'IPv4',
      ...(network.serviceIPv4CIDR === undefined ? {} : { serviceIPv4CIDR: network.serviceIPv4CIDR }),
    },
    addons: addonsWithDefaults(config, resolveRegion(config, options) ?? ''),
    addonsConfig: {
      autoApplyPodIdentityAssociations: config.addonsConfig?.autoApplyPodIdentityAssociations ?? false,
      disableDefaultAddons: config.addonsConfig?.disableDefaultAddons ?? false,
    },
    nodeGroups: (config.nodeGroups ?? []).map((ng) => nodeGroup(ng, 'self-managed')),
    managedNodeGroups: (config.managedNodeGroups ?? []).map((ng) => nodeGroup(ng, 'managed')),
    fargateProfiles: (config.fargateProfiles ?? []).map(fargateProfile),
    ...clusterFieldDefaults(config),
  };
}
