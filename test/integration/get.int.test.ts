/**
 * `get cluster` against the emulator: lists the clusters private-eks made in the region (by their
 * cluster stack's tags; an eksctl-made stack without private-eks's version tag is not one), with
 * status, endpoint access and the VPC endpoints of the cluster's VPC and their zones.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorClientConfig } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { startMotoWithKubeApi, type MotoWithKubeApi } from '../helpers/moto-kube.js';
import { repoRoot } from '../helpers/python-tools.js';

let emulator: MotoWithKubeApi;
let moto: MotoServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // fargate-irsa's ServiceAccounts go through the in-VPC runner to a fake Kubernetes API.
  emulator = await startMotoWithKubeApi('private-eks get emulator test');
  moto = emulator.moto;
  for (const [key, value] of Object.entries(moto.env)) vi.stubEnv(key, value);
  env = { ...moto.env, KUBECONFIG: path.join(mkdtempSync(path.join(os.tmpdir(), 'pe-get-')), 'kubeconfig') };
  // Two clusters of private-eks, and an eksctl stack that is not one.
  for (const example of ['minimal.yaml', 'fargate-irsa.yaml']) {
    const run = await runCliCaptured(
      ['create', 'cluster', '-f', path.join(repoRoot, 'examples', example), '--endpoint-switch', 'never'],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
  }
  const cfn = new CloudFormationClient(emulatorClientConfig(moto.endpoint));
  await cfn.send(
    new CreateStackCommand({
      StackName: 'eksctl-legacy-cluster',
      TemplateBody: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: {} } } }),
      Tags: [{ Key: 'alpha.eksctl.io/cluster-name', Value: 'legacy' }],
    }),
  );
  cfn.destroy();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await emulator?.stop();
});

describe('get cluster (emulator)', () => {
  it('utils write-kubeconfig writes the entry for an existing cluster', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pe-wk-')), 'config');
    const run = await runCliCaptured(
      ['--region', 'us-west-2', 'utils', 'write-kubeconfig', '--name', 'private-cluster', '--kubeconfig', file],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    const doc = parse(readFileSync(file, 'utf8'));
    expect(doc['current-context']).toBe('arn:aws:eks:us-west-2:123456789012:cluster/private-cluster');
    expect(doc.users[0].user.exec.args).toContain('get-token');
    expect(run.stderr).toContain(`written to ${file}`);
  });

  it('utils write-kubeconfig -f - reads the config from stdin through the config reader', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pe-wk-')), 'config');
    const run = await runCliCaptured(['utils', 'write-kubeconfig', '-f', '-', '--kubeconfig', file], {
      env,
      stdin: readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(parse(readFileSync(file, 'utf8'))['current-context']).toBe(
      'arn:aws:eks:us-west-2:123456789012:cluster/private-cluster',
    );
  });

  it('lists the clusters private-eks made in the region, as JSON', async () => {
    const run = await runCliCaptured(['get', 'cluster', '--region', 'us-west-2', '-o', 'json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const clusters = JSON.parse(run.stdout);
    expect(clusters.map((c: { name: string }) => c.name)).toEqual(['fargate-cluster', 'private-cluster']);
    const minimal = clusters.find((c: { name: string }) => c.name === 'private-cluster');
    expect(minimal).toMatchObject({
      region: 'us-west-2',
      status: 'ACTIVE',
      stackStatus: 'CREATE_COMPLETE',
      endpointAccess: { publicAccess: false, privateAccess: true, publicAccessCidrs: [] },
      nodeGroups: [
        { name: 'm1', stackStatus: 'CREATE_COMPLETE' },
        { name: 'ng1', stackStatus: 'CREATE_COMPLETE' },
      ],
      vpcId: expect.stringMatching(/^vpc-/),
    });
    expect(minimal.vpcEndpoints.map((e: { service: string; type: string }) => `${e.service}/${e.type}`)).toEqual([
      'ec2/Interface',
      'ecr.api/Interface',
      'ecr.dkr/Interface',
      's3/Gateway',
      'sts/Interface',
    ]);
    for (const e of minimal.vpcEndpoints) {
      expect(e.state).toBe('available');
      expect(e.ownedByCluster).toBe(true);
      if (e.type === 'Interface') expect(e.zones).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    }
    const fargate = clusters.find((c: { name: string }) => c.name === 'fargate-cluster');
    // Its own VPC's endpoints, not the other cluster's.
    expect(fargate.vpcEndpoints.map((e: { service: string }) => e.service)).toEqual([
      'ec2',
      'ecr.api',
      'ecr.dkr',
      's3',
      'sts',
    ]);
    const ids = (c: { vpcEndpoints: { id: string }[] }) => c.vpcEndpoints.map((e) => e.id);
    expect(ids(fargate).filter((id: string) => ids(minimal).includes(id))).toEqual([]);
    expect(fargate.fargateStackStatus).toBe('CREATE_COMPLETE');
  });

  it('shows one cluster and its VPC endpoints as tables; an unknown name is an error', async () => {
    const run = await runCliCaptured(['get', 'cluster', '--region', 'us-west-2', '--name', 'private-cluster'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/private-cluster +1\.\d+ +ACTIVE +private only/);
    expect(run.stdout).toMatch(/ecr\.dkr +Interface +available +a,b,c /);
    expect(run.stdout).toMatch(/s3.*Gateway.*available.*3 route table\(s\)/);

    const missing = await runCliCaptured(['get', 'cluster', '--region', 'us-west-2', '--name', 'legacy'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no cluster named "legacy" made by private-eks in us-west-2');
  });
});
