/**
 * The public-window confirmation of `create` (src/cli/shared/preflight.ts): said before anything
 * is opened, asked on a terminal, `--approve` to skip, refused without a terminal.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmPublicWindow } from '../../../src/cli/shared/preflight.js';
import type { CommandContext } from '../../../src/cli/shared/context.js';
import { publicWindowStatement } from '../../../src/deploy/endpoint-access.js';
import type { EndpointAccessDecision } from '../../../src/plan/types.js';
import { UsageError } from '../../../src/errors.js';

const decision = (cidrs: string[], switchNeeded = true): EndpointAccessDecision => ({
  initial: { publicAccess: switchNeeded, privateAccess: true },
  final: { publicAccess: false, privateAccess: true },
  switchNeeded,
  reason: 'r',
  stepsNeedingKubernetesApi: ['irsa-service-accounts'],
  publicAccessCidrs: cidrs,
  mode: 'auto',
});

function context(options: { tty: boolean; answer?: string }): { context: CommandContext; stderr: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty });
  let text = '';
  let answered = false;
  stderr.on('data', (b: Buffer) => {
    text += b.toString();
    // Once: a terminal readline echoes what is typed back to stderr.
    if (options.answer !== undefined && !answered && text.includes('[y/N]')) {
      answered = true;
      stdin.write(`${options.answer}\n`);
    }
  });
  const io = { stdin, stderr, stdout: new PassThrough(), env: {}, cwd: '/' };
  return {
    context: { io, globals: () => ({}), signal: new AbortController().signal },
    stderr: () => text,
  };
}

describe('the public window', () => {
  it('states the CIDRs, why, until when and how to avoid it', () => {
    expect(publicWindowStatement(decision([]))).toBe(
      [
        'The cluster API server will be reachable from the internet while this create runs:',
        '  from:   0.0.0.0/0 (anywhere; set vpc.publicAccessCIDRs to narrow it)',
        '  why:    step(s) "irsa-service-accounts" need the Kubernetes API from where private-eks runs',
        '  until:  the end of the create, when public access is switched off (also after a failure)',
        '  avoid:  --endpoint-switch=never keeps it private-only; those steps then run from inside the VPC',
      ].join('\n'),
    );
    expect(publicWindowStatement(decision(['203.0.113.0/24']))).toContain(
      'from:   203.0.113.0/24 (vpc.publicAccessCIDRs)',
    );
    expect(publicWindowStatement(decision([], false))).toBeUndefined();
  });

  it('without a terminal and without --approve: refused, saying how', async () => {
    const c = context({ tty: false });
    const refused = await confirmPublicWindow(c.context, decision([]), false).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as UsageError).message).toBe('public access to the API server not approved: no terminal to ask on');
    expect((refused as UsageError).hint).toContain('--approve');
    expect(c.stderr()).toContain('0.0.0.0/0');
  });

  it('with --approve: stated, not asked', async () => {
    const c = context({ tty: false });
    await confirmPublicWindow(c.context, decision([]), true);
    expect(c.stderr()).toContain('0.0.0.0/0');
    expect(c.stderr()).toContain('approved with --approve');
    expect(c.stderr()).not.toContain('[y/N]');
  });

  it('on a terminal: y goes on, anything else refuses', async () => {
    await confirmPublicWindow(context({ tty: true, answer: 'y' }).context, decision([]), false);
    const refused = await confirmPublicWindow(context({ tty: true, answer: '' }).context, decision([]), false).catch(
      (e: unknown) => e,
    );
    expect((refused as UsageError).message).toBe('public access to the API server not approved: the answer was "no"');
  });

  it('nothing to open: nothing said, nothing asked', async () => {
    const c = context({ tty: false });
    await confirmPublicWindow(c.context, decision([], false), false);
    expect(c.stderr()).toBe('');
  });
});
