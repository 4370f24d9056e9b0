/**
 * `delete cluster` on the command line, before any AWS call: which cluster (exactly one of -f and
 * --name) and the file being read only for its name and region. The delete itself is tested
 * against the emulator (test/integration/delete.int.test.ts) and with scripted clients
 * (test/unit/deploy/delete-cluster.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cli.js';

const env = { AWS_REGION: '', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };

describe('delete cluster (CLI, before AWS)', () => {
  it('needs exactly one of -f and --name (exit 2)', async () => {
    const neither = await runCliCaptured(['delete', 'cluster'], { env });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('which cluster? give -f FILE or --name NAME');
    const both = await runCliCaptured(['delete', 'cluster', '-f', 'x.yaml', '--name', 'c'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give either -f FILE or --name NAME, not both');
  });

  it('with --name and no region anywhere, says where a region can come from (exit 2)', async () => {
    const run = await runCliCaptured(['delete', 'cluster', '--name', 'c1'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'no AWS region: pass --region, set metadata.region in the config file, set AWS_REGION (or AWS_DEFAULT_REGION), or give the profile a region',
    );
  });

  it('reads only metadata.name from the file, so a file without a name is the only file problem', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-cli-delete-'));
    const p = path.join(dir, 'cluster.yaml');
    writeFileSync(p, 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  region: us-west-2\n');
    const run = await runCliCaptured(['delete', 'cluster', '-f', p], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no metadata.name');
  });
});
