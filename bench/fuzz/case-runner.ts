/**
 * Runs fuzz cases in a worker thread with a watchdog: a case without a verdict in time is a hang —
 * the worker is terminated (the only way to stop synchronous code) and a fresh one started. The
 * time limit starts when the case is handed over, never while a worker is still loading, and grows
 * with the input: a valid 850 KB config (20,000 nodegroups) takes about 2 s to read and 3 s through
 * the CLI on an idle core, so a flat limit would call a loaded machine's slowness a hang.
 */
import { Worker } from 'node:worker_threads';
import type { Verdict } from './oracle.js';
import type { CaseRequest } from './worker.js';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);
/** Added to the base limit per KiB of input: ~10× the measured linear cost. */
const MS_PER_KIB = 30;

/** The time a case may take before it counts as a hang. */
export function hangLimitMs(baseMs: number, input: string | Uint8Array): number {
  return baseMs + Math.ceil(input.length / 1024) * MS_PER_KIB;
}

interface Reply {
  readonly id: number;
  readonly verdict: Verdict;
}

export class CaseRunner {
  private worker!: Worker;
  private ready!: Promise<void>;
  private nextId = 0;

  constructor(private readonly hangMs: number) {
    this.start();
  }

  private start(): void {
    const worker = new Worker(ENTRY);
    this.worker = worker;
    // A first, trivial case: resolves once the worker has loaded the config layer and the CLI.
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.id !== 0) return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.postMessage({ id: 0, input: 'a: 1\n', cli: 'json' } satisfies CaseRequest);
    });
  }

  async run(input: string | Uint8Array, cli: CaseRequest['cli']): Promise<Verdict> {
    await this.ready;
    const worker = this.worker;
    const id = ++this.nextId;
    return new Promise<Verdict>((resolve) => {
      const finish = (verdict: Verdict, restart: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) {
          void worker.terminate();
          this.start();
        }
        resolve(verdict);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id === id) finish(reply.verdict, false);
      };
      // An exception thrown outside the judged promise (e.g. the stack overflowing in a way the
      // worker cannot catch) kills the worker: that is a crash too.
      const onError = (error: Error) =>
        finish({ ok: false, kind: 'throw', detail: `worker died: ${error.stack ?? error.message}` }, true);
      const onExit = (code: number) => finish({ ok: false, kind: 'throw', detail: `worker exited ${code}` }, true);
      const limit = hangLimitMs(this.hangMs, input);
      const timer = setTimeout(
        () => finish({ ok: false, kind: 'hang', detail: `no verdict after ${limit} ms` }, true),
        limit,
      );
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ id, input, cli } satisfies CaseRequest);
    });
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.worker.terminate();
  }
}
