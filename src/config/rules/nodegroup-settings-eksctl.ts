/**
 * eksctl's checks on a nodegroup's own settings that nodegroup-kinds.ts does not make: the pod
 * metadata block with add-on policies (both kinds), and on self-managed nodegroups the mixed
 * instances policy, CPU credits, suspended processes, instance lifetime, the deprecated albIngress
 * policy, kubelet settings eksctl owns and Bottlerocket settings (ValidateNodeGroup and its
 * helpers in eksctl's validation.go). Same verdicts and messages as eksctl; every problem found.
 */
import { formatPath, isRecord, type FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { DEFAULT_AMI_FAMILY, DEFAULT_INSTANCE_TYPE } from '../defaults.js';
import { quote } from '../report.js';
import type { NodeGroupFile } from '../schema.js';
import { eachNodeGroup, report, type RuleContext } from './context.js';
import { familyHasImageFor, imageInstanceType } from './instance-images.js';

/** EC2's SpotAllocationStrategy values, in the order eksctl prints them. */
const SPOT_ALLOCATION_STRATEGIES = [
  'lowest-price',
  'diversified',
  'capacity-optimized',
  'capacity-optimized-prioritized',
  'price-capacity-optimized',
];
/** The processes EC2 Auto Scaling can suspend (eksctl's list). */
export const ASG_PROCESSES = [
  'Launch',
  'Terminate',
  'AddToLoadBalancer',
  'AlarmNotification',
  'AZRebalance',
  'HealthCheck',
  'InstanceRefresh',
  'ReplaceUnhealthy',
  'ScheduledActions',
];
/** Kubelet settings eksctl writes itself and refuses from kubeletExtraConfig. */
const KUBELET_OWNED = [
  'kind',
  'apiVersion',
  'address',
  'clusterDomain',
  'authentication',
  'authorization',
  'serverTLSBootstrap',
];
/** Bottlerocket kubernetes settings that have a nodegroup field of their own. */
const BOTTLEROCKET_OVERLAPS: readonly (readonly [string, string])[] = [
  ['node-labels', 'labels'],
  ['node-taints', 'taints'],
  ['max-pods', 'maxPodsPerNode'],
];
const ONE_DAY = 86400;

interface At {
  readonly ctx: RuleContext;
  readonly path: FieldPath;
  readonly problems: Problem[];
}

function at(n: At, field: FieldPath, message: string, hint: string, anchor: 'key' | 'value' = 'key'): void {
  n.problems.push(report(n.ctx, anchor, { rule: 'VALUE', path: [...n.path, ...field], message, hint }));
}

/** validateNodeGroupBase: pods without instance metadata cannot use the node role's add-on policies. */
function podImdsAndAddonPolicies(n: At, ng: { disablePodIMDS?: boolean; iam?: { withAddonPolicies?: object } }): void {
  if (ng.disablePodIMDS !== true) return;
  const policies = ng.iam?.withAddonPolicies;
  if (!isRecord(policies) || !Object.values(policies).some((v) => v === true)) return;
  const p = formatPath(n.path);
  at(
    n,
    ['disablePodIMDS'],
    `${p}.disablePodIMDS and ${p}.iam.withAddonPolicies cannot be set at the same time`,
    'remove iam.withAddonPolicies and give the pods their own role (iam.serviceAccounts or iam.podIdentityAssociations), or remove disablePodIMDS',
  );
}

/** validateInstancesDistribution and validateSpotAllocationStrategy. */
function instancesDistribution(n: At, ng: NodeGroupFile): void {
  const d = ng.instancesDistribution;
  if (d === undefined) return;
  if ((ng.instanceType ?? '') !== '' && ng.instanceType !== 'mixed') {
    at(
      n,
      ['instanceType'],
      'instanceType should be "mixed" or unset when using the instances distribution feature',
      'remove instanceType and list the types in instancesDistribution.instanceTypes',
    );
  }
  const types = d.instanceTypes ?? [];
  // A selector fills the list in when the cluster is planned (eksctl: hasInstanceSelector).
  if (types.length === 0 && ng.instanceSelector === undefined) {
    at(
      n,
      ['instancesDistribution'],
      'at least two instance types have to be specified for mixed nodegroups',
      'list the instance types in instancesDistribution.instanceTypes',
    );
  } else if (new Set(types).size > 20) {
    at(
      n,
      ['instancesDistribution', 'instanceTypes'],
      'mixed nodegroups should have between 1 and 20 different instance types',
      'list at most 20 instance types',
    );
  }
  const strategy = d.spotAllocationStrategy;
  if (
    d.spotInstancePools !== undefined &&
    (strategy === 'capacity-optimized' || strategy === 'capacity-optimized-prioritized')
  ) {
    at(
      n,
      ['instancesDistribution', 'spotInstancePools'],
      `spotInstancePools cannot be specified when also specifying spotAllocationStrategy: ${strategy}`,
      'remove spotInstancePools: the capacity-optimized strategies choose the pools themselves',
    );
  }
  if (strategy !== undefined && !SPOT_ALLOCATION_STRATEGIES.includes(strategy)) {
    at(
      n,
      ['instancesDistribution', 'spotAllocationStrategy'],
      `spotAllocationStrategy should be one of: [${SPOT_ALLOCATION_STRATEGIES.join(' ')}]`,
      `write one of ${SPOT_ALLOCATION_STRATEGIES.join(', ')}`,
      'value',
    );
  }
}

/**
 * validateInstanceTypeSupport: without a custom AMI, the family must publish an image for the
 * instance type's architecture and accelerator (eksctl picks the type as imageInstanceType does).
 */
function instanceTypeSupport(n: At, ng: NodeGroupFile): void {
  if ((ng.ami ?? '').startsWith('ami-')) return;
  const mixed = ng.instancesDistribution?.instanceTypes ?? [];
  const types = mixed.length > 0 ? mixed : [ng.instanceType ?? DEFAULT_INSTANCE_TYPE];
  const index = imageInstanceType(types);
  const instanceType = types[index]!;
  const family = ng.amiFamily ?? DEFAULT_AMI_FAMILY;
  if (familyHasImageFor(family, instanceType)) return;
  const field: FieldPath =
    mixed.length > 0
      ? ['instancesDistribution', 'instanceTypes', index]
      : ng.instanceType === undefined
        ? ['amiFamily']
        : ['instanceType'];
  at(
    n,
    field,
    `${instanceType} instance types are not supported for unmanaged nodegroups with AMIFamily ${family}`,
    family === 'AmazonLinux2'
      ? 'use amiFamily AmazonLinux2023 or Bottlerocket, which have an image for it, or another instance type'
      : `use an instance type ${family} has an image for (x86_64, without Neuron accelerators), or another amiFamily`,
    'value',
  );
}

/** validateCPUCredits: only burstable (T) instance types have CPU credits. */
function cpuCredits(n: At, ng: NodeGroupFile): void {
  if (ng.cpuCredits === undefined) return;
  const types =
    ng.instancesDistribution === undefined ? [ng.instanceType ?? ''] : (ng.instancesDistribution.instanceTypes ?? []);
  if (!types.some((t) => t.startsWith('t'))) {
    at(
      n,
      ['cpuCredits'],
      'cpuCredits option set for nodegroup, but it has no t2/t3 instance types',
      'remove cpuCredits, or use a burstable (t3, t4g…) instance type',
    );
    return;
  }
  const value = ng.cpuCredits.toLowerCase();
  if (value !== 'standard' && value !== 'unlimited') {
    at(
      n,
      ['cpuCredits'],
      "cpuCredits option accepts only one of 'standard' or 'unlimited'",
      'write standard or unlimited',
      'value',
    );
  }
}

/** validateNodeGroupKubeletExtraConfig and checkBottlerocketSettings. */
function kubeletAndBottlerocket(n: At, ng: NodeGroupFile): void {
  const family = ng.amiFamily ?? '';
  const bottlerocket = family === 'Bottlerocket' || family === 'BottlerocketFips';
  const p = formatPath(n.path);
  if (ng.bottlerocket !== undefined && !bottlerocket) {
    at(
      n,
      ['bottlerocket'],
      `bottlerocket config can only be used with amiFamily "Bottlerocket" or "BottlerocketFips" but found "${family}" (path=${p}.bottlerocket)`,
      'remove bottlerocket, or set amiFamily: Bottlerocket',
    );
  }
  if (bottlerocket) {
    const settings = ng.bottlerocket?.settings;
    if (settings === undefined || !('kubernetes' in settings)) return;
    const kube = settings['kubernetes'];
    if (!isRecord(kube)) {
      at(
        n,
        ['bottlerocket', 'settings', 'kubernetes'],
        'invalid kubernetes settings provided: expected a map of settings',
        'write the kubernetes settings as a mapping',
        'value',
      );
      return;
    }
    for (const [setting, field] of BOTTLEROCKET_OVERLAPS) {
      if (!(setting in kube)) continue;
      at(
        n,
        ['bottlerocket', 'settings', 'kubernetes', setting],
        `invalid Bottlerocket setting: use ${p}.${field} instead (path=${p}.bottlerocket.settings.kubernetes.${setting})`,
        `move it to ${p}.${field}`,
      );
    }
    return;
  }
  if (family.startsWith('WindowsServer')) return;
  for (const key of Object.keys(ng.kubeletExtraConfig ?? {})) {
    if (!KUBELET_OWNED.includes(key)) continue;
    at(
      n,
      ['kubeletExtraConfig', key],
      `cannot override ${quote(key)} in kubelet config, as it's critical to eksctl functionality`,
      `remove ${key}: the node's bootstrap sets it`,
    );
  }
}

/** ValidateNodeGroup's own checks, in eksctl's order. */
function selfManaged(n: At, ng: NodeGroupFile): void {
  const policies = ng.iam?.withAddonPolicies;
  if (policies?.albIngress === true && policies.awsLoadBalancerController === true) {
    at(
      n,
      ['iam', 'withAddonPolicies', 'albIngress'],
      '"awsLoadBalancerController" and "albIngress" cannot both be configured, please use "awsLoadBalancerController" as "albIngress" is deprecated',
      'remove albIngress',
    );
  }
  kubeletAndBottlerocket(n, ng);
  instanceTypeSupport(n, ng);
  instancesDistribution(n, ng);
  cpuCredits(n, ng);
  (ng.asgSuspendProcesses ?? []).forEach((process, i) => {
    if (ASG_PROCESSES.includes(process)) return;
    at(
      n,
      ['asgSuspendProcesses', i],
      `asgSuspendProcesses contains invalid process name '${process}'`,
      `write one of ${ASG_PROCESSES.join(', ')}`,
      'value',
    );
  });
  if (ng.maxInstanceLifetime !== undefined && ng.maxInstanceLifetime < ONE_DAY) {
    at(
      n,
      ['maxInstanceLifetime'],
      `maximum instance lifetime must have a minimum value of 86,400 seconds (one day), but was: ${ng.maxInstanceLifetime}`,
      'write 86400 or more, or remove maxInstanceLifetime',
      'value',
    );
  }
}

export function nodeGroupSettingsEksctl(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const { path, ng } of eachNodeGroup(ctx.config)) podImdsAndAddonPolicies({ ctx, path, problems }, ng);
  (ctx.config.nodeGroups ?? []).forEach((ng, i) => selfManaged({ ctx, path: ['nodeGroups', i], problems }, ng));
  return problems;
}
