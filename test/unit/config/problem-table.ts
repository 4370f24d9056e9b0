/**
 * Table-driven rule tests: a problem as a test writes it (where it points given as text found in
 * the file, not copied coordinates), turned into the exact Problem the loader must return.
 */
import type { Problem, RuleId, Severity } from '../../../src/config/problem.js';
import { locate } from './support.js';

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
