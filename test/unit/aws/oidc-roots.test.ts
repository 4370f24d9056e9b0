import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { AWS_OIDC_TRUSTED_ROOTS } from '../../../src/aws/data/aws-oidc-roots.js';

// The embedded roots are data copied from a CA bundle: check they are intact and still the ones
// Node's bundled Mozilla store ships, so a copy error or a rotated root is noticed.
describe('AWS OIDC trusted roots', () => {
  it('are the five roots AWS issuers chain to', () => {
    expect(AWS_OIDC_TRUSTED_ROOTS.map((r) => r.name)).toEqual([
      'Amazon Root CA 1',
      'Amazon Root CA 2',
      'Amazon Root CA 3',
      'Amazon Root CA 4',
      'Starfield Services Root Certificate Authority - G2',
    ]);
  });

  it.each(AWS_OIDC_TRUSTED_ROOTS.map((r) => [r.name, r] as const))(
    '%s: PEM matches its SHA-256, subject and Node’s store',
    (name, root) => {
      const cert = new X509Certificate(root.pem);
      expect(cert.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(root.sha256);
      expect(cert.subject.split('\n')).toContain(`CN=${name}`);
      expect(cert.ca).toBe(true);
      // Self-signed roots.
      expect(cert.checkIssued(cert)).toBe(true);
      const inNode = tls.rootCertificates.map((pem) => new X509Certificate(pem).fingerprint256);
      expect(inNode).toContain(cert.fingerprint256);
    },
  );
});
