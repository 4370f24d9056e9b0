/**
 * `-f` beyond regular files, through the built CLI (`bin/private-eks.js`, run `npm run build`
 * first) started by bash, as a user's shell would: `/dev/stdin`, process substitution, a FIFO,
 * with the same located problems as a file; endless inputs refused at the size limit; a
 * directory refused as a usage error.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/python-tools.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'private-eks-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cli = path.join(repoRoot, 'bin/private-eks.js');
const BAD = 'test/fixtures/config/bad-network.yaml';

function sh(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['--norc', '--noprofile', '-c', script],
      { cwd: repoRoot, env: { PATH: process.env['PATH'], CI: 'true', CLI: cli, SCRATCH: scratch }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The problems of the bad file read as a plain path, minus the file name: what every other way must match. */
async function problemsOf(source: string, name: string): Promise<string> {
  const run = await sh(`node "$CLI" validate -f ${source}`);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`${name}:`);
  return run.stderr.split(name).join('FILE');
}

describe('-f with pipes and devices', () => {
  it('reads /dev/stdin, process substitution and a FIFO with the same located problems as the file', async () => {
    const expected = await problemsOf(BAD, BAD);
    expect(expected).toMatch(/FILE:\d+:\d+/);
    expect(await problemsOf(`/dev/stdin < ${BAD}`, '/dev/stdin')).toBe(expected);
    expect(await problemsOf(`/dev/stdin <<< "$(cat ${BAD})"`, '/dev/stdin')).toBe(expected);
    const substituted = await sh(`node "$CLI" validate -f <(cat ${BAD})`);
    const fd = /(\/dev\/fd\/\d+|\/proc\/self\/fd\/\d+):/.exec(substituted.stderr)?.[1];
    expect(fd).toBeDefined();
    expect(substituted.code).toBe(1);
    expect(substituted.stderr.split(fd!).join('FILE')).toBe(expected);
    const fifo = path.join(scratch, 'config.fifo');
    const viaFifo = await sh(`mkfifo "${fifo}"; cat ${BAD} > "${fifo}" & node "$CLI" validate -f "${fifo}"`);
    expect(viaFifo.code).toBe(1);
    expect(viaFifo.stderr.split(fifo).join('FILE')).toBe(expected);
  });

  it('accepts a good config through process substitution', async () => {
    const run = await sh('node "$CLI" validate -f <(cat examples/minimal.yaml)');
    expect(run.stderr).toMatch(/^\/dev\/fd\/\d+: valid \(cluster "private-cluster" in us-west-2\)\n$/);
    expect(run.code).toBe(0);
  });

  it('refuses endless inputs at the size limit instead of reading forever', async () => {
    for (const source of ['/dev/zero', '<(yes "a: b")']) {
      const run = await sh(`node "$CLI" validate -f ${source}`);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/at most 128 KiB \(131072 bytes\)/);
    }
  }, 90_000);

  it('refuses a directory as a usage error', async () => {
    const run = await sh(`node "$CLI" validate -f "$SCRATCH"`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is a directory');
  });
});
