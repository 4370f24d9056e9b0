/**
 * `npm run fuzz`: a long-running fuzzer for the config reader — loadConfig and, for one case in
 * `--cli-every`, the CLI's `validate -f -` (text and `-o json`) — over the inputs of
 * bench/fuzz/inputs.ts. Cases run in worker threads with a watchdog (bench/fuzz/case-runner.ts);
 * what counts as a crash is bench/fuzz/oracle.ts.
 *
 *   npm run fuzz -- [--seconds 600] [--runs N] [--seed S] [--lanes 2] [--hang-seconds 5]
 *                   [--cli-every 5] [--replay SEED:PATH]
 *
 * It runs in rounds of fast-check (each round its own seed: seed + lane × 1e6 + round) until the
 * time or the case limit, printing progress every 10 s and a summary (cases, rate, outcomes, the
 * distinct problem rule ids seen). A crash is shrunk by fast-check, printed with the round's seed
 * and path (replay with --replay), and written to test/fixtures/fuzz-crashes/<hash>.yaml, which
 * test/unit/config/fuzz-regressions.test.ts replays. Exit 1 when anything crashed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { repoRoot } from '../test/helpers/python-tools.js';
import { CaseRunner } from './fuzz/case-runner.js';
import { fuzzInput } from './fuzz/inputs.js';
import type { Verdict } from './fuzz/oracle.js';

export const CRASH_DIR = path.join(repoRoot, 'test/fixtures/fuzz-crashes');
const ROUND_RUNS = 250;

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    lanes: { type: 'string' },
    'hang-seconds': { type: 'string', default: '5' },
    'cli-every': { type: 'string', default: '5' },
    replay: { type: 'string' },
  },
});

const seconds = args.seconds !== undefined ? Number(args.seconds) : args.runs !== undefined ? Infinity : 60;
const maxRuns = args.runs !== undefined ? Number(args.runs) : Infinity;
const baseSeed = args.seed !== undefined ? Number(args.seed) : Date.now() % 2_147_483_647;
const lanes = args.lanes !== undefined ? Number(args.lanes) : Math.max(1, Math.min(2, os.cpus().length));
const hangMs = Number(args['hang-seconds']) * 1000;
const cliEvery = Number(args['cli-every']);

class CrashError extends Error {
  constructor(readonly verdict: Extract<Verdict, { ok: false }>) {
    super(`${verdict.kind}: ${verdict.detail}`);
  }
}

/** Which path a case takes: a function of the input, so that shrinking replays the same one. */
function cliModeFor(input: string | Uint8Array): 'none' | 'text' | 'json' {
  const bytes = typeof input === 'string' ? Buffer.from(input.slice(0, 256)) : input.subarray(0, 256);
  let h = 2166136261 ^ input.length;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619);
  h >>>= 0;
  if (cliEvery <= 0 || h % cliEvery !== 0) return 'none';
  return (h >>> 8) % 2 === 0 ? 'text' : 'json';
}

const stats = { cases: 0, valid: 0, invalid: 0, cli: 0, shrinkSteps: 0, rules: new Set<string>() };
/** Cases handed to fast-check rounds so far, across lanes. */
let planned = 0;
const crashes = new Map<string, { kind: string; detail: string; seed: number; path: string }>();

function property(runner: CaseRunner, shrinking: { on: boolean }) {
  return fc.asyncProperty(fuzzInput, async (input) => {
    const cli = cliModeFor(input);
    const verdict = await runner.run(input, cli);
    if (shrinking.on) stats.shrinkSteps++;
    else {
      stats.cases++;
      if (cli !== 'none') stats.cli++;
      if (verdict.ok) {
        stats[verdict.valid ? 'valid' : 'invalid']++;
        for (const rule of verdict.rules) stats.rules.add(rule);
      }
    }
    if (!verdict.ok) {
      shrinking.on = true;
      throw new CrashError(verdict);
    }
  });
}

function show(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  const escaped = JSON.stringify(text);
  return escaped.length > 2000 ? `${escaped.slice(0, 2000)}… (${text.length} chars)` : escaped;
}

function saveCrash(input: string | Uint8Array, verdict: CrashError['verdict'], seed: number, runPath: string): string {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const file = path.join(CRASH_DIR, `${hash}.yaml`);
  if (!crashes.has(hash)) {
    mkdirSync(CRASH_DIR, { recursive: true });
    writeFileSync(file, bytes);
    crashes.set(hash, { kind: verdict.kind, detail: verdict.detail, seed, path: runPath });
  }
  return file;
}

async function runLane(lane: number, deadline: number): Promise<void> {
  const runner = new CaseRunner(hangMs);
  try {
    for (let round = 0; Date.now() < deadline && planned < maxRuns; round++) {
      const seed = (baseSeed + lane * 1_000_000 + round) % 2_147_483_647;
      const shrinking = { on: false };
      // Lanes reserve their cases before running them, so --runs is met exactly.
      const numRuns = Math.min(ROUND_RUNS, maxRuns - planned);
      planned += numRuns;
      const result = await fc.check(property(runner, shrinking), { seed, numRuns });
      if (result.failed && result.counterexample !== null) {
        const crash = result.errorInstance instanceof CrashError ? result.errorInstance.verdict : undefined;
        const verdict = crash ?? { ok: false as const, kind: 'throw' as const, detail: String(result.errorInstance) };
        const [input] = result.counterexample;
        const file = saveCrash(input, verdict, seed, result.counterexamplePath);
        console.log(`\nCRASH (${verdict.kind}) seed ${seed}, path ${result.counterexamplePath}`);
        console.log(`  replay: npm run fuzz -- --replay ${seed}:${result.counterexamplePath}`);
        console.log(`  ${verdict.detail.split('\n').slice(0, 8).join('\n  ')}`);
        console.log(`  shrunk input (${result.numShrinks} shrinks): ${show(input)}`);
        console.log(`  written to ${path.relative(repoRoot, file)}`);
      }
    }
  } finally {
    await runner.close();
  }
}

async function replay(spec: string): Promise<void> {
  const [seed, ...rest] = spec.split(':');
  const runner = new CaseRunner(hangMs);
  try {
    const result = await fc.check(property(runner, { on: false }), { seed: Number(seed), path: rest.join(':') });
    if (!result.failed || result.counterexample === null) {
      console.log('replay: the case passes now');
      return;
    }
    const [input] = result.counterexample;
    console.log(`replay: ${String(result.errorInstance)}\n  input: ${show(input)}`);
    process.exitCode = 1;
  } finally {
    await runner.close();
  }
}

function progress(started: number): string {
  const elapsed = (Date.now() - started) / 1000;
  return (
    `${elapsed.toFixed(0)} s: ${stats.cases} cases (${(stats.cases / Math.max(elapsed, 0.001)).toFixed(0)}/s), ` +
    `${stats.valid} valid, ${stats.invalid} invalid, ${stats.cli} through the CLI, ` +
    `${stats.rules.size} rule ids, ${crashes.size} crash(es)`
  );
}

async function main(): Promise<void> {
  if (args.replay !== undefined) return replay(args.replay);
  const started = Date.now();
  const deadline = Number.isFinite(seconds) ? started + seconds * 1000 : Infinity;
  console.log(
    `fuzzing the config reader: seed ${baseSeed}, ${lanes} lane(s), ` +
      `${Number.isFinite(seconds) ? `${seconds} s` : 'no time limit'}, ` +
      `${Number.isFinite(maxRuns) ? `${maxRuns} cases` : 'no case limit'}, hang limit ${hangMs} ms + 30 ms per KiB, CLI every ${cliEvery}`,
  );
  const ticker = setInterval(() => console.log(progress(started)), 10_000);
  try {
    await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(lane, deadline)));
  } finally {
    clearInterval(ticker);
  }
  const elapsed = (Date.now() - started) / 1000;
  console.log('\nsummary');
  console.log(`  ${progress(started)}`);
  console.log(`  ${stats.shrinkSteps} extra runs while shrinking; ${elapsed.toFixed(1)} s wall time`);
  console.log(`  rule ids seen: ${[...stats.rules].sort().join(', ')}`);
  if (crashes.size === 0) console.log('  no crash');
  for (const [hash, c] of crashes) console.log(`  crash ${hash}.yaml: ${c.kind} (seed ${c.seed}, path ${c.path})`);
  if (crashes.size > 0) process.exitCode = 1;
}

await main();
