/**
 * Where the type check follows eksctl rather than the plain schema: the values eksctl reads without
 * regard to case (amiFamily, ipFamily), rewritten to their canonical spelling before the check,
 * and eksctl's own words for an enum value it refuses.
 */
import { LOG_RETENTION_DAYS } from './schema.js';
import { AMI_FAMILIES } from './schema-nodegroups.js';
import { formatPath, isRecord, type FieldPath } from './path.js';
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
  if (field === 'supportType') {
    return typeof value === 'string' && [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
      ? 'upgradePolicy.supportType contains invalid control characters'
      : 'upgradePolicy.supportType must be either "STANDARD" or "EXTENDED"';
  }
  if (field === 'type' && parent === 'accessScope') {
    return `invalid access scope type ${quote(shown)} for accessEntries[${String(path[2])}]`;
  }
  return undefined;
}

/**
 * eksctl's words for a value the type check refuses where eksctl has its own check: a number
 * below or above the range eksctl accepts, an empty nodegroup entry, an identity provider type.
 */
export function eksctlTypeMessage(
  path: FieldPath,
  kind: 'minimum' | 'maximum' | 'null' | 'literal' | 'required',
  root?: unknown,
): string | undefined {
  const field = path.at(-1);
  if (kind === 'literal' && path.length === 1) return unregisteredKind(field, root);
  if (kind === 'null' && path.length === 1 && field === 'metadata') return 'metadata must be set';
  if (kind === 'required' && field === 'type' && path.at(-2) === 'accessScope' && path[1] === 'accessEntries') {
    return `accessEntries[${String(path[2])}].accessScope.type must be set to either "namespace" or "cluster"`;
  }
  if (kind === 'null' && path.length === 2 && (path[0] === 'nodeGroups' || path[0] === 'managedNodeGroups')) {
    return `invalid ClusterConfig: ${formatPath(path)} is not set`;
  }
  if (kind === 'literal' && path[0] === 'identityProviders' && field === 'type') {
    return "couldn't unmarshal to IdentityProvider, invalid type";
  }
  if (kind === 'minimum' && field === 'maxPodsPerNode') return `${formatPath(path)} cannot be negative`;
  if (path.at(-2) !== 'instancesDistribution') return undefined;
  if (field === 'onDemandBaseCapacity' && kind === 'minimum') return 'onDemandBaseCapacity should be 0 or more';
  if (field === 'onDemandPercentageAboveBaseCapacity') return 'percentageAboveBase should be between 0 and 100';
  if (field === 'spotInstancePools') return 'spotInstancePools should be between 1 and 20';
  return undefined;
}

/**
 * eksctl decodes the file through its API scheme, which knows one kind (ClusterConfig) in one
 * version (eksctl.io/v1alpha5): anything else is a kind not registered for the version written.
 */
function unregisteredKind(field: FieldPath[number] | undefined, root: unknown): string | undefined {
  if (field !== 'apiVersion' && field !== 'kind') return undefined;
  const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  const file = isRecord(root) ? root : {};
  const kind = field === 'kind' ? file['kind'] : typeof file['kind'] === 'string' ? file['kind'] : 'ClusterConfig';
  const version = field === 'apiVersion' ? file['apiVersion'] : 'eksctl.io/v1alpha5';
  return `no kind ${quote(shown(kind))} is registered for version ${quote(shown(version))}`;
}
