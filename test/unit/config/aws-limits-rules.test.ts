/**
 * AWS's limits, checked before any AWS call (rules/aws-limits.ts): tag keys, values and counts,
 * nodegroup and Fargate profile counts, stack name lengths, and the form of every resource ID and
 * ARN the file gives. Each case: a file that passes and one that fails, and every problem the
 * failing one gets at the field (path, position, message, hint).
 */
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../src/config/problem.js';
import { HEADER, lines, load, locate } from './support.js';

interface LimitCase {
  readonly name: string;
  readonly pass: string;
  readonly fail: string;
  readonly path: string;
  /** The text the problem points at (its first occurrence, or `[text, n]` for the n-th). */
  readonly at: string | readonly [string, number];
  readonly message: string;
  readonly hint: string;
  readonly rule?: RuleId;
}

const file = (...parts: string[]) => lines(HEADER, ...parts);
/** A file whose metadata.tags is the given flow map. */
const tagged = (map: string, ...parts: string[]) =>
  lines(HEADER.replace('  region: us-west-2', `  region: us-west-2\n  tags: ${map}`), ...parts);
const ng = (...extra: string[]) => [
  'nodeGroups:',
  '  - name: ng1',
  '    privateNetworking: true',
  ...extra.map((l) => '    ' + l),
];
const mng = (...extra: string[]) => [
  'managedNodeGroups:',
  '  - name: m1',
  '    privateNetworking: true',
  ...extra.map((l) => '    ' + l),
];
/** A flow map of `count` tags named `prefix0`, `prefix1`, … */
const tagMap = (prefix: string, count: number, from = 0) =>
  `{${Array.from({ length: count }, (_, i) => `${prefix}${from + i}: v`).join(', ')}}`;
const nodeGroups = (count: number, kind: string) => [
  `${kind}:`,
  ...Array.from({ length: count }, (_, i) => `  - {name: ${kind[0]!}${i}, privateNetworking: true}`),
];
const fargateProfiles = (count: number) => [
  'fargateProfiles:',
  ...Array.from({ length: count }, (_, i) => `  - {name: f${i}, selectors: [{namespace: n${i}}]}`),
];

const TAG_CHARS_HINT = 'use letters, digits, spaces and _ . : / = + - @';
const COUNT_HINT =
  "keep at most 44 tags (metadata.tags and a nodegroup's, add-on's or Fargate profile's own tags together)";
const ROLE = 'arn:aws:iam::123456789012:role/r';
const POLICY = 'arn:aws:iam::aws:policy/P';
const ROLE_HINT = 'write an IAM role ARN such as arn:aws:iam::123456789012:role/NAME';
const POLICY_HINT = 'write an IAM policy ARN such as arn:aws:iam::aws:policy/NAME';
const SG_HINT = 'write a security group id such as sg-0123456789abcdef0';
const TWO_SUBNETS = ['    private:', '      us-west-2a: {id: subnet-0a}', '      us-west-2b: {id: subnet-0b}'];

const CASES: LimitCase[] = [
  // ---- tag keys and values ----------------------------------------------------------------------
  {
    name: 'a cluster tag key starting with aws:',
    pass: tagged('{team: a, awsteam: b}'),
    fail: tagged('{team: a, "aws:team": b}'),
    path: 'metadata.tags["aws:team"]',
    at: '"aws:team"',
    message: 'tag key "aws:team" starts with "aws:", which AWS reserves for its own tags',
    hint: 'choose another key',
  },
  {
    name: 'a nodegroup tag key starting with AWS: (any case)',
    pass: file(...ng('tags: {AWSteam: a}')),
    fail: file(...ng('tags: {"AWS:team": a}')),
    path: 'nodeGroups[0].tags["AWS:team"]',
    at: '"AWS:team"',
    message: 'tag key "AWS:team" starts with "aws:", which AWS reserves for its own tags',
    hint: 'choose another key',
  },
  {
    name: 'an empty tag key',
    pass: file(...ng('tags: {k: ""}')),
    fail: file(...ng('tags: {"": v}')),
    path: 'nodeGroups[0].tags[""]',
    at: '"": v',
    message: 'a tag key is empty; AWS needs 1 to 128 characters',
    hint: 'give the tag a key, or remove it',
  },
  {
    name: 'a tag key of 129 characters (128 is the most)',
    pass: file(...ng(`tags: {${'k'.repeat(128)}: v}`)),
    fail: file(...ng(`tags: {${'k'.repeat(129)}: v}`)),
    path: `nodeGroups[0].tags.${'k'.repeat(129)}`,
    at: 'kkk',
    message: `tag key "${'k'.repeat(60)}…" is 129 characters long; AWS allows 1 to 128`,
    hint: 'shorten the key',
  },
  {
    name: 'a tag key with a character AWS refuses',
    pass: file(...ng('tags: {"a b_c.d:e/f=g+h-i@j": v}')),
    fail: file(...ng('tags: {"a%b": v}')),
    path: 'nodeGroups[0].tags["a%b"]',
    at: '"a%b"',
    message: 'tag key "a%b" has characters AWS refuses in tags',
    hint: TAG_CHARS_HINT,
  },
  {
    name: 'a tag value with a character AWS refuses (at the value)',
    pass: file(...ng('tags: {k: "a b_c.d:e/f=g+h-i@j"}')),
    fail: file(...ng('tags: {k: "a;b"}')),
    path: 'nodeGroups[0].tags.k',
    at: '"a;b"',
    message: 'tag "k" has a value with characters AWS refuses in tags',
    hint: TAG_CHARS_HINT,
  },
  {
    name: 'a tag value of 257 characters (256 is the most)',
    pass: file(...ng(`tags: {k: ${'v'.repeat(256)}}`)),
    fail: file(...ng(`tags: {k: ${'v'.repeat(257)}}`)),
    path: 'nodeGroups[0].tags.k',
    at: 'vvv',
    message: 'tag "k" has a value of 257 characters; AWS allows at most 256',
    hint: 'shorten the value',
  },
  {
    name: "an add-on's tags are checked too",
    pass: file('addons:', '  - {name: vpc-cni, tags: {team: a}}'),
    fail: file('addons:', '  - {name: vpc-cni, tags: {"aws:team": a}}'),
    path: 'addons[0].tags["aws:team"]',
    at: '"aws:team"',
    message: 'tag key "aws:team" starts with "aws:", which AWS reserves for its own tags',
    hint: 'choose another key',
  },
  {
    name: "a Fargate profile's tags are checked too",
    pass: file('fargateProfiles:', '  - {name: f, selectors: [{namespace: n}], tags: {team: a}}'),
    fail: file('fargateProfiles:', '  - {name: f, selectors: [{namespace: n}], tags: {"aws:team": a}}'),
    path: 'fargateProfiles[0].tags["aws:team"]',
    at: '"aws:team"',
    message: 'tag key "aws:team" starts with "aws:", which AWS reserves for its own tags',
    hint: 'choose another key',
  },
  // ---- tag counts (private-eks adds 6 of its own to each resource) -----------------------------------
  {
    name: '45 cluster tags (44 is the most)',
    pass: tagged(tagMap('t', 44)),
    fail: tagged(tagMap('t', 45)),
    path: 'metadata.tags',
    at: 'tags',
    message:
      "metadata.tags gives a resource 45 tags; with the 6 private-eks adds that is over AWS's limit of 50 tags per resource",
    hint: COUNT_HINT,
  },
  {
    name: "a nodegroup's tags add to the cluster's; a key in both counts once",
    pass: tagged(tagMap('t', 40), ...ng(`tags: ${tagMap('t', 14, 30)}`)),
    fail: tagged(tagMap('t', 40), ...ng(`tags: ${tagMap('t', 15, 30)}`)),
    path: 'nodeGroups[0].tags',
    at: ['tags', 2],
    message:
      "nodeGroups[0].tags gives a resource 45 tags; with the 6 private-eks adds that is over AWS's limit of 50 tags per resource",
    hint: COUNT_HINT,
  },
  {
    name: "a nodegroup's tags counted when the cluster has exactly 44",
    pass: tagged(tagMap('t', 44), ...ng(`tags: ${tagMap('t', 44)}`)),
    fail: tagged(tagMap('t', 44), ...ng('tags: {n: v}')),
    path: 'nodeGroups[0].tags',
    at: ['tags', 2],
    message:
      "nodeGroups[0].tags gives a resource 45 tags; with the 6 private-eks adds that is over AWS's limit of 50 tags per resource",
    hint: COUNT_HINT,
  },
  // ---- how many nodegroups and Fargate profiles -------------------------------------------------------
  {
    name: '501 nodegroups of both kinds together (500 is the quota)',
    pass: file(...nodeGroups(250, 'nodeGroups'), ...nodeGroups(250, 'managedNodeGroups')),
    fail: file(...nodeGroups(250, 'nodeGroups'), ...nodeGroups(251, 'managedNodeGroups')),
    path: 'managedNodeGroups[250]',
    at: '{name: m250',
    message:
      "the file has 501 nodegroups; each is an EC2 Auto Scaling group and a CloudFormation stack, and AWS's default quota is 500 Auto Scaling groups per region",
    hint: 'keep at most 500 nodegroups (nodeGroups and managedNodeGroups together); a nodegroup can hold up to 1000 nodes (maxSize)',
  },
  {
    name: '101 Fargate profiles (100 fit one stack)',
    pass: file(...fargateProfiles(100)),
    fail: file(...fargateProfiles(101)),
    path: 'fargateProfiles[100]',
    at: '{name: f100',
    message:
      "the file has 101 Fargate profiles; private-eks puts them in one CloudFormation stack, whose template holds about 100 (and EKS's default quota is 10 per cluster)",
    hint: 'keep at most 100 Fargate profiles; one profile takes up to 5 selectors, each matching a namespace and labels',
  },
  // ---- stack names -----------------------------------------------------------------------------
  {
    name: 'a nodegroup whose stack name would be 129 characters (eksctl-c1-nodegroup- and 109)',
    pass: file('nodeGroups:', `  - {name: ${'n'.repeat(108)}, privateNetworking: true}`),
    fail: file('nodeGroups:', `  - {name: ${'n'.repeat(109)}, privateNetworking: true}`),
    path: 'nodeGroups[0].name',
    at: 'nnn',
    rule: 'V12',
    message: `the nodegroup's CloudFormation stack name "eksctl-c1-nodegroup-${'n'.repeat(20)}…" would be 129 characters long; CloudFormation allows at most 128`,
    hint: 'shorten the nodegroup or the cluster name: together at most 110 characters',
  },
  // ---- resource IDs and ARNs --------------------------------------------------------------------------
  {
    name: 'vpc.id',
    pass: file('vpc:', '  id: vpc-0123456789abcdef0', '  subnets:', ...TWO_SUBNETS),
    fail: file('vpc:', '  id: vpc-XYZ', '  subnets:', ...TWO_SUBNETS),
    path: 'vpc.id',
    at: 'vpc-XYZ',
    message: 'vpc.id "vpc-XYZ" is not a VPC id',
    hint: 'write a VPC id such as vpc-0123456789abcdef0',
  },
  {
    name: 'a private subnet id',
    pass: file('vpc:', '  id: vpc-0a', '  subnets:', ...TWO_SUBNETS),
    fail: file('vpc:', '  id: vpc-0a', '  subnets:', ...TWO_SUBNETS.map((l) => l.replace('subnet-0b', 'subnet_0b'))),
    path: 'vpc.subnets.private.us-west-2b.id',
    at: 'subnet_0b',
    message: 'vpc.subnets.private.us-west-2b.id "subnet_0b" is not a subnet id',
    hint: 'write a subnet id such as subnet-0123456789abcdef0',
  },
  {
    name: 'vpc.securityGroup',
    pass: file('vpc: {securityGroup: sg-0123456789abcdef0}'),
    fail: file('vpc: {securityGroup: sg-0123456789abcdef01}'),
    path: 'vpc.securityGroup',
    at: 'sg-0123456789abcdef01',
    message: 'vpc.securityGroup "sg-0123456789abcdef01" is not a security group id',
    hint: SG_HINT,
  },
  {
    name: 'vpc.sharedNodeSecurityGroup',
    pass: file('vpc: {sharedNodeSecurityGroup: sg-1}'),
    fail: file('vpc: {sharedNodeSecurityGroup: sg-}'),
    path: 'vpc.sharedNodeSecurityGroup',
    at: 'sg-}',
    message: 'vpc.sharedNodeSecurityGroup "sg-" is not a security group id',
    hint: SG_HINT,
  },
  {
    name: 'iam.serviceRoleARN',
    pass: file(`iam: {serviceRoleARN: "arn:aws-us-gov:iam::123456789012:role/path/r"}`),
    fail: file(`iam: {serviceRoleARN: "arn:aws:iam::123456789012:user/r"}`),
    path: 'iam.serviceRoleARN',
    at: '"arn:aws:iam',
    message: 'iam.serviceRoleARN "arn:aws:iam::123456789012:user/r" is not an IAM role ARN',
    hint: ROLE_HINT,
  },
  {
    name: 'iam.fargatePodExecutionRoleARN',
    pass: file(`iam: {fargatePodExecutionRoleARN: "${ROLE}"}`),
    fail: file(`iam: {fargatePodExecutionRoleARN: "arn:aws:iam::12345678901:role/r"}`),
    path: 'iam.fargatePodExecutionRoleARN',
    at: '"arn:aws:iam',
    message: 'iam.fargatePodExecutionRoleARN "arn:aws:iam::12345678901:role/r" is not an IAM role ARN',
    hint: ROLE_HINT,
  },
  {
    name: "a service account's policy ARN",
    pass: file(`iam: {withOIDC: true, serviceAccounts: [{metadata: {name: s}, attachPolicyARNs: ["${POLICY}"]}]}`),
    fail: file(
      `iam: {withOIDC: true, serviceAccounts: [{metadata: {name: s}, attachPolicyARNs: ["${POLICY}", "${ROLE}"]}]}`,
    ),
    path: 'iam.serviceAccounts[0].attachPolicyARNs[1]',
    at: `"${ROLE}"`,
    message: `iam.serviceAccounts[0].attachPolicyARNs[1] "${ROLE}" is not an IAM policy ARN`,
    hint: POLICY_HINT,
  },
  {
    name: "a pod identity association's role ARN",
    pass: file(
      'addons: [{name: eks-pod-identity-agent}]',
      `iam: {podIdentityAssociations: [{namespace: n, serviceAccountName: s, roleARN: "${ROLE}"}]}`,
    ),
    fail: file(
      'addons: [{name: eks-pod-identity-agent}]',
      'iam: {podIdentityAssociations: [{namespace: n, serviceAccountName: s, roleARN: "role/r"}]}',
    ),
    path: 'iam.podIdentityAssociations[0].roleARN',
    at: '"role/r"',
    message: 'iam.podIdentityAssociations[0].roleARN "role/r" is not an IAM role ARN',
    hint: ROLE_HINT,
  },
  {
    name: "a pod identity association's policy ARN",
    pass: file(
      'addons: [{name: eks-pod-identity-agent}]',
      `iam: {podIdentityAssociations: [{namespace: n, serviceAccountName: s, permissionPolicyARNs: ["arn:aws:iam::123456789012:policy/p"]}]}`,
    ),
    fail: file(
      'addons: [{name: eks-pod-identity-agent}]',
      `iam: {podIdentityAssociations: [{namespace: n, serviceAccountName: s, permissionPolicyARNs: ["arn:aws:iam::aws:policy"]}]}`,
    ),
    path: 'iam.podIdentityAssociations[0].permissionPolicyARNs[0]',
    at: '"arn:aws:iam::aws:policy"',
    message:
      'iam.podIdentityAssociations[0].permissionPolicyARNs[0] "arn:aws:iam::aws:policy" is not an IAM policy ARN',
    hint: POLICY_HINT,
  },
  {
    name: 'a KMS key ARN for secrets encryption',
    pass: file('secretsEncryption: {keyARN: "arn:aws:kms:us-west-2:123456789012:alias/a"}'),
    fail: file('secretsEncryption: {keyARN: "arn:aws:kms:us-west-2:123456789012:secret/a"}'),
    path: 'secretsEncryption.keyARN',
    at: '"arn:aws:kms',
    message: 'secretsEncryption.keyARN "arn:aws:kms:us-west-2:123456789012:secret/a" is not a KMS key ARN',
    hint: 'write a KMS key ARN such as arn:aws:kms:us-west-2:123456789012:key/KEY-ID',
  },
  {
    name: "a secrets key that is no ARN at all: eksctl's message only",
    pass: file('secretsEncryption: {keyARN: "arn:aws:kms:us-west-2:123456789012:key/k"}'),
    fail: file('secretsEncryption: {keyARN: k}'),
    path: 'secretsEncryption.keyARN',
    at: 'k}',
    message: 'invalid ARN in secretsEncryption.keyARN: "k": arn: invalid prefix',
    hint: 'write the ARN of a KMS key: arn:aws:kms:REGION:ACCOUNT:key/KEY-ID',
  },
  {
    name: "an add-on's service account role ARN",
    pass: file(`addons: [{name: vpc-cni, serviceAccountRoleARN: "${ROLE}"}]`),
    fail: file('addons: [{name: vpc-cni, serviceAccountRoleARN: r}]'),
    path: 'addons[0].serviceAccountRoleARN',
    at: 'r}',
    message: 'addons[0].serviceAccountRoleARN "r" is not an IAM role ARN',
    hint: ROLE_HINT,
  },
  {
    name: "a Fargate profile's pod execution role ARN",
    pass: file(`fargateProfiles: [{name: f, selectors: [{namespace: n}], podExecutionRoleARN: "${ROLE}"}]`),
    fail: file('fargateProfiles: [{name: f, selectors: [{namespace: n}], podExecutionRoleARN: q}]'),
    path: 'fargateProfiles[0].podExecutionRoleARN',
    at: 'q}',
    message: 'fargateProfiles[0].podExecutionRoleARN "q" is not an IAM role ARN',
    hint: ROLE_HINT,
  },
  {
    name: "a nodegroup's instance role ARN",
    pass: file(...ng(`iam: {instanceRoleARN: "${ROLE}"}`)),
    fail: file(...mng('iam: {instanceRoleARN: "arn:aws:iam::123456789012:role/"}')),
    path: 'managedNodeGroups[0].iam.instanceRoleARN',
    at: '"arn:aws:iam',
    message: 'managedNodeGroups[0].iam.instanceRoleARN "arn:aws:iam::123456789012:role/" is not an IAM role ARN',
    hint: ROLE_HINT,
  },
  {
    name: "a nodegroup's instance profile ARN",
    pass: file(...ng('iam: {instanceProfileARN: "arn:aws-cn:iam::123456789012:instance-profile/p"}')),
    fail: file(...ng(`iam: {instanceProfileARN: "${ROLE}"}`)),
    path: 'nodeGroups[0].iam.instanceProfileARN',
    at: `"${ROLE}"`,
    message: `nodeGroups[0].iam.instanceProfileARN "${ROLE}" is not an IAM instance profile ARN`,
    hint: 'write an IAM instance profile ARN such as arn:aws:iam::123456789012:instance-profile/NAME',
  },
  {
    name: "a nodegroup's policy ARN (an ARN of the wrong kind; no ARN at all is eksctl's check)",
    pass: file(...ng('iam: {attachPolicyARNs: ["arn:aws:iam::123456789012:policy/team/p"]}')),
    fail: file(...ng('iam: {attachPolicyARNs: ["arn:aws:iam::aws:pol/x"]}')),
    path: 'nodeGroups[0].iam.attachPolicyARNs[0]',
    at: '"arn:aws:iam::aws:pol/x"',
    message: 'nodeGroups[0].iam.attachPolicyARNs[0] "arn:aws:iam::aws:pol/x" is not an IAM policy ARN',
    hint: POLICY_HINT,
  },
  {
    name: "a nodegroup's policy that is no ARN at all: eksctl's message only",
    pass: file(...ng('iam: {attachPolicyARNs: ["arn:aws:iam::aws:policy/P"]}')),
    fail: file(...ng('iam: {attachPolicyARNs: [nonarn]}')),
    path: 'nodeGroups[0].iam.attachPolicyARNs[0]',
    at: 'nonarn',
    message: 'invalid ARN "nonarn" in nodeGroups[0].iam.attachPolicyARNs: arn: invalid prefix',
    hint: 'write a policy ARN: arn:aws:iam::aws:policy/NAME or arn:aws:iam::ACCOUNT:policy/NAME',
  },
  {
    name: "a self-managed nodegroup's AMI id",
    pass: file(...ng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023')),
    fail: file(...ng('ami: ami-x', 'amiFamily: AmazonLinux2023')),
    path: 'nodeGroups[0].ami',
    at: 'ami-x',
    message: 'nodeGroups[0].ami "ami-x" is not an AMI id',
    hint: 'write an AMI id such as ami-0123456789abcdef0',
  },
  {
    name: "a managed nodegroup's AMI id, when it looks like one",
    pass: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023')),
    fail: file(...mng('ami: ami-q', 'amiFamily: AmazonLinux2023')),
    path: 'managedNodeGroups[0].ami',
    at: 'ami-q',
    message: 'managedNodeGroups[0].ami "ami-q" is not an AMI id',
    hint: 'write an AMI id such as ami-0123456789abcdef0',
  },
  {
    name: "a managed nodegroup's AMI that is no AMI id at all: eksctl's message only",
    pass: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023')),
    fail: file(...mng('ami: q')),
    path: 'managedNodeGroups[0].ami',
    at: 'q',
    message: 'invalid AMI "q" (managedNodeGroups[0].ami)',
    hint: 'write an AMI id: ami-…',
  },
  {
    name: 'a security group to attach',
    pass: file(...ng('securityGroups: {attachIDs: [sg-1, sg-2]}')),
    fail: file(...ng('securityGroups: {attachIDs: [sg-1, sgq]}')),
    path: 'nodeGroups[0].securityGroups.attachIDs[1]',
    at: 'sgq',
    message: 'nodeGroups[0].securityGroups.attachIDs[1] "sgq" is not a security group id',
    hint: SG_HINT,
  },
  {
    name: 'an SSH source security group',
    pass: file(...ng('ssh: {allow: true, publicKeyName: k, sourceSecurityGroupIds: [sg-2]}')),
    fail: file(...ng('ssh: {allow: true, publicKeyName: k, sourceSecurityGroupIds: [sg-2, sg_3]}')),
    path: 'nodeGroups[0].ssh.sourceSecurityGroupIds[1]',
    at: 'sg_3',
    message: 'nodeGroups[0].ssh.sourceSecurityGroupIds[1] "sg_3" is not a security group id',
    hint: SG_HINT,
  },
  {
    name: "a managed nodegroup's launch template id",
    pass: file(...mng('launchTemplate: {id: lt-0123456789abcdef0}')),
    fail: file(...mng('launchTemplate: {id: lt-z}')),
    path: 'managedNodeGroups[0].launchTemplate.id',
    at: 'lt-z',
    message: 'managedNodeGroups[0].launchTemplate.id "lt-z" is not a launch template id',
    hint: 'write a launch template id such as lt-0123456789abcdef0',
  },
];

describe("AWS's limits, before any AWS call", () => {
  describe.each(CASES)('$name', (c) => {
    it('passes', () => {
      const problems = load(c.pass).problems.filter((p) => p.path === c.path);
      expect(problems).toEqual([]);
    });

    it('fails at the field, worded', () => {
      const problems = load(c.fail).problems.filter((p) => p.path === c.path);
      const [needle, occurrence] = typeof c.at === 'string' ? [c.at, 1] : c.at;
      expect(problems).toEqual([
        {
          rule: c.rule ?? 'VALUE',
          severity: 'error',
          file: 'test.yaml',
          path: c.path,
          message: c.message,
          hint: c.hint,
          ...locate(c.fail, needle, occurrence),
        },
      ]);
    });
  });

  it('an empty id is no id to check (the field is as good as left out)', () => {
    const text = file('vpc: {id: "", securityGroup: "", sharedNodeSecurityGroup: ""}');
    expect(load(text).problems).toEqual([]);
  });

  it('a missing cluster or nodegroup name adds nothing to the stack name it is checked with', () => {
    const noClusterName = lines(
      HEADER.replace('  name: c1\n', ''),
      'nodeGroups:',
      `  - {name: ${'n'.repeat(110)}, privateNetworking: true}`,
    );
    expect(load(noClusterName).problems.filter((p) => p.path === 'nodeGroups[0].name')).toEqual([]);
    const noNodeGroupName = lines(
      HEADER.replace('name: c1', `name: ${'c'.repeat(100)}`),
      'nodeGroups:',
      '  - {privateNetworking: true}',
    );
    expect(load(noNodeGroupName).problems.map((p) => p.message)).toEqual(['nodeGroups[0].name must be set']);
  });

  it("a nodegroup is not told about the count when the cluster's tags alone are over it", () => {
    const problems = load(tagged(tagMap('t', 45), ...ng('tags: {n: v}'))).problems.filter((p) =>
      p.path.endsWith('tags'),
    );
    expect(problems.map((p) => p.path)).toEqual(['metadata.tags']);
  });
});
