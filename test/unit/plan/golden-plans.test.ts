/**
 * Golden plans: `private-eks plan --offline -o json` of every file in examples/, through the CLI,
 * compared byte for byte with test/golden/plans/<example>.json — the SPEC §1 document (plan fields,
 * each stack's template) in the CLI's own fixed key order with 2-space indent. Reviewed like code;
 * rewritten only with UPDATE_GOLDENS=1. No timestamp, absolute path or account id may appear.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/python-tools.js';

const EXAMPLES = path.join(repoRoot, 'examples');
const GOLDEN = path.join(repoRoot, 'test/golden/plans');
const UPDATE = process.env['UPDATE_GOLDENS'] === '1';

const examples = readdirSync(EXAMPLES)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe('golden plans of examples/', () => {
  it('there are examples, and every golden has its example', () => {
    expect(examples.length).toBeGreaterThan(0);
    const goldens = existsSync(GOLDEN) ? readdirSync(GOLDEN).filter((f) => f.endsWith('.json')) : [];
    const expected = examples.map((f) => f.replace(/\.ya?ml$/, '.json'));
    if (!UPDATE) expect(goldens.sort()).toEqual(expected.sort());
  });

  it.each(examples)('%s', async (file) => {
    const result = await runCliCaptured(['plan', '-f', `examples/${file}`, '--offline', '-o', 'json'], {
      cwd: repoRoot,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).not.toContain(repoRoot);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // Account ids only where the example itself names one (AWS's documentation account 111122223333).
    const example = readFileSync(path.join(EXAMPLES, file), 'utf8');
    for (const account of text.match(/\b\d{12}\b/g) ?? []) expect(example).toContain(account);
    const golden = path.join(GOLDEN, file.replace(/\.ya?ml$/, '.json'));
    if (UPDATE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(golden, text);
    }
    expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDENS=1 and review it`).toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
