/**
 * EKS Auto Mode through the real CLI against the emulator, two clusters one after the other:
 * test/fixtures/emulator/auto-mode.yaml (one node pool, a permissions boundary on the node role
 * private-eks makes) and auto-mode-node-role.yaml (the user's node role, made first). Each is
 * created, read back and deleted, and nothing is left behind.
 *
 * moto's EKS model keeps no compute, storage or load balancing config: the node pools and node role
 * are read from the template the cluster stack was made from; the node role itself through IAM.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
let iam: IAMClient;

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
  iam = client(IAMClient);
});

type Template = { Resources: Record<string, { Properties: Record<string, unknown> }> };

async function computeConfig(cluster: string): Promise<Record<string, unknown>> {
  const body = (await cfn.send(new GetTemplateCommand({ StackName: `eksctl-${cluster}-cluster` }))).TemplateBody;
  return (JSON.parse(body ?? '{}') as Template).Resources['ControlPlane']?.Properties['ComputeConfig'] as Record<
    string,
    unknown
  >;
}

async function clusterOutputs(cluster: string): Promise<Record<string, string>> {
  const out = await cfn.send(new DescribeStacksCommand({ StackName: `eksctl-${cluster}-cluster` }));
  return Object.fromEntries((out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
}

describe('EKS Auto Mode (emulator)', () => {
  it(
    'creates each cluster, reads its Auto Mode options back, and deletes it leaving nothing',
    { timeout: 300_000 },
    async () => {
      const work = mkdtempSync(path.join(os.tmpdir(), 'pe-auto-mode-'));
      const env = { ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') };
      // The user's node role of auto-mode-node-role.yaml, as the user has it before the create.
      await iam.send(
        new CreateRoleCommand({
          RoleName: 'auto-node-role-nodes',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ec2.amazonaws.com' },
                Action: ['sts:AssumeRole', 'sts:TagSession'],
              },
            ],
          }),
        }),
      );
      const before = await takeInventory(emulatorClientConfig(moto.endpoint));

      // One node pool, and the node role private-eks makes, with the boundary.
      const options = emulatorTestedFile('auto-mode');
      const create = await runCliCaptured(['create', 'cluster', '-f', options], { env });
      expect(create.code, create.stderr).toBe(0);
      expect(await computeConfig('auto-options')).toMatchObject({ Enabled: true, NodePools: ['general-purpose'] });
      const nodeRole = (await clusterOutputs('auto-options'))['AutoModeNodeRoleARN'] ?? '';
      const role = (await iam.send(new GetRoleCommand({ RoleName: nodeRole.slice(nodeRole.lastIndexOf('/') + 1) })))
        .Role;
      expect(role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe('arn:aws:iam::123456789012:policy/auto-boundary');
      const removeOptions = await runCliCaptured(['delete', 'cluster', '-f', options], { env });
      expect(removeOptions.code, removeOptions.stderr).toBe(0);

      // The user's node role: private-eks makes none, and the default node pools.
      const ownRole = emulatorTestedFile('auto-mode-node-role');
      const createOwn = await runCliCaptured(['create', 'cluster', '-f', ownRole], { env });
      expect(createOwn.code, createOwn.stderr).toBe(0);
      expect(await computeConfig('auto-node-role')).toEqual({
        Enabled: true,
        NodePools: ['general-purpose', 'system'],
        NodeRoleArn: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::123456789012:role/auto-node-role-nodes' },
      });
      expect((await clusterOutputs('auto-node-role'))['AutoModeNodeRoleARN']).toBeUndefined();
      const removeOwn = await runCliCaptured(['delete', 'cluster', '-f', ownRole], { env });
      expect(removeOwn.code, removeOwn.stderr).toBe(0);

      expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
    },
  );
});
