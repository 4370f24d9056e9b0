/**
 * The Kubernetes service CIDR and the cluster DNS address. Nodes need both to bootstrap without
 * calling DescribeCluster, so private-eks writes the service CIDR into the cluster explicitly
 * instead of leaving EKS to pick one: the user's, else the one EKS itself would pick (its two
 * defaults, 10.100.0.0/16 or, when that overlaps the VPC, 172.20.0.0/16).
 */
import { cidrsOverlap, formatIpv4, parseIpv4Cidr } from '../config/cidr.js';
import type { Plan } from '../plan/types.js';
import { planInvariant, vpcCidrs } from './context.js';

const EKS_DEFAULT_SERVICE_CIDRS = ['10.100.0.0/16', '172.20.0.0/16'] as const;

function overlaps(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  return x !== undefined && y !== undefined && cidrsOverlap(x, y);
}

/** The IPv4 service CIDR of the cluster (IPv4 clusters only). */
export function serviceIpv4Cidr(plan: Plan): string {
  const configured = plan.cluster.kubernetesNetworkConfig.serviceIPv4CIDR;
  if (configured !== undefined) return configured;
  const cidrs = vpcCidrs(plan);
  return (
    EKS_DEFAULT_SERVICE_CIDRS.find((candidate) => !cidrs.some((cidr) => overlaps(candidate, cidr))) ??
    EKS_DEFAULT_SERVICE_CIDRS[0]
  );
}

/** The cluster DNS service address: the tenth address of the service CIDR, as EKS sets it up. */
export function clusterDnsIpv4(serviceCidr: string): string {
  const range = parseIpv4Cidr(serviceCidr);
  if (range === undefined) throw planInvariant(`service CIDR ${serviceCidr} is not an IPv4 CIDR`);
  return formatIpv4(range.network + 10);
}

export function isIpv6(plan: Plan): boolean {
  return plan.cluster.kubernetesNetworkConfig.ipFamily === 'IPv6';
}
