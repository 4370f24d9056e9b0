import { PassThrough, Readable, Writable } from 'node:stream';
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

/**
 * Runs the CLI in-process, as runCliCaptured does, and aborts its signal (what main.ts does on
 * SIGINT) as soon as it prints a line matching `stopAt` on stderr: synchronously, before the next
 * step can make progress. `stopped` says whether such a line came.
 */
export async function runCliInterrupted(
  args: readonly string[],
  stopAt: RegExp,
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliRun & { stopped: boolean }> {
  const controller = new AbortController();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let pending = '';
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      err.push(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (!controller.signal.aborted && lines.some((l) => stopAt.test(l))) controller.abort();
      callback();
    },
  });
  const stdout = new PassThrough();
  stdout.on('data', (b: Buffer) => out.push(b));
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from(['']),
    env: { CI: 'true', ...options.env },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await runCli(args, io, controller.signal);
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    stopped: controller.signal.aborted,
  };
}

/** A line the progress view prints when `step` is done: where runCliInterrupted stops a run. */
export const doneLine = (step: string): RegExp => new RegExp(`^\\[${step.replace(/[/.]/g, '\\$&')}\\] done: `);
