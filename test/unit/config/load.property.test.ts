/**
 * Property: whatever the input, loadConfig returns — never throws — and the outcome is either a
 * config (with no error) or at least one error, every problem well formed. FUZZ_RUNS inputs
 * (default 2000) from test/helpers/config-arbitraries.ts, with a fixed seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { FUZZ_RUNS, FUZZ_SEED, configInput } from '../../helpers/config-arbitraries.js';

describe('loadConfig on random and mutated configs', () => {
  it(`never throws; valid or a non-empty list of errors (${FUZZ_RUNS} inputs)`, () => {
    const outcomes = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(configInput, (input) => {
        const result = loadConfig({ text: input, file: 'fuzz.yaml', env: {} });
        const errors = result.problems.filter((p) => p.severity === 'error');
        if (result.config === undefined) {
          expect(errors.length).toBeGreaterThan(0);
          outcomes.invalid++;
        } else {
          expect(errors).toEqual([]);
          expect(result.config.metadata.name).not.toBe('');
          expect(result.config.metadata.region).not.toBe('');
          outcomes.valid++;
        }
        for (const p of result.problems) {
          expect(p.rule).not.toBe('INTERNAL');
          expect(p.file).toBe('fuzz.yaml');
          expect(p.message.length).toBeGreaterThan(0);
          expect(Number.isInteger(p.line) && p.line >= 0).toBe(true);
          expect(Number.isInteger(p.column) && p.column >= 0).toBe(true);
          expect(typeof p.path).toBe('string');
        }
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
    // The generators must reach both outcomes, or the property says little.
    expect(outcomes.valid).toBeGreaterThan(0);
    expect(outcomes.invalid).toBeGreaterThan(0);
    // 2,000 inputs through the whole reader: seconds of CPU on a loaded 2-core machine.
  }, 120_000);
});
