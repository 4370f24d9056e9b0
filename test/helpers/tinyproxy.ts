/**
 * A real forward proxy for tests: Debian's tinyproxy on 127.0.0.1 and a free port, with its log
 * under .artifacts/tinyproxy/ so a test can see which requests went through it.
 *
 * Facts this relies on (tinyproxy 1.11, seen): with `LogLevel Info` each proxied request is one
 * line `Request (file descriptor N): POST http://127.0.0.1:PORT/ HTTP/1.1`, a tunnel is
 * `Request (file descriptor N): CONNECT host:port HTTP/1.1`; it closes the client connection after
 * each plain-HTTP response, so one SDK call is one Request line; without `ConnectPort` lines every
 * CONNECT port is allowed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from './python-tools.js';

const TINYPROXY = '/usr/bin/tinyproxy';
const artifactsDir = path.join(repoRoot, '.artifacts/tinyproxy');

export interface TinyProxy {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly logPath: string;
  /** Every line of the log so far. */
  logLines(): string[];
  /** The proxied requests so far, e.g. `POST http://127.0.0.1:5000/` or `CONNECT 127.0.0.1:443`. */
  requests(): string[];
  /** Kills the proxy by its PID (never by name) and waits until it is gone. Idempotent. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
let counter = 0;

export async function startTinyproxy(options: { allow?: string } = {}): Promise<TinyProxy> {
  if (!existsSync(TINYPROXY)) {
    throw new Error(`${TINYPROXY} not found: install tinyproxy (sudo apt-get install tinyproxy)`);
  }
  mkdirSync(artifactsDir, { recursive: true });
  counter += 1;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = path.join(artifactsDir, `tinyproxy-${stamp}-${process.pid}-${counter}`);
  const logPath = `${base}.log`;
  const confPath = `${base}.conf`;

  // A port that was free a moment ago; tinyproxy cannot be told to pick one. Retried on a clash.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    writeFileSync(
      confPath,
      [
        `Port ${port}`,
        'Listen 127.0.0.1',
        'Timeout 60',
        `LogFile "${logPath}"`,
        'LogLevel Info',
        'MaxClients 50',
        `Allow ${options.allow ?? '127.0.0.1'}`,
        // No ConnectPort lines: CONNECT to any port (the tests' TLS servers use random ports).
        '',
      ].join('\n'),
    );
    writeFileSync(logPath, '');
    const child = spawn(TINYPROXY, ['-d', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr: Buffer[] = [];
    child.stderr?.on('data', (b: Buffer) => stderr.push(b));
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', () => {
        for (const p of live) if (p.pid !== undefined && p.exitCode === null) p.kill('SIGKILL');
      });
    }
    live.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    void exited.then(() => live.delete(child));

    const ready = await waitForListening(port, child, 10_000);
    if (!ready) {
      child.kill('SIGKILL');
      await exited;
      const why = `${Buffer.concat(stderr).toString('utf8')}\n${readLog(logPath)}`;
      if (attempt < 3 && /Address already in use|Could not create listening/i.test(why)) continue;
      throw new Error(`tinyproxy did not start on 127.0.0.1:${port}: ${why}`);
    }
    if (child.pid === undefined) throw new Error('tinyproxy has no pid');
    const pid = child.pid;
    let stopped = false;
    const logLines = () =>
      readLog(logPath)
        .split('\n')
        .filter((line) => line !== '');
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      pid,
      logPath,
      logLines,
      requests: () =>
        logLines()
          .map((line) => /Request \(file descriptor \d+\): (\S+ \S+)/.exec(line)?.[1])
          .filter((r): r is string => r !== undefined),
      async stop() {
        if (stopped) return;
        stopped = true;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
        if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      },
    };
  }
}

function readLog(logPath: string): string {
  // tinyproxy may write NUL padding if the file is truncated under it; keep text only.
  return existsSync(logPath) ? readFileSync(logPath, 'utf8').replace(/\0/g, '') : '';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForListening(port: number, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const connected = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
