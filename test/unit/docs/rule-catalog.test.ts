/**
 * The rule catalog (src/config/rules/catalog.ts, the source of docs/rules.md) covers every rule id
 * a Problem can carry in src/, and each example breaks its rule (scripts/gen-docs.ts runs them and
 * throws otherwise; this checks the catalog's side).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CATALOG } from '../../../src/config/rules/catalog.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the rule catalog', () => {
  it('has one entry for every rule id used in src/', () => {
    const used = new Set(
      sources('src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/rule: '([A-Z0-9_]+)'/g)].map((m) => m[1]!)),
    );
    const catalogued = RULE_CATALOG.map((r) => r.id);
    expect(new Set(catalogued).size).toBe(catalogued.length);
    const missing = [...used].filter((id) => !catalogued.includes(id as never)).sort();
    expect(missing, 'add these rule ids to src/config/rules/catalog.ts, then npm run docs:update').toEqual([]);
  });

  it('gives every rule a title and a fix, and an example unless the rule cannot be shown by a file', () => {
    for (const rule of RULE_CATALOG) {
      expect(rule.title, rule.id).not.toBe('');
      expect(rule.fix, rule.id).not.toBe('');
      if (rule.id !== 'FILE' && rule.id !== 'INTERNAL') expect(rule.example, rule.id).not.toBe('');
    }
  });
});
