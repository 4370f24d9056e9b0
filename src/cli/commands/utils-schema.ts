import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';

/** `private-eks utils schema`: the JSON Schema of the config file, for editors. */
export function registerUtilsSchema(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'utils')
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) of the config file, for editors')
    .action(async () => {
      const { clusterConfigJsonSchema } = await import('../../config/json-schema.js');
      context.io.stdout.write(JSON.stringify(clusterConfigJsonSchema(), null, 2) + '\n');
      setExitCode(ExitCode.ok);
    });
}
