/**
 * `update cluster -f FILE [--approve] [-o text|json|yaml]`: the diff of the file against its
 * running cluster and, with `--approve`, the changes (src/deploy/update-cluster.ts). Without
 * `--approve` nothing changes (eksctl's plan mode). Refused changes stop the command (exit 1)
 * before anything is changed; an interrupted update exits 3 and a re-run carries on.
 */
import type { Command } from 'commander';
import type { UpdateResult } from '../../deploy/update-cluster.js';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import { formatData } from '../render/output.js';
import { profileOf, withAwsClients } from '../shared/aws.js';
import { loadConfigFile, printProblems } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { planOfExistingCluster } from '../shared/existing-cluster.js';
import { commandGroup } from '../shared/groups.js';
import { outputOption, parallelismOption } from '../shared/options.js';
import { progressView } from '../shared/progress.js';

interface UpdateClusterOptions {
  configFile: string;
  approve?: boolean;
  parallelism: number;
  output: 'text' | 'json' | 'yaml';
}

export function registerUpdateCluster(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'update')
    .command('cluster')
    .description(
      'apply the file to its running cluster: endpoints, logging, tags, access entries, add-ons, new nodegroups, scaling, labels, taints (the diff only, without --approve)',
    )
    .requiredOption('-f, --config-file <file>', 'eksctl ClusterConfig file (- for stdin)')
    .option('--approve', 'make the changes (without it: show them and change nothing)')
    .addOption(parallelismOption('stacks changed'))
    .addOption(outputOption(['text', 'json', 'yaml'], 'the diff and result on stdout as well'))
    .action(async (options: UpdateClusterOptions) => setExitCode(await runUpdateCluster(options, context)));
}

function exitCodeOf(result: UpdateResult): number {
  switch (result.outcome) {
    case 'no-changes':
    case 'planned':
    case 'updated':
      return ExitCode.ok;
    case 'interrupted':
      return ExitCode.interrupted;
    default:
      return ExitCode.failed;
  }
}

async function runUpdateCluster(options: UpdateClusterOptions, context: CommandContext): Promise<number> {
  const { result } = await loadConfigFile(options.configFile, context);
  await printProblems(context, result.problems, result.source);
  const config = result.config;
  if (config === undefined) return ExitCode.failed;
  return withAwsClients(config.metadata.region, context, async (clients) => {
    const { existing, problems } = await planOfExistingCluster(config, clients, context.signal);
    await printProblems(context, problems);
    if (existing === undefined) {
      if (problems.some((p) => p.severity === 'error')) return ExitCode.failed;
      throw new UsageError(`no cluster "${config.metadata.name}" in ${clients.region}`, {
        hint: `create it with private-eks create cluster -f ${options.configFile}`,
      });
    }
    const [{ updateCluster }, { renderDiffText }] = await Promise.all([
      import('../../deploy/index.js'),
      import('../render/diff.js'),
    ]);
    const view = progressView(context);
    let updated: UpdateResult;
    try {
      updated = await updateCluster(
        { existing, approve: options.approve === true },
        {
          clients,
          events: view.sink,
          signal: context.signal,
          parallelism: options.parallelism,
          kubeconfigPath: false,
          kubernetes: { proxyEnv: context.io.env },
          ...profileOf(context),
        },
      );
    } finally {
      view.close();
    }
    const color = useColor(context.io, context.globals().color);
    context.io.stderr.write(renderDiffText(updated.diff, { color, verbose: context.globals().verbose === true }));
    context.io.stderr.write(`${summary(updated, options.configFile)}\n`);
    if (options.output !== 'text') context.io.stdout.write(await formatData(document(updated), options.output));
    return exitCodeOf(updated);
  });
}

function summary(result: UpdateResult, file: string): string {
  const rerun = `private-eks update cluster -f ${file} --approve`;
  switch (result.outcome) {
    case 'no-changes':
      return 'nothing to do';
    case 'planned':
      return `no change made (plan mode); to apply: ${rerun}`;
    case 'refused':
      return 'nothing changed: the refused changes above must go from the file first';
    case 'updated': {
      const version = result.diff.eks.find((c) => c.field === 'version');
      return version === undefined
        ? 'cluster updated'
        : `cluster updated; the version (${version.from} → ${version.to}) changes with private-eks upgrade cluster -f ${file} --approve`;
    }
    case 'interrupted':
      return `interrupted: AWS carries on with what was started; re-run to resume: ${rerun}`;
    case 'failed':
      return [
        ...result.failures.map(
          (f) => `failed ${f.stepId}: ${f.message}${f.hint === undefined ? '' : `\n  hint: ${f.hint}`}`,
        ),
        `what was applied stays; re-run to resume: ${rerun}`,
      ].join('\n');
  }
}

function document(result: UpdateResult): Record<string, unknown> {
  return {
    outcome: result.outcome,
    diff: { ...result.diff, stacks: result.diff.stacks.map(({ changeSetId: _c, stackId: _s, ...rest }) => rest) },
    ...('steps' in result
      ? {
          steps: result.steps.map((s) => ({
            id: s.id,
            status: s.status,
            ...(s.detail === undefined ? {} : { detail: s.detail }),
          })),
        }
      : {}),
    ...('failures' in result ? { failures: result.failures } : {}),
  };
}
