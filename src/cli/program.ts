import { Command, CommanderError, Option } from 'commander';
import { AbortedError, PrivateEksError, UsageError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo, GlobalOptions } from './io.js';
import { redactProxySecrets } from '../aws/redact.js';
import { renderError } from './render/errors.js';
import { COMMANDS, type CommandModule } from './commands/index.js';
import type { CommandContext } from './shared/context.js';
import { VERSION } from '../version.js';

/**
 * Runs the CLI in-process and returns the exit code; `main.ts` is the only place that sets
 * process.exitCode. Tests call this directly.
 */
export async function runCli(argv: readonly string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('private-eks')
    .description('create and run fully-private Amazon EKS clusters from eksctl ClusterConfig files')
    .version(VERSION, '--version')
    .addOption(new Option('--region <region>', 'AWS region (default: the file, then AWS_REGION)'))
    .addOption(new Option('--profile <name>', 'AWS shared-config profile'))
    .addOption(new Option('--verbose', 'more detail in logs and errors'))
    .addOption(new Option('--color <when>', 'colour output').choices(['auto', 'always', 'never']).default('auto'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  const context: CommandContext = {
    io,
    globals: () => program.opts<GlobalOptions>(),
    signal: signal ?? new AbortController().signal,
  };
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  for (const command of commandsToRegister(argv)) command.register(program, context, setExitCode);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return ExitCode.ok;
      }
      return ExitCode.usage;
    }
    const verbose = program.opts<GlobalOptions>().verbose === true;
    // A library's error may echo a proxy URL with its password: never shown (issue 12 item 4).
    io.stderr.write(
      redactProxySecrets(renderError(error, { verbose, debug: io.env['PRIVATE_EKS_DEBUG'] !== undefined }), io.env),
    );
    if (error instanceof UsageError) return ExitCode.usage;
    if (error instanceof AbortedError) {
      // Interrupted before a deploy had anything to report: the same command resumes.
      io.stderr.write(redactProxySecrets(`  Re-run \`${commandLine(argv)}\` to resume.\n`, io.env));
      return ExitCode.interrupted;
    }
    if (PrivateEksError.isPrivateEksError(error)) return ExitCode.failed;
    return ExitCode.failed;
  }
}

/** The program's own options that take a value, which the first word is not. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--region', '--profile', '--color']);

/**
 * The modules of the command the first word names, or every module: for `--help`, `help`, a
 * mistyped command (whose error suggests the nearest name) and a command that reads the others.
 * Each module registers what it would among all of them, so a command parses and prints its help
 * the same either way.
 */
function commandsToRegister(argv: readonly string[]): readonly CommandModule[] {
  let word: string | undefined;
  for (let i = 0; i < argv.length && word === undefined; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) word = arg;
  }
  const named = COMMANDS.filter((command) => command.word === word);
  return named.length === 0 || named.some((command) => command.everyCommand === true) ? COMMANDS : named;
}

/** The command as typed, quoted where a shell would need it. */
function commandLine(argv: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
  return ['private-eks', ...argv.map(quote)].join(' ');
}
