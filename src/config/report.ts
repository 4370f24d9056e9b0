/**
 * Building and ordering Problems. Every check of the config layer reports through these, so each
 * problem has its rule, path, position and a hint in the same shape.
 */
import { formatPath, type FieldPath } from './path.js';
import type { Problem, RuleId, Severity } from './problem.js';
import type { SourcePosition } from './source-map.js';

export interface ProblemSpec {
  readonly rule: RuleId;
  readonly path: FieldPath;
  readonly message: string;
  readonly hint?: string | undefined;
  readonly severity?: Severity;
}

export function problemAt(file: string, at: SourcePosition, spec: ProblemSpec): Problem {
  const problem: Problem = {
    rule: spec.rule,
    severity: spec.severity ?? 'error',
    path: formatPath(spec.path),
    message: spec.message,
    file,
    line: at.line,
    column: at.column,
  };
  if (spec.hint !== undefined) problem.hint = spec.hint;
  return problem;
}

/** Errors before warnings; within each, file order (line, then column); otherwise as found. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const rank = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        rank(a.problem) - rank(b.problem) ||
        a.problem.line - b.problem.line ||
        a.problem.column - b.problem.column ||
        a.index - b.index,
    )
    .map((x) => x.problem);
}

/** A user's value inside a message: quoted and escaped, and cut short, so it cannot garble a terminal. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > max ? text.slice(0, max) + '…' : text;
  return JSON.stringify(cut);
}

/** How a value looks, for "expected X, got Y" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'number') return `the number ${Number.isFinite(value) ? String(value) : quote(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  return `a ${typeof value}`;
}

/** How many problems are shown in full; the rest are counted (a broken file must not flood a terminal). */
export const MAX_PROBLEMS_SHOWN = 100;

export interface LimitedProblems {
  readonly shown: readonly Problem[];
  readonly omittedErrors: number;
  readonly omittedWarnings: number;
}

/** The first `max` problems (errors come first), and a count of the others by severity. */
export function limitProblems(problems: readonly Problem[], max = MAX_PROBLEMS_SHOWN): LimitedProblems {
  const rest = problems.slice(max);
  const omittedErrors = rest.filter((p) => p.severity === 'error').length;
  return { shown: problems.slice(0, max), omittedErrors, omittedWarnings: rest.length - omittedErrors };
}
