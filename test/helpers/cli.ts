import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in-process, as `private-eks ARGS`, with its own streams and environment, and
 * returns what it printed and its exit code. The environment is exactly `env` (nothing leaks
 * in from the developer's shell) plus `CI=true` so output is plain.
 */
export async function runCliCaptured(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string; cwd?: string; signal?: AbortSignal } = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from([options.stdin ?? '']),
    env: { CI: 'true', ...options.env },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await runCli(args, io, options.signal);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
