/**
 * Global setup of the integration project: records every AWS call private-eks makes against the
 * emulator (src/aws/call-counter.ts, PRIVATE_EKS_AWS_CALL_LOG) into one log for the whole run,
 * and at the end checks it against the IAM policy of `utils iam-policy`: a recorded call the
 * policy does not allow fails the run; the coverage figure, the calls-table rows and the
 * statements no run used are printed. Works with files run one at a time (one log, appended by
 * every worker and child CLI process), and for a subset of files (only uncovered calls fail).
 *
 * The same check by hand, on any log: `npx tsx scripts/iam-policy-coverage.ts LOG…`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AWS_CALL_LOG_VARIABLE } from '../../src/aws/call-counter.js';
import { checkPolicyCoverage, parseCallLog, type PolicyCoverage } from '../../src/iam-policy/coverage.js';

export function describeCoverage(coverage: PolicyCoverage, log: string): string {
  const covered = coverage.actions - coverage.uncovered.length;
  const percent = coverage.actions === 0 ? 100 : Math.round((covered / coverage.actions) * 1000) / 10;
  return [
    `[iam-policy] ${coverage.calls} AWS calls, ${coverage.actions} distinct actions recorded (${log}); ` +
      `the policy covers ${covered} of ${coverage.actions} (${percent} %)`,
    ...(coverage.uncovered.length === 0 ? [] : [`[iam-policy] NOT COVERED: ${coverage.uncovered.join(', ')}`]),
    `[iam-policy] calls-table rows no run used: ${coverage.unusedRows.join(', ') || 'none'}`,
    `[iam-policy] statements no recorded call used (CloudFormation acts on them itself): ${coverage.unusedStatements.join(', ') || 'none'}`,
  ].join('\n');
}

export default function setup(): () => void {
  const existing = process.env[AWS_CALL_LOG_VARIABLE];
  let log = existing;
  if (log === undefined || log === '') {
    const dir = path.resolve('.artifacts', 'aws-calls');
    mkdirSync(dir, { recursive: true });
    log = path.join(dir, `integration-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.jsonl`);
    writeFileSync(log, '');
    process.env[AWS_CALL_LOG_VARIABLE] = log;
  }
  const file = log;
  return () => {
    const coverage = checkPolicyCoverage(parseCallLog(readFileSync(file, 'utf8')));
    console.info(describeCoverage(coverage, file));
    if (coverage.uncovered.length > 0) {
      throw new Error(
        `the IAM policy (src/iam-policy/calls.ts) does not allow ${coverage.uncovered.join(', ')}, which the emulator runs called`,
      );
    }
  };
}
