/**
 * Test doubles for deploy code (unit tests only):
 * - FakeClock: time moves only when someone sleeps; a sleep resolves at once (after a microtask)
 *   and advances `now` by its length, so hours of polling run in milliseconds. Sleeps are
 *   recorded so tests can check the backoff without reading wall time. Abort behaves as the real
 *   clock's: rejects with AbortedError.
 * - recordingSink: collects DeployEvents in order.
 */
import { AbortedError } from '../../../src/errors.js';
import type { Clock } from '../../../src/deploy/clock.js';
import type { DeployEvent, EventSink } from '../../../src/deploy/events.js';

export class FakeClock implements Clock {
  time = 0;
  readonly sleeps: number[] = [];
  /** Called on each sleep before it resolves; lets a test act "while" deploy code waits. */
  onSleep: ((ms: number, index: number) => void) | undefined;

  constructor(private readonly randomValue = 0.5) {}

  now(): number {
    return this.time;
  }

  random(): number {
    return this.randomValue;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const aborted = (): boolean => signal?.aborted === true;
    if (aborted()) throw new AbortedError();
    this.sleeps.push(ms);
    this.onSleep?.(ms, this.sleeps.length - 1);
    await Promise.resolve();
    // onSleep may have aborted the signal meanwhile.
    if (aborted()) throw new AbortedError();
    this.time += ms;
  }
}

export function recordingSink(): { events: DeployEvent[]; sink: EventSink } {
  const events: DeployEvent[] = [];
  return { events, sink: (e) => events.push(e) };
}
