/**
 * Problems found while planning. The ResolvedConfig carries no source positions, so plan problems
 * name the file and the field path, with line and column 0 ("no position", problem.ts).
 *
 * Rule ids reuse SPEC §3 where one fits (V14 zones, V16 CIDRs, V20 endpoint services). The
 * planning layer adds:
 * - V21: a user-supplied VPC or subnet that a fully-private cluster cannot use (SPEC §5.5);
 * - V22: a nodegroup's or Fargate profile's `availabilityZones` / `subnets` that name no place of
 *   the cluster (placement.ts);
 * - V23: what an IPv6 cluster needs (ipv6.ts), with eksctl's messages.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import type { Problem, RuleId, Severity } from '../config/problem.js';

export interface ProblemDraft {
  readonly rule: RuleId;
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  readonly severity?: Severity;
}

export function planProblem(config: Pick<ResolvedConfig, 'file'>, draft: ProblemDraft): Problem {
  return {
    rule: draft.rule,
    severity: draft.severity ?? 'error',
    path: draft.path,
    message: draft.message,
    ...(draft.hint === undefined ? {} : { hint: draft.hint }),
    file: config.file,
    line: 0,
    column: 0,
  };
}

/** Quoted, comma-separated: `"a", "b"`. */
export function quoteList(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(', ');
}
