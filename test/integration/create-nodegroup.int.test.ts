/**
 * `create nodegroup` against the emulator (SPEC §7 last paragraph): nodegroups are added to a
 * cluster private-eks made; only the missing stacks are created; a file without `privateCluster`
 * is read as private when the cluster stack says ClusterFullyPrivate, so the private-cluster rules
 * (V8: privateNetworking must be set) still apply.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { EKSClient, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
let eks: EKSClient;
let work: string;

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
  eks = client(EKSClient);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-ng-'));
});

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });

/** A nodegroup file as a user writes one for an existing cluster: no privateCluster section. */
function nodegroupFile(privateNetworking: boolean | undefined): string {
  const ng = (name: string) =>
    `  - name: ${name}\n    instanceType: m5.large\n` +
    (privateNetworking === undefined ? '' : `    privateNetworking: ${privateNetworking}\n`);
  const text =
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: private-cluster\n  region: us-west-2\n' +
    `managedNodeGroups:\n${ng('m1')}${ng('m2')}`;
  const file = path.join(work, 'nodegroups.yaml');
  writeFileSync(file, text);
  return file;
}

async function stackNames(): Promise<string[]> {
  return ((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).map((s) => s.StackName ?? '').sort();
}

describe('create nodegroup (emulator)', () => {
  it('adds only the missing nodegroups to a fully-private cluster, from a file without privateCluster', async () => {
    const created = await runCliCaptured(['create', 'cluster', '-f', path.join(repoRoot, 'examples/minimal.yaml')], {
      env: env(),
    });
    expect(created.code, created.stderr).toBe(0);

    const run = await runCliCaptured(['create', 'nodegroup', '-f', nodegroupFile(true)], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('the file has no privateCluster section; cluster "private-cluster" is fully private');
    expect(run.stderr).toContain('stack eksctl-private-cluster-nodegroup-m1: already complete, reused');
    expect(run.stderr).toContain('stack eksctl-private-cluster-nodegroup-m2: created');
    // eksctl's default add-ons have their own stack, made with the cluster.
    expect(await stackNames()).toEqual([
      'eksctl-private-cluster-addons',
      'eksctl-private-cluster-cluster',
      'eksctl-private-cluster-nodegroup-m1',
      'eksctl-private-cluster-nodegroup-m2',
      'eksctl-private-cluster-nodegroup-ng1',
    ]);
    expect((await eks.send(new ListNodegroupsCommand({ clusterName: 'private-cluster' }))).nodegroups?.sort()).toEqual([
      'm1',
      'm2',
    ]);
  });

  it('still applies V8 (privateNetworking must be set) to a file without privateCluster', async () => {
    const created = await runCliCaptured(['create', 'cluster', '-f', path.join(repoRoot, 'examples/minimal.yaml')], {
      env: env(),
    });
    expect(created.code, created.stderr).toBe(0);
    const run = await runCliCaptured(['create', 'nodegroup', '-f', nodegroupFile(undefined)], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('managedNodeGroups[0].privateNetworking must be enabled for a fully-private cluster');
    expect(await stackNames()).not.toContain('eksctl-private-cluster-nodegroup-m2');
  });

  it('refuses a cluster that does not exist, and a file without privateCluster when no fully-private cluster says otherwise', async () => {
    const run = await runCliCaptured(['create', 'nodegroup', '-f', nodegroupFile(true)], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('privateCluster.enabled must be true');
    const withSection = path.join(work, 'with-section.yaml');
    writeFileSync(
      withSection,
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: nowhere\n  region: us-west-2\nprivateCluster:\n  enabled: true\n' +
        'managedNodeGroups:\n  - name: m1\n    privateNetworking: true\n',
    );
    const missing = await runCliCaptured(['create', 'nodegroup', '-f', withSection], { env: env() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no cluster "nowhere" in us-west-2: stack eksctl-nowhere-cluster does not exist');
  });
});
