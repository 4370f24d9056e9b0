/**
 * The `utils write-kubeconfig` subcommand, for src/cli/commands/utils.ts to register:
 *
 *   registerWriteKubeconfig(utils, context, setExitCode)   // in place of the placeholder
 *
 *   private-eks utils write-kubeconfig --name N [--region R] [--kubeconfig PATH]
 *   private-eks utils write-kubeconfig -f FILE             (metadata.name and .region are read)
 */
import path from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { CommandContext } from '../cli/program.js';
import { kubeconfigPath } from './file.js';

export function registerWriteKubeconfig(
  utils: Command,
  context: CommandContext,
  setExitCode: (code: number) => void,
): void {
  utils
    .command('write-kubeconfig')
    .description('write a kubeconfig entry for a cluster (user: aws eks get-token), keeping every other entry')
    .option('-f, --config-file <file>', 'the ClusterConfig file (only metadata.name and .region are read)')
    .option('-n, --name <name>', 'the cluster name (instead of -f)')
    .option('--kubeconfig <path>', 'kubeconfig to write (default: first path of $KUBECONFIG, else ~/.kube/config)')
    .action(async (options: { configFile?: string; name?: string; kubeconfig?: string }) => {
      setExitCode(await runWriteKubeconfig(options, context));
    });
}

async function clusterOf(
  options: { configFile?: string; name?: string },
  context: CommandContext,
): Promise<{ name: string; region?: string }> {
  if (options.configFile !== undefined && options.name !== undefined)
    throw new UsageError('give either -f FILE or --name NAME, not both');
  if (options.name !== undefined) return { name: options.name };
  if (options.configFile === undefined)
    throw new UsageError('which cluster? give -f FILE or --name NAME (with --region)');
  const { readConfigInput } = await import('../config/index.js');
  const input = await readConfigInput(options.configFile, context.io);
  const doc = parse(Buffer.from(input.bytes).toString('utf8')) as {
    metadata?: { name?: unknown; region?: unknown };
  } | null;
  const name = doc?.metadata?.name;
  const region = doc?.metadata?.region;
  if (typeof name !== 'string' || name === '') throw new UsageError(`${input.file} has no metadata.name`);
  return typeof region === 'string' && region !== '' ? { name, region } : { name };
}

async function runWriteKubeconfig(
  options: { configFile?: string; name?: string; kubeconfig?: string },
  context: CommandContext,
): Promise<number> {
  const target = await clusterOf(options, context);
  const { withAwsClients } = await import('../cli/commands/create.js');
  const { writeKubeconfigForCluster } = await import('../deploy/kubeconfig-for-cluster.js');
  const profile = context.globals().profile;
  return withAwsClients(target.region ?? '', context, async (clients) => {
    const written = await writeKubeconfigForCluster(clients, {
      cluster: target.name,
      region: clients.region,
      path: path.resolve(context.io.cwd, options.kubeconfig ?? kubeconfigPath(context.io.env)),
      signal: context.signal,
      ...(profile === undefined ? {} : { profile }),
    });
    context.io.stderr.write(`kubeconfig context "${written.context}" written to ${written.path}\n`);
    return ExitCode.ok;
  });
}
