/**
 * The doctor report as text (one block per check: status, title, detail, fix) or JSON (stable
 * shape for scripts: `{ok, cluster, region, summary, checks: [{id, title, status, detail, fix}]}`).
 */
import pc from 'picocolors';
import type { AwsCallSnapshot } from '../aws/call-counter.js';
import type { CheckStatus, DoctorReport } from './types.js';

/**
 * Details carry text from the environment, the config and AWS answers: control characters must
 * not reach the terminal (escape sequences), so they become `?`.
 */
function printable(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    out += (code < 0x20 && c !== '\t' && c !== '\n') || (code >= 0x7f && code <= 0x9f) ? '?' : c;
  }
  return out;
}

const LABEL: Readonly<Record<CheckStatus, string>> = { ok: 'ok', warn: 'warn', fail: 'FAIL', skip: 'skip' };

/** A doctor report as text, one line per check with its fix, as `private-eks doctor` prints it. */
export function renderDoctorText(report: DoctorReport, options: { color: boolean; file?: string }): string {
  const colors = pc.createColors(options.color);
  const paint: Readonly<Record<CheckStatus, (s: string) => string>> = {
    ok: colors.green,
    warn: colors.yellow,
    fail: colors.red,
    skip: colors.dim,
  };
  const titleWidth = Math.max(...report.checks.map((c) => c.title.length), 0);
  const indent = ' '.repeat(2 + 5 + titleWidth + 2);
  const lines: string[] = [];
  const subject =
    report.cluster === null ? `region ${report.region}` : `cluster "${report.cluster}" in ${report.region}`;
  lines.push(`doctor: ${subject}${options.file === undefined ? '' : ` (${options.file})`}`);
  for (const check of report.checks) {
    const [first = '', ...more] = printable(check.detail).split('\n');
    lines.push(`  ${paint[check.status](LABEL[check.status].padEnd(4))} ${check.title.padEnd(titleWidth)}  ${first}`);
    for (const line of more) lines.push(`${indent}${line}`);
    if (check.fix !== undefined && check.fix !== '' && (check.status === 'warn' || check.status === 'fail')) {
      lines.push(`${indent}${colors.bold('fix:')} ${printable(check.fix)}`);
    }
  }
  const { ok, warn, fail, skip } = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${ok} ok, ${plural(warn, 'warning')}, ${fail} failed, ${skip} skipped`);
  return lines.join('\n') + '\n';
}

/** A doctor report as the JSON document `private-eks doctor -o json` prints. */
export function doctorJson(report: DoctorReport, awsCalls?: AwsCallSnapshot): unknown {
  return {
    ok: report.ok,
    cluster: report.cluster,
    region: report.region,
    summary: report.summary,
    checks: report.checks.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status,
      detail: c.detail,
      fix: c.fix ?? null,
    })),
    ...(awsCalls === undefined ? {} : { awsCalls }),
  };
}
