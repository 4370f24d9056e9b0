/**
 * The emulator set-up an integration test file shares with the others: the emulator started
 * before the file's tests (moto alone, or moto with a Kubernetes API behind its clusters), the
 * environment the SDK reads pointed at it (createAwsClients refuses an env that disagrees with
 * process.env on what the SDK reads itself), and SDK clients against it, made by `client`. After
 * the tests, the clients are destroyed, the environment restored and the emulator stopped.
 */
import { afterAll, beforeAll, vi } from 'vitest';
import { emulatorClientConfig, type EmulatorClientConfig } from './moto/inventory.js';
import { startMotoWithKubeApi, type MotoWithKubeApi } from './moto-kube.js';
import { startMoto, type MotoServer, type StartMotoOptions } from './moto.js';

interface Destroyable {
  destroy(): void;
}

/** Makes an SDK client against the running emulator (us-west-2, test credentials, one attempt). */
export type MakeClient = <C extends Destroyable>(Client: new (config: EmulatorClientConfig) => C) => C;

/** Registers the hooks that start `start()` and stop it, and calls `ready` once it runs. */
function useEmulator<T extends { readonly moto: MotoServer; stop(): Promise<void> }>(
  start: () => Promise<T>,
  ready: (started: T, client: MakeClient) => void,
): void {
  let started: T | undefined;
  const clients: Destroyable[] = [];
  beforeAll(async () => {
    started = await start();
    for (const [key, value] of Object.entries(started.moto.env)) vi.stubEnv(key, value);
    const config = emulatorClientConfig(started.moto.endpoint);
    ready(started, (Client) => {
      const made = new Client(config);
      clients.push(made);
      return made;
    });
  });
  afterAll(async () => {
    for (const made of clients.splice(0)) made.destroy();
    vi.unstubAllEnvs();
    await started?.stop();
  });
}

/** moto for this file's tests; `ready` gets it and the client maker. */
export function useMoto(ready: (moto: MotoServer, client: MakeClient) => void, options?: StartMotoOptions): void {
  useEmulator(
    async () => {
      const moto = await startMoto(options);
      return { moto, stop: () => moto.stop() };
    },
    ({ moto }, client) => ready(moto, client),
  );
}

/** moto with a Kubernetes API behind its clusters (startMotoWithKubeApi) for this file's tests. */
export function useMotoWithKubeApi(
  label: string,
  ready: (emulator: MotoWithKubeApi, client: MakeClient) => void,
  options?: StartMotoOptions,
): void {
  useEmulator(() => startMotoWithKubeApi(label, options), ready);
}
