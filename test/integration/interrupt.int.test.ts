/**
 * Interruption (SPEC §1 exit 3, §7 "Ctrl-C stops waiting without abandoning CloudFormation", §8):
 * `create cluster` and `delete cluster` stopped after each of their steps in turn. Every stop must
 * exit 3 and say how to resume, leave no stack abandoned half-way or deleted by private-eks, and a
 * re-run must converge: after create, to the same stacks and the same resources as an
 * uninterrupted create (no duplicate VPC, cluster or nodegroup); after delete, to nothing at all.
 *
 * How the interrupt is made: in-process, through the CLI's own abort signal (the one main.ts
 * fires on SIGINT), triggered the moment the CLI prints the step's `[step] done:` line — so the
 * stop lands exactly after that step, whatever the parallel steps are doing. One more test sends
 * a real SIGINT and a real SIGTERM to a child `private-eks` process, to cover main.ts's signal wiring.
 *
 * The emulator's CloudFormation is synchronous (TESTBED §2.1, README "Failures"): a stack is
 * complete the moment CreateStack (or DeleteStack) returns, so "interrupted while a stack is in
 * progress" cannot happen here — an interrupted step either never sent its call, or its call
 * finished in the emulator (possibly after the client stopped listening). The in-progress cases
 * (a re-run waits for a CREATE_IN_PROGRESS / DELETE_IN_PROGRESS stack, then resumes; Ctrl-C while
 * waiting deletes nothing) are covered with scripted stacks in test/unit/deploy/resume.test.ts
 * and test/unit/deploy/stacks.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { CloudFormationClient, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { waitForStackResources } from '../../src/deploy/fargate-wait.js';
import { AbortedError } from '../../src/errors.js';
import { FakeClock } from '../unit/deploy/fakes.js';
import { doneLine, runCliCaptured, runCliInterrupted, type CliRun } from '../helpers/cli.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import { emulatorClientConfig, leftovers, takeInventory, type Inventory } from '../helpers/moto/inventory.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

const CLUSTER = 'interrupt-cluster';

let moto: MotoServer;
let cfn: CloudFormationClient;
let work: string;
let configFile: string;
/** What an uninterrupted create of the config leaves in the emulator (see `shape`). */
let reference: Shape;

/** The test config: examples/minimal.yaml (ng1 self-managed, m1 managed) plus a Fargate profile. */
function writeConfig(dir: string): string {
  const doc = parseDocument(readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'));
  doc.setIn(['metadata', 'name'], CLUSTER);
  doc.set('fargateProfiles', doc.createNode([{ name: 'fp', selectors: [{ namespace: 'default' }] }]));
  const file = path.join(dir, 'cluster.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });
const interrupted = (args: readonly string[], stopAt: RegExp) =>
  runCliInterrupted(args, stopAt, { env: env(), cwd: work });
const inventory = (): Promise<Inventory> => takeInventory(emulatorClientConfig(moto.endpoint));

/**
 * What a create made, comparable between runs whose resource ids differ: the stacks by name and
 * status, the EKS objects by name, and how many of every other kind.
 */
interface Shape {
  readonly stacks: readonly string[];
  readonly eksClusters: readonly string[];
  readonly eksNodegroups: readonly string[];
  readonly eksFargateProfiles: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
}

function shape(made: Record<string, string[]>): Shape {
  const named = new Set(['stacks', 'eksClusters', 'eksNodegroups', 'eksFargateProfiles']);
  return {
    stacks: made['stacks'] ?? [],
    eksClusters: made['eksClusters'] ?? [],
    eksNodegroups: made['eksNodegroups'] ?? [],
    eksFargateProfiles: made['eksFargateProfiles'] ?? [],
    counts: Object.fromEntries(
      Object.entries(made)
        .filter(([kind]) => !named.has(kind))
        .map(([kind, ids]) => [kind, ids.length]),
    ),
  };
}

/** Stack names and statuses that are not live (deleted or being deleted): none may appear during a create. */
async function deletedStacks(): Promise<string[]> {
  const out = await cfn.send(
    new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_FAILED'] }),
  );
  return (out.StackSummaries ?? []).map((s) => `${s.StackName ?? ''} ${s.StackStatus ?? ''}`);
}

function expectNoStackTrace(run: CliRun): void {
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

beforeAll(async () => {
  moto = await startMoto();
  for (const [key, value] of Object.entries(moto.env)) vi.stubEnv(key, value);
  cfn = new CloudFormationClient(emulatorClientConfig(moto.endpoint));
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-interrupt-'));
  configFile = writeConfig(work);
  // The reference: one create that nobody interrupts.
  await moto.reset();
  const before = await inventory();
  const run = await runCliCaptured(['create', 'cluster', '-f', configFile], { env: env() });
  expect(run.code, run.stderr).toBe(0);
  reference = shape(leftovers(before, await inventory()));
});
afterAll(async () => {
  cfn?.destroy();
  vi.unstubAllEnvs();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-interrupt-'));
  configFile = writeConfig(work);
});

describe('create cluster interrupted after each step', () => {
  it('the reference create made one VPC, one cluster, its nodegroups, its Fargate profile and the default add-ons', () => {
    expect(reference.stacks).toEqual([
      `eksctl-${CLUSTER}-addons CREATE_COMPLETE`,
      `eksctl-${CLUSTER}-cluster CREATE_COMPLETE`,
      `eksctl-${CLUSTER}-fargate CREATE_COMPLETE`,
      `eksctl-${CLUSTER}-nodegroup-m1 CREATE_COMPLETE`,
      `eksctl-${CLUSTER}-nodegroup-ng1 CREATE_COMPLETE`,
    ]);
    expect(reference.eksClusters).toEqual([CLUSTER]);
    expect(reference.eksNodegroups).toEqual([`${CLUSTER}/m1`]);
    expect(reference.eksFargateProfiles).toEqual([`${CLUSTER}/fp`]);
    expect(reference.counts['vpcs']).toBe(1);
    expect(reference.counts['subnets']).toBe(3);
  });

  // Every step of the plan, in the order the graph starts them.
  it.each(['cluster', 'nodegroup/ng1', 'nodegroup/m1', 'fargate', 'kubeconfig', 'addons'])(
    'after %s: exit 3 with how to resume (0 if it was all done), nothing abandoned or deleted, a re-run converges',
    async (step) => {
      const before = await inventory();
      const create = ['create', 'cluster', '-f', configFile];
      const stopped = await interrupted(create, doneLine(step));
      expect(stopped.stopped, `never saw "[${step}] done:"\n${stopped.stderr}`).toBe(true);
      expectNoStackTrace(stopped);
      // The last step may finish everything before the interrupt lands: then the create is simply done.
      if (stopped.code !== 0) {
        expect(stopped.code, stopped.stderr).toBe(3);
        expect(stopped.stderr).toContain(`cluster "${CLUSTER}" in us-west-2: interrupted`);
        expect(stopped.stderr).toContain(`Re-run \`private-eks create cluster -f ${configFile}\` to resume`);
      }
      // Nothing abandoned half-way or deleted: every stack there is complete and one of the planned ones.
      const partial = shape(leftovers(before, await inventory()));
      expect(
        partial.stacks.every((s) => s.endsWith(' CREATE_COMPLETE')),
        partial.stacks.join('\n'),
      ).toBe(true);
      expect(reference.stacks).toEqual(expect.arrayContaining([...partial.stacks]));
      expect(partial.stacks).toContain(`eksctl-${CLUSTER}-cluster CREATE_COMPLETE`);
      expect(await deletedStacks()).toEqual([]);

      const rerun = await runCliCaptured(create, { env: env() });
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toContain(`stack eksctl-${CLUSTER}-cluster: reused`);
      expect(shape(leftovers(before, await inventory()))).toEqual(reference);
      expect(await deletedStacks()).toEqual([]);
    },
  );
});

describe('create of a cluster without nodegroups interrupted after its Fargate steps', () => {
  // Every pod on Fargate: the add-ons follow `fargate/kube-system` (the profile selecting
  // kube-system, created first although listed last), not the whole Fargate stack.
  const FARGATE_CLUSTER = 'interrupt-fargate';
  let fargateReference: Shape;

  function writeFargateConfig(dir: string): string {
    const doc = parseDocument(readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'));
    doc.setIn(['metadata', 'name'], FARGATE_CLUSTER);
    doc.delete('nodeGroups');
    doc.delete('managedNodeGroups');
    doc.set(
      'fargateProfiles',
      doc.createNode([
        { name: 'fp-apps', selectors: [{ namespace: 'default' }] },
        { name: 'fp-system', selectors: [{ namespace: 'kube-system' }] },
      ]),
    );
    const file = path.join(dir, 'fargate-cluster.yaml');
    writeFileSync(file, doc.toString());
    return file;
  }

  beforeAll(async () => {
    await moto.reset();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-interrupt-fargate-'));
    const before = await inventory();
    const run = await runCliCaptured(['create', 'cluster', '-f', writeFargateConfig(dir)], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\[fargate\/kube-system\] done: /);
    fargateReference = shape(leftovers(before, await inventory()));
    expect([...fargateReference.eksFargateProfiles].sort()).toEqual([
      `${FARGATE_CLUSTER}/fp-apps`,
      `${FARGATE_CLUSTER}/fp-system`,
    ]);
    expect(fargateReference.stacks).toEqual([
      `eksctl-${FARGATE_CLUSTER}-addons CREATE_COMPLETE`,
      `eksctl-${FARGATE_CLUSTER}-cluster CREATE_COMPLETE`,
      `eksctl-${FARGATE_CLUSTER}-fargate CREATE_COMPLETE`,
    ]);
  });

  it("the watcher reads kube-system's profile from the emulator's Fargate stack (DescribeStackResources)", async () => {
    // In a CLI run the emulator's Fargate stack is complete before the watcher's first look (its
    // CreateStack is synchronous), so the step ends with the stack step: read the stack directly.
    const file = writeFargateConfig(work);
    const run = await runCliCaptured(['create', 'cluster', '-f', file], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: `eksctl-${FARGATE_CLUSTER}-fargate` })))
      .Stacks?.[0];
    const clock = new FakeClock();
    const result = await waitForStackResources(
      { cfn, clock, events: () => {} },
      {
        stepId: 'fargate/kube-system',
        stack: `eksctl-${FARGATE_CLUSTER}-fargate`,
        logicalIds: ['FargateProfileFpSystem'],
        watch: { current: { id: stack?.StackId ?? '', created: true } },
      },
    );
    expect(result).toBe('resources-complete');
    expect(clock.sleeps).toEqual([]);
    // A profile the stack does not have is never complete: the watcher keeps looking.
    const controller = new AbortController();
    clock.onSleep = (_ms, index) => {
      if (index === 2) controller.abort();
    };
    await expect(
      waitForStackResources(
        { cfn, clock, events: () => {}, signal: controller.signal },
        {
          stepId: 'fargate/kube-system',
          stack: `eksctl-${FARGATE_CLUSTER}-fargate`,
          logicalIds: ['FargateProfileNotThere'],
          watch: { current: { id: stack?.StackId ?? '', created: true } },
        },
      ),
    ).rejects.toBeInstanceOf(AbortedError);
  });

  it.each(['fargate/kube-system', 'fargate', 'addons'])(
    'after %s: exit 3 (0 if it was all done), nothing abandoned or deleted, a re-run converges',
    async (step) => {
      const file = writeFargateConfig(work);
      const before = await inventory();
      const create = ['create', 'cluster', '-f', file];
      const stopped = await interrupted(create, doneLine(step));
      expect(stopped.stopped, `never saw "[${step}] done:"\n${stopped.stderr}`).toBe(true);
      expectNoStackTrace(stopped);
      if (stopped.code !== 0) {
        expect(stopped.code, stopped.stderr).toBe(3);
        expect(stopped.stderr).toContain(`Re-run \`private-eks create cluster -f ${file}\` to resume`);
      }
      const partial = shape(leftovers(before, await inventory()));
      expect(
        partial.stacks.every((s) => s.endsWith(' CREATE_COMPLETE')),
        partial.stacks.join('\n'),
      ).toBe(true);
      expect(await deletedStacks()).toEqual([]);

      const rerun = await runCliCaptured(create, { env: env() });
      expect(rerun.code, rerun.stderr).toBe(0);
      // The re-run finds the Fargate stack complete: its watcher is done at once.
      expect(rerun.stderr).toMatch(/\[fargate\/kube-system\] done: /);
      expect(shape(leftovers(before, await inventory()))).toEqual(fargateReference);
      expect(await deletedStacks()).toEqual([]);
    },
  );
});

describe('delete cluster interrupted after each step', () => {
  // Every step of the delete; after `cluster` only the kubeconfig entry is left for the re-run, and
  // after `kubeconfig` the delete is complete (an interrupt after the last step interrupts nothing).
  it.each([
    'nodegroup/m1',
    'nodegroup/ng1',
    'fargate',
    'addons',
    'load-balancers',
    'tagged-resources',
    'cluster',
    'kubeconfig',
  ])('after %s: exit 3 (0 once nothing was left to do), and a re-run deletes everything that is left', async (step) => {
    const before = await inventory();
    const created = await runCliCaptured(['create', 'cluster', '-f', configFile], { env: env() });
    expect(created.code, created.stderr).toBe(0);

    const del = ['delete', 'cluster', '-f', configFile];
    const stopped = await interrupted(del, doneLine(step));
    expect(stopped.stopped, `never saw "[${step}] done:"\n${stopped.stderr}`).toBe(true);
    expectNoStackTrace(stopped);
    if (step === 'kubeconfig') {
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(stopped.stderr).toContain(`cluster "${CLUSTER}": deleted`);
    } else {
      expect(stopped.code, stopped.stderr).toBe(3);
      expect(stopped.stderr).toContain(`cluster "${CLUSTER}": interrupted`);
      expect(stopped.stderr).toContain('Re-run to finish');
      const rerun = await runCliCaptured(del, { env: env() });
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toContain(`cluster "${CLUSTER}": deleted`);
    }
    expect(leftovers(before, await inventory())).toEqual({});
    // The kubeconfig entry the create wrote is gone too.
    expect(parse(readFileSync(path.join(work, 'kubeconfig'), 'utf8')).clusters).toEqual([]);
  });
});

describe('a real signal to a private-eks process', () => {
  // SIGTERM is what CI runners, `timeout` and container stops send: handled as Ctrl-C.
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s: exits 3 after the cluster stack, and a re-run finishes',
    async (signal) => {
      // Every call answers 400 ms late (the fault proxy, slow answers only), so the signal arrives
      // while the nodegroup stacks are still being asked for, not after the whole create is done.
      const proxy = await startFaultProxy({ upstream: moto.endpoint, rate: 1, kinds: ['slow'], slowMs: 400 });
      try {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'create', 'cluster', '-f', configFile],
          // tsx (a dev dependency) runs main.ts as it is in the tree: no build needed, none stale.
          { cwd: repoRoot, env: { ...process.env, ...env(), CI: 'true', AWS_ENDPOINT_URL: proxy.endpoint } },
        );
        let stderr = '';
        let signalled = false;
        child.stderr.on('data', (b: Buffer) => {
          stderr += b.toString('utf8');
          if (!signalled && /^\[cluster\] done: /m.test(stderr)) {
            signalled = true;
            child.kill(signal);
          }
        });
        const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
        expect(signalled, stderr).toBe(true);
        expect(code, stderr).toBe(3);
        expect(stderr).toContain('interrupted');
        expect(stderr).toContain(`Re-run \`private-eks create cluster -f ${configFile}\` to resume`);
        expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      } finally {
        await proxy.close();
      }
      expect(await deletedStacks()).toEqual([]);
      const rerun = await runCliCaptured(['create', 'cluster', '-f', configFile], { env: env() });
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toContain(`stack eksctl-${CLUSTER}-cluster: reused`);
    },
  );
});
