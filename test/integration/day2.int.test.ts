/**
 * Day 2 against the emulator (issue 11): examples/minimal.yaml is created (at Kubernetes 1.33, so
 * that "version + 1" exists), then its file is edited — an endpoint service added, control-plane
 * logging on, nodegroup m1 2 → 5, a new nodegroup m2, version 1.34 — and:
 *
 * - `plan` shows exactly those changes (and the logs endpoint that logging brings), nothing else;
 * - `create cluster` on the edited file exits 1 with the diff and points at `update cluster`;
 * - `update cluster --approve` and `upgrade cluster --approve` apply them; read back through the
 *   AWS APIs; no resource the diff did not name is replaced (same physical ids before and after);
 *   `plan` afterwards shows no change;
 * - `get nodegroup`, `scale nodegroup`, `delete nodegroup`, each read back;
 * - update and upgrade interrupted after each of their steps in turn (exit 3), and the re-run
 *   converges to the same cluster.
 *
 * What the emulator cannot show (test/helpers/moto/README.md): its CloudFormation and EKS updates
 * are synchronous (Successful at once), so "interrupted while an update is in progress" cannot
 * happen here; an interrupted step either never sent its call or its call is done. The emulator's
 * API server does not answer, so `delete nodegroup` reports the nodes as not drained.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { DescribeAutoScalingGroupsCommand, AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  GetTemplateCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { useMoto } from '../helpers/emulator-suite.js';
import { doneLine, runCliCaptured, runCliInterrupted, type CliRun } from '../helpers/cli.js';
import type { MotoServer } from '../helpers/moto.js';
import { writeDay2Files } from '../helpers/day2-files.js';

const CLUSTER = 'day2-cluster';
const stackOf = (suffix: string): string => `eksctl-${CLUSTER}-${suffix}`;

let moto: MotoServer;
let cfn: CloudFormationClient;
let eks: EKSClient;
let ec2: EC2Client;
let asg: AutoScalingClient;
let work: string;

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });
const interrupted = (args: readonly string[], stopAt: RegExp) =>
  runCliInterrupted(args, stopAt, { env: env(), cwd: work });
const cli = (args: readonly string[]): Promise<CliRun> => runCliCaptured(args, { env: env(), cwd: work });

/** Every stack resource's physical id, by `stack/logicalId`: a replaced resource gets a new one. */
async function physicalIds(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const live = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'] }));
  for (const summary of live.StackSummaries ?? []) {
    const out = await cfn.send(new DescribeStackResourcesCommand({ StackName: summary.StackName }));
    for (const r of out.StackResources ?? []) {
      if (r.PhysicalResourceId) ids.set(`${summary.StackName}/${r.LogicalResourceId}`, r.PhysicalResourceId);
    }
  }
  return ids;
}

interface ReadBack {
  version: string | undefined;
  logging: string[];
  endpointServices: string[];
  m1: { desired: number | undefined; version: string | undefined };
  m2: { desired: number | undefined; version: string | undefined } | undefined;
  ng1Ami: string | undefined;
}

/** What the edited file asks for, as the AWS APIs report it. */
async function readBack(): Promise<ReadBack> {
  const cluster = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster;
  const logging = (cluster?.logging?.clusterLogging ?? []).filter((l) => l.enabled).flatMap((l) => l.types ?? []);
  const endpoints = await ec2.send(
    new DescribeVpcEndpointsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [cluster?.resourcesVpcConfig?.vpcId ?? ''] },
        { Name: 'vpc-endpoint-state', Values: ['available'] },
      ],
    }),
  );
  const nodegroup = async (name: string): Promise<ReadBack['m2']> => {
    const names = (await eks.send(new ListNodegroupsCommand({ clusterName: CLUSTER }))).nodegroups ?? [];
    if (!names.includes(name)) return undefined;
    const ng = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: name }))).nodegroup;
    return { desired: ng?.scalingConfig?.desiredSize, version: ng?.version };
  };
  const template = await cfn.send(new GetTemplateCommand({ StackName: stackOf('nodegroup-ng1') }));
  const ami = (JSON.parse(template.TemplateBody ?? '{}') as { Parameters?: { AmiId?: { Default?: string } } })
    .Parameters?.AmiId?.Default;
  return {
    version: cluster?.version,
    logging: [...logging].sort(),
    endpointServices: (endpoints.VpcEndpoints ?? [])
      .map((e) => (e.ServiceName ?? '').split('.').slice(3).join('.'))
      .sort(),
    m1: (await nodegroup('m1')) ?? { desired: undefined, version: undefined },
    m2: await nodegroup('m2'),
    ng1Ami: ami,
  };
}

/** Add-on name → version, as the emulator's EKS keeps them (it has no add-on API: its store). */
async function addonVersions(): Promise<Record<string, string>> {
  const response = await fetch(`${moto.endpoint}/private-eks-test/addons`);
  const addons = (await response.json()) as { clusterName: string; addonName: string; addonVersion: string }[];
  return Object.fromEntries(
    addons.filter((a) => a.clusterName === CLUSTER).map((a) => [a.addonName, a.addonVersion] as const),
  );
}

const EXPECTED: ReadBack = {
  version: '1.34',
  logging: ['api', 'audit'],
  endpointServices: ['autoscaling', 'ec2', 'ecr.api', 'ecr.dkr', 'logs', 's3', 'sts'],
  m1: { desired: 5, version: '1.34' },
  m2: { desired: 1, version: '1.34' },
  ng1Ami: '/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/x86_64/standard/recommended/image_id',
};

interface DiffDoc {
  stacks: {
    stack: string;
    change: string;
    resources: { action: string; logicalId: string; replacement?: string; properties: { name: string }[] }[];
  }[];
  eks: { field: string; from: string; to: string }[];
  refusals: unknown[];
}

async function planDiff(file: string): Promise<DiffDoc> {
  const run = await cli(['plan', '-f', file, '-o', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { existingCluster: DiffDoc }).existingCluster;
}

/** The diff as `action logicalId [properties]` per stack, without the unchanged stacks. */
function changeLines(diff: DiffDoc): string[] {
  return diff.stacks.flatMap((s) =>
    s.change === 'update'
      ? s.resources.map(
          (r) =>
            `${s.stack}: ${r.action} ${r.logicalId}${r.properties.length > 0 ? ` [${r.properties.map((p) => p.name).join(',')}]` : ''}${r.replacement === 'True' ? ' REPLACED' : ''}`,
        )
      : s.change === 'unchanged'
        ? []
        : [`${s.stack}: ${s.change}`],
  );
}

async function createOriginal(): Promise<{ original: string; edited: string }> {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-day2-'));
  const files = writeDay2Files(work, CLUSTER);
  const created = await cli(['create', 'cluster', '-f', files.original]);
  expect(created.code, created.stderr).toBe(0);
  return files;
}

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
  eks = client(EKSClient);
  ec2 = client(EC2Client);
  asg = client(AutoScalingClient);
});

describe('the edited example, from plan to upgrade', () => {
  // One test, in order: vitest shuffles the tests of a file.
  it('plan shows exactly the edits; create stops on them; update and upgrade apply them, nothing else replaced', async () => {
    const files = await createOriginal();
    expect(changeLines(await planDiff(files.original))).toEqual([]);
    const diff = await planDiff(files.edited);
    expect(changeLines(diff)).toEqual([
      `${stackOf('cluster')}: Add VPCEndpointAUTOSCALING`,
      `${stackOf('cluster')}: Add VPCEndpointLOGS`,
      `${stackOf('cluster')}: Modify ControlPlane [Logging]`,
      `${stackOf('nodegroup-m1')}: Modify ManagedNodeGroup [ScalingConfig]`,
      `${stackOf('nodegroup-m2')}: add`,
    ]);
    expect(diff.eks).toEqual([{ field: 'version', from: '1.33', to: '1.34', appliedBy: 'upgrade cluster' }]);
    expect(diff.refusals).toEqual([]);

    // create cluster on the edited file: exit 1 with the diff, pointing at update cluster.
    const before = await physicalIds();
    const create = await cli(['create', 'cluster', '-f', files.edited]);
    expect(create.code, create.stderr).toBe(1);
    expect(create.stderr).toContain('+ VPCEndpointAUTOSCALING (AWS::EC2::VPCEndpoint)');
    expect(create.stderr).toContain('~ Kubernetes version: 1.33 → 1.34');
    expect(create.stderr).toContain(`private-eks update cluster -f ${files.edited} --approve`);
    expect(await physicalIds()).toEqual(before);

    // Without --approve: the diff only.
    const planned = await cli(['update', 'cluster', '-f', files.edited]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stderr).toContain('no change made (plan mode)');
    expect(await physicalIds()).toEqual(before);

    const updated = await cli(['update', 'cluster', '-f', files.edited, '--approve']);
    expect(updated.code, updated.stderr).toBe(0);
    const upgraded = await cli(['upgrade', 'cluster', '-f', files.edited, '--approve']);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(upgraded.stderr).toContain('Kubernetes 1.33 → 1.34: done');
    expect(await readBack()).toEqual(EXPECTED);
    // The add-ons moved to the versions EKS lists as default for 1.34 (the emulator's table:
    // test/helpers/moto/README.md, `eks-addon-versions`): kube-proxy follows the control plane.
    expect(await addonVersions()).toEqual({
      coredns: 'v1.12.2-eksbuild.4',
      'kube-proxy': 'v1.34.0-eksbuild.2',
      'metrics-server': 'v0.8.0-eksbuild.2',
      'vpc-cni': 'v1.20.4-eksbuild.1',
    });
    // No resource the diff did not name was replaced: every one keeps its physical id.
    const after = await physicalIds();
    for (const [resource, id] of before) expect({ resource, id: after.get(resource) }).toEqual({ resource, id });
    const clean = await planDiff(files.edited);
    expect(changeLines(clean)).toEqual([]);
    expect(clean.eks).toEqual([]);

    // An edit that would replace the network is refused, with what to do instead.
    const doc = parseDocument(readFileSync(files.edited, 'utf8'));
    doc.setIn(['vpc', 'cidr'], '10.10.0.0/16');
    const file = path.join(work, 'other-network.yaml');
    writeFileSync(file, doc.toString());
    const refused = await cli(['update', 'cluster', '-f', file, '--approve']);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain('refused');
    expect(refused.stderr).toContain(
      "the change would replace VPC (a change to CidrBlock), part of the cluster's network",
    );
    expect(refused.stderr).toContain('instead: keep the VPC');
    expect(await physicalIds()).toEqual(after);
  });
});

describe('nodegroups and stacks', () => {
  it('get, scale and delete nodegroup, describe-stacks, each read back', async () => {
    await createOriginal();
    const listed = await cli(['get', 'nodegroup', '--cluster', CLUSTER, '-o', 'json']);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as {
      name: string;
      type: string;
      desiredCapacity: number;
      version: string;
      autoScalingGroupName: string;
    }[];
    expect(rows.map((r) => [r.name, r.type, r.desiredCapacity, r.version])).toEqual([
      ['m1', 'managed', 2, '1.33'],
      ['ng1', 'unmanaged', 2, '1.33'],
    ]);
    const table = await cli(['get', 'nodegroup', '--cluster', CLUSTER]);
    expect(table.stdout).toMatch(/CLUSTER.*NODEGROUP.*STATUS.*CREATED.*MIN SIZE.*MAX SIZE.*DESIRED CAPACITY/);

    const scaled = await cli([
      'scale',
      'nodegroup',
      '--cluster',
      CLUSTER,
      '--name',
      'ng1',
      '--nodes',
      '3',
      '--nodes-max',
      '4',
    ]);
    expect(scaled.code, scaled.stderr).toBe(0);
    const group = rows.find((r) => r.name === 'ng1')?.autoScalingGroupName ?? '';
    const described = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }));
    expect(described.AutoScalingGroups?.[0]).toMatchObject({ MinSize: 2, MaxSize: 4, DesiredCapacity: 3 });

    const managed = await cli(['scale', 'nodegroup', '--cluster', CLUSTER, '-n', 'm1', '-N', '1', '-m', '1']);
    expect(managed.code, managed.stderr).toBe(0);
    const m1 = await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'm1' }));
    expect(m1.nodegroup?.scalingConfig).toEqual({ minSize: 1, maxSize: 2, desiredSize: 1 });
    const again = await cli(['scale', 'nodegroup', '--cluster', CLUSTER, '-n', 'm1', '-N', '1', '-m', '1']);
    expect(again.stderr).toContain('already at those sizes');
    const tooMany = await cli(['scale', 'nodegroup', '--cluster', CLUSTER, '-n', 'm1', '-N', '9']);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('the desired nodes 9 is greater than nodes-max/maxSize 2');

    const deleted = await cli(['delete', 'nodegroup', '--cluster', CLUSTER, '--name', 'm1']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toContain('nodes not drained (the Kubernetes API does not answer from here)');
    const left = await eks.send(new ListNodegroupsCommand({ clusterName: CLUSTER }));
    expect(left.nodegroups ?? []).toEqual([]);
    const gone = await cli(['delete', 'nodegroup', '--cluster', CLUSTER, '--name', 'm1']);
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stderr).toContain('already gone');

    const stacks = await cli(['utils', 'describe-stacks', '--cluster', CLUSTER, '-o', 'json']);
    // eksctl's default add-ons (vpc-cni, kube-proxy, coredns, metrics-server) have their own stack.
    expect((JSON.parse(stacks.stdout) as { name: string }[]).map((s) => s.name)).toEqual([
      stackOf('cluster'),
      stackOf('nodegroup-ng1'),
      stackOf('addons'),
    ]);
  });
});

describe('update and upgrade interrupted after each step', () => {
  it('update: exit 3 after each step, the re-run converges', async () => {
    const files = await createOriginal();
    const update = ['update', 'cluster', '-f', files.edited, '--approve'];
    for (const step of ['update/cluster-stack', `update/${stackOf('nodegroup-m1')}`, 'nodegroup/m2']) {
      const stopped = await interrupted(update, doneLine(step));
      // A step an earlier interrupted run finished (m2 is created beside m1) is not in the next run.
      if (!stopped.stopped) {
        expect(stopped.code, stopped.stderr).toBe(0);
        continue;
      }
      // The last step may finish everything before the interrupt lands: then the update is simply done.
      if (stopped.code !== 0) {
        expect(stopped.code, stopped.stderr).toBe(3);
        expect(stopped.stderr).toContain(`re-run to resume: private-eks update cluster -f ${files.edited} --approve`);
      }
    }
    const rerun = await cli(update);
    expect(rerun.code, rerun.stderr).toBe(0);
    const diff = await planDiff(files.edited);
    expect(changeLines(diff)).toEqual([]);
    expect(diff.eks.map((c) => c.field)).toEqual(['version']);
  });

  it('upgrade: exit 3 after each step, the re-run converges', async () => {
    const files = await createOriginal();
    expect((await cli(['update', 'cluster', '-f', files.edited, '--approve'])).code).toBe(0);
    const upgrade = ['upgrade', 'cluster', '-f', files.edited, '--approve'];
    for (const step of ['control-plane/1.34', 'addons', 'nodegroup/m1', 'nodegroup/m2', 'nodegroup/ng1']) {
      const stopped = await interrupted(upgrade, doneLine(step));
      // A step already done by an earlier interrupted run is not in the next run's plan.
      if (!stopped.stopped) {
        expect(stopped.code, stopped.stderr).toBe(0);
        continue;
      }
      if (stopped.code !== 0) {
        expect(stopped.code, stopped.stderr).toBe(3);
        expect(stopped.stderr).toContain(`Re-run to resume: private-eks upgrade cluster -f ${files.edited} --approve`);
      }
    }
    const rerun = await cli(upgrade);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await readBack()).toEqual(EXPECTED);
    expect(changeLines(await planDiff(files.edited))).toEqual([]);
  });
});
