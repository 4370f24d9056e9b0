/**
 * eksctl's cluster-settings checks (rules/cluster-settings.ts) at the boundaries the table in
 * cluster-settings-rules.test.ts leaves open: an add-on with its own role beside IRSA policies,
 * a bare cluster with Auto Mode, nodes in only one of two nodegroups, and service accounts alone.
 * Every problem of each file asserted exactly; written to kill surviving mutants.
 */
import { describe } from 'vitest';
import { itGivesTheseProblems, type ExpectedProblem } from './problem-table.js';

const BARE: ExpectedProblem = {
  rule: 'VALUE',
  path: 'addonsConfig.disableDefaultAddons',
  at: 'true}',
  message:
    'fields nodeGroups, managedNodeGroups, fargateProfiles, karpenter, gitops, iam.serviceAccounts, and iam.podIdentityAssociations are not supported during cluster creation in a cluster without VPC CNI if Auto Mode is disabled; please remove these fields and add them back after cluster creation is successful',
  hint: 'add the vpc-cni add-on (addons: [{name: vpc-cni}]), or remove disableDefaultAddons',
};

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
