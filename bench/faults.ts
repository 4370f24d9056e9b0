/**
 * Reliability under AWS faults: create + re-run + delete --force of a cluster through the fault
 * proxy (test/helpers/fault-proxy.ts) in front of the emulator, once per seed, and a table of how
 * each run ended. Figures only, never asserted; test/integration/faults.int.test.ts asserts on a
 * few seeds.
 *
 *   npx tsx bench/faults.ts [runs] [rate] [--sdk-retries off] [--max-reruns N] [--only faulty|clean]
 *   (default: 12 runs at 0.2, private-eks's own SDK retry settings, at most 2 re-runs)
 *
 * With `--sdk-retries off` (AWS_MAX_ATTEMPTS=1) every fault reaches private-eks, so runs stop
 * half-way and resume is what gets them done: the table then counts the re-runs it took.
 *
 * Each seed runs examples/minimal.yaml (2 nodegroups) with faults on during the re-run, every
 * fourth seed runs a config with four nodegroups and a Fargate profile instead, and each seed is
 * run again with a clean re-run (faults off) for the second table.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_FAULT_KINDS } from '../test/helpers/fault-proxy.js';
import { runUnderFaults, writeSeveralNodegroupsConfig, type FaultRunResult } from '../test/helpers/fault-runs.js';
import { startMoto } from '../test/helpers/moto.js';
import { repoRoot } from '../test/helpers/python-tools.js';

const args = process.argv.slice(2);
function flag(name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}
const sdkRetries = flag('--sdk-retries') === 'off' ? 'off' : 'on';
const maxReruns = Number(flag('--max-reruns') ?? 2);
const only = flag('--only');
const runs = Number(args[0] ?? 12);
const rate = Number(args[1] ?? 0.2);
const SLOW_MS = 300;

let unhandled = 0;
process.on('unhandledRejection', (reason) => {
  unhandled += 1;
  console.error('UNHANDLED REJECTION', reason);
});

const moto = await startMoto();
Object.assign(process.env, moto.env);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-bench-faults-'));
const minimal = { file: path.join(repoRoot, 'examples/minimal.yaml'), cluster: 'private-cluster', label: 'minimal' };
const several = { file: writeSeveralNodegroupsConfig(dir), cluster: 'faults-many', label: '4 ng + fargate' };

function row(r: FaultRunResult, label: string): string {
  const left = Object.entries(r.leftovers)
    .map(([k, v]) => `${k}:${v.length}`)
    .join(' ');
  const faults = Object.values(r.faults).reduce((a, b) => a + b, 0);
  return [
    String(r.seed).padStart(4),
    label.padEnd(15),
    `${r.requests}`.padStart(5),
    `${faults}`.padStart(6),
    r.createCodes.join(',').padEnd(8),
    r.deleteCodes.join(',').padEnd(8),
    (left || '0').padEnd(12),
    r.badOutput.length === 0 ? 'ok' : `BAD ${r.badOutput.length}`,
  ].join('  ');
}

async function table(rerunRate: number): Promise<FaultRunResult[]> {
  console.log(
    `\nrate ${rate}, faults ${ALL_FAULT_KINDS.join('/')}, slow ${SLOW_MS} ms, SDK retries ${sdkRetries === 'off' ? 'OFF (AWS_MAX_ATTEMPTS=1)' : 'on'}; ` +
      `re-runs (at most ${maxReruns}) and later deletes with ${rerunRate === 0 ? 'faults OFF' : `faults at ${rerunRate}`}`,
  );
  console.log('seed  config            reqs  faults  create    delete    leftovers     output');
  const results: FaultRunResult[] = [];
  for (let seed = 1; seed <= runs; seed += 1) {
    const which = seed % 4 === 0 ? several : minimal;
    const started = performance.now();
    const r = await runUnderFaults({
      moto,
      configFile: which.file,
      cluster: which.cluster,
      seed,
      rate,
      rerunRate,
      slowMs: SLOW_MS,
      sdkRetries,
      maxReruns,
      maxDeletes: maxReruns + 1,
    });
    results.push(r);
    console.log(`${row(r, which.label)}  ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const bad of r.badOutput) console.log(`      ${bad.split('\n').slice(0, 12).join('\n      ')}`);
    for (const line of new Set(r.failureLines)) console.log(`      ${line.trim().slice(0, 220)}`);
  }
  const firstTime = results.filter((r) => r.createCodes[0] === 0).length;
  const afterOne = results.filter((r) => r.createCodes.slice(0, 2).includes(0)).length;
  const clean = results.filter((r) => Object.keys(r.leftovers).length === 0).length;
  const oneDelete = results.filter((r) => r.deleteCodes[0] === 0).length;
  const bad = results.filter((r) => r.badOutput.length > 0).length;
  const finished = results.filter((r) => r.createCodes.at(-1) === 0 && r.deleteCodes.at(-1) === 0).length;
  const createReruns = results.reduce((n, r) => n + r.createCodes.length - 1, 0);
  const deleteReruns = results.reduce((n, r) => n + r.deleteCodes.length - 1, 0);
  console.log(
    `runs ${results.length}: created first time ${firstTime}, after at most one re-run ${afterOne}; ` +
      `deleted by the first --force ${oneDelete}; zero leftovers ${clean}; runs with bad output ${bad}`,
  );
  console.log(
    `finished (create and delete exit 0) ${finished} of ${results.length}; create re-runs ${createReruns}, ` +
      `delete re-runs ${deleteReruns}; most create re-runs in one run ${Math.max(0, ...results.map((r) => r.createCodes.length - 1))}`,
  );
  return results;
}

try {
  if (only !== 'clean') await table(rate);
  if (only !== 'faulty') await table(0);
  console.log(`unhandled rejections: ${unhandled}`);
} finally {
  await moto.stop();
}
