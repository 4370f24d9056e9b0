/**
 * One "run under faults", as the reliability task defines it, shared by
 * test/integration/faults.int.test.ts (a few seeds) and bench/faults.ts (many): the real CLI code
 * path (`runCliCaptured`, in-process) talks to the emulator through the fault proxy
 * (AWS_ENDPOINT_URL = the proxy), with private-eks's own retry settings (the emulator env's
 * AWS_MAX_ATTEMPTS=1 is dropped: a user has none) — or with the SDK's retries off
 * (`sdkRetries: 'off'`, AWS_MAX_ATTEMPTS=1): the SDK's retries absorb 20–30 % faults, so only
 * then does nearly every run stop half-way and exercise resume.
 *
 * A run: `create cluster` (faults on) → if it failed, re-runs until it completes (faults on or
 * off, `rerunRate`; at most `maxReruns`) → `delete cluster --force` (faults on) → a second delete
 * if the first did not finish → an inventory of the emulator taken directly (not through the
 * proxy) compared with the one taken before the create.
 *
 * What a user must never see is collected in `badOutput`: a stack trace, an exit code other than
 * the documented ones, an exit 1 without a line saying what failed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { runCliCaptured, type CliRun } from './cli.js';
import { startFaultProxy, type FaultKind, type FaultProxy, type FaultProxyOptions } from './fault-proxy.js';
import { emulatorClientConfig, leftovers, takeInventory } from './moto/inventory.js';
import type { MotoServer } from './moto.js';
import { repoRoot } from './python-tools.js';

export interface FaultRunOptions {
  readonly moto: MotoServer;
  readonly configFile: string;
  readonly cluster: string;
  readonly seed: number;
  /** Fault probability per request during the first create and the deletes. */
  readonly rate: number;
  /** Fault probability during the re-runs of create (0: a clean re-run). */
  readonly rerunRate: number;
  readonly slowMs: number;
  readonly kinds?: readonly FaultKind[];
  /** Re-runs of create after the first, at most. Default 2. */
  readonly maxReruns?: number;
  /** Runs of `delete --force`, at most (the first at `rate`, the others at `rerunRate`). Default 3. */
  readonly maxDeletes?: number;
  /** `off`: AWS_MAX_ATTEMPTS=1, every fault reaches private-eks. Default `on` (private-eks's settings). */
  readonly sdkRetries?: 'on' | 'off';
}

export interface FaultRunResult {
  readonly seed: number;
  /** Exit code of the first create, then of each re-run. */
  readonly createCodes: readonly number[];
  /** Exit code of each delete. */
  readonly deleteCodes: readonly number[];
  readonly leftovers: Readonly<Record<string, readonly string[]>>;
  /** What a user must never see (stack traces, undocumented exit codes, failures saying nothing). */
  readonly badOutput: readonly string[];
  /** The error lines of failed commands, for the report. */
  readonly failureLines: readonly string[];
  /** Faults injected, by kind, over the whole run. */
  readonly faults: Readonly<Partial<Record<FaultKind, number>>>;
  readonly requests: number;
}

/** A line of a JavaScript stack trace (`    at fn (file:1:2)`). */
const STACK_LINE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** What a failed command printed that says what failed: `failed <step>: …` and `error: …` lines. */
export function failureLinesOf(run: CliRun): string[] {
  return run.stderr.split('\n').filter((l) => /^\s*(failed \S+:|error:)/.test(l));
}

/** Problems with a command's output that a user must never meet. */
export function outputProblems(label: string, run: CliRun, allowed: readonly number[]): string[] {
  const problems: string[] = [];
  if (!allowed.includes(run.code)) problems.push(`${label}: exit ${run.code}\n${run.stderr}`);
  if (STACK_LINE.test(run.stderr) || STACK_LINE.test(run.stdout)) {
    problems.push(`${label}: a stack trace was printed\n${run.stderr}`);
  }
  if (run.code === 1 && failureLinesOf(run).length === 0) {
    problems.push(`${label}: exit 1 without a "failed <step>:" or "error:" line\n${run.stderr}`);
  }
  return problems;
}

/** The fault proxy in front of the emulator, and the environment that points the CLI at it. */
export interface FaultyEmulator {
  readonly proxy: FaultProxy;
  /** For runCliCaptured: the emulator's env with AWS_ENDPOINT_URL = the proxy, no AWS_MAX_ATTEMPTS. */
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * Starts the fault proxy in front of `moto` and points both the returned env and process.env at
 * it (the SDK reads AWS_ENDPOINT_URL from process.env itself, and createAwsClients insists the two
 * agree); close() puts process.env back. The emulator env's AWS_MAX_ATTEMPTS=1 is left out, so the
 * clients get private-eks's own retry settings, as a user's would; `extraEnv` may set it again.
 */
export async function startFaultyEmulator(
  moto: MotoServer,
  options: Omit<FaultProxyOptions, 'upstream'>,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<FaultyEmulator> {
  const proxy = await startFaultProxy({ upstream: moto.endpoint, ...options });
  const saved = process.env['AWS_ENDPOINT_URL'];
  process.env['AWS_ENDPOINT_URL'] = proxy.endpoint;
  const { AWS_MAX_ATTEMPTS: _emulatorOnly, ...emulatorEnv } = moto.env;
  return {
    proxy,
    env: { ...emulatorEnv, ...extraEnv, AWS_ENDPOINT_URL: proxy.endpoint },
    async close() {
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL'];
      else process.env['AWS_ENDPOINT_URL'] = saved;
      await proxy.close();
    },
  };
}

export async function runUnderFaults(options: FaultRunOptions): Promise<FaultRunResult> {
  const { moto } = options;
  await moto.reset();
  const direct = emulatorClientConfig(moto.endpoint);
  const before = await takeInventory(direct);
  const faulty = await startFaultyEmulator(
    moto,
    {
      rate: options.rate,
      seed: options.seed,
      slowMs: options.slowMs,
      ...(options.kinds === undefined ? {} : { kinds: options.kinds }),
    },
    options.sdkRetries === 'off' ? { AWS_MAX_ATTEMPTS: '1' } : {},
  );
  const { proxy } = faulty;
  const work = mkdtempSync(path.join(os.tmpdir(), 'pe-faults-'));
  const env = { ...faulty.env, KUBECONFIG: path.join(work, 'kubeconfig') };
  const badOutput: string[] = [];
  const failureLines: string[] = [];
  const createCodes: number[] = [];
  const deleteCodes: number[] = [];
  try {
    const create = ['create', 'cluster', '-f', options.configFile];
    const first = await runCliCaptured(create, { env });
    createCodes.push(first.code);
    badOutput.push(...outputProblems(`seed ${options.seed} create`, first, [0, 1]));
    failureLines.push(...failureLinesOf(first));
    proxy.setRate(options.rerunRate);
    for (let i = 0; createCodes.at(-1) !== 0 && i < (options.maxReruns ?? 2); i += 1) {
      const again = await runCliCaptured(create, { env });
      createCodes.push(again.code);
      badOutput.push(...outputProblems(`seed ${options.seed} create re-run ${i + 1}`, again, [0, 1]));
      failureLines.push(...failureLinesOf(again));
    }
    proxy.setRate(options.rate);
    const del = ['delete', 'cluster', '--name', options.cluster, '--region', 'us-west-2', '--force'];
    for (let i = 0; i < (options.maxDeletes ?? 3) && deleteCodes.at(-1) !== 0; i += 1) {
      if (i > 0) proxy.setRate(options.rerunRate);
      const run = await runCliCaptured(del, { env });
      // After a --force delete that went on past a failure, the re-run may find nothing left at
      // all: "no cluster named …" (exit 1) then means done, which the inventory below checks.
      if (i > 0 && run.code === 1 && run.stderr.includes(`error: no cluster named "${options.cluster}"`)) {
        deleteCodes.push(0);
        break;
      }
      deleteCodes.push(run.code);
      // Exit 1 is allowed when it says what failed: a lookup before any step can fail (the delete
      // then has nothing to go on past) and the next delete finishes.
      badOutput.push(...outputProblems(`seed ${options.seed} delete ${i + 1}`, run, [0, 1, 4]));
      failureLines.push(...failureLinesOf(run));
    }
  } finally {
    await faulty.close();
    rmSync(work, { recursive: true, force: true });
  }
  const faults: Partial<Record<FaultKind, number>> = {};
  for (const r of proxy.records) if (r.fault !== null) faults[r.fault] = (faults[r.fault] ?? 0) + 1;
  return {
    seed: options.seed,
    createCodes,
    deleteCodes,
    leftovers: leftovers(before, await takeInventory(direct)),
    badOutput,
    failureLines,
    faults,
    requests: proxy.records.length,
  };
}

/**
 * examples/minimal.yaml as cluster `faults-many` with four nodegroups of both kinds and a Fargate
 * profile, written into `dir`: many stacks in parallel under faults.
 */
export function writeSeveralNodegroupsConfig(dir: string): string {
  const doc = parseDocument(readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'));
  doc.setIn(['metadata', 'name'], 'faults-many');
  doc.set(
    'nodeGroups',
    doc.createNode([
      { name: 'ng1', privateNetworking: true },
      { name: 'ng2', privateNetworking: true },
    ]),
  );
  doc.set(
    'managedNodeGroups',
    doc.createNode([
      { name: 'm1', privateNetworking: true },
      { name: 'm2', privateNetworking: true },
    ]),
  );
  doc.set('fargateProfiles', doc.createNode([{ name: 'fp', selectors: [{ namespace: 'default' }] }]));
  const file = path.join(dir, 'several.yaml');
  writeFileSync(file, doc.toString());
  return file;
}
