/**
 * instanceSelector (rules/instance-selector.ts) at its edges: which image families are trusted to
 * carry the accelerator drivers, the arm64 check on an x86 selector, an empty memory, a selector of
 * the wrong type, and instanceType next to instancesDistribution (reported once, by the
 * distribution's rule).
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load } from './support.js';

const problems = (kind: string, ...fields: string[]) =>
  load(
    lines(HEADER, `${kind}:`, '  - name: ng', '    privateNetworking: true', ...fields.map((f) => `    ${f}`)),
  ).problems.map((p) => [p.rule, p.severity, p.path, p.message]);

const SELECTOR = 'instanceSelector: {vCPUs: 2, memory: 8GiB}';

describe('instanceSelector edges', () => {
  it.each(['AmazonLinux2', 'BottlerocketFips', 'Bottlerocket', 'AmazonLinux2023'])(
    '%s carries the drivers: no warning about GPU or Neuron types',
    (family) => {
      const onSelector = problems('nodeGroups', `amiFamily: ${family}`, SELECTOR).filter(
        ([, , path]) => path === 'nodeGroups[0].instanceSelector',
      );
      expect(onSelector).toEqual([]);
    },
  );

  it('Ubuntu does not: both warnings, in eksctl words', () => {
    expect(problems('nodeGroups', 'amiFamily: Ubuntu2404', SELECTOR)).toEqual([
      [
        'VALUE',
        'warning',
        'nodeGroups[0].instanceSelector',
        expect.stringMatching(
          /^instance selector may\/will select GPU instance types, Ubuntu2404 does not ship with NVIDIA GPU drive/,
        ),
      ],
      [
        'VALUE',
        'warning',
        'nodeGroups[0].instanceSelector',
        expect.stringMatching(
          /^instance selector may\/will select Neuron Device instance types, Ubuntu2404 does not ship with Neuron/,
        ),
      ],
    ]);
  });

  it('an x86_64 selector on a family without arm64 images is fine', () => {
    const found = problems(
      'nodeGroups',
      'amiFamily: WindowsServer2019FullContainer',
      'instanceSelector: {vCPUs: 2, memory: 8GiB, cpuArchitecture: x86_64}',
    );
    expect(found.filter(([, , path]) => String(path).endsWith('cpuArchitecture'))).toEqual([]);
    expect(found.filter(([, severity]) => severity === 'error')).toEqual([]);
  });

  it('an empty memory is no criterion and no error', () => {
    expect(problems('managedNodeGroups', 'instanceSelector: {vCPUs: 2, memory: ""}')).toEqual([]);
  });

  it('a selector of the wrong type gets the type error only', () => {
    expect(problems('managedNodeGroups', 'instanceSelector: abc')).toEqual([
      ['TYPE', 'error', 'managedNodeGroups[0].instanceSelector', 'expected a mapping, got the string "abc"'],
    ]);
  });

  it('instanceType next to instancesDistribution and a selector is reported once', () => {
    const found = problems(
      'nodeGroups',
      'instanceType: m5.large',
      'instancesDistribution: {instanceTypes: [m5.large]}',
      SELECTOR,
    );
    expect(found.filter(([, , path]) => path === 'nodeGroups[0].instanceType')).toEqual([
      [
        'VALUE',
        'error',
        'nodeGroups[0].instanceType',
        'instanceType should be "mixed" or unset when using the instances distribution feature',
      ],
    ]);
  });
});
