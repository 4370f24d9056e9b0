/**
 * The config layer's entry point: file contents → ResolvedConfig, or every problem at once.
 * read (YAML, positions) → field names (unknown, V19) → types → defaults (SPEC §4) → rules (SPEC §3).
 * Never throws, whatever the input: a failure of private-eks itself becomes an INTERNAL problem.
 */
import { applyDefaults } from './defaults.js';
import { checkFieldNames } from './fields.js';
import type { Problem } from './problem.js';
import { readConfigDocument } from './read.js';
import { problemAt, sortProblems } from './report.js';
import type { ResolvedConfig } from './resolved.js';
import { runRules, type RegionSource } from './rules/index.js';
import { checkSchema } from './schema-check.js';

/** The input of loadConfig: the file's contents and name, and the region from `--region` or the environment for a file without one. */
export interface LoadConfigInput {
  /** The file's contents: bytes as read (checked for binary data and UTF-8), or text. */
  readonly text: string | Uint8Array;
  /** The name shown in problems; `-` for stdin. */
  readonly file: string;
  /** `--region`: used when the file has no `metadata.region`. */
  readonly region?: string | undefined;
  /** The environment, for AWS_REGION (read here, not from process.env, so tests control it). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The output of loadConfig. */
export interface LoadConfigResult {
  /** Present only when there is no error (warnings allowed). */
  readonly config?: ResolvedConfig;
  /** Errors first, then warnings; each in file order. */
  readonly problems: readonly Problem[];
  /** The decoded text the problems' positions refer to, for showing source lines. */
  readonly source?: string;
}

function regionSource(fileRegion: string | undefined, input: LoadConfigInput): RegionSource {
  if ((fileRegion ?? '') !== '') return 'file';
  if ((input.region ?? '') !== '') return 'flag';
  if ((input.env?.['AWS_REGION'] ?? '') !== '') return 'env';
  return 'none';
}

function check(input: LoadConfigInput): { config?: ResolvedConfig; problems: Problem[]; source?: string } {
  const read = readConfigDocument(input.text, input.file);
  const source = read.text === undefined ? {} : { source: read.text };
  if (
    read.value === undefined ||
    read.problems.some((p) => p.severity === 'error' && (p.rule === 'YAML' || p.rule === 'FILE'))
  ) {
    return { problems: read.problems, ...source };
  }
  const fields = checkFieldNames(read.value as Record<string, unknown>, read.sourceMap, input.file);
  const typed = checkSchema(fields.value, read.sourceMap, input.file);
  const options = { file: input.file, region: input.region, envRegion: input.env?.['AWS_REGION'] };
  const resolved = applyDefaults(typed.config, options);
  const ruleProblems = runRules({
    config: typed.config,
    resolved,
    source: read.sourceMap,
    file: input.file,
    regionSource: regionSource(typed.config.metadata?.region, input),
    typeErrors: new Set(typed.problems.map((p) => p.path)),
  });
  const problems = [...read.problems, ...fields.problems, ...typed.problems, ...ruleProblems];
  const valid = problems.every((p) => p.severity !== 'error');
  return { ...(valid ? { config: resolved } : {}), problems, ...source };
}

/**
 * Reads, checks and defaults a ClusterConfig file: YAML with positions, field names (unknown and unsupported fields), types, eksctl's defaults, then every validation rule. Never throws: every problem is returned at once, each with file, line, column, rule id and a hint. No AWS call.
 *
 * @returns the resolved config when no problem is an error, the problems, and the decoded text for showing source lines
 */
export function loadConfig(input: LoadConfigInput): LoadConfigResult {
  let result: { config?: ResolvedConfig; problems: Problem[]; source?: string };
  try {
    result = check(input);
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    result = {
      problems: [
        problemAt(
          input.file,
          { line: 0, column: 0 },
          {
            rule: 'INTERNAL',
            path: [],
            message: `private-eks failed while reading this file (${detail.slice(0, 200)})`,
            hint: 'this is a bug in private-eks: please report it with the file',
          },
        ),
      ],
    };
  }
  return { ...result, problems: sortProblems(result.problems) };
}
