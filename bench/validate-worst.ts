/**
 * The worst files `validate` can be given: for each shape, a file filled up to the size limit the
 * config reader accepts (or to its value limit, whichever comes first), run through the built CLI
 * as a user would (`validate -f FILE`, text output). For each: the file's size, CPU time (user +
 * system), peak RSS, and the bytes printed. Figures only, never asserted.
 *
 * Shapes: tens of thousands of problems of one kind each (unknown fields, bad tags, duplicate
 * service accounts, bad access entries, invalid labels and taints, nodegroups with several errors
 * each), and the largest valid files (thousands of nodegroups, Fargate profiles, flow style).
 *
 *   npm run build && npx tsx bench/validate-worst.ts   (also part of `npm run bench`)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CONFIG_BYTES } from '../src/config/text.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// PRIVATE_EKS_CLI: another build to compare (the packed CLI, or main before a change).
const cli = process.env['PRIVATE_EKS_CLI'] ?? path.join(root, 'bin/private-eks.js');

const HEADER = [
  'apiVersion: eksctl.io/v1alpha5',
  'kind: ClusterConfig',
  'metadata:',
  '  name: c1',
  '  region: us-west-2',
  'privateCluster:',
  '  enabled: true',
  '',
].join('\n');

interface Shape {
  readonly name: string;
  /** Text before the repeated units (after the header). */
  readonly head: string;
  /** The whole text before the units, when they belong inside the header. */
  readonly header?: string;
  /** The i-th repeated unit. */
  unit(i: number): string;
  /** Text after the units. */
  readonly tail?: string;
  /** At most this many units (a value limit of the reader, or a count that is enough). */
  readonly maxUnits?: number;
}

const SHAPES: readonly Shape[] = [
  { name: 'unknown fields', head: 'vpc:\n', unit: (i) => `  field${i}: ${i}\n` },
  {
    name: 'tags with the reserved aws: prefix',
    head: '',
    header: [
      'apiVersion: eksctl.io/v1alpha5',
      'kind: ClusterConfig',
      'privateCluster:',
      '  enabled: true',
      'metadata:',
      '  name: c1',
      '  region: us-west-2',
      '  tags:',
      '',
    ].join('\n'),
    unit: (i) => `    aws:k${i}: v\n`,
  },
  {
    name: 'duplicate service accounts',
    head: 'iam:\n  withOIDC: true\n  serviceAccounts:\n',
    unit: () => '    - metadata: {name: s, namespace: default}\n',
  },
  {
    name: 'access entries of an unknown type',
    head: 'accessConfig:\n  authenticationMode: API\n  accessEntries:\n',
    unit: () => '    - principalARN: arn:aws:iam::123456789012:role/r\n      type: BOGUS\n',
  },
  {
    name: 'invalid labels',
    head: 'managedNodeGroups:\n  - name: m\n    privateNetworking: true\n    labels:\n',
    unit: (i) => `      'k${i}/x_': '-a b-'\n`,
  },
  {
    name: 'taints with an unknown effect',
    head: 'managedNodeGroups:\n  - name: m\n    privateNetworking: true\n    taints:\n',
    unit: (i) => `      - {key: k${i}, effect: Bogus}\n`,
  },
  {
    name: 'nodegroups with 5 errors each',
    head: 'managedNodeGroups:\n',
    unit: (i) =>
      `  - name: ng_${i}\n    instanceType: m5.bogus\n    desiredCapacity: -1\n    volumeType: bogus\n    labels: {'kubernetes.io/x': 'a b'}\n`,
  },
  {
    name: 'valid managed nodegroups',
    head: 'managedNodeGroups:\n',
    unit: (i) => `  - name: ng${i}\n    privateNetworking: true\n`,
  },
  {
    name: 'valid nodegroups, flow style',
    head: 'nodeGroups: [',
    unit: (i) => `${i === 0 ? '' : ','}{name: n${i}, privateNetworking: true}`,
    tail: ']\n',
  },
  {
    name: 'Fargate profiles',
    head: 'fargateProfiles:\n',
    unit: (i) => `  - name: f${i}\n    selectors: [{namespace: n${i}}]\n`,
  },
];

/** The shape filled with units up to the size limit. */
function fill(shape: Shape): { text: string; units: number } {
  const head = (shape.header ?? HEADER) + shape.head;
  const tail = shape.tail ?? '';
  const parts: string[] = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  let units = 0;
  for (;;) {
    if (shape.maxUnits !== undefined && units >= shape.maxUnits) break;
    const unit = shape.unit(units);
    const bytes = Buffer.byteLength(unit);
    if (size + bytes > MAX_CONFIG_BYTES) break;
    parts.push(unit);
    size += bytes;
    units++;
  }
  parts.push(tail);
  return { text: parts.join(''), units };
}

export interface WorstCaseRow {
  readonly shape: string;
  readonly units: number;
  readonly fileBytes: number;
  readonly exit: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly printedBytes: number;
  readonly summary: string;
}

/**
 * The CLI runs under a preload that writes its own resource usage at exit, so the figures are the
 * command's alone (not the shell's or this process's).
 */
const USAGE_PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    "import fs from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); fs.writeFileSync(process.env.PRIVATE_EKS_BENCH_USAGE, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS })); });",
  );

export function measureWorstCases(): WorstCaseRow[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'private-eks-worst-'));
  try {
    return SHAPES.map((shape) => {
      const { text, units } = fill(shape);
      const file = path.join(dir, 'cluster.yaml');
      const usageFile = path.join(dir, 'usage.json');
      writeFileSync(file, text);
      const result = spawnSync(process.execPath, ['--import', USAGE_PRELOAD, cli, 'validate', '-f', file], {
        env: { ...process.env, CI: 'true', PRIVATE_EKS_BENCH_USAGE: usageFile },
        maxBuffer: 1 << 30,
      });
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssKb: number };
      const printed = result.stdout.length + result.stderr.length;
      const lastLine = result.stderr.toString().trimEnd().split('\n').at(-1) ?? '';
      return {
        shape: shape.name,
        units,
        fileBytes: Buffer.byteLength(text),
        exit: result.status ?? -1,
        cpuMs: usage.cpuMs,
        peakRssMb: usage.maxRssKb / 1024,
        printedBytes: printed,
        summary: lastLine.replace(file, 'FILE').slice(0, 70),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatWorstCases(rows: readonly WorstCaseRow[]): string {
  const worst = rows.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
  return [
    `validate of the worst files (built CLI; each filled up to the ${MAX_CONFIG_BYTES}-byte size limit or the reader's value limit)`,
    '| shape | units | file KB | exit | CPU ms | peak RSS MB | printed KB | last line |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.shape} | ${r.units} | ${(r.fileBytes / 1024).toFixed(0)} | ${r.exit} | ${r.cpuMs.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${(r.printedBytes / 1024).toFixed(1)} | ${r.summary} |`,
    ),
    `worst: ${worst.shape}, ${worst.cpuMs.toFixed(0)} ms CPU; largest RSS ${Math.max(...rows.map((r) => r.peakRssMb)).toFixed(0)} MB; most printed ${(Math.max(...rows.map((r) => r.printedBytes)) / 1024).toFixed(1)} KB`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  console.log(formatWorstCases(measureWorstCases()));
}
