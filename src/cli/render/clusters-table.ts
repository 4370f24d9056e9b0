/**
 * `get cluster` as tables. Its own module, loaded by `get` alone: cli-table3 and its colour
 * library are a tenth of the CLI's start-up code, which every other command would pay for.
 */
import Table from 'cli-table3';
import type { ClusterSummary } from '../../deploy/get-clusters.js';

/** `get cluster` as a table: one row per cluster, then (with one cluster) its VPC endpoints. */
export function clustersTable(clusters: readonly ClusterSummary[]): string {
  if (clusters.length === 0) return 'no clusters made by private-eks in this region\n';
  const table = new Table({
    head: ['NAME', 'REGION', 'STATUS', 'STACK', 'VERSION', 'ENDPOINT ACCESS', 'VPC', 'NODEGROUPS', 'VPC ENDPOINTS'],
    style: { head: [], border: [] },
  });
  for (const c of clusters) {
    table.push([
      c.name,
      c.region,
      c.status ?? '-',
      c.stackStatus,
      c.version ?? '-',
      accessCell(c),
      c.vpcId ?? '-',
      c.nodeGroups.map((n) => n.name).join(', ') || '-',
      String(c.vpcEndpoints.length),
    ]);
  }
  let out = `${table.toString()}\n`;
  if (clusters.length === 1) {
    const only = clusters[0] as ClusterSummary;
    const endpoints = new Table({
      head: ['SERVICE', 'TYPE', 'STATE', 'ZONES', 'ID', 'OWNER', 'USERS'],
      style: { head: [], border: [] },
    });
    for (const e of only.vpcEndpoints) {
      endpoints.push([
        e.service,
        e.type,
        e.state,
        e.type === 'Gateway' ? `${e.routeTableIds.length} route table(s)` : e.zones.join(', '),
        e.id,
        e.owner ?? 'the VPC (not a stack)',
        e.users.join(', ') || '-',
      ]);
    }
    out += `${endpoints.toString()}\n`;
  }
  for (const c of clusters) {
    if (c.verification === undefined) continue;
    const failed = c.verification.findings.filter((f) => f.status === 'fail');
    out +=
      failed.length === 0
        ? `verify ${c.name}: ${c.verification.findings.length} checks passed\n`
        : `verify ${c.name}: ${failed.length} of ${c.verification.findings.length} checks failed\n${failed
            .map((f) => `  ${f.resource}: ${f.message}${f.fix === undefined ? '' : `\n    fix: ${f.fix}`}`)
            .join('\n')}\n`;
  }
  return out;
}

function accessCell(c: ClusterSummary): string {
  const { publicAccess, privateAccess, publicAccessCidrs } = c.endpointAccess;
  if (publicAccess === null && privateAccess === null) return '-';
  if (publicAccess === true)
    return `public (${publicAccessCidrs.join(', ') || '0.0.0.0/0'}) + ${privateAccess === true ? 'private' : 'no private'}`;
  return privateAccess === true ? 'private only' : 'none';
}
