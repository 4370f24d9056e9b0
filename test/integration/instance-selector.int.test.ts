/**
 * instanceSelector against the emulator: `plan` (live) asks EC2 for the matching instance types —
 * moto serves AWS's real instance-type data (DescribeInstanceTypes) and offerings per zone
 * (DescribeInstanceTypeOfferings) — and `create cluster` builds exactly the types the plan showed:
 * the managed nodegroup's instance types as EKS reports them, the self-managed one's launch
 * template and mixed instances policy as EC2 and Auto Scaling report them. A selector nothing
 * matches stops the plan with eksctl's message before anything is created. And
 * examples/instance-selector.yaml (every instanceSelector field) created, read back and deleted
 * with nothing left.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
let ec2: EC2Client;
let eks: EKSClient;
let autoScaling: AutoScalingClient;
let work: string;

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
  ec2 = client(EC2Client);
  eks = client(EKSClient);
  autoScaling = client(AutoScalingClient);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-selector-'));
});

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });

function clusterFile(selfManaged: string, managed: string): string {
  const file = path.join(work, 'selector.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: eksctl.io/v1alpha5',
      'kind: ClusterConfig',
      'metadata: {name: selector, region: us-west-2}',
      'privateCluster: {enabled: true}',
      'nodeGroups:',
      '  - name: ng-selected',
      '    privateNetworking: true',
      `    instanceSelector: ${selfManaged}`,
      'managedNodeGroups:',
      '  - name: mng-selected',
      '    privateNetworking: true',
      `    instanceSelector: ${managed}`,
      '',
    ].join('\n'),
  );
  return file;
}

interface PlanJson {
  instanceSelections?: { nodeGroup: string; instanceTypes: string[] | null; availabilityZones: string[] }[];
  offline: boolean;
}

async function resource(stack: string, logicalId: string): Promise<string> {
  const out = await cfn.send(new DescribeStackResourcesCommand({ StackName: stack, LogicalResourceId: logicalId }));
  const id = out.StackResources?.[0]?.PhysicalResourceId;
  if (id === undefined) throw new Error(`${stack} has no ${logicalId}`);
  return id;
}

describe('instanceSelector (emulator)', () => {
  it('plans the types EC2 matches and creates exactly those', { timeout: 300_000 }, async () => {
    // 2 vCPUs, 8 GiB, x86_64, no GPU: EC2 lists about thirty such types (and g6f.large, which it
    // describes with 0 GPUs: eksctl drops it by name); arm64 with a deny narrows to the m*g family.
    const file = clusterFile(
      '{vCPUs: 2, memory: 8GiB, gpus: 0}',
      '{vCPUs: 2, memory: "8", cpuArchitecture: arm64, deny: "(d|n|b)\\\\.|^(t|im)"}',
    );
    const planned = await runCliCaptured(['plan', '-f', file, '-o', 'json'], { env: env() });
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as PlanJson;
    expect(plan.offline).toBe(false);
    const selections = new Map((plan.instanceSelections ?? []).map((s) => [s.nodeGroup, s]));
    const selfManagedTypes = selections.get('ng-selected')?.instanceTypes ?? [];
    const managedTypes = selections.get('mng-selected')?.instanceTypes ?? [];
    expect(selfManagedTypes).toContain('m5.large');
    expect(selfManagedTypes).toContain('t3.large');
    expect(selfManagedTypes).not.toContain('g6f.large');
    expect(selfManagedTypes).not.toContain('m6g.large');
    expect(selfManagedTypes.length).toBeGreaterThan(20);
    expect(selfManagedTypes.length).toBeLessThanOrEqual(40);
    expect(selfManagedTypes).toEqual([...selfManagedTypes].sort());
    expect(managedTypes).toEqual(['m6g.large', 'm7g.large', 'm8g.large', 'm9g.large']);

    // The text plan shows the same lists.
    const text = await runCliCaptured(['plan', '-f', file], { env: env() });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Instance types chosen by instanceSelector');
    expect(text.stdout).toContain(
      `  mng-selected: ${managedTypes.join(', ')} — from {vCPUs: 2, memory: 8GiB, cpuArchitecture: arm64`,
    );

    const created = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(created.code, created.stderr).toBe(0);

    const nodegroup = await eks.send(
      new DescribeNodegroupCommand({ clusterName: 'selector', nodegroupName: 'mng-selected' }),
    );
    expect(nodegroup.nodegroup?.instanceTypes).toEqual(managedTypes);
    expect(nodegroup.nodegroup?.amiType).toBe('AL2023_ARM_64_STANDARD');

    const stack = 'eksctl-selector-nodegroup-ng-selected';
    const templateId = await resource(stack, 'NodeGroupLaunchTemplate');
    const versions = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ['$Latest'] }),
    );
    expect(versions.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.InstanceType).toBe(selfManagedTypes[0]);
    const groupName = await resource(stack, 'NodeGroup');
    const groups = await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }));
    const overrides = groups.AutoScalingGroups?.[0]?.MixedInstancesPolicy?.LaunchTemplate?.Overrides ?? [];
    expect(overrides.map((o) => o.InstanceType)).toEqual(selfManagedTypes);
  });

  it(
    'examples/instance-selector.yaml: creates the types its plan showed, then deletes everything',
    { timeout: 300_000 },
    async () => {
      const file = emulatorTestedFile('instance-selector');
      const before = await takeInventory(emulatorClientConfig(moto.endpoint));
      const planned = await runCliCaptured(['plan', '-f', file, '-o', 'json'], { env: env() });
      expect(planned.code, planned.stderr).toBe(0);
      const selections = new Map(
        ((JSON.parse(planned.stdout) as PlanJson).instanceSelections ?? []).map((s) => [s.nodeGroup, s]),
      );
      // allow: only the m and t families; neuron_devices: 0 and the deny leave the plain Graviton m*g.
      const general = selections.get('general')?.instanceTypes ?? [];
      expect(general.length).toBeGreaterThan(5);
      expect(general.every((t) => /^(m|t)[0-9]/.test(t))).toBe(true);
      const graviton = selections.get('graviton')?.instanceTypes ?? [];
      expect(graviton.length).toBeGreaterThan(0);
      expect(graviton.every((t) => /^m[0-9]+g\.xlarge$/.test(t))).toBe(true);

      const created = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
      expect(created.code, created.stderr).toBe(0);
      const nodegroup = await eks.send(
        new DescribeNodegroupCommand({ clusterName: 'selector-cluster', nodegroupName: 'graviton' }),
      );
      expect(nodegroup.nodegroup?.instanceTypes).toEqual(graviton);
      const groupName = await resource('eksctl-selector-cluster-nodegroup-general', 'NodeGroup');
      const groups = await autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }),
      );
      const policy = groups.AutoScalingGroups?.[0]?.MixedInstancesPolicy;
      expect(policy?.LaunchTemplate?.Overrides?.map((o) => o.InstanceType)).toEqual(general);
      expect(policy?.InstancesDistribution).toMatchObject({
        OnDemandBaseCapacity: 1,
        OnDemandPercentageAboveBaseCapacity: 50,
        SpotAllocationStrategy: 'price-capacity-optimized',
      });

      const deleted = await runCliCaptured(['delete', 'cluster', '-f', file], { env: env() });
      expect(deleted.code, deleted.stderr).toBe(0);
      expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
    },
  );

  it('stops the plan, before anything is created, when nothing matches', { timeout: 120_000 }, async () => {
    const file = clusterFile('{vCPUs: 2, memory: 8GiB}', '{vCPUs: 3, memory: 1GiB}');
    const run = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error expanding instance selector options for nodegroup "mng-selected": instance selector criteria matched no instances; consider broadening your criteria so that more instance types are returned',
    );
    // At the selector's line in the file, as validate's problems are.
    expect(run.stderr).toMatch(/selector\.yaml:12:5: error VALUE managedNodeGroups\[0\]\.instanceSelector: /);
    expect((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).toEqual([]);
  });
});
