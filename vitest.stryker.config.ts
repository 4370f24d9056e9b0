import { defineConfig } from 'vitest/config';

/** The config unit tests only: what StrykerJS (stryker.config.mjs) runs against each mutant of the rules. */
export default defineConfig({
  test: {
    include: ['test/unit/config/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
