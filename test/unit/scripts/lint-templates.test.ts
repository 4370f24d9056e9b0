/**
 * scripts/lint-templates.ts refuses to pass when there is nothing to lint: an empty directory (a
 * `--out-dir` that wrote nothing) exits 1, a missing one exits 2, each with a one-line reason
 * instead of a stack trace. The cfn-lint run itself is covered by the template tests.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/python-tools.js';

async function lint(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/lint-templates.ts', ...args],
      { cwd: repoRoot, env: { PATH: process.env['PATH'] } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('scripts/lint-templates.ts', () => {
  it('fails on an empty directory, saying there is nothing to lint', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-lint-empty-'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a template');
    const run = await lint(dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`lint-templates: no templates (*.json, *.yaml, *.yml, *.template) under ${dir}`);
  });

  it('fails on a missing directory with one line, no stack trace', async () => {
    const dir = path.join(os.tmpdir(), 'pe-lint-missing-does-not-exist');
    const run = await lint(dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`lint-templates: ${dir}: no such directory`);
  });
});
