import { PrivateEksError } from '../../errors.js';

/**
 * One error as text for stderr: the message always, the hint when there is one, the cause with
 * `--verbose`, and a stack trace only when PRIVATE_EKS_DEBUG is set (an internal error's trace
 * helps a bug report; a user's mistake never needs one).
 */
export function renderError(error: unknown, options: { verbose: boolean; debug: boolean }): string {
  const lines: string[] = [];
  if (PrivateEksError.isPrivateEksError(error)) {
    lines.push(`error: ${error.message}`);
    if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
  } else if (error instanceof Error) {
    lines.push(`error: ${error.message}`);
  } else {
    lines.push(`error: ${String(error)}`);
  }
  if (options.verbose && error instanceof Error && error.cause !== undefined) {
    const cause = error.cause;
    lines.push(`  cause: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : JSON.stringify(cause)}`);
  }
  if (options.debug && error instanceof Error && error.stack !== undefined) lines.push(error.stack);
  return lines.join('\n') + '\n';
}
