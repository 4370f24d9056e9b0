/**
 * The rule catalog (src/config/rules/catalog.ts), which docs/rules.md shows: each entry is
 * described, and its example file breaks its rule at the stage the entry names — through the
 * loader for `read` and `validate`, an offline plan for `plan`; a `plan-aws` example passes both
 * (it breaks its rule only against a VPC as AWS describes it).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { RULE_CATALOG } from '../../../src/config/rules/catalog.js';
import { createOfflineFacts } from '../../../src/plan/facts-offline.js';
import { buildPlan } from '../../../src/plan/plan.js';

/** The rule ids of the problems the loader gives the example, then those of its offline plan. */
async function ruleIdsOf(example: string): Promise<{ load: string[]; plan: string[] | undefined }> {
  const loaded = loadConfig({ text: example, file: 'cluster.yaml', env: {} });
  const load = loaded.problems.map((p) => p.rule as string);
  if (loaded.config === undefined) return { load, plan: undefined };
  const plan = await buildPlan(loaded.config, createOfflineFacts());
  return { load, plan: plan.problems.map((p) => p.rule as string) };
}

const STAGES: readonly string[] = ['read', 'validate', 'plan', 'plan-aws'];

describe('the rule catalog', () => {
  it('names each rule once', () => {
    const ids = RULE_CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  describe.each(RULE_CATALOG)('$id', (rule) => {
    it('has a one-line title, a fix and one of the stages', () => {
      expect(STAGES).toContain(rule.stage);
      expect(rule.title.trim()).not.toBe('');
      expect(rule.title).not.toContain('\n');
      expect(rule.fix.trim()).not.toBe('');
    });

    it('has an example that breaks it at its stage', async () => {
      if (rule.id === 'FILE' || rule.id === 'INTERNAL') {
        // No file shows these: an unreadable file, a bug.
        expect(rule.example).toBe('');
        return;
      }
      const { load, plan } = await ruleIdsOf(rule.example);
      switch (rule.stage) {
        case 'read':
        case 'validate':
          expect(load).toContain(rule.id);
          break;
        case 'plan':
          expect(load).not.toContain(rule.id);
          expect(plan).toContain(rule.id);
          break;
        case 'plan-aws':
          // Loads and plans offline without a problem.
          expect(load.filter((id) => id === rule.id)).toEqual([]);
          expect(plan).toEqual([]);
          break;
      }
    });
  });
});
