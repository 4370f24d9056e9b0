/**
 * A TLS server on 127.0.0.1 standing in for an OIDC issuer (or for a TLS-intercepting proxy's
 * forged certificate), with a certificate chain made by `openssl` at test time:
 * root → intermediate → leaf for 127.0.0.1. Tests compare what private-eks computes with what
 * `openssl x509 -fingerprint -sha1` says about the same files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface TestCertificate {
  /** PEM file path. */
  readonly path: string;
  readonly pem: string;
  readonly keyPath: string;
}

export interface TestPki {
  readonly dir: string;
  readonly root: TestCertificate;
  readonly intermediate: TestCertificate;
  readonly leaf: TestCertificate;
  /** Deletes the files. */
  remove(): void;
}

function openssl(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(
      `openssl ${args.join(' ')} failed (install openssl: sudo apt-get install openssl): ${String(error)}`,
      { cause: error },
    );
  }
}

/** Generates root → intermediate → leaf (EC P-256, valid 2 days) in a fresh temporary folder. */
export function createTestPki(name = 'private-eks test'): TestPki {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'private-eks-pki-'));
  const key = (file: string) => openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file], dir);
  writeFileSync(
    path.join(dir, 'ca.ext'),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  writeFileSync(
    path.join(dir, 'leaf.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' +
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nauthorityKeyIdentifier=keyid\n',
  );

  key('root.key');
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'root.key',
      '-out',
      'root.pem',
      '-days',
      '2',
      '-subj',
      `/CN=${name} root`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  key('intermediate.key');
  openssl(
    ['req', '-new', '-key', 'intermediate.key', '-out', 'intermediate.csr', '-subj', `/CN=${name} intermediate`],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'intermediate.csr',
      '-CA',
      'root.pem',
      '-CAkey',
      'root.key',
      '-set_serial',
      '2',
      '-out',
      'intermediate.pem',
      '-days',
      '2',
      '-extfile',
      'ca.ext',
    ],
    dir,
  );
  key('leaf.key');
  openssl(['req', '-new', '-key', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1'], dir);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'intermediate.pem',
      '-CAkey',
      'intermediate.key',
      '-set_serial',
      '3',
      '-out',
      'leaf.pem',
      '-days',
      '2',
      '-extfile',
      'leaf.ext',
    ],
    dir,
  );
  const cert = (base: string): TestCertificate => ({
    path: path.join(dir, `${base}.pem`),
    pem: readFileSync(path.join(dir, `${base}.pem`), 'utf8'),
    keyPath: path.join(dir, `${base}.key`),
  });
  return {
    dir,
    root: cert('root'),
    intermediate: cert('intermediate'),
    leaf: cert('leaf'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A copy of the test root (same subject, same key) signed by another, self-signed CA — the shape
 * of a cross-signed root such as Starfield Services G2 signed by Starfield Class 2.
 */
export function crossSignRoot(pki: TestPki): TestCertificate {
  const dir = pki.dir;
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'other.key'], dir);
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'other.key',
      '-out',
      'other.pem',
      '-days',
      '2',
      '-subj',
      '/CN=private-eks other root',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['x509', '-x509toreq', '-in', 'root.pem', '-signkey', 'root.key', '-out', 'root-cross.csr'], dir);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'root-cross.csr',
      '-CA',
      'other.pem',
      '-CAkey',
      'other.key',
      '-set_serial',
      '9',
      '-out',
      'root-cross.pem',
      '-days',
      '2',
      '-extfile',
      'ca.ext',
    ],
    dir,
  );
  return {
    path: path.join(dir, 'root-cross.pem'),
    pem: readFileSync(path.join(dir, 'root-cross.pem'), 'utf8'),
    keyPath: pki.root.keyPath,
  };
}

/** `openssl x509 -fingerprint -sha1 -noout` of a PEM file, as IAM writes thumbprints: lower-case hex, no colons. */
export function opensslSha1Fingerprint(pemPath: string): string {
  const out = openssl(['x509', '-in', pemPath, '-noout', '-fingerprint', '-sha1'], path.dirname(pemPath));
  const match = /Fingerprint=([0-9A-Fa-f:]+)/.exec(out);
  if (match?.[1] === undefined) throw new Error(`unexpected openssl output: ${out}`);
  return match[1].replace(/:/g, '').toLowerCase();
}

export interface TlsTestServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** TLS handshakes completed so far. */
  handshakes(): number;
  stop(): Promise<void>;
}

/**
 * Serves the leaf and the intermediate (and the root when `serveRoot`, or `top` when given),
 * completes the handshake and closes: an OIDC thumbprint check needs nothing more.
 */
export async function startTlsServer(
  pki: TestPki,
  options: { serveRoot?: boolean; top?: TestCertificate } = {},
): Promise<TlsTestServer> {
  const top = options.top ?? (options.serveRoot === true ? pki.root : undefined);
  const chain = [pki.leaf.pem, pki.intermediate.pem, ...(top === undefined ? [] : [top.pem])].join('');
  let handshakes = 0;
  const server = tls.createServer({ key: readFileSync(pki.leaf.keyPath), cert: chain }, (socket) => {
    handshakes += 1;
    socket.on('error', () => undefined);
    socket.end();
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    handshakes: () => handshakes,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
