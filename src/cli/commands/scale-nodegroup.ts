/**
 * `scale nodegroup --cluster C | -f FILE --name N --nodes N [--nodes-min N] [--nodes-max N]`
 * (eksctl's flags and short forms): the nodegroup's stack gets the new sizes through a change set,
 * so stack, cluster and a later `plan` agree. A re-run with the same sizes changes nothing.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { formatData } from '../render/output.js';
import { profileOf, withAwsClients } from '../shared/aws.js';
import { clusterTarget } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { outputOption } from '../shared/options.js';
import { progressView } from '../shared/progress.js';

interface ScaleNodegroupOptions {
  cluster?: string;
  configFile?: string;
  name: string;
  nodes: number;
  nodesMin?: number;
  nodesMax?: number;
  output: 'text' | 'json' | 'yaml';
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number, 0 or more');
  return n;
}

export function registerScaleNodegroup(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'scale')
    .command('nodegroup')
    .alias('ng')
    .description('scale a nodegroup: desired, and optionally minimum and maximum, number of nodes')
    .option('--cluster <name>', 'the cluster')
    .option('-f, --config-file <file>', 'or the ClusterConfig file it was created from (only metadata is read)')
    .requiredOption('-n, --name <name>', 'name of the nodegroup to scale')
    .addOption(
      new Option('-N, --nodes <n>', 'desired number of nodes (required)').argParser(count).makeOptionMandatory(),
    )
    .addOption(new Option('-m, --nodes-min <n>', 'minimum number of nodes').argParser(count))
    .addOption(new Option('-M, --nodes-max <n>', 'maximum number of nodes').argParser(count))
    .addOption(outputOption(['text', 'json', 'yaml'], 'the nodegroup on stdout as well'))
    .action(async (options: ScaleNodegroupOptions) => setExitCode(await runScale(options, context)));
}

async function runScale(options: ScaleNodegroupOptions, context: CommandContext): Promise<number> {
  const target = await clusterTarget(
    {
      ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
      ...(options.cluster === undefined ? {} : { name: options.cluster }),
    },
    context,
  );
  return withAwsClients(target.region ?? '', context, async (clients) => {
    const { scaleNodegroup } = await import('../../deploy/nodegroup-ops.js');
    const view = progressView(context);
    let result;
    try {
      result = await scaleNodegroup(
        {
          cluster: target.name,
          name: options.name,
          desired: options.nodes,
          ...(options.nodesMin === undefined ? {} : { min: options.nodesMin }),
          ...(options.nodesMax === undefined ? {} : { max: options.nodesMax }),
        },
        { clients, events: view.sink, signal: context.signal, kubeconfigPath: false, ...profileOf(context) },
      );
    } finally {
      view.close();
    }
    const n = result.nodegroup;
    context.io.stderr.write(
      `nodegroup "${n.name}" of "${n.cluster}" ${result.outcome === 'scaled' ? 'scaled' : 'already at those sizes'}: desired ${n.desiredCapacity ?? '-'}, min ${n.minSize ?? '-'}, max ${n.maxSize ?? '-'}\n`,
    );
    if (options.output !== 'text') context.io.stdout.write(await formatData(result, options.output));
    return ExitCode.ok;
  });
}
