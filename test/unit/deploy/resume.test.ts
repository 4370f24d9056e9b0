import { describe, expect, it } from 'vitest';
import { resumeAction } from '../../../src/deploy/resume.js';

// SPEC §7 "Failures": complete stacks are reused, ROLLBACK_COMPLETE is deleted and created again,
// a stack in progress is waited for; the rest need a person. Statuses: StackStatus of
// @aws-sdk/client-cloudformation.
describe('resumeAction', () => {
  it.each([
    [undefined, 'create'],
    ['DELETE_COMPLETE', 'create'],
    ['CREATE_COMPLETE', 'reuse'],
    ['UPDATE_COMPLETE', 'reuse'],
    ['UPDATE_ROLLBACK_COMPLETE', 'reuse'],
    ['IMPORT_COMPLETE', 'reuse'],
    ['CREATE_IN_PROGRESS', 'wait'],
    ['UPDATE_IN_PROGRESS', 'wait'],
    ['ROLLBACK_IN_PROGRESS', 'wait'],
    ['DELETE_IN_PROGRESS', 'wait'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'wait'],
    ['UPDATE_ROLLBACK_IN_PROGRESS', 'wait'],
    ['UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'wait'],
    ['ROLLBACK_COMPLETE', 'recreate'],
    ['CREATE_FAILED', 'recreate'],
    ['UPDATE_ROLLBACK_FAILED', 'blocked'],
    ['ROLLBACK_FAILED', 'blocked'],
    ['DELETE_FAILED', 'blocked'],
    ['REVIEW_IN_PROGRESS', 'blocked'],
    ['IMPORT_ROLLBACK_FAILED', 'blocked'],
  ] as const)('%s → %s', (status, action) => {
    expect(resumeAction('eksctl-c1-cluster', status).action).toBe(action);
  });

  it('says what to do next for each blocked status', () => {
    for (const status of [
      'UPDATE_ROLLBACK_FAILED',
      'ROLLBACK_FAILED',
      'DELETE_FAILED',
      'REVIEW_IN_PROGRESS',
      'SOMETHING_NEW',
    ]) {
      const decision = resumeAction('eksctl-c1-cluster', status);
      if (decision.action !== 'blocked') throw new Error(`${status} should be blocked`);
      expect(decision.reason).toContain('eksctl-c1-cluster');
      expect(decision.reason).toContain(status);
      expect(decision.hint).toMatch(/re-run/);
    }
  });
});
