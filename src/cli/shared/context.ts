/**
 * What every command module gets: the process's streams, the global flags, the abort signal, and
 * how it reports its exit code. Commands import this, never program.ts, so the program can import
 * the commands without an import circle.
 */
import type { Command } from 'commander';
import type { CliIo, GlobalOptions } from '../io.js';

/** Shared by every command's action: the process's streams and the global flags. */
export interface CommandContext {
  readonly io: CliIo;
  readonly globals: () => GlobalOptions;
  /** Aborted on SIGINT; deploy code stops waiting and the command exits 3. */
  readonly signal: AbortSignal;
}

/** What a command's action returns: the exit code. */
export type CommandResult = Promise<number>;

/** Records the exit code of the command that ran. */
export type SetExitCode = (code: number) => void;

/** One command module's entry: adds its command (or subcommands of a group) to the program. */
export type RegisterCommand = (program: Command, context: CommandContext, setExitCode: SetExitCode) => void;
