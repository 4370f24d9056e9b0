/**
 * SPEC §3, rule by rule: a config that passes and one that fails, with the rule id, the field path,
 * the position (found in the YAML by a marker, not copied from the output) and the key words of
 * the message.
 */
import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../../../src/config/problem.js';
import { HEADER, lines, load, locate, withRule } from './support.js';

interface RuleCase {
  readonly name: string;
  readonly rule: RuleId;
  readonly pass: string;
  readonly fail: string;
  readonly path: string;
  /** The text the problem must point at (its first occurrence, or `[text, n]` for the n-th). */
  readonly at: string | readonly [string, number];
  /** Words the message must contain; the first is its beginning (eksctl's text where SPEC gives it). */
  readonly message: readonly string[];
  readonly severity?: Severity;
  readonly options?: { region?: string; env?: Record<string, string> };
}

const SUBNETS_2 = [
  'vpc:',
  '  subnets:',
  '    private:',
  '      us-west-2a: {id: subnet-a}',
  '      us-west-2b: {id: subnet-b}',
];
const NG = (...extra: string[]) => ['nodeGroups:', '  - name: ng1', ...extra.map((l) => '    ' + l)];

const CASES: RuleCase[] = [
  {
    name: 'privateCluster.enabled false',
    rule: 'V1',
    pass: lines(HEADER),
    fail: lines(HEADER.replace('enabled: true', 'enabled: false')),
    path: 'privateCluster.enabled',
    at: 'false',
    message: ['privateCluster.enabled must be true: private-eks creates fully-private clusters only'],
  },
  {
    name: 'privateCluster missing',
    rule: 'V1',
    pass: lines(HEADER),
    fail: lines('apiVersion: eksctl.io/v1alpha5', 'kind: ClusterConfig', 'metadata: {name: c1, region: us-west-2}'),
    path: 'privateCluster.enabled',
    at: 'apiVersion',
    message: ['privateCluster.enabled must be true'],
  },
  {
    name: 'clusterEndpoints.privateAccess set, even to true',
    rule: 'V2',
    pass: lines(HEADER, 'vpc:', '  clusterEndpoints: {}'),
    fail: lines(HEADER, 'vpc:', '  clusterEndpoints:', '    privateAccess: true'),
    path: 'vpc.clusterEndpoints.privateAccess',
    at: 'privateAccess',
    message: [
      'vpc.clusterEndpoints cannot be set for a fully-private cluster (privateCluster.enabled) as the endpoint access defaults to private-only',
    ],
  },
  {
    name: 'public subnets',
    rule: 'V3',
    pass: lines(HEADER, ...SUBNETS_2),
    fail: lines(HEADER, ...SUBNETS_2, '    public:', '      us-west-2c: {id: subnet-c}'),
    path: 'vpc.subnets.public',
    at: 'public:',
    message: ['vpc.subnets.public cannot be specified in a fully-private cluster: only private subnets are allowed'],
  },
  {
    name: 'supplied VPC without private subnets',
    rule: 'V4',
    pass: lines(HEADER, ...SUBNETS_2, '  id: vpc-1'),
    fail: lines(HEADER, 'vpc:', '  id: vpc-1'),
    path: 'vpc.subnets.private',
    at: 'vpc:',
    message: ['vpc.subnets.private must be specified in a fully-private cluster when a pre-existing VPC is supplied'],
  },
  {
    name: 'additional services with skipEndpointCreation',
    rule: 'V5',
    pass: lines(HEADER, '  additionalEndpointServices: [autoscaling]'),
    fail: lines(
      HEADER,
      '  skipEndpointCreation: true',
      '  additionalEndpointServices: [autoscaling]',
      'vpc: {id: vpc-1}',
    ),
    path: 'privateCluster.additionalEndpointServices',
    at: 'additionalEndpointServices',
    message: [
      'privateCluster.additionalEndpointServices cannot be set when privateCluster.skipEndpointCreation is true',
    ],
  },
  {
    name: 'unsupported endpoint service',
    rule: 'V6',
    pass: lines(HEADER, '  additionalEndpointServices: [autoscaling, cloudformation, logs, eks, ssm, kms]'),
    fail: lines(HEADER, '  additionalEndpointServices: [autoscaling, cloudwatch]'),
    path: 'privateCluster.additionalEndpointServices[1]',
    at: 'cloudwatch',
    message: ['invalid value in privateCluster.additionalEndpointServices: unsupported endpoint service "cloudwatch"'],
  },
  {
    name: 'always-created endpoint service listed',
    rule: 'V6',
    pass: lines(HEADER, '  additionalEndpointServices: [logs]'),
    fail: lines(HEADER, '  additionalEndpointServices: [sts]'),
    path: 'privateCluster.additionalEndpointServices[0]',
    at: 'sts',
    message: ['invalid value in privateCluster.additionalEndpointServices: unsupported endpoint service "sts"'],
  },
  {
    name: 'duplicate endpoint service',
    rule: 'V7',
    pass: lines(HEADER, '  additionalEndpointServices: [autoscaling, logs]'),
    fail: lines(HEADER, '  additionalEndpointServices: [autoscaling, logs, autoscaling]'),
    path: 'privateCluster.additionalEndpointServices[2]',
    at: ['autoscaling', 2],
    message: [
      'invalid value in privateCluster.additionalEndpointServices: found duplicate endpoint service: "autoscaling"',
    ],
  },
  {
    name: 'privateNetworking unset',
    rule: 'V8',
    pass: lines(HEADER, ...NG('privateNetworking: true')),
    fail: lines(HEADER, ...NG('instanceType: m5.large')),
    path: 'nodeGroups[0].privateNetworking',
    at: 'name: ng1',
    message: ['nodeGroups[0].privateNetworking must be enabled for a fully-private cluster', 'explicitly'],
  },
  {
    name: 'privateNetworking false on a managed nodegroup',
    rule: 'V8',
    pass: lines(HEADER, 'managedNodeGroups:', '  - name: m1', '    privateNetworking: true'),
    fail: lines(HEADER, 'managedNodeGroups:', '  - name: m1', '    privateNetworking: false'),
    path: 'managedNodeGroups[0].privateNetworking',
    at: 'false',
    message: ['managedNodeGroups[0].privateNetworking must be enabled for a fully-private cluster'],
  },
  {
    name: 'local zones',
    rule: 'V9',
    pass: lines(HEADER, 'localZones: []'),
    fail: lines(HEADER, 'localZones: [us-west-2-lax-1a]'),
    path: 'localZones',
    at: 'localZones',
    message: ['localZones cannot be used in a fully-private cluster'],
  },
  {
    name: 'nodegroup on an Outpost',
    rule: 'V10',
    pass: lines(HEADER, ...NG('privateNetworking: true')),
    fail: lines(HEADER, ...NG('privateNetworking: true', 'outpostARN: arn:aws:outposts:us-west-2:1:outpost/op-1')),
    path: 'nodeGroups[0].outpostARN',
    at: 'outpostARN',
    message: ['nodeGroup.outpostARN is not supported on a fully-private cluster (privateCluster.enabled)'],
  },
  {
    name: 'control plane on an Outpost',
    rule: 'V11',
    pass: lines(HEADER),
    fail: lines(HEADER, 'outpost:', '  controlPlaneOutpostARN: arn:aws:outposts:us-west-2:1:outpost/op-1'),
    path: 'outpost',
    at: 'outpost:',
    message: ['outpost is not supported by private-eks yet'],
  },
  {
    name: 'nodegroup name missing',
    rule: 'V12',
    pass: lines(HEADER, ...NG('privateNetworking: true')),
    fail: lines(HEADER, 'nodeGroups:', '  - instanceType: m5.large', '    privateNetworking: true'),
    path: 'nodeGroups[0].name',
    at: 'instanceType',
    message: ['nodeGroups[0].name must be set'],
  },
  {
    name: 'nodegroup name not unique across kinds',
    rule: 'V12',
    pass: lines(
      HEADER,
      ...NG('privateNetworking: true'),
      'managedNodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
    ),
    fail: lines(
      HEADER,
      ...NG('privateNetworking: true'),
      'managedNodeGroups:',
      '  - name: ng1',
      '    privateNetworking: true',
    ),
    path: 'managedNodeGroups[0].name',
    at: ['ng1', 2],
    message: ['managedNodeGroups[0].name "ng1" is not unique'],
  },
  {
    name: 'subnets and availabilityZones together',
    rule: 'V13',
    pass: lines(HEADER, 'availabilityZones: [us-west-2a, us-west-2b]'),
    fail: lines(HEADER, 'availabilityZones: [us-west-2a, us-west-2b]', ...SUBNETS_2),
    path: 'availabilityZones',
    at: 'availabilityZones',
    message: ['vpc.subnets and availabilityZones cannot be set at the same time'],
  },
  {
    name: 'one availability zone',
    rule: 'V14',
    pass: lines(HEADER, 'availabilityZones: [us-west-2a, us-west-2b]'),
    fail: lines(HEADER, 'availabilityZones: [us-west-2a, us-west-2a]'),
    path: 'availabilityZones',
    at: 'availabilityZones',
    message: ['availabilityZones names 1 zone (us-west-2a)', 'at least 2'],
  },
  {
    name: 'private subnets in one zone',
    rule: 'V14',
    pass: lines(HEADER, ...SUBNETS_2),
    fail: lines(HEADER, 'vpc:', '  subnets:', '    private:', '      a: {az: us-west-2a, cidr: 192.168.0.0/19}'),
    path: 'vpc.subnets.private',
    at: 'private:',
    message: ['vpc.subnets.private has subnets in 1 zone (us-west-2a)', 'at least 2'],
  },
  {
    name: 'cluster name invalid',
    rule: 'V15',
    // eksctl checks the characters only: a leading digit is accepted.
    pass: lines(HEADER.replace('name: c1', 'name: 1st-cluster')),
    fail: lines(HEADER.replace('name: c1', 'name: my_cluster')),
    path: 'metadata.name',
    at: 'my_cluster',
    message: ['validation for my_cluster failed, name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*'],
  },
  {
    name: 'cluster name missing',
    rule: 'V15',
    pass: lines(HEADER),
    fail: lines(HEADER.replace('  name: c1\n', '')),
    path: 'metadata.name',
    at: 'metadata',
    message: ['metadata.name must be set'],
  },
  {
    name: 'no region in the file (eksctl reads it from the file only, whatever --region says)',
    rule: 'V15',
    pass: lines(HEADER),
    fail: lines(HEADER.replace('  region: us-west-2\n', '')),
    path: 'metadata.region',
    at: 'metadata',
    message: ['metadata.region must be set'],
    options: { region: 'us-west-2', env: { AWS_REGION: 'us-east-2' } },
  },
  {
    name: 'VPC CIDR prefix too short',
    rule: 'V16',
    pass: lines(HEADER, 'vpc:', '  cidr: 10.10.0.0/16'),
    fail: lines(HEADER, 'vpc:', '  cidr: 10.0.0.0/12'),
    path: 'vpc.cidr',
    at: '10.0.0.0/12',
    message: ['VPC CIDR prefix must be between /16 and /24'],
  },
  {
    name: 'subnet CIDR outside the VPC',
    rule: 'V16',
    pass: lines(
      HEADER,
      'vpc:',
      '  cidr: 10.10.0.0/16',
      '  subnets:',
      '    private:',
      '      us-west-2a: {cidr: 10.10.0.0/19}',
      '      us-west-2b: {cidr: 10.10.32.0/19}',
    ),
    fail: lines(
      HEADER,
      'vpc:',
      '  cidr: 10.10.0.0/16',
      '  subnets:',
      '    private:',
      '      us-west-2a: {cidr: 10.10.0.0/19}',
      '      us-west-2b: {cidr: 10.20.32.0/19}',
    ),
    path: 'vpc.subnets.private.us-west-2b.cidr',
    at: '10.20.32.0/19',
    message: ['vpc.subnets.private.us-west-2b.cidr 10.20.32.0/19 is not inside vpc.cidr 10.10.0.0/16'],
  },
  {
    name: 'overlapping subnet CIDRs',
    rule: 'V16',
    pass: lines(
      HEADER,
      'vpc:',
      '  subnets:',
      '    private:',
      '      us-west-2a: {cidr: 192.168.0.0/19}',
      '      us-west-2b: {cidr: 192.168.32.0/19}',
    ),
    fail: lines(
      HEADER,
      'vpc:',
      '  subnets:',
      '    private:',
      '      us-west-2a: {cidr: 192.168.0.0/19}',
      '      us-west-2b: {cidr: 192.168.16.0/20}',
    ),
    path: 'vpc.subnets.private.us-west-2b.cidr',
    at: '192.168.16.0/20',
    message: [
      'vpc.subnets.private.us-west-2b.cidr 192.168.16.0/20 overlaps vpc.subnets.private.us-west-2a.cidr 192.168.0.0/19',
    ],
  },
  {
    name: 'skipEndpointCreation in a VPC private-eks builds',
    rule: 'V17',
    severity: 'warning',
    pass: lines(HEADER, '  skipEndpointCreation: true', ...SUBNETS_2, '  id: vpc-1'),
    fail: lines(HEADER, '  skipEndpointCreation: true'),
    path: 'privateCluster.skipEndpointCreation',
    at: ['true', 2],
    message: ['privateCluster.skipEndpointCreation is true but private-eks creates the VPC', 'no endpoints'],
  },
  {
    name: 'NAT settings',
    rule: 'V18',
    severity: 'warning',
    pass: lines(HEADER, 'vpc:', '  cidr: 192.168.0.0/16'),
    fail: lines(HEADER, 'vpc:', '  nat:', '    gateway: Single'),
    path: 'vpc.nat',
    at: 'nat:',
    message: ['vpc.nat is ignored: a fully-private cluster has no NAT gateway'],
  },
  {
    name: 'an eksctl field private-eks does not implement',
    rule: 'V19',
    pass: lines(HEADER),
    fail: lines(HEADER, 'karpenter:', '  version: "1.0.0"'),
    path: 'karpenter',
    at: 'karpenter',
    message: ['karpenter is not supported by private-eks'],
  },
  {
    name: 'an unimplemented nodegroup field',
    rule: 'V19',
    pass: lines(HEADER, ...NG('privateNetworking: true')),
    fail: lines(HEADER, ...NG('privateNetworking: true', 'efaEnabled: true')),
    path: 'nodeGroups[0].efaEnabled',
    at: 'efaEnabled',
    message: ['nodeGroups[0].efaEnabled is not supported by private-eks'],
  },
  {
    name: 'add-on IRSA policies without an OIDC provider (eksctl warns)',
    rule: 'VALUE',
    severity: 'warning',
    pass: lines(
      HEADER,
      'iam:',
      '  withOIDC: true',
      'addons:',
      '  - name: aws-ebs-csi-driver',
      '    attachPolicyARNs: [arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]',
    ),
    fail: lines(
      HEADER,
      'addons:',
      '  - name: aws-ebs-csi-driver',
      '    attachPolicyARNs: [arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]',
    ),
    path: 'addons[0].attachPolicyARNs',
    at: 'attachPolicyARNs',
    message: ['IRSA config is set for "aws-ebs-csi-driver" addon, but since OIDC is disabled on the cluster'],
  },
  {
    name: "policies to attach to a node role of the user's",
    rule: 'VALUE',
    pass: lines(
      HEADER,
      ...NG('privateNetworking: true', 'iam:', '  attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]'),
    ),
    fail: lines(
      HEADER,
      ...NG(
        'privateNetworking: true',
        'iam:',
        '  instanceRoleARN: arn:aws:iam::123456789012:role/nodes',
        '  attachPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}',
      ),
    ),
    path: 'nodeGroups[0].iam.attachPolicy',
    at: 'attachPolicy',
    message: ['nodeGroups[0].iam.instanceRoleARN and nodeGroups[0].iam.attachPolicy cannot be set at the same time'],
  },
  {
    name: 'a region without fully-private clusters',
    rule: 'V20',
    pass: lines(HEADER.replace('us-west-2', 'eu-west-1')),
    fail: lines(HEADER.replace('us-west-2', 'eu-south-1')),
    path: 'metadata.region',
    at: 'eu-south-1',
    message: ['fully-private clusters are not supported in region "eu-south-1"', 'endpoint service'],
  },
];

describe('SPEC §3 rules: one passing and one failing config each', () => {
  it('covers every rule V1–V20', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    for (let i = 1; i <= 20; i++) expect(covered, `V${i}`).toContain(`V${i}`);
  });

  describe.each(CASES)('$rule: $name', (c) => {
    it('passes', () => {
      const options = c.options ?? {};
      const result = load(c.pass, options);
      expect(withRule(result, c.rule)).toEqual([]);
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.config).toBeDefined();
    });

    it('fails, located and worded', () => {
      const result = load(c.fail, c.options ?? {});
      const problems = withRule(result, c.rule);
      expect(problems).toHaveLength(1);
      const [problem] = problems;
      const [needle, occurrence] = typeof c.at === 'string' ? [c.at, 1] : c.at;
      expect(problem).toMatchObject({
        rule: c.rule,
        path: c.path,
        file: 'test.yaml',
        severity: c.severity ?? 'error',
        ...locate(c.fail, needle, occurrence),
      });
      expect(problem!.message.startsWith(c.message[0]!)).toBe(true);
      for (const words of c.message.slice(1)) expect(problem!.message).toContain(words);
      expect(problem!.hint).toBeTruthy();
      if ((c.severity ?? 'error') === 'error') expect(result.config).toBeUndefined();
      else expect(result.config).toBeDefined();
    });
  });
});

describe('V15: the region comes from the file, as in eksctl', () => {
  const noRegion = lines(HEADER.replace('  region: us-west-2\n', ''));

  it('refuses a file without metadata.region, naming --region or AWS_REGION in the hint', () => {
    const [flag] = withRule(load(noRegion, { region: 'eu-west-1' }), 'V15');
    expect(flag).toMatchObject({ path: 'metadata.region', message: 'metadata.region must be set' });
    expect(flag!.hint).toBe(
      'add region: eu-west-1 under metadata (--region is not read for a config file, as in eksctl)',
    );
    const [env] = withRule(load(noRegion, { env: { AWS_REGION: 'us-east-2' } }), 'V15');
    expect(env!.hint).toBe(
      'add region: us-east-2 under metadata (AWS_REGION is not read for a config file, as in eksctl)',
    );
    const [none] = withRule(load(noRegion), 'V15');
    expect(none!.hint).toBe('add region: us-west-2 (for example) under metadata');
  });

  it("prefers the file's region to both", () => {
    expect(load(lines(HEADER), { region: 'eu-west-1', env: { AWS_REGION: 'us-east-2' } }).config?.metadata.region).toBe(
      'us-west-2',
    );
  });

  it('refuses a region that is not a region name', () => {
    const text = lines(HEADER.replace('region: us-west-2', 'region: uswest2'));
    const [problem] = withRule(load(text), 'V15');
    expect(problem).toMatchObject({ path: 'metadata.region', ...locate(text, 'uswest2') });
    expect(problem!.message).toBe('metadata.region "uswest2" is not an AWS region name');
  });

  it('refuses a well-formed name that is no AWS region, with the closest one', () => {
    const typo = lines(HEADER.replace('region: us-west-2', 'region: us-wst-2'));
    const [problem] = withRule(load(typo), 'V15');
    expect(problem).toMatchObject({ path: 'metadata.region', ...locate(typo, 'us-wst-2') });
    expect(problem!.message).toBe(
      'metadata.region "us-wst-2" is not an AWS region private-eks knows; did you mean "us-west-2"?',
    );
    expect(problem!.hint).toContain('write us-west-2');
    const [far] = withRule(load(lines(HEADER.replace('region: us-west-2', 'region: xx-nowhere-9'))), 'V15');
    expect(far!.message).toBe('metadata.region "xx-nowhere-9" is not an AWS region private-eks knows');
    expect(
      load(lines(HEADER.replace('region: us-west-2', 'region: us-isof-south-1'))).problems.filter(
        (p) => p.rule === 'V15',
      ),
    ).toEqual([]);
  });
});

describe('all problems at once, errors first, in file order', () => {
  it('reports every rule that fails in one run', () => {
    const text = lines(
      'apiVersion: eksctl.io/v1alpha5',
      'kind: ClusterConfig',
      'metadata: {name: c1, region: us-west-2}',
      'privateCluster:',
      '  enabled: true',
      '  additionalEndpointServices: [nope]',
      'vpc:',
      '  nat: {gateway: Single}',
      '  subnets:',
      '    public: {us-west-2a: {id: subnet-1}}',
      'nodeGroups:',
      '  - name: ng1',
    );
    const result = load(text);
    // The warning (line 8) comes after every error, even those further down the file.
    expect(result.problems.map((p) => `${p.severity} ${p.rule} ${p.line}`)).toEqual([
      'error V6 6',
      'error V3 10',
      'error V8 12',
      'warning V18 8',
    ]);
    const errors = result.problems.filter((p) => p.severity === 'error');
    const order = errors.map((p) => p.line * 1000 + p.column);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
