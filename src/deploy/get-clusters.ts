/**
 * `get cluster` (SPEC §1): the clusters private-eks made in the region — found by their cluster
 * stack's tags (`alpha.eksctl.io/cluster-name` + `private-eks.io/version`) — with their status
 * (stack and EKS), endpoint access, nodegroups and the VPC endpoints of their VPC.
 */
import { DescribeSubnetsCommand, DescribeVpcEndpointsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../aws/types.js';
import { PrivateEksError } from '../errors.js';
import { callAws } from './aws-call.js';
import { describeClusterAccess } from './cluster-info.js';
import { describeAllStacks, privateEksClusters, type ClusterStacks } from './cluster-stacks.js';
import { endpointUsers } from '../plan/shared-endpoints.js';
import { verifyCluster } from '../verify/cluster.js';
import type { VerifyReport } from '../verify/types.js';
import { CLUSTER_NAME_TAG, VERSION_TAG, type StackInfo } from './stacks.js';

/** A VPC endpoint of a listed cluster. */
export interface VpcEndpointSummary {
  readonly id: string;
  /** Short name: `ecr.api`, `s3`, … */
  readonly service: string;
  readonly serviceName: string;
  readonly type: string;
  readonly state: string;
  /** Interface: the zones of its subnets. Gateway: none. */
  readonly zones: readonly string[];
  readonly subnetIds: readonly string[];
  readonly routeTableIds: readonly string[];
  readonly privateDns: boolean;
  /** Made by the cluster stack (else it was already in a supplied VPC and reused). */
  readonly ownedByCluster: boolean;
  /**
   * The stack that made it: `private-eks-endpoints-<vpc>` (the VPC's shared endpoints, deleted
   * with their last user), a cluster stack (deleted with that cluster), another stack; null when
   * no stack made it (the VPC's owner did, and private-eks never deletes it).
   */
  readonly owner: string | null;
  /**
   * The clusters that use it: every cluster in the VPC (private DNS serves the whole VPC), plus
   * those recorded on the shared endpoints stack. Sorted.
   */
  readonly users: readonly string[];
}

/** A cluster made by private-eks, as getClusters lists it: status, endpoint access, VPC and its endpoints. */
export interface ClusterSummary {
  readonly name: string;
  readonly region: string;
  /** The private-eks version that made it. */
  readonly createdBy: string;
  readonly stackStatus: string;
  /** EKS status (ACTIVE, CREATING, …); null when EKS has no such cluster. */
  readonly status: string | null;
  readonly version: string | null;
  readonly endpoint: string | null;
  readonly endpointAccess: {
    readonly publicAccess: boolean | null;
    readonly privateAccess: boolean | null;
    readonly publicAccessCidrs: readonly string[];
  };
  readonly vpcId: string | null;
  readonly nodeGroups: readonly { readonly name: string; readonly stackStatus: string }[];
  readonly fargateStackStatus: string | null;
  readonly vpcEndpoints: readonly VpcEndpointSummary[];
  /** With `verify`: the cluster checked through the AWS APIs (src/verify). */
  readonly verification?: VerifyReport;
}

/** Lists the clusters made by private-eks in the clients' region (by their stacks' tags), or one by name: status, endpoint access, VPC endpoints. */
export async function getClusters(
  clients: AwsClients,
  options: { name?: string; signal?: AbortSignal; verify?: boolean } = {},
): Promise<ClusterSummary[]> {
  const stacks = await describeAllStacks(clients.cloudFormation, options.signal);
  const clusters = privateEksClusters(stacks).filter((c) => options.name === undefined || c.cluster === options.name);
  if (options.name !== undefined && clusters.length === 0) {
    throw new PrivateEksError(
      'PE_NOT_FOUND',
      `no cluster named "${options.name}" made by private-eks in ${clients.region}`,
      {
        source: 'user',
        hint: `list them with: private-eks get cluster --region ${clients.region}`,
      },
    );
  }
  const out: ClusterSummary[] = [];
  // One at a time: a region rarely holds more than a few, and each is a handful of calls.
  for (const cluster of clusters) {
    const summary = await summarize(clients, cluster, stacks, options.signal);
    out.push(
      options.verify === true
        ? { ...summary, verification: await verifyCluster(clients, { cluster: cluster.cluster }, options.signal) }
        : summary,
    );
  }
  return out;
}

async function summarize(
  clients: AwsClients,
  found: ClusterStacks,
  stacks: readonly StackInfo[],
  signal: AbortSignal | undefined,
): Promise<ClusterSummary> {
  const stack = found.clusterStack;
  const eks = await describeClusterAccess(clients.eks, found.cluster, signal);
  const vpcId = stack?.outputs['VPC'] ?? eks?.vpcId ?? null;
  return {
    name: found.cluster,
    region: clients.region,
    createdBy: stack?.tags[VERSION_TAG] ?? 'unknown',
    stackStatus: stack?.status ?? 'MISSING',
    status: eks?.status ?? null,
    version: eks?.version ?? null,
    endpoint: eks?.endpoint ?? stack?.outputs['Endpoint'] ?? null,
    endpointAccess: {
      publicAccess: eks?.publicAccess ?? null,
      privateAccess: eks?.privateAccess ?? null,
      publicAccessCidrs: eks?.publicAccess === true ? eks.publicAccessCidrs : [],
    },
    vpcId,
    nodeGroups: found.nodeGroups.map((n) => ({ name: n.name, stackStatus: n.stack.status })),
    fargateStackStatus: found.fargate?.status ?? null,
    vpcEndpoints: vpcId === null ? [] : await vpcEndpoints(clients.ec2, vpcId, stack?.name, stacks, signal),
  };
}

async function vpcEndpoints(
  ec2: EC2Client,
  vpcId: string,
  clusterStackName: string | undefined,
  stacks: readonly StackInfo[],
  signal: AbortSignal | undefined,
): Promise<VpcEndpointSummary[]> {
  const inVpc = clustersInVpc(vpcId, stacks);
  const endpoints = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await callAws('ec2:DescribeVpcEndpoints', signal, (options) =>
      ec2.send(
        new DescribeVpcEndpointsCommand({
          Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
          ...(token === undefined ? {} : { NextToken: token }),
        }),
        options,
      ),
    );
    endpoints.push(...(page.VpcEndpoints ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  // A deleted endpoint stays listed for a while with state `deleted` (the emulator keeps it for ever).
  const live = endpoints.filter((e) => (e.State ?? '').toLowerCase() !== 'deleted');
  const subnetIds = [...new Set(live.flatMap((e) => e.SubnetIds ?? []))];
  const zoneOf = new Map<string, string>();
  if (subnetIds.length > 0) {
    const subnets = await callAws('ec2:DescribeSubnets', signal, (options) =>
      ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }), options),
    );
    for (const s of subnets.Subnets ?? []) zoneOf.set(s.SubnetId ?? '', s.AvailabilityZone ?? '');
  }
  return live
    .map((e): VpcEndpointSummary => {
      const serviceName = e.ServiceName ?? '';
      const subnets = e.SubnetIds ?? [];
      const owner = (e.Tags ?? []).find((t) => t.Key === 'aws:cloudformation:stack-name')?.Value ?? null;
      const ownerStack = owner === null ? undefined : stacks.find((st) => st.name === owner);
      const recorded = ownerStack === undefined ? [] : endpointUsers(ownerStack.tags);
      return {
        id: e.VpcEndpointId ?? '',
        service: shortServiceName(serviceName),
        serviceName,
        type: e.VpcEndpointType ?? '',
        state: e.State ?? '',
        zones: [...new Set(subnets.map((s) => zoneOf.get(s) ?? '?'))].sort(),
        subnetIds: subnets,
        routeTableIds: e.RouteTableIds ?? [],
        privateDns: e.PrivateDnsEnabled === true,
        ownedByCluster: owner !== null && owner === clusterStackName,
        owner,
        users: [...new Set([...inVpc, ...recorded])].sort(),
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service) || a.id.localeCompare(b.id));
}

/** The clusters whose cluster stack (private-eks's or eksctl's) says they are in the VPC. */
function clustersInVpc(vpcId: string, stacks: readonly StackInfo[]): string[] {
  return stacks.flatMap((s) => {
    const name = s.tags[CLUSTER_NAME_TAG];
    return name !== undefined && s.name === `eksctl-${name}-cluster` && s.outputs['VPC'] === vpcId ? [name] : [];
  });
}

/** `com.amazonaws.us-west-2.ecr.api` → `ecr.api` (the part after the region). */
export function shortServiceName(serviceName: string): string {
  const match = /^(?:[a-z0-9-]+\.)+?[a-z]{2}(?:-[a-z]+)+-\d+\.(.+)$/.exec(serviceName);
  return match?.[1] ?? serviceName;
}
