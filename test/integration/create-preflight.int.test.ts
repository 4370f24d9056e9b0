/**
 * What `create` and `plan` say before acting (issue 12 item 5), against the emulator through the
 * real CLI code path: the proxy warnings doctor gives, the OIDC issuer check through a proxy, and
 * the public-window statement that must be approved (no terminal here: `--approve` or refused,
 * with nothing created). The proxy is a dead port on loopback; NO_PROXY=127.0.0.1 keeps the AWS
 * calls direct to the emulator, as a user's NO_PROXY keeps their VPC endpoints direct.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
const example = (name: string) => path.join(repoRoot, 'examples', name);
const proxied = () => ({ ...moto.env, HTTPS_PROXY: 'http://user:pw-secret@127.0.0.1:9', NO_PROXY: '127.0.0.1' });

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
});
beforeEach(() => moto.reset());

const liveStacks = async () =>
  ((await cfn.send(new ListStacksCommand({}))).StackSummaries ?? []).filter((s) => s.StackStatus !== 'DELETE_COMPLETE');

describe('create and plan, before acting', () => {
  it('plan through a proxy without .eks.amazonaws.com in NO_PROXY: warns with the value to set', async () => {
    const run = await runCliCaptured(['plan', '-f', example('minimal.yaml')], { env: proxied() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: HTTPS_PROXY is set and NO_PROXY does not cover .eks.amazonaws.com');
    expect(run.stderr).toContain('fix: NO_PROXY=127.0.0.1,.eks.amazonaws.com');
    expect(run.stderr).not.toContain('pw-secret');
  });

  it('a create that must open public access, without a terminal and without --approve: says so, refuses, creates nothing', async () => {
    // fargate-irsa's ServiceAccounts would go through the in-VPC runner; --endpoint-switch=always asks
    // for the public window instead.
    const run = await runCliCaptured(
      ['create', 'cluster', '-f', example('fargate-irsa.yaml'), '--endpoint-switch', 'always'],
      { env: proxied() },
    );
    expect(run.code, run.stderr).toBe(2);
    // The proxy warning, and the OIDC issuer check attempted through the (dead) proxy.
    expect(run.stderr).toContain('fix: NO_PROXY=127.0.0.1,.eks.amazonaws.com');
    expect(run.stderr).toContain('could not check the TLS chain of oidc.eks.us-west-2.amazonaws.com through the proxy');
    expect(run.stderr).toContain('The cluster API server will be reachable from the internet while this create runs:');
    expect(run.stderr).toContain('from:   0.0.0.0/0 (anywhere; set vpc.publicAccessCIDRs to narrow it)');
    expect(run.stderr).toContain('public access to the API server not approved: no terminal to ask on');
    expect(run.stderr).toContain('add --approve');
    expect(run.stderr).not.toContain('pw-secret');
    expect(await liveStacks()).toEqual([]);
  });

  it('with --approve: states the window and creates', async () => {
    const run = await runCliCaptured(
      [
        'create',
        'cluster',
        '-f',
        example('minimal.yaml'),
        '--endpoint-switch',
        'always',
        '--approve',
        '--no-write-kubeconfig',
      ],
      { env: moto.env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('why:    --endpoint-switch=always');
    expect(run.stderr).toContain('approved with --approve');
    expect((await liveStacks()).length).toBeGreaterThan(0);
  });

  it('a private-only create asks nothing and warns about nothing', async () => {
    const run = await runCliCaptured(['create', 'cluster', '-f', example('minimal.yaml'), '--no-write-kubeconfig'], {
      env: moto.env,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/warning:|reachable from the internet/);
  });
});
