/**
 * A Plan as text (what `plan` prints to stdout) and as the JSON document of SPEC §1 (the plan's
 * fields with each stack's template). No colour: plan output is read by people and by diff.
 */
import { describeInstanceSelector } from '../../config/instance-selector.js';
import { serviceAccountCapabilities, serviceAccountStackName } from '../../deploy/service-account-roles.js';
import type { Plan, PlannedEndpoint, PlannedRouteTableRef, PlannedSubnetRef } from '../../plan/types.js';
import { UNKNOWN_OFFLINE } from '../../plan/types.js';
import { networkPicture } from '../../render/network-picture.js';
import { renderNetworkText } from '../../render/network-text.js';
import type { Template } from '../../templates/types.js';

/** `plan -o json`: the Plan with `stacks[].template` added (null when no template was rendered). */
export function planDocument(plan: Plan, templates: ReadonlyMap<string, unknown> | null): Record<string, unknown> {
  return {
    ...plan,
    stacks: plan.stacks.map((stack) => ({ ...stack, template: templates?.get(stack.name) ?? null })),
  };
}

function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).trimEnd(),
  );
}

const shown = (value: string | null): string =>
  value === null ? '-' : value === UNKNOWN_OFFLINE ? '(unknown offline)' : value;

function subnetRef(ref: PlannedSubnetRef): string {
  return 'id' in ref ? shown(ref.id) : `SubnetPrivate${ref.logicalSuffix}`;
}

function routeTableRef(ref: PlannedRouteTableRef): string {
  return 'id' in ref ? shown(ref.id) : `PrivateRouteTable${ref.logicalSuffix}`;
}

function endpointRow(e: PlannedEndpoint): string[] {
  let where: string;
  if (e.type === 'Gateway') {
    where =
      e.routeTables.length > 0 ? `route tables ${e.routeTables.map(routeTableRef).join(', ')}` : 'no route table known';
  } else {
    const supplied = e.subnets.filter((ref) => 'id' in ref);
    where = e.availabilityZones.join(', ') + (supplied.length > 0 ? ` (${supplied.map(subnetRef).join(', ')})` : '');
    if (e.skippedAvailabilityZones.length > 0)
      where += `; skips ${e.skippedAvailabilityZones.join(', ')} (not offered)`;
  }
  const status = e.reused ? `reused ${e.existingId ?? ''}`.trimEnd() : 'new';
  return [e.service, e.type, e.serviceName, status, where];
}

function access(a: { publicAccess: boolean; privateAccess: boolean }): string {
  return a.publicAccess ? 'public and private' : 'private only';
}

const money = (n: number, digits: number): string => `$${n.toFixed(digits)}`;

/** An IPv6 cluster's addresses: pods and services get IPv6, the VPC stays dual-stack. */
function ipv6Line(plan: Plan): string {
  const blocks =
    plan.vpc.id === null
      ? 'an Amazon-provided block on the new VPC, a /64 of it on each private subnet'
      : (plan.vpc.ipv6Cidrs ?? []).length > 0
        ? `the VPC's ${(plan.vpc.ipv6Cidrs ?? []).join(', ')}`
        : "the supplied VPC's own blocks";
  return `pods and services get IPv6 addresses from ${blocks}`;
}

/**
 * The stacks, with one row per `iam.serviceAccounts` entry: their stacks are not in
 * `plan.stacks` (their template needs the OIDC issuer, known once the cluster exists) but the
 * service-accounts step creates them all the same.
 */
function stackRows(plan: Plan): string[][] {
  const rows = plan.stacks.map((s) => [
    s.name,
    s.nodeGroup === null ? s.kind : `${s.kind} ${s.nodeGroup}`,
    s.capabilities.length > 0 ? s.capabilities.join(', ') : '-',
  ]);
  for (const sa of plan.cluster.iam.serviceAccounts) {
    rows.push([
      serviceAccountStackName(plan.cluster.metadata.name, sa),
      `service-account ${sa.namespace}/${sa.name}`,
      serviceAccountCapabilities(sa).join(', '),
    ]);
  }
  return rows;
}

/**
 * `plan`'s text: the network picture first (what a reviewer of a private cluster looks at), then
 * stacks, endpoints, steps, endpoint access and cost. `templates`: the plan's rendered templates
 * when the caller has them (the picture reads the cluster template; rendered here otherwise).
 */
export function renderPlanText(plan: Plan, templates?: ReadonlyMap<string, Template>): string {
  const c = plan.cluster;
  const out: string[] = [];
  out.push(
    `Plan for cluster "${c.metadata.name}" (Kubernetes ${c.metadata.version}) in ${plan.region.name} (${plan.region.partition})`,
  );
  if (plan.offline) {
    out.push('offline: facts come from the built-in catalog; nothing was looked up in AWS');
  }

  out.push('', 'Network');
  out.push(...renderNetworkText(networkPicture(plan, templates)).map((line) => `  ${line}`));
  if (c.kubernetesNetworkConfig.ipFamily === 'IPv6') out.push(`  IPv6: ${ipv6Line(plan)}`);

  out.push('', 'Stacks');
  out.push(...table(stackRows(plan)));

  const selections = plan.instanceSelections ?? [];
  if (selections.length > 0) {
    out.push('', 'Instance types chosen by instanceSelector');
    out.push(
      ...selections.map(
        (s) =>
          `  ${s.nodeGroup}: ${s.instanceTypes === null ? 'chosen by EC2 when planned live (offline: not known)' : s.instanceTypes.join(', ')} — from {${describeInstanceSelector(s.selector)}} in ${s.availabilityZones.join(', ')}`,
      ),
    );
  }

  out.push('', 'VPC endpoints');
  if (plan.endpoints.length === 0) {
    out.push('  none (privateCluster.skipEndpointCreation)');
    if (plan.missingEndpoints.length > 0) {
      out.push(`  required endpoints the VPC lacks: ${plan.missingEndpoints.join(', ')}`);
    }
  } else {
    out.push(...table(plan.endpoints.map(endpointRow)));
  }

  out.push('', 'Steps');
  out.push(
    ...table(
      plan.steps.map((s, i) => [
        `${i + 1}.`,
        s.id,
        s.description + (s.dependsOn.length > 0 ? ` (after ${s.dependsOn.join(', ')})` : ''),
      ]),
    ),
  );

  const a = plan.endpointAccess;
  out.push('', `Endpoint access (--endpoint-switch=${a.mode})`);
  out.push(
    `  at creation: ${access(a.initial)}${a.publicAccessCidrs.length > 0 ? ` from ${a.publicAccessCidrs.join(', ')}` : ''}`,
  );
  out.push(`  at the end:  ${access(a.final)}${a.switchNeeded ? ' (switched by the last step)' : ''}`);
  out.push(`  why: ${a.reason}`);

  const cost = plan.cost;
  const billed = cost.lines.filter((l) => l.hourly > 0);
  out.push('', 'Cost of the endpoints (estimate)');
  out.push(
    `  ${money(cost.hourly, 3)} per hour, ${money(cost.monthly, 2)} per month (730 h): ${billed.length} new interface endpoint(s), ${billed.reduce((n, l) => n + l.azs, 0)} endpoint-zone(s) at ${money(cost.interfaceEndpointAzHours, 3)}; plus ${money(cost.perGbProcessed, 3)} per GB processed`,
  );
  out.push(`  ${cost.note}`);

  const unknowns = plan.unknowns ?? [];
  if (unknowns.length > 0) {
    out.push('', 'Not checked (offline)');
    out.push(...unknowns.map((u) => `  - ${u}`));
  }
  return out.join('\n') + '\n';
}
