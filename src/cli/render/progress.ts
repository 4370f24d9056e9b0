/**
 * The progress view: DeployEvents (src/deploy/events.ts) → stderr.
 *
 * - Live (a terminal, not CI): permanent lines for what finished, failed or needs attention, and
 *   below them one redrawn line per running step with its elapsed time and latest stack event.
 * - Plain (not a terminal, or CI=true): one line per event, no colours, no cursor movement, no
 *   timestamps — stable enough for logs and golden files. `waiting` polls only with --verbose.
 *
 * Progress goes to stderr; stdout is kept for machine-readable results (SPEC §1).
 */
import pc from 'picocolors';
import type { DeployEvent, EventSink } from '../../deploy/events.js';

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface ProgressOptions {
  readonly stream: Stream;
  /** Redraw running steps in place (a terminal and not CI). */
  readonly live: boolean;
  readonly color: boolean;
  readonly verbose: boolean;
  /** For elapsed times in live mode; default Date.now. */
  readonly now?: () => number;
}

export interface ProgressView {
  readonly sink: EventSink;
  /** Stops redrawing and leaves the cursor below the last permanent line. */
  close(): void;
}

/** A live view only on a terminal, never in CI (SPEC §7 "progress"). */
export function wantsLiveProgress(stream: Stream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env['CI'] !== 'true' && env['TERM'] !== 'dumb';
}

type Paint = ReturnType<typeof pc.createColors>;

/** The text of one event as a permanent line, or undefined for events that make no line. */
export function eventLine(event: DeployEvent, paint: Paint, verbose: boolean): string | undefined {
  const tag = (id: string | undefined): string => (id === undefined ? '' : `${paint.dim(`[${id}]`)} `);
  switch (event.code) {
    case 'step-started':
      return `${tag(event.stepId)}started: ${event.description}`;
    case 'step-finished':
      return `${tag(event.stepId)}${paint.green('done')}: ${event.detail}`;
    case 'step-failed':
      return `${tag(event.stepId)}${paint.red('failed')}: ${event.message}`;
    case 'step-skipped':
      return `${tag(event.stepId)}${paint.yellow('skipped')}: ${event.reason}`;
    case 'step-interrupted':
      return `${tag(event.stepId)}${paint.yellow('interrupted')}: stopped waiting; CloudFormation carries on`;
    case 'stack-operation':
      return `${tag(event.stepId)}stack ${event.stack}: ${operationText(event.operation)}${event.status === undefined ? '' : ` (${event.status})`}`;
    case 'stack-event': {
      const status = event.status.endsWith('_FAILED') ? paint.red(event.status) : event.status;
      const reason = event.reason === undefined || event.reason === '' ? '' : ` - ${event.reason}`;
      return `${tag(event.stepId)}${event.logicalId} (${event.resourceType}) ${status}${reason}`;
    }
    case 'waiting':
      return verbose
        ? `${tag(event.stepId)}waiting for ${event.what} (${event.status}), next look in ${seconds(event.delayMs)}`
        : undefined;
    case 'endpoint-access-update': {
      const id = event.updateId === undefined ? '' : ` (update ${event.updateId})`;
      const phase = event.phase === 'failed' ? paint.red(event.phase) : event.phase;
      if (event.phase === 'failed')
        return `${tag('endpoint-access')}cluster ${event.cluster}: endpoint access update ${phase}${id}: ${event.detail ?? ''}`;
      const target = event.detail === undefined ? '' : ` to ${event.detail}`;
      return `${tag('endpoint-access')}cluster ${event.cluster}: endpoint access update${target} ${phase}${id}`;
    }
    case 'warning':
      return `${tag(event.stepId)}${paint.yellow('warning')}: ${event.message}`;
    case 'info':
      return `${tag(event.stepId)}${event.message}`;
  }
}

function operationText(operation: string): string {
  switch (operation) {
    case 'create':
      return 'creating';
    case 'reuse':
      return 'already complete, reused';
    case 'wait':
      return 'in progress, waiting for it';
    case 'recreate':
      return 'create failed earlier; deleting it to create it again';
    case 'update':
      return 'updating (change set)';
    default:
      return 'deleting';
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}

export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function createProgressView(options: ProgressOptions): ProgressView {
  const paint = pc.createColors(options.color);
  return options.live ? liveView(options, paint) : plainView(options, paint);
}

function plainView(options: ProgressOptions, paint: Paint): ProgressView {
  return {
    sink: (event) => {
      const line = eventLine(event, paint, options.verbose);
      if (line !== undefined) options.stream.write(`${line}\n`);
    },
    close: () => {},
  };
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

interface Running {
  readonly started: number;
  latest: string;
}

function liveView(options: ProgressOptions, paint: Paint): ProgressView {
  const now = options.now ?? Date.now;
  const running = new Map<string, Running>();
  const stepStarted = new Map<string, number>();
  let drawn = 0;
  let frame = 0;
  let closed = false;

  // A pseudo-terminal without a size (script, some CI runners) reports 0 columns.
  const width = (): number => {
    const columns = options.stream.columns ?? 0;
    return Math.max(20, (columns > 0 ? columns : 100) - 1);
  };
  const clip = (text: string): string => (text.length > width() ? `${text.slice(0, width() - 1)}…` : text);
  const erase = (): string => '\x1b[1A\x1b[2K'.repeat(drawn) + (drawn > 0 ? '\r' : '');
  const block = (): string[] =>
    [...running.entries()].map(([id, r]) => {
      const line = `${SPINNER[frame % SPINNER.length] ?? '*'} ${id} ${elapsed(now() - r.started)}  ${r.latest}`;
      return paint.cyan(clip(line));
    });
  const redraw = (permanent: string[] = []): void => {
    if (closed) return;
    const lines = block();
    const out = erase() + permanent.map((l) => `${l}\n`).join('') + lines.map((l) => `${l}\n`).join('');
    drawn = lines.length;
    options.stream.write(out);
  };
  const timer = setInterval(() => {
    frame += 1;
    redraw();
  }, 1000);
  timer.unref();

  const sink: EventSink = (event) => {
    const permanent: string[] = [];
    switch (event.code) {
      case 'step-started':
        stepStarted.set(event.stepId, now());
        running.set(event.stepId, { started: now(), latest: event.description });
        break;
      case 'stack-operation':
      case 'waiting': {
        const r = running.get(event.stepId);
        if (r !== undefined)
          r.latest = stripDim(eventLine(event, pc.createColors(false), true) ?? r.latest, event.stepId);
        break;
      }
      case 'stack-event': {
        const r = running.get(event.stepId);
        if (r !== undefined) r.latest = `${event.logicalId} ${event.status}`;
        // Failures stay on screen; the rest only update the step's line.
        if (event.status.endsWith('_FAILED')) permanent.push(eventLine(event, paint, true) ?? '');
        break;
      }
      case 'step-finished':
      case 'step-failed':
      case 'step-skipped':
      case 'step-interrupted': {
        const started = stepStarted.get(event.stepId);
        running.delete(event.stepId);
        const took = started === undefined ? '' : ` ${paint.dim(`(${elapsed(now() - started)})`)}`;
        const mark =
          event.code === 'step-finished'
            ? paint.green('✔')
            : event.code === 'step-failed'
              ? paint.red('✖')
              : paint.yellow('–');
        permanent.push(`${mark} ${eventLine(event, paint, true) ?? ''}${took}`);
        break;
      }
      default: {
        const line = eventLine(event, paint, options.verbose);
        if (line !== undefined) permanent.push(line);
      }
    }
    redraw(permanent);
  };

  return {
    sink,
    close: () => {
      clearInterval(timer);
      if (!closed) options.stream.write(erase());
      drawn = 0;
      closed = true;
    },
  };
}

function stripDim(line: string, stepId: string): string {
  return line.replace(`[${stepId}] `, '');
}
