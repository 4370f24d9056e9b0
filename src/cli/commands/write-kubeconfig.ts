/**
 * `private-eks utils write-kubeconfig --name N [--region R] [--kubeconfig PATH]`, or `-f FILE`
 * (only metadata.name and .region are read): writes a kubeconfig entry for a cluster
 * (user: `aws eks get-token`), keeping every other entry.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { kubeconfigPath } from '../../kubeconfig/file.js';
import { ExitCode } from '../exit-codes.js';
import { profileOf, withAwsClients } from '../shared/aws.js';
import { clusterTarget } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { kubeconfigOption } from '../shared/options.js';

interface WriteKubeconfigOptions {
  configFile?: string;
  name?: string;
  kubeconfig?: string;
}

export function registerWriteKubeconfig(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'utils')
    .command('write-kubeconfig')
    .description('write a kubeconfig entry for a cluster (user: aws eks get-token), keeping every other entry')
    .option('-f, --config-file <file>', 'the ClusterConfig file (only metadata.name and .region are read)')
    .option('-n, --name <name>', 'the cluster name (instead of -f)')
    .addOption(kubeconfigOption('write'))
    .action(async (options: WriteKubeconfigOptions) => {
      setExitCode(await runWriteKubeconfig(options, context));
    });
}

async function runWriteKubeconfig(options: WriteKubeconfigOptions, context: CommandContext): Promise<number> {
  const target = await clusterTarget(options, context);
  const { writeKubeconfigForCluster } = await import('../../deploy/kubeconfig-for-cluster.js');
  return withAwsClients(target.region, context, async (clients) => {
    const written = await writeKubeconfigForCluster(clients, {
      cluster: target.name,
      region: clients.region,
      path: path.resolve(context.io.cwd, options.kubeconfig ?? kubeconfigPath(context.io.env)),
      signal: context.signal,
      ...profileOf(context),
    });
    context.io.stderr.write(`kubeconfig context "${written.context}" written to ${written.path}\n`);
    return ExitCode.ok;
  });
}
