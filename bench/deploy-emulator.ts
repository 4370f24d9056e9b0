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

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
const moto = await startMoto();
Object.assign(process.env, moto.env);
try {
  const minimalFile = path.join(repoRoot, 'examples/minimal.yaml');
  const cases: [string, string, string][] = [
    ['examples/minimal.yaml (2 nodegroups)', readFileSync(minimalFile, 'utf8'), minimalFile],
    ['minimal + 50 nodegroups (25 self-managed, 25 managed)', withNodegroups(50), 'fifty.yaml'],
  ];
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
    console.log(`\n${label}, ${runs} run(s), median:`);
    console.log(
      `  create (plan with live facts + stacks): ${(median(all.map((x) => x.createMs)) / 1000).toFixed(2)} s, ${f.createCalls} AWS calls`,
    );
    console.log(
      `  delete:                                 ${(median(all.map((x) => x.deleteMs)) / 1000).toFixed(2)} s, ${f.deleteCalls} AWS calls`,
    );
    console.log(
      `  create + delete:                        ${(median(all.map((x) => x.createMs + x.deleteMs)) / 1000).toFixed(2)} s, ${f.createCalls + f.deleteCalls} AWS calls`,
    );
    console.log(`  create attempts per run (1 = no emulator failure): ${all.map((x) => x.attempts).join(', ')}`);
    console.log(`  calls by action: ${JSON.stringify(f.byAction)}`);
  }
} finally {
  await moto.stop();
}
