/**
 * Which EKS-optimized image variants each amiFamily offers, and which variant an instance type
 * needs (its CPU architecture and accelerator), as eksctl decides it for a self-managed nodegroup
 * without a custom AMI (validateInstanceTypeSupport, GetAMIType in strict mode). The instance-type
 * facts are those of eksctl's instance table (pkg/utils/instance): Graviton families are Arm; the
 * NVIDIA and Neuron families below are the accelerated ones; a type it does not list is a plain x86
 * one.
 */

type Variant = 'x86' | 'x86-nvidia' | 'x86-neuron' | 'arm' | 'arm-nvidia' | 'arm-neuron';

/** Families with NVIDIA GPUs in eksctl's table (g5g is the Arm one). */
const NVIDIA_FAMILIES: ReadonlySet<string> = new Set([
  'g4dn',
  'g5',
  'g5g',
  'g6',
  'g6e',
  'g6f',
  'g7',
  'g7e',
  'gr6',
  'gr6f',
  'p3dn',
  'p4d',
  'p4de',
  'p5',
  'p5e',
  'p5en',
  'p6-b200',
  'p6-b300',
]);
/** Inferentia and Trainium (AWS Neuron) families. */
const NEURON_FAMILY = /^(inf|trn)\d+[a-z]*$/;
/** Graviton families: a `g` right after the generation (m7g, c7gn, im4gn, is4gen, x2gd), or a1. */
const ARM_FAMILY = /^[a-z]+\d+g[a-z]*$/;

/** The variants of each family's image that EKS publishes (eksctl's amiType mapping, strict). */
const WINDOWS_VARIANTS: readonly Variant[] = ['x86', 'x86-nvidia'];
const FAMILY_VARIANTS: Readonly<Record<string, readonly Variant[]>> = {
  AmazonLinux2023: ['x86', 'x86-nvidia', 'x86-neuron', 'arm', 'arm-nvidia'],
  AmazonLinux2: ['x86', 'x86-nvidia', 'x86-neuron', 'arm'],
  Bottlerocket: ['x86', 'x86-nvidia', 'x86-neuron', 'arm', 'arm-nvidia', 'arm-neuron'],
  BottlerocketFips: ['x86', 'x86-nvidia', 'x86-neuron', 'arm', 'arm-nvidia', 'arm-neuron'],
  WindowsServer2019FullContainer: WINDOWS_VARIANTS,
  WindowsServer2019CoreContainer: WINDOWS_VARIANTS,
  WindowsServer2022FullContainer: WINDOWS_VARIANTS,
  WindowsServer2022CoreContainer: WINDOWS_VARIANTS,
  WindowsServer2025FullContainer: WINDOWS_VARIANTS,
  WindowsServer2025CoreContainer: WINDOWS_VARIANTS,
};

const family = (instanceType: string): string => instanceType.split('.')[0] ?? instanceType;

/** An instance type with NVIDIA GPUs or Neuron accelerators (by its family name). */
export function isAccelerated(instanceType: string): boolean {
  const f = family(instanceType);
  return NVIDIA_FAMILIES.has(f) || NEURON_FAMILY.test(f);
}

/** An Arm (Graviton) instance type. */
export function isArmInstanceType(instanceType: string): boolean {
  const f = family(instanceType);
  return f === 'a1' || ARM_FAMILY.test(f);
}

function variant(instanceType: string): Variant {
  const f = family(instanceType);
  const arch = isArmInstanceType(instanceType) ? 'arm' : 'x86';
  if (NVIDIA_FAMILIES.has(f)) return `${arch}-nvidia`;
  if (NEURON_FAMILY.test(f)) return `${arch}-neuron`;
  return arch;
}

/**
 * The instance type eksctl picks the image for: of a mixed instances policy, the first accelerated
 * type, else the first; otherwise the nodegroup's one type. Its index in `types`.
 */
export function imageInstanceType(types: readonly string[]): number {
  const accelerated = types.findIndex(isAccelerated);
  return accelerated >= 0 ? accelerated : 0;
}

/**
 * False when `amiFamily` has no image for the instance type's architecture and accelerator (AL2
 * on g5g, Windows on Graviton or Neuron); families eksctl has no mapping for (Ubuntu) are not
 * checked here.
 */
export function familyHasImageFor(amiFamily: string, instanceType: string): boolean {
  const variants = FAMILY_VARIANTS[amiFamily];
  return variants === undefined || variants.includes(variant(instanceType));
}
