/**
 * `delete nodegroup --cluster C | -f FILE --name N [--no-drain]`: drains the nodes when the
 * Kubernetes API answers from here, else through the cluster's in-VPC runner when it has one (a
 * note when neither can), then deletes the nodegroup's stack
 * and waits until it is gone. A re-run after the stack is gone says so and exits 0.
 */
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { formatData } from '../render/output.js';
import { profileOf, withAwsClients } from '../shared/aws.js';
import { clusterTarget } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { outputOption } from '../shared/options.js';
import { progressView } from '../shared/progress.js';

interface DeleteNodegroupOptions {
  cluster?: string;
  configFile?: string;
  name: string;
  drain: boolean;
  output: 'text' | 'json' | 'yaml';
}

export function registerDeleteNodegroup(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'delete')
    .command('nodegroup')
    .alias('ng')
    .description('delete a nodegroup: drain its nodes (from here, or through the in-VPC runner), then its stack')
    .option('--cluster <name>', 'the cluster')
    .option('-f, --config-file <file>', 'or the ClusterConfig file it was created from (only metadata is read)')
    .requiredOption('-n, --name <name>', 'name of the nodegroup to delete')
    .option('--no-drain', 'do not cordon and drain the nodes first')
    .addOption(outputOption(['text', 'json', 'yaml'], 'the result on stdout as well'))
    .action(async (options: DeleteNodegroupOptions) => setExitCode(await runDelete(options, context)));
}

async function runDelete(options: DeleteNodegroupOptions, context: CommandContext): Promise<number> {
  const target = await clusterTarget(
    {
      ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
      ...(options.cluster === undefined ? {} : { name: options.cluster }),
    },
    context,
  );
  return withAwsClients(target.region ?? '', context, async (clients) => {
    const { deleteNodegroup } = await import('../../deploy/nodegroup-ops.js');
    const view = progressView(context);
    let result;
    try {
      result = await deleteNodegroup(
        { cluster: target.name, name: options.name, drain: options.drain },
        {
          clients,
          events: view.sink,
          signal: context.signal,
          kubeconfigPath: false,
          kubernetes: { proxyEnv: context.io.env },
          ...profileOf(context),
        },
      );
    } finally {
      view.close();
    }
    const drained =
      result.drain.state === 'drained'
        ? `; ${result.drain.nodes} node(s) drained${result.drain.through === 'runner' ? ' through the in-VPC runner' : ''}, ${result.drain.evicted} pod(s) evicted`
        : result.drain.state === 'unreachable'
          ? '; nodes not drained (the Kubernetes API does not answer from here)'
          : '';
    context.io.stderr.write(
      result.outcome === 'absent'
        ? `nodegroup "${options.name}" of "${target.name}": already gone\n`
        : `nodegroup "${options.name}" of "${target.name}" deleted (stack ${result.stack ?? '-'})${drained}\n`,
    );
    if (options.output !== 'text') context.io.stdout.write(await formatData(result, options.output));
    return ExitCode.ok;
  });
}
