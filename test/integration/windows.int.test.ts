/**
 * Windows nodegroups on the emulator: create a cluster with a Linux managed nodegroup, a managed
 * Windows one (EKS's WINDOWS_CORE_2022 AmiType) and a self-managed Windows one (its AMI from the
 * public Windows parameter, `ssm-windows-ami` in the emulator's README, and an EC2_WINDOWS access
 * entry); Windows IPAM switched on in kube-system/amazon-vpc-cni through the in-VPC runner on the
 * fake Kubernetes API (test/helpers/fake-kube-api.ts); then delete, and nothing left. And the same
 * switch when `create nodegroup` adds the first Windows nodegroup to a cluster that had none.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DescribeNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { useMotoWithKubeApi } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { FakeKubeApi } from '../helpers/fake-kube-api.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';

let api: FakeKubeApi;
let moto: MotoServer;
let eks: EKSClient;
let work: string;

useMotoWithKubeApi('private-eks windows emulator test', (started, client) => {
  ({ moto, api } = started);
  eks = client(EKSClient);
});
beforeEach(async () => {
  await moto.reset();
  api.objects.clear();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-windows-'));
});

const CONFIG = emulatorTestedFile('windows');
const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });

describe('Windows nodegroups (emulator)', () => {
  it('creates them with Windows IPAM on, reads them back, and deletes everything', async () => {
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    const create = await runCliCaptured(['create', 'cluster', '-f', CONFIG], { env: env() });
    expect(create.code, create.stderr).toBe(0);

    expect(api.objects.get('/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni')?.['data']).toMatchObject({
      'enable-windows-ipam': 'true',
    });
    const managed = await eks.send(
      new DescribeNodegroupCommand({ clusterName: 'windows', nodegroupName: 'win-managed' }),
    );
    expect(managed.nodegroup?.amiType).toBe('WINDOWS_CORE_2022_x86_64');
    // The emulator keeps access entries outside moto's (absent) access-entry API: its README, `eks-access-entry`.
    const entries = (await (await fetch(`${moto.endpoint}/private-eks-test/access-entries`)).json()) as {
      type?: string;
      principalArn?: string;
    }[];
    expect(entries.map((e) => e.type)).toContain('EC2_WINDOWS');

    const del = await runCliCaptured(['delete', 'cluster', '-f', CONFIG], { env: env() });
    expect(del.code, del.stderr).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });

  it('switches Windows IPAM on when create nodegroup adds the first Windows nodegroup', async () => {
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    // The same cluster without its Windows nodegroups first: nothing switches IPAM on.
    const linuxOnly = path.join(work, 'linux-only.yaml');
    const text = readFileSync(CONFIG, 'utf8');
    writeFileSync(linuxOnly, text.slice(0, text.indexOf('  - name: win-managed')));
    const create = await runCliCaptured(['create', 'cluster', '-f', linuxOnly], { env: env() });
    expect(create.code, create.stderr).toBe(0);
    expect(api.objects.get('/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni')?.['data']).not.toMatchObject({
      'enable-windows-ipam': 'true',
    });

    const add = await runCliCaptured(['create', 'nodegroup', '-f', CONFIG, '--include', 'win-self'], { env: env() });
    expect(add.code, add.stderr).toBe(0);
    expect(api.objects.get('/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni')?.['data']).toMatchObject({
      'enable-windows-ipam': 'true',
    });

    const del = await runCliCaptured(['delete', 'cluster', '-f', CONFIG], { env: env() });
    expect(del.code, del.stderr).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });
});
