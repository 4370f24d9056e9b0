/**
 * Progress of a deploy as typed events. Deploy code never prints: it hands each event to the
 * sink it was given, and the CLI's renderer (src/cli/render/progress.ts) decides how it looks —
 * a live view on a terminal, one plain line per event in CI, nothing at all in a library caller.
 *
 * `code` is the stable discriminant: renderers, tests and golden transcripts rely on it, so a code
 * is never renamed; new events get new codes. Events carry no timestamps (the renderer has its
 * own clock), so a recorded sequence is reproducible.
 */

/** What the deploy layer does with a stack: create, reuse, wait for, recreate, update or delete it. */
export type StackOperation = 'create' | 'reuse' | 'wait' | 'recreate' | 'delete' | 'update';

/** A progress event of the deploy layer, with a stable `code` (stack started, resource failed, step done, …); the CLI's progress view renders them. */
export type DeployEvent =
  /** A step of the graph began (SPEC §7 steps; delete steps of §8). */
  | { readonly code: 'step-started'; readonly stepId: string; readonly description: string }
  /** A step ended well; `detail` says what it did in a few words ("created", "reused", …). */
  | { readonly code: 'step-finished'; readonly stepId: string; readonly detail: string }
  /** A step failed; `resource` names the failed resource when known (first `*_FAILED` event). */
  | {
      readonly code: 'step-failed';
      readonly stepId: string;
      readonly message: string;
      readonly resource?: string;
    }
  /** A step did not run: a step it depends on failed, or the run was interrupted first. */
  | { readonly code: 'step-skipped'; readonly stepId: string; readonly reason: string }
  /** A running step stopped waiting because the run was interrupted (Ctrl-C); AWS carries on. */
  | { readonly code: 'step-interrupted'; readonly stepId: string }
  /** What is about to happen to a stack, decided from its status (SPEC §7 resume rules). */
  | {
      readonly code: 'stack-operation';
      readonly stepId: string;
      readonly stack: string;
      readonly operation: StackOperation;
      /** The status that led to the decision; absent when the stack did not exist. */
      readonly status?: string;
    }
  /** One CloudFormation stack event, streamed while a stack is created or deleted. */
  | {
      readonly code: 'stack-event';
      readonly stepId: string;
      readonly stack: string;
      readonly logicalId: string;
      readonly resourceType: string;
      readonly status: string;
      readonly reason?: string;
    }
  /** A poll found the operation still running; the next look is in `delayMs`. */
  | {
      readonly code: 'waiting';
      readonly stepId: string;
      readonly what: string;
      readonly status: string;
      readonly delayMs: number;
    }
  /** Public access of the API server being switched off (SPEC §7 step 5). */
  | {
      readonly code: 'endpoint-access-update';
      readonly phase: 'requested' | 'in-progress' | 'successful' | 'failed' | 'skipped';
      readonly cluster: string;
      readonly updateId?: string;
      readonly detail?: string;
    }
  /** Something the user should know; the run goes on. */
  | { readonly code: 'warning'; readonly message: string; readonly stepId?: string }
  /** A plain note (what was written where, what must be done by hand). */
  | { readonly code: 'info'; readonly message: string; readonly stepId?: string };

/** The stable code of a DeployEvent. */
export type DeployEventCode = DeployEvent['code'];

/** Where events go. Must not throw; a renderer that fails must not fail the deploy. */
export type EventSink = (event: DeployEvent) => void;

/** A sink that drops everything, for library callers that want no progress. */
export const silentSink: EventSink = () => {};

/** Calls `sink` but swallows its errors: a broken progress view must not break a deploy. */
export function safeSink(sink: EventSink): EventSink {
  return (event) => {
    try {
      sink(event);
    } catch {
      // A renderer error is not a deploy error.
    }
  };
}
