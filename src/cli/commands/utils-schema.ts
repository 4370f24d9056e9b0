import type { Command } from 'commander';
import type { CommandContext } from '../program.js';
import type { SetExitCode } from './index.js';
import { ExitCode } from '../exit-codes.js';
import { registerWriteKubeconfig } from '../../kubeconfig/cli.js';

/**
 * `private-eks utils …`: `schema` prints the JSON Schema of the config file for editors
 * (SPEC §1 [beyond]); `write-kubeconfig` writes a kubeconfig entry (src/kubeconfig).
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

  registerWriteKubeconfig(utils, context, setExitCode);
}
