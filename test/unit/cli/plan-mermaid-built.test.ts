/**
 * `plan -o mermaid` as users run it: the built CLI (`npm run build`, then bin/private-eks.js) in a
 * child process, offline. The in-process tests cover the renderer; this one covers the bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BIN = 'bin/private-eks.js';

function runBuilt(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync('dist/cli/offline.cjs'))
    throw new Error('dist/cli/offline.cjs is missing: run `npm run build` first');
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', CI: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('built CLI: plan -o mermaid', () => {
  it('prints the network of examples/minimal.yaml as a flowchart, and nothing on stderr', () => {
    const run = runBuilt(['plan', '-f', 'examples/minimal.yaml', '--offline', '-o', 'mermaid']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('flowchart TB');
    for (const zone of ['us-west-2a', 'us-west-2b', 'us-west-2c']) expect(run.stdout).toContain(`["${zone}"]`);
    expect(run.stdout).toContain('192.168.96.0/19');
    expect(run.stdout).toContain('ec2, ecr.api, ecr.dkr, sts');
    expect(run.stdout).toContain('s3 gateway endpoint');
    expect(run.stdout).toContain('No internet gateway, no NAT gateway, no public subnet');
  });

  it('the text plan of the built CLI draws the network and says nothing leaves the VPC', () => {
    const run = runBuilt(['plan', '-f', 'examples/minimal.yaml', '--offline']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/├─ us-west-2a\s+192\.168\.96\.0\/19\s+SubnetPrivateUSWEST2A/);
    expect(run.stdout).toContain(
      "No internet gateway, no NAT gateway, no public subnet (from the cluster stack's template)",
    );
  });

  it('rejects an unknown format with a usage error naming the choices', () => {
    const run = runBuilt(['plan', '-f', 'examples/minimal.yaml', '--offline', '-o', 'dot']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mermaid');
  });
});
