/**
 * The network picture as a Mermaid flowchart (`plan -o mermaid`), for reviews and docs: GitHub,
 * GitLab and most wikis draw it from a ```mermaid block. The VPC is a box holding one box per
 * zone, each with its subnets and their interface endpoints; route tables lead to the gateway
 * endpoints; a note states what leaves the VPC. Node ids are derived from names, so the same
 * plan gives the same text (reviewable in diffs).
 */
import type { NetworkPicture, PictureSubnet } from './network-picture.js';
import { egressSentence } from './network-picture.js';

/** Mermaid ids: letters, digits and underscores. */
const id = (prefix: string, name: string): string => `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;

/** A quoted label; `"` would end it, so it becomes Mermaid's entity. */
const label = (...lines: string[]): string => `"${lines.join('<br/>').replace(/"/g, '#quot;')}"`;

const UNKNOWN = 'unknown offline';

function subnetNodes(s: PictureSubnet, indent: string): string[] {
  const subnetId = id('subnet', s.name);
  const lines = [`${indent}${subnetId}[${label(`subnet ${s.name}`, s.cidr ?? `CIDR ${UNKNOWN}`)}]`];
  if (s.interfaceEndpoints.length > 0) {
    const endpointsId = id('endpoints', s.name);
    lines.push(`${indent}${endpointsId}[${label('interface endpoints', s.interfaceEndpoints.join(', '))}]`);
    lines.push(`${indent}${subnetId} --- ${endpointsId}`);
  }
  return lines;
}

/** The flowchart's text, ending with a newline. */
export function renderNetworkMermaid(p: NetworkPicture): string {
  const out = ['flowchart TB'];
  const vpcTitle = p.vpc.created ? 'new VPC' : `VPC ${p.vpc.id ?? UNKNOWN}`;
  out.push(`  subgraph vpc[${label(`${vpcTitle} ${p.vpc.cidrs.join(', ')}`)}]`);
  out.push('    direction TB');
  const routeTables = new Set<string>();
  p.zones.forEach((zone, i) => {
    out.push(`    subgraph ${id('zone', zone.name ?? `unknown_${i}`)}[${label(zone.name ?? `zone ${UNKNOWN}`)}]`);
    out.push('      direction TB');
    for (const s of zone.subnets) out.push(...subnetNodes(s, '      '));
    out.push('    end');
  });
  for (const zone of p.zones) {
    for (const s of zone.subnets) {
      if (s.routeTable === null) continue;
      const tableId = id('rt', s.routeTable);
      if (!routeTables.has(s.routeTable)) out.push(`    ${tableId}[${label(`route table ${s.routeTable}`)}]`);
      routeTables.add(s.routeTable);
      out.push(`    ${id('subnet', s.name)} --> ${tableId}`);
    }
  }
  for (const g of p.gatewayEndpoints) {
    const gatewayId = id('gateway', g.service);
    out.push(
      `    ${gatewayId}{{${label(`${g.service} gateway endpoint${g.reusedId === null ? '' : ` (reused ${g.reusedId})`}`)}}}`,
    );
    for (const table of g.routeTables) {
      if (!routeTables.has(table)) out.push(`    ${id('rt', table)}[${label(`route table ${table}`)}]`);
      routeTables.add(table);
      out.push(`    ${id('rt', table)} --> ${gatewayId}`);
    }
  }
  for (const e of p.reusedInterfaceEndpoints) {
    out.push(
      `    ${id('reused', e.service)}[${label(`${e.service} interface endpoint`, `reused ${e.id ?? ''}`.trim())}]`,
    );
  }
  out.push('  end');
  out.push(`  api[${label('EKS API server', `endpoint: ${p.apiServerAccess}`)}]`);
  out.push('  api -.-|private endpoint| vpc');
  out.push(`  egress>${label(capitalize(egressSentence(p)), p.egressBasis)}]`);
  out.push('  egress ~~~ vpc');
  return out.join('\n') + '\n';
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
