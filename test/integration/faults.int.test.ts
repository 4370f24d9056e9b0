/**
 * Reliability when AWS misbehaves: the real CLI code path (in-process) against the emulator
 * through the fault proxy (test/helpers/fault-proxy.ts), which answers a share of the requests
 * the way AWS does when it misbehaves — throttling in each protocol's shape, 500/503, slow answers,
 * connections reset before or after the emulator carried the request out.
 *
 * 1. Random faults at 20% of requests, a fixed set of seeds: `create cluster` either completes or
 *    stops with a clear message (exit 1 saying what failed, never a stack trace); a re-run then
 *    completes; `delete cluster --force` (faults still on; a second one if the first could not
 *    finish) leaves nothing of the cluster in the emulator. The clients keep private-eks's own
 *    retry settings (src/aws/clients.ts), not the emulator env's AWS_MAX_ATTEMPTS=1.
 * 2. Aimed faults, deterministic: every answer to CreateStack (or DeleteStack) lost after the
 *    emulator acted on it, and CreateStack never getting through at all — the cases the retry
 *    settings cannot absorb and deploy/stacks.ts must handle.
 *
 * The fault sequence depends on the seed and on the order of requests; parallel stack steps
 * reorder requests from run to run, so a seed does not replay exactly. The bench
 * (`npx tsx bench/faults.ts [runs] [rate]`) runs many more seeds and prints the table.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliCaptured } from '../helpers/cli.js';
import {
  outputProblems,
  runUnderFaults,
  startFaultyEmulator,
  writeSeveralNodegroupsConfig,
} from '../helpers/fault-runs.js';
import { emulatorClientConfig, leftovers, takeInventory, type Inventory } from '../helpers/moto/inventory.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

const RATE = 0.2;
/** Long enough to reorder parallel requests, short enough to keep the file near 60 s. */
const SLOW_MS = 250;
const MINIMAL = path.join(repoRoot, 'examples/minimal.yaml');

let moto: MotoServer;
let work: string;

beforeAll(async () => {
  moto = await startMoto();
  for (const [key, value] of Object.entries(moto.env)) vi.stubEnv(key, value);
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-faults-'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
});

describe('create, re-run and delete --force with 20% of requests faulted', () => {
  // Three seeds keep this file near a minute (each run spends seconds in the SDK's backoff and the
  // adaptive rate limiter); bench/faults.ts runs a dozen or more, with faults on and off in re-runs.
  it.each([
    { seed: 11, config: 'minimal', rerunRate: RATE },
    { seed: 13, config: 'minimal', rerunRate: 0 },
    { seed: 14, config: 'several', rerunRate: RATE },
  ])(
    'seed $seed ($config, re-runs at rate $rerunRate): completes or says why, then converges and leaves nothing',
    async ({ seed, config, rerunRate }) => {
      const result = await runUnderFaults({
        moto,
        configFile: config === 'minimal' ? MINIMAL : writeSeveralNodegroupsConfig(work),
        cluster: config === 'minimal' ? 'private-cluster' : 'faults-many',
        seed,
        rate: RATE,
        rerunRate,
        slowMs: SLOW_MS,
      });
      // The proxy really did get in the way (not a run that happened to draw no faults).
      expect(Object.values(result.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(3);
      expect(result.badOutput).toEqual([]);
      expect(result.createCodes.at(-1), JSON.stringify(result.failureLines)).toBe(0);
      expect(result.deleteCodes.at(-1), JSON.stringify(result.failureLines)).toBe(0);
      expect(result.leftovers).toEqual({});
    },
  );
});

describe('the SDK retries off (AWS_MAX_ATTEMPTS=1), 30% of requests faulted: resume does the work', () => {
  // With private-eks's retry settings the SDK absorbs 20-30% faults and a run rarely stops; with
  // them off nearly every run stops half-way and only re-running gets it done. bench/faults.ts
  // --sdk-retries off runs many seeds (figures in its table).
  it('seed 1 (minimal, clean re-runs): stops, re-runs to completion, deletes to nothing', async () => {
    const result = await runUnderFaults({
      moto,
      configFile: MINIMAL,
      cluster: 'private-cluster',
      seed: 1,
      rate: 0.3,
      rerunRate: 0,
      slowMs: SLOW_MS,
      sdkRetries: 'off',
      maxReruns: 3,
    });
    console.info(
      `[faults, SDK retries off] create exits ${result.createCodes.join(',')}, delete exits ${result.deleteCodes.join(',')}`,
    );
    expect(result.badOutput).toEqual([]);
    // At least one command stopped half-way and was re-run: resume was exercised.
    expect(result.createCodes.length + result.deleteCodes.length).toBeGreaterThan(2);
    expect(result.createCodes.at(-1), JSON.stringify(result.failureLines)).toBe(0);
    expect(result.deleteCodes.at(-1), JSON.stringify(result.failureLines)).toBe(0);
    expect(result.leftovers).toEqual({});
  });
});

describe('aimed faults', () => {
  let before: Inventory;
  const kubeconfig = (): Record<string, string> => ({ KUBECONFIG: path.join(work, 'kubeconfig') });
  // Two attempts per call so that a fault on every attempt is met quickly.
  const fewAttempts = { AWS_MAX_ATTEMPTS: '2' };

  beforeEach(async () => {
    before = await takeInventory(emulatorClientConfig(moto.endpoint));
  });

  it('the first CreateStack answer lost, the retry meets AlreadyExists: the stack is recognised as this run’s', async () => {
    const faulty = await startFaultyEmulator(
      moto,
      { rate: 1, kinds: ['reset-after'], operations: ['CreateStack'], maxFaults: 1 },
      kubeconfig(),
    );
    try {
      const run = await runCliCaptured(['create', 'cluster', '-f', MINIMAL], { env: faulty.env });
      expect(outputProblems('create', run, [0])).toEqual([]);
      // The SDK's retry of the cluster stack's CreateStack was refused with AlreadyExists (the
      // emulator ignores ClientRequestToken): reported as this run's create, not as found and reused.
      // Then the two nodegroup stacks and eksctl's default add-ons stack.
      expect(faulty.proxy.records.filter((r) => r.operation === 'CreateStack').map((r) => r.fault)).toEqual([
        'reset-after',
        null,
        null,
        null,
        null,
      ]);
      expect(run.stderr).toContain('stack eksctl-private-cluster-cluster: created');
      expect(run.stderr).not.toContain('reused');
    } finally {
      await faulty.close();
    }
  });

  it('every CreateStack answer lost after the emulator made the stack: recognised as this run’s and completed', async () => {
    const faulty = await startFaultyEmulator(
      moto,
      { rate: 1, kinds: ['reset-after'], operations: ['CreateStack'] },
      { ...fewAttempts, ...kubeconfig() },
    );
    try {
      const run = await runCliCaptured(['create', 'cluster', '-f', MINIMAL], { env: faulty.env });
      expect(outputProblems('create', run, [0])).toEqual([]);
      // Each stack was made by the first attempt, and every answer was lost, so the SDK gave up;
      // the stack is there with private-eks's tags: carried on with, as created by this run.
      const stacks = ['cluster', 'nodegroup-ng1', 'nodegroup-m1', 'addons'];
      for (const stack of stacks) {
        expect(run.stderr).toContain(`stack eksctl-private-cluster-${stack}: created`);
      }
      expect(run.stderr).not.toContain('reused');
      // fewAttempts: two attempts per stack, both answers lost.
      expect(faulty.proxy.records.filter((r) => r.fault === 'reset-after')).toHaveLength(2 * stacks.length);
    } finally {
      await faulty.close();
    }
    const del = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL], { env: { ...moto.env, ...kubeconfig() } });
    expect(del.code, del.stderr).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });

  it('every DeleteStack answer lost after the emulator deleted the stack: the delete carries on and leaves nothing', async () => {
    const created = await runCliCaptured(['create', 'cluster', '-f', MINIMAL], {
      env: { ...moto.env, ...kubeconfig() },
    });
    expect(created.code, created.stderr).toBe(0);
    const faulty = await startFaultyEmulator(
      moto,
      { rate: 1, kinds: ['reset-after'], operations: ['DeleteStack'] },
      { ...fewAttempts, ...kubeconfig() },
    );
    try {
      const run = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL], { env: faulty.env });
      expect(outputProblems('delete', run, [0])).toEqual([]);
      expect(run.stderr).toContain('cluster "private-cluster": deleted');
      expect(faulty.proxy.records.filter((r) => r.fault === 'reset-after').length).toBeGreaterThanOrEqual(3);
    } finally {
      await faulty.close();
    }
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });

  it('CreateStack never getting through: exit 1 naming the call and its cause; a re-run completes', async () => {
    const faulty = await startFaultyEmulator(
      moto,
      { rate: 1, kinds: ['reset-before'], operations: ['CreateStack'] },
      { ...fewAttempts, ...kubeconfig() },
    );
    try {
      const run = await runCliCaptured(['create', 'cluster', '-f', MINIMAL], { env: faulty.env });
      expect(outputProblems('create', run, [1])).toEqual([]);
      expect(run.stderr).toContain(
        'failed cluster: creating stack eksctl-private-cluster-cluster failed: TimeoutError: socket hang up',
      );
      expect(run.stderr).toMatch(/hint: the AWS endpoint could not be reached/);
      expect(run.stderr).toContain('Re-run `private-eks create cluster -f');
      // The run stopped at the cluster stack: nothing was made, so nothing is half-made.
      expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
      // The network is back; the re-run (same env, faults off) completes.
      faulty.proxy.setRate(0);
      const rerun = await runCliCaptured(['create', 'cluster', '-f', MINIMAL], { env: faulty.env });
      expect(rerun.code, rerun.stderr).toBe(0);
      const del = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL], { env: faulty.env });
      expect(del.code, del.stderr).toBe(0);
    } finally {
      await faulty.close();
    }
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });
});
