/**
 * The nodegroup part of THE schema (schema.ts): self-managed (`nodeGroups`) and managed
 * (`managedNodeGroups`), with eksctl's differences between the two kinds.
 */
import type { Static, TBoolean, TOptional } from '@sinclair/typebox';
import { Type } from './schema-type.js';
import {
  LABEL_KEY_PATTERN,
  LABEL_VALUE_PATTERN,
  Labels,
  PolicyDocument,
  StringMap,
  editor,
  flag,
  named,
  oneOf,
  strict,
  text,
  texts,
} from './schema-parts.js';

export const Taint = named(
  'Taint',
  strict(
    {
      key: editor(text('taint key'), { pattern: LABEL_KEY_PATTERN }),
      value: Type.Optional(editor(text('taint value'), { pattern: LABEL_VALUE_PATTERN })),
      effect: oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const, 'taint effect'),
    },
    'a Kubernetes taint on the nodes',
  ),
);

/**
 * The most nodes an Auto Scaling group or an EKS managed nodegroup takes (EKS: maxSize ≤ 1000;
 * beyond, AWS refuses the stack) and the most pods a kubelet is given (a 32-bit integer).
 */
const MAX_NODES = 1000;
const MAX_PODS = 2147483647;

/** eksctl's enum of `amiFamily` values (read without regard to case, as eksctl does: schema-eksctl.ts). */
export const AMI_FAMILIES = [
  'AmazonLinux2023',
  'AmazonLinux2',
  'UbuntuPro2604',
  'Ubuntu2604',
  'UbuntuPro2404',
  'Ubuntu2404',
  'UbuntuPro2204',
  'Ubuntu2204',
  'UbuntuPro2004',
  'Ubuntu2004',
  'Bottlerocket',
  'BottlerocketFips',
  'WindowsServer2019CoreContainer',
  'WindowsServer2019FullContainer',
  'WindowsServer2022CoreContainer',
  'WindowsServer2022FullContainer',
  'WindowsServer2025CoreContainer',
  'WindowsServer2025FullContainer',
] as const;

/** eksctl's `withAddonPolicies` names (NodeGroupIAMAddonPolicies); albIngress is the old awsLoadBalancerController. */
export const ADDON_POLICY_NAMES = [
  'imageBuilder',
  'autoScaler',
  'externalDNS',
  'certManager',
  'appMesh',
  'appMeshPreview',
  'ebs',
  'fsx',
  'efs',
  'awsLoadBalancerController',
  'albIngress',
  'xRay',
  'cloudWatch',
] as const;
export type AddonPolicyName = (typeof ADDON_POLICY_NAMES)[number];

const AddonPolicies = named(
  'NodeAddonPolicies',
  strict(
    Object.fromEntries(ADDON_POLICY_NAMES.map((name) => [name, Type.Optional(Type.Boolean())])) as Record<
      AddonPolicyName,
      TOptional<TBoolean>
    >,
    "eksctl's sets of policies for add-ons that run with the node role",
  ),
);

const VOLUME_TYPES = ['gp2', 'gp3', 'io1', 'io2', 'sc1', 'st1'] as const;

/** eksctl's VolumeMapping: an extra EBS volume in the nodes' launch template. */
const AdditionalVolume = named(
  'NodeAdditionalVolume',
  strict(
    {
      volumeName: text('the device name, e.g. /dev/xvdb'),
      volumeSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 16384, description: 'size in GiB; default 80' })),
      volumeType: Type.Optional(oneOf(VOLUME_TYPES, 'default gp3')),
      volumeEncrypted: Type.Optional(flag('encrypt the volume; default true')),
      volumeKmsKeyID: Type.Optional(text('the KMS key that encrypts the volume; default: the account default key')),
      volumeIOPS: Type.Optional(
        Type.Integer({ minimum: 0, description: 'IOPS (gp3, io1, io2); default 3000 for gp3, 100 for io1 and io2' }),
      ),
      volumeThroughput: Type.Optional(Type.Integer({ minimum: 0, description: 'MiB/s (gp3); default 125' })),
      snapshotID: Type.Optional(text('an EBS snapshot the volume starts from')),
    },
    'an extra EBS volume attached to every node',
  ),
);

const CapacityReservation = named(
  'NodeCapacityReservation',
  strict(
    {
      capacityReservationPreference: Type.Optional(text('open or none')),
      capacityReservationTarget: Type.Optional(
        strict(
          {
            capacityReservationID: Type.Optional(text('a capacity reservation id (cr-…)')),
            capacityReservationResourceGroupARN: Type.Optional(text('a capacity reservation resource group ARN')),
          },
          'the reservation (or reservation group) the nodes launch into',
        ),
      ),
    },
    'the EC2 capacity reservation the nodes use',
  ),
);

const InstanceMarketOptions = named(
  'NodeInstanceMarketOptions',
  strict(
    { marketType: Type.Optional(text('capacity-block for an EC2 Capacity Block')) },
    'the purchasing option of the nodes (with capacityReservation)',
  ),
);

const InstanceSelector = named(
  'InstanceSelector',
  strict(
    {
      vCPUs: Type.Optional(Type.Integer({ minimum: 0, description: 'the number of vCPUs of the instance types' })),
      memory: Type.Optional(text('the memory of the instance types: 8GiB, 8 (GiB), 512MiB, 1TiB')),
      gpus: Type.Optional(
        Type.Integer({ minimum: 0, description: 'the number of GPUs; 0 selects types without GPUs' }),
      ),
      neuron_devices: Type.Optional(
        Type.Integer({ minimum: 0, description: 'the number of Neuron accelerators; 0 selects types without any' }),
      ),
      cpuArchitecture: Type.Optional(text('x86_64 (default), amd64 or arm64')),
      allow: Type.Optional(text('a regular expression the type names must match, e.g. m[5-7]i?\\.')),
      deny: Type.Optional(text('a regular expression the type names must not match')),
    },
    'choose the instance types from EC2 by these criteria when the cluster is planned (up to 40 types)',
  ),
);

const nodeGroupFields = {
  name: Type.Optional(text('nodegroup name, unique across nodeGroups and managedNodeGroups')),
  instanceType: Type.Optional(text('EC2 instance type; default m5.large')),
  instanceSelector: Type.Optional(InstanceSelector),
  amiFamily: Type.Optional(oneOf(AMI_FAMILIES, 'operating system family; default AmazonLinux2023')),
  ami: Type.Optional(text('a custom AMI id; default: the EKS-optimized AMI')),
  desiredCapacity: Type.Optional(
    Type.Integer({ minimum: 0, maximum: MAX_NODES, description: 'number of nodes; default 2' }),
  ),
  minSize: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_NODES, description: 'default: desiredCapacity' })),
  maxSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_NODES, description: 'default: desiredCapacity' })),
  volumeSize: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 16384, description: 'root volume size in GiB; default 80' }),
  ),
  volumeType: Type.Optional(oneOf(VOLUME_TYPES, 'default gp3')),
  volumeName: Type.Optional(
    text("the root volume's device name; default /dev/xvda (Bottlerocket's data volume /dev/xvdb, Ubuntu /dev/sda1)"),
  ),
  additionalVolumes: Type.Optional(Type.Array(AdditionalVolume, { description: 'extra EBS volumes for every node' })),
  volumeEncrypted: Type.Optional(flag('encrypt the root volume; default true')),
  volumeIOPS: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'root volume IOPS (gp3, io1, io2); default 3000 for gp3, 100 for io1 and io2',
    }),
  ),
  volumeThroughput: Type.Optional(
    Type.Integer({ minimum: 0, description: 'root volume throughput in MiB/s (gp3); default 125' }),
  ),
  volumeKmsKeyID: Type.Optional(text('the KMS key that encrypts the root volume; default: the account default key')),
  privateNetworking: Type.Optional(flag('must be set to true in a fully-private cluster')),
  enableDetailedMonitoring: Type.Optional(flag('EC2 detailed (1-minute) monitoring of the nodes')),
  ebsOptimized: Type.Optional(flag('EBS-optimized instances')),
  instanceName: Type.Optional(text('the Name tag of the nodes; default <cluster>-<nodegroup>-Node')),
  instancePrefix: Type.Optional(text('a prefix for the Name tag of the nodes (<prefix>-<name>)')),
  capacityReservation: Type.Optional(CapacityReservation),
  placement: Type.Optional(
    named(
      'NodePlacement',
      strict({ groupName: Type.Optional(text('an existing EC2 placement group')) }, 'the placement group of the nodes'),
    ),
  ),
  instanceMarketOptions: Type.Optional(InstanceMarketOptions),
  subnets: Type.Optional(texts('subnet ids or vpc.subnets.private names; default: all private subnets')),
  availabilityZones: Type.Optional(texts("zones for the nodes; default: all the cluster's zones")),
  labels: Type.Optional(Labels),
  tags: Type.Optional(StringMap),
  ssh: Type.Optional(
    named(
      'NodeSsh',
      strict(
        {
          allow: Type.Optional(flag('allow SSH to the nodes (from inside the VPC)')),
          publicKeyName: Type.Optional(text('the name of an EC2 key pair')),
          enableSsm: Type.Optional(flag('Session Manager access (needs the ssm endpoints)')),
          sourceSecurityGroupIds: Type.Optional(texts('security groups allowed to connect')),
        },
        'remote access to the nodes',
      ),
    ),
  ),
  iam: Type.Optional(
    named(
      'NodeIam',
      strict(
        {
          instanceRoleARN: Type.Optional(text('an existing node role')),
          instanceRoleName: Type.Optional(text('the name of the node role private-eks creates')),
          instanceProfileARN: Type.Optional(text('an existing instance profile (self-managed nodegroups)')),
          attachPolicyARNs: Type.Optional(texts('managed policies for the node role')),
          attachPolicy: Type.Optional(PolicyDocument),
          instanceRolePermissionsBoundary: Type.Optional(text('the ARN of a permissions boundary for the node role')),
          withAddonPolicies: Type.Optional(AddonPolicies),
        },
        'the IAM role of the nodes',
      ),
    ),
  ),
  securityGroups: Type.Optional(
    named(
      'NodeSecurityGroups',
      strict(
        {
          attachIDs: Type.Optional(texts('extra security groups for the nodes')),
          withShared: Type.Optional(flag("attach the cluster's shared node security group; default true")),
        },
        'security groups of the nodes',
      ),
    ),
  ),
  disableIMDSv1: Type.Optional(flag('IMDSv2 only; private-eks always requires IMDSv2')),
  disablePodIMDS: Type.Optional(
    flag('block instance metadata for pods that do not use host networking (hop limit 1); default false'),
  ),
  bottlerocket: Type.Optional(
    named(
      'NodeBottlerocket',
      strict(
        {
          enableAdminContainer: Type.Optional(flag("run Bottlerocket's admin container; default: ssh.allow")),
          settings: Type.Optional(
            Type.Record(Type.String(), Type.Unknown(), {
              description: 'Bottlerocket settings (the [settings] table of its user data)',
            }),
          ),
        },
        'Bottlerocket settings of the nodes',
      ),
    ),
  ),
  updateConfig: Type.Optional(
    named(
      'NodeUpdateConfig',
      strict(
        {
          maxUnavailable: Type.Optional(Type.Integer({ minimum: 1, description: 'nodes replaced at a time' })),
          maxUnavailablePercentage: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 100, description: 'percentage of nodes replaced at a time' }),
          ),
        },
        'how many nodes an update replaces at a time',
      ),
    ),
  ),
  maxPodsPerNode: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_PODS,
      description: 'maximum pods per node; 0: the default for the instance type',
    }),
  ),
  preBootstrapCommands: Type.Optional(texts('shell commands run before the node joins')),
  overrideBootstrapCommand: Type.Optional(text("replaces the AMI's bootstrap command")),
  outpostARN: Type.Optional(text('not supported in a fully-private cluster (V10)')),
};

export const NodeGroup = named(
  'NodeGroup',
  strict(
    {
      ...nodeGroupFields,
      // eksctl reads self-managed taints as a list or as a map of key: "value:Effect".
      taints: Type.Optional(
        Type.Union([Type.Array(Taint), StringMap], {
          description: 'a list of taints, or a map of key: "value:Effect"',
        }),
      ),
      localZones: Type.Optional(texts('not supported in a fully-private cluster (V9)')),
      kubeletExtraConfig: Type.Optional(
        Type.Record(Type.String(), Type.Unknown(), {
          description: "kubelet configuration (KubeletConfiguration fields) merged into the nodes' kubelet config",
        }),
      ),
      instancesDistribution: Type.Optional(
        named(
          'InstancesDistribution',
          strict(
            {
              instanceTypes: Type.Optional(texts('instance types of the mixed instances policy')),
              maxPrice: Type.Optional(Type.Number({ description: 'highest Spot price; default: the On-Demand price' })),
              onDemandBaseCapacity: Type.Optional(Type.Integer({ minimum: 0, description: 'default 0' })),
              onDemandPercentageAboveBaseCapacity: Type.Optional(
                Type.Integer({ minimum: 0, maximum: 100, description: 'default 100' }),
              ),
              spotInstancePools: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'default 2' })),
              spotAllocationStrategy: Type.Optional(
                text('lowest-price, capacity-optimized, price-capacity-optimized, …'),
              ),
              capacityRebalance: Type.Optional(flag('replace Spot instances at elevated risk of interruption')),
            },
            'a mixed instances policy: several instance types, On-Demand and Spot',
          ),
        ),
      ),
      cpuCredits: Type.Optional(text('standard or unlimited, for burstable (T) instance types')),
      asgSuspendProcesses: Type.Optional(
        texts('auto scaling processes suspended during rolling updates (AZRebalance, HealthCheck, …)'),
      ),
      maxInstanceLifetime: Type.Optional(
        Type.Integer({ minimum: 0, description: 'seconds an instance may live before it is replaced (86400 or more)' }),
      ),
      enclaveEnabled: Type.Optional(flag('Nitro Enclaves on the nodes')),
      propagateASGTags: Type.Optional(
        flag("tag the auto scaling group with the nodegroup's labels and taints, for the cluster autoscaler"),
      ),
      asgMetricsCollection: Type.Optional(
        Type.Array(
          named(
            'AsgMetricsCollection',
            strict(
              {
                granularity: text('1Minute'),
                metrics: Type.Optional(texts('the group metrics to collect; default: all')),
              },
              'auto scaling group metrics sent to CloudWatch',
            ),
          ),
          { description: 'auto scaling group metrics sent to CloudWatch' },
        ),
      ),
      classicLoadBalancerNames: Type.Optional(texts('Classic Load Balancers the nodes register with')),
      targetGroupARNs: Type.Optional(texts('load balancer target groups the nodes register with')),
      clusterDNS: Type.Optional(text("the kubelet's cluster DNS address; default: from the service CIDR")),
    },
    'a self-managed nodegroup: an auto scaling group of EC2 instances',
  ),
);

export const ManagedNodeGroup = named(
  'ManagedNodeGroup',
  strict(
    {
      ...nodeGroupFields,
      instanceTypes: Type.Optional(texts('several instance types (instead of instanceType)')),
      spot: Type.Optional(flag('use Spot capacity')),
      taints: Type.Optional(Type.Array(Taint)),
      releaseVersion: Type.Optional(text('the EKS-optimized AMI release (e.g. 1.33.0-20250704); default: the latest')),
      asgSuspendProcesses: Type.Optional(
        texts('auto scaling processes suspended on the group EKS made, once the nodegroup exists (AZRebalance, …)'),
      ),
      propagateASGTags: Type.Optional(
        flag("tag the group EKS made with the nodegroup's labels, taints and tags, for the cluster autoscaler"),
      ),
      nodeRepairConfig: Type.Optional(
        named(
          'NodeRepairConfig',
          strict(
            {
              enabled: Type.Optional(flag('EKS replaces nodes it finds unhealthy')),
              maxUnhealthyNodeThresholdPercentage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
              maxUnhealthyNodeThresholdCount: Type.Optional(Type.Integer({ minimum: 1 })),
              maxParallelNodesRepairedPercentage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
              maxParallelNodesRepairedCount: Type.Optional(Type.Integer({ minimum: 1 })),
              nodeRepairConfigOverrides: Type.Optional(
                Type.Array(
                  strict(
                    {
                      nodeMonitoringCondition: text('e.g. AcceleratedInstanceNotReady'),
                      nodeUnhealthyReason: text('e.g. NvidiaXID13Error'),
                      minRepairWaitTimeMins: Type.Integer({ minimum: 0 }),
                      repairAction: text('Replace, Reboot or NoAction'),
                    },
                    'a repair action for one condition and reason',
                  ),
                ),
              ),
            },
            'EKS node auto repair',
          ),
        ),
      ),
      launchTemplate: Type.Optional(
        strict(
          {
            id: text('the launch template id'),
            version: Type.Optional(text('its version; default: the default version')),
          },
          'an existing launch template for the nodes',
        ),
      ),
    },
    'an EKS managed nodegroup',
  ),
);

/** The fields private-eks implements on each kind of nodegroup. */
export const NODE_GROUP_FIELDS: readonly string[] = Object.keys(NodeGroup.properties);
export const MANAGED_NODE_GROUP_FIELDS: readonly string[] = Object.keys(ManagedNodeGroup.properties);

export type NodeGroupFile = Static<typeof NodeGroup>;
export type ManagedNodeGroupFile = Static<typeof ManagedNodeGroup>;
export type TaintFile = Static<typeof Taint>;
