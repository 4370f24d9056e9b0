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

function timeCommand(args: string[], runs: number): number {
  const times: number[] = [];
  // One warm-up run so the file cache is the same for every command measured.
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${String(result.status)}`);
    times.push(ms);
  }
  return median(times);
}

export function measureColdStart(runs = 10): ColdStartResult {
  return {
    runs,
    nodeMs: timeCommand(['-e', '0'], runs),
    validateMs: timeCommand([cli, 'validate', '-f', example], runs),
    planMs: timeCommand([cli, 'plan', '-f', example, '--offline'], runs),
  };
}

export function formatColdStart(r: ColdStartResult): string {
  const row = (name: string, ms: number) => `| ${name} | ${ms.toFixed(1)} | ${(ms / r.nodeMs).toFixed(2)}× |`;
  return [
    `cold start of the built CLI, median of ${r.runs} runs (after one warm-up run each)`,
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
