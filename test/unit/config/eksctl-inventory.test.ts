/**
 * The inventory of eksctl's offline validation rules (eksctl-inventory.ts): its figures, and its
 * consistency. That every `covered` entry names a real case is checked in eksctl-rules.test.ts,
 * where the cases live.
 */
import { describe, expect, it } from 'vitest';
import { EKSCTL_RULES, inventoryFigures, type ParityStatus } from './eksctl-inventory.js';

const figures = inventoryFigures();
const n = (status: ParityStatus) => figures.byStatus[status];
const covered = n('covered') + n('covered-dormant') + n('stricter');

describe("the inventory of eksctl's validation rules", () => {
  it(
    `covers ${covered} of ${figures.total} eksctl rules (${n('covered')} by a case, ${n('covered-dormant')} by a rule-level case, ` +
      `${n('stricter')} stricter; ${n('not-applicable')} not applicable, ${n('missing')} missing)`,
    () => {
      expect(covered + n('not-applicable') + n('missing')).toBe(figures.total);
    },
  );

  it('has unique ids, each eksctl.<area>.<what>', () => {
    const ids = EKSCTL_RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^eksctl\.[A-Za-z0-9-]+\.[A-Za-z0-9.-]+$/);
  });

  it('names a test for what it covers, and says why or how for the rest', () => {
    for (const r of EKSCTL_RULES) {
      const withTest = r.status === 'covered' || r.status === 'covered-dormant';
      expect(r.test !== undefined, r.id).toBe(withTest);
      expect(r.note !== undefined && r.note !== '', r.id).toBe(!withTest);
      expect(r.message, r.id).not.toBe('');
      expect(r.source, r.id).toMatch(/\.go /);
    }
  });
});
