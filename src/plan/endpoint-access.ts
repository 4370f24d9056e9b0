/**
 * How the control plane's endpoint is exposed while the cluster is created (SPEC §7 step 5).
 *
 * eksctl creates every fully-private cluster public + private and switches public access off at
 * the very end, because it drives the Kubernetes API from where it runs. private-eks does so only
 * when a step actually needs the Kubernetes API [beyond]; everything else (managed nodegroups,
 * self-managed nodes joining through EC2_LINUX access entries, Fargate, add-ons, Pod Identity,
 * access entries) goes through the EKS API, so the cluster can be private-only from the start.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import type { RunnerPlan } from './runner.js';
import type { EndpointAccess, EndpointAccessDecision, PlanStep } from './types.js';

/** `--endpoint-switch`: `auto` opens the public endpoint during creation only when a step needs the Kubernetes API, `always` does it anyway, `never` refuses. */
export type EndpointSwitchMode = EndpointAccessDecision['mode'];

const PRIVATE_ONLY: EndpointAccess = { publicAccess: false, privateAccess: true };
const PUBLIC_AND_PRIVATE: EndpointAccess = { publicAccess: true, privateAccess: true };

const list = (ids: readonly string[]): string => ids.map((id) => `"${id}"`).join(', ');

export function decideEndpointAccess(
  config: ResolvedConfig,
  steps: readonly PlanStep[],
  mode: EndpointSwitchMode = 'auto',
  runner?: RunnerPlan,
): EndpointAccessDecision {
  const needing = steps.filter((s) => s.needsKubernetesApi).map((s) => s.id);
  // The in-VPC runner reaches the private endpoint from inside: nothing needs the public one.
  const byRunner = runner?.enabled === true && needing.length > 0;
  const switchNeeded = mode === 'always' || (mode === 'auto' && needing.length > 0 && !byRunner);
  const cidrs = config.vpc.publicAccessCIDRs;
  const window =
    cidrs.length > 0
      ? `public access is limited to ${cidrs.join(', ')} (vpc.publicAccessCIDRs) until then`
      : 'public access is open to 0.0.0.0/0 until then; set vpc.publicAccessCIDRs to narrow it';
  let reason: string;
  if (mode === 'always') {
    reason = `--endpoint-switch=always: the cluster is created with public and private access and public access is switched off at the end; ${window}`;
  } else if (switchNeeded) {
    reason = `step(s) ${list(needing)} need the Kubernetes API from where private-eks runs: the cluster is created with public and private access and public access is switched off at the end; ${window}`;
  } else if (byRunner) {
    reason = `${mode === 'never' ? '--endpoint-switch=never: ' : ''}the cluster is private-only from the start; step(s) ${list(needing)} run through the in-VPC runner, a function in the cluster's private subnets that private-eks calls through the Lambda API`;
  } else if (needing.length > 0) {
    reason = `--endpoint-switch=never: the cluster is private-only from the start; step(s) ${list(needing)} need the Kubernetes API and must run from inside the VPC, a peered VPC, or over VPN/Direct Connect`;
  } else {
    reason = `${mode === 'never' ? '--endpoint-switch=never: ' : ''}no step needs the Kubernetes API from where private-eks runs (nodes join through access entries; nodegroups, Fargate, add-ons and Pod Identity go through the EKS API): the cluster is private-only from the start`;
  }
  return {
    initial: switchNeeded ? PUBLIC_AND_PRIVATE : PRIVATE_ONLY,
    final: PRIVATE_ONLY,
    switchNeeded,
    reason,
    stepsNeedingKubernetesApi: needing,
    publicAccessCidrs: switchNeeded ? [...cidrs] : [],
    mode,
  };
}
