/**
 * What `create` does with a stack it finds already there (SPEC §7 "re-running create cluster
 * resumes"): one row per CloudFormation stack status. Never deletes a stack that holds a working
 * resource; deletes (and creates again) only a stack whose create failed and rolled back, which
 * holds nothing.
 *
 * Status list: StackStatus in @aws-sdk/client-cloudformation (models/enums), the same as the
 * CloudFormation API reference's "StackStatus" values.
 */

export type ResumeAction =
  /** No stack (or only a deleted one): create it. */
  | { readonly action: 'create' }
  /** Complete and stable: use its outputs. */
  | { readonly action: 'reuse' }
  /** An operation is running: wait for it, then decide again. */
  | { readonly action: 'wait' }
  /** A create failed and rolled back; the stack is an empty shell that blocks the name. */
  | { readonly action: 'recreate' }
  /** Needs a person: say why and what to do next. */
  | { readonly action: 'blocked'; readonly reason: string; readonly hint: string };

const REUSE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  // An update that rolled back leaves the stack as it was before the update: working.
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
]);

const RECREATE = new Set(['ROLLBACK_COMPLETE', 'CREATE_FAILED']);

export function resumeAction(stackName: string, status: string | undefined): ResumeAction {
  if (status === undefined || status === 'DELETE_COMPLETE') return { action: 'create' };
  if (REUSE.has(status)) return { action: 'reuse' };
  if (RECREATE.has(status)) return { action: 'recreate' };
  // Covers CREATE/UPDATE/DELETE/ROLLBACK/IMPORT_*_IN_PROGRESS and the *_CLEANUP_IN_PROGRESS states.
  if (status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS') return { action: 'wait' };
  return { action: 'blocked', ...blockedAdvice(stackName, status) };
}

function blockedAdvice(stack: string, status: string): { reason: string; hint: string } {
  switch (status) {
    case 'UPDATE_ROLLBACK_FAILED':
      return {
        reason: `stack ${stack} is UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback`,
        hint: `fix the resource named in the stack's events, run \`aws cloudformation continue-update-rollback --stack-name ${stack}\`, then re-run this command`,
      };
    case 'ROLLBACK_FAILED':
      return {
        reason: `stack ${stack} is ROLLBACK_FAILED: its create failed and some resources could not be deleted`,
        hint: `delete what the stack's events name, then \`aws cloudformation delete-stack --stack-name ${stack}\` (or \`private-eks delete cluster\`), then re-run this command`,
      };
    case 'DELETE_FAILED':
      return {
        reason: `stack ${stack} is DELETE_FAILED: an earlier delete left resources behind`,
        hint: `finish the delete with \`private-eks delete cluster --force\` (or delete the resources its events name), then re-run this command`,
      };
    case 'IMPORT_ROLLBACK_FAILED':
      return {
        reason: `stack ${stack} is IMPORT_ROLLBACK_FAILED`,
        hint: `resolve the import in the CloudFormation console, then re-run this command`,
      };
    case 'REVIEW_IN_PROGRESS':
      return {
        reason: `stack ${stack} is REVIEW_IN_PROGRESS: it holds a change set that was never executed (not made by private-eks)`,
        hint: `execute or delete the change set, or delete the stack with \`aws cloudformation delete-stack --stack-name ${stack}\`, then re-run this command`,
      };
    default:
      return {
        reason: `stack ${stack} is in state ${status}, which private-eks does not resume from`,
        hint: `look at the stack's events in the CloudFormation console; delete the stack if it holds nothing you need, then re-run this command`,
      };
  }
}

/** Create goal: the stack is ready to use. */
export function isCreateSuccess(status: string): boolean {
  return REUSE.has(status);
}

/** Statuses that end an operation badly (the stack will not get to complete without help). */
export function isTerminalFailure(status: string): boolean {
  return (
    status.endsWith('_FAILED') ||
    status === 'ROLLBACK_COMPLETE' ||
    // A create that ends up deleted (OnFailure=DELETE, or someone deleted it meanwhile).
    status === 'DELETE_COMPLETE'
  );
}
