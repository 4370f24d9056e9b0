/**
 * Cold start: how long the built CLI takes to validate and to plan (offline) the seed's minimal
 * example, next to `node -e 0` on the same machine — medians of N runs, and the ratios.
 * Run: `npm run build && npx tsx bench/cold-start.ts [runs]` (also part of `npm run bench`).
 *
 * Both commands run from the offline bundle with its code cache (bin/private-eks.js); the warm-up
 * run of each saves that cache, as a user's first run does, so the figures are those of every
 * later run. NODE_DISABLE_COMPILE_CACHE=1 in the environment measures without any cache.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/private-eks.js');
const example = path.join(root, 'examples/minimal.yaml');

export interface ColdStartResult {
  readonly runs: number;
  readonly nodeMs: number;
  readonly validateMs: number;
  readonly planMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function runOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${String(result.status)}`);
  return ms;
}

/**
 * Median times of the commands, run in turns (one of each per round) rather than one command's
 * runs after the other's: a shared machine's load drifts over seconds, and turns give each command
 * the same share of it, so the ratios hold even when the milliseconds do not.
 */
function timeCommands(commands: string[][], runs: number): number[] {
  // One warm-up run each so the file cache is the same for every command measured.
  for (const args of commands) spawnSync(process.execPath, args, { stdio: 'ignore' });
  const times = commands.map((): number[] => []);
  for (let i = 0; i < runs; i++) commands.forEach((args, k) => times[k]!.push(runOnce(args)));
  return times.map(median);
}

export function measureColdStart(runs = 10): ColdStartResult {
  const [nodeMs, validateMs, planMs] = timeCommands(
    [
      ['-e', '0'],
      [cli, 'validate', '-f', example],
      [cli, 'plan', '-f', example, '--offline'],
    ],
    runs,
  );
  return { runs, nodeMs: nodeMs!, validateMs: validateMs!, planMs: planMs! };
}

export function formatColdStart(r: ColdStartResult): string {
  const row = (name: string, ms: number) => `| ${name} | ${ms.toFixed(1)} | ${(ms / r.nodeMs).toFixed(2)}× |`;
  return [
    `cold start of the built CLI, median of ${r.runs} runs taken in turns (after one warm-up run each)`,
    '| command | ms | ratio to node -e 0 |',
    '|---|---|---|',
    row('node -e 0', r.nodeMs),
    row('validate -f examples/minimal.yaml', r.validateMs),
    row('plan -f examples/minimal.yaml --offline', r.planMs),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const runs = Number(process.argv[2] ?? 10);
  console.log(formatColdStart(measureColdStart(runs)));
}
