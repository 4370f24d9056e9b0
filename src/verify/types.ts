/**
 * What a verification found, one finding per thing checked: the resource, what is wrong (or that
 * it is right) and, for a failure, the command that fixes it. Read by `create` (at its end),
 * `get cluster --verify` and `doctor`.
 */

export type VerifyCheckId =
  | 'endpoint'
  | 'endpoint-private-dns'
  | 'endpoint-zones'
  | 's3-route'
  | 'endpoint-security-group'
  | 'endpoint-access'
  | 'nodegroup';

export interface VerifyFinding {
  readonly check: VerifyCheckId;
  readonly status: 'ok' | 'fail';
  /** The resource looked at (`vpce-…`, `rtb-…`, `sg-…`, a service name, a nodegroup). */
  readonly resource: string;
  readonly message: string;
  /** For a failure: what to run or do. */
  readonly fix?: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly findings: readonly VerifyFinding[];
}

export function report(findings: readonly VerifyFinding[]): VerifyReport {
  return { ok: findings.every((f) => f.status === 'ok'), findings };
}

/** The failures only, one line each with the fix: how create, get and doctor print them. */
export function failureLines(result: VerifyReport): string[] {
  return result.findings
    .filter((f) => f.status === 'fail')
    .map((f) => `${f.resource}: ${f.message}${f.fix === undefined ? '' : ` (fix: ${f.fix})`}`);
}
