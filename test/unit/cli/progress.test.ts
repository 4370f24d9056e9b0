/**
 * The progress view. Goldens (test/golden/progress/*.txt, reviewed; rewritten only with
 * UPDATE_GOLDENS=1): the plain, non-TTY transcript of a recorded create — the DeployEvents of a
 * real createCluster run over scripted AWS clients (test/unit/deploy/create-scenarios.ts) — and its
 * summary, for a success with the endpoint switch and for a failure with a rollback. No
 * timestamps, no colours, no absolute paths.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/deploy/create-cluster.js';
import type { DeployEvent } from '../../../src/deploy/events.js';
import { createSummary } from '../../../src/cli/render/output.js';
import { createProgressView, elapsed, wantsLiveProgress } from '../../../src/cli/render/progress.js';
import { repoRoot } from '../../helpers/python-tools.js';
import { FakeClock } from '../deploy/fakes.js';
import { minimalPlan, mockedClients, resetMocks, scriptEks, scriptMinimalStacks } from '../deploy/create-scenarios.js';

afterEach(resetMocks);

function capture(): { stream: PassThrough & { isTTY?: boolean; columns?: number }; text: () => string } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function transcript(failNg1: boolean): Promise<string> {
  scriptMinimalStacks({ failNg1 });
  scriptEks();
  const { plan, templates } = await minimalPlan('always');
  const out = capture();
  const view = createProgressView({ stream: out.stream, live: false, color: false, verbose: false });
  const result = await createCluster(
    { plan, templates },
    { clients: mockedClients(), events: view.sink, clock: new FakeClock(), kubeconfigPath: false, verify: false },
  );
  view.close();
  out.stream.write(
    createSummary(result, {
      color: false,
      rerun: 'private-eks create cluster -f cluster.yaml',
      hasEksEndpoint: false,
      withOidc: false,
    }),
  );
  await new Promise((r) => setImmediate(r));
  return out.text();
}

function golden(name: string, actual: string): void {
  const file = path.join(repoRoot, 'test/golden/progress', name);
  if (process.env['UPDATE_GOLDENS'] === '1' || !existsSync(file)) {
    if (process.env['UPDATE_GOLDENS'] !== '1')
      throw new Error(`missing golden ${file}: run with UPDATE_GOLDENS=1 and review it`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('progress view (plain)', () => {
  it('renders a successful create as the golden transcript', async () => {
    const text = await transcript(false);
    expect(text).not.toContain('\x1b[');
    golden('success.txt', text);
  });

  it('renders a failure with rollback as the golden transcript: the first failed resource, switch-off, resume hint', async () => {
    const text = await transcript(true);
    expect(text).not.toContain('\x1b[');
    expect(text).toContain(
      'NodeGroupLaunchTemplate (AWS::EC2::LaunchTemplate) CREATE_FAILED - The image id [ami-0bad] does not exist',
    );
    golden('failure-rollback.txt', text);
  });

  it('shows waiting polls only with --verbose', () => {
    const event: DeployEvent = {
      code: 'waiting',
      stepId: 'cluster',
      what: 'stack s',
      status: 'CREATE_IN_PROGRESS',
      delayMs: 15_000,
    };
    for (const verbose of [false, true]) {
      const out = capture();
      createProgressView({ stream: out.stream, live: false, color: false, verbose }).sink(event);
      out.stream.end();
      expect(out.text()).toBe(verbose ? '[cluster] waiting for stack s (CREATE_IN_PROGRESS), next look in 15s\n' : '');
    }
  });
});

describe('progress view (live)', () => {
  it('redraws one line per running step with elapsed time and the latest stack event, then clears them', () => {
    const out = capture();
    out.stream.columns = 200;
    let now = 0;
    const view = createProgressView({ stream: out.stream, live: true, color: false, verbose: false, now: () => now });
    view.sink({ code: 'step-started', stepId: 'nodegroup/ng1', description: 'create ng1' });
    now = 75_000;
    view.sink({
      code: 'stack-event',
      stepId: 'nodegroup/ng1',
      stack: 's',
      logicalId: 'NodeGroup',
      resourceType: 'AWS::AutoScaling::AutoScalingGroup',
      status: 'CREATE_IN_PROGRESS',
    });
    const during = out.text();
    expect(during).toContain('nodegroup/ng1 1m15s  NodeGroup CREATE_IN_PROGRESS');
    // The previous block is erased before each redraw (cursor up, clear line).
    expect(during).toContain('\x1b[1A\x1b[2K');
    now = 90_000;
    view.sink({ code: 'step-finished', stepId: 'nodegroup/ng1', detail: 'created' });
    view.close();
    const all = out.text();
    expect(all).toContain('✔ [nodegroup/ng1] done: created (1m30s)');
  });

  it('is chosen only on a terminal outside CI', () => {
    expect(wantsLiveProgress({ isTTY: true } as never, {})).toBe(true);
    expect(wantsLiveProgress({ isTTY: true } as never, { CI: 'true' })).toBe(false);
    expect(wantsLiveProgress({ isTTY: false } as never, {})).toBe(false);
    expect(elapsed(3_725_000)).toBe('1h02m');
  });
});
