/**
 * `delete cluster -f FILE | --name N [--region R] [--force] [--no-wait]` (SPEC §8). The file is
 * read only for `metadata.name` and `metadata.region`, so a file that no longer validates (a newer
 * field, a changed rule) can still delete what it created.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { parse } from 'yaml';
import type { DeleteResult } from '../../deploy/results.js';
import { UsageError } from '../../errors.js';
import { kubeconfigPath } from '../../kubeconfig/file.js';
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { CommandContext } from '../program.js';
import { deleteSummary, formatData } from '../render/output.js';
import { parseParallelism, progressView, withAwsClients } from './create.js';
import type { SetExitCode } from './index.js';

interface DeleteClusterOptions {
  configFile?: string;
  name?: string;
  force?: boolean;
  wait: boolean;
  parallelism: number;
  kubeconfig?: string;
  output: 'text' | 'json' | 'yaml';
}

export function registerDelete(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  const del = program.command('delete').description('delete a cluster private-eks created');
  del
    .command('cluster')
    .description(
      'delete the cluster: nodegroup and Fargate stacks, leftover security groups, the cluster stack, the kubeconfig entry',
    )
    .option(
      '-f, --config-file <file>',
      'the ClusterConfig file it was created from (only metadata.name and .region are read)',
    )
    .option('-n, --name <name>', 'the cluster name (instead of -f)')
    .option('--force', 'continue past every error, delete what can be deleted and list what is left (exit 4)')
    .option(
      '--no-wait',
      'request the cluster stack delete without waiting for it (the nodegroup stacks are always waited for)',
    )
    .option('--parallelism <n>', 'stacks deleted at once', parseParallelism, 8)
    .option(
      '--kubeconfig <path>',
      'kubeconfig to remove the entry from (default: first path of $KUBECONFIG, else ~/.kube/config)',
    )
    .addOption(
      new Option('-o, --output <format>', 'the result on stdout as well')
        .choices(['text', 'json', 'yaml'])
        .default('text'),
    )
    .action(async (options: DeleteClusterOptions) => setExitCode(await runDeleteCluster(options, context)));
}

async function target(
  options: DeleteClusterOptions,
  context: CommandContext,
): Promise<{ name: string; region?: string }> {
  if (options.configFile !== undefined && options.name !== undefined) {
    throw new UsageError('give either -f FILE or --name NAME, not both');
  }
  if (options.name !== undefined) return { name: options.name };
  if (options.configFile === undefined)
    throw new UsageError('which cluster? give -f FILE or --name NAME (with --region)');
  const { readConfigInput } = await import('../../config/index.js');
  const input = await readConfigInput(options.configFile, context.io);
  let doc: unknown;
  try {
    doc = parse(Buffer.from(input.bytes).toString('utf8'));
  } catch (error) {
    throw new UsageError(`${input.file} is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  const metadata = (
    typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)['metadata'] : undefined
  ) as Record<string, unknown> | undefined;
  const name = metadata?.['name'];
  const region = metadata?.['region'];
  if (typeof name !== 'string' || name === '') throw new UsageError(`${input.file} has no metadata.name`);
  return typeof region === 'string' && region !== '' ? { name, region } : { name };
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
  const { name, region } = await target(options, context);
  return withAwsClients(region ?? '', context, async (clients) => {
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
          wait: options.wait,
          parallelism: options.parallelism,
          kubeconfigPath: path.resolve(context.io.cwd, options.kubeconfig ?? kubeconfigPath(context.io.env)),
          proxyEnv: context.io.env,
        },
      );
    } finally {
      view.close();
    }
    context.io.stderr.write(deleteSummary(result, useColor(context.io, context.globals().color)));
    if (options.output !== 'text') context.io.stdout.write(formatData(result, options.output));
    return exitCodeOf(result);
  });
}
