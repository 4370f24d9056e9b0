/**
 * Table-driven rule tests: a problem as a test writes it (where it points given as text found in
 * the file, not copied coordinates), turned into the exact Problem the loader must return.
 */
import { expect, it } from 'vitest';
import type { Problem, RuleId, Severity } from '../../../src/config/problem.js';
import { HEADER, lines, load, locate } from './support.js';

export interface ExpectedProblem {
  readonly rule: RuleId;
  readonly path: string;
  /** The text the problem points at: its first occurrence, or `[text, n]` for the n-th. */
  readonly at: string | readonly [string, number];
  readonly message: string;
  readonly hint: string;
  readonly severity?: Severity;
}

/** The Problem objects `text` (loaded as test.yaml) must produce, in this order. */
export function problemsIn(text: string, expected: readonly ExpectedProblem[]): Problem[] {
  return expected.map((p) => {
    const [needle, occurrence] = typeof p.at === 'string' ? [p.at, 1] : p.at;
    return {
      rule: p.rule,
      severity: p.severity ?? 'error',
      path: p.path,
      message: p.message,
      hint: p.hint,
      file: 'test.yaml',
      ...locate(text, needle, occurrence),
    };
  });
}

/** A file (lines after the header) and every problem it must get, exactly. */
export interface ProblemCase {
  readonly name: string;
  /** Lines after the header. */
  readonly yaml: readonly string[];
  readonly problems: readonly ExpectedProblem[];
}

/**
 * One test per case: the loader returns exactly the expected problems, and a config only when
 * none of them is an error. Call inside a describe.
 */
export function itGivesTheseProblems(cases: readonly ProblemCase[]): void {
  it.each(cases)('$name', (c) => {
    const text = lines(HEADER, ...c.yaml);
    const result = load(text);
    expect(result.problems).toEqual(problemsIn(text, c.problems));
    const errors = c.problems.filter((p) => (p.severity ?? 'error') === 'error');
    expect(result.config === undefined).toBe(errors.length > 0);
  });
}
