/**
 * Which EKS-optimized image a nodegroup runs: the managed nodegroup `AmiType`, or the SSM public
 * parameter a self-managed nodegroup's template resolves at deploy time. Chosen from `amiFamily`
 * and the instance types (Graviton → arm64; NVIDIA and Neuron accelerators → their variants).
 *
 * Ubuntu families come from Canonical's public parameters, as eksctl reads them
 * (pkg/ami/ssm_resolver.go): EKS has no managed AmiType for them, so a managed Ubuntu nodegroup
 * runs the image as a custom AMI, resolved from the same parameter by CloudFormation. Windows
 * families as eksctl builds them: EKS's WINDOWS_* AmiTypes on managed nodegroups, the public
 * `/aws/service/ami-windows-latest/...-EKS_Optimized-<version>` parameters on self-managed ones.
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import { unsupported } from './context.js';

export type OsFamily = 'AmazonLinux2023' | 'AmazonLinux2' | 'Bottlerocket' | 'Ubuntu' | 'Windows';
type Architecture = 'x86_64' | 'arm64';
type Accelerator = 'standard' | 'nvidia' | 'neuron';

const SUPPORTED: readonly OsFamily[] = ['AmazonLinux2023', 'AmazonLinux2', 'Bottlerocket'];

/** eksctl's Ubuntu families and the Ubuntu release of each. */
export const UBUNTU_RELEASES: Readonly<Record<string, string>> = {
  Ubuntu2004: '20.04',
  UbuntuPro2004: '20.04',
  Ubuntu2204: '22.04',
  UbuntuPro2204: '22.04',
  Ubuntu2404: '24.04',
  UbuntuPro2404: '24.04',
  Ubuntu2604: '26.04',
  UbuntuPro2604: '26.04',
};

/** eksctl's Windows families: Windows Server release and edition (Core or Full) of each. */
export const WINDOWS_IMAGES: Readonly<Record<string, { readonly release: string; readonly edition: 'Core' | 'Full' }>> =
  {
    WindowsServer2019CoreContainer: { release: '2019', edition: 'Core' },
    WindowsServer2019FullContainer: { release: '2019', edition: 'Full' },
    WindowsServer2022CoreContainer: { release: '2022', edition: 'Core' },
    WindowsServer2022FullContainer: { release: '2022', edition: 'Full' },
    WindowsServer2025CoreContainer: { release: '2025', edition: 'Core' },
    WindowsServer2025FullContainer: { release: '2025', edition: 'Full' },
  };

export function isWindowsFamily(amiFamily: string | undefined): boolean {
  return amiFamily !== undefined && amiFamily in WINDOWS_IMAGES;
}

function windowsImage(ng: ResolvedNodeGroup): { readonly release: string; readonly edition: 'Core' | 'Full' } {
  const image = WINDOWS_IMAGES[ng.amiFamily];
  if (image === undefined) throw unsupported(`nodegroup "${ng.name}": ${ng.amiFamily} is not a Windows family`, '');
  // EKS publishes Windows images for x86_64 only (eksctl maps no Arm instance to a Windows AmiType).
  if (architecture(ng) === 'arm64') {
    throw unsupported(
      `nodegroup "${ng.name}": ${ng.amiFamily} has no Arm (Graviton) image`,
      'use x86_64 instance types for Windows nodes',
    );
  }
  return image;
}

export function osFamily(ng: ResolvedNodeGroup): OsFamily {
  if (ng.amiFamily in UBUNTU_RELEASES) return 'Ubuntu';
  if (isWindowsFamily(ng.amiFamily)) return 'Windows';
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
  // Offline, a selector's types are unknown but its architecture is not.
  if (ng.instanceTypes.length === 0 && ng.instanceSelector !== undefined) return ng.instanceSelector.cpuArchitecture;
  const families = ng.instanceTypes.map(instanceFamily);
  return families.length > 0 && families.every((f) => f === 'a1' || /^[a-z]+\d+g[a-z]*$/.test(f)) ? 'arm64' : 'x86_64';
}

function accelerator(ng: ResolvedNodeGroup): Accelerator {
  const selector = ng.instanceSelector;
  if (ng.instanceTypes.length === 0 && selector !== undefined) {
    if ((selector.neuronDevices ?? 0) > 0) return 'neuron';
    return (selector.gpus ?? 0) > 0 ? 'nvidia' : 'standard';
  }
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
    case 'Ubuntu':
      // A custom image (imageId below): the launch template carries it, AmiType is implied.
      return 'CUSTOM';
    case 'Windows': {
      const { release, edition } = windowsImage(ng);
      return `WINDOWS_${edition.toUpperCase()}_${release}_x86_64`;
    }
  }
}

/**
 * The image a launch template names, when it names one: the file's `ami`, or for Ubuntu the
 * Canonical parameter as a CloudFormation dynamic reference (resolved when the stack is created).
 */
export function launchTemplateImageId(ng: ResolvedNodeGroup, kubernetesVersion: string): string | undefined {
  if (ng.ami !== undefined) return ng.ami;
  return osFamily(ng) === 'Ubuntu' ? `{{resolve:ssm:${amiSsmParameter(ng, kubernetesVersion)}}}` : undefined;
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
    case 'Ubuntu': {
      // Canonical publishes 20.04 and 22.04 images on gp2 volumes, later ones on gp3 (as eksctl reads them).
      const release = UBUNTU_RELEASES[ng.amiFamily] ?? '';
      const product = ng.amiFamily.startsWith('UbuntuPro') ? 'eks-pro' : 'eks';
      const volume = release === '20.04' || release === '22.04' ? 'ebs-gp2' : 'ebs-gp3';
      return `/aws/service/canonical/ubuntu/${product}/${release}/${kubernetesVersion}/stable/current/${arch === 'arm64' ? 'arm64' : 'amd64'}/hvm/${volume}/ami-id`;
    }
    case 'Windows': {
      const { release, edition } = windowsImage(ng);
      return `/aws/service/ami-windows-latest/Windows_Server-${release}-English-${edition}-EKS_Optimized-${kubernetesVersion}/image_id`;
    }
  }
}

/**
 * The root device; Bottlerocket keeps its OS on xvda and containers on the xvdb data volume;
 * Canonical's Ubuntu images and the Windows images boot from /dev/sda1.
 */
export function dataVolumeDevice(ng: ResolvedNodeGroup): string {
  const family = osFamily(ng);
  return family === 'Bottlerocket'
    ? '/dev/xvdb'
    : family === 'Ubuntu' || family === 'Windows'
      ? '/dev/sda1'
      : '/dev/xvda';
}
