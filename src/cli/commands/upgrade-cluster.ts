/**
 * `upgrade cluster -f FILE [--version X] [--approve]`: the control plane one minor version at a
 * time, then the add-ons, then the nodegroups (src/deploy/upgrade-cluster.ts), with the progress
 * view. Without `--approve` it prints the steps and changes nothing (eksctl's plan mode). The
 * version-skew checks run first; a refusal changes nothing.
 */
import type { Command } from 'commander';
import type { UpgradeResult } from '../../deploy/upgrade-cluster.js';
import { ExitCode } from '../exit-codes.js';
import { formatData } from '../render/output.js';
import { profileOf, withAwsClients } from '../shared/aws.js';
import { loadConfigFile, printProblems } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { outputOption, parallelismOption } from '../shared/options.js';
import { progressView } from '../shared/progress.js';

interface UpgradeClusterOptions {
  configFile: string;
  version?: string;
  approve?: boolean;
  parallelism: number;
  output: 'text' | 'json' | 'yaml';
}

export function registerUpgradeCluster(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  commandGroup(program, 'upgrade')
    .command('cluster')
    .description(
      'upgrade the control plane one minor version at a time, then the add-ons, then the nodegroups (the steps only, without --approve)',
    )
    .requiredOption('-f, --config-file <file>', 'eksctl ClusterConfig file (- for stdin)')
    .option('--version <version>', "the Kubernetes version to reach (default: the file's metadata.version)")
    .option('--approve', 'make the changes (without it: show the steps and change nothing)')
    .addOption(parallelismOption('nodegroups upgraded'))
    .addOption(outputOption(['text', 'json', 'yaml'], 'the result on stdout as well'))
    .action(async (options: UpgradeClusterOptions) => setExitCode(await runUpgradeCluster(options, context)));
}

async function runUpgradeCluster(options: UpgradeClusterOptions, context: CommandContext): Promise<number> {
  const { result } = await loadConfigFile(options.configFile, context);
  await printProblems(context, result.problems, result.source);
  const config = result.config;
  if (config === undefined) return ExitCode.failed;
  return withAwsClients(config.metadata.region, context, async (clients) => {
    const [{ upgradeCluster }, { createLiveFacts }] = await Promise.all([
      import('../../deploy/index.js'),
      import('../../plan/index.js'),
    ]);
    const view = progressView(context);
    let upgraded: UpgradeResult;
    try {
      upgraded = await upgradeCluster(
        {
          config,
          facts: createLiveFacts(clients),
          approve: options.approve === true,
          ...(options.version === undefined ? {} : { version: options.version }),
        },
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
    context.io.stderr.write(`${summary(upgraded, options.configFile)}\n`);
    if (options.output !== 'text') {
      const steps =
        'steps' in upgraded
          ? upgraded.steps.map((s) => ({
              id: s.id,
              status: s.status,
              ...(s.detail === undefined ? {} : { detail: s.detail }),
            }))
          : undefined;
      context.io.stdout.write(
        await formatData(
          {
            outcome: upgraded.outcome,
            plan: upgraded.plan,
            ...(steps === undefined ? {} : { steps }),
            ...('failures' in upgraded ? { failures: upgraded.failures } : {}),
          },
          options.output,
        ),
      );
    }
    switch (upgraded.outcome) {
      case 'interrupted':
        return ExitCode.interrupted;
      case 'failed':
        return ExitCode.failed;
      default:
        return ExitCode.ok;
    }
  });
}

function summary(result: UpgradeResult, file: string): string {
  const { plan } = result;
  const head = `cluster "${plan.cluster}": Kubernetes ${plan.from} → ${plan.to}`;
  const addons = Object.entries(plan.addons).map(([name, version]) => `${name} ${version}`);
  const steps = [
    ...plan.steps.map((s) => `  ${s.id}: ${s.description}`),
    ...(addons.length === 0 ? [] : [`  add-on versions at ${plan.to}: ${addons.join(', ')}`]),
  ];
  switch (result.outcome) {
    case 'up-to-date':
      return `${head}: the control plane and every nodegroup are at ${plan.to}; nothing to do`;
    case 'planned':
      return [
        `${head}, in these steps:`,
        ...steps,
        `no change made (plan mode); to apply: private-eks upgrade cluster -f ${file} --approve`,
      ].join('\n');
    case 'upgraded':
      return `${head}: done`;
    case 'interrupted':
      return `${head}: interrupted; EKS carries on with what was started. Re-run to resume: private-eks upgrade cluster -f ${file} --approve`;
    case 'failed':
      return [
        `${head}: failed`,
        ...result.failures.map(
          (f) => `  failed ${f.stepId}: ${f.message}${f.hint === undefined ? '' : `\n    hint: ${f.hint}`}`,
        ),
        `  what was upgraded stays; re-run to resume: private-eks upgrade cluster -f ${file} --approve`,
      ].join('\n');
  }
}
