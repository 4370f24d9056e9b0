/**
 * A small DAG runner for deploy steps (SPEC §7, §8): each step starts once every step it depends
 * on has succeeded, at most `parallelism` at a time (SPEC §7: default 8), in declaration order
 * among the ready ones so runs are reproducible. Every fan-out of deploy code goes through here,
 * so no unbounded Promise.all ever hammers an AWS API.
 *
 * Failure: the steps that depend on a failed step are skipped, the others carry on (a nodegroup
 * stack that fails does not stop its siblings half-way); with `continueAfterFailure` (delete
 * --force) dependents run anyway. Cancellation: once the signal aborts, no step starts, steps not
 * started are reported skipped, running steps get the same signal (their waits reject with
 * AbortedError) and are reported interrupted. Nothing is rolled back or deleted.
 *
 * The same graph describes itself (`describe()`), so the plan prints exactly what create runs.
 */
import { AbortedError, PrivateEksError } from '../errors.js';
import { silentSink, type EventSink } from './events.js';

export interface StepContext {
  /** Aborted on Ctrl-C: stop waiting, delete nothing. */
  readonly signal: AbortSignal;
}

export interface GraphStep {
  readonly id: string;
  readonly description: string;
  readonly dependsOn: readonly string[];
  /** A clean-up step: it runs once its dependencies are done even if one of them failed. */
  readonly afterFailure?: boolean;
  /** Does the work; resolves to a few words on what it did ("created", "reused"). */
  run(context: StepContext): Promise<string>;
}

/** A step's status in a run. */
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'interrupted';

/** A step's record in a run: its status, timing and error. */
export interface StepRecord {
  readonly id: string;
  readonly status: StepStatus;
  readonly detail?: string;
  readonly error?: unknown;
}

export interface GraphRunResult {
  /** Every step, in the graph's topological order. */
  readonly steps: readonly StepRecord[];
  readonly ok: boolean;
  /** Some step did not finish because the signal aborted (never true when every step succeeded). */
  readonly interrupted: boolean;
}

export interface GraphRunOptions {
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  readonly events?: EventSink;
  /** Run the dependents of a failed step anyway (delete --force). */
  readonly continueAfterFailure?: boolean;
}

export interface StepDescription {
  readonly id: string;
  readonly description: string;
  readonly dependsOn: readonly string[];
  /** 0 for steps with no dependencies; a step's level is one more than its deepest dependency. */
  readonly level: number;
}

export const DEFAULT_PARALLELISM = 8;

export class StepGraph {
  /** Steps in a topological order that keeps declaration order among peers. */
  private readonly ordered: readonly GraphStep[];

  constructor(steps: readonly GraphStep[]) {
    this.ordered = topologicalOrder(steps);
  }

  describe(): StepDescription[] {
    const level = new Map<string, number>();
    return this.ordered.map((step) => {
      const own = step.dependsOn.reduce((max, dep) => Math.max(max, (level.get(dep) ?? 0) + 1), 0);
      level.set(step.id, own);
      return { id: step.id, description: step.description, dependsOn: [...step.dependsOn], level: own };
    });
  }

  run(options: GraphRunOptions = {}): Promise<GraphRunResult> {
    const limit = Math.max(1, Math.floor(options.parallelism ?? DEFAULT_PARALLELISM));
    const events = options.events ?? silentSink;
    const signal = options.signal ?? new AbortController().signal;
    const records = new Map<string, StepRecord>(this.ordered.map((s) => [s.id, { id: s.id, status: 'pending' }]));
    let running = 0;

    return new Promise<GraphRunResult>((resolve) => {
      const settle = (): void => {
        const steps = this.ordered.map((s) => records.get(s.id) as StepRecord);
        const ok = steps.every((r) => r.status === 'succeeded');
        // An abort that lands after the last step finished interrupted nothing: the run is done.
        resolve({ steps, ok, interrupted: !ok && (signal.aborted || steps.some((r) => r.status === 'interrupted')) });
      };

      const start = (step: GraphStep): void => {
        running += 1;
        records.set(step.id, { id: step.id, status: 'running' });
        events({ code: 'step-started', stepId: step.id, description: step.description });
        // A step's run() may throw synchronously; treat that like a rejection.
        Promise.resolve()
          .then(() => step.run({ signal }))
          .then(
            (detail) => {
              records.set(step.id, { id: step.id, status: 'succeeded', detail });
              events({ code: 'step-finished', stepId: step.id, detail });
            },
            (error: unknown) => {
              if (error instanceof AbortedError || (signal.aborted && !PrivateEksError.isPrivateEksError(error))) {
                records.set(step.id, { id: step.id, status: 'interrupted', error });
                events({ code: 'step-interrupted', stepId: step.id });
                return;
              }
              records.set(step.id, { id: step.id, status: 'failed', error });
              const resource = resourceOf(error);
              events({
                code: 'step-failed',
                stepId: step.id,
                message: messageOf(error),
                ...(resource === undefined ? {} : { resource }),
              });
            },
          )
          .finally(() => {
            running -= 1;
            pump();
          });
      };

      const pump = (): void => {
        for (const step of this.ordered) {
          const record = records.get(step.id) as StepRecord;
          if (record.status !== 'pending') continue;
          if (signal.aborted) {
            records.set(step.id, { id: step.id, status: 'skipped' });
            events({ code: 'step-skipped', stepId: step.id, reason: 'interrupted before it started' });
            continue;
          }
          const deps = step.dependsOn.map((d) => records.get(d) as StepRecord);
          const blocker = deps.find(
            (d) =>
              d.status === 'skipped' ||
              d.status === 'interrupted' ||
              (d.status === 'failed' && options.continueAfterFailure !== true && step.afterFailure !== true),
          );
          if (blocker !== undefined) {
            records.set(step.id, { id: step.id, status: 'skipped' });
            events({
              code: 'step-skipped',
              stepId: step.id,
              reason: `${blocker.id} ${blocker.status === 'failed' ? 'failed' : 'did not complete'}`,
            });
            continue;
          }
          const ready = deps.every((d) => d.status === 'succeeded' || d.status === 'failed');
          if (ready && running < limit) start(step);
        }
        if (running === 0) {
          const pending = [...records.values()].some((r) => r.status === 'pending');
          if (!pending) settle();
        }
      };

      signal.addEventListener('abort', () => pump(), { once: true });
      pump();
    });
  }
}

/** Kahn's algorithm, taking ready steps in declaration order; rejects duplicates, unknown ids and cycles. */
function topologicalOrder(steps: readonly GraphStep[]): GraphStep[] {
  const byId = new Map<string, GraphStep>();
  for (const step of steps) {
    if (byId.has(step.id)) throw graphError(`step "${step.id}" is declared twice`);
    byId.set(step.id, step);
  }
  for (const step of steps) {
    for (const dep of step.dependsOn) {
      if (!byId.has(dep)) throw graphError(`step "${step.id}" depends on unknown step "${dep}"`);
    }
  }
  const cycle = findCycle(steps);
  if (cycle !== undefined) throw graphError(`the steps form a cycle: ${cycle.join(' → ')}`);
  const done = new Set<string>();
  const out: GraphStep[] = [];
  while (out.length < steps.length) {
    const next = steps.filter((s) => !done.has(s.id) && s.dependsOn.every((d) => done.has(d)));
    for (const s of next) {
      done.add(s.id);
      out.push(s);
    }
  }
  return out;
}

/** A dependency cycle as a path that starts and ends with the same id, or undefined. */
export function findCycle(steps: readonly Pick<GraphStep, 'id' | 'dependsOn'>[]): string[] | undefined {
  const deps = new Map(steps.map((s) => [s.id, s.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const seen = state.get(id);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const dep of deps.get(id) ?? []) {
      const cycle = visit(dep);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const step of steps) {
    const cycle = visit(step.id);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

function graphError(message: string): PrivateEksError {
  return new PrivateEksError('PE_STEP_GRAPH', message, { source: 'internal' });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function resourceOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'resource' in error) {
    const resource = error.resource;
    return typeof resource === 'string' ? resource : undefined;
  }
  return undefined;
}
