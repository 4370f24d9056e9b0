/**
 * `npm run bench`: every benchmark, one table each, after the machine they ran on. Figures only —
 * nothing is asserted, and nothing here runs in `npm test`.
 *
 *   1. cold start: validate / plan --offline of examples/minimal.yaml vs `node -e 0` (cold-start.ts),
 *      and a live command's start-up: `get cluster` on the emulator, start to first AWS request and
 *      to exit (start-up.ts)
 *   2. scale: plan --offline, 10/50/200 nodegroups × 3/6 zones, wall time and peak RSS (plan-scale.ts);
 *      validate of the worst files at the reader's limits: CPU, peak RSS, bytes printed (validate-worst.ts)
 *   3. emulator: create + delete, minimal and 50 nodegroups, wall time and AWS calls (deploy-emulator.ts)
 *   4. critical path of create vs eksctl's order, under dated AWS durations (critical-path.ts)
 *   5. day 2 on the emulator: plan (diff), update, upgrade, scale — wall time and AWS calls (day2-emulator.ts)
 *
 * 1 and 2 run the built CLI (dist/), so it is rebuilt first when missing or older than src/.
 *   npm run bench [-- --only cold-start,start-up,scale,worst,emulator,critical-path,day2] [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../test/helpers/python-tools.js';
import { formatColdStart, measureColdStart } from './cold-start.js';
import { criticalPathCases, formatCriticalPaths } from './critical-path.js';
import { formatDay2Emulator, measureDay2Emulator } from './day2-emulator.js';
import { formatDeployEmulator, measureDeployEmulator } from './deploy-emulator.js';
import { formatPlanScaleMatrix, measurePlanScaleMatrix } from './plan-scale.js';
import { formatStartUp, measureStartUp } from './start-up.js';
import { formatWorstCases, measureWorstCases } from './validate-worst.js';

const BENCHMARKS = ['cold-start', 'start-up', 'scale', 'worst', 'emulator', 'critical-path', 'day2'] as const;

const { values: args } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string' } } });
const only = new Set(args.only?.split(',') ?? BENCHMARKS);
const runs = args.runs !== undefined ? Number(args.runs) : undefined;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuilds dist/ when its CLI bundle is missing or older than any file under src/. */
function ensureBuilt(): void {
  const bundle = path.join(repoRoot, 'dist/cli/live.cjs');
  let builtAt = 0;
  try {
    builtAt = statSync(bundle).mtimeMs;
  } catch {
    // missing: build
  }
  const srcAt = newestMtime(path.join(repoRoot, 'src'));
  if (builtAt >= srcAt) {
    console.log(`dist/ is current (built ${new Date(builtAt).toISOString()})\n`);
    return;
  }
  console.log(builtAt === 0 ? 'dist/ is missing: npm run build' : 'dist/ is older than src/: npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${String(result.status)})`);
  console.log('');
}

function machine(): string {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((c) => c.model.trim()))].join(', ');
  return [
    'machine',
    `| cpu | ${models} × ${cpus.length} |`,
    `| memory | ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB total, ${(os.freemem() / 1024 ** 3).toFixed(1)} GiB free |`,
    `| os | ${os.type()} ${os.release()} ${os.arch()} |`,
    `| node | ${process.version} |`,
    `| load average | ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} |`,
    `| date | ${new Date().toISOString()} |`,
  ].join('\n');
}

async function main(): Promise<void> {
  console.log(`${machine()}\n`);
  if (only.has('cold-start') || only.has('start-up') || only.has('scale') || only.has('worst')) ensureBuilt();
  const section = async (name: (typeof BENCHMARKS)[number], body: () => Promise<string> | string) => {
    if (!only.has(name)) return;
    const started = performance.now();
    const table = await body();
    console.log(`## ${name} (${((performance.now() - started) / 1000).toFixed(0)} s)\n${table}\n`);
  };
  await section('cold-start', () => formatColdStart(measureColdStart(Math.max(runs ?? 15, 10))));
  await section('start-up', async () => formatStartUp(await measureStartUp(Math.max(runs ?? 10, 5))));
  await section('scale', () => formatPlanScaleMatrix(measurePlanScaleMatrix(runs ?? 5)));
  await section('worst', () => formatWorstCases(measureWorstCases()));
  await section('emulator', async () => formatDeployEmulator(await measureDeployEmulator(runs ?? 3)));
  await section('critical-path', async () => formatCriticalPaths(await criticalPathCases()));
  await section('day2', async () => formatDay2Emulator(await measureDay2Emulator(runs ?? 3)));
}

await main();
