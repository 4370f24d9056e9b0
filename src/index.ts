/**
 * The library API of private-eks; the CLI (src/cli) is built on it. Re-exports only.
 */
export * from './errors.js';
export type { Problem, Severity, RuleId } from './config/problem.js';
export type * from './config/resolved.js';
export type * from './plan/types.js';
export type * from './plan/facts.js';
export type { AwsClients } from './aws/types.js';
export { VERSION } from './version.js';
