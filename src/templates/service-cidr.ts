/**
 * The Kubernetes service CIDR and the cluster DNS address. Nodes need both to bootstrap without
 * calling DescribeCluster, so private-eks writes the service CIDR into the cluster explicitly
 * instead of leaving EKS to pick one: the user's, else the one EKS itself would pick (its two
 * defaults, 10.100.0.0/16 or, when that overlaps the VPC, 172.20.0.0/16).
 */
import type { Plan } from '../plan/types.js';
import { planInvariant, vpcCidrs } from './context.js';

const EKS_DEFAULT_SERVICE_CIDRS = ['10.100.0.0/16', '172.20.0.0/16'] as const;

interface Range {
  readonly start: number;
  readonly end: number;
}

function parseIpv4Cidr(cidr: string): Range | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (match === null) return undefined;
  const [a, b, c, d, prefix] = match.slice(1).map(Number) as [number, number, number, number, number];
  const address = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  const size = 2 ** (32 - prefix);
  const start = address - (address % size);
  return { start, end: start + size - 1 };
}

function overlaps(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  return x !== undefined && y !== undefined && x.start <= y.end && y.start <= x.end;
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
  const address = range.start + 10;
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.');
}

export function isIpv6(plan: Plan): boolean {
  return plan.cluster.kubernetesNetworkConfig.ipFamily === 'IPv6';
}
