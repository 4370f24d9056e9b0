/**
 * IPv4 CIDR arithmetic for V16: parsing (strict dotted quads), containment and overlap.
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

function dotted(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
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
  const network = (address & mask(prefix)) >>> 0;
  return { address, prefix, network, canonical: `${dotted(network)}/${prefix}` };
}

export function hasHostBits(cidr: Ipv4Cidr): boolean {
  return cidr.address !== cidr.network;
}

function lastAddress(cidr: Ipv4Cidr): number {
  return (cidr.network | (~mask(cidr.prefix) >>> 0)) >>> 0;
}

/** True when every address of `inner` is in `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && (inner.network & mask(outer.prefix)) >>> 0 === outer.network;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}
