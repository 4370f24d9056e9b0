/**
 * The CLI as users run it, in a child process: never the sources.
 *
 * - PRIVATE_EKS_CLI set: that executable, e.g. the `private-eks` of the packed tarball installed
 *   into a temporary prefix (scripts/pack-install.sh; .ci/run does this on its second Node
 *   version). Its `#!/usr/bin/env node` line picks the `node` first on PATH.
 * - Otherwise: bin/private-eks.js of this checkout, bundled by `npm run build` (test/cli/setup.ts
 *   builds it before the tests), run by the Node running the tests.
 *
 * The child's environment is exactly what a test gives, plus PATH and a fresh empty HOME, so no
 * AWS profile, kubeconfig or proxy of the developer's shell leaks in.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './python-tools.js';

export interface BuiltRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BuiltRunOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  readonly cwd?: string;
  /** Default 120 s: live commands against the emulator. */
  readonly timeoutMs?: number;
}

/** The executable and the arguments before the CLI's own. */
export function cliCommand(): { file: string; args: string[]; describe: string } {
  const installed = process.env['PRIVATE_EKS_CLI'];
  if (installed !== undefined && installed !== '') {
    return { file: installed, args: [], describe: `${installed} (installed package)` };
  }
  const bin = path.join(repoRoot, 'bin', 'private-eks.js');
  return { file: process.execPath, args: [bin], describe: `node ${process.version} bin/private-eks.js (bundle)` };
}

let home: string | undefined;
function emptyHome(): string {
  home ??= mkdtempSync(path.join(os.tmpdir(), 'pe-cli-home-'));
  return home;
}

/** The environment a child gets: PATH, an empty HOME, and the test's own variables. */
export function childEnv(env: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: emptyHome(), ...env };
}

/** Runs `private-eks ARGS` and returns its exit code and output (never throws on exit ≠ 0). */
export function runBuiltCli(args: readonly string[], options: BuiltRunOptions = {}): Promise<BuiltRun> {
  const { file, args: pre } = cliCommand();
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      [...pre, ...args],
      {
        cwd: options.cwd ?? repoRoot,
        env: childEnv(options.env),
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`private-eks ${args.join(' ')} did not exit normally (${error.message})\n${stderr}`));
          return;
        }
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

/**
 * Runs `private-eks ARGS` with stderr on a pseudo-terminal and stdout into a file (`script` from
 * util-linux provides the terminal), as `private-eks doctor > report.txt` in a terminal does.
 */
export function runWithTerminalStderr(
  args: readonly string[],
  stdoutFile: string,
  options: BuiltRunOptions = {},
): Promise<{ code: number; terminal: string }> {
  const { file, args: pre } = cliCommand();
  const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
  const command = `${[file, ...pre, ...args].map(quote).join(' ')} > ${quote(stdoutFile)}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: options.cwd ?? repoRoot,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let terminal = '';
    child.stdout.on('data', (b: Buffer) => (terminal += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, terminal }));
  });
}
