/**
 * Start-up of a live command: how long the built CLI takes from process start to its first AWS
 * request, and to its exit, for `get cluster` against the moto emulator — next to `node -e 0` on
 * the same machine, medians of N runs. Figures only, never asserted.
 *
 * The CLI's AWS_ENDPOINT_URL points at a recorder on 127.0.0.1 that notes when each run's first
 * request arrives and forwards every request to moto unchanged (moto routes by the signature, not
 * by the Host header), so the command does its whole real work: `get cluster` lists the stacks
 * (one DescribeStacks on an empty emulator) and prints an empty table.
 *
 *   npm run build && npx tsx bench/start-up.ts [runs]   (also part of `npm run bench`)
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMoto } from '../test/helpers/moto.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/private-eks.js');

export interface StartUpResult {
  readonly runs: number;
  readonly nodeMs: number;
  /** Process start to the first AWS request's arrival at the recorder. */
  readonly firstCallMs: number;
  /** Process start to exit. */
  readonly wallMs: number;
  /** The first request's action (X-Amz-Target or Action=), to show what "first call" was. */
  readonly firstAction: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Forwards requests to `target`, recording the arrival time and action of the first since reset(). */
async function startRecorder(target: URL): Promise<{
  url: string;
  reset(): void;
  first(): { at: number; action: string } | undefined;
  close(): Promise<void>;
}> {
  let first: { at: number; action: string } | undefined;
  const server = http.createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (first === undefined) {
        const target = req.headers['x-amz-target'];
        const action = typeof target === 'string' ? target : (/Action=([^&]+)/.exec(body.toString())?.[1] ?? req.url);
        first = { at, action: action ?? '?' };
      }
      const forward = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reset: () => {
      first = undefined;
    },
    first: () => first,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs a process to its end (asynchronously: the recorder lives in this process); start and exit times. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ start: number; end: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const end = performance.now();
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${String(code)}: ${stderr}`));
      else resolve({ start, end });
    });
  });
}

export async function measureStartUp(runs = 10): Promise<StartUpResult> {
  const moto = await startMoto();
  const recorder = await startRecorder(new URL(moto.endpoint));
  try {
    const env = { ...process.env, ...moto.env, AWS_ENDPOINT_URL: recorder.url, CI: 'true' };
    const nodeTimes: number[] = [];
    const firstTimes: number[] = [];
    const wallTimes: number[] = [];
    let firstAction = '?';
    // One warm-up run each so the file cache is the same for every run measured.
    await run(['-e', '0'], env);
    await run([cli, 'get', 'cluster'], env);
    for (let i = 0; i < runs; i++) {
      const node = await run(['-e', '0'], env);
      nodeTimes.push(node.end - node.start);
      recorder.reset();
      const get = await run([cli, 'get', 'cluster'], env);
      const first = recorder.first();
      if (first === undefined) throw new Error('get cluster made no AWS request');
      firstAction = first.action;
      firstTimes.push(first.at - get.start);
      wallTimes.push(get.end - get.start);
    }
    return { runs, nodeMs: median(nodeTimes), firstCallMs: median(firstTimes), wallMs: median(wallTimes), firstAction };
  } finally {
    await recorder.close();
    await moto.stop();
  }
}

export function formatStartUp(r: StartUpResult): string {
  const row = (name: string, ms: number) => `| ${name} | ${ms.toFixed(1)} | ${(ms / r.nodeMs).toFixed(2)}× |`;
  return [
    `start-up of a live command (built CLI, against the emulator), median of ${r.runs} runs (after one warm-up run each)`,
    '| measure | ms | ratio to node -e 0 |',
    '|---|---|---|',
    row('node -e 0', r.nodeMs),
    row(`get cluster: start to first AWS request (${r.firstAction})`, r.firstCallMs),
    row('get cluster: wall (start to exit)', r.wallMs),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const runs = Number(process.argv[2] ?? 10);
  console.log(formatStartUp(await measureStartUp(runs)));
}
