/**
 * A nodegroup's auto scaling group once it exists, on the emulator: a managed nodegroup with
 * propagateASGTags and asgSuspendProcesses (its group is the one EKS makes; the emulator makes it
 * for real, `eks-nodegroup` in its README) and a self-managed one with asgSuspendProcesses. Read
 * back with the Auto Scaling API; a second create changes nothing and still passes; delete leaves
 * nothing, the groups included.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { DescribeStackResourceCommand, CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';

let moto: MotoServer;
let eks: EKSClient;
let asg: AutoScalingClient;
let cfn: CloudFormationClient;
let work: string;

useMoto((started, client) => {
  moto = started;
  eks = client(EKSClient);
  asg = client(AutoScalingClient);
  cfn = client(CloudFormationClient);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-asg-'));
});

const CLUSTER = 'asg-settings';
const CONFIG = emulatorTestedFile('asg-settings');
const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });

async function group(name: string): Promise<AutoScalingGroup> {
  const out = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  const found = out.AutoScalingGroups?.[0];
  if (found === undefined) throw new Error(`no auto scaling group ${name}`);
  return found;
}

const suspended = (g: AutoScalingGroup): string[] =>
  (g.SuspendedProcesses ?? []).map((p) => p.ProcessName ?? '').sort();
const tagsOf = (g: AutoScalingGroup): Record<string, { value: string; propagate: boolean }> =>
  Object.fromEntries(
    (g.Tags ?? []).map((t) => [t.Key ?? '', { value: t.Value ?? '', propagate: t.PropagateAtLaunch ?? false }]),
  );

describe('nodegroup auto scaling groups (emulator)', () => {
  it('suspends processes and propagates tags once the groups exist, again on a re-run, and deletes them', async () => {
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    const create = await runCliCaptured(['create', 'cluster', '-f', CONFIG], { env: env() });
    expect(create.code, create.stderr).toBe(0);

    const managed = await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'batch' }));
    const managedName = managed.nodegroup?.resources?.autoScalingGroups?.[0]?.name ?? '';
    const managedGroup = await group(managedName);
    expect(suspended(managedGroup)).toEqual(['AZRebalance']);
    const tags = tagsOf(managedGroup);
    // eksctl's node-template tags for the labels (its own two included) and the taint, and the
    // nodegroup's tags; on the group only, not at launch (EKS tags the nodes itself).
    expect(tags).toMatchObject({
      'k8s.io/cluster-autoscaler/node-template/label/workload': { value: 'batch', propagate: false },
      'k8s.io/cluster-autoscaler/node-template/label/alpha.eksctl.io/nodegroup-name': {
        value: 'batch',
        propagate: false,
      },
      'k8s.io/cluster-autoscaler/node-template/taint/dedicated': { value: 'batch:NoSchedule', propagate: false },
      team: { value: 'data', propagate: false },
      // EKS's own, kept.
      'eks:nodegroup-name': { value: 'batch', propagate: true },
    });

    const selfManaged = await cfn.send(
      new DescribeStackResourceCommand({
        StackName: `eksctl-${CLUSTER}-nodegroup-steady`,
        LogicalResourceId: 'NodeGroup',
      }),
    );
    const selfGroup = await group(selfManaged.StackResourceDetail?.PhysicalResourceId ?? '');
    expect(suspended(selfGroup)).toEqual(['AZRebalance', 'ScheduledActions']);
    expect(create.stderr).toMatch(/suspended AZRebalance on eks-/);

    // A re-run finds every stack in place and does the group work again: the same end state.
    const again = await runCliCaptured(['create', 'cluster', '-f', CONFIG], { env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(suspended(await group(managedName))).toEqual(['AZRebalance']);
    expect(Object.keys(tagsOf(await group(managedName))).sort()).toEqual(Object.keys(tags).sort());

    const del = await runCliCaptured(['delete', 'cluster', '-f', CONFIG], { env: env() });
    expect(del.code, del.stderr).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });
});
