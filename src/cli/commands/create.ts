/**
 * `create cluster` and `create nodegroup` (SPEC §7): flags → config → plan (live facts) →
 * templates → src/deploy → progress on stderr, summary, exit code. The AWS SDK and the deploy
 * layer are loaded with `await import()`, so `validate` and `plan --offline` never load them.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { BuiltAwsClients } from '../../aws/clients.js';
import type { LoadConfigResult, ResolvedConfig } from '../../config/index.js';
import type { CreateResult } from '../../deploy/results.js';
import { UsageError } from '../../errors.js';
import { kubeconfigPath } from '../../kubeconfig/path.js';
import type { Plan } from '../../plan/types.js';
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import { createSummary, formatData } from '../render/output.js';
import { profileOf, withAwsClients } from '../shared/aws.js';
import { loadConfigFile, printProblems } from '../shared/config-file.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { endpointSwitchOption, kubeconfigOption, outputOption, parallelismOption } from '../shared/options.js';
import { progressView } from '../shared/progress.js';

interface CreateClusterOptions {
  configFile: string;
  dryRun?: boolean;
  offline?: boolean;
  outDir?: string;
  endpointSwitch: 'auto' | 'always' | 'never';
  parallelism: number;
  kubeconfig?: string;
  writeKubeconfig: boolean;
  approve?: boolean;
  output: 'text' | 'json' | 'yaml';
}

interface CreateNodegroupOptions {
  configFile: string;
  include?: string;
  parallelism: number;
  output: 'text' | 'json' | 'yaml';
}

export function registerCreate(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  const create = commandGroup(program, 'create');
  create
    .command('cluster')
    .description('create the cluster described by a ClusterConfig file (stacks, kubeconfig, endpoint access)')
    .requiredOption('-f, --config-file <file>', 'eksctl ClusterConfig file (- for stdin)')
    .option('--dry-run', 'print the plan, as `private-eks plan`, and change nothing (offline without credentials)')
    .option('--offline', 'with --dry-run: plan with the built-in catalog, without asking AWS')
    .option('--out-dir <dir>', 'also write each stack template to <dir>/<stack>.json')
    .addOption(endpointSwitchOption())
    .addOption(parallelismOption('stacks created'))
    .addOption(kubeconfigOption('write'))
    .option('--no-write-kubeconfig', 'do not write a kubeconfig entry')
    .option(
      '--approve',
      'accept opening the API server to the internet while a step needs the Kubernetes API, without asking (needed without a terminal)',
    )
    .addOption(outputOption(['text', 'json', 'yaml'], 'the result on stdout as well'))
    .action(async (options: CreateClusterOptions) => setExitCode(await runCreateCluster(options, context)));
  create
    .command('nodegroup')
    .description('add the nodegroups of a ClusterConfig file to a cluster private-eks created')
    .requiredOption('-f, --config-file <file>', 'eksctl ClusterConfig file (- for stdin)')
    .option('--include <names>', 'only these nodegroups (comma-separated names or globs)')
    .addOption(parallelismOption('stacks created'))
    .addOption(outputOption(['text', 'json', 'yaml'], 'the result on stdout as well'))
    .action(async (options: CreateNodegroupOptions) => setExitCode(await runCreateNodegroup(options, context)));
}

async function planFor(
  config: ResolvedConfig,
  clients: BuiltAwsClients,
  context: CommandContext,
  endpointSwitch: CreateClusterOptions['endpointSwitch'],
  source: string | undefined,
): Promise<Plan | undefined> {
  const [{ buildPlan, createLiveFacts }, { locateProblems }] = await Promise.all([
    import('../../plan/index.js'),
    import('../../config/locate.js'),
  ]);
  const { plan, problems } = await buildPlan(config, createLiveFacts(clients), { endpointSwitch });
  await printProblems(context, locateProblems(problems, source), source);
  return plan;
}

function exitCodeOf(result: CreateResult): number {
  if (result.outcome === 'created') return ExitCode.ok;
  return result.outcome === 'interrupted' ? ExitCode.interrupted : ExitCode.failed;
}

async function runCreateCluster(options: CreateClusterOptions, context: CommandContext): Promise<number> {
  if (options.dryRun === true) return runDryRun(options, context);
  if (options.offline === true) {
    throw new UsageError('--offline only goes with --dry-run: creating a cluster needs AWS', {
      hint: 'add --dry-run to see the plan offline, or drop --offline',
    });
  }
  const { result } = await loadConfigFile(options.configFile, context);
  await printProblems(context, result.problems, result.source);
  const config = result.config;
  if (config === undefined) return ExitCode.failed;
  const preflight = await import('../shared/preflight.js');
  await preflight.warnAboutProxies(context.io, config.metadata.region);
  return withAwsClients(config.metadata.region, context, async (clients) => {
    const plan = await planFor(config, clients, context, options.endpointSwitch, result.source);
    if (plan === undefined) return ExitCode.failed;
    const { stopForChangesToExistingCluster } = await import('../shared/existing-cluster.js');
    if (await stopForChangesToExistingCluster(config, clients, context, options.configFile)) return ExitCode.failed;
    if (plan.cluster.iam.withOIDC) await preflight.checkOidcInterception(context, config.metadata.region);
    await preflight.confirmPublicWindow(context, plan.endpointAccess, options.approve === true);
    const [{ renderTemplates }, { createCluster }, { writeTemplates }] = await Promise.all([
      import('../../templates/index.js'),
      import('../../deploy/index.js'),
      import('../shared/run-plan.js'),
    ]);
    const templates = renderTemplates(plan);
    if (options.outDir !== undefined) await writeTemplates(options.outDir, templates, context);
    const view = progressView(context);
    const kubeconfigFile = options.writeKubeconfig
      ? path.resolve(context.io.cwd, options.kubeconfig ?? kubeconfigPath(context.io.env))
      : false;
    let created: CreateResult;
    try {
      created = await createCluster(
        { plan, templates },
        {
          clients,
          events: view.sink,
          signal: context.signal,
          parallelism: options.parallelism,
          kubeconfigPath: kubeconfigFile,
          kubernetes: { proxyEnv: context.io.env },
          ...profileOf(context),
        },
      );
    } finally {
      view.close();
    }
    return report(created, plan, options, context, `private-eks create cluster -f ${options.configFile}`);
  });
}

async function report(
  created: CreateResult,
  plan: Plan,
  options: { output: 'text' | 'json' | 'yaml' },
  context: CommandContext,
  rerun: string,
): Promise<number> {
  context.io.stderr.write(
    createSummary(created, {
      color: useColor(context.io, context.globals().color),
      rerun,
      hasEksEndpoint: plan.endpoints.some((e) => e.service === 'eks'),
      withOidc: plan.cluster.iam.withOIDC,
      ...profileOf(context),
    }),
  );
  if (options.output !== 'text') context.io.stdout.write(await formatData(resultDocument(created), options.output));
  return exitCodeOf(created);
}

/** The result without error objects (they do not serialize): what `-o json` prints. */
function resultDocument(result: CreateResult): Record<string, unknown> {
  return {
    ...result,
    steps: result.steps.map((s) => ({
      id: s.id,
      status: s.status,
      ...(s.detail === undefined ? {} : { detail: s.detail }),
    })),
    endpointAccess:
      result.endpointAccess.state === 'after-failure' && result.endpointAccess.outcome.result === 'failed'
        ? { state: 'after-failure', outcome: { result: 'failed', command: result.endpointAccess.outcome.command } }
        : result.endpointAccess,
  };
}

/**
 * `--dry-run` = `plan` (SPEC §1): the planning command's own code, against live facts — or offline
 * with `--offline`, or when no credentials are found (SPEC §5.3).
 */
async function runDryRun(options: CreateClusterOptions, context: CommandContext): Promise<number> {
  const { runPlan } = await import('../shared/run-plan.js');
  return runPlan(
    {
      configFile: options.configFile,
      offline: options.offline === true,
      offlineWithoutCredentials: true,
      output: options.output,
      endpointSwitch: options.endpointSwitch,
      outDir: options.outDir,
    },
    context,
  );
}

async function runCreateNodegroup(options: CreateNodegroupOptions, context: CommandContext): Promise<number> {
  const loaded = await loadConfigFile(options.configFile, context);
  if (loaded.result.config !== undefined) await printProblems(context, loaded.result.problems, loaded.result.source);
  const config = loaded.result.config ?? (await assumePrivateCluster(loaded, context));
  if (config === undefined) {
    if (loaded.result.config === undefined) await printProblems(context, loaded.result.problems, loaded.result.source);
    return ExitCode.failed;
  }
  const include = (options.include ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const { selectNodeGroups, createNodegroups } = await import('../../deploy/index.js');
  const names = [...config.nodeGroups, ...config.managedNodeGroups].map((n) => n.name);
  const { selected, unmatched } = selectNodeGroups(names, include);
  if (unmatched.length > 0) {
    throw new UsageError(`--include ${unmatched.join(', ')} matches no nodegroup of the file`, {
      hint: `the file has: ${names.join(', ') || 'no nodegroups'}`,
    });
  }
  if (selected.length === 0) throw new UsageError('the file has no nodegroups to create');
  const { warnAboutProxies } = await import('../shared/preflight.js');
  await warnAboutProxies(context.io, config.metadata.region);
  return withAwsClients(config.metadata.region, context, async (clients) => {
    const plan = await planFor(config, clients, context, 'auto', loaded.result.source);
    if (plan === undefined) return ExitCode.failed;
    const { renderTemplates } = await import('../../templates/index.js');
    const view = progressView(context);
    let created: CreateResult;
    try {
      created = await createNodegroups(
        { plan, templates: renderTemplates(plan), include },
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
    return report(created, plan, options, context, `private-eks create nodegroup -f ${options.configFile}`);
  });
}

/**
 * SPEC §7 last paragraph: a nodegroup file may leave out `privateCluster` (V1). When the cluster
 * stack says the cluster is fully private (ClusterFullyPrivate), the file is read again as if it
 * said `privateCluster.enabled: true`, so every private-cluster rule (V8 …) still applies.
 */
async function assumePrivateCluster(
  loaded: { result: LoadConfigResult; text: Uint8Array; file: string; fileRegion: string | undefined },
  context: CommandContext,
): Promise<ResolvedConfig | undefined> {
  const errors = loaded.result.problems.filter((p) => p.severity === 'error');
  const { parseDocument } = await import('../shared/yaml.js');
  const doc = parseDocument(Buffer.from(loaded.text).toString('utf8'));
  const onlyMissingPrivateCluster = errors.every((p) => p.rule === 'V1') && doc.get('privateCluster') === undefined;
  const name = doc.getIn(['metadata', 'name']);
  if (errors.length === 0 || !onlyMissingPrivateCluster || typeof name !== 'string') return undefined;
  const { fullyPrivate, region } = await withAwsClients(loaded.fileRegion, context, async (clients) => {
    const { describeStack } = await import('../../deploy/stacks.js');
    const stack = await describeStack(clients.cloudFormation, `eksctl-${name}-cluster`);
    return { fullyPrivate: stack?.outputs['ClusterFullyPrivate'] === 'true', region: clients.region };
  });
  if (!fullyPrivate) return undefined;
  doc.setIn(['privateCluster', 'enabled'], true);
  context.io.stderr.write(
    `the file has no privateCluster section; cluster "${name}" is fully private (its stack says ClusterFullyPrivate), so the private-cluster rules apply\n`,
  );
  const { loadConfig } = await import('../../config/index.js');
  const again = loadConfig({
    text: doc.toString(),
    file: loaded.file,
    region,
  });
  await printProblems(context, again.problems, again.source);
  return again.config;
}
