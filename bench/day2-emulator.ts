/**
 * Day 2 against the moto emulator: wall time and AWS API calls (the client call counter) of
 * `update cluster --approve` (the edited example: an endpoint service, logging, nodegroup m1
 * 2 → 5, a new nodegroup), `upgrade cluster --approve` (1.33 → 1.34: control plane, add-ons,
 * three nodegroups) and `scale nodegroup` (one managed, one self-managed), each on a cluster
 * created from examples/minimal.yaml at 1.33. Also the read-only part, `plan` of an existing
 * cluster (the diff through change sets). Figures only, never asserted.
 *
 *   npx tsx bench/day2-emulator.ts [--runs N]
 *
 * The emulator answers at once (stacks and EKS updates complete on the first poll), so these
 * figures measure private-eks's own work and call count, not AWS's time to apply the changes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { createAwsClients, type BuiltAwsClients } from '../src/aws/clients.js';
import { loadConfig, type ResolvedConfig } from '../src/config/index.js';
import {
  createCluster,
  diffCluster,
  planExistingCluster,
  scaleNodegroup,
  systemClock,
  updateCluster,
  upgradeCluster,
} from '../src/deploy/index.js';
import { buildPlan, createLiveFacts } from '../src/plan/index.js';
import { renderTemplates } from '../src/templates/index.js';
import { startMoto } from '../test/helpers/moto.js';
import { repoRoot } from '../test/helpers/python-tools.js';

type Operation = 'plan (diff)' | 'update cluster' | 'upgrade cluster' | 'scale nodegroup ×2';

interface Measured {
  readonly ms: number;
  readonly calls: number;
  readonly byAction: Record<string, number>;
}

function configs(): { original: ResolvedConfig; edited: ResolvedConfig } {
  const doc = parseDocument(readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'));
  doc.setIn(['metadata', 'version'], '1.33');
  const original = doc.toString();
  doc.setIn(['metadata', 'version'], '1.34');
  doc.setIn(['privateCluster', 'additionalEndpointServices'], doc.createNode(['autoscaling']));
  doc.setIn(['cloudWatch', 'clusterLogging', 'enableTypes'], doc.createNode(['api', 'audit']));
  doc.setIn(['managedNodeGroups', 0, 'desiredCapacity'], 5);
  (doc.get('managedNodeGroups') as { add(v: unknown): void }).add(
    doc.createNode({ name: 'm2', instanceType: 'm5.large', desiredCapacity: 1, privateNetworking: true }),
  );
  const load = (text: string): ResolvedConfig => {
    const loaded = loadConfig({ text, file: 'bench.yaml', env: process.env });
    if (loaded.config === undefined) throw new Error(JSON.stringify(loaded.problems, null, 2));
    return loaded.config;
  };
  return { original: load(original), edited: load(doc.toString()) };
}

async function measure(clients: BuiltAwsClients, body: () => Promise<void>): Promise<Measured> {
  const before = clients.calls.snapshot();
  const started = performance.now();
  await body();
  const ms = performance.now() - started;
  const after = clients.calls.snapshot();
  const byAction: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.byAction)) {
    const d = v - (before.byAction[k] ?? 0);
    if (d > 0) byAction[k] = d;
  }
  return { ms, calls: after.calls - before.calls, byAction };
}

async function once(): Promise<Record<Operation, Measured>> {
  const clients = await createAwsClients({ region: 'us-west-2', env: process.env });
  const deps = { clients, kubeconfigPath: false as const };
  try {
    const { original, edited } = configs();
    const { plan } = await buildPlan(original, createLiveFacts(clients));
    if (plan === undefined) throw new Error('no plan');
    const created = await createCluster({ plan, templates: renderTemplates(plan) }, deps);
    if (created.outcome !== 'created') throw new Error(`create ${created.outcome}`);
    const existingPlan = async () => {
      const { existing } = await planExistingCluster(edited, createLiveFacts(clients), clients);
      if (existing === undefined) throw new Error('no cluster');
      return existing;
    };
    const diff = await measure(clients, async () => {
      await diffCluster(await existingPlan(), {
        clients,
        cfn: clients.cloudFormation,
        events: () => {},
        clock: systemClock,
      });
    });
    const update = await measure(clients, async () => {
      const result = await updateCluster({ existing: await existingPlan(), approve: true }, deps);
      if (result.outcome !== 'updated') throw new Error(`update ${result.outcome}`);
    });
    const upgrade = await measure(clients, async () => {
      const result = await upgradeCluster({ config: edited, facts: createLiveFacts(clients), approve: true }, deps);
      if (result.outcome !== 'upgraded') throw new Error(`upgrade ${result.outcome}`);
    });
    const scale = await measure(clients, async () => {
      await scaleNodegroup({ cluster: edited.metadata.name, name: 'm1', desired: 3, min: 1 }, deps);
      await scaleNodegroup({ cluster: edited.metadata.name, name: 'ng1', desired: 3, max: 4 }, deps);
    });
    return { 'plan (diff)': diff, 'update cluster': update, 'upgrade cluster': upgrade, 'scale nodegroup ×2': scale };
  } finally {
    clients.destroy();
  }
}

export interface Day2Figures {
  readonly operation: Operation;
  readonly runs: number;
  readonly medianMs: number;
  readonly calls: number;
  readonly byAction: Record<string, number>;
}

export async function measureDay2Emulator(runs = 3): Promise<Day2Figures[]> {
  const moto = await startMoto();
  const saved = Object.fromEntries(Object.keys(moto.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, moto.env);
  try {
    const all: Record<Operation, Measured>[] = [];
    for (let i = 0; i < runs; i += 1) {
      await moto.reset();
      all.push(await once());
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const ops = Object.keys(all[0] ?? {}) as Operation[];
    return ops.map((operation) => ({
      operation,
      runs,
      medianMs: median(all.map((r) => r[operation].ms)),
      calls: all.at(-1)?.[operation].calls ?? 0,
      byAction: all.at(-1)?.[operation].byAction ?? {},
    }));
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await moto.stop();
  }
}

export function formatDay2Emulator(figures: readonly Day2Figures[]): string {
  return [
    `day 2 against the emulator (moto; stacks and EKS updates complete at once), median of ${figures[0]?.runs ?? 0} runs, examples/minimal.yaml at 1.33 edited as in test/integration/day2.int.test.ts`,
    '| operation | wall s | AWS calls |',
    '|---|---|---|',
    ...figures.map((f) => `| ${f.operation} | ${(f.medianMs / 1000).toFixed(2)} | ${f.calls} |`),
    '',
    ...figures.map((f) => `calls by action, ${f.operation}: ${JSON.stringify(f.byAction)}`),
  ].join('\n');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
  console.log(formatDay2Emulator(await measureDay2Emulator(runs)));
}
