/**
 * The fuzzer's worker thread: judges one case at a time (oracle.ts) and posts the verdict back.
 * Cases run here, not on the fuzzer's own thread, so that a case that hangs can be stopped: the
 * fuzzer terminates this worker after its time limit and starts a new one.
 */
import { parentPort } from 'node:worker_threads';
import { judge } from './oracle.js';

export interface CaseRequest {
  readonly id: number;
  readonly input: string | Uint8Array;
  readonly cli: 'none' | 'text' | 'json';
}

const port = parentPort;
if (port === null) throw new Error('bench/fuzz/worker.ts must run as a worker thread');
port.on('message', (request: CaseRequest) => {
  judge(request.input, request.cli).then(
    (verdict) => port.postMessage({ id: request.id, verdict }),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        verdict: {
          ok: false,
          kind: 'throw',
          detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
        },
      }),
  );
});
