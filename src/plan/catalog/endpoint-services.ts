/**
 * The VPC endpoint services private-eks plans (SPEC §5.1, §5.4) and how their names are built in
 * each partition (SPEC §5.2). Data: one record per service, no branches on names elsewhere
 * (style example 2, after eksctl's `EndpointServices` table).
 */
import type { EndpointType } from '../facts.js';
import type { Partition } from '../types.js';

/**
 * `required`: E1, always created, cannot be configured. `eksctl`: eksctl's three optional ones.
 * `extended`: the ones private-eks adds (SPEC §5.4) **[beyond]**.
 */
export type EndpointServiceGroup = 'required' | 'eksctl' | 'extended';

export interface EndpointServiceRecord {
  /** The short name users write and the last part of the service name: `ecr.api`. */
  readonly name: string;
  /** The only type private-eks creates for it: s3 as Gateway, everything else as Interface (SPEC §5.3). */
  readonly type: EndpointType;
  readonly group: EndpointServiceGroup;
  /** Why a fully-private cluster wants it, in one line (shown by `plan`). */
  readonly reason: string;
}

export const ENDPOINT_SERVICES: readonly EndpointServiceRecord[] = [
  // E1, in SPEC §5.1 order.
  { name: 'ec2', type: 'Interface', group: 'required', reason: 'the AWS cloud provider and the VPC CNI call EC2' },
  { name: 'ecr.api', type: 'Interface', group: 'required', reason: 'image pulls authenticate and resolve manifests' },
  { name: 'ecr.dkr', type: 'Interface', group: 'required', reason: 'image pulls talk to the registry' },
  { name: 's3', type: 'Gateway', group: 'required', reason: 'ECR serves image layers from S3' },
  { name: 'sts', type: 'Interface', group: 'required', reason: 'IRSA, Pod Identity and Fargate exchange tokens' },
  // eksctl's additional services (V6).
  { name: 'autoscaling', type: 'Interface', group: 'eksctl', reason: 'the Cluster Autoscaler scales nodegroups' },
  { name: 'cloudformation', type: 'Interface', group: 'eksctl', reason: 'tools inside the VPC read the stacks' },
  { name: 'logs', type: 'Interface', group: 'eksctl', reason: 'CloudWatch Logs agents and control-plane logging' },
  // SPEC §5.4 [beyond].
  { name: 'eks', type: 'Interface', group: 'extended', reason: 'the EKS API from inside the VPC' },
  { name: 'eks-auth', type: 'Interface', group: 'extended', reason: 'EKS Pod Identity credentials' },
  { name: 'ssm', type: 'Interface', group: 'extended', reason: 'Session Manager to nodes' },
  { name: 'ssmmessages', type: 'Interface', group: 'extended', reason: 'Session Manager channels' },
  { name: 'ec2messages', type: 'Interface', group: 'extended', reason: 'Session Manager agent messages' },
  {
    name: 'elasticloadbalancing',
    type: 'Interface',
    group: 'extended',
    reason: 'the AWS Load Balancer Controller manages load balancers',
  },
  { name: 'ebs', type: 'Interface', group: 'extended', reason: 'EBS direct APIs (snapshots)' },
  { name: 'kms', type: 'Interface', group: 'extended', reason: 'envelope encryption and encrypted volumes' },
  { name: 'secretsmanager', type: 'Interface', group: 'extended', reason: 'the Secrets Store CSI driver' },
  { name: 'sqs', type: 'Interface', group: 'extended', reason: 'Karpenter interruption queues and workloads' },
  { name: 'xray', type: 'Interface', group: 'extended', reason: 'X-Ray tracing daemons' },
  { name: 'aps-workspaces', type: 'Interface', group: 'extended', reason: 'Amazon Managed Prometheus remote write' },
  { name: 'elasticfilesystem', type: 'Interface', group: 'extended', reason: 'the EFS CSI driver' },
];

const BY_NAME: ReadonlyMap<string, EndpointServiceRecord> = new Map(ENDPOINT_SERVICES.map((s) => [s.name, s]));

export function endpointServiceRecord(name: string): EndpointServiceRecord | undefined {
  return BY_NAME.get(name);
}

/** E1, in order. */
export const REQUIRED_ENDPOINT_SERVICES: readonly string[] = ENDPOINT_SERVICES.filter(
  (s) => s.group === 'required',
).map((s) => s.name);

/** What `privateCluster.additionalEndpointServices` accepts (V6): eksctl's three, then SPEC §5.4. */
export const CATALOG_ADDITIONAL_ENDPOINT_SERVICES: readonly string[] = ENDPOINT_SERVICES.filter(
  (s) => s.group !== 'required',
).map((s) => s.name);

/** The service added for control-plane logging (E3). */
export const LOGGING_ENDPOINT_SERVICE = 'logs';

/**
 * SPEC §5.2, verbatim: the partitions whose service names use their own prefix for some services;
 * every other (partition, service) pair uses `com.amazonaws`. `ebs` and `execute-api` are listed
 * as SPEC lists them even where private-eks does not plan the service.
 */
export const PARTITION_SERVICE_PREFIXES: readonly {
  readonly partition: Partition;
  readonly prefix: string;
  readonly services: readonly string[];
}[] = [
  { partition: 'aws-cn', prefix: 'cn.com.amazonaws', services: ['ec2', 'ecr.api', 'ecr.dkr', 'sts', 'cloudformation'] },
  { partition: 'aws-iso', prefix: 'gov.ic.c2s', services: ['ec2', 'ecr.api', 'ecr.dkr', 'autoscaling'] },
  { partition: 'aws-iso-b', prefix: 'gov.sgov.sc2s', services: ['ec2', 'ecr.api', 'ecr.dkr', 'autoscaling'] },
  { partition: 'aws-iso-e', prefix: 'uk.adc-e.cloud', services: ['ecr.api', 'ecr.dkr', 'ebs', 'execute-api'] },
  { partition: 'aws-iso-f', prefix: 'gov.ic.hci.csp', services: ['ecr.api', 'ecr.dkr', 'ebs', 'execute-api'] },
];

export const DEFAULT_SERVICE_PREFIX = 'com.amazonaws';

/** `<prefix>.<region>.<service>` (SPEC §5.2). */
export function endpointServiceName(partition: Partition, region: string, service: string): string {
  const rule = PARTITION_SERVICE_PREFIXES.find((p) => p.partition === partition && p.services.includes(service));
  return `${rule?.prefix ?? DEFAULT_SERVICE_PREFIX}.${region}.${service}`;
}

/**
 * eksctl's logical id: `VPCEndpoint` + the short name upper-cased without dots (`VPCEndpointECRAPI`).
 * Dashes go too (`VPCEndpointEKSAUTH`): eksctl removes only dots, which would make `eks-auth` an
 * invalid CloudFormation logical id — eksctl never had a dashed service.
 */
export function endpointLogicalId(service: string): string {
  return `VPCEndpoint${service.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`;
}
