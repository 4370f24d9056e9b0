/**
 * The config files that an emulator integration test creates, reads back and deletes with nothing
 * left behind: the list test/unit/config/field-coverage.test.ts checks every built eksctl field
 * against (issue 10: each built field proven on the emulator).
 *
 * One place, used both ways: each integration test named here takes its file from this list
 * (`emulatorTestedFile('<key>')`), and the unit test reads the named test's source to check that it
 * does, that it runs a delete and compares inventories (`leftovers(`), and that nothing in it is
 * skipped. A file cannot be listed that its test does not run.
 */
import path from 'node:path';
import { repoRoot } from './python-tools.js';

export interface EmulatorTestedFileEntry {
  /** The config file, from the repository's root. */
  readonly file: string;
  /** The integration test that creates, reads back and deletes it (it may edit a copy: ids, names). */
  readonly test: string;
}

export const EMULATOR_TESTED_FILES = {
  'kitchen-sink': { file: 'examples/kitchen-sink.yaml', test: 'test/integration/kitchen-sink.int.test.ts' },
  windows: { file: 'test/fixtures/emulator/windows.yaml', test: 'test/integration/windows.int.test.ts' },
  'asg-settings': {
    file: 'test/fixtures/emulator/asg-settings.yaml',
    test: 'test/integration/nodegroup-asg.int.test.ts',
  },
  'cluster-options': {
    file: 'test/fixtures/emulator/cluster-options.yaml',
    test: 'test/integration/cluster-options.int.test.ts',
  },
  'supplied-vpc': {
    file: 'test/fixtures/emulator/supplied-vpc.yaml',
    test: 'test/integration/supplied-vpc.int.test.ts',
  },
  'supplied-vpc-control-plane-groups': {
    file: 'test/fixtures/emulator/supplied-vpc-control-plane-groups.yaml',
    test: 'test/integration/supplied-vpc.int.test.ts',
  },
  'auto-mode': { file: 'test/fixtures/emulator/auto-mode.yaml', test: 'test/integration/auto-mode.int.test.ts' },
  'auto-mode-node-role': {
    file: 'test/fixtures/emulator/auto-mode-node-role.yaml',
    test: 'test/integration/auto-mode.int.test.ts',
  },
  'existing-vpc': { file: 'examples/existing-vpc.yaml', test: 'test/integration/shared-vpc.int.test.ts' },
  'fargate-irsa': { file: 'examples/fargate-irsa.yaml', test: 'test/integration/runner.int.test.ts' },
  drain: { file: 'test/fixtures/emulator/drain.yaml', test: 'test/integration/runner-drain.int.test.ts' },
  minimal: { file: 'examples/minimal.yaml', test: 'test/integration/delete.int.test.ts' },
  'public-window': {
    file: 'test/fixtures/emulator/public-window.yaml',
    test: 'test/integration/endpoint-access.int.test.ts',
  },
  'instance-selector': {
    file: 'examples/instance-selector.yaml',
    test: 'test/integration/instance-selector.int.test.ts',
  },
  ipv6: { file: 'test/fixtures/emulator/ipv6.yaml', test: 'test/integration/ipv6.int.test.ts' },
} as const satisfies Record<string, EmulatorTestedFileEntry>;

export type EmulatorTestedFile = keyof typeof EMULATOR_TESTED_FILES;

/** The absolute path of an emulator-tested file: what its integration test creates from. */
export function emulatorTestedFile(key: EmulatorTestedFile): string {
  return path.join(repoRoot, EMULATOR_TESTED_FILES[key].file);
}
