/**
 * The command × output-format combinations the CLI tests ran, counted for the report: each test
 * records what it ran, and the count is printed when the test file ends (`afterAll`), so CI logs
 * show the figure.
 */
import { afterAll } from 'vitest';

const seen = new Set<string>();

export function recordCombination(command: string, format: string): void {
  seen.add(`${command} × ${format}`);
}

afterAll(() => {
  if (seen.size === 0) return;
  process.stdout.write(
    `\nCLI command × format combinations run in this file: ${seen.size}\n  ${[...seen].sort().join('\n  ')}\n`,
  );
});
