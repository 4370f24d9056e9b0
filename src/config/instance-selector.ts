/**
 * eksctl's `instanceSelector` (v1alpha5 InstanceSelector): the criteria a nodegroup's instance
 * types are chosen by, from EC2's list of instance types, when the cluster is planned live. This
 * module reads and checks the criteria (no AWS); plan/instance-selection.ts asks EC2 and
 * plan/instance-type-filter.ts applies them.
 *
 * The facts follow eksctl (pkg/eks/nodegroup_service.go expandInstanceSelector) and the
 * amazon-ec2-instance-selector library it calls (pkg/bytequantity, pkg/selector):
 * - vCPUs, memory, gpus and neuron_devices are exact values (a range whose bounds are equal);
 * - memory is a byte quantity: a number with an optional unit m/mb/mib, g/gb/gib, t/tb/tib (any
 *   case; "gb" means GiB as in the library), GiB when none; MiB values must be whole numbers;
 * - cpuArchitecture defaults to x86_64; amd64 means x86_64; compared without regard to case;
 * - allow and deny are regular expressions searched (not anchored) in the type's name.
 */

/** A nodegroup's selector with eksctl's defaults applied (the resolved config carries it). */
export interface InstanceSelectorCriteria {
  readonly vCPUs?: number;
  /** As written (`8GiB`), for messages and the plan. */
  readonly memory?: string;
  /** `memory` in MiB, as EC2's MemoryInfo.SizeInMiB. */
  readonly memoryMiB?: number;
  readonly gpus?: number;
  readonly neuronDevices?: number;
  /** Default x86_64; amd64 is read as x86_64. */
  readonly cpuArchitecture: 'x86_64' | 'arm64';
  readonly allow?: string;
  readonly deny?: string;
}

/** The selector as the file has it (eksctl's field names). */
export interface InstanceSelectorFile {
  readonly vCPUs?: number;
  readonly memory?: string;
  readonly gpus?: number;
  readonly neuron_devices?: number;
  readonly cpuArchitecture?: string;
  readonly allow?: string;
  readonly deny?: string;
}

/** eksctl keeps at most this many types (the most a CloudFormation template may list, it says). */
export const MAX_SELECTED_INSTANCE_TYPES = 40;

const BYTE_QUANTITY = /^([0-9]+\.?[0-9]{0,3}) ?(mi?b?|gi?b?|ti?b?)?$/;
const MIB_PER_GIB = 1024;
const MIB_PER_TIB = 1024 * 1024;

/** `memory` in MiB, or why it is not a byte quantity (the library's wording). */
export function parseMemoryMiB(text: string): { mib: number } | { error: string } {
  const match = BYTE_QUANTITY.exec(text.toLowerCase());
  if (match === null) return { error: `${text} is not a valid byte quantity` };
  const quantity = match[1] ?? '';
  const unit = (match[2] ?? 'g').charAt(0);
  if (unit === 'm') {
    const [whole, fraction] = quantity.split('.');
    if (fraction !== undefined && fraction !== '' && Number(fraction) !== 0) {
      return { error: 'cannot accept floating point MB value, only integers are accepted' };
    }
    return { mib: Number(whole) };
  }
  // The library truncates a fractional result to whole MiB.
  return { mib: Math.floor(Number(quantity) * (unit === 't' ? MIB_PER_TIB : MIB_PER_GIB)) };
}

const ARCHITECTURES: Readonly<Record<string, 'x86_64' | 'arm64'>> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  arm64: 'arm64',
};

/** x86_64 for an absent value; undefined for a value EC2 has no types for. */
export function selectorArchitecture(value: string | undefined): 'x86_64' | 'arm64' | undefined {
  if (value === undefined || value === '') return 'x86_64';
  return ARCHITECTURES[value.toLowerCase()];
}

/** Why a regular expression does not compile, or undefined. */
export function regexError(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** True when the selector narrows the types by something other than the architecture. */
export function hasNarrowingCriteria(s: InstanceSelectorFile): boolean {
  return (
    (s.vCPUs ?? 0) !== 0 ||
    (s.memory ?? '') !== '' ||
    (s.gpus ?? 0) > 0 ||
    (s.neuron_devices ?? 0) > 0 ||
    (s.allow ?? '') !== ''
  );
}

/**
 * The selector with eksctl's defaults, or undefined when the file's selector is invalid (the
 * config rules report it; a config with problems never reaches the plan).
 */
export function resolveInstanceSelector(s: InstanceSelectorFile): InstanceSelectorCriteria | undefined {
  const cpuArchitecture = selectorArchitecture(s.cpuArchitecture);
  if (cpuArchitecture === undefined) return undefined;
  let memoryMiB: number | undefined;
  if (s.memory !== undefined && s.memory !== '') {
    const parsed = parseMemoryMiB(s.memory);
    if ('error' in parsed) return undefined;
    memoryMiB = parsed.mib;
  }
  return {
    // eksctl: 0 and "" mean "not set" for vCPUs and memory; gpus and neuron_devices 0 select none.
    ...(s.vCPUs === undefined || s.vCPUs === 0 ? {} : { vCPUs: s.vCPUs }),
    ...(memoryMiB === undefined ? {} : { memory: s.memory ?? '', memoryMiB }),
    ...(s.gpus === undefined ? {} : { gpus: s.gpus }),
    ...(s.neuron_devices === undefined ? {} : { neuronDevices: s.neuron_devices }),
    cpuArchitecture,
    ...(s.allow === undefined ? {} : { allow: s.allow }),
    ...(s.deny === undefined ? {} : { deny: s.deny }),
  };
}

/** `vCPUs: 2, memory: 8GiB, cpuArchitecture: x86_64`, in eksctl's field names. */
export function describeInstanceSelector(s: InstanceSelectorCriteria): string {
  const parts = [
    s.vCPUs === undefined ? undefined : `vCPUs: ${s.vCPUs}`,
    // A bare number is GiB: say so.
    s.memory === undefined ? undefined : `memory: ${s.memory}${/^[0-9.]+$/.test(s.memory) ? 'GiB' : ''}`,
    s.gpus === undefined ? undefined : `gpus: ${s.gpus}`,
    s.neuronDevices === undefined ? undefined : `neuron_devices: ${s.neuronDevices}`,
    `cpuArchitecture: ${s.cpuArchitecture}`,
    s.allow === undefined ? undefined : `allow: ${JSON.stringify(s.allow)}`,
    s.deny === undefined ? undefined : `deny: ${JSON.stringify(s.deny)}`,
  ];
  return parts.filter((p) => p !== undefined).join(', ');
}
