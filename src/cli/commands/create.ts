import type { Command } from 'commander';
import type { CommandContext } from '../program.js';
import type { SetExitCode } from './index.js';
import { ExitCode } from '../exit-codes.js';

// Placeholder until its issue lands: registered so the command list is complete; exits 1 and says so.
export function registerCreate(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('create')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      context.io.stderr.write('error: private-eks create is not implemented yet\n');
      setExitCode(ExitCode.failed);
    });
}
