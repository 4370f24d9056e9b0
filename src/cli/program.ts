import { Command, CommanderError, Option } from 'commander';
import { AbortedError, PrivateEksError, UsageError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo, GlobalOptions } from './io.js';
import { redactProxySecrets } from '../aws/redact.js';
import { renderError } from './render/errors.js';
import { COMMANDS } from './commands/index.js';
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
  for (const register of COMMANDS) register(program, context, setExitCode);

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

/** The command as typed, quoted where a shell would need it. */
function commandLine(argv: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
  return ['private-eks', ...argv.map(quote)].join(' ');
}
