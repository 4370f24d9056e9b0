/**
 * Create + delete against the moto emulator: wall time and AWS API calls (the client call counter),
 * for examples/minimal.yaml and for the same cluster with 50 nodegroups. Figures only, never
 * asserted (targets from the deploy task: minimal < 10 s and < 150 calls).
 *
 *   npx tsx bench/deploy-emulator.ts [--runs N]
 *
 * The emulator answers at once (stacks complete on the first poll), so these figures measure
 * private-eks's own work and call count, not AWS's provisioning time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { createAwsClients } from '../src/aws/clients.js';
import { loadConfig } from '../src/config/index.js';
import { createCluster, deleteCluster } from '../src/deploy/index.js';
import { buildPlan, createLiveFacts } from '../src/plan/index.js';
import { renderTemplates } from '../src/templates/index.js';
import { startMoto } from '../test/helpers/moto.js';
import { repoRoot } from '../test/helpers/python-tools.js';

interface Figures {
  /** Create runs needed: more than 1 when the emulator failed a request and the re-run resumed. */
  readonly attempts: number;
  readonly createMs: number;
  readonly deleteMs: number;
  readonly createCalls: number;
  readonly deleteCalls: number;
  readonly byAction: Record<string, number>;
}

function withNodegroups(count: number): string {
  const doc = parseDocument(readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'));
  const half = Math.floor(count / 2);
  doc.set(
    'nodeGroups',
    doc.createNode(Array.from({ length: count - half }, (_, i) => ({ name: `ng${i + 1}`, privateNetworking: true }))),
  );
  doc.set(
    'managedNodeGroups',
    doc.createNode(Array.from({ length: half }, (_, i) => ({ name: `m${i + 1}`, privateNetworking: true }))),
  );
  return doc.toString();
}

async function run(text: string, file: string): Promise<Figures> {
  const clients = await createAwsClients({ region: 'us-west-2', env: process.env });
  try {
    const loaded = loadConfig({ text, file, env: process.env });
    if (loaded.config === undefined) throw new Error(JSON.stringify(loaded.problems, null, 2));
    const started = performance.now();
    const { plan, problems } = await buildPlan(loaded.config, createLiveFacts(clients));
    if (plan === undefined) throw new Error(JSON.stringify(problems, null, 2));
    // moto's server is not thread-safe: parallel CreateStack calls sometimes fail inside it (an
    // HTML 500). A user would re-run, which resumes; so does the benchmark, and it says so.
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const created = await createCluster(
        { plan, templates: renderTemplates(plan) },
        { clients, kubeconfigPath: false },
      );
      if (created.outcome === 'created') break;
      if (attempts >= 3) throw new Error(`create ${created.outcome}: ${JSON.stringify(created, null, 2)}`);
    }
    const createMs = performance.now() - started;
    const afterCreate = clients.calls.snapshot();
    const deleteStarted = performance.now();
    const deleted = await deleteCluster(
      { cluster: plan.cluster.metadata.name, region: 'us-west-2' },
      { clients, force: false, wait: true, kubeconfigPath: false, reachable: () => Promise.resolve(false) },
    );
    if (deleted.outcome !== 'deleted')
      throw new Error(`delete ${deleted.outcome}: ${JSON.stringify(deleted, null, 2)}`);
    const deleteMs = performance.now() - deleteStarted;
    const total = clients.calls.snapshot();
    return {
      attempts,
      createMs,
      deleteMs,
      createCalls: afterCreate.calls,
      deleteCalls: total.calls - afterCreate.calls,
      byAction: total.byAction,
    };
  } finally {
    clients.destroy();
  }
}

export interface DeployCaseFigures {
  readonly label: string;
  readonly runs: number;
  readonly createMs: number;
  readonly deleteMs: number;
  readonly createCalls: number;
  readonly deleteCalls: number;
  /** Create runs per measured run (1 = the emulator failed no request). */
  readonly attempts: readonly number[];
  readonly byAction: Record<string, number>;
}

/**
 * Starts an emulator, measures create + delete `runs` times per case (the minimal example, and the
 * same cluster with 50 nodegroups), stops it. Sets the emulator's environment on process.env while
 * it runs (createAwsClients reads it) and restores it afterwards.
 */
export async function measureDeployEmulator(runs = 3): Promise<DeployCaseFigures[]> {
  const moto = await startMoto();
  const saved = Object.fromEntries(Object.keys(moto.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, moto.env);
  try {
    const minimalFile = path.join(repoRoot, 'examples/minimal.yaml');
    const cases: [string, string, string][] = [
      ['examples/minimal.yaml (2 nodegroups)', readFileSync(minimalFile, 'utf8'), minimalFile],
      ['minimal + 50 nodegroups (25 self-managed, 25 managed)', withNodegroups(50), 'fifty.yaml'],
    ];
    const out: DeployCaseFigures[] = [];
    for (const [label, text, file] of cases) {
      const all: Figures[] = [];
      for (let i = 0; i < runs; i += 1) {
        await moto.reset();
        all.push(await run(text, file));
      }
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
      // Call counts from a run without an emulator failure (a resumed run makes extra calls).
      const f = all.find((x) => x.attempts === 1) ?? all.at(-1);
      if (f === undefined) continue;
      out.push({
        label,
        runs,
        createMs: median(all.map((x) => x.createMs)),
        deleteMs: median(all.map((x) => x.deleteMs)),
        createCalls: f.createCalls,
        deleteCalls: f.deleteCalls,
        attempts: all.map((x) => x.attempts),
        byAction: f.byAction,
      });
    }
    return out;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await moto.stop();
  }
}

export function formatDeployEmulator(figures: readonly DeployCaseFigures[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const lines = [
    `create + delete against the emulator (moto; stacks complete at once), median of ${figures[0]?.runs ?? 0} runs; target for minimal: < 10 s, < 150 calls`,
    '| config | create s | create calls | delete s | delete calls | create + delete s | calls | create attempts per run |',
    '|---|---|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.label} | ${s(f.createMs)} | ${f.createCalls} | ${s(f.deleteMs)} | ${f.deleteCalls} | ` +
        `${s(f.createMs + f.deleteMs)} | ${f.createCalls + f.deleteCalls} | ${f.attempts.join(', ')} |`,
    ),
    '',
    ...figures.map((f) => `calls by action, ${f.label}: ${JSON.stringify(f.byAction)}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
  console.log(formatDeployEmulator(await measureDeployEmulator(runs)));
}
