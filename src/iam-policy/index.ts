/** The IAM policy for the person or CI role running private-eks (`utils iam-policy`). */
export { buildIamPolicy, parsePolicyCommands, scopedActions, statementsAllowing } from './policy.js';
export type { PolicyDocument, PolicyOptions, PolicyStatement } from './policy.js';
export { CALLS, POLICY_COMMANDS } from './calls.js';
export type { CallRow, PolicyCommand } from './calls.js';
export { CLOUDFORMATION_RESOURCES } from './cloudformation-resources.js';
export { checkPolicyCoverage, parseCallLog } from './coverage.js';
export type { PolicyCoverage, RecordedCall } from './coverage.js';
