/**
 * The network picture as text, for `plan`: a small tree VPC → zones → subnets → interface
 * endpoints, the gateway endpoints on the route tables, then what leaves the VPC (nothing, for a
 * private cluster) said outright. Plain characters only: the plan is read in terminals, CI logs
 * and diffs.
 */
import type { NetworkPicture, PictureSubnet, PictureZone } from './network-picture.js';
import { egressSentence } from './network-picture.js';

const UNKNOWN = '(unknown offline)';

function vpcLine(p: NetworkPicture): string {
  const which = p.vpc.created ? 'new' : `supplied ${p.vpc.id ?? UNKNOWN}`;
  const zones = p.zones.map((z) => z.name ?? UNKNOWN);
  return `VPC ${which} ${p.vpc.cidrs.join(', ')}, private subnets in ${zones.join(', ')}; API server endpoint ${p.apiServerAccess}`;
}

/** Column widths, so that the subnets of every zone line up. */
interface Widths {
  readonly zone: number;
  readonly cidr: number;
  readonly name: number;
}

const cidrText = (s: PictureSubnet): string => s.cidr ?? '(cidr unknown offline)';

function subnetText(s: PictureSubnet, w: Widths): string {
  return `${cidrText(s).padEnd(w.cidr)}  ${s.name.padEnd(w.name)}  route table ${s.routeTable ?? UNKNOWN}`;
}

function endpointsText(s: PictureSubnet): string {
  return s.interfaceEndpoints.length > 0 ? `endpoints ${s.interfaceEndpoints.join(', ')}` : 'no interface endpoint';
}

/** One zone's lines; `last` draws the closing branch. */
function zoneLines(zone: PictureZone, last: boolean, w: Widths): string[] {
  const branch = last ? '└─ ' : '├─ ';
  const rail = last ? '   ' : '│  ';
  const name = (zone.name ?? UNKNOWN).padEnd(w.zone);
  const [only] = zone.subnets;
  if (zone.subnets.length === 1 && only !== undefined) {
    return [`${branch}${name}  ${subnetText(only, w)}`, `${rail}${' '.repeat(w.zone)}  ${endpointsText(only)}`];
  }
  const lines = [`${branch}${name}`];
  zone.subnets.forEach((s, i) => {
    const lastSubnet = i === zone.subnets.length - 1;
    lines.push(`${rail}${lastSubnet ? '└─ ' : '├─ '}${subnetText(s, w)}`);
    lines.push(`${rail}${lastSubnet ? '   ' : '│  '}${endpointsText(s)}`);
  });
  return lines;
}

/** The picture's lines, without indentation or heading (renderPlanText adds both). */
export function renderNetworkText(p: NetworkPicture): string[] {
  const subnets = p.zones.flatMap((z) => z.subnets);
  const widths: Widths = {
    zone: Math.max(0, ...p.zones.map((z) => (z.name ?? UNKNOWN).length)),
    cidr: Math.max(0, ...subnets.map((s) => cidrText(s).length)),
    name: Math.max(0, ...subnets.map((s) => s.name.length)),
  };
  const lines = [vpcLine(p)];
  p.zones.forEach((zone, i) => lines.push(...zoneLines(zone, i === p.zones.length - 1, widths)));
  for (const e of p.reusedInterfaceEndpoints)
    lines.push(`${e.service} interface endpoint: reused ${e.id ?? ''}`.trimEnd());
  for (const g of p.gatewayEndpoints) {
    const where =
      g.routeTables.length > 0 ? `on route tables ${g.routeTables.join(', ')}` : 'route tables unknown offline';
    lines.push(`${g.service} gateway endpoint${g.reusedId === null ? '' : ` (reused ${g.reusedId})`} ${where}`);
  }
  if (p.missingEndpoints.length > 0) lines.push(`endpoints the VPC lacks: ${p.missingEndpoints.join(', ')}`);
  lines.push(`${capitalize(egressSentence(p))} (${p.egressBasis})`);
  for (const finding of p.egress) {
    for (const evidence of finding.evidence) lines.push(`  ${finding.what}: ${evidence}`);
  }
  for (const route of p.otherRoutes) lines.push(`other route out of the VPC: ${route}`);
  return lines;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
