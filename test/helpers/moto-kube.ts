/**
 * The emulator with a Kubernetes API server behind its clusters: moto started so that every EKS
 * cluster's endpoint and CA are those of the fake Kubernetes API (test/helpers/fake-kube-api.ts,
 * real TLS from a test PKI). The in-VPC runner's shipped code, run by the emulator with the local
 * node (`lambda-runner` in the emulator's README), then writes its objects there.
 */
import { startFakeKubeApi, type FakeKubeApi } from './fake-kube-api.js';
import { startMoto, type MotoServer, type StartMotoOptions } from './moto.js';
import { createTestPki, type TestPki } from './tls-server.js';

export interface MotoWithKubeApi {
  readonly moto: MotoServer;
  readonly api: FakeKubeApi;
  /** Stops the emulator and the API server and removes the test PKI. */
  stop(): Promise<void>;
}

export async function startMotoWithKubeApi(label: string, options: StartMotoOptions = {}): Promise<MotoWithKubeApi> {
  const pki: TestPki = createTestPki(label);
  const api = await startFakeKubeApi(pki);
  const moto = await startMoto({
    ...options,
    env: {
      ...options.env,
      PRIVATE_EKS_EMULATOR_KUBE_ENDPOINT: api.url,
      PRIVATE_EKS_EMULATOR_KUBE_CA: Buffer.from(pki.root.pem).toString('base64'),
    },
  });
  return {
    moto,
    api,
    async stop() {
      await moto.stop();
      await api.close();
      pki.remove();
    },
  };
}
