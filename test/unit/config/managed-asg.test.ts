/**
 * A managed nodegroup's asgSuspendProcesses and propagateASGTags: accepted, resolved, their
 * process names checked in validate (eksctl checks them on self-managed nodegroups only, and a
 * wrong one on a managed nodegroup would fail only after the nodegroup exists), and a
 * propagateASGTags over the group's 50 tags refused when planning.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load, locate } from './support.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates } from '../../../src/templates/index.js';
import type { ResolvedConfig } from '../../../src/config/index.js';

async function render(config: ResolvedConfig): Promise<void> {
  const built = await buildPlan(config, createOfflineFacts());
  if (built.plan === undefined) throw new Error('no plan');
  renderTemplates(built.plan);
}

const managed = (...extra: string[]): string =>
  lines(
    HEADER,
    'managedNodeGroups:',
    '  - name: m1',
    '    instanceType: m6i.large',
    '    privateNetworking: true',
    ...extra.map((l) => `    ${l}`),
  );

describe('managed nodegroup auto scaling group settings', () => {
  it('resolves both fields', () => {
    const result = load(managed('propagateASGTags: true', 'asgSuspendProcesses: [AZRebalance, HealthCheck]'));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const ng = result.config?.managedNodeGroups[0];
    expect(ng?.propagateASGTags).toBe(true);
    expect(ng?.asgSuspendProcesses).toEqual(['AZRebalance', 'HealthCheck']);
  });

  it('refuses a process name Auto Scaling does not have, at the name, in eksctl words', () => {
    const text = managed('asgSuspendProcesses: [AZRebalance, Rebalancing]');
    const errors = load(text).problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      rule: 'VALUE',
      path: 'managedNodeGroups[0].asgSuspendProcesses[1]',
      message: "asgSuspendProcesses contains invalid process name 'Rebalancing'",
      ...locate(text, 'Rebalancing'),
    });
    expect(errors[0]?.hint).toBe(
      'write one of Launch, Terminate, AddToLoadBalancer, AlarmNotification, AZRebalance, HealthCheck, InstanceRefresh, ReplaceUnhealthy, ScheduledActions',
    );
    // A right name adds no problem at all; each wrong name is one.
    expect(load(managed('asgSuspendProcesses: [AZRebalance]')).problems).toEqual(load(managed('')).problems);
    const two = managed('asgSuspendProcesses: [Rebalancing, AZRebalance, Launching]');
    expect(
      load(two)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => p.path),
    ).toEqual(['managedNodeGroups[0].asgSuspendProcesses[0]', 'managedNodeGroups[0].asgSuspendProcesses[2]']);
  });

  it('refuses, in plan, propagateASGTags that would give the group more than 50 tags', async () => {
    const labels = Array.from({ length: 44 }, (_, i) => `      l${i}: v`);
    const text = lines(
      HEADER,
      'managedNodeGroups:',
      '  - name: m1',
      '    instanceType: m6i.large',
      '    privateNetworking: true',
      '    propagateASGTags: true',
      '    labels:',
      ...labels,
    );
    const config = load(text).config;
    if (config === undefined) throw new Error('the file should be valid');
    // 44 labels + eksctl's 2 + EKS's 5 = 51 tags.
    await expect(render(config)).rejects.toThrow(/51 tags \(with the 5 EKS puts on it\).*at most 50/);
    const fewer = load(text.replace('      l43: v\n', '')).config;
    if (fewer === undefined) throw new Error('the file should be valid');
    await expect(render(fewer)).resolves.toBeUndefined();
  });
});
