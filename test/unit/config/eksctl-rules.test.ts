/**
 * eksctl's validation rules, area by area, written from eksctl's source (validation.go and its
 * neighbours, pkg/ctl/cmdutils): for each, a file that passes and one that fails, the field path,
 * the position (found in the YAML by a marker) and eksctl's words. Rules on fields private-eks
 * does not build yet (the file refuses them as V19 first) are checked on the rule itself, with the
 * field put back into the config the rules see.
 */
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../../../src/config/defaults.js';
import { readConfigDocument } from '../../../src/config/read.js';
import type { Problem } from '../../../src/config/problem.js';
import type { Rule, RuleContext } from '../../../src/config/rules/index.js';
import {
  optionalFeatures,
  addons,
  podIdentityAssociations,
  serviceAccounts,
  vpcSettings,
} from '../../../src/config/rules/cluster-eksctl.js';
import { nodeGroupKindRules } from '../../../src/config/rules/nodegroup-kinds.js';
import type { ClusterConfigFile } from '../../../src/config/schema.js';
import { EKSCTL_RULES } from './eksctl-inventory.js';
import { HEADER, lines, load, locate } from './support.js';

interface Case {
  readonly area: string;
  readonly name: string;
  readonly pass: string;
  readonly fail: string;
  readonly path: string;
  /** The text the problem points at (its first occurrence, or `[text, n]` for the n-th). */
  readonly at: string | readonly [string, number];
  /** eksctl's message (or private-eks's where eksctl has none): the problem's message contains it. */
  readonly message: string;
  /** Characters from the start of `at` to where the problem points. */
  readonly offset?: number;
}

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
const file = (...parts: string[]) => lines(HEADER, ...parts);
const ROLE = 'arn:aws:iam::123456789012:role/r';
const nodeGroupList = (count: number, kind: string) =>
  [`${kind}:`, ...Array.from({ length: count }, (_, i) => `  - {name: ${kind}${i}, privateNetworking: true}`)].join(
    '\n',
  );
const fargateList = (count: number) =>
  [
    'fargateProfiles:',
    ...Array.from({ length: count }, (_, i) => `  - {name: f${i}, selectors: [{namespace: n${i}}]}`),
  ].join('\n');

const CASES: Case[] = [
  // ---- metadata -------------------------------------------------------------------------------
  {
    area: 'metadata',
    name: 'a name with an underscore (a leading digit is fine)',
    pass: file().replace('name: c1', 'name: 0cluster'),
    fail: file().replace('name: c1', 'name: c_1'),
    path: 'metadata.name',
    at: 'c_1',
    message: 'validation for c_1 failed, name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*',
  },
  {
    area: 'metadata',
    name: 'a name starting with a dash (EKS)',
    pass: file(),
    fail: file().replace('name: c1', 'name: -c1'),
    path: 'metadata.name',
    at: '-c1',
    message: 'metadata.name "-c1" starts with a dash; EKS cluster names start with a letter or a digit',
  },
  // ---- amiFamily, nodegroup base -------------------------------------------------------------------
  {
    area: 'amiFamily',
    name: 'an unknown family',
    pass: file(...ng('amiFamily: amazonlinux2023')),
    fail: file(...ng('amiFamily: Fedora')),
    path: 'nodeGroups[0].amiFamily',
    at: 'Fedora',
    message: 'AMI Family Fedora is not supported - use one of: AmazonLinux2023, AmazonLinux2, UbuntuPro2604',
  },
  {
    area: 'amiFamily',
    name: 'AmazonLinux2 on 1.33 (end of life), self-managed',
    pass: file(...ng('amiFamily: AmazonLinux2')).replace('region: us-west-2', 'region: us-west-2\n  version: "1.32"'),
    fail: file(...ng('amiFamily: AmazonLinux2')).replace('region: us-west-2', 'region: us-west-2\n  version: "1.33"'),
    path: 'nodeGroups[0].amiFamily',
    at: 'AmazonLinux2',
    message: 'AmazonLinux2 is not supported for Kubernetes version 1.33',
  },
  {
    area: 'amiFamily',
    name: 'AmazonLinux2 on the default version, managed',
    pass: file(...mng('amiFamily: AmazonLinux2023')),
    fail: file(...mng('amiFamily: amazonlinux2')),
    path: 'managedNodeGroups[0].amiFamily',
    at: 'amazonlinux2',
    message: 'AmazonLinux2 is not supported for Kubernetes version 1.34',
  },
  {
    area: 'amiFamily',
    name: 'Inferentia on Ubuntu',
    pass: file(...mng('amiFamily: AmazonLinux2023', 'instanceType: inf2.xlarge')),
    fail: file(...mng('amiFamily: Ubuntu2404', 'instanceType: inf2.xlarge')),
    path: 'managedNodeGroups[0].amiFamily',
    at: 'Ubuntu2404',
    message: 'Inferentia instance types are not supported for Ubuntu2404; please use AmazonLinux2 instead',
  },
  {
    area: 'amiFamily',
    name: 'Trainium on Ubuntu',
    pass: file(...mng('amiFamily: Bottlerocket', 'instanceTypes: [trn1.2xlarge]')),
    fail: file(...mng('amiFamily: Ubuntu2404', 'instanceTypes: [trn1.2xlarge]')),
    path: 'managedNodeGroups[0].amiFamily',
    at: 'Ubuntu2404',
    message: 'Trainium instance types are not supported for Ubuntu2404; please use AmazonLinux2 instead',
  },
  {
    area: 'nodegroup base',
    name: 'volumeEncrypted without volumeSize (self-managed only: managed has its default size)',
    pass: file(...ng('volumeEncrypted: true', 'volumeSize: 80'), ...mng('volumeEncrypted: true')),
    fail: file(...ng('volumeEncrypted: true')),
    path: 'nodeGroups[0].volumeEncrypted',
    at: 'volumeEncrypted',
    message: 'nodeGroups[0].volumeEncrypted cannot be set without nodeGroups[0].volumeSize',
  },
  {
    area: 'nodegroup base',
    name: 'ssh.enableSsm false',
    pass: file(...ng('ssh: {enableSsm: true}')),
    fail: file(...ng('ssh: {enableSsm: false}')),
    path: 'nodeGroups[0].ssh.enableSsm',
    at: 'false',
    message: 'SSM agent is now built into EKS AMIs and cannot be disabled',
  },
  {
    area: 'nodegroup base',
    name: 'subnets and availabilityZones together',
    pass: file(...ng('subnets: [subnet-0a]')),
    fail: file(...ng('subnets: [subnet-0a]', 'availabilityZones: [us-west-2a]')),
    path: 'nodeGroups[0].availabilityZones',
    at: 'availabilityZones',
    message: 'only one of nodeGroups[0].subnets or nodeGroups[0].availabilityZones should be set',
  },
  // ---- self-managed ------------------------------------------------------------------------------
  {
    area: 'self-managed',
    name: 'a given instance role with policies to attach',
    pass: file(...ng(`iam: {instanceRoleARN: "${ROLE}"}`)),
    fail: file(...ng('iam:', `  instanceRoleARN: "${ROLE}"`, '  attachPolicyARNs: [arn:aws:iam::aws:policy/P]')),
    path: 'nodeGroups[0].iam.attachPolicyARNs',
    at: 'attachPolicyARNs',
    message: 'nodeGroups[0].iam.instanceRoleARN and nodeGroups[0].iam.attachPolicyARNs cannot be set at the same time',
  },
  {
    area: 'self-managed',
    name: 'a given instance profile with an inline policy',
    pass: file(...ng('iam: {instanceProfileARN: "arn:aws:iam::123456789012:instance-profile/p"}')),
    fail: file(
      ...ng(
        'iam:',
        '  instanceProfileARN: "arn:aws:iam::123456789012:instance-profile/p"',
        '  attachPolicy: {Version: "2012-10-17"}',
      ),
    ),
    path: 'nodeGroups[0].iam.attachPolicy',
    at: 'attachPolicy',
    message: 'nodeGroups[0].iam.instanceProfileARN and nodeGroups[0].iam.attachPolicy cannot be set at the same time',
  },
  {
    area: 'self-managed',
    name: 'a policy that is no ARN',
    pass: file(...ng('iam: {attachPolicyARNs: [arn:aws:iam::aws:policy/P]}')),
    fail: file(...ng('iam: {attachPolicyARNs: [AmazonS3ReadOnlyAccess]}')),
    path: 'nodeGroups[0].iam.attachPolicyARNs[0]',
    at: 'AmazonS3ReadOnlyAccess',
    message: 'invalid ARN "AmazonS3ReadOnlyAccess" in nodeGroups[0].iam.attachPolicyARNs',
  },
  {
    area: 'self-managed',
    name: 'a custom AMI without amiFamily',
    pass: file(...ng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023')),
    fail: file(...ng('ami: ami-0123456789abcdef0')),
    path: 'nodeGroups[0].ami',
    at: 'ami:',
    message:
      'when using a custom AMI, amiFamily needs to be explicitly set via config file or via --node-ami-family flag',
  },
  {
    area: 'self-managed',
    name: 'a custom AmazonLinux2 AMI without overrideBootstrapCommand',
    pass: file(
      ...ng(
        'ami: ami-0123456789abcdef0',
        'amiFamily: AmazonLinux2',
        'overrideBootstrapCommand: /etc/eks/bootstrap.sh c1',
      ),
    ).replace('region: us-west-2', 'region: us-west-2\n  version: "1.32"'),
    fail: file(...ng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2')).replace(
      'region: us-west-2',
      'region: us-west-2\n  version: "1.32"',
    ),
    path: 'nodeGroups[0].ami',
    at: 'ami:',
    message:
      'nodeGroups[0].overrideBootstrapCommand is required when using a custom AMI based on AmazonLinux2 (nodeGroups[0].ami)',
  },
  {
    area: 'self-managed',
    name: 'Bottlerocket with preBootstrapCommands',
    pass: file(...ng('amiFamily: Bottlerocket')),
    fail: file(...ng('amiFamily: Bottlerocket', 'preBootstrapCommands: [echo hi]')),
    path: 'nodeGroups[0].preBootstrapCommands',
    at: 'preBootstrapCommands',
    message:
      'preBootstrapCommands is not supported for Bottlerocket nodegroups (path=nodeGroups[0].preBootstrapCommands)',
  },
  {
    area: 'self-managed',
    name: 'Bottlerocket with overrideBootstrapCommand',
    pass: file(...ng('amiFamily: bottlerocket')),
    fail: file(...ng('amiFamily: Bottlerocket', 'overrideBootstrapCommand: echo hi')),
    path: 'nodeGroups[0].overrideBootstrapCommand',
    at: 'overrideBootstrapCommand',
    message:
      'overrideBootstrapCommand is not supported for Bottlerocket nodegroups (path=nodeGroups[0].overrideBootstrapCommand)',
  },
  {
    area: 'self-managed',
    name: 'localZones with availabilityZones',
    pass: file(...ng('availabilityZones: [us-west-2a]')),
    fail: file(...ng('localZones: [us-west-2-lax-1a]', 'availabilityZones: [us-west-2a]')),
    path: 'nodeGroups[0].localZones',
    at: 'localZones',
    message: 'cannot specify both localZones and availabilityZones',
  },
  // ---- self-managed settings: mixed instances, CPU credits, processes, kubelet, Bottlerocket --------
  {
    area: 'nodegroup base',
    name: 'disablePodIMDS with add-on policies',
    pass: file(...ng('disablePodIMDS: true')),
    fail: file(...ng('disablePodIMDS: true', 'iam: {withAddonPolicies: {autoScaler: true}}')),
    path: 'nodeGroups[0].disablePodIMDS',
    at: 'disablePodIMDS',
    message: 'nodeGroups[0].disablePodIMDS and nodeGroups[0].iam.withAddonPolicies cannot be set at the same time',
  },
  {
    area: 'self-managed settings',
    name: 'albIngress with awsLoadBalancerController',
    pass: file(...ng('iam: {withAddonPolicies: {awsLoadBalancerController: true}}')),
    fail: file(...ng('iam: {withAddonPolicies: {albIngress: true, awsLoadBalancerController: true}}')),
    path: 'nodeGroups[0].iam.withAddonPolicies.albIngress',
    at: 'albIngress',
    message: '"awsLoadBalancerController" and "albIngress" cannot both be configured',
  },
  {
    area: 'self-managed settings',
    name: 'bottlerocket settings on another family',
    pass: file(...ng('amiFamily: Bottlerocket', 'bottlerocket: {enableAdminContainer: false}')),
    fail: file(...ng('amiFamily: AmazonLinux2023', 'bottlerocket: {enableAdminContainer: false}')),
    path: 'nodeGroups[0].bottlerocket',
    at: 'bottlerocket: {',
    message:
      'bottlerocket config can only be used with amiFamily "Bottlerocket" or "BottlerocketFips" but found "AmazonLinux2023" (path=nodeGroups[0].bottlerocket)',
  },
  {
    area: 'self-managed settings',
    name: 'a Bottlerocket kubernetes setting that has a nodegroup field',
    pass: file(...ng('amiFamily: Bottlerocket', 'bottlerocket: {settings: {motd: hello}}')),
    fail: file(...ng('amiFamily: Bottlerocket', 'bottlerocket: {settings: {kubernetes: {max-pods: 20}}}')),
    path: 'nodeGroups[0].bottlerocket.settings.kubernetes.max-pods',
    at: 'max-pods',
    message: 'invalid Bottlerocket setting: use nodeGroups[0].maxPodsPerNode instead',
  },
  {
    area: 'self-managed settings',
    name: 'Bottlerocket kubernetes settings that are no mapping',
    pass: file(
      ...ng('amiFamily: Bottlerocket', 'bottlerocket: {settings: {kubernetes: {allowed-unsafe-sysctls: []}}}'),
    ),
    fail: file(...ng('amiFamily: Bottlerocket', 'bottlerocket: {settings: {kubernetes: five}}')),
    path: 'nodeGroups[0].bottlerocket.settings.kubernetes',
    at: 'five',
    message: 'invalid kubernetes settings provided: expected a map of settings',
  },
  {
    area: 'self-managed settings',
    name: 'a kubelet setting eksctl owns',
    pass: file(...ng('kubeletExtraConfig: {registryPullQPS: 10}')),
    fail: file(...ng('kubeletExtraConfig: {registryPullQPS: 10, clusterDomain: corp.local}')),
    path: 'nodeGroups[0].kubeletExtraConfig.clusterDomain',
    at: 'clusterDomain',
    message: `cannot override "clusterDomain" in kubelet config, as it's critical to eksctl functionality`,
  },
  {
    area: 'self-managed settings',
    name: 'a mixed instances policy with another instanceType',
    pass: file(...ng('instanceType: mixed', 'instancesDistribution: {instanceTypes: [t3.large, t3a.large]}')),
    fail: file(...ng('instanceType: m5.large', 'instancesDistribution: {instanceTypes: [t3.large, t3a.large]}')),
    path: 'nodeGroups[0].instanceType',
    at: 'instanceType: m5',
    message: 'instanceType should be "mixed" or unset when using the instances distribution feature',
  },
  {
    area: 'self-managed settings',
    name: 'a mixed instances policy without instance types',
    pass: file(...ng('instancesDistribution: {instanceTypes: [t3.large, t3a.large], onDemandBaseCapacity: 1}')),
    fail: file(...ng('instancesDistribution: {onDemandBaseCapacity: 1}')),
    path: 'nodeGroups[0].instancesDistribution',
    at: 'instancesDistribution',
    message: 'at least two instance types have to be specified for mixed nodegroups',
  },
  {
    area: 'self-managed settings',
    name: 'a mixed instances policy with 21 instance types',
    pass: file(
      ...ng(
        'instancesDistribution: {instanceTypes: [m5.large, m5.xlarge, m5.2xlarge, m5.4xlarge, m5.8xlarge, m5.12xlarge, m5.16xlarge, m5.24xlarge, c5.large, c5.xlarge, c5.2xlarge, c5.4xlarge, c5.9xlarge, c5.12xlarge, c5.18xlarge, c5.24xlarge, r5.large, r5.xlarge, r5.2xlarge, r5.4xlarge]}',
      ),
    ),
    fail: file(
      ...ng(
        'instancesDistribution: {instanceTypes: [m5.large, m5.xlarge, m5.2xlarge, m5.4xlarge, m5.8xlarge, m5.12xlarge, m5.16xlarge, m5.24xlarge, c5.large, c5.xlarge, c5.2xlarge, c5.4xlarge, c5.9xlarge, c5.12xlarge, c5.18xlarge, c5.24xlarge, r5.large, r5.xlarge, r5.2xlarge, r5.4xlarge, r5.8xlarge]}',
      ),
    ),
    path: 'nodeGroups[0].instancesDistribution.instanceTypes',
    at: 'instanceTypes',
    message: 'mixed nodegroups should have between 1 and 20 different instance types',
  },
  {
    area: 'self-managed settings',
    name: 'spotInstancePools with capacity-optimized',
    pass: file(
      ...ng(
        'instancesDistribution: {instanceTypes: [t3.large, t3a.large], spotInstancePools: 3, spotAllocationStrategy: lowest-price}',
      ),
    ),
    fail: file(
      ...ng(
        'instancesDistribution: {instanceTypes: [t3.large, t3a.large], spotInstancePools: 3, spotAllocationStrategy: capacity-optimized}',
      ),
    ),
    path: 'nodeGroups[0].instancesDistribution.spotInstancePools',
    at: 'spotInstancePools',
    message: 'spotInstancePools cannot be specified when also specifying spotAllocationStrategy: capacity-optimized',
  },
  {
    area: 'self-managed settings',
    name: 'spotInstancePools with capacity-optimized-prioritized',
    pass: file(
      ...ng(
        'instancesDistribution: {instanceTypes: [t3.large, t3a.large], spotAllocationStrategy: capacity-optimized-prioritized}',
      ),
    ),
    fail: file(
      ...ng(
        'instancesDistribution: {instanceTypes: [t3.large, t3a.large], spotInstancePools: 3, spotAllocationStrategy: capacity-optimized-prioritized}',
      ),
    ),
    path: 'nodeGroups[0].instancesDistribution.spotInstancePools',
    at: 'spotInstancePools',
    message:
      'spotInstancePools cannot be specified when also specifying spotAllocationStrategy: capacity-optimized-prioritized',
  },
  {
    area: 'self-managed settings',
    name: 'a spot allocation strategy EC2 does not have',
    pass: file(
      ...ng(
        'instancesDistribution: {instanceTypes: [t3.large, t3a.large], spotAllocationStrategy: price-capacity-optimized}',
      ),
    ),
    fail: file(
      ...ng('instancesDistribution: {instanceTypes: [t3.large, t3a.large], spotAllocationStrategy: cheapest}'),
    ),
    path: 'nodeGroups[0].instancesDistribution.spotAllocationStrategy',
    at: 'cheapest',
    message:
      'spotAllocationStrategy should be one of: [lowest-price diversified capacity-optimized capacity-optimized-prioritized price-capacity-optimized]',
  },
  {
    area: 'self-managed settings',
    name: 'cpuCredits without a burstable instance type',
    pass: file(...ng('instanceType: t3.large', 'cpuCredits: unlimited')),
    fail: file(...ng('instanceType: m5.large', 'cpuCredits: unlimited')),
    path: 'nodeGroups[0].cpuCredits',
    at: 'cpuCredits',
    message: 'cpuCredits option set for nodegroup, but it has no t2/t3 instance types',
  },
  {
    area: 'self-managed settings',
    name: 'cpuCredits neither standard nor unlimited',
    pass: file(...ng('instanceType: t3.large', 'cpuCredits: Standard')),
    fail: file(...ng('instanceType: t3.large', 'cpuCredits: boost')),
    path: 'nodeGroups[0].cpuCredits',
    at: 'boost',
    message: "cpuCredits option accepts only one of 'standard' or 'unlimited'",
  },
  {
    area: 'self-managed settings',
    name: 'a process Auto Scaling cannot suspend',
    pass: file(...ng('asgSuspendProcesses: [Launch, AZRebalance]')),
    fail: file(...ng('asgSuspendProcesses: [Launch, Rebalancing]')),
    path: 'nodeGroups[0].asgSuspendProcesses[1]',
    at: 'Rebalancing',
    message: "asgSuspendProcesses contains invalid process name 'Rebalancing'",
  },
  {
    area: 'self-managed settings',
    name: 'an instance lifetime under a day',
    pass: file(...ng('maxInstanceLifetime: 86400')),
    fail: file(...ng('maxInstanceLifetime: 3600')),
    path: 'nodeGroups[0].maxInstanceLifetime',
    at: '3600',
    message: 'maximum instance lifetime must have a minimum value of 86,400 seconds (one day), but was: 3600',
  },
  // ---- managed -------------------------------------------------------------------------------
  {
    area: 'managed',
    name: 'an instance profile',
    pass: file(...mng(`iam: {instanceRoleARN: "${ROLE}"}`)),
    fail: file(...mng('iam: {instanceProfileARN: "arn:aws:iam::123456789012:instance-profile/p"}')),
    path: 'managedNodeGroups[0].iam.instanceProfileARN',
    at: 'instanceProfileARN',
    message: 'instanceProfileARN is not supported for Managed Nodes (managedNodeGroups[0].instanceProfileARN)',
  },
  {
    area: 'managed',
    name: 'minSize above desiredCapacity',
    pass: file(...mng('minSize: 2', 'desiredCapacity: 2')),
    fail: file(...mng('minSize: 3', 'desiredCapacity: 2')),
    path: 'managedNodeGroups[0].minSize',
    at: '3',
    message: 'cannot use --nodes-min=3 and --nodes=2 at the same time',
  },
  {
    area: 'managed',
    name: 'desiredCapacity above maxSize',
    pass: file(...mng('maxSize: 4', 'desiredCapacity: 4')),
    fail: file(...mng('maxSize: 4', 'desiredCapacity: 5')),
    path: 'managedNodeGroups[0].maxSize',
    at: '4',
    message: 'cannot use --nodes-max=4 and --nodes=5 at the same time',
  },
  {
    area: 'managed',
    name: 'maxSize below minSize',
    pass: file(...mng('minSize: 3', 'maxSize: 3')),
    fail: file(...mng('minSize: 3', 'maxSize: 2')),
    path: 'managedNodeGroups[0].maxSize',
    at: 'maxSize: 2',
    offset: 'maxSize: '.length,
    message: 'cannot use --nodes-min=3 and --nodes-max=2 at the same time',
  },
  {
    area: 'managed',
    name: 'maxSize below the default minSize (2)',
    pass: file(...mng('maxSize: 2')),
    fail: file(...mng('maxSize: 1')),
    path: 'managedNodeGroups[0].maxSize',
    at: 'maxSize: 1',
    offset: 'maxSize: '.length,
    message: 'cannot use --nodes-min=2 and --nodes-max=1 at the same time',
  },
  {
    area: 'managed',
    name: 'withShared security group',
    pass: file(...mng('securityGroups: {withShared: false}')),
    fail: file(...mng('securityGroups: {withShared: true}')),
    path: 'managedNodeGroups[0].securityGroups',
    at: 'securityGroups',
    message:
      'securityGroups.withLocal and securityGroups.withShared are not supported for managed nodegroups (managedNodeGroups[0].securityGroups)',
  },
  {
    area: 'managed',
    name: 'instanceType and instanceTypes',
    pass: file(...mng('instanceTypes: [m5.large]')),
    fail: file(...mng('instanceType: m5.large', 'instanceTypes: [m5.large]')),
    path: 'managedNodeGroups[0].instanceTypes',
    at: 'instanceTypes',
    message: 'only one of instanceType or instanceTypes can be specified (managedNodeGroups[0])',
  },
  {
    area: 'managed',
    name: 'Bottlerocket with preBootstrapCommands',
    pass: file(...mng('amiFamily: Bottlerocket')),
    fail: file(...mng('amiFamily: Bottlerocket', 'preBootstrapCommands: [echo hi]')),
    path: 'managedNodeGroups[0].preBootstrapCommands',
    at: 'preBootstrapCommands',
    message:
      'preBootstrapCommands is not supported for Bottlerocket nodegroups (path=managedNodeGroups[0].preBootstrapCommands)',
  },
  {
    area: 'managed',
    name: 'a launch template with instanceType',
    pass: file(...mng('launchTemplate: {id: lt-0123456789abcdef0}')),
    fail: file(...mng('launchTemplate: {id: lt-0123456789abcdef0}', 'instanceType: m5.large')),
    path: 'managedNodeGroups[0].launchTemplate',
    at: 'launchTemplate',
    message:
      'cannot set instanceType, ami, ssh.allow, ssh.enableSSM, ssh.sourceSecurityGroupIds, securityGroups, volumeSize',
  },
  {
    area: 'managed',
    name: 'a launch template with volumeSize',
    pass: file(...mng('launchTemplate: {id: lt-0123456789abcdef0, version: "2"}')),
    fail: file(...mng('launchTemplate: {id: lt-0123456789abcdef0}', 'volumeSize: 20')),
    path: 'managedNodeGroups[0].launchTemplate',
    at: 'launchTemplate',
    message: 'in managedNodeGroup when a launch template is supplied',
  },
  {
    area: 'managed',
    name: 'a launch template version that is no number',
    pass: file(...mng('launchTemplate: {id: lt-0123456789abcdef0, version: "1"}')),
    fail: file(...mng('launchTemplate: {id: lt-0123456789abcdef0, version: latest}')),
    path: 'managedNodeGroups[0].launchTemplate.version',
    at: 'latest',
    message: 'invalid launch template version: strconv.ParseInt: parsing "latest": invalid syntax',
  },
  {
    area: 'managed',
    name: 'a launch template version 0',
    pass: file(...mng('launchTemplate: {id: lt-0123456789abcdef0, version: "3"}')),
    fail: file(...mng('launchTemplate: {id: lt-0123456789abcdef0, version: "0"}')),
    path: 'managedNodeGroups[0].launchTemplate.version',
    at: '"0"',
    message: 'launchTemplate.version must be >= 1 (managedNodeGroups[0].launchTemplate.version)',
  },
  {
    area: 'managed',
    name: 'an empty launch template id',
    pass: file(...mng('launchTemplate: {id: lt-0123456789abcdef0}')),
    fail: file(...mng('launchTemplate: {id: ""}')),
    path: 'managedNodeGroups[0].launchTemplate',
    at: 'launchTemplate',
    message: 'launchTemplate.id is required if launchTemplate is set (managedNodeGroups[0].launchTemplate)',
  },
  {
    area: 'managed',
    name: 'a custom AMI that is no AMI id',
    pass: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023')),
    fail: file(...mng('ami: my-image', 'amiFamily: AmazonLinux2023')),
    path: 'managedNodeGroups[0].ami',
    at: 'my-image',
    message: 'invalid AMI "my-image" (managedNodeGroups[0].ami)',
  },
  {
    area: 'managed',
    name: 'a custom AMI with maxPodsPerNode',
    pass: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023')),
    fail: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023', 'maxPodsPerNode: 20')),
    path: 'managedNodeGroups[0].maxPodsPerNode',
    at: 'maxPodsPerNode',
    message: 'managedNodeGroups[0].maxPodsPerNode is not supported when using a custom AMI (managedNodeGroups[0].ami)',
  },
  {
    area: 'managed',
    name: 'a custom AMI with enableSsm',
    pass: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: Bottlerocket')),
    fail: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: Bottlerocket', 'ssh: {enableSsm: true}')),
    path: 'managedNodeGroups[0].ssh.enableSsm',
    at: 'enableSsm',
    message: 'managedNodeGroups[0].enableSSM is not supported when using a custom AMI (managedNodeGroups[0].ami)',
  },
  {
    area: 'managed',
    name: 'a custom AmazonLinux2 AMI without overrideBootstrapCommand',
    pass: file(
      ...mng(
        'ami: ami-0123456789abcdef0',
        'amiFamily: AmazonLinux2',
        'overrideBootstrapCommand: /etc/eks/bootstrap.sh c1',
      ),
    ),
    fail: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2')),
    path: 'managedNodeGroups[0].ami',
    at: 'ami:',
    message:
      'managedNodeGroups[0].overrideBootstrapCommand is required when using a custom AMI based on AmazonLinux2 (managedNodeGroups[0].ami)',
  },
  {
    area: 'managed',
    name: 'a custom Windows AMI',
    pass: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023')),
    fail: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: WindowsServer2022CoreContainer')),
    path: 'managedNodeGroups[0].amiFamily',
    at: 'WindowsServer2022CoreContainer',
    message:
      'cannot set amiFamily to WindowsServer2022CoreContainer when using a custom AMI for managed nodes, only AmazonLinux2023',
  },
  {
    area: 'managed',
    name: 'a custom AMI without amiFamily',
    pass: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023')),
    fail: file(...mng('ami: ami-0123456789abcdef0')),
    path: 'managedNodeGroups[0].ami',
    at: 'ami:',
    message: 'when using a custom AMI, amiFamily needs to be explicitly set',
  },
  {
    area: 'managed',
    name: 'overrideBootstrapCommand without a custom AMI (AmazonLinux2)',
    pass: file(...mng('amiFamily: AmazonLinux2', 'preBootstrapCommands: [echo hi]')).replace(
      'region: us-west-2',
      'region: us-west-2\n  version: "1.32"',
    ),
    fail: file(...mng('amiFamily: AmazonLinux2', 'overrideBootstrapCommand: echo hi')).replace(
      'region: us-west-2',
      'region: us-west-2\n  version: "1.32"',
    ),
    path: 'managedNodeGroups[0].overrideBootstrapCommand',
    at: 'overrideBootstrapCommand',
    message:
      'managedNodeGroups[0].overrideBootstrapCommand can only be set when a custom AMI (managedNodeGroups[0].ami) is specified',
  },
  {
    area: 'managed',
    name: 'overrideBootstrapCommand without a custom AMI on AmazonLinux2023 (private-eks stricter)',
    pass: file(...mng('ami: ami-0123456789abcdef0', 'amiFamily: AmazonLinux2023', 'overrideBootstrapCommand: echo hi')),
    fail: file(...mng('overrideBootstrapCommand: echo hi')),
    path: 'managedNodeGroups[0].overrideBootstrapCommand',
    at: 'overrideBootstrapCommand',
    message:
      'managedNodeGroups[0].overrideBootstrapCommand needs a custom AMI (managedNodeGroups[0].ami) on a managed nodegroup in private-eks',
  },
  {
    area: 'managed',
    name: 'maxPodsPerNode on the EKS AmazonLinux2 image (private-eks stricter)',
    pass: file(...mng('amiFamily: AmazonLinux2023', 'maxPodsPerNode: 30')),
    fail: file(...mng('amiFamily: AmazonLinux2', 'maxPodsPerNode: 30')).replace(
      'region: us-west-2',
      'region: us-west-2\n  version: "1.32"',
    ),
    path: 'managedNodeGroups[0].maxPodsPerNode',
    at: 'maxPodsPerNode',
    message: 'managedNodeGroups[0].maxPodsPerNode on a managed AmazonLinux2 nodegroup needs a custom AMI',
  },
  // ---- labels and taints -------------------------------------------------------------------------
  {
    area: 'labels',
    name: 'a reserved kubernetes.io prefix',
    pass: file(...ng('labels: {node.kubernetes.io/role: web, example.com/team: a}')),
    fail: file(...ng('labels: {kubernetes.io/role: web}')),
    path: 'nodeGroups[0].labels["kubernetes.io/role"]',
    at: 'kubernetes.io/role',
    message:
      'the following nodegroup labels are disallowed as they have reserved prefixes [kubernetes.io/, k8s.io/]: [kubernetes.io/role]',
  },
  {
    area: 'labels',
    name: 'a reserved k8s.io subdomain',
    pass: file(...mng('labels: {kubelet.kubernetes.io/x: y, topology.kubernetes.io/zone: z}')),
    fail: file(...mng('labels: {sub.k8s.io/x: y}')),
    path: 'managedNodeGroups[0].labels["sub.k8s.io/x"]',
    at: 'sub.k8s.io/x',
    message: 'reserved prefixes [kubernetes.io/, k8s.io/]: [sub.k8s.io/x]',
  },
  {
    area: 'labels',
    name: 'a value with spaces (would add kubelet flags)',
    pass: file(...ng('labels: {role: a-b}')),
    fail: file(...ng('labels: {role: "a b --anonymous-auth=true"}')),
    path: 'nodeGroups[0].labels.role',
    at: '"a b',
    message:
      'label "role" has invalid value "a b --anonymous-auth=true" - [a valid label must be an empty string or consist of alphanumeric characters',
  },
  {
    area: 'labels',
    name: 'a value over 63 characters',
    pass: file(...ng(`labels: {role: ${'a'.repeat(63)}}`)),
    fail: file(...ng(`labels: {role: ${'a'.repeat(64)}}`)),
    path: 'nodeGroups[0].labels.role',
    at: 'a'.repeat(64),
    message: 'label "role" has invalid value',
  },
  {
    area: 'labels',
    name: 'a key with two slashes',
    pass: file(...ng('labels: {a.b/c: d}')),
    fail: file(...ng('labels: {a/b/c: d}')),
    path: 'nodeGroups[0].labels["a/b/c"]',
    at: 'a/b/c',
    message: 'node label key "a/b/c" is of invalid format, can only use one \'/\' separator',
  },
  {
    area: 'labels',
    name: 'an upper-case prefix',
    pass: file(...ng('labels: {example.com/Team: a}')),
    fail: file(...ng('labels: {Example.com/team: a}')),
    path: 'nodeGroups[0].labels["Example.com/team"]',
    at: 'Example.com/team',
    message: 'label "Example.com/team" is invalid - [prefix part a lowercase RFC 1123 subdomain',
  },
  {
    area: 'labels',
    name: 'a name part starting with a dash',
    pass: file(...ng('labels: {a-b: c}')),
    fail: file(...ng('labels: {-ab: c}')),
    path: 'nodeGroups[0].labels["-ab"]',
    at: '-ab',
    message: 'label "-ab" is invalid - [name part must consist of alphanumeric characters',
  },
  {
    area: 'labels',
    name: 'an empty prefix',
    pass: file(...ng('labels: {x/ab: c}')),
    fail: file(...ng('labels: {/ab: c}')),
    path: 'nodeGroups[0].labels["/ab"]',
    at: '/ab',
    message: 'label "/ab" is invalid - [prefix part must be non-empty]',
  },
  {
    area: 'labels',
    name: 'an empty name part',
    pass: file(...ng('labels: {x/ab: c}')),
    fail: file(...ng('labels: {x/: c}')),
    path: 'nodeGroups[0].labels["x/"]',
    at: 'x/',
    message: 'label "x/" is invalid - [name part must be non-empty]',
  },
  {
    area: 'labels',
    name: 'a name part over 63 characters',
    pass: file(...ng(`labels: {${'n'.repeat(63)}: c}`)),
    fail: file(...ng(`labels: {${'n'.repeat(64)}: c}`)),
    path: `nodeGroups[0].labels.${'n'.repeat(64)}`,
    at: 'n'.repeat(64),
    message: 'is invalid - [name part must be no more than 63 characters]',
  },
  {
    area: 'labels',
    name: 'a prefix over 253 characters',
    pass: file(...ng(`labels: {${'p'.repeat(253)}/x: c}`)),
    fail: file(...ng(`labels: {${'p'.repeat(254)}/x: c}`)),
    path: `nodeGroups[0].labels["${'p'.repeat(254)}/x"]`,
    at: 'p'.repeat(254),
    message: 'is invalid - [prefix part must be no more than 253 characters]',
  },
  {
    area: 'taints',
    name: 'a taint key with a space',
    pass: file(...mng('taints: [{key: dedicated, value: gpu, effect: NoSchedule}]')),
    fail: file(...mng('taints: [{key: "dedi cated", value: gpu, effect: NoSchedule}]')),
    path: 'managedNodeGroups[0].taints[0].key',
    at: '"dedi cated"',
    message: 'invalid taint key: dedi cated, name part must consist of alphanumeric characters',
  },
  {
    area: 'taints',
    name: 'an empty taint key',
    pass: file(...mng('taints: [{key: a, effect: NoExecute}]')),
    fail: file(...mng('taints: [{key: "", effect: NoExecute}]')),
    path: 'managedNodeGroups[0].taints[0].key',
    at: '""',
    message: 'taint key must be non-empty',
  },
  {
    area: 'taints',
    name: 'a taint value with a space, map form',
    pass: file(...ng('taints: {dedicated: "gpu:NoSchedule", other: "PreferNoSchedule"}')),
    fail: file(...ng('taints: {dedicated: "g pu:NoSchedule"}')),
    path: 'nodeGroups[0].taints.dedicated',
    at: '"g pu',
    message: 'invalid taint value: g pu, a valid label must be an empty string',
  },
  {
    area: 'taints',
    name: 'a taint value with a space, list form',
    pass: file(...ng('taints: [{key: a, value: b, effect: NoSchedule}]')),
    fail: file(...ng('taints: [{key: a, value: "b c", effect: NoSchedule}]')),
    path: 'nodeGroups[0].taints[0].value',
    at: '"b c"',
    message: 'invalid taint value: b c, a valid label must be an empty string',
  },
  {
    area: 'taints',
    name: 'a map-form taint key with a slash too many',
    pass: file(...ng('taints: {a/b: "NoSchedule"}')),
    fail: file(...ng('taints: {a/b/c: "NoSchedule"}')),
    path: 'nodeGroups[0].taints["a/b/c"]',
    at: 'a/b/c',
    message: 'invalid taint key: a/b/c, a qualified name must consist of alphanumeric characters',
  },
  // ---- service accounts, pod identity --------------------------------------------------------------
  {
    area: 'service accounts',
    name: 'a service account without any policy',
    pass: lines(
      HEADER,
      'iam:',
      '  withOIDC: true',
      '  serviceAccounts:',
      '    - metadata: {name: s1}',
      '      attachPolicyARNs: [arn:aws:iam::aws:policy/P]',
    ),
    fail: lines(HEADER, 'iam:', '  withOIDC: true', '  serviceAccounts:', '    - metadata: {name: s1}'),
    path: 'iam.serviceAccounts[0]',
    at: 'metadata: {name: s1}',
    message:
      'iam.serviceAccounts[0].wellKnownPolicies, iam.serviceAccounts[0].attachPolicyARNs,iam.serviceAccounts[0].attachRoleARN  or iam.serviceAccounts[0].attachPolicy must be set',
  },
  {
    area: 'service accounts',
    name: 'the same service account twice in the default namespace',
    pass: lines(
      HEADER,
      'iam:',
      '  withOIDC: true',
      '  serviceAccounts:',
      '    - metadata: {name: s1}',
      '      attachPolicy: {Version: "2012-10-17"}',
      '    - metadata: {name: s1, namespace: other}',
      '      attachPolicy: {Version: "2012-10-17"}',
    ),
    fail: lines(
      HEADER,
      'iam:',
      '  withOIDC: true',
      '  serviceAccounts:',
      '    - metadata: {name: s1}',
      '      attachPolicy: {Version: "2012-10-17"}',
      '    - metadata: {name: s1, namespace: default}',
      '      attachPolicy: {Version: "2012-10-17"}',
    ),
    path: 'iam.serviceAccounts[1].metadata.name',
    at: ['s1', 2],
    message: '<namespace>/<name> of iam.serviceAccounts[1] "default/s1" is not unique',
  },
  {
    area: 'service accounts',
    name: 'an empty service account name',
    pass: lines(
      HEADER,
      'iam:',
      '  withOIDC: true',
      '  serviceAccounts:',
      '    - metadata: {name: s}',
      '      attachPolicy: {Version: "2012-10-17"}',
    ),
    fail: lines(
      HEADER,
      'iam:',
      '  withOIDC: true',
      '  serviceAccounts:',
      '    - metadata: {name: ""}',
      '      attachPolicy: {Version: "2012-10-17"}',
    ),
    path: 'iam.serviceAccounts[0].metadata',
    at: ['metadata', 2],
    message: 'iam.serviceAccounts[0].name must be set',
  },
  {
    area: 'pod identity',
    name: 'associations without the agent add-on',
    pass: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      '    - {namespace: a, serviceAccountName: b, permissionPolicyARNs: [arn:aws:iam::aws:policy/P]}',
    ),
    fail: lines(
      HEADER,
      'iam:',
      '  podIdentityAssociations:',
      '    - {namespace: a, serviceAccountName: b, permissionPolicyARNs: [arn:aws:iam::aws:policy/P]}',
    ),
    path: 'iam.podIdentityAssociations',
    at: 'podIdentityAssociations',
    message:
      'the "eks-pod-identity-agent" addon must be installed to create pod identity associations; please add "eks-pod-identity-agent" addon to the config file',
  },
  {
    area: 'pod identity',
    name: 'both roleARN and policies',
    pass: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      `    - {namespace: a, serviceAccountName: b, roleARN: "${ROLE}"}`,
    ),
    fail: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      `    - {namespace: a, serviceAccountName: b, roleARN: "${ROLE}", permissionPolicyARNs: [arn:aws:iam::aws:policy/P]}`,
    ),
    path: 'iam.podIdentityAssociations[0].permissionPolicyARNs',
    at: 'permissionPolicyARNs',
    message:
      'iam.podIdentityAssociations[0].permissionPolicyARNs cannot be specified when iam.podIdentityAssociations[0].roleARN is set',
  },
  {
    area: 'pod identity',
    name: 'no role and no policy',
    pass: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      `    - {namespace: a, serviceAccountName: b, roleARN: "${ROLE}"}`,
    ),
    fail: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      '    - {namespace: a, serviceAccountName: b}',
    ),
    path: 'iam.podIdentityAssociations[0]',
    at: '{namespace',
    message:
      'at least one of the following must be specified: iam.podIdentityAssociations[0].roleARN, iam.podIdentityAssociations[0].permissionPolicy, iam.podIdentityAssociations[0].permissionPolicyARNs, iam.podIdentityAssociations[0].wellKnownPolicies',
  },
  {
    area: 'pod identity',
    name: 'an empty namespace',
    pass: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      `    - {namespace: a, serviceAccountName: b, roleARN: "${ROLE}"}`,
    ),
    fail: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      `    - {namespace: "", serviceAccountName: b, roleARN: "${ROLE}"}`,
    ),
    path: 'iam.podIdentityAssociations[0].namespace',
    at: '""',
    message: 'iam.podIdentityAssociations[0].namespace must be set',
  },
  {
    area: 'pod identity',
    name: 'an empty service account name',
    pass: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      `    - {namespace: a, serviceAccountName: b, roleARN: "${ROLE}"}`,
    ),
    fail: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      `    - {namespace: a, serviceAccountName: "", roleARN: "${ROLE}"}`,
    ),
    path: 'iam.podIdentityAssociations[0].serviceAccountName',
    at: '""',
    message: 'iam.podIdentityAssociations[0].serviceAccountName must be set',
  },
  // ---- add-ons -----------------------------------------------------------------------------------
  {
    area: 'add-ons',
    name: 'configurationValues that are neither JSON nor a YAML mapping',
    pass: lines(HEADER, 'addons:', '  - name: coredns', '    configurationValues: "replicaCount: 3"'),
    fail: lines(HEADER, 'addons:', '  - name: coredns', '    configurationValues: "{replicaCount: 3"'),
    path: 'addons[0].configurationValues',
    at: '"{replicaCount',
    message:
      'invalid configuration for "coredns" addon: configurationValues: "{replicaCount: 3" is not valid, supported format(s) are: JSON and YAML',
  },
  {
    area: 'add-ons',
    name: 'configurationValues that are a YAML list',
    pass: lines(HEADER, 'addons:', '  - name: coredns', '    configurationValues: \'{"replicaCount": 3}\''),
    fail: lines(HEADER, 'addons:', '  - name: coredns', '    configurationValues: "- a"'),
    path: 'addons[0].configurationValues',
    at: '"- a"',
    message: 'invalid configuration for "coredns" addon: configurationValues: "- a" is not valid',
  },
  {
    area: 'add-ons',
    name: 'an empty add-on name',
    pass: lines(HEADER, 'addons: [{name: coredns}]'),
    fail: lines(HEADER, 'addons: [{name: ""}]'),
    path: 'addons[0].name',
    at: '""',
    message: 'invalid configuration for "" addon: name is required',
  },
  // ---- access config -----------------------------------------------------------------------------
  {
    area: 'access entries',
    name: 'entries in CONFIG_MAP mode',
    pass: lines(HEADER, 'accessConfig:', '  authenticationMode: API', `  accessEntries: [{principalARN: "${ROLE}"}]`),
    fail: lines(
      HEADER,
      'accessConfig:',
      '  authenticationMode: CONFIG_MAP',
      `  accessEntries: [{principalARN: "${ROLE}"}]`,
    ),
    path: 'accessConfig.authenticationMode',
    at: 'CONFIG_MAP',
    message: 'accessConfig.authenticationMode must be set to either API_AND_CONFIG_MAP or API to use access entries',
  },
  {
    area: 'access entries',
    name: 'an invalid type',
    pass: lines(HEADER, 'accessConfig:', `  accessEntries: [{principalARN: "${ROLE}", type: EC2_LINUX}]`),
    fail: lines(HEADER, 'accessConfig:', `  accessEntries: [{principalARN: "${ROLE}", type: ec2_linux}]`),
    path: 'accessConfig.accessEntries[0].type',
    at: 'ec2_linux',
    message: 'invalid access entry type "ec2_linux" for accessEntries[0]',
  },
  {
    area: 'access entries',
    name: 'a duplicate principal',
    pass: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      `    - principalARN: "${ROLE}2"`,
    ),
    fail: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      `    - principalARN: "${ROLE}"`,
    ),
    path: 'accessConfig.accessEntries[1].principalARN',
    at: [`"${ROLE}"`, 2],
    message: `duplicate access entry accessEntries[1] with principal ARN "${ROLE}"`,
  },
  {
    area: 'access entries',
    name: 'a principal that is no ARN',
    pass: lines(HEADER, 'accessConfig:', `  accessEntries: [{principalARN: "${ROLE}"}]`),
    fail: lines(HEADER, 'accessConfig:', '  accessEntries: [{principalARN: admin}]'),
    path: 'accessConfig.accessEntries[0].principalARN',
    at: 'admin',
    message: 'invalid ARN "admin": arn: invalid prefix',
  },
  {
    area: 'access entries',
    name: 'groups on a node entry',
    pass: lines(HEADER, 'accessConfig:', `  accessEntries: [{principalARN: "${ROLE}", type: EC2_LINUX}]`),
    fail: lines(
      HEADER,
      'accessConfig:',
      `  accessEntries: [{principalARN: "${ROLE}", type: EC2_LINUX, kubernetesGroups: [g]}]`,
    ),
    path: 'accessConfig.accessEntries[0].kubernetesGroups',
    at: 'kubernetesGroups',
    message:
      'cannot specify accessEntries[0].kubernetesGroups nor accessEntries[0].kubernetesUsername when type is set to EC2_LINUX',
  },
  {
    area: 'access entries',
    name: 'policies on a node entry',
    pass: lines(HEADER, 'accessConfig:', `  accessEntries: [{principalARN: "${ROLE}", type: FARGATE_LINUX}]`),
    fail: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      type: FARGATE_LINUX',
      '      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/P", accessScope: {type: cluster}}]',
    ),
    path: 'accessConfig.accessEntries[0].accessPolicies',
    at: 'accessPolicies',
    message: 'cannot specify accessEntries[0].accessPolicies when type is set to FARGATE_LINUX',
  },
  {
    area: 'access entries',
    name: 'a policy that is no access policy',
    pass: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/P", accessScope: {type: cluster}}]',
    ),
    fail: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      accessPolicies: [{policyARN: "arn:aws:iam::aws:policy/P", accessScope: {type: cluster}}]',
    ),
    path: 'accessConfig.accessEntries[0].accessPolicies[0].policyARN',
    at: '"arn:aws:iam::aws:policy/P"',
    message: 'accessEntries[0].policyARN must be a cluster-access-policy resource',
  },
  {
    area: 'access entries',
    name: 'a namespace scope without namespaces',
    pass: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/P", accessScope: {type: namespace, namespaces: [a]}}]',
    ),
    fail: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/P", accessScope: {type: namespace}}]',
    ),
    path: 'accessConfig.accessEntries[0].accessPolicies[0].accessScope',
    at: 'accessScope',
    message: 'at least one namespace must be specified when accessScope is set to namespace: (accessEntries[0])',
  },
  {
    area: 'access entries',
    name: 'a cluster scope with namespaces',
    pass: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/P", accessScope: {type: cluster}}]',
    ),
    fail: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/P", accessScope: {type: cluster, namespaces: [a]}}]',
    ),
    path: 'accessConfig.accessEntries[0].accessPolicies[0].accessScope',
    at: 'accessScope',
    message: 'cannot specify accessEntries[0].accessScope.namespaces when accessScope is set to cluster',
  },
  {
    area: 'access entries',
    name: 'an access scope type eksctl does not know',
    pass: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/P", accessScope: {type: cluster}}]',
    ),
    fail: lines(
      HEADER,
      'accessConfig:',
      '  accessEntries:',
      `    - principalARN: "${ROLE}"`,
      '      accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/P", accessScope: {type: global}}]',
    ),
    path: 'accessConfig.accessEntries[0].accessPolicies[0].accessScope.type',
    at: 'global',
    message: 'invalid access scope type "global" for accessEntries[0]',
  },
  {
    area: 'access entries',
    name: 'no creator admin, no entries and self-managed nodes',
    pass: lines(
      HEADER,
      'accessConfig:',
      '  bootstrapClusterCreatorAdminPermissions: false',
      `  accessEntries: [{principalARN: "${ROLE}"}]`,
      ...ng(),
    ),
    fail: lines(HEADER, 'accessConfig:', '  bootstrapClusterCreatorAdminPermissions: false', ...ng()),
    path: 'accessConfig.bootstrapClusterCreatorAdminPermissions',
    at: 'false',
    message:
      'cannot create self-managed nodegroups when bootstrapClusterCreatorAdminPermissions is false and no access entries are configured',
  },
  {
    area: 'access entries',
    name: 'no creator admin in CONFIG_MAP mode and self-managed nodes',
    pass: lines(
      HEADER,
      'accessConfig:',
      '  authenticationMode: CONFIG_MAP',
      '  bootstrapClusterCreatorAdminPermissions: false',
      ...mng(),
    ),
    fail: lines(
      HEADER,
      'accessConfig:',
      '  authenticationMode: CONFIG_MAP',
      '  bootstrapClusterCreatorAdminPermissions: false',
      ...ng(),
    ),
    path: 'accessConfig.bootstrapClusterCreatorAdminPermissions',
    at: 'false',
    message:
      'cannot create self-managed nodegroups when authenticationMode is CONFIG_MAP and bootstrapClusterCreatorAdminPermissions is false',
  },
  // ---- network, encryption, logging ---------------------------------------------------------------------
  {
    area: 'network',
    name: 'ipFamily in any case',
    pass: file('kubernetesNetworkConfig: {ipFamily: ipv4}'),
    fail: file('kubernetesNetworkConfig: {ipFamily: ipv5}'),
    path: 'kubernetesNetworkConfig.ipFamily',
    at: 'ipv5',
    message: 'invalid value "ipv5" for ipFamily; allowed are IPv4 and IPv6',
  },
  {
    area: 'network',
    name: 'IPv6 with a NAT',
    pass: file('kubernetesNetworkConfig: {ipFamily: IPv6}', 'addons: [{name: coredns}]'),
    fail: file(
      'kubernetesNetworkConfig: {ipFamily: IPv6}',
      'addons: [{name: coredns}]',
      'vpc: {nat: {gateway: Disable}}',
    ),
    path: 'vpc.nat',
    at: 'nat',
    message: 'setting NAT is not supported with IPv6',
  },
  {
    area: 'network',
    name: 'shared node security group rules off without a shared group',
    pass: file('vpc: {sharedNodeSecurityGroup: sg-0123abcd, manageSharedNodeSecurityGroupRules: false}'),
    fail: file('vpc: {manageSharedNodeSecurityGroupRules: false}'),
    path: 'vpc.manageSharedNodeSecurityGroupRules',
    at: 'false',
    message: 'vpc.manageSharedNodeSecurityGroupRules must be enabled when using eksctl-managed security groups',
  },
  {
    area: 'network',
    name: 'a service CIDR that is no CIDR',
    pass: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 10.100.0.0/16}'),
    fail: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 10.100.0.0}'),
    path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
    at: '10.100.0.0',
    message: 'invalid IPv4 CIDR for kubernetesNetworkConfig.serviceIPv4CIDR: invalid CIDR address: 10.100.0.0',
  },
  {
    area: 'network',
    name: 'a public service CIDR',
    pass: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 172.20.0.0/16}'),
    fail: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 0.0.0.0/0}'),
    path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
    at: '0.0.0.0/0',
    message:
      'kubernetesNetworkConfig.serviceIPv4CIDR 0.0.0.0/0 is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
  },
  {
    area: 'network',
    name: 'a service CIDR of /25',
    pass: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 10.100.0.0/24}'),
    fail: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 10.100.0.0/25}'),
    path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
    at: '10.100.0.0/25',
    message: 'kubernetesNetworkConfig.serviceIPv4CIDR prefix must be between /12 and /24 for EKS, got /25',
  },
  {
    area: 'network',
    name: 'a service CIDR of /11',
    pass: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 10.96.0.0/12}'),
    fail: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 10.96.0.0/11}'),
    path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
    at: '10.96.0.0/11',
    message: 'got /11',
  },
  {
    area: 'network',
    name: 'a service CIDR inside the VPC',
    pass: file('vpc: {cidr: 10.0.0.0/16}', 'kubernetesNetworkConfig: {serviceIPv4CIDR: 10.100.0.0/16}'),
    fail: file('vpc: {cidr: 10.0.0.0/16}', 'kubernetesNetworkConfig: {serviceIPv4CIDR: 10.0.0.0/16}'),
    path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
    at: ['10.0.0.0/16', 2],
    message: 'kubernetesNetworkConfig.serviceIPv4CIDR 10.0.0.0/16 overlaps the VPC CIDR 10.0.0.0/16',
  },
  {
    area: 'network',
    name: 'a service CIDR with host bits',
    pass: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 10.100.0.0/16}'),
    fail: file('kubernetesNetworkConfig: {serviceIPv4CIDR: 10.100.0.1/16}'),
    path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
    at: '10.100.0.1/16',
    message: 'kubernetesNetworkConfig.serviceIPv4CIDR 10.100.0.1/16 has host bits set',
  },
  {
    area: 'encryption',
    name: 'a key that is no ARN',
    pass: file('secretsEncryption: {keyARN: "arn:aws:kms:us-west-2:123456789012:key/k"}'),
    fail: file('secretsEncryption: {keyARN: my-key}'),
    path: 'secretsEncryption.keyARN',
    at: 'my-key',
    message: 'invalid ARN in secretsEncryption.keyARN: "my-key": arn: invalid prefix',
  },
  {
    area: 'encryption',
    name: 'an empty key',
    pass: file('secretsEncryption: {keyARN: "arn:aws:kms:us-west-2:123456789012:alias/a"}'),
    fail: file('secretsEncryption: {keyARN: ""}'),
    path: 'secretsEncryption.keyARN',
    at: '""',
    message: 'field secretsEncryption.keyARN is required for enabling secrets encryption',
  },
  {
    area: 'logging',
    name: 'an unknown log type',
    pass: file('cloudWatch: {clusterLogging: {enableTypes: [api]}}'),
    fail: file('cloudWatch: {clusterLogging: {enableTypes: [api, Audit]}}'),
    path: 'cloudWatch.clusterLogging.enableTypes[1]',
    at: 'Audit',
    message: 'log type "Audit" (cloudWatch.clusterLogging.enableTypes[1]) is unknown',
  },
  {
    area: 'logging',
    name: 'a retention CloudWatch does not offer',
    pass: file('cloudWatch: {clusterLogging: {enableTypes: [api], logRetentionInDays: 7}}'),
    fail: file('cloudWatch: {clusterLogging: {enableTypes: [api], logRetentionInDays: 8}}'),
    path: 'cloudWatch.clusterLogging.logRetentionInDays',
    at: '8',
    message: 'invalid value 8 for logRetentionInDays; supported values are [1 3 5 7 14 30 60 90',
  },
  // ---- Fargate -----------------------------------------------------------------------------------
  {
    area: 'fargate',
    name: 'a name with the reserved prefix',
    pass: file('fargateProfiles: [{name: fp, selectors: [{namespace: default}]}]'),
    fail: file('fargateProfiles: [{name: eks-fp, selectors: [{namespace: default}]}]'),
    path: 'fargateProfiles[0].name',
    at: 'eks-fp',
    message: 'invalid Fargate profile "eks-fp": name should NOT start with "eks-"',
  },
  {
    area: 'fargate',
    name: 'no selector',
    pass: file('fargateProfiles: [{name: fp, selectors: [{namespace: default}]}]'),
    fail: file('fargateProfiles: [{name: fp}]'),
    path: 'fargateProfiles[0]',
    at: '{name: fp}',
    message: 'invalid Fargate profile "fp": no profile selector',
  },
  {
    area: 'fargate',
    name: 'an empty name',
    pass: file('fargateProfiles: [{name: fp, selectors: [{namespace: default}]}]'),
    fail: file('fargateProfiles: [{name: "", selectors: [{namespace: default}]}]'),
    path: 'fargateProfiles[0].name',
    at: '""',
    message: 'invalid Fargate profile: empty name',
  },
  {
    area: 'fargate',
    name: 'an empty selector namespace',
    pass: file('fargateProfiles: [{name: fp, selectors: [{namespace: a}]}]'),
    fail: file('fargateProfiles: [{name: fp, selectors: [{namespace: a}, {namespace: ""}]}]'),
    path: 'fargateProfiles[0].selectors[1].namespace',
    at: '""',
    message: 'invalid Fargate profile "fp": invalid profile selector at index #1: empty namespace',
  },
  // ---- checks private-eks made already, now with a case each --------------------------------------
  {
    area: 'network',
    name: 'clusterEndpoints on a fully-private cluster',
    pass: file(),
    fail: file('vpc: {clusterEndpoints: {publicAccess: false}}'),
    path: 'vpc.clusterEndpoints.publicAccess',
    at: 'publicAccess',
    message:
      'vpc.clusterEndpoints cannot be set for a fully-private cluster (privateCluster.enabled) as the endpoint access defaults to private-only',
  },
  {
    area: 'network',
    name: 'cluster subnets and availabilityZones together',
    pass: file('availabilityZones: [us-west-2a, us-west-2b]'),
    fail: file(
      'availabilityZones: [us-west-2a, us-west-2b]',
      'vpc: {id: vpc-0123456789abcdef0, subnets: {private: {us-west-2a: {id: subnet-0123456789abcdef0}, us-west-2b: {id: subnet-0123456789abcdef1}}}}',
    ),
    path: 'availabilityZones',
    at: 'availabilityZones',
    message: 'vpc.subnets and availabilityZones cannot be set at the same time',
  },
  {
    area: 'network',
    name: 'extraIPv6CIDRs on an IPv4 cluster',
    pass: file(),
    fail: file('vpc: {extraIPv6CIDRs: ["2001:db8::/64"]}'),
    path: 'vpc.extraIPv6CIDRs',
    at: 'extraIPv6CIDRs',
    message: 'cannot specify vpc.extraIPv6CIDRs with an IPv4 cluster',
  },
  {
    area: 'network',
    name: 'vpc.securityGroup and controlPlaneSecurityGroupIDs together',
    pass: file('vpc: {controlPlaneSecurityGroupIDs: [sg-0123456789abcdef1]}'),
    fail: file('vpc: {securityGroup: sg-0123456789abcdef0, controlPlaneSecurityGroupIDs: [sg-0123456789abcdef1]}'),
    path: 'vpc.controlPlaneSecurityGroupIDs',
    at: 'controlPlaneSecurityGroupIDs',
    message: 'only one of vpc.securityGroup and vpc.controlPlaneSecurityGroupIDs can be specified',
  },
  {
    area: 'private cluster',
    name: 'a supplied VPC without private subnets',
    pass: file(
      'vpc: {id: vpc-0123456789abcdef0, subnets: {private: {us-west-2a: {id: subnet-0123456789abcdef0}, us-west-2b: {id: subnet-0123456789abcdef1}}}}',
    ),
    fail: file('vpc: {id: vpc-0123456789abcdef0}'),
    path: 'vpc.subnets.private',
    at: 'vpc:',
    message: 'vpc.subnets.private must be specified in a fully-private cluster when a pre-existing VPC is supplied',
  },
  {
    area: 'private cluster',
    name: 'additional endpoints while skipping endpoint creation',
    pass: file().replace('enabled: true', 'enabled: true\n  skipEndpointCreation: true'),
    fail: file().replace(
      'enabled: true',
      'enabled: true\n  skipEndpointCreation: true\n  additionalEndpointServices: [autoscaling]',
    ),
    path: 'privateCluster.additionalEndpointServices',
    at: 'additionalEndpointServices',
    message: 'privateCluster.additionalEndpointServices cannot be set when privateCluster.skipEndpointCreation is true',
  },
  {
    area: 'private cluster',
    name: 'an endpoint service eksctl does not know',
    pass: file().replace('enabled: true', 'enabled: true\n  additionalEndpointServices: [autoscaling]'),
    fail: file().replace('enabled: true', 'enabled: true\n  additionalEndpointServices: [autoscale]'),
    path: 'privateCluster.additionalEndpointServices[0]',
    at: 'autoscale',
    message: 'invalid value in privateCluster.additionalEndpointServices: unsupported endpoint service "autoscale"',
  },
  {
    area: 'private cluster',
    name: 'an endpoint service twice',
    pass: file().replace('enabled: true', 'enabled: true\n  additionalEndpointServices: [autoscaling]'),
    fail: file().replace('enabled: true', 'enabled: true\n  additionalEndpointServices: [autoscaling, autoscaling]'),
    path: 'privateCluster.additionalEndpointServices[1]',
    at: ['autoscaling', 2],
    message:
      'invalid value in privateCluster.additionalEndpointServices: found duplicate endpoint service: "autoscaling"',
  },
  {
    area: 'auto mode',
    name: 'nodegroups with Auto Mode',
    pass: file('autoModeConfig: {enabled: true}'),
    fail: file('autoModeConfig: {enabled: true}', ...mng()),
    path: 'managedNodeGroups',
    at: 'managedNodeGroups',
    message:
      'creation of managed or self-managed nodegroups is not supported during cluster creation when Auto Mode is enabled',
  },
  {
    area: 'auto mode',
    name: 'core networking add-ons with Auto Mode',
    pass: file('autoModeConfig: {enabled: true}'),
    fail: file('autoModeConfig: {enabled: true}', 'addons: [{name: vpc-cni}]'),
    path: 'addons[0]',
    at: '{name: vpc-cni}',
    message: 'core networking addons are not required on a cluster using Auto Mode',
  },
  {
    area: 'pod identity',
    name: 'both roleARN and wellKnownPolicies',
    pass: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      '    - {namespace: a, serviceAccountName: b, wellKnownPolicies: {autoScaler: true}}',
    ),
    fail: lines(
      HEADER,
      'addons: [{name: eks-pod-identity-agent}]',
      'iam:',
      '  podIdentityAssociations:',
      `    - {namespace: a, serviceAccountName: b, roleARN: "${ROLE}", wellKnownPolicies: {autoScaler: true}}`,
    ),
    path: 'iam.podIdentityAssociations[0].wellKnownPolicies',
    at: 'wellKnownPolicies',
    message:
      'iam.podIdentityAssociations[0].wellKnownPolicies cannot be specified when iam.podIdentityAssociations[0].roleARN is set',
  },
  {
    area: 'service accounts',
    name: 'service accounts with withOIDC false',
    pass: file(
      'iam: {withOIDC: true, serviceAccounts: [{metadata: {name: s}, attachPolicyARNs: ["arn:aws:iam::aws:policy/P"]}]}',
    ),
    fail: file(
      'iam: {withOIDC: false, serviceAccounts: [{metadata: {name: s}, attachPolicyARNs: ["arn:aws:iam::aws:policy/P"]}]}',
    ),
    path: 'iam.withOIDC',
    at: 'false',
    message: 'iam.withOIDC must be enabled explicitly for iam.serviceAccounts to be created',
  },
  {
    area: 'nodegroup base',
    name: 'a nodegroup without a name',
    pass: file('nodeGroups:', '  - {name: a, privateNetworking: true}'),
    fail: file('nodeGroups:', '  - {privateNetworking: true}'),
    path: 'nodeGroups[0].name',
    at: '{privateNetworking',
    message: 'nodeGroups[0].name must be set',
  },
  {
    area: 'nodegroup base',
    name: 'the same name on a self-managed and a managed nodegroup',
    pass: file(
      'nodeGroups:',
      '  - {name: a, privateNetworking: true}',
      'managedNodeGroups:',
      '  - {name: b, privateNetworking: true}',
    ),
    fail: file(
      'nodeGroups:',
      '  - {name: a, privateNetworking: true}',
      'managedNodeGroups:',
      '  - {name: a, privateNetworking: true}',
    ),
    path: 'managedNodeGroups[0].name',
    at: ['a, privateNetworking', 2],
    message: 'managedNodeGroups[0].name "a" is not unique',
  },
  {
    area: 'nodegroup base',
    name: 'privateNetworking false',
    pass: file('nodeGroups:', '  - {name: a, privateNetworking: true}'),
    fail: file('nodeGroups:', '  - {name: a, privateNetworking: false}'),
    path: 'nodeGroups[0].privateNetworking',
    at: 'false',
    message: 'nodeGroups[0].privateNetworking must be enabled for a fully-private cluster',
  },
  {
    area: 'logging',
    name: 'a retention without log types',
    pass: file('cloudWatch: {clusterLogging: {enableTypes: [api], logRetentionInDays: 7}}'),
    fail: file('cloudWatch: {clusterLogging: {logRetentionInDays: 7}}'),
    path: 'cloudWatch.clusterLogging.logRetentionInDays',
    at: 'logRetentionInDays',
    message: 'cannot set cloudWatch.clusterLogging.logRetentionInDays without enabling log types',
  },
  {
    area: 'identity providers',
    name: 'an OIDC identity provider without a name',
    pass: file('identityProviders: [{type: oidc, name: n, clientID: c, issuerURL: "https://i"}]'),
    fail: file('identityProviders: [{type: oidc, clientID: c, issuerURL: "https://i"}]'),
    path: 'identityProviders[0]',
    at: '{type',
    message: 'identityProviders[0] is invalid: name must be set and non-empty',
  },
  {
    area: 'identity providers',
    name: 'an OIDC identity provider without an issuer URL',
    pass: file('identityProviders: [{type: oidc, name: n, clientID: c, issuerURL: "https://i"}]'),
    fail: file('identityProviders: [{type: oidc, name: n, clientID: c}]'),
    path: 'identityProviders[0]',
    at: '{type',
    message: 'identityProviders[0] is invalid: issuerURL must be set and non-empty',
  },
  {
    area: 'self-managed',
    name: 'Bottlerocket with kubeletExtraConfig',
    pass: file(...ng('amiFamily: Bottlerocket')),
    fail: file(...ng('amiFamily: Bottlerocket', 'kubeletExtraConfig: {registryPullQPS: 10}')),
    path: 'nodeGroups[0].kubeletExtraConfig',
    at: 'kubeletExtraConfig',
    message: 'kubeletExtraConfig is not supported for Bottlerocket nodegroups (path=nodeGroups[0].kubeletExtraConfig)',
  },
  {
    area: 'managed',
    name: 'Bottlerocket with overrideBootstrapCommand',
    pass: file(...mng('amiFamily: Bottlerocket')),
    fail: file(...mng('amiFamily: Bottlerocket', 'overrideBootstrapCommand: x')),
    path: 'managedNodeGroups[0].overrideBootstrapCommand',
    at: 'overrideBootstrapCommand',
    message:
      'overrideBootstrapCommand is not supported for Bottlerocket nodegroups (path=managedNodeGroups[0].overrideBootstrapCommand)',
  },
  {
    area: 'identity mappings',
    name: 'an account with an arn',
    pass: file('iamIdentityMappings: [{account: "123456789012"}]'),
    fail: file(`iamIdentityMappings: [{account: "123456789012", arn: "${ROLE}"}]`),
    path: 'iamIdentityMappings[0].account',
    at: 'account',
    message: 'account cannot be configured with any other options',
  },
  {
    area: 'access entries',
    name: 'an access policy without policyARN',
    pass: file(
      `accessConfig: {accessEntries: [{principalARN: "${ROLE}", accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: {type: cluster}}]}]}`,
    ),
    fail: file(
      `accessConfig: {accessEntries: [{principalARN: "${ROLE}", accessPolicies: [{accessScope: {type: cluster}}]}]}`,
    ),
    path: 'accessConfig.accessEntries[0].accessPolicies[0].policyARN',
    at: '{accessScope',
    message: 'accessEntries[0].policyARN must be set to a valid AWS ARN',
  },
  {
    area: 'access entries',
    name: 'a policyARN without a resource type',
    pass: file(
      `accessConfig: {accessEntries: [{principalARN: "${ROLE}", accessPolicies: [{policyARN: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: {type: cluster}}]}]}`,
    ),
    fail: file(
      `accessConfig: {accessEntries: [{principalARN: "${ROLE}", accessPolicies: [{policyARN: "arn:aws:eks::aws:AmazonEKSViewPolicy", accessScope: {type: cluster}}]}]}`,
    ),
    path: 'accessConfig.accessEntries[0].accessPolicies[0].policyARN',
    at: '"arn:aws:eks::aws:AmazonEKSViewPolicy"',
    message: 'invalid accessEntries[0].policyARN',
  },
  {
    area: 'network',
    name: 'a service IPv4 CIDR on an IPv6 cluster',
    pass: file('kubernetesNetworkConfig: {ipFamily: IPv6}', 'addons: [{name: coredns}]'),
    fail: file(
      'kubernetesNetworkConfig: {ipFamily: IPv6, serviceIPv4CIDR: 10.100.0.0/16}',
      'addons: [{name: coredns}]',
    ),
    path: 'kubernetesNetworkConfig.serviceIPv4CIDR',
    at: 'serviceIPv4CIDR',
    message: 'service IPv4 CIDR is not supported with IPv6',
  },
  {
    area: 'network',
    name: 'IPv6 without the coredns add-on',
    pass: file('kubernetesNetworkConfig: {ipFamily: IPv6}', 'addons: [{name: coredns}]'),
    fail: file('kubernetesNetworkConfig: {ipFamily: IPv6}'),
    path: 'kubernetesNetworkConfig.ipFamily',
    at: 'ipFamily',
    message:
      'the default core addons must be defined for IPv6; missing addon(s): coredns; either define them or use EKS Auto Mode',
  },
  {
    area: 'network',
    name: 'IPv6 with vpc-cni and neither OIDC nor the Pod Identity agent',
    pass: file(
      'kubernetesNetworkConfig: {ipFamily: IPv6}',
      'iam: {withOIDC: true}',
      'addons: [{name: vpc-cni}, {name: coredns}, {name: kube-proxy}]',
    ),
    fail: file(
      'kubernetesNetworkConfig: {ipFamily: IPv6}',
      'addons: [{name: vpc-cni}, {name: coredns}, {name: kube-proxy}]',
    ),
    path: 'kubernetesNetworkConfig.ipFamily',
    at: 'ipFamily',
    message: 'either pod identity or oidc needs to be enabled if IPv6 is set; set either one or use EKS Auto Mode',
  },
  {
    area: 'network',
    name: 'IPv6 with the Pod Identity agent and no Pod Identity for vpc-cni',
    pass: file(
      'kubernetesNetworkConfig: {ipFamily: IPv6}',
      'addons: [{name: vpc-cni, useDefaultPodIdentityAssociations: true}, {name: coredns}, {name: eks-pod-identity-agent}]',
    ),
    fail: file(
      'kubernetesNetworkConfig: {ipFamily: IPv6}',
      'addons: [{name: vpc-cni}, {name: coredns}, {name: eks-pod-identity-agent}]',
    ),
    path: 'addons[0]',
    at: '{name: vpc-cni}',
    message:
      'Set one of: addonsConfig.autoApplyPodIdentityAssociations, useDefaultPodIdentityAssociations on the vpc-cni addon, apply a custom pod identity on the vpc-cni addon',
  },
  {
    area: 'network',
    name: 'IPv6 with vpc-cni older than 1.10.0',
    pass: file(
      'kubernetesNetworkConfig: {ipFamily: IPv6}',
      'iam: {withOIDC: true}',
      'addons: [{name: vpc-cni, version: v1.18.3-eksbuild.1}, {name: coredns}]',
    ),
    fail: file(
      'kubernetesNetworkConfig: {ipFamily: IPv6}',
      'iam: {withOIDC: true}',
      'addons: [{name: vpc-cni, version: v1.9.3-eksbuild.1}, {name: coredns}]',
    ),
    path: 'addons[0].version',
    at: 'v1.9.3',
    message: 'vpc-cni version must be at least version 1.10.0 for IPv6',
  },
  {
    area: 'add-ons',
    name: 'default Pod Identity with an IRSA role',
    pass: file('addons: [{name: eks-pod-identity-agent}, {name: vpc-cni, useDefaultPodIdentityAssociations: true}]'),
    fail: file(
      `addons: [{name: eks-pod-identity-agent}, {name: vpc-cni, useDefaultPodIdentityAssociations: true, serviceAccountRoleARN: "${ROLE}"}]`,
    ),
    path: 'addons[1].useDefaultPodIdentityAssociations',
    at: 'useDefaultPodIdentityAssociations',
    message:
      'cannot specify serviceAccountRoleARN, wellKnownPolicies, attachPolicy or attachPolicyARNs when addon.useDefaultPodIdentityAssociations is set (addon: vpc-cni)',
  },
  {
    area: 'auto mode',
    name: 'a permissions boundary without node pools',
    pass: file('autoModeConfig: {enabled: true, permissionsBoundaryARN: "arn:aws:iam::123456789012:policy/p"}'),
    fail: file(
      'autoModeConfig: {enabled: true, permissionsBoundaryARN: "arn:aws:iam::123456789012:policy/p", nodePools: []}',
    ),
    path: 'autoModeConfig',
    at: 'autoModeConfig',
    message: 'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodePools is empty',
  },
  {
    area: 'taints',
    name: 'an effect Kubernetes does not have',
    pass: file(...mng('taints: [{key: a, value: b, effect: NoExecute}]')),
    fail: file(...mng('taints: [{key: a, value: b, effect: NoWay}]')),
    path: 'managedNodeGroups[0].taints[0].effect',
    at: 'NoWay',
    message:
      'invalid taint effect: NoWay, unsupported taint effect. Valid taint effects are: NoSchedule, NoExecute and PreferNoSchedule',
  },
  {
    area: 'add-ons',
    name: 'nodes with the default add-ons off and no vpc-cni',
    pass: file('addonsConfig: {disableDefaultAddons: true}', 'addons: [{name: vpc-cni}]', ...mng('desiredCapacity: 2')),
    fail: file('addonsConfig: {disableDefaultAddons: true}', ...mng('desiredCapacity: 2')),
    path: 'addonsConfig.disableDefaultAddons',
    at: ['true', 2],
    message:
      'fields nodeGroups, managedNodeGroups, fargateProfiles, karpenter, gitops, iam.serviceAccounts, and iam.podIdentityAssociations are not supported during cluster creation in a cluster without VPC CNI if Auto Mode is disabled',
  },
  // ---- AWS limits --------------------------------------------------------------------------------
  {
    area: 'AWS limits',
    name: 'a nodegroup stack name over 128 characters',
    pass: file(...ng()).replace('name: ng1', `name: ${'n'.repeat(108)}`),
    fail: file(...ng()).replace('name: ng1', `name: ${'n'.repeat(109)}`),
    path: 'nodeGroups[0].name',
    at: 'n'.repeat(109),
    message: "the nodegroup's CloudFormation stack name",
  },
  {
    area: 'AWS limits',
    name: 'more than 500 nodegroups (EC2 Auto Scaling groups per region)',
    pass: file(nodeGroupList(250, 'nodeGroups'), nodeGroupList(250, 'managedNodeGroups')),
    fail: file(nodeGroupList(250, 'nodeGroups'), nodeGroupList(251, 'managedNodeGroups')),
    path: 'managedNodeGroups[250]',
    at: '- {name: managedNodeGroups250',
    offset: 2,
    message:
      "the file has 501 nodegroups; each is an EC2 Auto Scaling group and a CloudFormation stack, and AWS's default quota is 500",
  },
  {
    area: 'AWS limits',
    name: 'more than 100 Fargate profiles (one stack)',
    pass: file(fargateList(100)),
    fail: file(fargateList(101)),
    path: 'fargateProfiles[100]',
    at: '- {name: f100',
    offset: 2,
    message: 'the file has 101 Fargate profiles; private-eks puts them in one CloudFormation stack',
  },
  {
    area: 'AWS limits',
    name: 'an aws: tag key',
    pass: file().replace('region: us-west-2', 'region: us-west-2\n  tags: {team: a}'),
    fail: file().replace('region: us-west-2', 'region: us-west-2\n  tags: {"aws:team": a}'),
    path: 'metadata.tags["aws:team"]',
    at: '"aws:team"',
    message: 'tag key "aws:team" starts with "aws:", which AWS reserves for its own tags',
  },
  {
    area: 'AWS limits',
    name: 'a tag value over 256 characters',
    pass: file(...ng(`tags: {a: ${'v'.repeat(256)}}`)),
    fail: file(...ng(`tags: {a: ${'v'.repeat(257)}}`)),
    path: 'nodeGroups[0].tags.a',
    at: 'v'.repeat(257),
    message: 'tag "a" has a value of 257 characters; AWS allows at most 256',
  },
  {
    area: 'AWS limits',
    name: 'a tag key over 128 characters',
    pass: file(...mng(`tags: {${'k'.repeat(128)}: v}`)),
    fail: file(...mng(`tags: {${'k'.repeat(129)}: v}`)),
    path: `managedNodeGroups[0].tags.${'k'.repeat(129)}`,
    at: 'k'.repeat(129),
    message: 'is 129 characters long; AWS allows 1 to 128',
  },
  {
    area: 'AWS limits',
    name: 'a tag with a character AWS refuses',
    pass: file('addons: [{name: coredns, tags: {"a b": "c@d"}}]'),
    fail: file('addons: [{name: coredns, tags: {"a*b": c}}]'),
    path: 'addons[0].tags["a*b"]',
    at: '"a*b"',
    message: 'tag key "a*b" has characters AWS refuses in tags',
  },
  {
    area: 'AWS limits',
    name: 'a tag value with a character AWS refuses',
    pass: file('fargateProfiles: [{name: fp, selectors: [{namespace: a}], tags: {a: "b+c"}}]'),
    fail: file('fargateProfiles: [{name: fp, selectors: [{namespace: a}], tags: {a: "b#c"}}]'),
    path: 'fargateProfiles[0].tags.a',
    at: '"b#c"',
    message: 'tag "a" has a value with characters AWS refuses in tags',
  },
  {
    area: 'AWS limits',
    name: 'too many cluster tags',
    pass: file().replace(
      'region: us-west-2',
      `region: us-west-2\n  tags: {${Array.from({ length: 44 }, (_, i) => `t${i}: v`).join(', ')}}`,
    ),
    fail: file().replace(
      'region: us-west-2',
      `region: us-west-2\n  tags: {${Array.from({ length: 45 }, (_, i) => `t${i}: v`).join(', ')}}`,
    ),
    path: 'metadata.tags',
    at: 'tags',
    message:
      "metadata.tags gives a resource 45 tags; with the 6 private-eks adds that is over AWS's limit of 50 tags per resource",
  },
  {
    area: 'AWS limits',
    name: 'too many tags on a nodegroup with the cluster tags',
    pass: file(...ng(`tags: {${Array.from({ length: 43 }, (_, i) => `t${i}: v`).join(', ')}}`)).replace(
      'region: us-west-2',
      'region: us-west-2\n  tags: {t0: v, other: w}',
    ),
    fail: file(...ng(`tags: {${Array.from({ length: 44 }, (_, i) => `t${i}: v`).join(', ')}}`)).replace(
      'region: us-west-2',
      'region: us-west-2\n  tags: {t0: v, other: w}',
    ),
    path: 'nodeGroups[0].tags',
    at: ['tags', 2],
    message: 'nodeGroups[0].tags gives a resource 45 tags',
  },
  {
    area: 'AWS limits',
    name: 'desiredCapacity 1e38',
    pass: file(...mng('desiredCapacity: 1000', 'maxSize: 1000')),
    fail: file(...mng('desiredCapacity: 1e38')),
    path: 'managedNodeGroups[0].desiredCapacity',
    at: '1e38',
    message: 'must be at most 1000',
  },
  {
    area: 'AWS limits',
    name: 'a VPC id that is no VPC id',
    pass: file(
      'vpc:',
      '  id: vpc-0123456789abcdef0',
      '  subnets: {private: {us-west-2a: {id: subnet-0a}, us-west-2b: {id: subnet-0b}}}',
    ),
    fail: file(
      'vpc:',
      '  id: vpc-custom',
      '  subnets: {private: {us-west-2a: {id: subnet-0a}, us-west-2b: {id: subnet-0b}}}',
    ),
    path: 'vpc.id',
    at: 'vpc-custom',
    message: 'vpc.id "vpc-custom" is not a VPC id',
  },
  {
    area: 'AWS limits',
    name: 'a subnet id that is no subnet id',
    pass: file('vpc:', '  subnets: {private: {us-west-2a: {id: subnet-0a}, us-west-2b: {id: subnet-0b}}}'),
    fail: file('vpc:', '  subnets: {private: {us-west-2a: {id: subnet-0a}, us-west-2b: {id: sub-0b}}}'),
    path: 'vpc.subnets.private.us-west-2b.id',
    at: 'sub-0b',
    message: 'is not a subnet id',
  },
  {
    area: 'AWS limits',
    name: 'a security group that is no security group id',
    pass: file(...ng('securityGroups: {attachIDs: [sg-0a1b]}')),
    fail: file(...ng('securityGroups: {attachIDs: [my-group]}')),
    path: 'nodeGroups[0].securityGroups.attachIDs[0]',
    at: 'my-group',
    message: 'nodeGroups[0].securityGroups.attachIDs[0] "my-group" is not a security group id',
  },
  {
    area: 'AWS limits',
    name: 'a role ARN that is no role ARN',
    pass: file(`iam: {serviceRoleARN: "${ROLE}"}`),
    fail: file('iam: {serviceRoleARN: "arn:aws:iam::123456789012:user/u"}'),
    path: 'iam.serviceRoleARN',
    at: '"arn:aws:iam::123456789012:user/u"',
    message: 'is not an IAM role ARN',
  },
  {
    area: 'AWS limits',
    name: 'a KMS ARN of another service',
    pass: file('secretsEncryption: {keyARN: "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/k"}'),
    fail: file('secretsEncryption: {keyARN: "arn:aws:s3:::bucket/key/x"}'),
    path: 'secretsEncryption.keyARN',
    at: '"arn:aws:s3',
    message: 'is not a KMS key ARN',
  },
  {
    area: 'AWS limits',
    name: 'a self-managed AMI that is no AMI id',
    pass: file(...ng('ami: ami-0abc', 'amiFamily: AmazonLinux2023')),
    fail: file(...ng('ami: image-1', 'amiFamily: AmazonLinux2023')),
    path: 'nodeGroups[0].ami',
    at: 'image-1',
    message: 'nodeGroups[0].ami "image-1" is not an AMI id',
  },
  {
    area: 'AWS limits',
    name: 'a launch template id that is no launch template id',
    pass: file(...mng('launchTemplate: {id: lt-0abc}')),
    fail: file(...mng('launchTemplate: {id: template-1}')),
    path: 'managedNodeGroups[0].launchTemplate.id',
    at: 'template-1',
    message: 'is not a launch template id',
  },
];

describe("eksctl's rules, area by area: a passing and a failing file each", () => {
  it(`covers ${CASES.length} rules in ${new Set(CASES.map((c) => c.area)).size} areas`, () => {
    expect(new Set(CASES.map((c) => `${c.area}: ${c.name}`)).size).toBe(CASES.length);
  });

  describe.each(CASES)('$area: $name', (c) => {
    it('passes', () => {
      const result = load(c.pass);
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.config).toBeDefined();
    });

    it('fails, at the field, in eksctl words', () => {
      const result = load(c.fail);
      const problems = result.problems.filter((p) => p.path === c.path && p.message.includes(c.message));
      expect(problems, JSON.stringify(result.problems, null, 1)).toHaveLength(1);
      const [needle, occurrence] = typeof c.at === 'string' ? [c.at, 1] : c.at;
      const at = locate(c.fail, needle, occurrence);
      expect(problems[0]).toMatchObject({
        severity: 'error',
        file: 'test.yaml',
        line: at.line,
        column: at.column + (c.offset ?? 0),
      });
      expect(problems[0]!.hint).toBeTruthy();
      expect(result.config).toBeUndefined();
    });
  });
});

/** A rule's context for a file, with fields put back that the field check refuses today (V19). */
function contextWith(text: string, extras: (config: Record<string, unknown>) => void): RuleContext {
  const read = readConfigDocument(text, 'test.yaml');
  const config = structuredClone(read.value) as Record<string, unknown>;
  extras(config);
  const typed = config as ClusterConfigFile;
  return {
    config: typed,
    resolved: applyDefaults(typed, { file: 'test.yaml' }),
    source: read.sourceMap,
    file: 'test.yaml',
    regionSource: 'file',
    typeErrors: new Set(),
  };
}

interface DormantCase {
  readonly name: string;
  readonly rule: Rule;
  readonly text: string;
  readonly pass: (config: Record<string, unknown>) => void;
  readonly fail: (config: Record<string, unknown>) => void;
  readonly path: string;
  readonly message: string;
}

const first = (config: Record<string, unknown>, list: string) => (config[list] as Record<string, unknown>[])[0]!;
const set = (list: string, fields: Record<string, unknown>) => (config: Record<string, unknown>) =>
  Object.assign(first(config, list), fields);
const root = (fields: Record<string, unknown>) => (config: Record<string, unknown>) => Object.assign(config, fields);

const DORMANT: DormantCase[] = [
  {
    name: 'volumeIOPS on gp2',
    rule: nodeGroupKindRules,
    text: file(...ng('volumeType: gp2')),
    pass: set('nodeGroups', { volumeType: 'gp3', volumeIOPS: 3000 }),
    fail: set('nodeGroups', { volumeIOPS: 3000 }),
    path: 'nodeGroups[0].volumeIOPS',
    message: 'nodeGroups[0].volumeIOPS is only supported for io1, io2 and gp3 volume types',
  },
  {
    name: 'gp3 IOPS out of range (volumeType unset means gp3)',
    rule: nodeGroupKindRules,
    text: file(...ng()),
    pass: set('nodeGroups', { volumeIOPS: 16000 }),
    fail: set('nodeGroups', { volumeIOPS: 16001 }),
    path: 'nodeGroups[0].volumeIOPS',
    message: 'value for nodeGroups[0].volumeIOPS must be within range 3000-16000',
  },
  {
    name: 'io1 IOPS out of range',
    rule: nodeGroupKindRules,
    text: file(...ng('volumeType: io1')),
    pass: set('nodeGroups', { volumeIOPS: 100 }),
    fail: set('nodeGroups', { volumeIOPS: 99 }),
    path: 'nodeGroups[0].volumeIOPS',
    message: 'value for nodeGroups[0].volumeIOPS must be within range 100-64000',
  },
  {
    name: 'io2 IOPS out of range',
    rule: nodeGroupKindRules,
    text: file(...ng('volumeType: io2')),
    pass: set('nodeGroups', { volumeIOPS: 256000 }),
    fail: set('nodeGroups', { volumeIOPS: 256001 }),
    path: 'nodeGroups[0].volumeIOPS',
    message: 'value for nodeGroups[0].volumeIOPS must be within range 100-256000',
  },
  {
    name: 'throughput on io1',
    rule: nodeGroupKindRules,
    text: file(...mng('volumeType: io1')),
    pass: set('managedNodeGroups', { volumeType: 'gp3', volumeThroughput: 1000 }),
    fail: set('managedNodeGroups', { volumeThroughput: 200 }),
    path: 'managedNodeGroups[0].volumeThroughput',
    message: 'managedNodeGroups[0].volumeThroughput is only supported for gp3 volume type',
  },
  {
    name: 'gp3 throughput out of range',
    rule: nodeGroupKindRules,
    text: file(...mng()),
    pass: set('managedNodeGroups', { volumeThroughput: 125 }),
    fail: set('managedNodeGroups', { volumeThroughput: 124 }),
    path: 'managedNodeGroups[0].volumeThroughput',
    message: 'value for managedNodeGroups[0].volumeThroughput must be within range 125-1000',
  },
  {
    name: 'volumeKmsKeyID without volumeEncrypted',
    rule: nodeGroupKindRules,
    text: file(...ng('volumeSize: 80')),
    pass: set('nodeGroups', { volumeKmsKeyID: 'k', volumeEncrypted: true }),
    fail: set('nodeGroups', { volumeKmsKeyID: 'k' }),
    path: 'nodeGroups[0].volumeKmsKeyID',
    message: 'nodeGroups[0].volumeKmsKeyID can not be set without nodeGroups[0].volumeEncrypted enabled explicitly',
  },
  {
    name: 'volumeName without volumeSize',
    rule: nodeGroupKindRules,
    text: file(...ng()),
    pass: set('nodeGroups', { volumeName: '/dev/xvda', volumeSize: 20 }),
    fail: set('nodeGroups', { volumeName: '/dev/xvda' }),
    path: 'nodeGroups[0].volumeName',
    message: 'nodeGroups[0].volumeName cannot be set without nodeGroups[0].volumeSize',
  },
  {
    name: 'a placement without a group name',
    rule: nodeGroupKindRules,
    text: file(...ng()),
    pass: set('nodeGroups', { placement: { groupName: 'g' } }),
    fail: set('nodeGroups', { placement: {} }),
    path: 'nodeGroups[0].placement',
    message: 'nodeGroups[0].placement.groupName must be set and non-empty',
  },
  {
    name: 'EFA with two zones',
    rule: nodeGroupKindRules,
    text: file(...ng()),
    pass: set('nodeGroups', { efaEnabled: true, availabilityZones: ['us-west-2a'] }),
    fail: set('nodeGroups', { efaEnabled: true, availabilityZones: ['us-west-2a', 'us-west-2b'] }),
    path: 'nodeGroups[0].efaEnabled',
    message: 'nodeGroups[0].efaEnabled nodegroups must have only one subnet or one availability zone',
  },
  {
    name: 'instanceMarketOptions without capacityReservation',
    rule: nodeGroupKindRules,
    text: file(...ng()),
    pass: set('nodeGroups', { instanceMarketOptions: {}, capacityReservation: {} }),
    fail: set('nodeGroups', { instanceMarketOptions: {} }),
    path: 'nodeGroups[0].instanceMarketOptions',
    message: 'instanceMarketOptions cannot be set without capacityReservation',
  },
  {
    name: 'updateConfig with neither field',
    rule: nodeGroupKindRules,
    text: file(...mng()),
    pass: set('managedNodeGroups', { updateConfig: { maxUnavailable: 1 } }),
    fail: set('managedNodeGroups', { updateConfig: {} }),
    path: 'managedNodeGroups[0].updateConfig',
    message: 'invalid UpdateConfig: maxUnavailable or maxUnavailablePercentage must be defined',
  },
  {
    name: 'updateConfig with both fields',
    rule: nodeGroupKindRules,
    text: file(...mng()),
    pass: set('managedNodeGroups', { updateConfig: { maxUnavailablePercentage: 50 } }),
    fail: set('managedNodeGroups', { updateConfig: { maxUnavailable: 1, maxUnavailablePercentage: 50 } }),
    path: 'managedNodeGroups[0].updateConfig',
    message: 'cannot use maxUnavailable=1 and maxUnavailablePercentage=50 at the same time',
  },
  {
    name: 'maxUnavailable above maxSize',
    rule: nodeGroupKindRules,
    text: file(...mng('maxSize: 3')),
    pass: set('managedNodeGroups', { updateConfig: { maxUnavailable: 3 } }),
    fail: set('managedNodeGroups', { updateConfig: { maxUnavailable: 4 } }),
    path: 'managedNodeGroups[0].updateConfig.maxUnavailable',
    message: 'maxUnavailable=4 cannot be greater than maxSize=3',
  },
  {
    name: 'a launch template with instancePrefix',
    rule: nodeGroupKindRules,
    text: file(...mng('launchTemplate: {id: lt-0abc}')),
    pass: set('managedNodeGroups', { releaseVersion: '1' }),
    fail: set('managedNodeGroups', { instancePrefix: 'p' }),
    path: 'managedNodeGroups[0].launchTemplate',
    message: 'in managedNodeGroup when a launch template is supplied',
  },
  {
    name: 'a custom AMI with releaseVersion',
    rule: nodeGroupKindRules,
    text: file(...mng('ami: ami-0abc', 'amiFamily: AmazonLinux2023')),
    pass: set('managedNodeGroups', { releaseVersion: '' }),
    fail: set('managedNodeGroups', { releaseVersion: '1.30.0-20240101' }),
    path: 'managedNodeGroups[0].releaseVersion',
    message: 'managedNodeGroups[0].releaseVersion is not supported when using a custom AMI (managedNodeGroups[0].ami)',
  },
  {
    name: 'a given role with instanceRoleName',
    rule: nodeGroupKindRules,
    text: file(...ng(`iam: {instanceRoleARN: "${ROLE}"}`)),
    pass: (c) => Object.assign(first(c, 'nodeGroups')['iam'] as Record<string, unknown>, { instanceRoleName: '' }),
    fail: (c) => Object.assign(first(c, 'nodeGroups')['iam'] as Record<string, unknown>, { instanceRoleName: 'n' }),
    path: 'nodeGroups[0].iam.instanceRoleName',
    message: 'nodeGroups[0].iam.instanceRoleARN and nodeGroups[0].iam.instanceRoleName cannot be set at the same time',
  },
  {
    name: 'Windows with kubeletExtraConfig',
    rule: nodeGroupKindRules,
    text: file(...ng('amiFamily: WindowsServer2022CoreContainer')),
    pass: set('nodeGroups', {}),
    fail: set('nodeGroups', { kubeletExtraConfig: {} }),
    path: 'nodeGroups[0].kubeletExtraConfig',
    message:
      'kubeletExtraConfig is not supported for WindowsServer2022CoreContainer nodegroups (path=nodeGroups[0].kubeletExtraConfig)',
  },
  {
    name: 'a service account with only a role to attach',
    rule: serviceAccounts,
    text: lines(HEADER, 'iam:', '  withOIDC: true', '  serviceAccounts:', '    - metadata: {name: s1}'),
    pass: (c) =>
      Object.assign(((c['iam'] as Record<string, unknown>)['serviceAccounts'] as Record<string, unknown>[])[0]!, {
        attachRoleARN: ROLE,
      }),
    fail: (c) =>
      Object.assign(((c['iam'] as Record<string, unknown>)['serviceAccounts'] as Record<string, unknown>[])[0]!, {
        wellKnownPolicies: { autoScaler: false },
      }),
    path: 'iam.serviceAccounts[0]',
    message: 'iam.serviceAccounts[0].wellKnownPolicies, iam.serviceAccounts[0].attachPolicyARNs',
  },
  {
    name: 'an add-on with default pod identity needs the agent',
    rule: podIdentityAssociations,
    text: file('addons: [{name: vpc-cni}]'),
    pass: root({ addons: [{ name: 'vpc-cni' }] }),
    fail: root({ addons: [{ name: 'vpc-cni', useDefaultPodIdentityAssociations: true }] }),
    path: 'addons',
    message: 'the "eks-pod-identity-agent" addon must be installed to create pod identity associations',
  },
  {
    name: 'auto-applied pod identity needs the agent, unless Auto Mode',
    rule: podIdentityAssociations,
    text: file('addons: [{name: vpc-cni}]'),
    pass: root({ addonsConfig: { autoApplyPodIdentityAssociations: true }, autoModeConfig: { enabled: true } }),
    fail: root({ addonsConfig: { autoApplyPodIdentityAssociations: true } }),
    path: 'addons',
    message: 'the "eks-pod-identity-agent" addon must be installed',
  },
  {
    name: 'an add-on with IRSA and pod identity',
    rule: addons,
    text: file('addons: [{name: vpc-cni}]'),
    pass: root({ addons: [{ name: 'vpc-cni', podIdentityAssociations: [{}] }] }),
    fail: root({ addons: [{ name: 'vpc-cni', serviceAccountRoleARN: ROLE, podIdentityAssociations: [{}] }] }),
    path: 'addons[0].podIdentityAssociations',
    message: 'invalid configuration for "vpc-cni" addon: cannot set IRSA config',
  },
  {
    name: 'an add-on with two policy sources',
    rule: addons,
    text: file('addons: [{name: vpc-cni}]'),
    pass: root({ addons: [{ name: 'vpc-cni', wellKnownPolicies: { ebsCSIController: true } }] }),
    fail: root({ addons: [{ name: 'vpc-cni', serviceAccountRoleARN: ROLE, attachPolicy: {} }] }),
    path: 'addons[0].serviceAccountRoleARN',
    message:
      'at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified',
  },
  {
    name: 'pod identity associations on the agent add-on',
    rule: addons,
    text: file('addons: [{name: eks-pod-identity-agent}]'),
    pass: root({ addons: [{ name: 'eks-pod-identity-agent' }] }),
    fail: root({ addons: [{ name: 'eks-pod-identity-agent', podIdentityAssociations: [{}] }] }),
    path: 'addons[0].podIdentityAssociations',
    message: 'cannot set pod identity associations for "eks-pod-identity-agent" addon',
  },
  {
    name: 'hostnameType unknown',
    rule: vpcSettings,
    text: file('vpc: {cidr: 10.0.0.0/16}'),
    pass: (c) => Object.assign(c['vpc'] as object, { hostnameType: 'resource-name' }),
    fail: (c) => Object.assign(c['vpc'] as object, { hostnameType: 'ip' }),
    path: 'vpc.hostnameType',
    message: 'invalid value "ip" for vpc.hostnameType; supported values are [ip-name resource-name]',
  },
  {
    name: 'hostnameType with a supplied VPC',
    rule: vpcSettings,
    text: file('vpc: {subnets: {private: {us-west-2a: {id: subnet-0a}}}}'),
    pass: (c) => Object.assign(c['vpc'] as object, { hostnameType: '' }),
    fail: (c) => Object.assign(c['vpc'] as object, { hostnameType: 'ip-name' }),
    path: 'vpc.hostnameType',
    message: 'vpc.hostnameType is not supported with a pre-existing VPC',
  },
  {
    name: 'Karpenter without a version',
    rule: optionalFeatures,
    text: file('iam: {withOIDC: true}'),
    pass: root({ karpenter: { version: '1.2.0' } }),
    fail: root({ karpenter: {} }),
    path: 'karpenter',
    message: 'failed to validate Karpenter config: version field is required if installing Karpenter is enabled',
  },
  {
    name: 'Karpenter without OIDC',
    rule: optionalFeatures,
    text: file(),
    pass: root({}),
    fail: root({ karpenter: { version: '1.2.0' } }),
    path: 'iam',
    message: 'failed to validate Karpenter config: iam.withOIDC must be enabled with Karpenter',
  },
  {
    name: 'an OIDC identity provider without a client id',
    rule: optionalFeatures,
    text: file(),
    pass: root({ identityProviders: [{ type: 'oidc', name: 'n', clientID: 'c', issuerURL: 'https://i' }] }),
    fail: root({ identityProviders: [{ type: 'oidc', name: 'n', issuerURL: 'https://i' }] }),
    path: 'identityProviders[0]',
    message: 'identityProviders[0] is invalid: clientID must be set and non-empty',
  },
  {
    name: 'Auto Mode node pools unknown',
    rule: optionalFeatures,
    text: file(),
    pass: root({ autoModeConfig: { enabled: true, nodePools: ['general-purpose', 'system'] } }),
    fail: root({ autoModeConfig: { enabled: true, nodePools: ['gpu'] } }),
    path: 'autoModeConfig',
    message: 'invalid NodePool "gpu"',
  },
  {
    name: 'Auto Mode node pools twice',
    rule: optionalFeatures,
    text: file(),
    pass: root({ autoModeConfig: { enabled: true, nodePools: ['system'] } }),
    fail: root({ autoModeConfig: { enabled: true, nodePools: ['system', 'system'] } }),
    path: 'autoModeConfig',
    message: 'found duplicate node pool: "system"',
  },
  {
    name: 'Auto Mode node role without node pools',
    rule: optionalFeatures,
    text: file(),
    pass: root({ autoModeConfig: { enabled: true, nodeRoleARN: ROLE } }),
    fail: root({ autoModeConfig: { enabled: true, nodePools: [], nodeRoleARN: ROLE } }),
    path: 'autoModeConfig',
    message: 'cannot specify autoModeConfig.nodeRoleARN when autoModeConfig.nodePools is empty',
  },
  {
    name: 'Auto Mode node role and permissions boundary',
    rule: optionalFeatures,
    text: file(),
    pass: root({ autoModeConfig: { enabled: true, permissionsBoundaryARN: ROLE } }),
    fail: root({ autoModeConfig: { enabled: true, nodeRoleARN: ROLE, permissionsBoundaryARN: ROLE } }),
    path: 'autoModeConfig',
    message: 'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodeRoleARN is set',
  },
  {
    name: 'Auto Mode settings while disabled',
    rule: optionalFeatures,
    text: file(),
    pass: root({ autoModeConfig: { enabled: false } }),
    fail: root({ autoModeConfig: { enabled: false, nodePools: ['system'] } }),
    path: 'autoModeConfig',
    message:
      'cannot set autoModeConfig.nodeRoleARN, autoModeConfig.permissionBoundaryARN, or autoModeConfig.nodePools when Auto Mode is disabled',
  },
];

describe('rules on fields private-eks does not build yet, checked on the rule', () => {
  describe.each(DORMANT)('$name', (c) => {
    it('passes, and fails at the field in eksctl words', () => {
      const passed: Problem[] = c.rule(contextWith(c.text, c.pass));
      expect(passed.filter((p) => p.path === c.path)).toEqual([]);
      const failed = c.rule(contextWith(c.text, c.fail)).filter((p) => p.path === c.path);
      expect(failed).toHaveLength(1);
      expect(failed[0]!.message).toContain(c.message);
      expect(failed[0]!.hint).toBeTruthy();
    });
  });
});

describe("the inventory of eksctl's rules (eksctl-inventory.ts) names cases that exist", () => {
  it('every covered rule names a case, every covered-dormant rule a rule-level case', () => {
    const cases = new Set(CASES.map((c) => `${c.area}: ${c.name}`));
    const dormant = new Set(DORMANT.map((c) => c.name));
    const unknown = EKSCTL_RULES.filter(
      (r) =>
        (r.status === 'covered' && !cases.has(r.test ?? '')) ||
        (r.status === 'covered-dormant' && !dormant.has(r.test ?? '')),
    ).map((r) => `${r.id}: ${r.test ?? ''}`);
    expect(unknown).toEqual([]);
  });
});
