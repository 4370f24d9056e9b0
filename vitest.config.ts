import { defineConfig } from 'vitest/config';

const nodeMajor = Number(process.versions.node.split('.')[0]);

export default defineConfig({
  test: {
    // Tests run in a random order so that no test leans on another's leftovers.
    sequence: { shuffle: true },
    // Only on Node 20, which private-eks no longer supports (engines: >=22) but some developer
    // machines still run: the SDK warns there that its 2027 releases need Node 22, a warning that
    // would land in every captured stderr. On Node 22 and 24 the SDK says nothing.
    env: nodeMajor < 22 ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } : {},
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
      {
        test: {
          // The CLI as users run it: the bundle, or the installed packed tarball (PRIVATE_EKS_CLI).
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          globalSetup: ['test/cli/setup.ts'],
          // The live files start a moto server each; one file at a time, as for integration.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
