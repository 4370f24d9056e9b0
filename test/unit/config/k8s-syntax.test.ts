/**
 * The Kubernetes syntax helpers (rules/k8s-syntax.ts) on their own: the label prefixes the kubelet
 * may and may not set on its node, and the DNS subdomain rule of a key's prefix, case by case.
 */
import { describe, expect, it } from 'vitest';
import { isReservedNodeLabel, qualifiedNameErrors } from '../../../src/config/rules/k8s-syntax.js';

describe('isReservedNodeLabel', () => {
  it.each([
    'kubernetes.io/hostname',
    'topology.kubernetes.io/zone',
    'topology.kubernetes.io/region',
    'failure-domain.beta.kubernetes.io/zone',
    'failure-domain.beta.kubernetes.io/region',
    'beta.kubernetes.io/instance-type',
    'node.kubernetes.io/instance-type',
    'kubernetes.io/os',
    'kubernetes.io/arch',
    'beta.kubernetes.io/os',
    'beta.kubernetes.io/arch',
    'kubelet.kubernetes.io/anything',
    'node.kubernetes.io/anything',
    'sub.node.kubernetes.io/anything',
  ])('%s: the kubelet may set it', (key) => {
    expect(isReservedNodeLabel(key)).toBe(false);
  });

  it.each([
    'kubernetes.io/role',
    'k8s.io/a',
    'example.k8s.io/a',
    'node-role.kubernetes.io/worker',
    'topology.kubernetes.io/rack',
  ])('%s: reserved', (key) => {
    expect(isReservedNodeLabel(key)).toBe(true);
  });

  it.each(['xkubernetes.io/a', 'notk8s.io/a', 'kubernetes.io/a/b', 'kubernetes.io', 'example.com/a', 'role'])(
    '%s: not under kubernetes.io or k8s.io',
    (key) => {
      expect(isReservedNodeLabel(key)).toBe(false);
    },
  );
});

describe("qualifiedNameErrors: a key's prefix is a lowercase DNS subdomain", () => {
  it.each(['example.com', 'a', 'a-b.c9', '1.2.3'])('%s/name: valid', (prefix) => {
    expect(qualifiedNameErrors(`${prefix}/name`)).toEqual([]);
  });
  it.each(['example.com_', 'Example.com', 'example.com.', '-a', 'a..b', 'a-'])('%s/name: refused', (prefix) => {
    expect(qualifiedNameErrors(`${prefix}/name`)).toEqual([
      expect.stringMatching(/^prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric/),
    ]);
  });
});
