/** Exit codes of SPEC §1. */
export const ExitCode = {
  ok: 0,
  /** The config is invalid, or the operation failed. */
  failed: 1,
  /** Bad command-line usage. */
  usage: 2,
  /** Interrupted; a re-run resumes. */
  interrupted: 3,
  /** Partly done with `--force`; what was left is listed. */
  partial: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
