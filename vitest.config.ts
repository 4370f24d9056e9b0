import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests run in a random order so that no test leans on another's leftovers.
    sequence: { shuffle: true },
    // The SDK warns on Node 20 that its 2027 releases need Node 22; the warning is about upgrades,
    // not about what the tests check, and it would otherwise land in every captured stderr.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          // Records every AWS call and checks the IAM policy covers them (utils iam-policy).
          globalSetup: ['test/helpers/aws-call-log.ts'],
          // One moto server per test file; files run one at a time so two servers never race
          // for the two cores and the emulator log stays readable.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
