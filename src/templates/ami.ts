/**
 * Which EKS-optimized image a nodegroup runs: the managed nodegroup `AmiType`, or the SSM public
 * parameter a self-managed nodegroup's template resolves at deploy time. Chosen from `amiFamily`
 * and the instance types (Graviton → arm64; NVIDIA and Neuron accelerators → their variants).
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import { unsupported } from './context.js';

export type OsFamily = 'AmazonLinux2023' | 'AmazonLinux2' | 'Bottlerocket';
type Architecture = 'x86_64' | 'arm64';
type Accelerator = 'standard' | 'nvidia' | 'neuron';

const SUPPORTED: readonly OsFamily[] = ['AmazonLinux2023', 'AmazonLinux2', 'Bottlerocket'];

export function osFamily(ng: ResolvedNodeGroup): OsFamily {
  const family = SUPPORTED.find((f) => f === ng.amiFamily);
  if (family === undefined) {
    throw unsupported(
      `nodegroup "${ng.name}": amiFamily ${ng.amiFamily} is not supported by private-eks`,
      `use one of ${SUPPORTED.join(', ')}`,
    );
  }
  return family;
}

function instanceFamily(instanceType: string): string {
  return instanceType.split('.')[0] ?? instanceType;
}

/** Graviton families have a `g` right after the generation number (m7g, c7gn, t4g, im4gn) or are a1. */
function architecture(ng: ResolvedNodeGroup): Architecture {
  const families = ng.instanceTypes.map(instanceFamily);
  return families.length > 0 && families.every((f) => f === 'a1' || /^[a-z]+\d+g[a-z]*$/.test(f)) ? 'arm64' : 'x86_64';
}

function accelerator(ng: ResolvedNodeGroup): Accelerator {
  const families = ng.instanceTypes.map(instanceFamily);
  if (families.some((f) => /^(inf|trn)\d/.test(f))) return 'neuron';
  if (families.some((f) => /^(p\d|g\d)/.test(f))) return 'nvidia';
  return 'standard';
}

/** `AWS::EKS::Nodegroup` AmiType for a nodegroup on the EKS-optimized image. */
export function managedAmiType(ng: ResolvedNodeGroup): string {
  const arch = architecture(ng);
  const accel = accelerator(ng);
  switch (osFamily(ng)) {
    case 'AmazonLinux2023':
      if (accel === 'neuron') return 'AL2023_x86_64_NEURON';
      return `AL2023_${arch === 'arm64' ? 'ARM_64' : 'x86_64'}_${accel === 'nvidia' ? 'NVIDIA' : 'STANDARD'}`;
    case 'AmazonLinux2':
      if (arch === 'arm64') return 'AL2_ARM_64';
      return accel === 'standard' ? 'AL2_x86_64' : 'AL2_x86_64_GPU';
    case 'Bottlerocket':
      return `BOTTLEROCKET_${arch === 'arm64' ? 'ARM_64' : 'x86_64'}${accel === 'nvidia' ? '_NVIDIA' : ''}`;
  }
}

/** The SSM public parameter holding the recommended EKS-optimized AMI id for this nodegroup. */
export function amiSsmParameter(ng: ResolvedNodeGroup, kubernetesVersion: string): string {
  const arch = architecture(ng);
  const accel = accelerator(ng);
  switch (osFamily(ng)) {
    case 'AmazonLinux2023':
      return `/aws/service/eks/optimized-ami/${kubernetesVersion}/amazon-linux-2023/${arch}/${accel}/recommended/image_id`;
    case 'AmazonLinux2': {
      const variant = arch === 'arm64' ? '-arm64' : accel === 'standard' ? '' : '-gpu';
      return `/aws/service/eks/optimized-ami/${kubernetesVersion}/amazon-linux-2${variant}/recommended/image_id`;
    }
    case 'Bottlerocket':
      return `/aws/service/bottlerocket/aws-k8s-${kubernetesVersion}${accel === 'nvidia' ? '-nvidia' : ''}/${arch}/latest/image_id`;
  }
}

/** The root device; Bottlerocket keeps its OS on xvda and containers on the xvdb data volume. */
export function dataVolumeDevice(ng: ResolvedNodeGroup): string {
  return osFamily(ng) === 'Bottlerocket' ? '/dev/xvdb' : '/dev/xvda';
}
