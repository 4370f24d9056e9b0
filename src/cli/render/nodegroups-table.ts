/** `get nodegroup` as a table, with eksctl's columns. Loaded by that command alone (cli-table3). */
import Table from 'cli-table3';
import type { NodegroupSummary } from '../../deploy/nodegroup-ops.js';

export function nodegroupsTable(nodegroups: readonly NodegroupSummary[]): string {
  if (nodegroups.length === 0) return 'no nodegroups\n';
  const table = new Table({
    head: [
      'CLUSTER',
      'NODEGROUP',
      'STATUS',
      'CREATED',
      'MIN SIZE',
      'MAX SIZE',
      'DESIRED CAPACITY',
      'INSTANCE TYPE',
      'IMAGE ID',
      'ASG NAME',
      'TYPE',
      'VERSION',
    ],
    style: { head: [], border: [] },
  });
  const cell = (v: string | number | undefined): string => (v === undefined ? '-' : String(v));
  for (const n of nodegroups) {
    table.push([
      n.cluster,
      n.name,
      n.status,
      cell(n.createdAt),
      cell(n.minSize),
      cell(n.maxSize),
      cell(n.desiredCapacity),
      cell(n.instanceType),
      cell(n.imageId),
      cell(n.autoScalingGroupName),
      n.type,
      cell(n.version),
    ]);
  }
  return `${table.toString()}\n`;
}
