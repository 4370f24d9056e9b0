/**
 * `private-eks utils write-kubeconfig --name N [--region R] [--kubeconfig PATH]`, or `-f FILE`:
 * writes a kubeconfig entry for a cluster (user: `aws eks get-token`), keeping every other entry.
 * The file goes through the config reader, so a broken file or a bad `metadata.name` is shown
 * with file:line:column and nothing is written; problems elsewhere in the file do not stop it
 * (only the cluster's name and region are used).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { kubeconfigPath } from '../../kubeconfig/path.js';
import { ExitCode } from '../exit-codes.js';
import { profileOf, withAwsClients } from '../shared/aws.js';
import type { Problem } from '../../config/index.js';
import { clusterTarget, loadConfigFile, printProblems } from '../shared/config-file.js';
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
    .option(
      '-f, --config-file <file>',
      'the ClusterConfig file (its metadata.name and .region are used); - reads stdin',
    )
    .option('-n, --name <name>', 'the cluster name (instead of -f)')
    .addOption(kubeconfigOption('write'))
    .action(async (options: WriteKubeconfigOptions) => {
      setExitCode(await runWriteKubeconfig(options, context));
    });
}

/** Problems that make the file's cluster name or region unusable. */
function blocksTarget(problem: Problem): boolean {
  return (
    problem.severity === 'error' &&
    (['YAML', 'FILE', 'DUPLICATE_KEY', 'INTERNAL'].includes(problem.rule) ||
      problem.path === '' ||
      problem.path === 'metadata' ||
      problem.path.startsWith('metadata.name') ||
      problem.path.startsWith('metadata.region'))
  );
}

async function runWriteKubeconfig(options: WriteKubeconfigOptions, context: CommandContext): Promise<number> {
  let target: { name: string; region?: string };
  if (options.configFile !== undefined && options.name === undefined) {
    const loaded = await loadConfigFile(options.configFile, context);
    const blocking = loaded.result.problems.filter(blocksTarget);
    if (blocking.length > 0) {
      await printProblems(context, blocking, loaded.result.source);
      return ExitCode.failed;
    }
    // Read once (stdin cannot be read twice); the metadata is known to be well-formed here.
    const { parse } = await import('../shared/yaml.js');
    const metadata = (parse(loaded.result.source ?? '') as { metadata?: { name?: string; region?: string } } | null)
      ?.metadata;
    const name = loaded.result.config?.metadata.name ?? metadata?.name ?? '';
    const region = loaded.result.config?.metadata.region ?? metadata?.region;
    target = region === undefined || region === '' ? { name } : { name, region };
  } else {
    target = await clusterTarget(options, context);
  }
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
