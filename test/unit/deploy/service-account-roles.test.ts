/**
 * The IRSA role template (built in src/deploy because its trust-policy keys are the OIDC issuer's
 * host, known only after the cluster stack exists): least privilege and cfn-lint clean, like every
 * template private-eks deploys (SPEC §6).
 */
import { describe, expect, it } from 'vitest';
import {
  addonRoleTemplate,
  serviceAccountCapabilities,
  serviceAccountRoleTemplate,
} from '../../../src/deploy/service-account-roles.js';
import { formatFinding, lintTemplateTexts } from '../../helpers/cfn-lint.js';
import { serviceAccount } from '../../helpers/resolved-config.js';

const input = {
  providerArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABCDEF',
  issuerUrl: 'https://oidc.eks.us-west-2.amazonaws.com/id/ABCDEF',
  tags: { 'alpha.eksctl.io/cluster-name': 'c1' },
};

describe('IRSA role template', () => {
  it('trusts only that service account through the cluster OIDC provider, for sts.amazonaws.com', () => {
    const template = serviceAccountRoleTemplate({
      ...input,
      serviceAccount: serviceAccount('s3-reader', { namespace: 'backend' }),
    });
    const role = template.Resources['Role1'];
    expect(role?.Properties['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sts:AssumeRoleWithWebIdentity'],
          Principal: { Federated: input.providerArn },
          Condition: {
            StringEquals: {
              'oidc.eks.us-west-2.amazonaws.com/id/ABCDEF:aud': 'sts.amazonaws.com',
              'oidc.eks.us-west-2.amazonaws.com/id/ABCDEF:sub': 'system:serviceaccount:backend:s3-reader',
            },
          },
        },
      ],
    });
    expect(role?.Properties['ManagedPolicyArns']).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    expect(serviceAccountCapabilities(serviceAccount('a'))).toEqual(['CAPABILITY_IAM']);
    expect(serviceAccountCapabilities(serviceAccount('a', { roleName: 'named' }))).toEqual(['CAPABILITY_NAMED_IAM']);
  });

  it('passes cfn-lint with no errors (managed policies, an inline policy, a role name)', () => {
    const templates = [
      serviceAccount('managed'),
      serviceAccount('inline', {
        attachPolicyARNs: [],
        attachPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['sqs:ReceiveMessage'], Resource: 'arn:aws:sqs:us-west-2:111122223333:jobs' },
          ],
        },
      }),
      serviceAccount('named', { roleName: 'my-irsa-role' }),
      serviceAccount('bounded', { permissionsBoundary: 'arn:aws:iam::111122223333:policy/workload-boundary' }),
      serviceAccount('pattern', { namespace: 'jobs', subjectPattern: 'job-runner-*' }),
    ].map((sa) => ({
      name: `${sa.name}.json`,
      region: 'us-west-2',
      body: JSON.stringify(serviceAccountRoleTemplate({ ...input, serviceAccount: sa })),
    }));
    const findings = lintTemplateTexts(templates);
    expect(findings.filter((f) => f.level === 'Error').map(formatFinding)).toEqual([]);
  });

  it("puts iam.serviceAccounts[].permissionsBoundary on the role, and an add-on's on its IRSA role", () => {
    const boundary = 'arn:aws:iam::111122223333:policy/workload-boundary';
    const bounded = serviceAccountRoleTemplate({
      ...input,
      serviceAccount: serviceAccount('s3-reader', { permissionsBoundary: boundary }),
    });
    expect(bounded.Resources['Role1']?.Properties['PermissionsBoundary']).toBe(boundary);
    const plain = serviceAccountRoleTemplate({ ...input, serviceAccount: serviceAccount('s3-reader') });
    expect(plain.Resources['Role1']?.Properties).not.toHaveProperty('PermissionsBoundary');
    const addonRole = addonRoleTemplate({
      ...input,
      addon: {
        name: 'vpc-cni',
        attachPolicyARNs: [],
        resolveConflicts: 'OVERWRITE',
        tags: {},
        permissionsBoundary: boundary,
      },
      iam: {
        kind: 'irsa',
        policyArns: ['arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'],
        managedPolicyNames: [],
        wellKnownPolicies: [],
        ipv6CniPolicy: false,
      },
      partition: 'aws',
    });
    expect(addonRole.Resources['Role1']?.Properties['PermissionsBoundary']).toBe(boundary);
  });

  it('trusts every service account matching subjectPattern with StringLike, the audience still with StringEquals', () => {
    const template = serviceAccountRoleTemplate({
      ...input,
      serviceAccount: serviceAccount('job-runner', { namespace: 'jobs', subjectPattern: 'job-runner-*' }),
    });
    const document = template.Resources['Role1']?.Properties['AssumeRolePolicyDocument'] as {
      Statement: { Condition: unknown }[];
    };
    expect(document.Statement[0]?.Condition).toEqual({
      StringLike: { 'oidc.eks.us-west-2.amazonaws.com/id/ABCDEF:sub': 'system:serviceaccount:jobs:job-runner-*' },
      StringEquals: { 'oidc.eks.us-west-2.amazonaws.com/id/ABCDEF:aud': 'sts.amazonaws.com' },
    });
  });
});
