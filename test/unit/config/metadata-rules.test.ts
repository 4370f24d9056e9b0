/**
 * The metadata section (V15 name and region, V20 regions without fully-private clusters, the
 * Kubernetes version), file by file: every problem the file gets, where it points and its hint.
 */
import { describe, expect, it } from 'vitest';
import { lines, load } from './support.js';
import { problemsIn, type ExpectedProblem } from './problem-table.js';

const HEAD = ['apiVersion: eksctl.io/v1alpha5', 'kind: ClusterConfig'];
const PRIVATE = 'privateCluster: {enabled: true}';
const NAME_MISSING = 'metadata.name must be set';
const NAME_HINT = 'name the cluster: metadata: {name: my-cluster}';
const EU_SOUTH_1 =
  'fully-private clusters are not supported in region "eu-south-1": a required VPC endpoint service is not offered there (per eksctl; `private-eks doctor` asks AWS which)';

interface Case {
  readonly name: string;
  /** The metadata line. */
  readonly metadata: string;
  readonly options?: { region?: string; env?: Record<string, string> };
  readonly problems: readonly ExpectedProblem[];
}

const CASES: Case[] = [
  { name: 'a name and a region', metadata: 'metadata: {name: c1, region: us-west-2}', problems: [] },
  {
    name: 'a name of 100 characters (the most EKS allows)',
    metadata: `metadata: {name: ${'a'.repeat(100)}, region: us-west-2}`,
    problems: [],
  },
  {
    name: 'no name',
    metadata: 'metadata: {region: us-west-2}',
    problems: [{ rule: 'V15', path: 'metadata.name', at: 'metadata', message: NAME_MISSING, hint: NAME_HINT }],
  },
  {
    name: 'an empty name (points at the value)',
    metadata: 'metadata: {name: "", region: us-west-2}',
    problems: [{ rule: 'V15', path: 'metadata.name', at: '""', message: NAME_MISSING, hint: NAME_HINT }],
  },
  {
    name: 'a name of the wrong type: the type problem only',
    metadata: 'metadata: {name: 5, region: us-west-2}',
    problems: [
      {
        rule: 'TYPE',
        path: 'metadata.name',
        at: ['5', 2],
        message: 'expected a string, got the number 5',
        hint: 'quote it: "5"',
      },
    ],
  },
  {
    name: 'a name with an underscore',
    metadata: 'metadata: {name: c_1, region: us-west-2}',
    problems: [
      {
        rule: 'V15',
        path: 'metadata.name',
        at: 'c_1',
        message: 'validation for c_1 failed, name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*',
        hint: 'use letters, digits and dashes only',
      },
    ],
  },
  {
    name: 'a name of 101 characters',
    metadata: `metadata: {name: ${'a'.repeat(101)}, region: us-west-2}`,
    problems: [
      {
        rule: 'V15',
        path: 'metadata.name',
        at: 'aaa',
        message: 'metadata.name is 101 characters long; EKS allows at most 100',
        hint: 'shorten the name',
      },
    ],
  },
  {
    name: 'no region, none given elsewhere',
    metadata: 'metadata: {name: c1}',
    problems: [
      {
        rule: 'V15',
        path: 'metadata.region',
        at: 'metadata',
        message: 'metadata.region must be set',
        hint: 'add region: us-west-2 (for example) under metadata',
      },
    ],
  },
  {
    name: 'no region in the file, one from --region',
    metadata: 'metadata: {name: c1}',
    options: { region: 'eu-west-1' },
    problems: [
      {
        rule: 'V15',
        path: 'metadata.region',
        at: 'metadata',
        message: 'metadata.region must be set',
        hint: 'add region: eu-west-1 under metadata (--region is not read for a config file, as in eksctl)',
      },
    ],
  },
  {
    name: 'no region in the file, one from AWS_REGION',
    metadata: 'metadata: {name: c1}',
    options: { env: { AWS_REGION: 'us-east-2' } },
    problems: [
      {
        rule: 'V15',
        path: 'metadata.region',
        at: 'metadata',
        message: 'metadata.region must be set',
        hint: 'add region: us-east-2 under metadata (AWS_REGION is not read for a config file, as in eksctl)',
      },
    ],
  },
  {
    name: 'a region of the wrong type: the type problem only',
    metadata: 'metadata: {name: c1, region: 5}',
    problems: [
      {
        rule: 'TYPE',
        path: 'metadata.region',
        at: ['5', 2],
        message: 'expected a string, got the number 5',
        hint: 'quote it: "5"',
      },
    ],
  },
  {
    name: 'a region that is no region name',
    metadata: 'metadata: {name: c1, region: uswest2}',
    problems: [
      {
        rule: 'V15',
        path: 'metadata.region',
        at: 'uswest2',
        message: 'metadata.region "uswest2" is not an AWS region name',
        hint: 'write a region such as us-west-2 or eu-central-1',
      },
    ],
  },
  {
    name: 'a region name with a typo',
    metadata: 'metadata: {name: c1, region: us-wst-2}',
    problems: [
      {
        rule: 'V15',
        path: 'metadata.region',
        at: 'us-wst-2',
        message: 'metadata.region "us-wst-2" is not an AWS region private-eks knows; did you mean "us-west-2"?',
        hint: 'write us-west-2; a region AWS opened after this release of private-eks needs a newer private-eks',
      },
    ],
  },
  {
    name: 'a region name like no known one',
    metadata: 'metadata: {name: c1, region: xx-nowhere-9}',
    problems: [
      {
        rule: 'V15',
        path: 'metadata.region',
        at: 'xx-nowhere-9',
        message: 'metadata.region "xx-nowhere-9" is not an AWS region private-eks knows',
        hint: 'write an AWS region such as us-west-2 or eu-central-1; a region AWS opened after this release of private-eks needs a newer private-eks',
      },
    ],
  },
  {
    name: 'a region without fully-private clusters (V20)',
    metadata: 'metadata: {name: c1, region: eu-south-1}',
    problems: [
      { rule: 'V20', path: 'metadata.region', at: 'eu-south-1', message: EU_SOUTH_1, hint: 'choose another region' },
    ],
  },
  {
    name: 'a region without fully-private clusters from --region (V15, then V20 at metadata)',
    metadata: 'metadata: {name: c1}',
    options: { region: 'eu-south-1' },
    problems: [
      {
        rule: 'V15',
        path: 'metadata.region',
        at: 'metadata',
        message: 'metadata.region must be set',
        hint: 'add region: eu-south-1 under metadata (--region is not read for a config file, as in eksctl)',
      },
      { rule: 'V20', path: 'metadata.region', at: 'metadata', message: EU_SOUTH_1, hint: 'choose another region' },
    ],
  },
  {
    name: 'every version EKS offers',
    metadata: 'metadata: {name: c1, region: us-west-2, version: "1.29"}',
    problems: [],
  },
  {
    name: 'a version EKS no longer offers',
    metadata: 'metadata: {name: c1, region: us-west-2, version: "1.28"}',
    problems: [
      {
        rule: 'VALUE',
        path: 'metadata.version',
        at: '"1.28"',
        message: 'invalid version, supported values: 1.29, 1.30, 1.31, 1.32, 1.33, 1.34',
        hint: 'write version: "1.34" (quoted), or leave it out for the newest',
      },
    ],
  },
];

describe('metadata: V15, V20 and the Kubernetes version', () => {
  it.each(CASES)('$name', (c) => {
    const text = lines(...HEAD, c.metadata, PRIVATE);
    const result = load(text, c.options ?? {});
    expect(result.problems).toEqual(problemsIn(text, c.problems));
    expect(result.config === undefined).toBe(c.problems.length > 0);
  });
});
