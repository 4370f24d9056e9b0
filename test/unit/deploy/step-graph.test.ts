import { describe, expect, it } from 'vitest';
import { AbortedError, DeployError } from '../../../src/errors.js';
import { findCycle, StepGraph, type GraphStep } from '../../../src/deploy/step-graph.js';
import { recordingSink } from './fakes.js';

/** A deferred: a promise the test resolves or rejects when it chooses. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function step(id: string, dependsOn: string[], run: GraphStep['run'] = () => Promise.resolve('done')): GraphStep {
  return { id, description: `step ${id}`, dependsOn, run };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('StepGraph', () => {
  it('runs steps after their dependencies, in declaration order among peers', async () => {
    const order: string[] = [];
    const mk = (id: string, deps: string[]) =>
      step(id, deps, () => {
        order.push(id);
        return Promise.resolve('ok');
      });
    // Declared out of order on purpose: kubeconfig before cluster.
    const graph = new StepGraph([
      mk('kubeconfig', ['cluster']),
      mk('cluster', []),
      mk('nodegroup/a', ['cluster']),
      mk('nodegroup/b', ['cluster']),
      mk('endpoint-access', ['nodegroup/a', 'nodegroup/b', 'kubeconfig']),
    ]);
    const result = await graph.run({ parallelism: 1 });
    expect(result.ok).toBe(true);
    expect(order).toEqual(['cluster', 'kubeconfig', 'nodegroup/a', 'nodegroup/b', 'endpoint-access']);
    expect(result.steps.map((s) => s.status)).toEqual(Array(5).fill('succeeded'));
  });

  it('never runs more than `parallelism` steps at once, and uses all of it', async () => {
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 20 }, () => deferred<void>());
    const steps = gates.map((gate, i) =>
      step(`ng${i}`, [], async () => {
        running += 1;
        peak = Math.max(peak, running);
        await gate.promise;
        running -= 1;
        return 'created';
      }),
    );
    const done = new StepGraph(steps).run({ parallelism: 8 });
    await flush();
    expect(running).toBe(8);
    for (const gate of gates) {
      gate.resolve();
      await flush();
    }
    const result = await done;
    expect(result.ok).toBe(true);
    expect(peak).toBe(8);
  });

  it('rejects a cycle, naming it', () => {
    expect(() => new StepGraph([step('a', ['c']), step('b', ['a']), step('c', ['b'])])).toThrow(/cycle: a → c → b → a/);
    expect(findCycle([step('a', []), step('b', ['a'])])).toBeUndefined();
  });

  it('rejects unknown dependencies and duplicate ids', () => {
    expect(() => new StepGraph([step('a', ['missing'])])).toThrow(/unknown step "missing"/);
    expect(() => new StepGraph([step('a', []), step('a', [])])).toThrow(/declared twice/);
  });

  it('skips the dependents of a failed step and lets independent steps finish', async () => {
    const { events, sink } = recordingSink();
    const graph = new StepGraph([
      step('cluster', []),
      step('nodegroup/bad', ['cluster'], () =>
        Promise.reject(new DeployError('stack x is ROLLBACK_COMPLETE', 'NodeGroup (AWS::EKS::Nodegroup)')),
      ),
      step('nodegroup/good', ['cluster']),
      step('endpoint-access', ['nodegroup/bad', 'nodegroup/good']),
    ]);
    const result = await graph.run({ events: sink });
    expect(result.ok).toBe(false);
    expect(Object.fromEntries(result.steps.map((s) => [s.id, s.status]))).toEqual({
      cluster: 'succeeded',
      'nodegroup/bad': 'failed',
      'nodegroup/good': 'succeeded',
      'endpoint-access': 'skipped',
    });
    expect(events).toContainEqual({
      code: 'step-failed',
      stepId: 'nodegroup/bad',
      message: 'stack x is ROLLBACK_COMPLETE',
      resource: 'NodeGroup (AWS::EKS::Nodegroup)',
    });
    expect(events).toContainEqual({ code: 'step-skipped', stepId: 'endpoint-access', reason: 'nodegroup/bad failed' });
  });

  it('runs dependents of failed steps with continueAfterFailure (delete --force)', async () => {
    const ran: string[] = [];
    const graph = new StepGraph([
      step('nodegroup/a', [], () => Promise.reject(new DeployError('DELETE_FAILED', undefined))),
      step('cluster', ['nodegroup/a'], () => {
        ran.push('cluster');
        return Promise.resolve('deleted');
      }),
    ]);
    const result = await graph.run({ continueAfterFailure: true });
    expect(ran).toEqual(['cluster']);
    expect(result.steps.map((s) => s.status)).toEqual(['failed', 'succeeded']);
  });

  it('on abort: starts nothing new, interrupts running steps through the signal, deletes nothing', async () => {
    const controller = new AbortController();
    const { events, sink } = recordingSink();
    const started: string[] = [];
    const waitForAbort = (id: string) => (ctx: { signal: AbortSignal }) =>
      new Promise<string>((_, reject) => {
        started.push(id);
        ctx.signal.addEventListener('abort', () => reject(new AbortedError()));
      });
    const graph = new StepGraph([
      step('cluster', []),
      step('nodegroup/a', ['cluster'], waitForAbort('nodegroup/a')),
      step('nodegroup/b', ['cluster'], waitForAbort('nodegroup/b')),
      step('nodegroup/c', ['cluster'], waitForAbort('nodegroup/c')),
      step('endpoint-access', ['nodegroup/a', 'nodegroup/b', 'nodegroup/c']),
    ]);
    const done = graph.run({ parallelism: 2, signal: controller.signal, events: sink });
    await flush();
    expect(started).toEqual(['nodegroup/a', 'nodegroup/b']);
    controller.abort();
    const result = await done;
    expect(result.interrupted).toBe(true);
    expect(started).toEqual(['nodegroup/a', 'nodegroup/b']);
    expect(Object.fromEntries(result.steps.map((s) => [s.id, s.status]))).toEqual({
      cluster: 'succeeded',
      'nodegroup/a': 'interrupted',
      'nodegroup/b': 'interrupted',
      'nodegroup/c': 'skipped',
      'endpoint-access': 'skipped',
    });
    expect(events.filter((e) => e.code === 'step-interrupted')).toHaveLength(2);
  });

  it('an abort that lands after the last step finished interrupted nothing: the run is done', async () => {
    const controller = new AbortController();
    const graph = new StepGraph([step('cluster', []), step('kubeconfig', ['cluster'])]);
    const result = await graph.run({
      signal: controller.signal,
      // Ctrl-C the moment the last step says it is done (what the CLI's progress view sees).
      events: (e) => {
        if (e.code === 'step-finished' && e.stepId === 'kubeconfig') controller.abort();
      },
    });
    expect(controller.signal.aborted).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.interrupted).toBe(false);
  });

  it('describes itself: topological order, dependencies and levels', () => {
    const graph = new StepGraph([
      step('kubeconfig', ['cluster']),
      step('cluster', []),
      step('fargate', ['cluster']),
      step('endpoint-access', ['fargate', 'kubeconfig']),
    ]);
    expect(graph.describe()).toEqual([
      { id: 'cluster', description: 'step cluster', dependsOn: [], level: 0 },
      { id: 'kubeconfig', description: 'step kubeconfig', dependsOn: ['cluster'], level: 1 },
      { id: 'fargate', description: 'step fargate', dependsOn: ['cluster'], level: 1 },
      { id: 'endpoint-access', description: 'step endpoint-access', dependsOn: ['fargate', 'kubeconfig'], level: 2 },
    ]);
  });

  it('treats a step that throws synchronously as failed', async () => {
    const graph = new StepGraph([
      step('a', [], () => {
        throw new DeployError('boom', undefined);
      }),
    ]);
    const result = await graph.run();
    expect(result.steps[0]?.status).toBe('failed');
    expect(result.ok).toBe(false);
  });
});
