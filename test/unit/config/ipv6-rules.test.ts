/**
 * eksctl's IPv6 checks (rules/ipv6-eksctl.ts), file by file: every problem the file gets, where it
 * points, its message (eksctl's) and hint.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load } from './support.js';
import { problemsIn, type ExpectedProblem } from './problem-table.js';

const IPV6 = 'kubernetesNetworkConfig: {ipFamily: IPv6}';
const OLD_VPC_CNI = (version: string): ExpectedProblem => ({
  rule: 'VALUE',
  path: 'addons[1].version',
  at: version,
  message: 'vpc-cni version must be at least version 1.10.0 for IPv6',
  hint: 'use vpc-cni 1.10.0 or later, or remove the version (latest)',
});

interface Case {
  readonly name: string;
  /** Lines after the header. */
  readonly yaml: readonly string[];
  readonly problems: readonly ExpectedProblem[];
}

const CASES: Case[] = [
  { name: 'IPv4 needs none of this', yaml: ['kubernetesNetworkConfig: {ipFamily: IPv4}'], problems: [] },
  {
    name: 'IPv6 without coredns listed',
    yaml: [IPV6],
    problems: [
      {
        rule: 'VALUE',
        path: 'kubernetesNetworkConfig.ipFamily',
        at: 'ipFamily',
        message:
          'the default core addons must be defined for IPv6; missing addon(s): coredns; either define them or use EKS Auto Mode',
        hint: 'list the add-ons: addons: [{name: vpc-cni}, {name: coredns}, {name: kube-proxy}]',
      },
    ],
  },
  {
    name: 'IPv6 with a service IPv4 CIDR',
    yaml: ['kubernetesNetworkConfig: {ipFamily: IPv6, serviceIPv4CIDR: 10.100.0.0/16}', 'addons: [{name: coredns}]'],
    problems: [
      {
        rule: 'VALUE',
        path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
        at: 'serviceIPv4CIDR',
        message: 'service IPv4 CIDR is not supported with IPv6',
        hint: 'remove serviceIPv4CIDR: EKS chooses the IPv6 service range',
      },
    ],
  },
  {
    name: 'vpc-cni without OIDC or the pod identity agent (coredns in any case)',
    yaml: [IPV6, 'addons: [{name: CoreDNS}, {name: vpc-cni}]'],
    problems: [
      {
        rule: 'VALUE',
        path: 'kubernetesNetworkConfig.ipFamily',
        at: 'ipFamily',
        message: 'either pod identity or oidc needs to be enabled if IPv6 is set; set either one or use EKS Auto Mode',
        hint: 'set iam.withOIDC: true, or add the eks-pod-identity-agent add-on',
      },
    ],
  },
  { name: 'coredns without vpc-cni', yaml: [IPV6, 'addons: [{name: coredns}]'], problems: [] },
  {
    name: 'vpc-cni with OIDC',
    yaml: [IPV6, 'iam: {withOIDC: true}', 'addons: [{name: coredns}, {name: vpc-cni}]'],
    problems: [],
  },
  {
    name: 'the pod identity agent, but nothing gives vpc-cni an association',
    yaml: [IPV6, 'addons: [{name: coredns}, {name: vpc-cni}, {name: eks-pod-identity-agent}]'],
    problems: [
      {
        rule: 'VALUE',
        path: 'addons[1]',
        at: '{name: vpc-cni}',
        message:
          'Set one of: addonsConfig.autoApplyPodIdentityAssociations, useDefaultPodIdentityAssociations on the vpc-cni addon, apply a custom pod identity on the vpc-cni addon',
        hint: 'add useDefaultPodIdentityAssociations: true to the vpc-cni add-on',
      },
    ],
  },
  {
    name: 'the pod identity agent and useDefaultPodIdentityAssociations',
    yaml: [
      IPV6,
      'addons: [{name: coredns}, {name: vpc-cni, useDefaultPodIdentityAssociations: true}, {name: eks-pod-identity-agent}]',
    ],
    problems: [],
  },
  {
    name: 'the pod identity agent and autoApplyPodIdentityAssociations',
    yaml: [
      IPV6,
      'addonsConfig: {autoApplyPodIdentityAssociations: true}',
      'addons: [{name: coredns}, {name: vpc-cni}, {name: eks-pod-identity-agent}]',
    ],
    problems: [],
  },
  {
    name: 'vpc-cni older than 1.10.0 (eksctl reads v1.9.9-eksbuild.1)',
    yaml: [IPV6, 'iam: {withOIDC: true}', 'addons: [{name: coredns}, {name: vpc-cni, version: v1.9.9-eksbuild.1}]'],
    problems: [OLD_VPC_CNI('v1.9.9-eksbuild.1')],
  },
  {
    name: 'vpc-cni 1.9 (missing parts read as 0)',
    yaml: [IPV6, 'iam: {withOIDC: true}', 'addons: [{name: coredns}, {name: vpc-cni, version: "1.9"}]'],
    problems: [OLD_VPC_CNI('"1.9"')],
  },
  {
    name: "vpc-cni 1.10 (another add-on's old version is not checked)",
    yaml: [
      IPV6,
      'iam: {withOIDC: true}',
      'addons: [{name: coredns}, {name: vpc-cni, version: "1.10"}, {name: kube-proxy, version: "1.0"}]',
    ],
    problems: [],
  },
  {
    name: 'vpc-cni 1 (a major version alone)',
    yaml: [IPV6, 'iam: {withOIDC: true}', 'addons: [{name: coredns}, {name: vpc-cni, version: "1"}]'],
    problems: [OLD_VPC_CNI('"1"')],
  },
  ...['2', '10.0', 'v1.10.0', 'abc', 'abc1.9'].map((version): Case => ({
    name: `vpc-cni ${version} (new enough, or not a version eksctl reads: not checked)`,
    yaml: [IPV6, 'iam: {withOIDC: true}', `addons: [{name: coredns}, {name: vpc-cni, version: "${version}"}]`],
    problems: [],
  })),
  {
    name: 'Auto Mode needs no add-on listed',
    yaml: [IPV6, 'autoModeConfig: {enabled: true}'],
    problems: [],
  },
  {
    name: 'the pod identity agent and a pod identity association on vpc-cni',
    yaml: [
      IPV6,
      'addons:',
      '  - name: coredns',
      '  - name: vpc-cni',
      '    podIdentityAssociations:',
      '      - serviceAccountName: aws-node',
      '        namespace: kube-system',
      '        permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy]',
      '  - name: eks-pod-identity-agent',
    ],
    problems: [],
  },
  {
    name: 'the pod identity agent and an empty list of associations on vpc-cni',
    yaml: [
      IPV6,
      'addons:',
      '  - name: coredns',
      '  - name: vpc-cni',
      '    podIdentityAssociations: []',
      '  - name: eks-pod-identity-agent',
    ],
    problems: [
      {
        rule: 'VALUE',
        path: 'addons[1]',
        at: 'name: vpc-cni',
        message:
          'Set one of: addonsConfig.autoApplyPodIdentityAssociations, useDefaultPodIdentityAssociations on the vpc-cni addon, apply a custom pod identity on the vpc-cni addon',
        hint: 'add useDefaultPodIdentityAssociations: true to the vpc-cni add-on',
      },
    ],
  },
  {
    name: 'vpc-cni latest',
    yaml: [IPV6, 'iam: {withOIDC: true}', 'addons: [{name: coredns}, {name: vpc-cni, version: latest}]'],
    problems: [],
  },
];

describe("eksctl's IPv6 requirements", () => {
  it.each(CASES)('$name', (c) => {
    const text = lines(HEADER, ...c.yaml);
    const result = load(text);
    expect(result.problems).toEqual(problemsIn(text, c.problems));
    expect(result.config === undefined).toBe(c.problems.length > 0);
  });
});
