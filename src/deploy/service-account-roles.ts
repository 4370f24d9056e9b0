/**
 * IAM roles for service accounts (IRSA, `iam.serviceAccounts`): one stack per service account,
 * named as eksctl names them (`eksctl-<cluster>-addon-iamserviceaccount-<namespace>-<name>`) so
 * `eksctl get iamserviceaccount` finds them. The role trusts the cluster's OIDC provider for
 * exactly that service account (`<issuer>:sub` = `system:serviceaccount:<ns>:<name>`, `:aud` =
 * `sts.amazonaws.com`) — least privilege: no other pod can assume it.
 *
 * This template is built here and not in src/templates because the condition keys are the OIDC
 * issuer's host, known only once the cluster stack exists (a JSON key cannot be an intrinsic).
 */
import type { ServiceAccount } from '../config/resolved.js';
import type { Template } from '../templates/types.js';

export const ROLE_LOGICAL_ID = 'Role1';

export function serviceAccountStackName(cluster: string, sa: Pick<ServiceAccount, 'namespace' | 'name'>): string {
  return `eksctl-${cluster}-addon-iamserviceaccount-${sa.namespace}-${sa.name}`;
}

export interface RoleTemplateInput {
  readonly serviceAccount: ServiceAccount;
  /** The IAM OIDC provider's ARN (cluster stack output OIDCProviderARN). */
  readonly providerArn: string;
  /** `https://oidc.eks.<region>.amazonaws.com/id/<ID>` (cluster stack output OIDCIssuerURL). */
  readonly issuerUrl: string;
  readonly tags: Readonly<Record<string, string>>;
}

export function serviceAccountRoleTemplate(input: RoleTemplateInput): Template {
  const sa = input.serviceAccount;
  const issuer = input.issuerUrl.replace(/^https:\/\//, '');
  const inline =
    sa.attachPolicy === undefined ? [] : [{ PolicyName: 'private-eks-inline', PolicyDocument: sa.attachPolicy }];
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `IAM role for serviceaccount "${sa.namespace}/${sa.name}" [created by private-eks]`,
    Resources: {
      [ROLE_LOGICAL_ID]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['sts:AssumeRoleWithWebIdentity'],
                Principal: { Federated: input.providerArn },
                Condition: {
                  StringEquals: {
                    [`${issuer}:aud`]: 'sts.amazonaws.com',
                    [`${issuer}:sub`]: `system:serviceaccount:${sa.namespace}:${sa.name}`,
                  },
                },
              },
            ],
          },
          ...(sa.attachPolicyARNs.length > 0 ? { ManagedPolicyArns: [...sa.attachPolicyARNs] } : {}),
          ...(inline.length > 0 ? { Policies: inline as never } : {}),
          ...(sa.roleName === undefined ? {} : { RoleName: sa.roleName }),
          Tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })),
        },
      },
    },
    Outputs: {
      [ROLE_LOGICAL_ID]: {
        Description: 'The role of the service account',
        Value: { 'Fn::GetAtt': [ROLE_LOGICAL_ID, 'Arn'] },
      },
    },
  };
}

/** A named role needs CAPABILITY_NAMED_IAM; an unnamed one CAPABILITY_IAM. */
export function serviceAccountCapabilities(sa: ServiceAccount): string[] {
  return [sa.roleName === undefined ? 'CAPABILITY_IAM' : 'CAPABILITY_NAMED_IAM'];
}

/** The ServiceAccount object that points pods at the role (IRSA's annotation). */
export function serviceAccountObject(sa: ServiceAccount, roleArn: string, cluster: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: sa.name,
      namespace: sa.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'private-eks', 'private-eks.io/cluster': cluster },
      annotations: { 'eks.amazonaws.com/role-arn': roleArn },
    },
  };
}
