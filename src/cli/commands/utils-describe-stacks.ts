/**
 * `utils describe-stacks --cluster C | -f FILE [--events] [-o text|json|yaml]`: the cluster's
 * CloudFormation stacks (status, reason, outputs, tags) and, with `--events`, the events of each
 * stack's latest operation — where a failed create or update names the resource and why.
 */
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { formatData } from '../render/output.js';
import { withAwsClients } from '../shared/aws.js';
import { clusterTarget } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { outputOption } from '../shared/options.js';

interface DescribeStacksOptions {
  cluster?: string;
  configFile?: string;
  events?: boolean;
  output: 'text' | 'json' | 'yaml';
}

export function registerUtilsDescribeStacks(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'utils')
    .command('describe-stacks')
    .description("the cluster's CloudFormation stacks: status, reason, outputs, tags (and events with --events)")
    .option('--cluster <name>', 'the cluster')
    .option('-f, --config-file <file>', 'or the ClusterConfig file it was created from (only metadata is read)')
    .option('--events', "include each stack's latest events")
    .addOption(outputOption(['text', 'json', 'yaml']))
    .action(async (options: DescribeStacksOptions) => setExitCode(await runDescribeStacks(options, context)));
}

async function runDescribeStacks(options: DescribeStacksOptions, context: CommandContext): Promise<number> {
  const target = await clusterTarget(
    {
      ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
      ...(options.cluster === undefined ? {} : { name: options.cluster }),
    },
    context,
  );
  return withAwsClients(target.region ?? '', context, async (clients) => {
    const { describeClusterStacks } = await import('../../deploy/describe-stacks.js');
    const stacks = await describeClusterStacks(clients.cloudFormation, target.name, {
      events: options.events === true,
      signal: context.signal,
    });
    if (stacks.length === 0) {
      context.io.stderr.write(`no stacks found for cluster "${target.name}"\n`);
      return ExitCode.failed;
    }
    if (options.output !== 'text') {
      context.io.stdout.write(await formatData(stacks, options.output));
      return ExitCode.ok;
    }
    const lines: string[] = [];
    for (const s of stacks) {
      lines.push(`stack/${s.name}: ${s.status}${s.statusReason === undefined ? '' : ` (${s.statusReason})`}`);
      for (const [k, v] of Object.entries(s.outputs)) lines.push(`  output ${k} = ${v}`);
      for (const e of s.events ?? [])
        lines.push(
          `  event ${e.logicalId} (${e.resourceType}) ${e.status}${e.reason === undefined ? '' : `: ${e.reason}`}`,
        );
    }
    context.io.stdout.write(`${lines.join('\n')}\n`);
    return ExitCode.ok;
  });
}
