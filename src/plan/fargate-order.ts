/**
 * The order the Fargate stack creates its profiles in, and which of them the add-ons wait for.
 *
 * EKS creates one Fargate profile at a time per cluster, so the stack chains its profiles
 * (templates/fargate.ts), each taking minutes. On a cluster without nodegroups the add-ons' pods
 * (coredns, metrics-server, the CSI controllers) run in kube-system on Fargate, and need only the
 * profiles that select kube-system: those go first in the chain, and the add-ons start once they
 * exist, while the other profiles are still being created (plan/steps.ts).
 */
import type { FargateProfile, ResolvedConfig } from '../config/resolved.js';
import { fargateOnly } from './placement.js';

/**
 * Add-ons known to run their pods in kube-system (the EKS add-ons' own manifests). An add-on not
 * listed here may run elsewhere (amazon-cloudwatch-observability in amazon-cloudwatch,
 * aws-guardduty-agent in amazon-guardduty, marketplace add-ons in their own namespaces), whose
 * Fargate profile may be any of them: then the add-ons wait for every profile.
 */
const KUBE_SYSTEM_ADDONS = new Set([
  'vpc-cni',
  'kube-proxy',
  'coredns',
  'metrics-server',
  'eks-pod-identity-agent',
  'aws-ebs-csi-driver',
  'aws-efs-csi-driver',
  'snapshot-controller',
]);

/** A Fargate namespace pattern (`*` and `?` wildcards, as EKS accepts them) matched against a namespace. */
function namespaceMatches(pattern: string, namespace: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(namespace);
}

/** True when one of the profile's selectors takes pods of kube-system (whatever its labels). */
export function selectsKubeSystem(profile: FargateProfile): boolean {
  return profile.selectors.some((s) => namespaceMatches(s.namespace, 'kube-system'));
}

/** The profiles in the order the Fargate stack creates them: those selecting kube-system first, else file order. */
export function fargateCreationOrder(profiles: readonly FargateProfile[]): FargateProfile[] {
  return [...profiles.filter(selectsKubeSystem), ...profiles.filter((p) => !selectsKubeSystem(p))];
}

/**
 * The profiles the add-ons stack must wait for when that is fewer than all of them: on a cluster
 * without nodegroups whose add-ons all run in kube-system, the profiles selecting kube-system
 * (first in the stack's chain). Undefined when the add-ons wait for the whole Fargate stack: a
 * cluster with nodegroups (its add-ons wait for every kind of capacity, as before), an add-on that
 * may run in another namespace, no profile for kube-system, or every profile selecting it.
 */
export function profilesTheAddonsNeed(config: ResolvedConfig): FargateProfile[] | undefined {
  if (!fargateOnly(config) || config.addons.length === 0) return undefined;
  if (!config.addons.every((a) => KUBE_SYSTEM_ADDONS.has(a.name.toLowerCase()))) return undefined;
  const needed = config.fargateProfiles.filter(selectsKubeSystem);
  return needed.length > 0 && needed.length < config.fargateProfiles.length ? needed : undefined;
}
