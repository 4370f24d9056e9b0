/**
 * `get nodegroup --cluster C | -f FILE [--name N] [-o table|json|yaml]`: the cluster's nodegroups
 * with eksctl's columns (status, sizes, instance type, image, group, type) and their version.
 */
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { formatData } from '../render/output.js';
import { withAwsClients } from '../shared/aws.js';
import { clusterTarget } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { outputOption } from '../shared/options.js';

interface GetNodegroupOptions {
  cluster?: string;
  configFile?: string;
  name?: string;
  output: 'table' | 'json' | 'yaml';
}

export function registerGetNodegroup(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'get')
    .command('nodegroup')
    .alias('nodegroups')
    .alias('ng')
    .description("the cluster's nodegroups: status, sizes, instance type, image, auto scaling group, version")
    .option('--cluster <name>', 'the cluster')
    .option('-f, --config-file <file>', 'or the ClusterConfig file it was created from (only metadata is read)')
    .option('-n, --name <name>', 'only this nodegroup')
    .addOption(outputOption(['table', 'json', 'yaml']))
    .action(async (options: GetNodegroupOptions) => setExitCode(await runGetNodegroup(options, context)));
}

async function runGetNodegroup(options: GetNodegroupOptions, context: CommandContext): Promise<number> {
  const target = await clusterTarget(
    {
      ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
      ...(options.cluster === undefined ? {} : { name: options.cluster }),
    },
    context,
  );
  return withAwsClients(target.region ?? '', context, async (clients) => {
    const { getNodegroups } = await import('../../deploy/nodegroup-ops.js');
    const nodegroups = await getNodegroups({ clients, signal: context.signal }, target.name, options.name);
    if (options.output === 'table') {
      const { nodegroupsTable } = await import('../render/nodegroups-table.js');
      context.io.stdout.write(nodegroupsTable(nodegroups));
    } else {
      context.io.stdout.write(await formatData(nodegroups, options.output));
    }
    return ExitCode.ok;
  });
}
