import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';

interface IamPolicyOptions {
  command?: string[];
  account?: string;
  region?: string;
  partition?: string;
}

/**
 * `private-eks utils iam-policy [--command C…] [--account ID] [--partition P]`: the least-privilege
 * IAM policy document for the person or CI role running private-eks (src/iam-policy/), on stdout.
 * No AWS call. `--region` is the global flag.
 */
export function registerUtilsIamPolicy(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'utils')
    .command('iam-policy')
    .description('print the least-privilege IAM policy for running private-eks (all commands, or those given)')
    .option(
      '--command <name...>',
      'only what these commands need: create, create-nodegroup, delete, get, doctor, plan, write-kubeconfig, update, upgrade, scale, get-nodegroup, delete-nodegroup, describe-stacks',
    )
    .option('--account <id>', 'the 12-digit account id for the resource ARNs (default *)')
    .option('--partition <name>', 'aws, aws-cn or aws-us-gov (default aws)')
    .action(async (options: IamPolicyOptions) => {
      const { buildIamPolicy, parsePolicyCommands } = await import('../../iam-policy/index.js');
      const names = (options.command ?? [])
        .flatMap((c) => c.split(','))
        .map((c) => c.trim())
        .filter((c) => c !== '');
      const commands = names.length === 0 ? undefined : parsePolicyCommands(names);
      if (commands !== undefined && 'error' in commands) throw new UsageError(`--command: ${commands.error}`);
      if (options.account !== undefined && !/^(\d{12}|\*)$/.test(options.account)) {
        throw new UsageError(`--account ${JSON.stringify(options.account)} is not a 12-digit account id`);
      }
      const region = context.globals().region;
      const policy = buildIamPolicy({
        ...(commands === undefined ? {} : { commands }),
        ...(options.account === undefined ? {} : { account: options.account }),
        ...(options.partition === undefined ? {} : { partition: options.partition }),
        ...(region === undefined ? {} : { region }),
      });
      context.io.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
      setExitCode(ExitCode.ok);
    });
}
