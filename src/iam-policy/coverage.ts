/**
 * Checking the policy against the AWS calls a run actually made (the integration suite's call
 * log, see src/aws/call-counter.ts AWS_CALL_LOG_VARIABLE): calls no statement allows are
 * failures; rows of the calls table that no recorded call used are listed, so stale rows are
 * seen. Actions CloudFormation takes itself cannot be recorded against the emulator.
 */
import { CALLS } from './calls.js';
import { buildIamPolicy, statementsAllowing, type PolicyDocument } from './policy.js';

export interface RecordedCall {
  readonly action: string;
  readonly ok: boolean;
}

export interface PolicyCoverage {
  /** Distinct actions recorded, and how many calls. */
  readonly actions: number;
  readonly calls: number;
  /** Recorded actions the policy does not allow: each is a failure. */
  readonly uncovered: string[];
  /** Rows of the calls table that no recorded call used. */
  readonly unusedRows: string[];
  /** Statements none of whose actions was recorded (typically CloudFormation-only scopes). */
  readonly unusedStatements: string[];
}

export function checkPolicyCoverage(
  recorded: readonly RecordedCall[],
  policy: PolicyDocument = buildIamPolicy(),
): PolicyCoverage {
  const actions = new Set(recorded.map((r) => r.action));
  const uncovered = [...actions].filter((a) => statementsAllowing(policy, a).length === 0).sort();
  const lower = new Set([...actions].map((a) => a.toLowerCase()));
  const unusedRows = CALLS.filter((row) => !lower.has(row.action.toLowerCase())).map((row) => row.action);
  const unusedStatements = policy.Statement.filter((s) => !s.Action.some((a) => lower.has(a.toLowerCase()))).map(
    (s) => s.Sid,
  );
  return { actions: actions.size, calls: recorded.length, uncovered, unusedRows, unusedStatements };
}

/** Parses a call log (one JSON object per line); unreadable lines are skipped. */
export function parseCallLog(text: string): RecordedCall[] {
  const calls: RecordedCall[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as Partial<RecordedCall>;
      if (typeof value.action === 'string') calls.push({ action: value.action, ok: value.ok === true });
    } catch {
      // A line cut short by a killed process: the rest of the log still counts.
    }
  }
  return calls;
}
