/**
 * eksctl's IPv6 checks (validateKubernetesNetworkConfig, run after the cluster defaults): no
 * service IPv4 CIDR; unless Auto Mode, the coredns add-on listed in the file and, with vpc-cni
 * listed, a way for it to get credentials (IRSA or Pod Identity); vpc-cni 1.10.0 or later. eksctl
 * reads the file's `addons` here, not the defaults it adds later, so an add-on must be written.
 */
import type { FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { report, type RuleContext } from './context.js';

const VPC_CNI = 'vpc-cni';
const COREDNS = 'coredns';
const POD_IDENTITY_AGENT = 'eks-pod-identity-agent';
const MINIMUM_VPC_CNI = [1, 10, 0] as const;

/** eksctl's version parse, leniently: `v1.18.3-eksbuild.1` → [1, 18, 3]; undefined if unreadable. */
function versionParts(version: string): readonly [number, number, number] | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function olderThan(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) < b[i]!;
  return false;
}

export function ipv6Requirements(ctx: RuleContext): Problem[] {
  if (ctx.resolved.kubernetesNetworkConfig.ipFamily !== 'IPv6') return [];
  const problems: Problem[] = [];
  const push = (anchor: 'key' | 'value', path: FieldPath, message: string, hint: string) =>
    problems.push(report(ctx, anchor, { rule: 'VALUE', path, message, hint }));
  const network: FieldPath = ['kubernetesNetworkConfig'];
  if ((ctx.config.kubernetesNetworkConfig?.serviceIPv4CIDR ?? '') !== '') {
    push(
      'key',
      [...network, 'serviceIPv4CIDR'],
      'service IPv4 CIDR is not supported with IPv6',
      'remove serviceIPv4CIDR: EKS chooses the IPv6 service range',
    );
  }
  const addons = ctx.config.addons ?? [];
  const listed = (name: string) => addons.some((a) => (a.name ?? '').toLowerCase() === name);
  const vpcCniIndex = addons.findIndex((a) => a.name === VPC_CNI);
  if (ctx.resolved.autoMode === undefined) {
    if (!listed(COREDNS)) {
      push(
        'key',
        [...network, 'ipFamily'],
        `the default core addons must be defined for IPv6; missing addon(s): ${COREDNS}; either define them or use EKS Auto Mode`,
        'list the add-ons: addons: [{name: vpc-cni}, {name: coredns}, {name: kube-proxy}]',
      );
    } else if (vpcCniIndex >= 0) {
      const vpcCni = addons[vpcCniIndex]!;
      const agent = listed(POD_IDENTITY_AGENT);
      if (!agent && !ctx.resolved.iam.withOIDC) {
        push(
          'key',
          [...network, 'ipFamily'],
          'either pod identity or oidc needs to be enabled if IPv6 is set; set either one or use EKS Auto Mode',
          'set iam.withOIDC: true, or add the eks-pod-identity-agent add-on',
        );
      } else if (
        agent &&
        !ctx.resolved.addonsConfig.autoApplyPodIdentityAssociations &&
        vpcCni.useDefaultPodIdentityAssociations !== true &&
        !hasAssociations(vpcCni)
      ) {
        push(
          'key',
          ['addons', vpcCniIndex],
          'Set one of: addonsConfig.autoApplyPodIdentityAssociations, useDefaultPodIdentityAssociations on the vpc-cni addon, apply a custom pod identity on the vpc-cni addon',
          'add useDefaultPodIdentityAssociations: true to the vpc-cni add-on',
        );
      }
    }
  }
  const version = vpcCniIndex >= 0 ? (addons[vpcCniIndex]!.version ?? '') : '';
  const parts = version === '' || version === 'latest' ? undefined : versionParts(version);
  if (parts !== undefined && olderThan(parts, MINIMUM_VPC_CNI)) {
    push(
      'value',
      ['addons', vpcCniIndex, 'version'],
      `${VPC_CNI} version must be at least version ${MINIMUM_VPC_CNI.join('.')} for IPv6`,
      'use vpc-cni 1.10.0 or later, or remove the version (latest)',
    );
  }
  return problems;
}

function hasAssociations(addon: object): boolean {
  const associations = (addon as { podIdentityAssociations?: unknown }).podIdentityAssociations;
  return Array.isArray(associations) && associations.length > 0;
}
