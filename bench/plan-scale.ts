/**
 * Plan at scale: `private-eks plan --offline -o json` through the built CLI (a child process, as a
 * user runs it) for a generated config with N nodegroups (half self-managed, half managed) in Z
 * zones with every endpoint service and control-plane logging. Prints the median wall time and the
 * peak RSS of the child (its own `process.resourceUsage().maxRSS`, reported on exit by a preloaded
 * module), and the size of the JSON it printed. Figures only: nothing is asserted.
 *
 * Run: `npm run build && npx tsx bench/plan-scale.ts` for the matrix (10, 50, 200 nodegroups × 3
 * and 6 zones), or `… bench/plan-scale.ts NODEGROUPS ZONES [RUNS]` for one cell.
 * Targets (planning brief): 200 nodegroups, 6 zones, every service: < 2 s, < 200 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG_ADDITIONAL_ENDPOINT_SERVICES, offlineZoneNames } from '../src/plan/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/private-eks.js');

/** us-east-1 is the one region whose catalog lists six zones (a..f). */
const REGION = 'us-east-1';

export function scaleConfig(nodeGroups: number, zoneCount: number): string {
  const zones = offlineZoneNames(REGION).slice(0, zoneCount);
  if (zones.length < zoneCount) throw new Error(`${REGION} has only ${zones.length} zones in the catalog`);
  const group = (i: number): string =>
    [
      `  - name: ng-${String(i).padStart(3, '0')}`,
      `    instanceType: m5.large`,
      `    desiredCapacity: 2`,
      `    labels: { team: team-${i % 10}, tier: t${i % 3} }`,
      `    tags: { cost-center: cc-${i % 7} }`,
      `    privateNetworking: true`,
    ].join('\n');
  const selfManaged = Array.from({ length: Math.ceil(nodeGroups / 2) }, (_, i) => group(i));
  const managed = Array.from({ length: Math.floor(nodeGroups / 2) }, (_, i) => group(i + selfManaged.length));
  return [
    'apiVersion: eksctl.io/v1alpha5',
    'kind: ClusterConfig',
    'metadata:',
    '  name: scale-cluster',
    `  region: ${REGION}`,
    `availabilityZones: [${zones.join(', ')}]`,
    'privateCluster:',
    '  enabled: true',
    `  additionalEndpointServices: [${CATALOG_ADDITIONAL_ENDPOINT_SERVICES.join(', ')}]`,
    'cloudWatch:',
    '  clusterLogging:',
    '    enableTypes: ["*"]',
    ...(selfManaged.length > 0 ? ['nodeGroups:', ...selfManaged] : []),
    ...(managed.length > 0 ? ['managedNodeGroups:', ...managed] : []),
    '',
  ].join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ScaleResult {
  readonly nodeGroups: number;
  readonly zones: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly peakRssMb: number;
  readonly outputMb: number;
  readonly stacks: number;
  readonly endpoints: number;
}

export function measurePlanScale(nodeGroups = 200, zones = 6, runs = 7): ScaleResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'private-eks-plan-scale-'));
  const config = path.join(dir, 'cluster.yaml');
  writeFileSync(config, scaleConfig(nodeGroups, zones));
  // Preloaded into the child: report its own peak RSS (kB) on stderr when it exits.
  const rss = path.join(dir, 'rss.mjs');
  writeFileSync(
    rss,
    "process.on('exit', () => process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`));\n",
  );

  const once = (): { ms: number; rssKb: number; stdout: string } => {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--import', rss, cli, 'plan', '-f', config, '--offline', '-o', 'json'], {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
      env: { PATH: process.env['PATH'] ?? '', CI: 'true' },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status !== 0)
      throw new Error(`plan exited ${String(child.status)}:\n${child.stderr}\n${child.stdout.slice(0, 4000)}`);
    const match = /maxRSS=(\d+)/.exec(child.stderr);
    if (match === null) throw new Error(`no maxRSS in the child's stderr:\n${child.stderr}`);
    return { ms, rssKb: Number(match[1]), stdout: child.stdout };
  };

  const warm = once();
  const samples = Array.from({ length: runs }, once);
  const doc = JSON.parse(warm.stdout) as { stacks: unknown[]; endpoints: unknown[] };
  return {
    nodeGroups,
    zones,
    runs,
    medianMs: median(samples.map((s) => s.ms)),
    peakRssMb: Math.max(...samples.map((s) => s.rssKb)) / 1024,
    outputMb: Buffer.byteLength(warm.stdout) / (1024 * 1024),
    stacks: doc.stacks.length,
    endpoints: doc.endpoints.length,
  };
}

export function formatPlanScale(r: ScaleResult): string {
  return [
    `plan --offline -o json: ${r.nodeGroups} nodegroups, ${r.zones} zones, ${r.endpoints} endpoints, ${r.stacks} stacks`,
    `  median wall time ${r.medianMs.toFixed(0)} ms over ${r.runs} runs (target < 2000 ms)`,
    `  peak RSS ${r.peakRssMb.toFixed(1)} MB (target < 200 MB)`,
    `  output ${r.outputMb.toFixed(1)} MB of JSON`,
  ].join('\n');
}

export const MATRIX_NODEGROUPS = [10, 50, 200] as const;
export const MATRIX_ZONES = [3, 6] as const;

export function measurePlanScaleMatrix(runs = 5): ScaleResult[] {
  return MATRIX_ZONES.flatMap((zones) => MATRIX_NODEGROUPS.map((n) => measurePlanScale(n, zones, runs)));
}

export function formatPlanScaleMatrix(results: readonly ScaleResult[]): string {
  const runs = results[0]?.runs ?? 0;
  return [
    `plan --offline -o json (built CLI, child process), every endpoint service, median of ${runs} runs; targets: 200 nodegroups × 6 zones < 2000 ms, < 200 MB`,
    '| nodegroups | zones | endpoints | stacks | wall ms | peak RSS MB | JSON MB |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.nodeGroups} | ${r.zones} | ${r.endpoints} | ${r.stacks} | ${r.medianMs.toFixed(0)} | ${r.peakRssMb.toFixed(1)} | ${r.outputMb.toFixed(1)} |`,
    ),
  ].join('\n');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [nodeGroups, zones, runs] = process.argv.slice(2).map(Number);
  if (nodeGroups === undefined) console.log(formatPlanScaleMatrix(measurePlanScaleMatrix()));
  else console.log(formatPlanScale(measurePlanScale(nodeGroups || 200, zones || 6, runs || 7)));
}
