import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_OIDC_TRUSTED_ROOTS } from '../../../src/aws/data/aws-oidc-roots.js';
import {
  TlsInterceptionError,
  fetchOidcThumbprint,
  judgeChain,
  oidcIssuerHost,
} from '../../../src/aws/tls-thumbprint.js';
import { PrivateEksError } from '../../../src/errors.js';
import {
  createTestPki,
  crossSignRoot,
  opensslSha1Fingerprint,
  startTlsServer,
  type TestPki,
  type TlsTestServer,
} from '../../helpers/tls-server.js';
import { repoRoot } from '../../helpers/python-tools.js';

// A local TLS server stands in for oidc.eks.<region>.amazonaws.com: with the default (AWS) roots
// its test chain looks exactly like a TLS-intercepting proxy's forged chain.
let pki: TestPki;
let server: TlsTestServer;
const noProxy = { NO_PROXY: '127.0.0.1' };

beforeAll(async () => {
  pki = createTestPki();
  server = await startTlsServer(pki);
});
afterAll(async () => {
  await server.stop();
  pki.remove();
});

const testRoot = () => [{ name: 'private-eks test root', sha256: 'unused', pem: pki.root.pem }];

describe('fetchOidcThumbprint', () => {
  it('reports interception when the chain does not lead to an AWS root', async () => {
    const error = await fetchOidcThumbprint({ host: '127.0.0.1', port: server.port, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsInterceptionError);
    const interception = error as TlsInterceptionError;
    expect(interception.code).toBe('PE_TLS_INTERCEPTED');
    expect(interception.message).toContain(
      'the TLS certificate chain served for 127.0.0.1 does not lead to the CA AWS uses',
    );
    expect(interception.message).toContain('Amazon Root CA 1');
    expect(interception.message).toContain('intercepting TLS');
    expect(interception.topCertificate.subject).toBe('CN=private-eks test intermediate');
    expect(interception.topCertificate.issuer).toBe('CN=private-eks test root');
    expect(interception.hint).toContain('exclude 127.0.0.1');
    expect(interception.hint).toContain('IRSA and the VPC CNI');
  });

  it('computes the SHA-1 of the top served certificate, equal to openssl, when the root is trusted', async () => {
    const result = await fetchOidcThumbprint({
      host: '127.0.0.1',
      port: server.port,
      env: noProxy,
      trustedRoots: testRoot(),
    });
    expect(result.thumbprint).toBe(opensslSha1Fingerprint(pki.intermediate.path));
    expect(result.thumbprint).toMatch(/^[0-9a-f]{40}$/);
    expect(result.chain.map((c) => c.subject)).toEqual(['CN=127.0.0.1', 'CN=private-eks test intermediate']);
    expect(result.trustedRoot).toBe('private-eks test root');
    expect(result.via).toBeNull();
  });

  it('takes the root itself when the server sends it (the top of the chain as served)', async () => {
    const withRoot = await startTlsServer(pki, { serveRoot: true });
    try {
      const result = await fetchOidcThumbprint({
        host: '127.0.0.1',
        port: withRoot.port,
        env: {},
        trustedRoots: testRoot(),
      });
      expect(result.thumbprint).toBe(opensslSha1Fingerprint(pki.root.path));
      expect(result.chain).toHaveLength(3);
    } finally {
      await withRoot.stop();
    }
  });

  it('accepts a cross-signed copy of a trusted root (same subject and key, other issuer)', async () => {
    const cross = crossSignRoot(pki);
    const crossServer = await startTlsServer(pki, { top: cross });
    try {
      const result = await fetchOidcThumbprint({
        host: '127.0.0.1',
        port: crossServer.port,
        env: {},
        trustedRoots: testRoot(),
      });
      expect(result.top.issuer).toBe('CN=private-eks other root');
      expect(result.thumbprint).toBe(opensslSha1Fingerprint(cross.path));
      expect(result.thumbprint).not.toBe(opensslSha1Fingerprint(pki.root.path));
    } finally {
      await crossServer.stop();
    }
  });

  it('does not let Node append a root from its own trust store that the server did not send', async () => {
    // Node's getPeerCertificate(true) appends the issuing root when its trust store has it, which
    // would turn the thumbprint into the root's. Run the check in a Node whose store trusts the
    // test root (NODE_EXTRA_CA_CERTS is read only at start-up, hence the child process).
    const script =
      "import { fetchOidcThumbprint } from './src/aws/tls-thumbprint.ts';" +
      `const r = await fetchOidcThumbprint({ host: '127.0.0.1', port: ${server.port}, env: {}, ` +
      `trustedRoots: [{ name: 'test', sha256: '', pem: ${JSON.stringify(pki.root.pem)} }] });` +
      'console.log(JSON.stringify(r));';
    // Asynchronously: the server answering the child lives in this process's event loop.
    const { stdout: out } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: repoRoot,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: pki.root.path },
        encoding: 'utf8',
      },
    );
    const result = JSON.parse(out) as { thumbprint: string; chain: unknown[] };
    expect(result.chain).toHaveLength(2);
    expect(result.thumbprint).toBe(opensslSha1Fingerprint(pki.intermediate.path));
  });

  it('fails clearly when nothing listens', async () => {
    const port = await closedPort();
    const error = await fetchOidcThumbprint({ host: '127.0.0.1', port, env: {} }).catch((e: unknown) => e);
    expect(PrivateEksError.isPrivateEksError(error)).toBe(true);
    expect((error as PrivateEksError).code).toBe('PE_TLS_CONNECT');
    expect((error as Error).message).toContain(`TLS connection to 127.0.0.1:${port} failed`);
  });

  it('times out on a server that never answers the handshake', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const error = await fetchOidcThumbprint({ host: '127.0.0.1', port, env: {}, timeoutMs: 300 }).catch(
        (e: unknown) => e,
      );
      expect((error as PrivateEksError).code).toBe('PE_TLS_CONNECT');
      expect((error as Error).message).toContain('timed out');
    } finally {
      silent.close();
    }
  });

  it('refuses proxies it cannot tunnel through, naming the fix', async () => {
    const error = await fetchOidcThumbprint({
      host: '127.0.0.1',
      port: server.port,
      env: { HTTPS_PROXY: 'socks5://127.0.0.1:1' },
    }).catch((e: unknown) => e);
    expect((error as PrivateEksError).code).toBe('PE_TLS_PROXY');
    expect((error as PrivateEksError).hint).toContain('NO_PROXY');
  });
});

describe('judgeChain', () => {
  it('trusts a chain whose top is issued by a trusted root and nothing else', () => {
    const chain = [new X509Certificate(pki.leaf.pem), new X509Certificate(pki.intermediate.pem)];
    expect(judgeChain(chain, testRoot()).trustedBy?.name).toBe('private-eks test root');
    expect(judgeChain(chain, AWS_OIDC_TRUSTED_ROOTS).trustedBy).toBeNull();
    // The leaf alone is not issued by the root: an incomplete chain is not trusted.
    expect(judgeChain([new X509Certificate(pki.leaf.pem)], testRoot()).trustedBy).toBeNull();
  });

  it('trusts an AWS root served as the top of the chain', () => {
    const amazonRoot1 = AWS_OIDC_TRUSTED_ROOTS[0]!;
    const verdict = judgeChain([new X509Certificate(amazonRoot1.pem)], AWS_OIDC_TRUSTED_ROOTS);
    expect(verdict.trustedBy?.name).toBe('Amazon Root CA 1');
  });

  it('refuses an empty chain', () => {
    expect(() => judgeChain([], AWS_OIDC_TRUSTED_ROOTS)).toThrow(/no certificate/);
  });
});

describe('oidcIssuerHost', () => {
  it('uses the partition DNS suffix', () => {
    expect(oidcIssuerHost('us-west-2')).toBe('oidc.eks.us-west-2.amazonaws.com');
    expect(oidcIssuerHost('cn-north-1')).toBe('oidc.eks.cn-north-1.amazonaws.com.cn');
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
