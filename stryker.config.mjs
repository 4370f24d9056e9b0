// Mutation testing of the config rules against the config unit tests. Run by hand, not in CI
// (about an hour for the 5,000 mutants of src/config/rules on 2 cores with --concurrency 2):
// `npx stryker run`, or one file: `npx stryker run --mutate src/config/rules/cidrs.ts`.
// The property test runs with fewer inputs here (FUZZ_RUNS): it checks that nothing throws, which
// any mutant of a rule rarely changes, and it would otherwise dominate the run.
import process from 'node:process';

process.env.FUZZ_RUNS ??= '50';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: ['src/config/rules/**/*.ts'],
  // The Python tools' environments (symlinks) and build output are not needed by these tests.
  ignorePatterns: ['.venv-aws', '.venv-checkov', 'dist', 'reports'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress'],
  tempDirName: '/tmp/stryker-validate',
  cleanTempDir: 'always',
};
