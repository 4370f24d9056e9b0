/**
 * IPv4 CIDR arithmetic for the subnet layout (SPEC §4). Addresses are unsigned 32-bit numbers;
 * the config layer has already checked the CIDRs' syntax (V16), so a malformed one here is
 * reported as null rather than thrown.
 */
export interface Ipv4Cidr {
  /** The network address, as an unsigned 32-bit number (host bits cleared). */
  readonly network: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(text: string): Ipv4Cidr | null {
  const match = CIDR.exec(text.trim());
  if (match === null) return null;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return null;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { network: address - (address % blockSize(prefix)), prefix };
}

export function formatCidr(cidr: Ipv4Cidr): string {
  const n = cidr.network;
  return `${Math.floor(n / 2 ** 24) % 256}.${Math.floor(n / 2 ** 16) % 256}.${Math.floor(n / 2 ** 8) % 256}.${n % 256}/${cidr.prefix}`;
}

function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** The `count` first blocks of `/newPrefix` inside `cidr`, in address order. */
export function splitCidr(cidr: Ipv4Cidr, newPrefix: number, count: number): Ipv4Cidr[] {
  const size = blockSize(newPrefix);
  return Array.from({ length: count }, (_, i) => ({ network: cidr.network + i * size, prefix: newPrefix }));
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.network >= outer.network &&
    inner.network + blockSize(inner.prefix) <= outer.network + blockSize(outer.prefix)
  );
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + blockSize(b.prefix) && b.network < a.network + blockSize(a.prefix);
}
