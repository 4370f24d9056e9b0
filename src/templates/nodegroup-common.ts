/**
 * What managed and self-managed nodegroup stacks share: finding the nodegroup and its subnets,
 * the node IAM role, the launch template data that makes every node safe by default (IMDSv2 with
 * hop limit 2, encrypted root volume, no public address), and the bootstrap sources.
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import type { Plan, PlannedSubnet, StackPlan } from '../plan/types.js';
import { dataVolumeDevice } from './ami.js';
import { arnValue, clusterOwnedTag, getAtt, tagList } from './cfn.js';
import { importFromCluster } from './cluster-exports.js';
import { clusterStackPlan, planInvariant, vpcCidrs } from './context.js';
import { nodeRoleManagedPolicies, serviceRole, vpcCniIpv6Policy } from './iam.js';
import { addonInlinePolicies } from './policy-sets.js';
import { isIpv6 } from './service-cidr.js';
import type { BootstrapSources } from './user-data.js';
import type { CfnResource, CfnValue } from './types.js';

export const NODE_ROLE_ID = 'NodeInstanceRole';
export const SSH_SECURITY_GROUP_ID = 'SSH';

type Tags = Readonly<Record<string, string>>;

/** Each plan's nodegroups by kind and name: one lookup per stack, not a scan (thousands of stacks). */
const nodeGroupsByName = new WeakMap<readonly ResolvedNodeGroup[], ReadonlyMap<string, ResolvedNodeGroup>>();

export function findNodeGroup(plan: Plan, stack: StackPlan): ResolvedNodeGroup {
  const pool = stack.kind === 'managed-nodegroup' ? plan.cluster.managedNodeGroups : plan.cluster.nodeGroups;
  let byName = nodeGroupsByName.get(pool);
  if (byName === undefined) {
    // The first of a duplicated name, as a scan would find (rules refuse duplicates anyway).
    byName = new Map([...pool].reverse().map((candidate) => [candidate.name, candidate]));
    nodeGroupsByName.set(pool, byName);
  }
  const ng = stack.nodeGroup === null ? undefined : byName.get(stack.nodeGroup);
  if (ng === undefined)
    throw planInvariant(`stack ${stack.name} names nodegroup ${String(stack.nodeGroup)}, which the config lacks`);
  return ng;
}

/**
 * The private subnets a nodegroup (or Fargate profile) uses: the listed ones (a
 * `vpc.subnets.private` key, a subnet id or a zone), else those in its zones, else all of the
 * cluster's.
 */
export function selectSubnets(
  plan: Plan,
  names: readonly string[],
  zones: readonly string[],
  owner: string,
): readonly (PlannedSubnet | string)[] {
  if (names.length > 0) {
    return names.flatMap((name): (PlannedSubnet | string)[] => {
      const found = plan.subnets.find((s) => s.key === name || s.id === name);
      if (found !== undefined) return [found];
      // eksctl also takes a zone name for the subnets of that zone.
      const inZone = plan.subnets.filter((s) => s.az === name);
      if (inZone.length > 0) return inZone;
      if (name.startsWith('subnet-')) return [name];
      throw planInvariant(`${owner}: subnet ${name} is not a subnet id, a vpc.subnets.private key or a zone`);
    });
  }
  const selected = zones.length > 0 ? plan.subnets.filter((s) => zones.includes(s.az)) : plan.subnets;
  if (selected.length === 0) throw planInvariant(`${owner}: no private subnet in zones ${zones.join(', ')}`);
  return selected;
}

/** A subnet as a later stack refers to it: by id, or by importing the cluster stack's export. */
export function subnetImportValue(plan: Plan, subnet: PlannedSubnet | string): CfnValue {
  if (typeof subnet === 'string') return subnet;
  return subnet.id ?? importFromCluster(clusterStackPlan(plan).name, `SubnetPrivate${subnet.logicalSuffix}`);
}

export function nodeSubnets(plan: Plan, ng: ResolvedNodeGroup): CfnValue[] {
  return selectSubnets(plan, ng.subnets, ng.availabilityZones, `nodegroup "${ng.name}"`).map((s) =>
    subnetImportValue(plan, s),
  );
}

export function nodeRoleResources(plan: Plan, ng: ResolvedNodeGroup, stackTags: Tags): Record<string, CfnResource> {
  if (ng.iam.instanceRoleARN !== undefined) return {};
  const partition = plan.region.partition;
  const ipv6 = isIpv6(plan);
  // The CNI policy stays on the node role even when the vpc-cni add-on gets a role of its own
  // (eksctl drops it with iam.withOIDC); in an IPv6 cluster it is the inline IPv6 policy: private-eks installs the add-ons after the nodes, and
  // until then the aws-node EKS put there runs with the node's role; without it nodes stay NotReady.
  const boundary = ng.iam.instanceRolePermissionsBoundary;
  return {
    [NODE_ROLE_ID]: serviceRole({
      principal: 'EC2',
      managedPolicyArns: nodeRoleManagedPolicies(ng, { partition, cniPolicy: !ipv6 }),
      inlinePolicies: [
        ...(ipv6 ? [vpcCniIpv6Policy()] : []),
        // `iam.attachPolicy`: the user's inline policy document, as eksctl attaches it ("PolicyAttachments").
        ...(ng.iam.attachPolicy === undefined
          ? []
          : [{ PolicyName: 'PolicyAttachments', PolicyDocument: ng.iam.attachPolicy as CfnValue }]),
        ...addonInlinePolicies(ng.iam.withAddonPolicies),
      ],
      ...(boundary === undefined ? {} : { permissionsBoundary: arnValue(boundary, partition) }),
      ...(ng.iam.instanceRoleName === undefined ? {} : { roleName: ng.iam.instanceRoleName }),
      tags: tagList(NODE_ROLE_ID, stackTags),
    }),
  };
}

export function nodeRoleArn(plan: Plan, ng: ResolvedNodeGroup): CfnValue {
  const given = ng.iam.instanceRoleARN;
  return given === undefined ? getAtt(NODE_ROLE_ID, 'Arn') : arnValue(given, plan.region.partition);
}

/** Labels every node carries, eksctl's first (tools such as eksctl's `get nodegroup` read them). */
export function nodeLabels(plan: Plan, ng: ResolvedNodeGroup): Record<string, string> {
  return {
    'alpha.eksctl.io/cluster-name': plan.cluster.metadata.name,
    'alpha.eksctl.io/nodegroup-name': ng.name,
    ...ng.labels,
  };
}

/**
 * The nodes' Name tag as eksctl forms it (generateNodeName): `instanceName` replaces
 * `<cluster>-<nodegroup>-Node`, and `instancePrefix` comes before either, with a dash.
 */
export function nodeName(plan: Plan, ng: ResolvedNodeGroup): string {
  const name = ng.instanceName ?? `${plan.cluster.metadata.name}-${ng.name}-Node`;
  return ng.instancePrefix === undefined ? name : `${ng.instancePrefix}-${name}`;
}

/** The tags every node, volume and interface of the nodegroup gets at launch. */
export function nodeTags(plan: Plan, ng: ResolvedNodeGroup, stackTags: Tags): Record<string, string> {
  return {
    Name: nodeName(plan, ng),
    ...clusterOwnedTag(plan.cluster.metadata.name),
    ...stackTags,
    ...ng.tags,
  };
}

/** Launch-time tag specifications (instances, volumes, network interfaces). */
export function nodeTagSpecifications(plan: Plan, ng: ResolvedNodeGroup, stackTags: Tags): CfnValue[] {
  const tags = Object.entries(nodeTags(plan, ng, stackTags)).map(([Key, Value]) => ({ Key, Value }));
  return ['instance', 'volume', 'network-interface'].map((ResourceType) => ({ ResourceType, Tags: tags }));
}

/** Launch template fields every nodegroup shares. */
export function secureLaunchTemplateData(plan: Plan, ng: ResolvedNodeGroup): Record<string, CfnValue> {
  const encryption = volumeEncryption(plan, ng.volumeEncrypted, ng.volumeKmsKeyID);
  const rootDevice = ng.volumeName ?? dataVolumeDevice(ng);
  return {
    // IMDSv2 only. Hop limit 2 lets pods on the node network reach it through the node;
    // disablePodIMDS makes it 1, so only the node itself (and host-network pods) can (eksctl).
    MetadataOptions: {
      HttpEndpoint: 'enabled',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: ng.disablePodIMDS ? 1 : 2,
    },
    BlockDeviceMappings: [
      // Bottlerocket's small OS volume keeps the image's size but is encrypted too, with the same key.
      ...(dataVolumeDevice(ng) !== '/dev/xvdb' || rootDevice === '/dev/xvda'
        ? []
        : [{ DeviceName: '/dev/xvda', Ebs: { VolumeType: 'gp3', ...encryption } }]),
      {
        DeviceName: rootDevice,
        Ebs: {
          VolumeSize: ng.volumeSize,
          VolumeType: ng.volumeType,
          ...volumePerformance(ng.volumeType, ng.volumeIOPS, ng.volumeThroughput),
          ...encryption,
        },
      },
      ...(ng.additionalVolumes ?? []).map((volume) => ({
        DeviceName: volume.volumeName,
        Ebs: {
          VolumeSize: volume.volumeSize,
          VolumeType: volume.volumeType,
          ...volumePerformance(volume.volumeType, volume.volumeIOPS, volume.volumeThroughput),
          ...volumeEncryption(plan, volume.volumeEncrypted, volume.volumeKmsKeyID),
          ...(volume.snapshotID === undefined ? {} : { SnapshotId: volume.snapshotID }),
        },
      })),
    ],
    ...(ng.ssh.allow && ng.ssh.publicKeyName !== undefined ? { KeyName: ng.ssh.publicKeyName } : {}),
    // T instances' credit mode; EC2 wants it in lower case (eksctl lowers it too).
    ...(ng.cpuCredits === undefined ? {} : { CreditSpecification: { CpuCredits: ng.cpuCredits.toLowerCase() } }),
    ...(ng.ebsOptimized === undefined ? {} : { EbsOptimized: ng.ebsOptimized }),
    ...(ng.enableDetailedMonitoring === undefined ? {} : { Monitoring: { Enabled: ng.enableDetailedMonitoring } }),
    ...(ng.placementGroup === undefined ? {} : { Placement: { GroupName: ng.placementGroup } }),
    ...capacityReservationData(plan, ng),
  };
}

/** eksctl's capacity reservation targeting; the market type (a Capacity Block) only with it. */
function capacityReservationData(plan: Plan, ng: ResolvedNodeGroup): Record<string, CfnValue> {
  const reservation = ng.capacityReservation;
  if (reservation === undefined) return {};
  const target = reservation.target;
  return {
    CapacityReservationSpecification: {
      ...(reservation.preference === undefined ? {} : { CapacityReservationPreference: reservation.preference }),
      ...(target === undefined
        ? {}
        : {
            CapacityReservationTarget: {
              ...(target.id === undefined ? {} : { CapacityReservationId: target.id }),
              ...(target.resourceGroupARN === undefined
                ? {}
                : { CapacityReservationResourceGroupArn: arnValue(target.resourceGroupARN, plan.region.partition) }),
            },
          }),
    },
    ...(ng.marketType === undefined ? {} : { InstanceMarketOptions: { MarketType: ng.marketType } }),
  };
}

function volumeEncryption(plan: Plan, encrypted: boolean, kmsKeyId: string | undefined): Record<string, CfnValue> {
  return {
    Encrypted: encrypted,
    ...(encrypted && kmsKeyId !== undefined ? { KmsKeyId: kmsKeyValue(plan, kmsKeyId) } : {}),
  };
}

/** IOPS for the types that take them (gp3, io1, io2), throughput for gp3 only: EC2 refuses them elsewhere. */
function volumePerformance(
  type: string,
  iops: number | undefined,
  throughput: number | undefined,
): Record<string, number> {
  return {
    ...(iops !== undefined && (type === 'gp3' || type === 'io1' || type === 'io2') ? { Iops: iops } : {}),
    ...(throughput !== undefined && type === 'gp3' ? { Throughput: throughput } : {}),
  };
}

/** A KMS key id, alias or ARN as given; an ARN in the plan's partition goes through `${AWS::Partition}`. */
function kmsKeyValue(plan: Plan, key: string): CfnValue {
  return key.startsWith('arn:') ? arnValue(key, plan.region.partition) : key;
}

/**
 * SSH from inside the VPC only (a fully-private cluster has nowhere else to come from): from the
 * listed security groups, else from the VPC CIDRs.
 */
export function sshSecurityGroupResources(
  plan: Plan,
  ng: ResolvedNodeGroup,
  stackTags: Tags,
): Record<string, CfnResource> {
  if (!ng.ssh.allow) return {};
  const sources = ng.ssh.sourceSecurityGroupIds;
  const rules =
    sources.length > 0
      ? sources.map((id) => ({
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          SourceSecurityGroupId: id,
          Description: `SSH from ${id}`,
        }))
      : vpcCidrs(plan).map((cidr) => ({
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIp: cidr,
          Description: `SSH from ${cidr}`,
        }));
  return {
    [SSH_SECURITY_GROUP_ID]: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `SSH access to the nodes of nodegroup ${ng.name}`,
        VpcId: importFromCluster(clusterStackPlan(plan).name, 'VPC'),
        SecurityGroupIngress: rules,
        Tags: tagList(SSH_SECURITY_GROUP_ID, clusterOwnedTag(plan.cluster.metadata.name), stackTags),
      },
    },
  };
}

/** The node security groups: shared node SG (unless opted out), the SSH group, the user's. */
export function nodeSecurityGroups(plan: Plan, ng: ResolvedNodeGroup, extraFirst: readonly CfnValue[]): CfnValue[] {
  const clusterStack = clusterStackPlan(plan).name;
  return [
    ...extraFirst,
    ...(ng.securityGroups.withShared ? [importFromCluster(clusterStack, 'SharedNodeSecurityGroup')] : []),
    ...(ng.ssh.allow ? [{ Ref: SSH_SECURITY_GROUP_ID }] : []),
    ...ng.securityGroups.attachIDs,
  ];
}

export function bootstrapSources(plan: Plan): BootstrapSources {
  const clusterStack = clusterStackPlan(plan).name;
  const ipv6 = isIpv6(plan);
  return {
    clusterName: plan.cluster.metadata.name,
    endpoint: importFromCluster(clusterStack, 'Endpoint'),
    certificateAuthority: importFromCluster(clusterStack, 'CertificateAuthorityData'),
    serviceCidr: importFromCluster(clusterStack, ipv6 ? 'ServiceIPv6CIDR' : 'ServiceIPv4CIDR'),
    clusterDns: importFromCluster(clusterStack, 'ClusterDNS'),
    ipv6,
  };
}
