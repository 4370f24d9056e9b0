/**
 * IPv6 clusters (`kubernetesNetworkConfig.ipFamily: IPv6`, which SPEC §3 allows), rule V23. Pods
 * and services get IPv6 addresses; the VPC stays dual-stack (IPv4 for the control plane's
 * interfaces, the nodes' primary address and the VPC endpoints). What private-eks builds for it:
 * an Amazon-provided IPv6 block on the VPC it creates and a /64 per private subnet (templates/
 * network.ts), the VPC CNI's IPv6 permissions on the node role (templates/iam.ts).
 *
 * The rules eksctl enforces for IPv6 (pkg/apis/eksctl.io/v1alpha5/validation.go,
 * validateKubernetesNetworkConfig; pkg/cfn/builder/nodegroup.go), with eksctl's messages:
 * - the core add-ons vpc-cni, coredns and kube-proxy must be listed (they are what EKS configures
 *   for IPv6), vpc-cni at 1.10.0 or later;
 * - `iam.withOIDC` must be on (eksctl gives the VPC CNI its own IRSA role; private-eks puts the
 *   CNI's IPv6 permissions on the node role instead, but keeps the rule so that a file valid here
 *   is valid for eksctl and the CNI can be moved to IRSA later);
 * - no `serviceIPv4CIDR` (EKS picks the IPv6 service range);
 * - no self-managed nodegroups (eksctl refuses them; private-eks does not support them in IPv6
 *   clusters yet either: their launch template and bootstrap are IPv4-only);
 * - cluster version 1.21 or later: every version private-eks knows is, so that one is not checked.
 * eksctl's `vpc.nat` and `localZones` rules are covered by V18 and V9.
 */
import type { ResolvedConfig, SubnetSpec } from '../config/resolved.js';
import type { SubnetInfo, VpcInfo } from './facts.js';
import type { ProblemDraft } from './problems.js';

export const IPV6_CORE_ADDONS = ['vpc-cni', 'coredns', 'kube-proxy'] as const;
const MINIMUM_VPC_CNI_FOR_IPV6 = [1, 10, 0] as const;

export function isIpv6Cluster(config: ResolvedConfig): boolean {
  return config.kubernetesNetworkConfig.ipFamily === 'IPv6';
}

/** `v1.19.0-eksbuild.1` → [1, 19, 0]; undefined for `latest` or anything else. */
function versionOf(text: string): readonly [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

function olderThan(version: readonly number[], minimum: readonly number[]): boolean {
  for (let i = 0; i < minimum.length; i += 1) {
    const a = version[i] ?? 0;
    const b = minimum[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

/** V23: what the file must say for an IPv6 cluster. No AWS facts needed. */
export function ipv6ConfigProblems(config: ResolvedConfig): ProblemDraft[] {
  if (!isIpv6Cluster(config)) return [];
  const problems: ProblemDraft[] = [];
  const names = config.addons.map((a) => a.name.toLowerCase());
  const missing = IPV6_CORE_ADDONS.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    problems.push({
      rule: 'V23',
      path: 'addons',
      message: `the default core addons must be defined for IPv6; missing addon(s): ${missing.join(', ')}`,
      hint: `add ${missing.map((name) => `{ name: ${name} }`).join(', ')} to addons: they are what EKS sets up for IPv6`,
    });
  }
  config.addons.forEach((addon, i) => {
    if (addon.name.toLowerCase() !== 'vpc-cni' || addon.version === undefined) return;
    const version = versionOf(addon.version);
    if (version !== undefined && olderThan(version, MINIMUM_VPC_CNI_FOR_IPV6)) {
      problems.push({
        rule: 'V23',
        path: `addons[${i}].version`,
        message: `vpc-cni version must be at least version ${MINIMUM_VPC_CNI_FOR_IPV6.join('.')} for IPv6`,
        hint: 'leave the version out to get the default one for the cluster version',
      });
    }
  });
  if (!config.iam.withOIDC) {
    problems.push({
      rule: 'V23',
      path: 'iam.withOIDC',
      message: 'oidc needs to be enabled if IPv6 is set',
      hint: 'set iam.withOIDC: true',
    });
  }
  if (config.kubernetesNetworkConfig.serviceIPv4CIDR !== undefined) {
    problems.push({
      rule: 'V23',
      path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
      message: 'service IPv4 CIDR is not supported with IPv6',
      hint: 'remove serviceIPv4CIDR: EKS picks the IPv6 service range itself',
    });
  }
  config.nodeGroups.forEach((ng, i) => {
    problems.push({
      rule: 'V23',
      path: `nodeGroups[${i}]`,
      message: `unmanaged nodegroups are not supported with IPv6 clusters ("${ng.name}"); private-eks does not support them there yet either`,
      hint: 'make it a managedNodeGroups entry, or use Fargate',
    });
  });
  return problems;
}

/**
 * V23 on a supplied VPC (live): the VPC and each subnet need an IPv6 block, which private-eks
 * cannot add to what it does not own; nodes need an IPv6 address at launch (a warning: the user
 * may assign addresses another way).
 */
export function suppliedIpv6Problems(
  vpc: VpcInfo,
  vpcPath: string,
  subnets: readonly { readonly spec: SubnetSpec; readonly info: SubnetInfo }[],
): ProblemDraft[] {
  const problems: ProblemDraft[] = [];
  if ((vpc.ipv6Cidrs ?? []).length === 0) {
    problems.push({
      rule: 'V23',
      path: vpcPath,
      message: `VPC "${vpc.id}" has no IPv6 CIDR block: an IPv6 cluster needs one`,
      hint: `aws ec2 associate-vpc-cidr-block --vpc-id ${vpc.id} --amazon-provided-ipv6-cidr-block`,
    });
  }
  for (const { spec, info } of subnets) {
    const path = `vpc.subnets.private.${spec.key}`;
    if ((info.ipv6Cidrs ?? []).length === 0) {
      problems.push({
        rule: 'V23',
        path,
        message: `subnet "${info.id}" has no IPv6 CIDR block: every subnet of an IPv6 cluster needs one`,
        hint: `aws ec2 associate-subnet-cidr-block --subnet-id ${info.id} --ipv6-cidr-block <a /64 of the VPC's IPv6 block>`,
      });
    } else if (info.assignIpv6AddressOnCreation !== true) {
      problems.push({
        rule: 'V23',
        severity: 'warning',
        path,
        message: `subnet "${info.id}" does not assign IPv6 addresses on launch: nodes launched there get no IPv6 address of their own`,
        hint: `aws ec2 modify-subnet-attribute --subnet-id ${info.id} --assign-ipv6-address-on-creation`,
      });
    }
  }
  return problems;
}
