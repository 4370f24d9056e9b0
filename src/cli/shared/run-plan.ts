/**
 * `private-eks plan` and `create cluster --dry-run` run this: the plan of a config file, printed
 * as text, JSON or YAML, against live facts or the built-in catalog.
 */
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { BuiltAwsClients } from '../../aws/clients.js';
import { openAwsClients } from './aws.js';
import { loadConfigFile } from './config-file.js';
import type { CommandContext } from './context.js';
import type { Problem } from '../../config/problem.js';
import type { EndpointSwitchMode } from '../../plan/endpoint-access.js';
import type { CloudFacts } from '../../plan/facts.js';
import type { Template } from '../../templates/index.js';
import type { ClusterDiff } from '../../deploy/diff/types.js';

/** `mermaid`: the network picture only, as a Mermaid flowchart. */
export type PlanOutput = 'text' | 'json' | 'yaml' | 'mermaid';

/** `plan`'s options, parsed; `create cluster --dry-run` passes the same. */
export interface PlanOptions {
  readonly configFile: string;
  /** Facts from the built-in catalog instead of AWS (SPEC §5.3 "Offline"). */
  readonly offline?: boolean;
  /**
   * `create cluster --dry-run`: when the SDK's default credential chain finds no credentials,
   * plan offline instead of failing (SPEC §5.3 "`--dry-run` without credentials"), and say so on
   * stderr. `plan` itself does not fall back: it exists to check the config against AWS.
   */
  readonly offlineWithoutCredentials?: boolean;
  /** Default `text` (stdout). */
  readonly output?: PlanOutput;
  /** SPEC §7 step 5; default `auto`. */
  readonly endpointSwitch?: EndpointSwitchMode;
  /** `create cluster --dry-run --out-dir`: each stack's template is written there too. */
  readonly outDir?: string | undefined;
}

/**
 * `private-eks plan`: everything `create cluster` would do — stacks, subnets, endpoints per zone,
 * steps, endpoint access, cost — with no change made (SPEC §1). Config problems and plan problems
 * are printed like `validate` prints them (stderr; `-o json`: the validate document on stdout).
 * Without `--offline` the AWS clients are loaded on demand, so `plan --offline` never loads the SDK.
 * Returns the exit code: 0 planned, 1 invalid config or plan problems; usage errors are thrown.
 */
export async function runPlan(options: PlanOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const output = options.output ?? 'text';
  const [render, { buildPlan, createOfflineFacts, createLiveFacts }] = await Promise.all([
    import('../render/problems.js'),
    import('../../plan/index.js'),
  ]);
  const color = useColor(io, context.globals().color);
  const report = (problems: readonly Problem[], source?: string): void => {
    if (problems.length === 0) return;
    const invalid = problems.some((p) => p.severity === 'error');
    if (output !== 'text' && invalid) {
      io.stdout.write(JSON.stringify(render.validationJson(problems), null, 2) + '\n');
    } else {
      io.stderr.write(render.renderProblemsText(problems, { source, color }));
    }
  };

  const { result: loaded } = await loadConfigFile(options.configFile, context);
  report(loaded.problems, loaded.source);
  const config = loaded.config;
  if (config === undefined) return ExitCode.failed;

  let facts: CloudFacts = createOfflineFacts();
  let release = (): void => {};
  let live: BuiltAwsClients | undefined;
  if (options.offline !== true) {
    // What doctor warns about, said where it matters: a live plan goes through the proxy too.
    const { warnAboutProxies } = await import('./preflight.js');
    await warnAboutProxies(io, config.metadata.region);
    const clients = await openAwsClients(config.metadata.region, context);
    if (options.offlineWithoutCredentials === true && !(await hasCredentials(clients))) {
      clients.destroy();
      io.stderr.write(
        'no AWS credentials found (environment, shared config and credentials files, SSO, instance role): planning offline with the built-in catalog; zones, endpoint services and a supplied VPC are not checked against AWS\n',
      );
    } else {
      release = () => clients.destroy();
      facts = createLiveFacts(clients);
      live = clients;
    }
  }
  let result;
  let existing: ClusterDiff | undefined;
  try {
    result = await buildPlan(config, facts, { endpointSwitch: options.endpointSwitch ?? 'auto' });
    // Against live facts: when the cluster exists, what the file would change in it.
    if (result.plan !== undefined && live !== undefined && output !== 'mermaid') {
      const { diffOfExistingCluster } = await import('./existing-cluster.js');
      existing = await diffOfExistingCluster(config, live, undefined);
    }
  } finally {
    release();
  }
  const { locateProblems } = await import('../../config/locate.js');
  report(locateProblems(result.problems, loaded.source), loaded.source);
  const plan = result.plan;
  if (plan === undefined) return ExitCode.failed;
  // Templates CloudFormation would refuse (size, stack names, tags) fail the plan, as in validate.
  const rendered = await (await import('../../validate/offline.js')).renderChecked(plan, config.file);
  report(rendered.problems);
  if (rendered.templates === undefined) return ExitCode.failed;

  const [{ planDocument, renderPlanText }, { formatData }] = await Promise.all([
    import('../render/plan.js'),
    import('../render/output.js'),
  ]);
  const templates = rendered.templates;
  if (options.outDir !== undefined) await writeTemplates(options.outDir, templates, context);
  if (output === 'text') {
    io.stdout.write(renderPlanText(plan));
    if (existing !== undefined) {
      const { renderDiffText } = await import('../render/diff.js');
      io.stdout.write(`\n${renderDiffText(existing, { color })}`);
    }
  } else if (output === 'mermaid') {
    const [{ networkPicture }, { renderNetworkMermaid }] = await Promise.all([
      import('../../render/network-picture.js'),
      import('../../render/network-mermaid.js'),
    ]);
    io.stdout.write(renderNetworkMermaid(networkPicture(plan)));
  } else {
    const document = {
      ...planDocument(plan, templates),
      ...(existing === undefined
        ? {}
        : { existingCluster: { ...existing, stacks: existing.stacks.map(({ changeSetId: _c, ...s }) => s) } }),
    };
    io.stdout.write(await formatData(document, output));
  }
  return ExitCode.ok;
}

/** Each stack's template as `<dir>/<stack>.json` (create's and --dry-run's `--out-dir`). */
export async function writeTemplates(
  outDir: string,
  templates: ReadonlyMap<string, Template>,
  context: CommandContext,
): Promise<void> {
  const [{ mkdir, writeFile }, path, { templateJson }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('../../templates/index.js'),
  ]);
  const dir = path.resolve(context.io.cwd, outDir);
  await mkdir(dir, { recursive: true });
  for (const [stack, template] of templates) {
    await writeFile(path.join(dir, `${stack}.json`), templateJson(template));
  }
  context.io.stderr.write(`${templates.size} templates written to ${dir}\n`);
}

/**
 * Whether the SDK's default credential chain (as the clients resolve it: environment, `--profile`
 * or AWS_PROFILE, SSO, web identity, instance metadata) yields credentials. Asked once, before any
 * AWS call, through the STS client's own provider, so a dry run without credentials falls back to
 * offline up front instead of failing on its first lookup. Errors other than "no usable
 * credentials" (a broken config file, say) are not hidden.
 */
async function hasCredentials(clients: BuiltAwsClients): Promise<boolean> {
  const { isCredentialsError } = await import('../../aws/aws-errors.js');
  try {
    await clients.sts.config.credentials();
    return true;
  } catch (error) {
    if (isCredentialsError(error)) return false;
    throw error;
  }
}
