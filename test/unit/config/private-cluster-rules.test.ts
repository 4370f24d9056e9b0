/**
 * The privateCluster section (V1, V5, V6, V7, V17), file by file: every problem the file gets, with
 * its severity, path, position, message and the hint that tells the user what to write instead.
 */
import { describe, expect, it } from 'vitest';
import { lines, load } from './support.js';
import { problemsIn, type ExpectedProblem } from './problem-table.js';

const METADATA = [
  'apiVersion: eksctl.io/v1alpha5',
  'kind: ClusterConfig',
  'metadata:',
  '  name: c1',
  '  region: us-west-2',
];
const SUPPLIED_VPC = [
  'vpc:',
  '  id: vpc-0a',
  '  subnets:',
  '    private:',
  '      us-west-2a: {id: subnet-0a}',
  '      us-west-2b: {id: subnet-0b}',
];
const unsupported = (name: string) =>
  `invalid value in privateCluster.additionalEndpointServices: unsupported endpoint service "${name}"`;
const V17_MESSAGE =
  'privateCluster.skipEndpointCreation is true but private-eks creates the VPC (no vpc.id): the new VPC would have no endpoints, so nodes could not pull images or join the cluster';
const V17_HINT =
  'give vpc.id and vpc.subnets.private of a VPC that already has the endpoints, or remove skipEndpointCreation';

interface Case {
  readonly name: string;
  /** Lines after metadata. */
  readonly yaml: readonly string[];
  readonly problems: readonly ExpectedProblem[];
}

const CASES: Case[] = [
  { name: 'enabled', yaml: ['privateCluster: {enabled: true}'], problems: [] },
  {
    name: 'no privateCluster at all',
    yaml: [],
    problems: [
      {
        rule: 'V1',
        path: 'privateCluster.enabled',
        at: 'apiVersion',
        message: 'privateCluster.enabled must be true: private-eks creates fully-private clusters only',
        hint: 'add privateCluster: {enabled: true}',
      },
    ],
  },
  {
    name: 'enabled: false',
    yaml: ['privateCluster: {enabled: false}'],
    problems: [
      {
        rule: 'V1',
        path: 'privateCluster.enabled',
        at: 'false',
        message: 'privateCluster.enabled must be true: private-eks creates fully-private clusters only',
        hint: 'write enabled: true',
      },
    ],
  },
  {
    name: 'enabled of the wrong type: the type problem only',
    yaml: ['privateCluster: {enabled: "yes"}'],
    problems: [
      {
        rule: 'TYPE',
        path: 'privateCluster.enabled',
        at: '"yes"',
        message: 'expected true or false, got the string "yes"',
        hint: 'write true without quotes (YAML 1.2 reads "yes" as a string)',
      },
    ],
  },
  {
    name: 'supported additional endpoint services, each once',
    yaml: ['privateCluster: {enabled: true, additionalEndpointServices: [logs, autoscaling, cloudformation]}'],
    problems: [],
  },
  {
    name: 'unsupported services: always created, mis-cased, a typo, unknown',
    yaml: ['privateCluster: {enabled: true, additionalEndpointServices: [logs, ec2, Logs, cloudformatio, zzz]}'],
    problems: [
      {
        rule: 'V6',
        path: 'privateCluster.additionalEndpointServices[1]',
        at: 'ec2',
        message: unsupported('ec2'),
        hint: '"ec2" is always created: remove it from the list',
      },
      {
        rule: 'V6',
        path: 'privateCluster.additionalEndpointServices[2]',
        at: 'Logs',
        message: unsupported('Logs'),
        hint: 'names are case-sensitive: write logs',
      },
      {
        rule: 'V6',
        path: 'privateCluster.additionalEndpointServices[3]',
        at: 'cloudformatio',
        message: unsupported('cloudformatio'),
        hint: 'did you mean "cloudformation"?',
      },
      {
        rule: 'V6',
        path: 'privateCluster.additionalEndpointServices[4]',
        at: 'zzz',
        message: unsupported('zzz'),
        hint: expect.stringMatching(/^supported: autoscaling, cloudformation, logs, eks, /),
      },
    ],
  },
  {
    name: 'a service twice: the second is named, with the first',
    yaml: ['privateCluster: {enabled: true, additionalEndpointServices: [autoscaling, logs, zzz, zzz, logs]}'],
    problems: [
      {
        rule: 'V6',
        path: 'privateCluster.additionalEndpointServices[2]',
        at: 'zzz',
        message: unsupported('zzz'),
        hint: expect.stringMatching(/^supported: /),
      },
      {
        rule: 'V6',
        path: 'privateCluster.additionalEndpointServices[3]',
        at: ['zzz', 2],
        message: unsupported('zzz'),
        hint: expect.stringMatching(/^supported: /),
      },
      {
        rule: 'V7',
        path: 'privateCluster.additionalEndpointServices[4]',
        at: ['logs', 2],
        message: 'invalid value in privateCluster.additionalEndpointServices: found duplicate endpoint service: "logs"',
        hint: 'it is already listed as additionalEndpointServices[1]: remove this one',
      },
    ],
  },
  {
    name: 'skipEndpointCreation with additional services',
    yaml: [
      'privateCluster: {enabled: true, skipEndpointCreation: true, additionalEndpointServices: [logs]}',
      ...SUPPLIED_VPC,
    ],
    problems: [
      {
        rule: 'V5',
        path: 'privateCluster.additionalEndpointServices',
        at: 'additionalEndpointServices',
        message:
          'privateCluster.additionalEndpointServices cannot be set when privateCluster.skipEndpointCreation is true',
        hint: 'remove additionalEndpointServices, or skipEndpointCreation to let private-eks create the endpoints',
      },
    ],
  },
  {
    name: 'skipEndpointCreation with an empty list of services, in a supplied VPC',
    yaml: [
      'privateCluster: {enabled: true, skipEndpointCreation: true, additionalEndpointServices: []}',
      ...SUPPLIED_VPC,
    ],
    problems: [],
  },
  {
    name: 'additional services without skipEndpointCreation',
    yaml: ['privateCluster: {enabled: true, skipEndpointCreation: false, additionalEndpointServices: [logs]}'],
    problems: [],
  },
  {
    name: 'skipEndpointCreation in a VPC private-eks creates (a warning)',
    yaml: ['privateCluster: {enabled: true, skipEndpointCreation: true}'],
    problems: [
      {
        rule: 'V17',
        severity: 'warning',
        path: 'privateCluster.skipEndpointCreation',
        at: 'true}',
        message: V17_MESSAGE,
        hint: V17_HINT,
      },
    ],
  },
  {
    name: 'skipEndpointCreation with an empty vpc.id (a warning)',
    yaml: ['privateCluster: {enabled: true, skipEndpointCreation: true}', 'vpc: {id: ""}'],
    problems: [
      {
        rule: 'V17',
        severity: 'warning',
        path: 'privateCluster.skipEndpointCreation',
        at: 'true}',
        message: V17_MESSAGE,
        hint: V17_HINT,
      },
    ],
  },
];

describe('privateCluster: V1, V5, V6, V7 and V17', () => {
  it.each(CASES)('$name', (c) => {
    const text = lines(...METADATA, ...c.yaml);
    const result = load(text);
    expect(result.problems).toEqual(problemsIn(text, c.problems));
    const errors = c.problems.filter((p) => (p.severity ?? 'error') === 'error');
    if (errors.length === 0) expect(result.config).toBeDefined();
    else expect(result.config).toBeUndefined();
  });
});
