/**
 * `create` on the command line, for what happens before any AWS call: usage errors exit 2, an
 * invalid config exits 1 with its problems and never builds an AWS client. The flows that talk to
 * AWS are tested against the emulator (test/integration/create*.int.test.ts, resume*.int.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/python-tools.js';

function file(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-cli-create-'));
  const p = path.join(dir, 'cluster.yaml');
  writeFileSync(p, text);
  return p;
}

// No AWS settings at all: if a test reached AWS it would fail on credentials, not pass.
const env = { AWS_REGION: '', AWS_ACCESS_KEY_ID: '', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };

describe('create cluster (CLI, before AWS)', () => {
  it('an invalid config exits 1 with the problems, located, and creates nothing', async () => {
    const bad = file(
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: c1\n  region: us-west-2\nprivateCluster:\n  enabled: true\nvpc:\n  subnets:\n    public:\n      us-west-2a: {id: subnet-1}\n',
    );
    const run = await runCliCaptured(['create', 'cluster', '-f', bad], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('V3');
    expect(run.stderr).toContain('vpc.subnets.public cannot be specified in a fully-private cluster');
    expect(run.stdout).toBe('');
  });

  it('a missing file and bad flags are usage errors (exit 2)', async () => {
    expect((await runCliCaptured(['create', 'cluster', '-f', '/nonexistent/cluster.yaml'], { env })).code).toBe(2);
    expect((await runCliCaptured(['create', 'cluster'], { env })).code).toBe(2);
    const minimal = path.join(repoRoot, 'examples/minimal.yaml');
    const parallel = await runCliCaptured(['create', 'cluster', '-f', minimal, '--parallelism', '0'], { env });
    expect(parallel.code).toBe(2);
    expect(parallel.stderr).toContain('a whole number from 1 to 64');
    const mode = await runCliCaptured(['create', 'cluster', '-f', minimal, '--endpoint-switch', 'sometimes'], { env });
    expect(mode.code).toBe(2);
  });

  it('create nodegroup --include with a name the file does not have is a usage error', async () => {
    const minimal = path.join(repoRoot, 'examples/minimal.yaml');
    const run = await runCliCaptured(['create', 'nodegroup', '-f', minimal, '--include', 'ng1,typo-*'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--include typo-* matches no nodegroup of the file');
    expect(run.stderr).toContain('the file has: ng1, m1');
  });
});
