/**
 * eksctl's checks on cluster settings (rules/cluster-settings.ts) and the features out of scope (V9
 * local zones, V11 Outposts), file by file: every problem the file gets, its severity, where it
 * points, its message and hint.
 */
import { describe } from 'vitest';
import { itGivesTheseProblems, type ExpectedProblem, type ProblemCase } from './problem-table.js';

const OIDC = {
  rule: 'VALUE',
  message: 'iam.withOIDC must be enabled explicitly for iam.serviceAccounts to be created',
  hint: 'add withOIDC: true under iam, or use iam.podIdentityAssociations',
} as const;
const SERVICE_ACCOUNT = '  serviceAccounts: [{metadata: {name: s}, attachPolicyARNs: ["arn:aws:iam::aws:policy/P"]}]';
const RETENTION = {
  rule: 'VALUE',
  path: 'cloudWatch.clusterLogging.logRetentionInDays',
  at: 'logRetentionInDays',
  message: 'cannot set cloudWatch.clusterLogging.logRetentionInDays without enabling log types',
  hint: 'add enableTypes: ["*"] (or some of api, audit, authenticator, controllerManager, scheduler)',
} as const;
const irsaWarning = (addon: string, field: string, index: number, occurrence = 1): ExpectedProblem => ({
  rule: 'VALUE',
  severity: 'warning',
  path: `addons[${index}].${field}`,
  at: [`${field}:`, occurrence],
  message: `IRSA config is set for "${addon}" addon, but since OIDC is disabled on the cluster, no role is created for it: it runs with the node role`,
  hint: 'add withOIDC: true under iam, or use useDefaultPodIdentityAssociations',
});
const BARE: ExpectedProblem = {
  rule: 'VALUE',
  path: 'addonsConfig.disableDefaultAddons',
  at: 'true}',
  message:
    'fields nodeGroups, managedNodeGroups, fargateProfiles, karpenter, gitops, iam.serviceAccounts, and iam.podIdentityAssociations are not supported during cluster creation in a cluster without VPC CNI if Auto Mode is disabled; please remove these fields and add them back after cluster creation is successful',
  hint: 'add the vpc-cni add-on (addons: [{name: vpc-cni}]), or remove disableDefaultAddons',
};
const LOCAL_ZONES = {
  rule: 'V9',
  message: 'localZones cannot be used in a fully-private cluster',
  hint: 'remove localZones: nodes run in the private subnets of the availability zones',
} as const;

const CASES: ProblemCase[] = [
  // ---- service accounts need OIDC --------------------------------------------------------------
  { name: 'service accounts with withOIDC: true', yaml: ['iam:', '  withOIDC: true', SERVICE_ACCOUNT], problems: [] },
  {
    name: 'service accounts without withOIDC (at serviceAccounts)',
    yaml: ['iam:', SERVICE_ACCOUNT],
    problems: [{ ...OIDC, path: 'iam.serviceAccounts', at: 'serviceAccounts' }],
  },
  {
    name: 'service accounts with withOIDC: false (at the value)',
    yaml: ['iam:', '  withOIDC: false', SERVICE_ACCOUNT],
    problems: [{ ...OIDC, path: 'iam.withOIDC', at: 'false' }],
  },
  { name: 'no service accounts, no OIDC', yaml: ['iam: {withOIDC: false, serviceAccounts: []}'], problems: [] },
  // ---- log retention needs log types -------------------------------------------------------------
  {
    name: 'retention with log types',
    yaml: ['cloudWatch: {clusterLogging: {logRetentionInDays: 7, enableTypes: [api]}}'],
    problems: [],
  },
  {
    name: 'retention without log types',
    yaml: ['cloudWatch: {clusterLogging: {logRetentionInDays: 7}}'],
    problems: [RETENTION],
  },
  {
    name: 'retention with an empty list of log types',
    yaml: ['cloudWatch: {clusterLogging: {logRetentionInDays: 7, enableTypes: []}}'],
    problems: [RETENTION],
  },
  // ---- add-on IRSA policies without OIDC (a warning) -----------------------------------------------
  {
    name: "add-ons' IRSA policies without OIDC: each kind warned, at its field",
    yaml: [
      'addons:',
      '  - {name: a1, attachPolicyARNs: []}',
      '  - {name: a2, wellKnownPolicies: {autoScaler: true}}',
      '  - {name: a3, attachPolicy: {Version: "2012-10-17", Statement: []}}',
      '  - {name: a4, attachPolicyARNs: ["arn:aws:iam::aws:policy/P"]}',
    ],
    problems: [
      irsaWarning('a2', 'wellKnownPolicies', 1),
      irsaWarning('a3', 'attachPolicy', 2),
      irsaWarning('a4', 'attachPolicyARNs', 3, 2),
    ],
  },
  {
    name: 'an add-on with its own role is not warned',
    yaml: ['addons:', '  - {name: a5, serviceAccountRoleARN: "arn:aws:iam::123456789012:role/r"}'],
    problems: [],
  },
  {
    name: "add-ons' IRSA policies with OIDC",
    yaml: ['iam: {withOIDC: true}', 'addons:', '  - {name: a4, attachPolicyARNs: ["arn:aws:iam::aws:policy/P"]}'],
    problems: [],
  },
  // ---- a bare cluster (no default add-ons, no vpc-cni) -------------------------------------------
  {
    name: 'no default add-ons and a nodegroup with nodes',
    yaml: [
      'addonsConfig: {disableDefaultAddons: true}',
      'nodeGroups:',
      '  - {name: n, privateNetworking: true, desiredCapacity: 1}',
    ],
    problems: [BARE],
  },
  {
    name: 'no default add-ons and a Fargate profile',
    yaml: ['addonsConfig: {disableDefaultAddons: true}', 'fargateProfiles: [{name: f, selectors: [{namespace: n}]}]'],
    problems: [BARE],
  },
  {
    name: 'no default add-ons and a pod identity association',
    yaml: [
      'addonsConfig: {disableDefaultAddons: true}',
      'addons: [{name: eks-pod-identity-agent}]',
      'iam: {podIdentityAssociations: [{namespace: n, serviceAccountName: s, roleARN: "arn:aws:iam::123456789012:role/r"}]}',
    ],
    problems: [BARE],
  },
  {
    name: 'no default add-ons and a nodegroup of zero nodes',
    yaml: [
      'addonsConfig: {disableDefaultAddons: true}',
      'nodeGroups:',
      '  - {name: n, privateNetworking: true, desiredCapacity: 0}',
    ],
    problems: [],
  },
  {
    name: 'no default add-ons but the vpc-cni add-on',
    yaml: [
      'addonsConfig: {disableDefaultAddons: true}',
      'addons: [{name: vpc-cni}]',
      'nodeGroups:',
      '  - {name: n, privateNetworking: true, desiredCapacity: 1}',
    ],
    problems: [],
  },
  // ---- V9, V11 -----------------------------------------------------------------------------------
  {
    name: 'local zones on the cluster and a nodegroup (an empty list is none), and an Outpost',
    yaml: [
      'localZones: [us-west-2-lax-1a]',
      'nodeGroups:',
      '  - {name: n, privateNetworking: true, localZones: [us-west-2-lax-1a]}',
      '  - {name: m, privateNetworking: true, localZones: []}',
      'outpost: {controlPlaneOutpostARN: x}',
    ],
    problems: [
      { ...LOCAL_ZONES, path: 'localZones', at: 'localZones' },
      { ...LOCAL_ZONES, path: 'nodeGroups[0].localZones', at: ['localZones', 2] },
      {
        rule: 'V11',
        path: 'outpost',
        at: 'outpost',
        message: 'outpost is not supported by private-eks yet',
        hint: 'remove outpost: the control plane runs in the region',
      },
    ],
  },
];

describe("eksctl's cluster settings, local zones and Outposts", () => {
  itGivesTheseProblems(CASES);
});

// The boundaries the table above leaves open: an add-on with its own role beside IRSA policies, a
// bare cluster with Auto Mode, nodes in only one of two nodegroups, and service accounts alone.
describe("addonAttachPolicyArns: an add-on's own role", () => {
  itGivesTheseProblems([
    {
      name: 'an add-on with serviceAccountRoleARN and attachPolicyARNs: refused as eksctl does, but not warned of OIDC',
      yaml: [
        'addons:',
        '  - name: a1',
        '    serviceAccountRoleARN: "arn:aws:iam::123456789012:role/r"',
        '    attachPolicyARNs: ["arn:aws:iam::aws:policy/P"]',
      ],
      problems: [
        {
          rule: 'VALUE',
          path: 'addons[0].serviceAccountRoleARN',
          at: 'serviceAccountRoleARN',
          message:
            'invalid configuration for "a1" addon: at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified',
          hint: 'keep one of them',
        },
      ],
    },
  ]);
});

describe('bareClusterWithoutVpcCni: the boundaries of "needs pods"', () => {
  itGivesTheseProblems([
    {
      name: 'Auto Mode runs pods without vpc-cni: a Fargate profile is taken',
      yaml: [
        'addonsConfig: {disableDefaultAddons: true}',
        'autoModeConfig: {enabled: true}',
        'fargateProfiles: [{name: f, selectors: [{namespace: n}]}]',
      ],
      problems: [],
    },
    {
      name: 'one nodegroup of zero nodes and one with nodes: refused',
      yaml: [
        'addonsConfig: {disableDefaultAddons: true}',
        'nodeGroups:',
        '  - {name: n, privateNetworking: true, desiredCapacity: 0}',
        'managedNodeGroups:',
        '  - {name: m, privateNetworking: true, desiredCapacity: 1}',
      ],
      problems: [BARE],
    },
    {
      name: 'service accounts alone (with OIDC): refused',
      yaml: [
        'addonsConfig: {disableDefaultAddons: true}',
        'iam:',
        '  withOIDC: true',
        '  serviceAccounts: [{metadata: {name: s}, attachPolicyARNs: ["arn:aws:iam::aws:policy/P"]}]',
      ],
      problems: [BARE],
    },
  ]);
});
