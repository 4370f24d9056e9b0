/**
 * `delete cluster -f FILE | --name N [--region R] [--force] [--no-wait]` (SPEC §8), with eksctl's
 * drain flags (`--disable-nodegroup-eviction`, `--pod-eviction-wait-period`). The file is
 * read only for `metadata.name` and `metadata.region`, so a file that no longer validates (a newer
 * field, a changed rule) can still delete what it created.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { DeleteResult } from '../../deploy/results.js';
import { kubeconfigPath } from '../../kubeconfig/path.js';
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import { deleteSummary, formatData } from '../render/output.js';
import { withAwsClients } from '../shared/aws.js';
import { clusterTarget } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { kubeconfigOption, outputOption, parallelismOption, parseDuration } from '../shared/options.js';
import { progressView } from '../shared/progress.js';

interface DeleteClusterOptions {
  configFile?: string;
  name?: string;
  force?: boolean;
  deleteLogs?: boolean;
  wait: boolean;
  parallelism: number;
  disableNodegroupEviction?: boolean;
  podEvictionWaitPeriod: number;
  drainTimeout: number;
  kubeconfig?: string;
  output: 'text' | 'json' | 'yaml';
}

export function registerDelete(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  const del = commandGroup(program, 'delete');
  del
    .command('cluster')
    .description(
      'delete the cluster: drain the nodegroups (through the in-VPC runner, when the cluster has one), delete nodegroup and Fargate stacks, leftover security groups, the cluster stack, the kubeconfig entry',
    )
    .option(
      '-f, --config-file <file>',
      'the ClusterConfig file it was created from (only metadata.name and .region are read)',
    )
    .option('-n, --name <name>', 'the cluster name (instead of -f)')
    .option('--force', 'continue past every error, delete what can be deleted and list what is left (exit 4)')
    .option(
      '--delete-logs',
      "delete the control plane's log group /aws/eks/<name>/cluster too (kept by default: its logs outlive the cluster)",
    )
    .option(
      '--no-wait',
      'request the cluster stack delete without waiting for it (the nodegroup stacks are always waited for)',
    )
    .option(
      '--disable-nodegroup-eviction',
      'drain by deleting pods instead of evicting them: PodDisruptionBudgets are not checked (use with caution)',
    )
    .addOption(
      new Option('--pod-eviction-wait-period <duration>', 'the wait after a refused pod eviction before trying again')
        .argParser(parseDuration)
        .default(10_000, '10s'),
    )
    .addOption(
      new Option(
        '--drain-timeout <duration>',
        'how long evictions a PodDisruptionBudget refuses are retried before the delete stops, naming the pods',
      )
        .argParser(parseDuration)
        .default(300_000, '5m'),
    )
    .addOption(parallelismOption('stacks deleted'))
    .addOption(kubeconfigOption('remove the entry from'))
    .addOption(outputOption(['text', 'json', 'yaml'], 'the result on stdout as well'))
    .action(async (options: DeleteClusterOptions) => setExitCode(await runDeleteCluster(options, context)));
}

function exitCodeOf(result: DeleteResult): number {
  switch (result.outcome) {
    case 'deleted':
      return ExitCode.ok;
    case 'partial':
      return ExitCode.partial;
    case 'interrupted':
      return ExitCode.interrupted;
    case 'failed':
      return ExitCode.failed;
  }
}

async function runDeleteCluster(options: DeleteClusterOptions, context: CommandContext): Promise<number> {
  const { name, region } = await clusterTarget(options, context);
  return withAwsClients(region, context, async (clients) => {
    const { deleteCluster } = await import('../../deploy/index.js');
    const view = progressView(context);
    let result: DeleteResult;
    try {
      result = await deleteCluster(
        { cluster: name, region: clients.region },
        {
          clients,
          events: view.sink,
          signal: context.signal,
          force: options.force === true,
          deleteLogs: options.deleteLogs === true,
          wait: options.wait,
          parallelism: options.parallelism,
          kubeconfigPath: path.resolve(context.io.cwd, options.kubeconfig ?? kubeconfigPath(context.io.env)),
          proxyEnv: context.io.env,
          drain: {
            disableEviction: options.disableNodegroupEviction === true,
            evictionWaitMs: options.podEvictionWaitPeriod,
            timeoutMs: options.drainTimeout,
          },
        },
      );
    } finally {
      view.close();
    }
    context.io.stderr.write(deleteSummary(result, useColor(context.io, context.globals().color)));
    if (options.output !== 'text') context.io.stdout.write(await formatData(result, options.output));
    return exitCodeOf(result);
  });
}
