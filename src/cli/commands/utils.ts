import type { Command } from 'commander';
import type { CommandContext } from '../program.js';
import type { SetExitCode } from './index.js';
import { ExitCode } from '../exit-codes.js';

/**
 * `private-eks utils …`: `schema` prints the JSON Schema of the config file for editors
 * (SPEC §1 [beyond]); `write-kubeconfig` is registered here and implemented in its own issue.
 */
export function registerUtils(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  const utils = program.command('utils').description('helpers: the config JSON Schema, kubeconfig entries');

  utils
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) of the config file, for editors')
    .action(async () => {
      const { clusterConfigJsonSchema } = await import('../../config/json-schema.js');
      context.io.stdout.write(JSON.stringify(clusterConfigJsonSchema(), null, 2) + '\n');
      setExitCode(ExitCode.ok);
    });

  // Placeholder until its issue lands: registered so the command list is complete; exits 1 and says so.
  utils
    .command('write-kubeconfig')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      context.io.stderr.write('error: private-eks utils write-kubeconfig is not implemented yet\n');
      setExitCode(ExitCode.failed);
    });
}
