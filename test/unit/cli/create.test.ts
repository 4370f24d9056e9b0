/**
 * `create` on the command line, for what happens before any AWS call: usage errors exit 2, an
 * invalid config exits 1 with its problems and never builds an AWS client, and `--dry-run` plans
 * offline when there are no credentials (or with `--offline`). The flows that talk to AWS are
 * tested against the emulator (test/integration/create*.int.test.ts, resume*.int.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

/**
 * An environment in which the SDK's default credential chain finds nothing: no keys, no profile,
 * empty shared config and credentials files, no web identity or container credentials, instance
 * metadata off. AWS_ENDPOINT_URL points at a closed loopback port, so a run that did reach for AWS
 * would fail there and never leave the machine. The SDK reads these from process.env itself, and
 * createAwsClients refuses an io.env that disagrees (src/aws/clients.ts), so both get them.
 */
function sdkEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-cli-nocreds-'));
  const empty = path.join(dir, 'empty');
  writeFileSync(empty, '');
  const unset = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_ENDPOINT_URL_CLOUDFORMATION',
    'AWS_ENDPOINT_URL_EC2',
    'AWS_ENDPOINT_URL_EKS',
    'AWS_ENDPOINT_URL_IAM',
    'AWS_ENDPOINT_URL_STS',
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  ];
  const set: Record<string, string> = {
    AWS_CONFIG_FILE: empty,
    AWS_SHARED_CREDENTIALS_FILE: empty,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_MAX_ATTEMPTS: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
  for (const name of unset) if (!(name in extra)) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(set)) vi.stubEnv(name, value);
  return set;
}

describe('create cluster --dry-run and credentials (SPEC §5.3)', () => {
  afterEach(() => vi.unstubAllEnvs());
  const minimal = path.join(repoRoot, 'examples/minimal.yaml');

  it('without credentials plans offline, and says so on stderr', async () => {
    const run = await runCliCaptured(['create', 'cluster', '-f', minimal, '--dry-run', '-o', 'json'], {
      env: sdkEnv(),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('no AWS credentials found');
    expect(run.stderr).toContain('planning offline with the built-in catalog');
    const plan = JSON.parse(run.stdout) as { offline: boolean; endpoints: unknown[] };
    expect(plan.offline).toBe(true);
    expect(plan.endpoints).toHaveLength(5);
  });

  it('with credentials plans live: it asks AWS (here a closed port) instead of falling back', async () => {
    const run = await runCliCaptured(['create', 'cluster', '-f', minimal, '--dry-run', '-o', 'json'], {
      env: sdkEnv({ AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ec2:DescribeVpcEndpointServices failed');
    expect(run.stderr).toContain('127.0.0.1:9');
    expect(run.stderr).not.toContain('no AWS credentials found');
    expect(run.stdout).toBe('');
  });

  it('--offline forces offline even with credentials, without a word about them', async () => {
    const run = await runCliCaptured(['create', 'cluster', '-f', minimal, '--dry-run', '--offline'], {
      env: sdkEnv({ AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' }),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('offline: facts come from the built-in catalog');
  });

  it('--offline without --dry-run is a usage error (exit 2)', async () => {
    const run = await runCliCaptured(['create', 'cluster', '-f', minimal, '--offline'], { env: sdkEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--offline only goes with --dry-run');
  });
});
