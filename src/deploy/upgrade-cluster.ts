/**
 * `upgrade cluster -f FILE [--version X] [--approve]`, in EKS's order: the control plane one minor
 * version at a time (UpdateClusterVersion, each waited for), then the add-ons' stack at the new
 * version (each add-on at EKS's default version for it, or the file's pinned one; see
 * addon-versions.ts), then every nodegroup — managed ones with UpdateNodegroupVersion (EKS rolls the nodes to
 * the new release), self-managed ones with their stack at the new version (a new launch-template
 * version with the new AMI) followed by an instance refresh of their group.
 *
 * Version-skew rules are checked before anything starts (upgradeChecks): the target is a version
 * private-eks knows, not older than the control plane, and no nodegroup would end up more than
 * three minor versions behind it (Kubernetes' kubelet skew policy) or ahead of it, and every
 * add-on version pinned in the file supports the target.
 *
 * Resume: every step looks first — a control plane already at the step's version is skipped, an
 * update in progress is waited for, a nodegroup at the target is left alone — so a re-run after
 * Ctrl-C carries on where the last one stopped.
 */
import { DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeNodegroupCommand,
  UpdateClusterVersionCommand,
  UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import type { ResolvedConfig } from '../config/resolved.js';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../config/versions.js';
import { PrivateEksError } from '../errors.js';
import type { CloudFacts } from '../plan/facts.js';
import { resolveAddonVersions } from './addon-versions.js';
import { callAws } from './aws-call.js';
import { executeChangeSet } from './change-sets.js';
import { describeClusterAccess } from './cluster-info.js';
import { findClusterStacks } from './cluster-stacks.js';
import { deployedTemplate, diffCluster, planExistingCluster } from './diff/cluster-diff.js';
import { templateNodeVersion } from './diff/pin.js';
import { inProgressUpdate, waitForEksUpdate, type EksUpdateDeps } from './eks-updates.js';
import { refreshInstances } from './instance-refresh.js';
import { stepFailure, type StepFailure } from './results.js';
import { stackDeps, type DeployDeps } from './run-state.js';
import { systemClock } from './clock.js';
import { safeSink } from './events.js';
import type { RunState } from './run-state.js';
import { DEFAULT_PARALLELISM, StepGraph, type GraphStep, type StepRecord } from './step-graph.js';

export interface UpgradeClusterRequest {
  readonly config: ResolvedConfig;
  readonly facts: CloudFacts;
  /** `--version`; default: the file's `metadata.version`. */
  readonly version?: string;
  readonly approve: boolean;
}

export interface NodegroupVersion {
  readonly name: string;
  readonly kind: 'managed' | 'self-managed';
  /** Undefined when it cannot be told (a self-managed nodegroup with an AMI of the user's). */
  readonly version: string | undefined;
  readonly stack: string;
}

export interface UpgradePlan {
  readonly cluster: string;
  readonly from: string;
  readonly to: string;
  /** The control plane's versions, one per minor step. */
  readonly controlPlane: readonly string[];
  readonly nodegroups: readonly NodegroupVersion[];
  /** Add-on name → the version it gets at the target (EKS's default, or the file's pin). */
  readonly addons: Readonly<Record<string, string>>;
  readonly steps: readonly { readonly id: string; readonly description: string }[];
}

export type UpgradeResult =
  | { readonly outcome: 'up-to-date'; readonly plan: UpgradePlan }
  | { readonly outcome: 'planned'; readonly plan: UpgradePlan }
  | { readonly outcome: 'upgraded'; readonly plan: UpgradePlan; readonly steps: readonly StepRecord[] }
  | { readonly outcome: 'interrupted'; readonly plan: UpgradePlan; readonly steps: readonly StepRecord[] }
  | {
      readonly outcome: 'failed';
      readonly plan: UpgradePlan;
      readonly steps: readonly StepRecord[];
      readonly failures: readonly StepFailure[];
    };

/** What the steps of one upgrade share (a create's RunState without its plan). */
type UpgradeState = Pick<RunState, 'deps' | 'events' | 'clock' | 'signal'>;

function newUpgradeState(deps: DeployDeps): UpgradeState {
  return { deps, events: safeSink(deps.events ?? (() => {})), clock: deps.clock ?? systemClock, signal: deps.signal };
}

type Minor = readonly [number, number];
const minor = (v: string): Minor => {
  const [a, b] = v.split('.').map(Number);
  return [a ?? 0, b ?? 0];
};
const compare = (a: string, b: string): number => {
  const [x, y] = [minor(a), minor(b)];
  return x[0] - y[0] || x[1] - y[1];
};

/** Kubernetes' version-skew policy (1.28+): a kubelet may be up to three minor versions older than the API server. */
export const MAX_KUBELET_SKEW = 3;

function userError(message: string, hint: string): PrivateEksError {
  return new PrivateEksError('PE_UPGRADE', message, { source: 'user', hint });
}

/** The skew rules, before anything starts. Pure. */
export function upgradeChecks(current: string, target: string, nodegroups: readonly NodegroupVersion[]): void {
  if (!SUPPORTED_KUBERNETES_VERSIONS.includes(target)) {
    throw userError(
      `version ${target} is not one private-eks knows EKS offers`,
      `use one of ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}`,
    );
  }
  if (compare(target, current) < 0) {
    throw userError(
      `the control plane is at ${current}; EKS cannot downgrade it to ${target}`,
      `set metadata.version (or --version) to ${current} or later`,
    );
  }
  for (const ng of nodegroups) {
    if (ng.version === undefined) continue;
    if (compare(ng.version, current) > 0) {
      throw userError(
        `nodegroup ${ng.name} is at ${ng.version}, newer than the control plane (${current})`,
        'a kubelet must never be newer than its API server; check the nodegroup',
      );
    }
    const [tMajor, tMinor] = minor(target);
    const [nMajor, nMinor] = minor(ng.version);
    if (tMajor !== nMajor || tMinor - nMinor > MAX_KUBELET_SKEW) {
      throw userError(
        `nodegroup ${ng.name} is at ${ng.version}: with the control plane at ${target} it would be more than ${MAX_KUBELET_SKEW} minor versions behind`,
        `upgrade in smaller steps (--version ${nMajor}.${nMinor + MAX_KUBELET_SKEW}) so each run brings the nodegroups along`,
      );
    }
  }
}

function versionsBetween(from: string, to: string): string[] {
  const [major, start] = minor(from);
  const [, end] = minor(to);
  const out: string[] = [];
  for (let m = start + 1; m <= end; m += 1) out.push(`${major}.${m}`);
  return out;
}

async function nodegroupVersions(deps: DeployDeps, config: ResolvedConfig): Promise<NodegroupVersion[]> {
  const cfn = deps.clients.cloudFormation;
  const found = await findClusterStacks(cfn, config.metadata.name, deps.signal);
  const sdeps = { ...stackDeps(newUpgradeState(deps)), clients: deps.clients };
  const out: NodegroupVersion[] = [];
  for (const ng of found.nodeGroups) {
    const managed = ng.stack.tags['alpha.eksctl.io/nodegroup-type'] === 'managed';
    if (managed) {
      const described = await callAws('eks:DescribeNodegroup', deps.signal, (options) =>
        deps.clients.eks.send(
          new DescribeNodegroupCommand({ clusterName: config.metadata.name, nodegroupName: ng.name }),
          options,
        ),
      );
      out.push({ name: ng.name, kind: 'managed', version: described.nodegroup?.version, stack: ng.stack.name });
    } else {
      const template = await deployedTemplate(sdeps, ng.stack);
      out.push({ name: ng.name, kind: 'self-managed', version: templateNodeVersion(template), stack: ng.stack.name });
    }
  }
  return out;
}

export async function upgradeCluster(request: UpgradeClusterRequest, deps: DeployDeps): Promise<UpgradeResult> {
  const name = request.config.metadata.name;
  const live = await describeClusterAccess(deps.clients.eks, name, deps.signal);
  if (live?.version === undefined) {
    throw new PrivateEksError('PE_NOT_FOUND', `no cluster "${name}" in ${deps.clients.region}`, {
      source: 'user',
      hint: 'create it first with private-eks create cluster',
    });
  }
  const target = request.version ?? request.config.metadata.version;
  const nodegroups = await nodegroupVersions(deps, request.config);
  upgradeChecks(live.version, target, nodegroups);
  const addonVersions = await resolveAddonVersions(deps.clients.eks, request.config.addons, target, deps.signal);
  const controlPlane = versionsBetween(live.version, target);
  const behind = nodegroups.filter((n) => n.version === undefined || compare(n.version, target) < 0);
  const state = newUpgradeState(deps);
  const steps = upgradeSteps(request, state, controlPlane, behind, target, addonVersions);
  const plan: UpgradePlan = {
    cluster: name,
    from: live.version,
    to: target,
    controlPlane,
    nodegroups,
    addons: Object.fromEntries(addonVersions),
    steps: steps.map((s) => ({ id: s.id, description: s.description })),
  };
  if (steps.length === 0) return { outcome: 'up-to-date', plan };
  if (!request.approve) return { outcome: 'planned', plan };
  const run = await new StepGraph(steps).run({
    parallelism: deps.parallelism ?? DEFAULT_PARALLELISM,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    events: state.events,
  });
  if (run.ok) return { outcome: 'upgraded', plan, steps: run.steps };
  const failures = run.steps.flatMap((s) => (s.status === 'failed' ? [stepFailure(s)] : []));
  if (run.interrupted && failures.length === 0) return { outcome: 'interrupted', plan, steps: run.steps };
  return { outcome: 'failed', plan, steps: run.steps, failures };
}

function eksDeps(state: UpgradeState): EksUpdateDeps {
  return {
    eks: state.deps.clients.eks,
    events: state.events,
    clock: state.clock,
    ...(state.signal === undefined ? {} : { signal: state.signal }),
    ...(state.deps.updateTimeoutMs === undefined ? {} : { timeoutMs: state.deps.updateTimeoutMs }),
  };
}

function upgradeSteps(
  request: UpgradeClusterRequest,
  state: UpgradeState,
  controlPlane: readonly string[],
  behind: readonly NodegroupVersion[],
  target: string,
  addonVersions: ReadonlyMap<string, string>,
): GraphStep[] {
  const cluster = request.config.metadata.name;
  const steps: GraphStep[] = [];
  let previous: string[] = [];
  for (const version of controlPlane) {
    const id = `control-plane/${version}`;
    steps.push({
      id,
      description: `control plane to Kubernetes ${version}`,
      dependsOn: previous,
      run: () => upgradeControlPlane(state, cluster, version, id),
    });
    previous = [id];
  }
  if (controlPlane.length > 0 || behind.length > 0) {
    steps.push({
      id: 'addons',
      description: `add-ons' stack at Kubernetes ${target}`,
      dependsOn: previous,
      run: () => upgradeStacks(request, state, target, (kind) => kind === 'addons', 'addons', { addonVersions }),
    });
    previous = ['addons'];
  }
  for (const ng of behind) {
    const id = `nodegroup/${ng.name}`;
    steps.push({
      id,
      description: `nodegroup ${ng.name} (${ng.kind}) to Kubernetes ${target}`,
      dependsOn: previous,
      run: () =>
        ng.kind === 'managed'
          ? upgradeManagedNodegroup(state, cluster, ng.name, target, id)
          : upgradeSelfManagedNodegroup(request, state, ng, target, id),
    });
  }
  return steps;
}

async function upgradeControlPlane(
  state: UpgradeState,
  cluster: string,
  version: string,
  stepId: string,
): Promise<string> {
  const deps = eksDeps(state);
  const scope = { cluster, stepId, what: `control plane ${version}` };
  const pending = await inProgressUpdate(deps, scope);
  if (pending !== undefined) await waitForEksUpdate(deps, scope, pending);
  const live = await describeClusterAccess(deps.eks, cluster, deps.signal);
  if (live?.version !== undefined && compare(live.version, version) >= 0) return `already at ${live.version}`;
  const out = await callAws('eks:UpdateClusterVersion', deps.signal, (options) =>
    deps.eks.send(new UpdateClusterVersionCommand({ name: cluster, version }), options),
  );
  if (out.update?.id !== undefined) await waitForEksUpdate(deps, scope, out.update.id);
  return `upgraded to ${version}`;
}

async function upgradeManagedNodegroup(
  state: UpgradeState,
  cluster: string,
  nodegroup: string,
  version: string,
  stepId: string,
): Promise<string> {
  const deps = eksDeps(state);
  const scope = { cluster, nodegroup, stepId, what: `nodegroup ${nodegroup}` };
  const pending = await inProgressUpdate(deps, scope);
  if (pending !== undefined) await waitForEksUpdate(deps, scope, pending);
  const described = await callAws('eks:DescribeNodegroup', deps.signal, (options) =>
    deps.eks.send(new DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: nodegroup }), options),
  );
  const current = described.nodegroup?.version;
  if (current !== undefined && compare(current, version) >= 0) return `already at ${current}`;
  const out = await callAws('eks:UpdateNodegroupVersion', deps.signal, (options) =>
    deps.eks.send(
      new UpdateNodegroupVersionCommand({ clusterName: cluster, nodegroupName: nodegroup, version }),
      options,
    ),
  );
  if (out.update?.id !== undefined) await waitForEksUpdate(deps, scope, out.update.id);
  return `upgraded to ${version}`;
}

/** Plans the file at the target version and applies the change sets of the stacks `pick` selects. */
async function upgradeStacks(
  request: UpgradeClusterRequest,
  state: UpgradeState,
  version: string,
  pick: (kind: string, name: string) => boolean,
  stepId: string,
  follow: { readonly version?: boolean; readonly addonVersions?: ReadonlyMap<string, string> } = {},
): Promise<string> {
  const { existing } = await planExistingCluster(request.config, request.facts, state.deps.clients, {
    version,
    ...(state.signal === undefined ? {} : { signal: state.signal }),
  });
  if (existing === undefined) return 'cluster not found';
  const only = new Set(existing.plan.stacks.filter((s) => pick(s.kind, s.name)).map((s) => s.name));
  if (only.size === 0) return 'nothing to change';
  const sdeps = { ...stackDeps(state), clients: state.deps.clients };
  const diff = await diffCluster(existing, sdeps, {
    keepChangeSets: true,
    only,
    ...(follow.version === true ? { followVersion: only } : {}),
    ...(follow.addonVersions === undefined ? {} : { addonVersions: follow.addonVersions }),
  });
  let updated = 0;
  for (const stack of diff.stacks) {
    if (stack.change !== 'update' || stack.changeSetId === undefined || stack.stackId === undefined) continue;
    await executeChangeSet(stackDeps(state), stepId, { id: stack.stackId, name: stack.stack }, stack.changeSetId);
    updated += 1;
  }
  return updated === 0 ? 'nothing to change' : `${updated} stack${updated === 1 ? '' : 's'} updated`;
}

async function upgradeSelfManagedNodegroup(
  request: UpgradeClusterRequest,
  state: UpgradeState,
  ng: NodegroupVersion,
  version: string,
  stepId: string,
): Promise<string> {
  if (ng.version === undefined) {
    state.events({
      code: 'warning',
      stepId,
      message: `nodegroup ${ng.name} runs an AMI of its own (ami in the file); update its AMI to one for ${version} and re-run`,
    });
    return 'own AMI: left as it is';
  }
  const detail = await upgradeStacks(request, state, version, (_kind, name) => name === ng.stack, stepId, {
    version: true,
  });
  const group = await callAws('cloudformation:DescribeStackResource', state.signal, (options) =>
    state.deps.clients.cloudFormation.send(
      new DescribeStackResourceCommand({ StackName: ng.stack, LogicalResourceId: 'NodeGroup' }),
      options,
    ),
  );
  const groupName = group.StackResourceDetail?.PhysicalResourceId;
  if (groupName === undefined || state.deps.clients.autoScaling === undefined) return `${detail}; no instance refresh`;
  const refresh = await refreshInstances(
    { ...eksDeps(state), autoScaling: state.deps.clients.autoScaling },
    { stepId, group: groupName, what: `nodegroup ${ng.name}` },
  );
  return `${detail}; ${refresh}`;
}
