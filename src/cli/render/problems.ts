/**
 * Config problems for people and for scripts. Text is compiler-style, for stderr:
 *
 *   examples/bad.yaml:12:5: error V3 vpc.subnets.public: vpc.subnets.public cannot be specified …
 *      12 |     public:
 *         |     ^
 *     hint: remove vpc.subnets.public; …
 *
 * JSON is SPEC §1's `{"valid", "errors", "warnings"}`, for stdout.
 */
import pc from 'picocolors';
import type { Problem } from '../../config/problem.js';

/** Options of renderProblemsText. */
export interface TextRenderOptions {
  /** The decoded file the positions refer to; without it no source lines are shown. */
  readonly source?: string | undefined;
  readonly color: boolean;
}

/** `-` is how stdin is named in problems; people read `<stdin>`. */
export function displayFile(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/** Control characters of the user's file must not reach the terminal (escape sequences): `?` instead. */
function printable(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    out += (code < 0x20 && c !== '\t') || (code >= 0x7f && code <= 0x9f) ? '?' : c;
  }
  return out;
}
const MAX_SHOWN = 160;

function sourceLines(problem: Problem, lines: readonly string[], colors: ReturnType<typeof pc.createColors>): string[] {
  if (problem.line < 1) return [];
  const raw = lines[problem.line - 1];
  if (raw === undefined) return [];
  let text = printable(raw.replace(/\r$/, ''));
  let column = Math.max(problem.column, 1);
  if (text.length > MAX_SHOWN) {
    // Show a window around the column of a very long line.
    const start = Math.max(0, Math.min(column - 1 - MAX_SHOWN / 2, text.length - MAX_SHOWN));
    text = (start > 0 ? '…' : '') + text.slice(start, start + MAX_SHOWN) + (start + MAX_SHOWN < text.length ? '…' : '');
    column = column - start + (start > 0 ? 1 : 0);
  }
  // Tabs stay tabs under the caret so it lines up in any terminal.
  const pad = [...text.slice(0, column - 1)].map((c) => (c === '\t' ? '\t' : ' ')).join('');
  const gutter = String(problem.line);
  const blank = ' '.repeat(gutter.length);
  return [`  ${colors.dim(`${gutter} |`)} ${text}`, `  ${colors.dim(`${blank} |`)} ${pad}${colors.green('^')}`];
}

/** One problem: the headline, the source line with a caret, the hint. */
export function renderProblem(
  problem: Problem,
  lines: readonly string[],
  colors: ReturnType<typeof pc.createColors>,
): string {
  const where = `${displayFile(problem.file)}:${problem.line}:${problem.column}`;
  const severity =
    problem.severity === 'error' ? colors.bold(colors.red('error')) : colors.bold(colors.yellow('warning'));
  const path = problem.path === '' ? '' : ` ${colors.cyan(problem.path)}`;
  const out = [`${colors.bold(where)}: ${severity} ${problem.rule}${path}: ${printable(problem.message)}`];
  out.push(...sourceLines(problem, lines, colors));
  if (problem.hint !== undefined) out.push(`  ${colors.cyan('hint:')} ${printable(problem.hint)}`);
  return out.join('\n') + '\n';
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 errors, 1 warning`. */
export function problemSummary(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${count(errors, 'error')}, ${count(problems.length - errors, 'warning')}`;
}

/** Every problem, then the summary line (when there are problems). */
export function renderProblemsText(problems: readonly Problem[], options: TextRenderOptions): string {
  if (problems.length === 0) return '';
  const colors = pc.createColors(options.color);
  const lines = options.source === undefined ? [] : options.source.split('\n');
  return problems.map((p) => renderProblem(p, lines, colors)).join('\n') + '\n' + problemSummary(problems) + '\n';
}

/** A Problem as `validate -o json` prints it. */
export interface ProblemJson {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly hint?: string;
}

/** The JSON document `validate -o json` prints: `valid`, `errors`, `warnings`. */
export interface ValidationJson {
  readonly valid: boolean;
  readonly errors: readonly ProblemJson[];
  readonly warnings: readonly ProblemJson[];
}

function problemJson(p: Problem): ProblemJson {
  const json: ProblemJson = {
    rule: p.rule,
    path: p.path,
    message: p.message,
    file: p.file,
    line: p.line,
    column: p.column,
    severity: p.severity,
  };
  return p.hint === undefined ? json : { ...json, hint: p.hint };
}

/** SPEC §1: `{"valid": bool, "errors": [Problem], "warnings": [Problem]}`. */
export function validationJson(problems: readonly Problem[]): ValidationJson {
  const errors = problems.filter((p) => p.severity === 'error').map(problemJson);
  const warnings = problems.filter((p) => p.severity === 'warning').map(problemJson);
  return { valid: errors.length === 0, errors, warnings };
}
