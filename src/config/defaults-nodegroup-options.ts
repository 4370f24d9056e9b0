/**
 * Defaults for the launch-template and auto scaling options of a nodegroup (defaults.ts calls it):
 * extra volumes, monitoring, the Name tag, capacity reservations, the self-managed group's load
 * balancers and metrics, a managed group's release and auto repair. eksctl's defaults
 * (pkg/apis/eksctl.io/v1alpha5/defaults.go, setDefaultsForAdditionalVolumes) except that extra
 * volumes are encrypted unless the file says false (SPEC §4, as the root volume).
 *
 * Called on files with problems too: every field may be absent whatever the type says.
 */
import type { AdditionalVolume, NodeRepairConfig, ResolvedNodeGroup } from './resolved.js';
import type { ManagedNodeGroupFile, NodeGroupFile } from './schema.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Options = Partial<
  Pick<
    ResolvedNodeGroup,
    | 'volumeName'
    | 'additionalVolumes'
    | 'enableDetailedMonitoring'
    | 'placementGroup'
    | 'ebsOptimized'
    | 'instanceName'
    | 'instancePrefix'
    | 'capacityReservation'
    | 'marketType'
    | 'enclaveEnabled'
    | 'propagateASGTags'
    | 'asgMetricsCollection'
    | 'classicLoadBalancerNames'
    | 'targetGroupARNs'
    | 'clusterDNS'
    | 'releaseVersion'
    | 'nodeRepairConfig'
  >
>;

/** eksctl's DefaultNodeVolumeSize, DefaultNodeVolumeType and the IOPS/throughput per type. */
const VOLUME_SIZE = 80;
const VOLUME_TYPE = 'gp3';
const VOLUME_IOPS: Readonly<Record<string, number>> = { gp3: 3000, io1: 100, io2: 100 };
const VOLUME_THROUGHPUT = 125;

export function nodeGroupOptions(
  ng: NodeGroupFile | ManagedNodeGroupFile,
  selfManaged: NodeGroupFile | undefined,
  managed: ManagedNodeGroupFile | undefined,
): Options {
  const out: Mutable<Options> = {};
  if (ng.volumeName !== undefined && ng.volumeName !== '') out.volumeName = ng.volumeName;
  if (ng.additionalVolumes !== undefined && ng.additionalVolumes.length > 0) {
    out.additionalVolumes = ng.additionalVolumes.map(additionalVolume);
  }
  if (ng.enableDetailedMonitoring !== undefined) out.enableDetailedMonitoring = ng.enableDetailedMonitoring;
  if (ng.ebsOptimized !== undefined) out.ebsOptimized = ng.ebsOptimized;
  const group = ng.placement?.groupName;
  if (group !== undefined && group !== '') out.placementGroup = group;
  if (ng.instanceName !== undefined && ng.instanceName !== '') out.instanceName = ng.instanceName;
  if (ng.instancePrefix !== undefined && ng.instancePrefix !== '') out.instancePrefix = ng.instancePrefix;
  const reservation = ng.capacityReservation;
  if (reservation !== undefined) {
    const target = reservation.capacityReservationTarget;
    out.capacityReservation = {
      ...(reservation.capacityReservationPreference === undefined
        ? {}
        : { preference: reservation.capacityReservationPreference }),
      ...(target === undefined
        ? {}
        : {
            target: {
              ...(target.capacityReservationID === undefined ? {} : { id: target.capacityReservationID }),
              ...(target.capacityReservationResourceGroupARN === undefined
                ? {}
                : { resourceGroupARN: target.capacityReservationResourceGroupARN }),
            },
          }),
    };
    // eksctl reads the market type only with a capacity reservation (a Capacity Block).
    const market = ng.instanceMarketOptions?.marketType;
    if (market !== undefined) out.marketType = market;
  }
  if (selfManaged !== undefined) selfManagedOptions(selfManaged, out);
  if (managed !== undefined) managedOptions(managed, out);
  return out;
}

function selfManagedOptions(ng: NodeGroupFile, out: Mutable<Options>): void {
  if (ng.enclaveEnabled !== undefined) out.enclaveEnabled = ng.enclaveEnabled;
  if (ng.propagateASGTags !== undefined) out.propagateASGTags = ng.propagateASGTags;
  if (ng.asgMetricsCollection !== undefined && ng.asgMetricsCollection.length > 0) {
    out.asgMetricsCollection = ng.asgMetricsCollection.map((m) => ({
      granularity: m.granularity,
      metrics: [...(m.metrics ?? [])],
    }));
  }
  if (ng.classicLoadBalancerNames !== undefined && ng.classicLoadBalancerNames.length > 0) {
    out.classicLoadBalancerNames = [...ng.classicLoadBalancerNames];
  }
  if (ng.targetGroupARNs !== undefined && ng.targetGroupARNs.length > 0) out.targetGroupARNs = [...ng.targetGroupARNs];
  if (ng.clusterDNS !== undefined && ng.clusterDNS !== '') out.clusterDNS = ng.clusterDNS;
}

function managedOptions(ng: ManagedNodeGroupFile, out: Mutable<Options>): void {
  if (ng.propagateASGTags !== undefined) out.propagateASGTags = ng.propagateASGTags;
  if (ng.releaseVersion !== undefined && ng.releaseVersion !== '') out.releaseVersion = ng.releaseVersion;
  const repair = ng.nodeRepairConfig;
  if (repair !== undefined) {
    const config: Mutable<NodeRepairConfig> = {
      nodeRepairConfigOverrides: (repair.nodeRepairConfigOverrides ?? []).map((o) => ({ ...o })),
    };
    if (repair.enabled !== undefined) config.enabled = repair.enabled;
    for (const key of [
      'maxUnhealthyNodeThresholdPercentage',
      'maxUnhealthyNodeThresholdCount',
      'maxParallelNodesRepairedPercentage',
      'maxParallelNodesRepairedCount',
    ] as const) {
      const value = repair[key];
      if (value !== undefined) config[key] = value;
    }
    out.nodeRepairConfig = config;
  }
}

function additionalVolume(v: NonNullable<NodeGroupFile['additionalVolumes']>[number]): AdditionalVolume {
  const type = v.volumeType ?? VOLUME_TYPE;
  const iops = v.volumeIOPS ?? VOLUME_IOPS[type];
  const throughput = v.volumeThroughput ?? (type === 'gp3' ? VOLUME_THROUGHPUT : undefined);
  return {
    volumeName: v.volumeName,
    volumeSize: v.volumeSize ?? VOLUME_SIZE,
    volumeType: type,
    // Security by default: encrypted unless the file says false (eksctl leaves it to the account).
    volumeEncrypted: v.volumeEncrypted ?? true,
    ...(v.volumeKmsKeyID === undefined ? {} : { volumeKmsKeyID: v.volumeKmsKeyID }),
    ...(iops === undefined ? {} : { volumeIOPS: iops }),
    ...(throughput === undefined ? {} : { volumeThroughput: throughput }),
    ...(v.snapshotID === undefined ? {} : { snapshotID: v.snapshotID }),
  };
}
