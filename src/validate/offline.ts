/**
 * One verdict for a config file, offline: everything `plan --offline` checks, and what
 * CloudFormation would refuse at CreateStack. Read, default and check the file (config layer),
 * plan it with the built-in catalog, render every template and check each against CloudFormation's
 * limits. A file this accepts plans offline and renders templates CloudFormation takes.
 */
import { loadConfig, type LoadConfigInput } from '../config/index.js';
import type { Problem } from '../config/problem.js';
import type { ResolvedConfig } from '../config/resolved.js';
import { sortProblems } from '../config/report.js';
import { PrivateEksError } from '../errors.js';
import type { Plan } from '../plan/index.js';
import { templateBodyBytes, TEMPLATE_BODY_LIMIT } from '../templates/json.js';
import type { Template } from '../templates/index.js';

export interface OfflineCheckResult {
  /** Present when nothing is an error. */
  readonly config?: ResolvedConfig;
  readonly plan?: Plan;
  readonly templates?: ReadonlyMap<string, Template>;
  /** Errors first, then warnings. */
  readonly problems: readonly Problem[];
  /** The decoded text the problems' positions refer to. */
  readonly source?: string;
}

/** CloudFormation's stack name rule. */
const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const MAX_TAGS = 50;

function problemOf(file: string, rule: Problem['rule'], path: string, message: string, hint?: string): Problem {
  return { rule, severity: 'error', path, message, ...(hint === undefined ? {} : { hint }), file, line: 0, column: 0 };
}

/** What CloudFormation (and the services behind it) refuse before creating anything. */
export function templateLimitProblems(file: string, templates: ReadonlyMap<string, Template>): Problem[] {
  const problems: Problem[] = [];
  for (const [stack, template] of templates) {
    if (!STACK_NAME.test(stack)) {
      problems.push(
        problemOf(
          file,
          'VALUE',
          'metadata.name',
          `stack name ${JSON.stringify(stack.slice(0, 60))} is not a CloudFormation stack name (a letter, then letters, digits and dashes, at most 128 characters)`,
          'shorten the cluster or nodegroup names',
        ),
      );
    }
    const bytes = templateBodyBytes(template);
    if (bytes > TEMPLATE_BODY_LIMIT) {
      problems.push(
        problemOf(
          file,
          'VALUE',
          '',
          `the template of stack ${stack} is ${bytes} bytes; CloudFormation takes at most ${TEMPLATE_BODY_LIMIT} bytes in a template body`,
          'split the work: fewer nodegroups, endpoints or access entries per file, shorter tags and commands (create nodegroups later with create nodegroup)',
        ),
      );
    }
    for (const [id, resource] of Object.entries(template.Resources)) {
      const tags = (resource.Properties as { Tags?: unknown } | undefined)?.Tags;
      const count = Array.isArray(tags)
        ? tags.length
        : typeof tags === 'object' && tags !== null
          ? Object.keys(tags).length
          : 0;
      if (count > MAX_TAGS) {
        problems.push(
          problemOf(
            file,
            'VALUE',
            'metadata.tags',
            `resource ${id} of stack ${stack} would have ${count} tags; AWS allows at most ${MAX_TAGS}`,
            'remove tags from metadata.tags or from the nodegroup, add-on or Fargate profile',
          ),
        );
      }
    }
  }
  return problems;
}

function renderProblem(file: string, error: unknown): Problem {
  if (PrivateEksError.isPrivateEksError(error) && error.source === 'user') {
    return problemOf(file, 'VALUE', '', error.message, error.hint);
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return problemOf(
    file,
    'INTERNAL',
    '',
    `private-eks failed while rendering the templates of this file (${detail.slice(0, 200)})`,
    'this is a bug in private-eks: please report it with the file',
  );
}

/**
 * Render every template of a plan and check it against CloudFormation's limits: what `plan` and
 * `validate` both do before anything is created. Templates are absent when any check fails.
 */
export async function renderChecked(
  plan: Plan,
  file: string,
): Promise<{ templates?: Map<string, Template>; problems: Problem[] }> {
  const { renderTemplates } = await import('../templates/index.js');
  let templates: Map<string, Template>;
  try {
    templates = renderTemplates(plan);
  } catch (error) {
    return { problems: [renderProblem(file, error)] };
  }
  const problems = templateLimitProblems(file, templates);
  return problems.length > 0 ? { problems } : { templates, problems };
}

/** The whole offline check of a config file: `validate`'s verdict, the same as `plan --offline`'s. */
export async function checkConfigOffline(input: LoadConfigInput): Promise<OfflineCheckResult> {
  const loaded = loadConfig(input);
  const source = loaded.source === undefined ? {} : { source: loaded.source };
  const config = loaded.config;
  if (config === undefined) return { problems: loaded.problems, ...source };
  // Loaded on use: a file the config layer refuses never pays for the planner and the templates.
  const { buildPlan, createOfflineFacts } = await import('../plan/index.js');
  const planned = await buildPlan(config, createOfflineFacts());
  const problems = [...loaded.problems, ...planned.problems];
  const plan = planned.plan;
  if (plan === undefined) return { problems: sortProblems(problems), ...source };
  const rendered = await renderChecked(plan, config.file);
  const sorted = sortProblems([...problems, ...rendered.problems]);
  if (rendered.templates === undefined || sorted.some((p) => p.severity === 'error')) {
    return { problems: sorted, ...source };
  }
  return { config, plan, templates: rendered.templates, problems: sorted, ...source };
}
