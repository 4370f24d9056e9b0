/**
 * IPv4 CIDR arithmetic, the one module for it: parsing (strict dotted quads, as AWS accepts them),
 * containment and overlap (rule V16), the subnet layout's split of the VPC block, and addresses
 * inside a block (the cluster DNS address). Addresses are unsigned 32-bit numbers.
 */
export interface Ipv4Cidr {
  /** The address as written, as an unsigned 32-bit number. */
  readonly address: number;
  readonly prefix: number;
  /** The network address (host bits cleared). */
  readonly network: number;
  /** The block as it should be written: `192.168.0.0/16`. */
  readonly canonical: string;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** An unsigned 32-bit address as a dotted quad: `10.100.0.10`. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

function block(network: number, prefix: number): Ipv4Cidr {
  return { address: network, prefix, network, canonical: `${formatIpv4(network)}/${prefix}` };
}

/** `10.0.0.0/16` → its parts; undefined for anything that is not an IPv4 CIDR. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR.exec(text.trim());
  if (match === null) return undefined;
  const octets = match.slice(1, 5).map(Number);
  // Leading zeros (`010.0.0.0`) are ambiguous (octal in some tools): refused, as AWS does.
  if (match.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) return undefined;
  if (octets.some((o) => o > 255)) return undefined;
  const prefix = Number(match[5]);
  if (prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => ((acc << 8) | o) >>> 0, 0);
  return { ...block((address & mask(prefix)) >>> 0, prefix), address };
}

export function hasHostBits(cidr: Ipv4Cidr): boolean {
  return cidr.address !== cidr.network;
}

/** The block's last address (its broadcast address). */
export function lastAddress(cidr: Ipv4Cidr): number {
  return (cidr.network | (~mask(cidr.prefix) >>> 0)) >>> 0;
}

/** True when every address of `inner` is in `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && (inner.network & mask(outer.prefix)) >>> 0 === outer.network;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** The `count` first blocks of `/newPrefix` inside `cidr`, in address order. */
export function splitCidr(cidr: Ipv4Cidr, newPrefix: number, count: number): Ipv4Cidr[] {
  const size = 2 ** (32 - newPrefix);
  return Array.from({ length: count }, (_, i) => block(cidr.network + i * size, newPrefix));
}
