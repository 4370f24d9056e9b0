/**
 * `get cluster` as tables. Its own module, loaded by `get` alone: cli-table3 and its colour
 * library are a tenth of the CLI's start-up code, which every other command would pay for.
 *
 * Borderless, kubectl-style columns, so a cluster row and the endpoint rows fit a 100-column
 * terminal: the region is said once above the table (every row has the same one), the stack
 * status shows only when it is not a finished state, public-access CIDRs only for one cluster, and
 * endpoint zones by their letters. `-o json|yaml` has every field in full.
 */
import Table from 'cli-table3';
import type { ClusterSummary, VpcEndpointSummary } from '../../deploy/get-clusters.js';

const PLAIN = {
  chars: {
    top: '',
    'top-mid': '',
    'top-left': '',
    'top-right': '',
    bottom: '',
    'bottom-mid': '',
    'bottom-left': '',
    'bottom-right': '',
    left: '',
    'left-mid': '',
    mid: '',
    'mid-mid': '',
    right: '',
    'right-mid': '',
    middle: '  ',
  },
  style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
};

function render(head: string[], rows: string[][]): string {
  const table = new Table({ head, ...PLAIN });
  table.push(...rows);
  // Trailing spaces of the last column are padding only.
  return `${table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')}\n`;
}

/** `get cluster` as a table: one row per cluster, then (with one cluster) its VPC endpoints. */
export function clustersTable(clusters: readonly ClusterSummary[]): string {
  if (clusters.length === 0) return 'no clusters made by private-eks in this region\n';
  const regions = [...new Set(clusters.map((c) => c.region))].join(', ');
  let out = `clusters made by private-eks in ${regions}:\n`;
  out += render(
    ['NAME', 'VERSION', 'STATUS', 'API ACCESS', 'VPC', 'NODEGROUPS', 'ENDPOINTS'],
    clusters.map((c) => [
      c.name,
      c.version ?? '-',
      statusCell(c),
      accessCell(c),
      c.vpcId ?? '-',
      c.nodeGroups.map((n) => n.name).join(',') || '-',
      String(c.vpcEndpoints.length),
    ]),
  );
  if (clusters.length === 1) {
    const only = clusters[0] as ClusterSummary;
    const { publicAccess, publicAccessCidrs } = only.endpointAccess;
    if (publicAccess === true) {
      out += `\npublic API access from: ${publicAccessCidrs.join(', ') || '0.0.0.0/0 (anywhere)'}\n`;
    }
    out += `\nVPC endpoints of ${only.vpcId ?? 'the cluster VPC'} (zones in ${only.region}):\n`;
    out += render(
      ['SERVICE', 'TYPE', 'STATE', 'ZONES', 'ID', 'MADE BY', 'USERS'],
      only.vpcEndpoints.map((e) => [
        e.service,
        e.type,
        e.state,
        zonesCell(e, only.region),
        e.id,
        ownerCell(e),
        e.users.filter((u) => u !== only.name).join(',') || '-',
      ]),
    );
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

/** EKS's status, and the cluster stack's when it is not a settled `*_COMPLETE` state. */
function statusCell(c: ClusterSummary): string {
  const eks = c.status ?? '-';
  return /_COMPLETE$/.test(c.stackStatus) && !/ROLLBACK/.test(c.stackStatus) ? eks : `${eks} (${c.stackStatus})`;
}

/** Which stack made the endpoint: this cluster's, another stack (shared VPC), or none (already in the VPC). */
function ownerCell(e: VpcEndpointSummary): string {
  if (e.ownedByCluster) return 'cluster stack';
  return e.owner ?? 'already there';
}

function accessCell(c: ClusterSummary): string {
  const { publicAccess, privateAccess } = c.endpointAccess;
  if (publicAccess === null && privateAccess === null) return '-';
  if (publicAccess === true) return privateAccess === true ? 'public+private' : 'public';
  return privateAccess === true ? 'private only' : 'none';
}

/** `a,b,c` for zones of the region; a Gateway endpoint is on route tables, not in zones. */
function zonesCell(e: VpcEndpointSummary, region: string): string {
  if (e.type === 'Gateway') return `${e.routeTableIds.length} route table(s)`;
  return e.zones.map((z) => (z.startsWith(region) ? z.slice(region.length) : z)).join(',') || '-';
}
