/** Small constructors for check outcomes, and turning a thrown error into a failed check. */
import { toAwsCallError } from '../aws/aws-errors.js';
import { PrivateEksError } from '../errors.js';
import type { CheckOutcome } from './types.js';

export const ok = (detail: string): CheckOutcome => ({ status: 'ok', detail });
export const skip = (detail: string): CheckOutcome => ({ status: 'skip', detail });
export const warn = (detail: string, fix: string): CheckOutcome => ({ status: 'warn', detail, fix });
export const fail = (detail: string, fix?: string): CheckOutcome =>
  fix === undefined ? { status: 'fail', detail } : { status: 'fail', detail, fix };

/** A failed check from an error: its message, and its hint (or `fallbackFix`) as the fix. */
export function failFrom(error: unknown, action: string, fallbackFix?: string): CheckOutcome {
  const known = PrivateEksError.isPrivateEksError(error) ? error : toAwsCallError(action, error);
  return fail(known.message, known.hint ?? fallbackFix);
}

/** `a, b and c` */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
