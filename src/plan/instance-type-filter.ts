/**
 * Applies an instanceSelector to EC2's instance types (pure): the rules of eksctl's
 * expandInstanceSelector and of the amazon-ec2-instance-selector library it calls.
 *
 * - vCPUs (DefaultVCpus), memory (SizeInMiB), gpus and neuron_devices are exact matches; a type
 *   EC2 describes without GPUs (or accelerators) counts as 0 of them;
 * - the architecture must be one of the type's SupportedArchitectures (any case);
 * - allow must match somewhere in the name, deny must not;
 * - sorted by name, as the library sorts them;
 * - with gpus: 0, types of GPU or Neuron families are dropped by name too: EC2 describes some
 *   of them (g6f) with 0 GPUs (eksctl's workaround);
 * - none left, or more than 40: eksctl's errors.
 */
import { MAX_SELECTED_INSTANCE_TYPES, type InstanceSelectorCriteria } from '../config/instance-selector.js';
import { isAccelerated } from '../config/rules/instance-images.js';
import type { InstanceTypeInfo } from './facts.js';

/** The types chosen, or why none can be (eksctl's message). */
export type InstanceTypeMatch =
  { readonly instanceTypes: readonly string[] } | { readonly error: string; readonly matched: readonly string[] };

export function matchInstanceTypes(
  criteria: InstanceSelectorCriteria,
  types: readonly InstanceTypeInfo[],
): InstanceTypeMatch {
  const allow = criteria.allow === undefined ? undefined : new RegExp(criteria.allow);
  const deny = criteria.deny === undefined ? undefined : new RegExp(criteria.deny);
  const arch = criteria.cpuArchitecture.toLowerCase();
  const matches = (t: InstanceTypeInfo): boolean =>
    t.architectures.some((a) => a.toLowerCase() === arch) &&
    (criteria.vCPUs === undefined || t.vCpus === criteria.vCPUs) &&
    (criteria.memoryMiB === undefined || t.memoryMiB === criteria.memoryMiB) &&
    (criteria.gpus === undefined || (t.gpus ?? 0) === criteria.gpus) &&
    (criteria.neuronDevices === undefined || (t.inferenceAccelerators ?? 0) === criteria.neuronDevices) &&
    (allow === undefined || allow.test(t.name)) &&
    (deny === undefined || !deny.test(t.name));
  let names = [...new Set(types.filter(matches).map((t) => t.name))].sort(byName);
  if (names.length === 0) {
    return {
      error:
        'instance selector criteria matched no instances; consider broadening your criteria so that more instance types are returned',
      matched: [],
    };
  }
  if (criteria.gpus === 0) {
    names = names.filter((name) => !isAccelerated(name));
    if (names.length === 0) {
      return {
        error: 'instance selector criteria matched no non-GPU instances; consider broadening your criteria',
        matched: [],
      };
    }
  }
  if (names.length > MAX_SELECTED_INSTANCE_TYPES) {
    return {
      error: `instance selector filters resulted in ${names.length} instance types, which is greater than the maximum of ${MAX_SELECTED_INSTANCE_TYPES}, please set more selector options`,
      matched: names,
    };
  }
  return { instanceTypes: names };
}

/** Go's strings.Compare order (byte-wise), which the library sorts by. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
