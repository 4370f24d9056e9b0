/**
 * eksctl's checks on a nodegroup's own settings (src/config/rules/nodegroup-settings-eksctl.ts) at
 * their boundaries: pod IMDS with add-on policies, instance type support and its hints, CPU credits
 * with mixed instances, Bottlerocket and kubelet settings eksctl owns, albIngress, and the hints
 * that list the allowed values; each problem asserted whole (rule, severity, path, message, hint,
 * position), written to kill the mutants the broader nodegroup tests leave alive.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load, valueError, valueAt } from './support.js';

/** A file with one self-managed nodegroup `ng1` carrying `fields`. */
const nodeGroup = (...fields: string[]) =>
  lines(HEADER, 'nodeGroups:', '  - name: ng1', '    privateNetworking: true', ...fields.map((f) => '    ' + f));

describe('disablePodIMDS with iam.withAddonPolicies', () => {
  const message = 'nodeGroups[0].disablePodIMDS and nodeGroups[0].iam.withAddonPolicies cannot be set at the same time';
  const hint =
    'remove iam.withAddonPolicies and give the pods their own role (iam.serviceAccounts or iam.podIdentityAssociations), or remove disablePodIMDS';

  it('one policy true among false ones: refused', () => {
    const text = nodeGroup('disablePodIMDS: true', 'iam: {withAddonPolicies: {autoScaler: false, externalDNS: true}}');
    expect(valueAt(load(text), 'nodeGroups[0].disablePodIMDS')).toEqual([
      valueError(text, 'disablePodIMDS', { path: 'nodeGroups[0].disablePodIMDS', message, hint }),
    ]);
  });

  it('every policy false: accepted', () => {
    const text = nodeGroup('disablePodIMDS: true', 'iam: {withAddonPolicies: {autoScaler: false, externalDNS: false}}');
    expect(valueAt(load(text), 'nodeGroups[0].disablePodIMDS')).toEqual([]);
  });
});

describe('instancesDistribution.spotAllocationStrategy', () => {
  it('an unknown strategy: the hint lists every strategy', () => {
    const text = nodeGroup(
      'instancesDistribution: {instanceTypes: [m5.large, m5a.large], spotAllocationStrategy: cheapest}',
    );
    expect(valueAt(load(text), 'nodeGroups[0].instancesDistribution.spotAllocationStrategy')).toEqual([
      valueError(text, 'cheapest', {
        path: 'nodeGroups[0].instancesDistribution.spotAllocationStrategy',
        message:
          'spotAllocationStrategy should be one of: [lowest-price diversified capacity-optimized capacity-optimized-prioritized price-capacity-optimized]',
        hint: 'write one of lowest-price, diversified, capacity-optimized, capacity-optimized-prioritized, price-capacity-optimized',
      }),
    ]);
  });
});

describe('instance type support of the amiFamily', () => {
  it('AmazonLinux2 on Graviton with NVIDIA (g5g): the AmazonLinux2 hint', () => {
    const text = nodeGroup('amiFamily: AmazonLinux2', 'instanceType: g5g.xlarge');
    expect(valueAt(load(text), 'nodeGroups[0].instanceType')).toEqual([
      valueError(text, 'g5g.xlarge', {
        path: 'nodeGroups[0].instanceType',
        message: 'g5g.xlarge instance types are not supported for unmanaged nodegroups with AMIFamily AmazonLinux2',
        hint: 'use amiFamily AmazonLinux2023 or Bottlerocket, which have an image for it, or another instance type',
      }),
    ]);
  });

  it('Windows on Graviton: the hint naming the family', () => {
    const text = nodeGroup('amiFamily: WindowsServer2022CoreContainer', 'instanceType: m7g.large');
    expect(valueAt(load(text), 'nodeGroups[0].instanceType')).toEqual([
      valueError(text, 'm7g.large', {
        path: 'nodeGroups[0].instanceType',
        message:
          'm7g.large instance types are not supported for unmanaged nodegroups with AMIFamily WindowsServer2022CoreContainer',
        hint: 'use an instance type WindowsServer2022CoreContainer has an image for (x86_64, without Neuron accelerators), or another amiFamily',
      }),
    ]);
  });

  it('a custom AMI is not checked against the family', () => {
    const text = nodeGroup(
      'amiFamily: AmazonLinux2',
      'instanceType: g5g.xlarge',
      'ami: ami-0abc',
      'overrideBootstrapCommand: /etc/eks/bootstrap.sh c1',
    );
    expect(valueAt(load(text), 'nodeGroups[0].instanceType')).toEqual([]);
  });
});

describe('cpuCredits with an instances distribution', () => {
  const cpuMessage = 'cpuCredits option set for nodegroup, but it has no t2/t3 instance types';

  it('one burstable type among others: accepted', () => {
    const text = nodeGroup('cpuCredits: standard', 'instancesDistribution: {instanceTypes: [t3.small, m5.large]}');
    expect(valueAt(load(text), 'nodeGroups[0].cpuCredits')).toEqual([]);
  });

  it('only burstable types, instanceType mixed: accepted', () => {
    const text = nodeGroup(
      'instanceType: mixed',
      'cpuCredits: unlimited',
      'instancesDistribution: {instanceTypes: [t3.small, t3.medium]}',
    );
    expect(valueAt(load(text), 'nodeGroups[0].cpuCredits')).toEqual([]);
  });

  it('no burstable type: refused', () => {
    const text = nodeGroup('cpuCredits: standard', 'instancesDistribution: {instanceTypes: [m5.large, c5.large]}');
    expect(valueAt(load(text), 'nodeGroups[0].cpuCredits')).toEqual([
      valueError(text, 'cpuCredits', {
        path: 'nodeGroups[0].cpuCredits',
        message: cpuMessage,
        hint: 'remove cpuCredits, or use a burstable (t3, t4g…) instance type',
      }),
    ]);
  });
});

describe('bottlerocket settings', () => {
  it('a bottlerocket block without amiFamily names the empty family', () => {
    const text = nodeGroup('bottlerocket: {}');
    expect(valueAt(load(text), 'nodeGroups[0].bottlerocket')).toEqual([
      valueError(text, 'bottlerocket', {
        path: 'nodeGroups[0].bottlerocket',
        message:
          'bottlerocket config can only be used with amiFamily "Bottlerocket" or "BottlerocketFips" but found "" (path=nodeGroups[0].bottlerocket)',
        hint: 'remove bottlerocket, or set amiFamily: Bottlerocket',
      }),
    ]);
  });

  it('BottlerocketFips takes a bottlerocket block, and its node-labels and node-taints are refused', () => {
    const text = nodeGroup(
      'amiFamily: BottlerocketFips',
      'bottlerocket: {settings: {kubernetes: {node-labels: {a: b}, node-taints: {x: "y:NoSchedule"}}}}',
    );
    const result = load(text);
    const p = 'nodeGroups[0]';
    expect(valueAt(result, `${p}.bottlerocket`)).toEqual([]);
    expect(valueAt(result, `${p}.bottlerocket.settings.kubernetes.node-labels`)).toEqual([
      valueError(text, 'node-labels', {
        path: `${p}.bottlerocket.settings.kubernetes.node-labels`,
        message: `invalid Bottlerocket setting: use ${p}.labels instead (path=${p}.bottlerocket.settings.kubernetes.node-labels)`,
        hint: `move it to ${p}.labels`,
      }),
    ]);
    expect(valueAt(result, `${p}.bottlerocket.settings.kubernetes.node-taints`)).toEqual([
      valueError(text, 'node-taints', {
        path: `${p}.bottlerocket.settings.kubernetes.node-taints`,
        message: `invalid Bottlerocket setting: use ${p}.taints instead (path=${p}.bottlerocket.settings.kubernetes.node-taints)`,
        hint: `move it to ${p}.taints`,
      }),
    ]);
  });
});

describe('kubeletExtraConfig settings eksctl owns', () => {
  it.each(['kind', 'apiVersion', 'address', 'authentication', 'authorization', 'serverTLSBootstrap'])(
    '%s is refused, at its key',
    (key) => {
      const text = nodeGroup(`kubeletExtraConfig: {maxPods: 20, ${key}: {}}`);
      const path = `nodeGroups[0].kubeletExtraConfig.${key}`;
      expect(valueAt(load(text), path)).toEqual([
        valueError(text, `${key}: {}`, {
          path,
          message: `cannot override "${key}" in kubelet config, as it's critical to eksctl functionality`,
          hint: `remove ${key}: the node's bootstrap sets it`,
        }),
      ]);
    },
  );

  it('on Windows the owned settings are not checked (kubeletExtraConfig is refused as a whole)', () => {
    const text = nodeGroup('amiFamily: WindowsServer2022CoreContainer', 'kubeletExtraConfig: {address: 0.0.0.0}');
    const result = load(text);
    expect(valueAt(result, 'nodeGroups[0].kubeletExtraConfig.address')).toEqual([]);
    expect(valueAt(result, 'nodeGroups[0].kubeletExtraConfig').map((p) => p.message)).toEqual([
      'kubeletExtraConfig is not supported for WindowsServer2022CoreContainer nodegroups (path=nodeGroups[0].kubeletExtraConfig)',
    ]);
  });
});

describe('iam.withAddonPolicies.albIngress', () => {
  it('albIngress alone is accepted', () => {
    const text = nodeGroup('iam: {withAddonPolicies: {albIngress: true}}');
    expect(valueAt(load(text), 'nodeGroups[0].iam.withAddonPolicies.albIngress')).toEqual([]);
  });

  it('albIngress with awsLoadBalancerController is refused', () => {
    const text = nodeGroup('iam: {withAddonPolicies: {albIngress: true, awsLoadBalancerController: true}}');
    expect(valueAt(load(text), 'nodeGroups[0].iam.withAddonPolicies.albIngress')).toEqual([
      valueError(text, 'albIngress', {
        path: 'nodeGroups[0].iam.withAddonPolicies.albIngress',
        message:
          '"awsLoadBalancerController" and "albIngress" cannot both be configured, please use "awsLoadBalancerController" as "albIngress" is deprecated',
        hint: 'remove albIngress',
      }),
    ]);
  });
});

describe('asgSuspendProcesses', () => {
  it('an unknown process: the hint lists every process', () => {
    const text = nodeGroup('asgSuspendProcesses: [Launch, Fly]');
    expect(valueAt(load(text), 'nodeGroups[0].asgSuspendProcesses[1]')).toEqual([
      valueError(text, 'Fly', {
        path: 'nodeGroups[0].asgSuspendProcesses[1]',
        message: "asgSuspendProcesses contains invalid process name 'Fly'",
        hint: 'write one of Launch, Terminate, AddToLoadBalancer, AlarmNotification, AZRebalance, HealthCheck, InstanceRefresh, ReplaceUnhealthy, ScheduledActions',
      }),
    ]);
  });
});
