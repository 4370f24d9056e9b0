/**
 * The cluster-level field rules (rules/cluster-fields.ts) at their boundaries, with the exact
 * problem each one reports (rule, severity, path, position, message, hint): written to kill the
 * mutants the broader tests in cluster-fields.test.ts leave alive.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load } from './support.js';
import { itGivesTheseProblems, problemsIn, type ExpectedProblem, type ProblemCase } from './problem-table.js';

const IDP = ['  - name: sso', '    type: oidc', '    issuerURL: https://sso.example.com', '    clientID: kubernetes'];
const MAPPINGS = 'iamIdentityMappings:';
const ARN = 'arn: "arn:aws:iam::123456789012:role/r"';

const ACCOUNT: Omit<ExpectedProblem, 'at'> = {
  rule: 'VALUE',
  path: 'iamIdentityMappings[0].account',
  message: 'account cannot be configured with any other options',
  hint: 'write the account in an entry of its own',
};

const IPV6 = 'kubernetesNetworkConfig: {ipFamily: IPv6}';
const IPV6_ADDONS = 'addons: [{name: coredns}]';

const AUTO_ADDON = (at: string): ExpectedProblem => ({
  rule: 'VALUE',
  path: 'addons[0]',
  at,
  message:
    'core networking addons are not required on a cluster using Auto Mode; if you still wish to create them, use `eksctl create addon` post cluster creation',
  hint: 'remove vpc-cni, kube-proxy and coredns: Auto Mode nodes run their own',
});

describe('identityProviders, iamIdentityMappings and the VPC extra fields: exact problems', () => {
  const cases: ProblemCase[] = [
    {
      name: 'identityProviders: a second provider, reported at its entry',
      yaml: ['identityProviders:', ...IDP, ...IDP.map((l) => l.replace('sso', 'sso2'))],
      problems: [
        {
          rule: 'VALUE',
          path: 'identityProviders[1]',
          at: 'name: sso2',
          message: 'EKS associates one OIDC identity provider with a cluster; identityProviders lists more than one',
          hint: 'keep one entry; map more issuers in that provider (e.g. a federating identity broker)',
        },
      ],
    },
    {
      name: 'iamIdentityMappings: refused in API mode, at the iamIdentityMappings key',
      yaml: ['accessConfig: {authenticationMode: API}', MAPPINGS, `  - {${ARN}, username: a}`],
      problems: [
        {
          rule: 'VALUE',
          path: 'iamIdentityMappings',
          at: MAPPINGS,
          message:
            'iamIdentityMappings write the aws-auth ConfigMap, which a cluster with accessConfig.authenticationMode API ignores',
          hint: 'give each principal an entry in accessConfig.accessEntries, or set authenticationMode: API_AND_CONFIG_MAP',
        },
      ],
    },
    {
      name: 'iamIdentityMappings: serviceName with arn, username and groups all set',
      yaml: [MAPPINGS, `  - {serviceName: emr-containers, namespace: spark, ${ARN}, username: a, groups: [g]}`],
      problems: [
        {
          rule: 'VALUE',
          path: 'iamIdentityMappings[0].serviceName',
          at: 'serviceName',
          message: 'cannot use arn, username, and groups with serviceName',
          hint: 'remove them',
        },
      ],
    },
    {
      name: 'iamIdentityMappings: serviceName with username and groups but no arn',
      yaml: [MAPPINGS, '  - {serviceName: emr-containers, namespace: spark, username: a, groups: [g]}'],
      problems: [],
    },
    {
      name: 'iamIdentityMappings: serviceName with arn and groups but no username',
      yaml: [MAPPINGS, `  - {serviceName: emr-containers, namespace: spark, ${ARN}, groups: [g]}`],
      problems: [],
    },
    {
      name: 'iamIdentityMappings: serviceName with arn and username but no groups',
      yaml: [MAPPINGS, `  - {serviceName: emr-containers, namespace: spark, ${ARN}, username: a}`],
      problems: [],
    },
    {
      name: 'iamIdentityMappings: serviceName with arn and username and an empty list of groups',
      yaml: [MAPPINGS, `  - {serviceName: emr-containers, namespace: spark, ${ARN}, username: a, groups: []}`],
      problems: [],
    },
    {
      name: 'iamIdentityMappings: account with groups only',
      yaml: [MAPPINGS, '  - {account: "111122223333", groups: [g]}'],
      problems: [{ ...ACCOUNT, at: 'account' }],
    },
    {
      name: 'iamIdentityMappings: account with serviceName (and its namespace) only',
      yaml: [MAPPINGS, '  - {account: "111122223333", serviceName: emr-containers, namespace: spark}'],
      problems: [{ ...ACCOUNT, at: 'account' }],
    },
    {
      name: 'iamIdentityMappings: account with serviceName only (no namespace)',
      yaml: [MAPPINGS, '  - {account: "111122223333", serviceName: emr-containers}'],
      problems: [
        {
          rule: 'VALUE',
          path: 'iamIdentityMappings[0]',
          at: '{account',
          message: 'namespace is required when using serviceName',
          hint: 'add namespace',
        },
        { ...ACCOUNT, at: 'account' },
      ],
    },
    {
      name: 'iamIdentityMappings: account with namespace only',
      yaml: [MAPPINGS, '  - {account: "111122223333", namespace: spark}'],
      problems: [
        { ...ACCOUNT, at: 'account' },
        {
          rule: 'VALUE',
          path: 'iamIdentityMappings[0].namespace',
          at: 'namespace',
          message: 'serviceName is required when using namespace',
          hint: 'add serviceName, or remove namespace',
        },
      ],
    },
    {
      name: 'iamIdentityMappings: account alone',
      yaml: [MAPPINGS, '  - {account: "111122223333"}'],
      problems: [],
    },
    {
      name: 'iamIdentityMappings: a mapping with neither arn nor account, at the entry',
      yaml: [MAPPINGS, '  - {username: a, groups: [g]}'],
      problems: [
        {
          rule: 'VALUE',
          path: 'iamIdentityMappings[0]',
          at: '{username',
          message: 'an identity mapping needs an arn (or an account)',
          hint: 'add arn: the IAM role or user to map',
        },
      ],
    },
    {
      name: 'vpc: securityGroup alone',
      yaml: ['vpc: {securityGroup: sg-1}'],
      problems: [],
    },
    {
      name: 'vpc: securityGroup with an empty controlPlaneSecurityGroupIDs',
      yaml: ['vpc: {securityGroup: sg-1, controlPlaneSecurityGroupIDs: []}'],
      problems: [],
    },
    {
      name: 'vpc: controlPlaneSecurityGroupIDs alone',
      yaml: ['vpc: {controlPlaneSecurityGroupIDs: [sg-2]}'],
      problems: [],
    },
    {
      name: 'vpc: securityGroup with controlPlaneSecurityGroupIDs, at the controlPlaneSecurityGroupIDs key',
      yaml: ['vpc: {securityGroup: sg-1, controlPlaneSecurityGroupIDs: [sg-2]}'],
      problems: [
        {
          rule: 'VALUE',
          path: 'vpc.controlPlaneSecurityGroupIDs',
          at: 'controlPlaneSecurityGroupIDs',
          message: 'only one of vpc.securityGroup and vpc.controlPlaneSecurityGroupIDs can be specified',
          hint: 'list every group in controlPlaneSecurityGroupIDs, or keep securityGroup alone',
        },
      ],
    },
    {
      name: 'vpc: extraIPv6CIDRs on an IPv4 cluster, at the extraIPv6CIDRs key',
      yaml: ['vpc:', '  extraIPv6CIDRs: ["2001:db8::/56"]'],
      problems: [
        {
          rule: 'VALUE',
          path: 'vpc.extraIPv6CIDRs',
          at: 'extraIPv6CIDRs',
          message: 'cannot specify vpc.extraIPv6CIDRs with an IPv4 cluster',
          hint: 'use vpc.extraCIDRs, or set kubernetesNetworkConfig.ipFamily: IPv6',
        },
      ],
    },
    {
      name: 'vpc: extraIPv6CIDRs on an IPv6 cluster',
      yaml: [IPV6, IPV6_ADDONS, 'vpc:', '  extraIPv6CIDRs: ["2001:db8::/56"]'],
      problems: [],
    },
    {
      name: 'vpc: autoAllocateIPv6: true on an IPv4 cluster, at the value',
      yaml: ['vpc:', '  autoAllocateIPv6: true'],
      problems: [
        {
          rule: 'VALUE',
          path: 'vpc.autoAllocateIPv6',
          at: ['true', 2],
          message: 'vpc.autoAllocateIPv6 is not supported by private-eks: an IPv4 cluster gets no IPv6 block',
          hint: 'remove it (false, as eksctl --dry-run writes, is accepted), or make the cluster IPv6',
        },
      ],
    },
    {
      name: 'vpc: autoAllocateIPv6: true on an IPv6 cluster (eksctl refuses it there too)',
      yaml: [IPV6, IPV6_ADDONS, 'vpc:', '  autoAllocateIPv6: true'],
      problems: [
        {
          rule: 'VALUE',
          path: 'vpc.autoAllocateIPv6',
          at: ['true', 2],
          message: 'auto allocate ipv6 is not supported with IPv6',
          hint: 'remove it: an IPv6 cluster always gets an Amazon-provided IPv6 block',
        },
      ],
    },
  ];
  itGivesTheseProblems(cases);
});

describe('autoModeConfig: the networking add-ons Auto Mode replaces', () => {
  const AUTO = 'autoModeConfig: {enabled: true}';
  itGivesTheseProblems([
    {
      name: 'kube-proxy is refused',
      yaml: [AUTO, 'addons: [{name: kube-proxy}]'],
      problems: [AUTO_ADDON('{name: kube-proxy}')],
    },
    {
      name: 'coredns is refused',
      yaml: [AUTO, 'addons: [{name: coredns}]'],
      problems: [AUTO_ADDON('{name: coredns}')],
    },
    { name: 'another add-on is taken', yaml: [AUTO, 'addons: [{name: eks-pod-identity-agent}]'], problems: [] },
  ]);

  it('takes vpc-cni beside a Fargate profile', () => {
    const text = lines(
      HEADER,
      AUTO,
      'addons: [{name: vpc-cni}]',
      'fargateProfiles: [{name: f, selectors: [{namespace: n}]}]',
    );
    expect(load(text).problems.filter((p) => p.path.startsWith('addons'))).toEqual([]);
  });
});

/** The file with `metadata.version` set and the given nodegroups. */
function withVersion(version: string, ...rest: string[]): string {
  return lines(HEADER.replace('  region: us-west-2', `  region: us-west-2\n  version: "${version}"`), ...rest);
}

/** The problems the file gets at an amiFamily (the version itself may be refused too: not asserted here). */
function familyProblems(text: string) {
  return load(text).problems.filter((p) => p.path.endsWith('.amiFamily'));
}

const LINUX = ['managedNodeGroups:', '  - name: linux', '    privateNetworking: true'];

function nodeGroup(family: string, ...extra: string[]): string[] {
  return ['nodeGroups:', '  - name: n', '    privateNetworking: true', `    amiFamily: ${family}`, ...extra];
}

describe('nodeImageFamilies: Ubuntu families at the edges of their ranges', () => {
  const ubuntu = (family: string, message: string): ExpectedProblem => ({
    rule: 'VALUE',
    path: 'nodeGroups[0].amiFamily',
    at: family,
    message: `${family} ${message}`,
    hint: 'choose another Ubuntu release for this Kubernetes version, or set ami',
  });

  const refused: [string, string, string][] = [
    ['UbuntuPro2004', '1.26', 'requires EKS version greater or equal than 1.27 and lower than 1.29'],
    ['UbuntuPro2004', '1.30', 'requires EKS version greater or equal than 1.27 and lower than 1.29'],
    ['Ubuntu2004', '1.20', 'requires EKS version greater or equal than 1.21 and lower than 1.29'],
    ['Ubuntu2004', '1.30', 'requires EKS version greater or equal than 1.21 and lower than 1.29'],
    ['Ubuntu2204', '1.28', 'requires EKS version greater or equal than 1.29'],
    ['UbuntuPro2204', '1.28', 'requires EKS version greater or equal than 1.29'],
    ['Ubuntu2404', '1.30', 'requires EKS version greater or equal than 1.31'],
    ['UbuntuPro2404', '1.30', 'requires EKS version greater or equal than 1.31'],
    ['Ubuntu2604', '1.34', 'requires EKS version greater or equal than 1.35'],
    ['UbuntuPro2604', '1.34', 'requires EKS version greater or equal than 1.35'],
  ];
  it.each(refused)('refuses %s on %s', (family, version, message) => {
    const text = withVersion(version, ...nodeGroup(family));
    expect(familyProblems(text)).toEqual(problemsIn(text, [ubuntu(family, message)]));
  });

  const taken: [string, string][] = [
    ['UbuntuPro2004', '1.27'],
    ['UbuntuPro2004', '1.29'],
    ['Ubuntu2004', '1.21'],
    ['Ubuntu2004', '1.29'],
    ['Ubuntu2204', '1.29'],
    ['UbuntuPro2204', '1.29'],
    ['Ubuntu2404', '1.31'],
    ['UbuntuPro2404', '1.31'],
    ['Ubuntu2604', '1.35'],
    ['UbuntuPro2604', '1.35'],
  ];
  it.each(taken)('takes %s on %s', (family, version) => {
    expect(familyProblems(withVersion(version, ...nodeGroup(family)))).toEqual([]);
  });

  it('takes an Ubuntu family outside its range when the nodegroup sets its own ami', () => {
    expect(familyProblems(withVersion('1.33', ...nodeGroup('Ubuntu2004', '    ami: ami-0123456789abcdef0')))).toEqual(
      [],
    );
  });

  it('adds no range problem to a version without a minor number (the version itself is refused)', () => {
    const text = withVersion('1', ...nodeGroup('Ubuntu2204'));
    expect(familyProblems(text)).toEqual([]);
    expect(load(text).problems.map((p) => p.path)).toContain('metadata.version');
  });
});

describe('nodeImageFamilies: Windows families at the first version EKS publishes them for', () => {
  const windows = (family: string, message: string): ExpectedProblem => ({
    rule: 'VALUE',
    path: 'nodeGroups[0].amiFamily',
    at: family,
    message,
    hint: 'use WindowsServer2019CoreContainer or WindowsServer2019FullContainer, or a later metadata.version',
  });

  it('refuses Windows Server 2025 Core before 1.35', () => {
    const text = withVersion('1.34', ...LINUX, ...nodeGroup('WindowsServer2025CoreContainer'));
    expect(familyProblems(text)).toEqual(
      problemsIn(text, [
        windows('WindowsServer2025CoreContainer', 'Windows Server 2025 Core requires EKS version 1.35 and above'),
      ]),
    );
  });

  it('refuses Windows Server 2022 Full before 1.23', () => {
    const text = withVersion('1.22', ...LINUX, ...nodeGroup('WindowsServer2022FullContainer'));
    expect(familyProblems(text)).toEqual(
      problemsIn(text, [
        windows('WindowsServer2022FullContainer', 'Windows Server 2022 Full requires EKS version 1.23 and above'),
      ]),
    );
  });

  it.each([
    ['WindowsServer2025FullContainer', '1.35'],
    ['WindowsServer2025CoreContainer', '1.35'],
    ['WindowsServer2022FullContainer', '1.23'],
    ['WindowsServer2019CoreContainer', '1.29'],
  ])('takes %s from %s', (family, version) => {
    expect(familyProblems(withVersion(version, ...LINUX, ...nodeGroup(family)))).toEqual([]);
  });

  it('takes a Windows family before its first version when the nodegroup sets its own ami', () => {
    const text = withVersion(
      '1.34',
      ...LINUX,
      ...nodeGroup('WindowsServer2025FullContainer', '    ami: ami-0123456789abcdef0'),
    );
    expect(familyProblems(text)).toEqual([]);
  });

  it('warns, at the amiFamily, of a Windows nodegroup without a Linux one', () => {
    const text = withVersion('1.33', ...nodeGroup('WindowsServer2022CoreContainer'));
    expect(load(text).problems).toEqual(
      problemsIn(text, [
        {
          rule: 'VALUE',
          severity: 'warning',
          path: 'nodeGroups[0].amiFamily',
          at: 'WindowsServer2022CoreContainer',
          message: 'a Linux node group is required to support Windows workloads',
          hint: 'add a managedNodeGroups entry with amiFamily AmazonLinux2023 (CoreDNS runs on Linux nodes only)',
        },
      ]),
    );
  });
});
