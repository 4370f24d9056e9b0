/**
 * The critical-path model (bench/critical-path.ts) follows the plan's own step graph: on a cluster
 * without nodegroups the add-ons follow `fargate/kube-system`, which ends when the profiles
 * selecting kube-system (first in the Fargate stack) are created, not when the whole stack is.
 * Durations come from the dated table (bench/aws-durations.ts); no figure is written here.
 */
import { describe, expect, it } from 'vitest';
import { minutes } from '../../../bench/aws-durations.js';
import { criticalPathCases, privateEksCriticalPath } from '../../../bench/critical-path.js';
import type { Plan } from '../../../src/plan/types.js';

async function fargateIrsa(): Promise<Plan> {
  const found = (await criticalPathCases()).find((c) => c.label.startsWith('examples/fargate-irsa.yaml'));
  if (found === undefined) throw new Error('no fargate-irsa case');
  return found.plan;
}

describe('critical path of fargate-irsa', () => {
  it('the add-ons follow kube-system’s profile, so the longest chain is the Fargate stack (2 profiles)', async () => {
    const plan = await fargateIrsa();
    expect(plan.steps.find((s) => s.id === 'addons')?.dependsOn).toContain('fargate/kube-system');
    expect(plan.steps.find((s) => s.id === 'addons')?.dependsOn).not.toContain('fargate');
    for (const s of ['min', 'typical', 'max'] as const) {
      const cluster = minutes('controlPlane', s);
      const profile = minutes('fargateProfile', s);
      const viaAddons = cluster + profile + minutes('addon', s);
      const viaFargate = cluster + 2 * profile;
      const figure = privateEksCriticalPath(plan, s);
      expect(figure.minutes).toBe(Math.max(viaAddons, viaFargate));
      expect(figure.path).toEqual(
        viaFargate >= viaAddons ? ['cluster', 'fargate'] : ['cluster', 'fargate/kube-system', 'addons'],
      );
    }
  });

  it('with the add-ons waiting for the whole Fargate stack (the old graph) the path would be longer', async () => {
    const plan = await fargateIrsa();
    const old: Plan = {
      ...plan,
      steps: plan.steps
        .filter((s) => s.id !== 'fargate/kube-system')
        .map((s) =>
          s.id === 'addons'
            ? { ...s, dependsOn: s.dependsOn.map((d) => (d === 'fargate/kube-system' ? 'fargate' : d)) }
            : s,
        ),
    };
    const s = 'typical';
    expect(privateEksCriticalPath(old, s).path).toEqual(['cluster', 'fargate', 'addons']);
    // cluster + 2 profiles + add-ons, against cluster + 1 profile + the longer of (profile, add-ons).
    expect(privateEksCriticalPath(old, s).minutes - privateEksCriticalPath(plan, s).minutes).toBe(
      Math.min(minutes('fargateProfile', s), minutes('addon', s)),
    );
  });
});
