import { defineConfig } from 'vitest/config';

/** The config unit tests only: what StrykerJS (stryker.config.mjs) runs against each mutant of the rules. */
export default defineConfig({
  test: {
    // One module graph for every test file of a run: the mutant is switched at run time, so
    // isolation buys nothing here, and without it a whole run takes half the time (same verdicts,
    // checked on k8s-syntax.ts: 112 killed, 12 survived either way).
    isolate: false,
    include: ['test/unit/config/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
