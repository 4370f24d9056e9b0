/**
 * Where the type check follows eksctl rather than the plain schema: the values eksctl reads without
 * regard to case (amiFamily, ipFamily), rewritten to their canonical spelling before the check,
 * and eksctl's own words for an enum value it refuses.
 */
import { LOG_RETENTION_DAYS } from './schema.js';
import { AMI_FAMILIES } from './schema-nodegroups.js';
import { isRecord, type FieldPath } from './path.js';
import { quote } from './report.js';
import { goList, invalidTaintEffect } from './rules/k8s-syntax.js';

function canonical(value: unknown, values: readonly string[]): unknown {
  if (typeof value !== 'string') return value;
  return values.find((v) => v.toLowerCase() === value.toLowerCase()) ?? value;
}

/** eksctl's normalizeAMIFamily and its case-insensitive ipFamily, in place. */
export function normalizeCase(config: Record<string, unknown>): void {
  for (const list of ['nodeGroups', 'managedNodeGroups']) {
    const groups = config[list];
    if (!Array.isArray(groups)) continue;
    for (const ng of groups) {
      if (isRecord(ng) && 'amiFamily' in ng) ng['amiFamily'] = canonical(ng['amiFamily'], AMI_FAMILIES);
    }
  }
  const network = config['kubernetesNetworkConfig'];
  if (isRecord(network) && 'ipFamily' in network) {
    network['ipFamily'] = canonical(network['ipFamily'], ['IPv4', 'IPv6']);
  }
}

/** eksctl's message for a value outside an enum at `path`, where eksctl has one. */
export function eksctlEnumMessage(path: FieldPath, value: unknown): string | undefined {
  const field = path.at(-1);
  const parent = path.at(-2);
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  if (field === 'amiFamily') {
    return `AMI Family ${shown} is not supported - use one of: ${AMI_FAMILIES.join(', ')}`;
  }
  if (field === 'effect' && path.at(-3) === 'taints') return invalidTaintEffect(shown);
  if (field === 'ipFamily') return `invalid value ${quote(shown)} for ipFamily; allowed are IPv4 and IPv6`;
  if (parent === 'enableTypes' && typeof field === 'number') {
    return `log type ${quote(shown)} (cloudWatch.clusterLogging.enableTypes[${field}]) is unknown`;
  }
  if (field === 'logRetentionInDays') {
    return `invalid value ${shown} for logRetentionInDays; supported values are ${goList(LOG_RETENTION_DAYS.map(String))}`;
  }
  if (field === 'type' && parent === 'accessScope') {
    return `invalid access scope type ${quote(shown)} for accessEntries[${String(path[2])}]`;
  }
  return undefined;
}
