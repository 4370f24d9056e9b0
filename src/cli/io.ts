import { descriptorOutput } from './descriptor-output.js';

/**
 * What a command may touch of the process: its streams and environment. Passed to every command
 * so tests can run commands in-process and read what they printed.
 */
export interface CliIo {
  /** Machine-readable results (SPEC §1). */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Logs, problems, progress. */
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface GlobalOptions {
  region?: string;
  profile?: string;
  verbose?: boolean;
  color?: 'auto' | 'always' | 'never';
}

export function processIo(): CliIo {
  let stdout: CliIo['stdout'] | undefined;
  let stderr: CliIo['stderr'] | undefined;
  return {
    // Built on first use: Node's stream for each (a file, pipe or TTY stream, and the modules
    // behind it) costs a few ms, and `validate` never writes to stdout. Where the descriptor is
    // not a terminal, the text is written to it directly (descriptor-output.ts).
    get stdout() {
      return (stdout ??= descriptorOutput(1, () => process.stdout));
    },
    get stderr() {
      return (stderr ??= descriptorOutput(2, () => process.stderr));
    },
    // Only `-f -` and a prompt read stdin.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Colour on when asked, or when the stream the text goes to (stderr unless said) is a terminal and
 * neither NO_COLOR nor CI=true is set: `doctor > report.txt` on a terminal writes no colour codes.
 */
export function useColor(io: CliIo, option: GlobalOptions['color'], stream: { isTTY?: boolean } = io.stderr): boolean {
  if (option === 'always') return true;
  if (option === 'never') return false;
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  return Boolean(stream.isTTY) && io.env['CI'] !== 'true';
}
