/**
 * The AWS emulator for integration tests: moto's server (pinned in .venv-aws) started through
 * test/helpers/moto/launcher.py, which adds the CloudFormation types and fixes private-eks's flows
 * need (listed, with reasons, in test/helpers/moto/README.md).
 *
 * Use one server per test file:
 *   let moto: MotoServer;
 *   beforeAll(async () => { moto = await startMoto(); });
 *   afterAll(() => moto.stop());
 *   beforeEach(() => moto.reset());
 *
 * Facts this relies on (shared/TESTBED.md §1): the SDK signs every request, and moto routes a
 * request for 127.0.0.1 by the signature's service and region; moto's internal errors are HTML
 * 500s that a retrying SDK turns into misleading AlreadyExists errors, hence AWS_MAX_ATTEMPTS=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensurePythonTools, repoRoot } from './python-tools.js';

export interface MotoServer {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly port: number;
  /** The launcher's process id (for tests that check nothing is left running). */
  readonly pid: number;
  /**
   * Env for an SDK client or a child CLI process pointed at the emulator: AWS_ENDPOINT_URL, AWS_REGION,
   * dummy keys, AWS_MAX_ATTEMPTS=1, IMDS off, empty config and credentials files (so no developer
   * profile leaks in), the SDK's Node-version warning off, and NO_PROXY=127.0.0.1 (a developer's
   * HTTP_PROXY must not capture the emulator; proxy-from-env does not treat `localhost` as 127.0.0.1).
   */
  readonly env: Readonly<Record<string, string>>;
  /** The server's stdout+stderr (request lines, Python tracebacks of 500s), kept under .artifacts/moto/. */
  readonly logPath: string;
  /** Wipes every service, account and region (POST /moto-api/reset) and the launcher's own stores. */
  reset(): Promise<void>;
  /** Kills the server by its PID (never by name) and waits until it is gone. Idempotent. */
  stop(): Promise<void>;
  /** The last `lines` lines of the log, for failure messages. */
  logTail(lines?: number): string;
}

export interface StartMotoOptions {
  /** Region put into `env` (AWS_REGION). Default us-west-2. */
  region?: string;
  /** Extra environment for the server process (e.g. MOTO_ACCOUNT_ID). */
  env?: Record<string, string>;
}

const launcherPath = path.join(repoRoot, 'test/helpers/moto/launcher.py');
const artifactsDir = path.join(repoRoot, '.artifacts/moto');
const READY_TIMEOUT_MS = 30_000;
const POLL_MS = 200;
const STOP_GRACE_MS = 5_000;
const KEEP_LOGS = 50;
const READY_LINE = /Running on (http:\/\/127\.0\.0\.1:(\d+))/;

/** Servers started by this process: killed synchronously if the process exits without stop(). */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });
}

let counter = 0;

export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const tools = ensurePythonTools();
  mkdirSync(artifactsDir, { recursive: true });
  pruneOldLogs();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  counter += 1;
  const logPath = path.join(artifactsDir, `moto-${stamp}-${process.pid}-${counter}.log`);
  const logFd = openSync(logPath, 'a');

  // Empty AWS config and credentials files: the SDK must see only the env we give it.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'private-eks-moto-'));
  const awsConfigFile = path.join(scratch, 'config');
  const awsCredentialsFile = path.join(scratch, 'credentials');
  writeFileSync(awsConfigFile, '');
  writeFileSync(awsCredentialsFile, '');

  const serverEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The developer's AWS settings mean nothing to the emulator and only make its log confusing.
    if (!key.startsWith('AWS_') && value !== undefined) serverEnv[key] = value;
  }
  Object.assign(serverEnv, {
    PYTHONUNBUFFERED: '1',
    // No __pycache__ next to the launcher's modules in the working tree.
    PYTHONDONTWRITEBYTECODE: '1',
    // AWS-managed policies (AmazonEKSClusterPolicy, …) exist only with this (TESTBED §1.3).
    MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
    ...options.env,
  });

  installExitHook();
  // stdin stays a pipe that is never written: the launcher exits when it closes, so the server
  // dies with this process even if it is killed with SIGKILL and no exit hook runs.
  const child = spawn(tools.python, [launcherPath, '--host', '127.0.0.1', '--port', '0', '--exit-on-stdin-eof'], {
    cwd: repoRoot,
    env: serverEnv,
    stdio: ['pipe', logFd, logFd],
  });
  closeSync(logFd);
  live.add(child);
  child.unref();
  (child.stdin as Socket | null)?.unref();

  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });
  let stopRequested = false;

  const logTail = (lines = 40): string => {
    const text = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  };

  const fail = async (why: string): Promise<never> => {
    stopRequested = true;
    await killAndWait(child, exited);
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`moto server ${why}; log ${logPath}:\n${logTail()}`);
  };

  if (child.pid === undefined) return fail('could not be spawned');
  const pid = child.pid;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let endpoint: string | undefined;
  let port = 0;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return fail(`exited during start-up (code ${String(child.exitCode)}, signal ${String(child.signalCode)})`);
    }
    if (endpoint === undefined) {
      const match = READY_LINE.exec(readFileSync(logPath, 'utf8'));
      if (match?.[1] !== undefined && match[2] !== undefined) {
        endpoint = match[1];
        port = Number(match[2]);
      }
    }
    if (endpoint !== undefined && (await answers(`${endpoint}/moto-api/`))) break;
    await sleep(POLL_MS);
  }
  if (endpoint === undefined || !(await answers(`${endpoint}/moto-api/`))) {
    return fail(`did not answer GET /moto-api/ within ${READY_TIMEOUT_MS / 1000} s`);
  }
  const url = endpoint;

  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: url,
    AWS_REGION: options.region ?? 'us-west-2',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: awsConfigFile,
    AWS_SHARED_CREDENTIALS_FILE: awsCredentialsFile,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_PROXY: '127.0.0.1',
    // Child CLI processes get this env only: pass on the call log of the IAM policy check
    // (test/helpers/aws-call-log.ts) so their calls are recorded too.
    ...(process.env['PRIVATE_EKS_AWS_CALL_LOG'] === undefined
      ? {}
      : { PRIVATE_EKS_AWS_CALL_LOG: process.env['PRIVATE_EKS_AWS_CALL_LOG'] }),
  };

  return {
    endpoint: url,
    port,
    pid,
    env,
    logPath,
    logTail,
    async reset() {
      const response = await fetch(`${url}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      const body = await response.text();
      if (!response.ok) {
        throw new Error(`moto reset failed: HTTP ${response.status} ${body}; log ${logPath}:\n${logTail()}`);
      }
    },
    async stop() {
      if (stopRequested) {
        await exited;
        return;
      }
      stopRequested = true;
      const diedEarly = child.exitCode !== null || child.signalCode !== null;
      await killAndWait(child, exited);
      rmSync(scratch, { recursive: true, force: true });
      const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
      // A Python traceback means moto answered some request with a 500: whatever the test
      // concluded, the reader of the test output should see it.
      if (diedEarly || log.includes('Traceback (most recent call last)')) {
        process.stderr.write(
          `\nmoto server ${diedEarly ? 'had exited before stop()' : 'logged a traceback'}; ` +
            `full log ${logPath}; tail:\n${logTail()}\n`,
        );
      }
    },
  };
}

/** Keeps the newest logs only (their names start with an ISO time, so name order is time order). */
function pruneOldLogs(): void {
  const logs = readdirSync(artifactsDir)
    .filter((name) => /^moto-.*\.log$/.test(name))
    .sort()
    .reverse();
  for (const name of logs.slice(KEEP_LOGS)) rmSync(path.join(artifactsDir, name), { force: true });
}

async function killAndWait(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // The child is unref'd so that it never keeps a test process alive; while we wait for it, it must.
  child.ref();
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS);
  });
  const outcome = await Promise.race([exited.then(() => 'exited' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
