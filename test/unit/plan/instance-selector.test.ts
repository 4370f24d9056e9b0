/**
 * instanceSelector: reading the criteria (eksctl's and its selector library's rules), matching
 * EC2's instance types, and the plan's use of the result (live: the types in the plan's config
 * and templates; offline: a parameter, and the plan says why).
 */
import { describe, expect, it } from 'vitest';
import {
  parseMemoryMiB,
  resolveInstanceSelector,
  selectorArchitecture,
  type InstanceSelectorCriteria,
} from '../../../src/config/instance-selector.js';
import { loadConfig } from '../../../src/config/index.js';
import type { InstanceTypeInfo } from '../../../src/plan/facts.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { matchInstanceTypes } from '../../../src/plan/instance-type-filter.js';
import { renderTemplates } from '../../../src/templates/index.js';
import { memoryFacts } from './memory-facts.js';

const type = (
  name: string,
  vCpus: number,
  memoryMiB: number,
  extra: Partial<InstanceTypeInfo> = {},
): InstanceTypeInfo => ({
  name,
  vCpus,
  memoryMiB,
  architectures: ['x86_64'],
  gpus: null,
  inferenceAccelerators: null,
  ...extra,
});

/** A slice of EC2's list, with the shapes DescribeInstanceTypes gives (no GpuInfo: null). */
const TYPES: InstanceTypeInfo[] = [
  type('t3.large', 2, 8192, { architectures: ['x86_64'] }),
  type('m5.large', 2, 8192),
  type('m6g.large', 2, 8192, { architectures: ['arm64'] }),
  type('m6i.large', 2, 8192),
  type('c5.large', 2, 4096),
  type('m5.xlarge', 4, 16384),
  type('g4dn.xlarge', 4, 16384, { gpus: 1 }),
  // EC2 describes g6f with 0 GPUs: eksctl drops it by name when gpus is 0.
  type('g6f.large', 2, 8192, { gpus: 0 }),
  type('inf1.xlarge', 4, 8192, { inferenceAccelerators: 1 }),
  type('c5.xlarge', 4, 8192),
  type('a1.large', 2, 4096, { architectures: ['arm64'] }),
  type('i386.only', 2, 8192, { architectures: ['i386'] }),
];

const criteria = (c: Partial<InstanceSelectorCriteria>): InstanceSelectorCriteria => ({
  cpuArchitecture: 'x86_64',
  ...c,
});

describe('instanceSelector memory (a byte quantity; GiB unless a unit says otherwise)', () => {
  it.each([
    ['8', 8192],
    ['8GiB', 8192],
    ['8 GiB', 8192],
    ['8gb', 8192],
    ['8G', 8192],
    ['0.5', 512],
    ['512MiB', 512],
    ['512mb', 512],
    ['512.0mib', 512],
    ['1TiB', 1048576],
    ['1.5 t', 1572864],
  ])('%s is %d MiB', (text, mib) => {
    expect(parseMemoryMiB(text)).toEqual({ mib });
  });

  it.each([
    ['8 GB RAM', '8 GB RAM is not a valid byte quantity'],
    ['8KiB', '8KiB is not a valid byte quantity'],
    ['-8', '-8 is not a valid byte quantity'],
    ['8.0001', '8.0001 is not a valid byte quantity'],
    ['', ' is not a valid byte quantity'],
    ['512.5MiB', 'cannot accept floating point MB value, only integers are accepted'],
  ])('refuses %j: %s', (text, error) => {
    expect(parseMemoryMiB(text)).toEqual({ error });
  });
});

describe('instanceSelector cpuArchitecture', () => {
  it('defaults to x86_64, reads amd64 as x86_64, ignores case, and knows no other', () => {
    expect(selectorArchitecture(undefined)).toBe('x86_64');
    expect(selectorArchitecture('amd64')).toBe('x86_64');
    expect(selectorArchitecture('ARM64')).toBe('arm64');
    expect(selectorArchitecture('aarch64')).toBeUndefined();
  });

  it('resolves the file selector with eksctl defaults (0 vCPUs means unset; gpus 0 is kept)', () => {
    expect(resolveInstanceSelector({ vCPUs: 0, memory: '4', gpus: 0, cpuArchitecture: 'amd64' })).toEqual({
      memory: '4',
      memoryMiB: 4096,
      gpus: 0,
      cpuArchitecture: 'x86_64',
    });
  });
});

describe('matchInstanceTypes (eksctl expandInstanceSelector)', () => {
  it('matches vCPUs and memory exactly, the architecture, and sorts by name', () => {
    expect(matchInstanceTypes(criteria({ vCPUs: 2, memoryMiB: 8192 }), TYPES)).toEqual({
      instanceTypes: ['g6f.large', 'm5.large', 'm6i.large', 't3.large'],
    });
    expect(matchInstanceTypes(criteria({ vCPUs: 2, cpuArchitecture: 'arm64' }), TYPES)).toEqual({
      instanceTypes: ['a1.large', 'm6g.large'],
    });
  });

  it('gpus 0 keeps types without GpuInfo, and drops GPU families by name (g6f), as eksctl', () => {
    expect(matchInstanceTypes(criteria({ vCPUs: 2, memoryMiB: 8192, gpus: 0 }), TYPES)).toEqual({
      instanceTypes: ['m5.large', 'm6i.large', 't3.large'],
    });
    expect(matchInstanceTypes(criteria({ gpus: 1 }), TYPES)).toEqual({ instanceTypes: ['g4dn.xlarge'] });
  });

  it('neuron_devices counts InferenceAcceleratorInfo', () => {
    expect(matchInstanceTypes(criteria({ neuronDevices: 1 }), TYPES)).toEqual({ instanceTypes: ['inf1.xlarge'] });
    expect(matchInstanceTypes(criteria({ vCPUs: 4, memoryMiB: 8192, neuronDevices: 0 }), TYPES)).toEqual({
      instanceTypes: ['c5.xlarge'],
    });
  });

  it('allow must match somewhere in the name and deny must not (not anchored)', () => {
    expect(matchInstanceTypes(criteria({ vCPUs: 2, allow: 'm[5-6]' }), TYPES)).toEqual({
      instanceTypes: ['m5.large', 'm6i.large'],
    });
    expect(matchInstanceTypes(criteria({ vCPUs: 2, memoryMiB: 8192, deny: '^(g|t)' }), TYPES)).toEqual({
      instanceTypes: ['m5.large', 'm6i.large'],
    });
  });

  it('gives eksctl errors for no match, no non-GPU match, and more than 40', () => {
    expect(matchInstanceTypes(criteria({ vCPUs: 3 }), TYPES)).toEqual({
      error:
        'instance selector criteria matched no instances; consider broadening your criteria so that more instance types are returned',
      matched: [],
    });
    expect(matchInstanceTypes(criteria({ allow: '^g6f', gpus: 0 }), TYPES)).toEqual({
      error: 'instance selector criteria matched no non-GPU instances; consider broadening your criteria',
      matched: [],
    });
    const many = Array.from({ length: 41 }, (_, i) => type(`m${i}.large`, 2, 8192));
    const result = matchInstanceTypes(criteria({ vCPUs: 2 }), many);
    expect(result).toMatchObject({
      error:
        'instance selector filters resulted in 41 instance types, which is greater than the maximum of 40, please set more selector options',
    });
    expect(matchInstanceTypes(criteria({ vCPUs: 2 }), many.slice(0, 40))).toHaveProperty('instanceTypes');
  });
});

const FILE = [
  'apiVersion: eksctl.io/v1alpha5',
  'kind: ClusterConfig',
  'metadata: {name: sel, region: us-west-2}',
  'privateCluster: {enabled: true}',
  'nodeGroups:',
  '  - name: ng1',
  '    privateNetworking: true',
  '    instanceSelector: {vCPUs: 2, memory: 8GiB, gpus: 0}',
  'managedNodeGroups:',
  '  - name: m1',
  '    privateNetworking: true',
  '    availabilityZones: [us-west-2a, us-west-2b]',
  '    instanceSelector: {vCPUs: 2, memory: "8", cpuArchitecture: arm64}',
].join('\n');

function config() {
  const loaded = loadConfig({ text: FILE, file: 'sel.yaml' });
  expect(loaded.problems).toEqual([]);
  return loaded.config!;
}

describe('the plan resolves instance selectors', () => {
  it('live: the types EC2 matched, in the zones of each nodegroup, are in the plan and its templates', async () => {
    const facts = memoryFacts('us-west-2', {
      instanceTypes: TYPES,
      // t3.large is not offered in us-west-2c: the self-managed nodegroup (every cluster zone) loses it.
      instanceTypeZones: { 'us-west-2c': TYPES.map((t) => t.name).filter((n) => n !== 't3.large') },
    });
    const { plan, problems } = await buildPlan(config(), facts);
    expect(problems).toEqual([]);
    expect(plan!.instanceSelections?.map((s) => [s.nodeGroup, s.instanceTypes, s.availabilityZones])).toEqual([
      ['ng1', ['m5.large', 'm6i.large'], plan!.availabilityZones],
      ['m1', ['m6g.large'], ['us-west-2a', 'us-west-2b']],
    ]);
    expect(plan!.unknowns).toEqual([]);
    const ng1 = plan!.cluster.nodeGroups[0]!;
    expect(ng1.instanceTypes).toEqual(['m5.large', 'm6i.large']);
    expect(ng1.instancesDistribution?.instanceTypes).toEqual(['m5.large', 'm6i.large']);

    const templates = renderTemplates(plan!);
    const managed = templates.get('eksctl-sel-nodegroup-m1')!;
    expect(managed.Parameters?.['InstanceSelectorTypes']).toBeUndefined();
    expect(managed.Resources['ManagedNodeGroup']!.Properties['InstanceTypes']).toEqual(['m6g.large']);
    expect(managed.Resources['ManagedNodeGroup']!.Properties['AmiType']).toBe('AL2023_ARM_64_STANDARD');
    const selfManaged = templates.get('eksctl-sel-nodegroup-ng1')!;
    const group = selfManaged.Resources['NodeGroup']!.Properties as Record<string, unknown>;
    expect(group['MixedInstancesPolicy']).toMatchObject({
      LaunchTemplate: { Overrides: [{ InstanceType: 'm5.large' }, { InstanceType: 'm6i.large' }] },
    });
    expect(selfManaged.Conditions).toBeUndefined();
  });

  it('live: no match is a plan problem at the selector, with eksctl words and what to do', async () => {
    const facts = memoryFacts('us-west-2', { instanceTypes: TYPES.filter((t) => t.name !== 'm6g.large') });
    const { plan, problems } = await buildPlan(config(), facts);
    expect(plan).toBeUndefined();
    expect(problems).toMatchObject([
      {
        rule: 'VALUE',
        path: 'managedNodeGroups[0].instanceSelector',
        message:
          'error expanding instance selector options for nodegroup "m1": instance selector criteria matched no instances; consider broadening your criteria so that more instance types are returned',
      },
    ]);
    expect(problems[0]!.hint).toMatch(/broaden the selector .* list the types in instanceTypes instead/);
  });

  it('offline: the plan says EC2 chooses the types, and the templates take them as a parameter', async () => {
    const { plan, problems } = await buildPlan(config(), createOfflineFacts());
    expect(problems).toEqual([]);
    expect(plan!.instanceSelections?.map((s) => s.instanceTypes)).toEqual([null, null]);
    expect(plan!.unknowns).toEqual([
      expect.stringMatching(
        /^nodegroup ng1: its instance types are chosen by EC2 from instanceSelector \{vCPUs: 2, memory: 8GiB, gpus: 0, cpuArchitecture: x86_64\}/,
      ),
      expect.stringMatching(/^nodegroup m1: .*\{vCPUs: 2, memory: 8GiB, cpuArchitecture: arm64\}/),
    ]);
    const templates = renderTemplates(plan!);
    const managed = templates.get('eksctl-sel-nodegroup-m1')!;
    expect(managed.Parameters?.['InstanceSelectorTypes']?.Type).toBe('CommaDelimitedList');
    expect(managed.Resources['ManagedNodeGroup']!.Properties['InstanceTypes']).toEqual({
      Ref: 'InstanceSelectorTypes',
    });
    const selfManaged = templates.get('eksctl-sel-nodegroup-ng1')!;
    const policy = (selfManaged.Resources['NodeGroup']!.Properties as Record<string, Record<string, unknown>>)[
      'MixedInstancesPolicy'
    ]!;
    // eksctl's maximum of types: one override per slot, the later ones only when the list is that long.
    expect((policy['LaunchTemplate'] as { Overrides: unknown[] }).Overrides).toHaveLength(40);
    expect(Object.keys(selfManaged.Conditions ?? {})).toHaveLength(39);
  });
});
