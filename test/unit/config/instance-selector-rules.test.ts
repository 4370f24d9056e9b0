/**
 * instanceSelector in the file: what is checked before any AWS call (rules/instance-selector.ts),
 * each problem at its field with eksctl's words where eksctl has them, and what to write instead.
 */
import { describe } from 'vitest';
import { itGivesTheseProblems } from './problem-table.js';

const mng = (...fields: string[]) => [
  'managedNodeGroups:',
  '  - name: m1',
  '    privateNetworking: true',
  ...fields.map((f) => `    ${f}`),
];
const ng = (...fields: string[]) => [
  'nodeGroups:',
  '  - name: ng1',
  '    privateNetworking: true',
  ...fields.map((f) => `    ${f}`),
];

describe('instanceSelector rules', () => {
  itGivesTheseProblems([
    {
      name: 'vCPUs and memory with a unit are enough',
      yaml: mng('instanceSelector: {vCPUs: 2, memory: 8GiB}'),
      problems: [],
    },
    {
      name: 'allow alone narrows too; amd64 is x86_64',
      yaml: ng('instanceSelector: {allow: "^m5\\\\.", cpuArchitecture: amd64}'),
      problems: [],
    },
    {
      name: 'no criteria but the architecture',
      yaml: mng('instanceSelector: {cpuArchitecture: arm64, gpus: 0}'),
      problems: [
        {
          rule: 'VALUE',
          path: 'managedNodeGroups[0].instanceSelector',
          at: 'instanceSelector',
          message:
            'managedNodeGroups[0].instanceSelector has no criteria that narrow the instance types: it would match every arm64 type EC2 offers, more than the 40 a nodegroup can use',
          hint: 'set vCPUs and memory (e.g. vCPUs: 2, memory: 8GiB), gpus or neuron_devices above 0, or allow (e.g. allow: "^m[5-7]i?\\\\.")',
        },
      ],
    },
    {
      name: 'memory that is not a byte quantity',
      yaml: mng('instanceSelector: {vCPUs: 2, memory: 8 gigabytes}'),
      problems: [
        {
          rule: 'VALUE',
          path: 'managedNodeGroups[0].instanceSelector.memory',
          at: '8 gigabytes',
          message: 'invalid value "8 gigabytes" for instanceSelector.memory: 8 gigabytes is not a valid byte quantity',
          hint: 'write a number with an optional unit MiB, GiB or TiB, e.g. 8GiB, 8 (GiB) or 512MiB',
        },
      ],
    },
    {
      name: 'an architecture EC2 has no types of',
      yaml: ng('instanceSelector: {vCPUs: 2, cpuArchitecture: aarch64}'),
      problems: [
        {
          rule: 'VALUE',
          path: 'nodeGroups[0].instanceSelector.cpuArchitecture',
          at: 'aarch64',
          message:
            'invalid value "aarch64" for instanceSelector.cpuArchitecture: EC2 has no instance types of that architecture',
          hint: 'write x86_64 (or amd64) or arm64',
        },
      ],
    },
    {
      name: 'a regular expression that does not compile',
      yaml: mng('instanceSelector: {vCPUs: 2, deny: "m[5"}'),
      problems: [
        {
          rule: 'VALUE',
          path: 'managedNodeGroups[0].instanceSelector.deny',
          at: '"m[5"',
          message:
            'invalid value "m[5" for instanceSelector.deny: Invalid regular expression: /m[5/: Unterminated character class',
          hint: 'write a regular expression over the type names, e.g. deny: "^(m|c)[5-7]\\\\."',
        },
      ],
    },
    {
      name: 'arm64 with an image family that has no arm64 image',
      yaml: [
        ...mng(
          'amiFamily: WindowsServer2022CoreContainer',
          'instanceSelector: {vCPUs: 2, cpuArchitecture: arm64, gpus: 0, neuron_devices: 0}',
        ),
        '  - name: linux',
        '    privateNetworking: true',
      ],
      problems: [
        {
          rule: 'VALUE',
          path: 'managedNodeGroups[0].instanceSelector.cpuArchitecture',
          at: 'arm64',
          message:
            'amiFamily WindowsServer2022CoreContainer has no arm64 image, so instanceSelector.cpuArchitecture arm64 cannot be used (managedNodeGroups[0])',
          hint: 'write cpuArchitecture: x86_64, or use an amiFamily with arm64 images (AmazonLinux2023, Bottlerocket)',
        },
      ],
    },
    {
      name: "eksctl's driver warnings for an image without GPU or Neuron drivers",
      yaml: ng('amiFamily: Ubuntu2404', 'instanceSelector: {vCPUs: 4}'),
      problems: [
        {
          rule: 'VALUE',
          severity: 'warning',
          path: 'nodeGroups[0].instanceSelector',
          at: 'instanceSelector',
          message:
            "instance selector may/will select GPU instance types, Ubuntu2404 does not ship with NVIDIA GPU drivers installed, hence won't support running GPU-accelerated workloads out of the box",
          hint: 'set instanceSelector.gpus: 0 to leave such types out',
        },
        {
          rule: 'VALUE',
          severity: 'warning',
          path: 'nodeGroups[0].instanceSelector',
          at: 'instanceSelector',
          message:
            "instance selector may/will select Neuron Device instance types, Ubuntu2404 does not ship with Neuron Devices drivers installed, hence won't support running inference-accelerated workloads out of the box",
          hint: 'set instanceSelector.neuron_devices: 0 to leave such types out',
        },
      ],
    },
    {
      name: 'a self-managed selector with an instances distribution but no types is complete',
      yaml: ng('instanceSelector: {vCPUs: 2, memory: 8GiB}', 'instancesDistribution: {onDemandBaseCapacity: 1}'),
      problems: [],
    },
  ]);
});
