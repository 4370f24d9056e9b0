/**
 * Builders of `ResolvedConfig` values (src/config/resolved.ts) for tests of the planning and
 * template layers, so those tests need no YAML and no config layer. Every builder returns a new
 * object filled with the defaults of SPEC §4 — what `loadConfig` produces for a file that sets
 * only the fields a test cares about — and merges the overrides given (plain objects are merged
 * one level deep at a time; arrays and scalars are replaced).
 *
 *   resolvedConfig({ metadata: { region: 'cn-north-1' }, managedNodeGroups: [managedNodeGroup('m1')] })
 *   seedMinimalConfig()   // the seed's first example: ng1 (self-managed) + m1 (managed), us-west-2
 */
import type {
  Addon,
  FargateProfile,
  ResolvedConfig,
  ResolvedNodeGroup,
  ServiceAccount,
  SubnetSpec,
} from '../../src/config/resolved.js';

/** Overrides: any field may be given; nested plain objects may be given in part. */
export type Overrides<T> = {
  -readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? Overrides<T[K]> : T[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `overrides` into a copy of `base`: plain objects recursively, everything else replaced. */
function merge<T>(base: T, overrides: Overrides<T> | undefined): T {
  if (overrides === undefined) return structuredClone(base);
  const out: Record<string, unknown> = structuredClone(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : structuredClone(value);
  }
  return out as T;
}

/** The newest EKS version the tests assume (the config layer's default). */
export const TEST_KUBERNETES_VERSION = '1.34';

const BASE_CONFIG: ResolvedConfig = {
  file: 'cluster.yaml',
  metadata: { name: 'private-cluster', region: 'us-west-2', version: TEST_KUBERNETES_VERSION, tags: {} },
  availabilityZones: [],
  privateCluster: { skipEndpointCreation: false, additionalEndpointServices: [] },
  vpc: {
    cidr: '192.168.0.0/16',
    privateSubnets: [],
    publicAccessCIDRs: [],
    manageSharedNodeSecurityGroupRules: true,
    extraCIDRs: [],
    extraIPv6CIDRs: [],
    controlPlaneSecurityGroupIDs: [],
  },
  iam: { withOIDC: false, serviceAccounts: [], podIdentityAssociations: [] },
  accessConfig: {
    authenticationMode: 'API_AND_CONFIG_MAP',
    bootstrapClusterCreatorAdminPermissions: true,
    accessEntries: [],
  },
  cloudWatch: { enableTypes: [] },
  kubernetesNetworkConfig: { ipFamily: 'IPv4' },
  addons: [],
  nodeGroups: [],
  managedNodeGroups: [],
  fargateProfiles: [],
  identityProviders: [],
  iamIdentityMappings: [],
  zonalShift: false,
};

/** A cluster with no nodegroups in us-west-2 with every SPEC §4 default, plus `overrides`. */
export function resolvedConfig(overrides?: Overrides<ResolvedConfig>): ResolvedConfig {
  return merge(BASE_CONFIG, overrides);
}

function baseNodeGroup(kind: ResolvedNodeGroup['kind'], name: string): ResolvedNodeGroup {
  return {
    kind,
    name,
    instanceTypes: ['m5.large'],
    amiFamily: 'AmazonLinux2023',
    desiredCapacity: 2,
    minSize: 2,
    maxSize: 2,
    volumeSize: 80,
    volumeType: 'gp3',
    volumeEncrypted: true,
    privateNetworking: true,
    subnets: [],
    availabilityZones: [],
    labels: {},
    taints: [],
    tags: {},
    ssh: { allow: false, enableSsm: false, sourceSecurityGroupIds: [] },
    iam: { attachPolicyARNs: [] },
    securityGroups: { attachIDs: [], withShared: true },
    disableIMDSv1: true,
    spot: false,
    preBootstrapCommands: [],
  };
}

/** A self-managed nodegroup (`nodeGroups[]`) with SPEC §4 defaults. */
export function nodeGroup(name: string, overrides?: Overrides<ResolvedNodeGroup>): ResolvedNodeGroup {
  return merge(baseNodeGroup('self-managed', name), overrides);
}

/** A managed nodegroup (`managedNodeGroups[]`) with SPEC §4 defaults. */
export function managedNodeGroup(name: string, overrides?: Overrides<ResolvedNodeGroup>): ResolvedNodeGroup {
  return merge(baseNodeGroup('managed', name), overrides);
}

/** A Fargate profile selecting one namespace. */
export function fargateProfile(name: string, overrides?: Overrides<FargateProfile>): FargateProfile {
  return merge<FargateProfile>(
    { name, selectors: [{ namespace: 'default', labels: {} }], subnets: [], tags: {} },
    overrides,
  );
}

/** An EKS add-on (`addons[]`) with the config layer's defaults (resolveConflicts OVERWRITE). */
export function addon(name: string, overrides?: Overrides<Addon>): Addon {
  return merge<Addon>({ name, attachPolicyARNs: [], resolveConflicts: 'OVERWRITE', tags: {} }, overrides);
}

/** An IRSA service account (`iam.serviceAccounts[]`). */
export function serviceAccount(name: string, overrides?: Overrides<ServiceAccount>): ServiceAccount {
  return merge<ServiceAccount>(
    {
      name,
      namespace: 'default',
      attachPolicyARNs: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      roleOnly: false,
    },
    overrides,
  );
}

/** `vpc.subnets.private.<zone>: { id }` entries, keyed by zone as in the seed's user-supplied VPC example. */
export function suppliedSubnets(byZone: Readonly<Record<string, string>>): SubnetSpec[] {
  return Object.entries(byZone).map(([az, id]) => ({ key: az, id, az }));
}

/**
 * The seed's first full example (examples/minimal.yaml): `private-cluster` in us-west-2 with a
 * self-managed nodegroup `ng1` and a managed nodegroup `m1`, both m5.large × 2, private networking.
 */
export function seedMinimalConfig(overrides?: Overrides<ResolvedConfig>): ResolvedConfig {
  return resolvedConfig({ nodeGroups: [nodeGroup('ng1')], managedNodeGroups: [managedNodeGroup('m1')], ...overrides });
}

/**
 * The seed's user-supplied VPC example (examples/existing-vpc.yaml): three private subnets by id
 * in us-west-2b/c/d, `additionalEndpointServices: [autoscaling]`, ng1 + m1.
 */
export function seedExistingVpcConfig(overrides?: Overrides<ResolvedConfig>): ResolvedConfig {
  const seed = seedMinimalConfig({
    privateCluster: { additionalEndpointServices: ['autoscaling'] },
    vpc: {
      privateSubnets: suppliedSubnets({
        'us-west-2b': 'subnet-0818beec303f8419b',
        'us-west-2c': 'subnet-0d42ef09490805e2a',
        'us-west-2d': 'subnet-0da7418077077c5f9',
      }),
    },
    // The config layer reads zone-named subnet keys as the cluster's zones (resolved.ts).
    availabilityZones: ['us-west-2b', 'us-west-2c', 'us-west-2d'],
  });
  return merge(seed, overrides);
}
