/**
 * Stacks (SPEC §6: eksctl names, tags, capabilities) and the step graph (SPEC §7).
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/resolved.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { VERSION } from '../../../src/version.js';
import type { Plan } from '../../../src/plan/index.js';
import {
  addon,
  fargateProfile,
  managedNodeGroup,
  nodeGroup,
  resolvedConfig,
  seedMinimalConfig,
  serviceAccount,
} from '../../helpers/resolved-config.js';

async function planOf(config: ResolvedConfig): Promise<Plan> {
  const result = await buildPlan(config, createOfflineFacts());
  // Warnings (e.g. V22 for a Fargate-only cluster) do not stop a plan; errors would.
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.plan!;
}

const graph = (plan: Plan): Record<string, readonly string[]> =>
  Object.fromEntries(plan.steps.map((s) => [s.id, s.dependsOn]));

describe('stacks', () => {
  it('eksctl names, cluster-name and version tags over the user tags, CAPABILITY_IAM where roles are made', async () => {
    const plan = await planOf(
      seedMinimalConfig({
        metadata: { tags: { team: 'platform', 'alpha.eksctl.io/cluster-name': 'spoofed' } },
        fargateProfiles: [fargateProfile('fp1'), fargateProfile('fp2')],
      }),
    );
    expect(plan.stacks.map((s) => [s.name, s.kind, s.nodeGroup, s.capabilities])).toEqual([
      ['eksctl-private-cluster-cluster', 'cluster', null, ['CAPABILITY_IAM']],
      ['eksctl-private-cluster-nodegroup-ng1', 'nodegroup', 'ng1', ['CAPABILITY_IAM']],
      ['eksctl-private-cluster-nodegroup-m1', 'managed-nodegroup', 'm1', ['CAPABILITY_IAM']],
      ['eksctl-private-cluster-fargate', 'fargate', null, []],
    ]);
    expect(plan.stacks[0]?.tags).toEqual({
      team: 'platform',
      'alpha.eksctl.io/cluster-name': 'private-cluster',
      'eksctl.cluster.k8s.io/v1alpha1/cluster-name': 'private-cluster',
      'private-eks.io/version': VERSION,
    });
    expect(plan.stacks[2]?.tags).toMatchObject({
      'alpha.eksctl.io/nodegroup-name': 'm1',
      'alpha.eksctl.io/nodegroup-type': 'managed',
    });
    expect(plan.stacks[1]?.tags['alpha.eksctl.io/nodegroup-type']).toBe('unmanaged');
  });

  it('no capability when every role is given', async () => {
    const plan = await planOf(
      resolvedConfig({
        iam: { serviceRoleARN: 'arn:aws:iam::111122223333:role/eks' },
        managedNodeGroups: [
          managedNodeGroup('m1', { iam: { instanceRoleARN: 'arn:aws:iam::111122223333:role/node' } }),
        ],
      }),
    );
    expect(plan.stacks.map((s) => s.capabilities)).toEqual([[], []]);
  });

  it('add-ons get a stack of their own, last, with no capability; no add-ons, no stack', async () => {
    const plan = await planOf(
      seedMinimalConfig({ addons: [addon('coredns'), addon('vpc-cni')], fargateProfiles: [fargateProfile('fp')] }),
    );
    expect(plan.stacks.at(-1)).toEqual({
      name: 'eksctl-private-cluster-addons',
      kind: 'addons',
      nodeGroup: null,
      tags: {
        'alpha.eksctl.io/cluster-name': 'private-cluster',
        'eksctl.cluster.k8s.io/v1alpha1/cluster-name': 'private-cluster',
        'private-eks.io/version': VERSION,
      },
      capabilities: [],
    });
    const without = await planOf(seedMinimalConfig());
    expect(without.stacks.map((s) => s.kind)).not.toContain('addons');
    expect(without.steps.map((s) => s.kind)).not.toContain('addons-stack');
  });

  it('the Fargate pod execution role makes the cluster stack need CAPABILITY_IAM', async () => {
    const plan = await planOf(
      resolvedConfig({
        iam: { serviceRoleARN: 'arn:aws:iam::111122223333:role/eks' },
        fargateProfiles: [fargateProfile('fp')],
      }),
    );
    expect(plan.stacks[0]?.capabilities).toEqual(['CAPABILITY_IAM']);
  });
});

describe('steps', () => {
  it('cluster → nodegroups ∥ fargate; kubeconfig after the cluster; no switch when nothing needs the API', async () => {
    const plan = await planOf(seedMinimalConfig({ fargateProfiles: [fargateProfile('fp')] }));
    expect(graph(plan)).toEqual({
      cluster: [],
      'nodegroup/ng1': ['cluster'],
      'nodegroup/m1': ['cluster'],
      fargate: ['cluster'],
      kubeconfig: ['cluster'],
    });
    expect(plan.steps.map((s) => s.stack)).toEqual([
      'eksctl-private-cluster-cluster',
      'eksctl-private-cluster-nodegroup-ng1',
      'eksctl-private-cluster-nodegroup-m1',
      'eksctl-private-cluster-fargate',
      null,
    ]);
  });

  it('service accounts right after the control plane, aws-auth after its nodes, the endpoint switch last', async () => {
    const plan = await planOf(
      seedMinimalConfig({
        accessConfig: { authenticationMode: 'CONFIG_MAP' },
        iam: { withOIDC: true, serviceAccounts: [serviceAccount('a')] },
      }),
    );
    expect(graph(plan)).toEqual({
      cluster: [],
      'nodegroup/ng1': ['cluster'],
      'nodegroup/m1': ['cluster'],
      kubeconfig: ['cluster'],
      'service-accounts': ['cluster'],
      'aws-auth': ['nodegroup/ng1'],
      // After every sink: EKS refuses nodegroups on a cluster that is updating (eksctl#2244).
      'endpoint-access': ['nodegroup/m1', 'kubeconfig', 'service-accounts', 'aws-auth'],
    });
    expect(plan.steps.filter((s) => s.needsKubernetesApi).map((s) => s.kind)).toEqual([
      'kubernetes-api',
      'kubernetes-api',
    ]);
    expect(plan.steps.at(-1)?.kind).toBe('endpoint-access-update');
  });

  it('add-ons after every nodegroup and the Fargate profiles, and before the endpoint switch', async () => {
    const plan = await planOf(
      seedMinimalConfig({ addons: [addon('coredns')], fargateProfiles: [fargateProfile('fp')] }),
    );
    const step = plan.steps.find((s) => s.id === 'addons');
    expect(step).toMatchObject({
      kind: 'addons-stack',
      stack: 'eksctl-private-cluster-addons',
      dependsOn: ['nodegroup/ng1', 'nodegroup/m1', 'fargate'],
      needsKubernetesApi: false,
    });
    expect(step?.description).toContain('"coredns"');
    const switched = await buildPlan(plan.cluster, createOfflineFacts(), { endpointSwitch: 'always' });
    expect(graph(switched.plan!)['endpoint-access']).toContain('addons');
  });

  it('in CONFIG_MAP mode the add-ons also wait for the aws-auth mapping (self-managed nodes join through it)', async () => {
    const plan = await planOf(
      seedMinimalConfig({ accessConfig: { authenticationMode: 'CONFIG_MAP' }, addons: [addon('coredns')] }),
    );
    expect(graph(plan)['addons']).toEqual(['nodegroup/ng1', 'nodegroup/m1', 'aws-auth']);
  });

  it('without any capacity the add-ons follow the cluster', async () => {
    const plan = await planOf(resolvedConfig({ addons: [addon('vpc-cni')] }));
    expect(graph(plan)['addons']).toEqual(['cluster']);
  });

  it('without nodegroups the Kubernetes-API steps follow the cluster and the in-VPC runner that carries them', async () => {
    const plan = await planOf(resolvedConfig({ iam: { withOIDC: true, serviceAccounts: [serviceAccount('a')] } }));
    expect(graph(plan)['service-accounts']).toEqual(['cluster', 'runner']);
    expect(graph(plan)['runner']).toEqual(['cluster']);
  });

  describe('Fargate without nodegroups: the add-ons wait only for the profiles selecting kube-system', () => {
    const kubeSystem = (name: string): ReturnType<typeof fargateProfile> =>
      fargateProfile(name, { selectors: [{ namespace: 'kube-system', labels: {} }] });

    it('fargate/kube-system watches the Fargate stack beside its step; the add-ons follow it, not the whole stack', async () => {
      const plan = await planOf(
        resolvedConfig({
          addons: [addon('coredns'), addon('vpc-cni')],
          fargateProfiles: [fargateProfile('apps'), kubeSystem('system')],
        }),
      );
      expect(graph(plan)).toEqual({
        cluster: [],
        fargate: ['cluster'],
        'fargate/kube-system': ['cluster'],
        kubeconfig: ['cluster'],
        addons: ['fargate/kube-system'],
      });
      const ids = plan.steps.map((s) => s.id);
      // Declared right after the stack step it watches, so the graph starts that one first.
      expect(ids.indexOf('fargate/kube-system')).toBe(ids.indexOf('fargate') + 1);
      const wait = plan.steps.find((s) => s.id === 'fargate/kube-system');
      expect(wait).toMatchObject({ kind: 'fargate-profiles-wait', stack: null, needsKubernetesApi: false });
      expect(wait?.description).toContain('"system" selecting kube-system');
      // The profiles are created in the order that puts kube-system's first.
      expect(plan.steps.find((s) => s.id === 'fargate')?.description).toMatch(/"system", "apps", one at a time/);
      expect(plan.steps.find((s) => s.id === 'addons')?.description).toContain("once kube-system's Fargate profile(s)");
    });

    it('a namespace wildcard that matches kube-system counts', async () => {
      const plan = await planOf(
        resolvedConfig({
          addons: [addon('coredns')],
          fargateProfiles: [
            fargateProfile('apps'),
            fargateProfile('kube', { selectors: [{ namespace: 'kube-*', labels: {} }] }),
          ],
        }),
      );
      expect(graph(plan)['addons']).toEqual(['fargate/kube-system']);
    });

    it('no such step when it would not shorten anything or an add-on may need another profile', async () => {
      const cases: ResolvedConfig[] = [
        // Every profile selects kube-system: waiting for them is waiting for the stack.
        resolvedConfig({ addons: [addon('coredns')], fargateProfiles: [kubeSystem('a'), kubeSystem('b')] }),
        // No profile selects kube-system.
        resolvedConfig({ addons: [addon('coredns')], fargateProfiles: [fargateProfile('a'), fargateProfile('b')] }),
        // An add-on whose pods run in a namespace of its own, maybe selected by the other profile.
        resolvedConfig({
          addons: [addon('coredns'), addon('amazon-cloudwatch-observability')],
          fargateProfiles: [kubeSystem('a'), fargateProfile('b')],
        }),
        // Nodegroups: the add-ons wait for all capacity, as before.
        seedMinimalConfig({ addons: [addon('coredns')], fargateProfiles: [kubeSystem('a'), fargateProfile('b')] }),
      ];
      for (const config of cases) {
        const plan = await planOf(config);
        expect(plan.steps.map((s) => s.id)).not.toContain('fargate/kube-system');
        expect(graph(plan)['addons']).toContain('fargate');
      }
    });
  });

  it('every dependency names an earlier step (the graph is acyclic and ordered)', async () => {
    const plan = await planOf(
      seedMinimalConfig({
        nodeGroups: [nodeGroup('a'), nodeGroup('b')],
        accessConfig: { authenticationMode: 'CONFIG_MAP' },
        fargateProfiles: [fargateProfile('fp')],
        iam: { withOIDC: true, serviceAccounts: [serviceAccount('a')] },
        addons: [addon('coredns')],
      }),
    );
    plan.steps.forEach((step, i) => {
      for (const dep of step.dependsOn) expect(plan.steps.slice(0, i).map((s) => s.id)).toContain(dep);
    });
  });
});
