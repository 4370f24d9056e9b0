/**
 * A problem found in a config file. Problems are values, collected from every rule and reported
 * together; the CLI turns them into compiler-style text or JSON (SPEC §1) and an exit code.
 */
export type Severity = 'error' | 'warning';

/**
 * A rule id of SPEC §3 (`V1`…`V20`), or a reader/schema check. `VALUE`: a value private-eks cannot
 * use that no numbered rule covers (a Kubernetes version it does not know, minSize above maxSize, …).
 * `INTERNAL`: a bug in private-eks met while reading the file; never expected (the fuzz tests
 * assert it never appears).
 */
export type RuleId =
  `V${number}` | 'UNKNOWN_FIELD' | 'DUPLICATE_KEY' | 'TYPE' | 'REQUIRED' | 'VALUE' | 'YAML' | 'FILE' | 'INTERNAL';

/** A problem found in a config file or plan: rule id, severity, field path, message, hint and position (file, line, column). */
export interface Problem {
  rule: RuleId;
  severity: Severity;
  /** Dotted field path with indexes, e.g. `vpc.subnets.public`, `nodeGroups[0].privateNetworking`. */
  path: string;
  message: string;
  /** What to write instead; rendered after the message. */
  hint?: string;
  file: string;
  /** 1-based; 0 when the problem has no position in the file (e.g. a missing region). */
  line: number;
  column: number;
}
