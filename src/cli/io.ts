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
  return {
    // Getters: Node builds each of these streams (a file, pipe or TTY stream, and the modules
    // behind it) on first use, a few ms each; `validate` never writes to stdout, and only `-f -`
    // and a prompt read stdin.
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
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
