/** Small constructors for check outcomes, and turning a thrown error into a failed check. */
import { isNonAwsResponse, toAwsCallError } from '../aws/aws-errors.js';
import { AwsCallError, PrivateEksError } from '../errors.js';
import type { CheckOutcome } from './types.js';

export const ok = (detail: string): CheckOutcome => ({ status: 'ok', detail });
export const skip = (detail: string): CheckOutcome => ({ status: 'skip', detail });
export const warn = (detail: string, fix: string): CheckOutcome => ({ status: 'warn', detail, fix });
export const fail = (detail: string, fix?: string): CheckOutcome =>
  fix === undefined ? { status: 'fail', detail } : { status: 'fail', detail, fix };

/**
 * A failed check from an error: its message, and its hint plus `fallbackFix` as the fix. An
 * AwsCallError built elsewhere (the plan's live facts) is re-read through toAwsCallError so that a
 * non-AWS answer, a network or a credentials failure gets the same wording and hint everywhere.
 */
export function failFrom(error: unknown, action: string, fallbackFix?: string): CheckOutcome {
  let detail: string;
  let hint: string | undefined;
  if (error instanceof AwsCallError && error.cause !== undefined) {
    const operation = error.operation.includes(':') ? error.operation : action;
    const reread = toAwsCallError(operation, error.cause);
    detail = isNonAwsResponse(error.cause) ? reread.message : error.message;
    hint = error.hint ?? reread.hint;
  } else if (PrivateEksError.isPrivateEksError(error)) {
    detail = error.message;
    hint = error.hint;
  } else {
    const converted = toAwsCallError(action, error);
    detail = converted.message;
    hint = converted.hint;
  }
  const fixes = [hint, fallbackFix].filter((f): f is string => f !== undefined && f !== '');
  return fail(detail, fixes.length === 0 ? undefined : [...new Set(fixes)].join('; '));
}

/** `a, b and c` */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
