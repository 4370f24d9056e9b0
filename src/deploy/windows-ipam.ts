/**
 * Windows IP address management, as eksctl switches it on (pkg/windows/ipam.go, the "enable Windows
 * IP address management" task of a cluster with a Windows nodegroup): `enable-windows-ipam: "true"`
 * in kube-system/amazon-vpc-cni, the ConfigMap EKS's VPC resource controller reads to hand Windows
 * pods their addresses. Created when missing; otherwise only that key is set, the rest of the
 * ConfigMap (the vpc-cni add-on's own settings) kept. Pure: the Kubernetes step applies it.
 */
export const VPC_CNI_CONFIG_MAP = 'amazon-vpc-cni';
export const WINDOWS_IPAM_KEY = 'enable-windows-ipam';

export function windowsIpamConfigMap(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: VPC_CNI_CONFIG_MAP, namespace: 'kube-system' },
    data: { [WINDOWS_IPAM_KEY]: 'true' },
  };
}

/** The existing ConfigMap with Windows IPAM on, or undefined when it already is. */
export function withWindowsIpam(existing: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const data = (existing['data'] ?? {}) as Record<string, string>;
  if (data[WINDOWS_IPAM_KEY] === 'true') return undefined;
  return { ...existing, data: { ...data, [WINDOWS_IPAM_KEY]: 'true' } };
}
