/**
 * Failures and resume against the emulator (SPEC §7 "Failures"): a nodegroup stack that rolls back
 * is reported with its first failed resource and nothing is deleted; after the cause is fixed a
 * re-run reuses the complete stacks and deletes and re-creates the rolled-back one. Ctrl-C stops
 * without deleting anything and a re-run finishes the job.
 *
 * The failure is a real one the emulator produces: a managed nodegroup whose instanceRoleARN names
 * a role that does not exist (EKS refuses it: "could not be assumed"); the launcher's
 * cfn-create-failure-rollback extension gives CloudFormation's ROLLBACK_COMPLETE for it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CloudFormationClient, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { EKSClient, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig } from '../../src/config/index.js';
import { createCluster } from '../../src/deploy/index.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import { buildPlan, createLiveFacts } from '../../src/plan/index.js';
import { renderTemplates } from '../../src/templates/index.js';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
let eks: EKSClient;
let iam: IAMClient;
let work: string;

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
  eks = client(EKSClient);
  iam = client(IAMClient);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-resume-'));
});

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });
const ROLE = 'pe-test-m1-nodes';
const ROLE_ARN = `arn:aws:iam::123456789012:role/${ROLE}`;

/** examples/minimal.yaml with m1 using a node role of the user's, which does not exist yet. */
function configWithMissingRole(): string {
  const doc = parseDocument(readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'));
  doc.setIn(['managedNodeGroups', 0, 'iam'], doc.createNode({ instanceRoleARN: ROLE_ARN }));
  const file = path.join(work, 'cluster.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

async function status(stack: string): Promise<string | undefined> {
  const out = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
  return out.Stacks?.[0]?.StackStatus;
}

describe('create cluster: failures and resume (emulator)', () => {
  it('reports the first failed resource, deletes nothing, and a re-run after the fix resumes to completion', async () => {
    const file = configWithMissingRole();
    const first = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /stack eksctl-private-cluster-nodegroup-m1 is ROLLBACK_COMPLETE: \S+ \(AWS::EKS::Nodegroup\) CREATE_FAILED: .*could not be assumed/,
    );
    expect(first.stderr).toContain('create failed');
    expect(first.stderr).toContain('nothing was deleted');
    // Everything else finished and stays; the failed stack stays too, for the next run.
    expect(await status('eksctl-private-cluster-cluster')).toBe('CREATE_COMPLETE');
    expect(await status('eksctl-private-cluster-nodegroup-ng1')).toBe('CREATE_COMPLETE');
    expect(await status('eksctl-private-cluster-nodegroup-m1')).toBe('ROLLBACK_COMPLETE');

    // The user fixes the cause: the role now exists and EC2 may assume it.
    await iam.send(
      new CreateRoleCommand({
        RoleName: ROLE,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const second = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('stack eksctl-private-cluster-cluster: already complete, reused (CREATE_COMPLETE)');
    expect(second.stderr).toContain(
      'stack eksctl-private-cluster-nodegroup-ng1: already complete, reused (CREATE_COMPLETE)',
    );
    expect(second.stderr).toContain(
      'stack eksctl-private-cluster-nodegroup-m1: create failed earlier; deleting it to create it again (ROLLBACK_COMPLETE)',
    );
    expect(second.stderr).toContain('stack eksctl-private-cluster-nodegroup-m1: recreated');
    expect(await status('eksctl-private-cluster-nodegroup-m1')).toBe('CREATE_COMPLETE');
    expect((await eks.send(new ListNodegroupsCommand({ clusterName: 'private-cluster' }))).nodegroups).toEqual(['m1']);
  });

  it('Ctrl-C stops after the running step, deletes nothing (exit 3 from the CLI), and a re-run finishes', async () => {
    const file = path.join(repoRoot, 'examples/minimal.yaml');
    // Library path, to interrupt at a known point: right after the cluster stack is complete.
    const clients = await createAwsClients({ region: 'us-west-2', env: process.env });
    try {
      const loaded = loadConfig({ text: readFileSync(file), file, env: moto.env });
      const { plan } = await buildPlan(loaded.config!, createLiveFacts(clients));
      const controller = new AbortController();
      const events: DeployEvent[] = [];
      const result = await createCluster(
        { plan: plan!, templates: renderTemplates(plan!) },
        {
          clients,
          signal: controller.signal,
          kubeconfigPath: false,
          events: (e) => {
            events.push(e);
            if (e.code === 'step-finished' && e.stepId === 'cluster') controller.abort();
          },
        },
      );
      expect(result.outcome).toBe('interrupted');
      expect(result.stacks.map((s) => s.stack)).toEqual(['eksctl-private-cluster-cluster']);
      expect(
        events
          .filter((e) => e.code === 'step-skipped')
          .map((e) => (e as { stepId: string }).stepId)
          .sort(),
      ).toEqual(['addons', 'kubeconfig', 'nodegroup/m1', 'nodegroup/ng1']);
    } finally {
      clients.destroy();
    }
    const live = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE'] }));
    expect((live.StackSummaries ?? []).map((s) => s.StackName)).toEqual(['eksctl-private-cluster-cluster']);

    // The CLI maps an interruption to exit 3 and says how to resume.
    const aborted = new AbortController();
    aborted.abort();
    const interrupted = await runCliCaptured(['create', 'cluster', '-f', file], { env: env(), signal: aborted.signal });
    expect(interrupted.code).toBe(3);
    expect(interrupted.stderr).toMatch(/interrupted/);
    expect(interrupted.stderr).toContain('Re-run `private-eks create cluster -f');

    const rerun = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('stack eksctl-private-cluster-cluster: reused');
    expect(rerun.stderr).toContain('stack eksctl-private-cluster-nodegroup-ng1: created');
  });
});
