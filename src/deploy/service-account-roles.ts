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
import type { Addon, ServiceAccount } from '../config/resolved.js';
import type { AddonIam } from '../plan/addon-iam.js';
import type { Partition } from '../plan/types.js';
import { arnValue, awsManagedPolicyArn } from '../templates/cfn.js';
import { vpcCniIpv6Policy, type InlinePolicy } from '../templates/iam.js';
import { wellKnownPolicySet } from '../templates/policy-sets.js';
import type { CfnValue, Template } from '../templates/types.js';

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
  const wellKnown = wellKnownPolicySet(sa.wellKnownPolicies ?? []);
  return irsaRoleTemplate({
    description: `IAM role for serviceaccount "${sa.namespace}/${sa.name}" [created by private-eks]`,
    subject: { namespace: sa.namespace, name: sa.subjectPattern ?? sa.name },
    ...(sa.subjectPattern === undefined ? {} : { subjectLike: true }),
    providerArn: input.providerArn,
    issuerUrl: input.issuerUrl,
    managedPolicyArns: [...sa.attachPolicyARNs, ...wellKnown.managed],
    inlinePolicies: [
      ...(sa.attachPolicy === undefined
        ? []
        : [{ PolicyName: 'private-eks-inline', PolicyDocument: sa.attachPolicy as CfnValue }]),
      ...wellKnown.inline,
    ],
    ...(sa.roleName === undefined ? {} : { roleName: sa.roleName }),
    ...(sa.permissionsBoundary === undefined ? {} : { permissionsBoundary: sa.permissionsBoundary }),
    tags: input.tags,
  });
}

/** eksctl's name for an add-on's IRSA role stack (its makeAddonName). */
export function addonRoleStackName(cluster: string, addon: Pick<Addon, 'name'>): string {
  return `eksctl-${cluster}-addon-${addon.name}`;
}

export interface AddonRoleTemplateInput {
  readonly addon: Addon;
  readonly iam: AddonIam & { kind: 'irsa' };
  readonly providerArn: string;
  readonly issuerUrl: string;
  readonly partition: Partition;
  readonly tags: Readonly<Record<string, string>>;
}

/** An add-on's IRSA role (plan/addon-iam.ts says which policies). */
export function addonRoleTemplate(input: AddonRoleTemplateInput): Template {
  const { iam } = input;
  const wellKnown = wellKnownPolicySet(iam.wellKnownPolicies);
  return irsaRoleTemplate({
    description: `IAM role for add-on "${input.addon.name}" [created by private-eks]`,
    ...(iam.serviceAccount === undefined ? {} : { subject: iam.serviceAccount }),
    providerArn: input.providerArn,
    issuerUrl: input.issuerUrl,
    managedPolicyArns: [
      ...iam.policyArns.map((arn) => arnValue(arn, input.partition)),
      ...iam.managedPolicyNames.map(awsManagedPolicyArn),
      ...wellKnown.managed,
    ],
    inlinePolicies: [
      ...(iam.attachPolicy === undefined
        ? []
        : [{ PolicyName: 'Policy1', PolicyDocument: iam.attachPolicy as CfnValue }]),
      ...(iam.ipv6CniPolicy ? [vpcCniIpv6Policy()] : []),
      ...wellKnown.inline,
    ],
    ...(input.addon.permissionsBoundary === undefined ? {} : { permissionsBoundary: input.addon.permissionsBoundary }),
    tags: input.tags,
  });
}

interface IrsaRoleSpec {
  readonly description: string;
  /** The one service account that may assume the role; absent: any of the cluster's (eksctl's trust for unknown add-ons). */
  readonly subject?: { readonly namespace: string; readonly name: string };
  /** The subject's name is a pattern (`subjectPattern`): StringLike instead of StringEquals (eksctl). */
  readonly subjectLike?: boolean;
  readonly providerArn: string;
  readonly issuerUrl: string;
  readonly managedPolicyArns: readonly CfnValue[];
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly roleName?: string;
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
}

function irsaRoleTemplate(spec: IrsaRoleSpec): Template {
  const issuer = spec.issuerUrl.replace(/^https:\/\//, '');
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: spec.description,
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
                Principal: { Federated: spec.providerArn },
                Condition: trustCondition(issuer, spec),
              },
            ],
          },
          ...(spec.managedPolicyArns.length > 0 ? { ManagedPolicyArns: [...spec.managedPolicyArns] } : {}),
          ...(spec.inlinePolicies.length > 0 ? { Policies: [...spec.inlinePolicies] } : {}),
          ...(spec.roleName === undefined ? {} : { RoleName: spec.roleName }),
          ...(spec.permissionsBoundary === undefined ? {} : { PermissionsBoundary: spec.permissionsBoundary }),
          Tags: Object.entries(spec.tags).map(([Key, Value]) => ({ Key, Value })),
        },
      },
    },
    Outputs: {
      [ROLE_LOGICAL_ID]: {
        Description: 'The IAM role',
        Value: { 'Fn::GetAtt': [ROLE_LOGICAL_ID, 'Arn'] },
      },
    },
  };
}

function trustCondition(issuer: string, spec: IrsaRoleSpec): Record<string, CfnValue> {
  const subject =
    spec.subject === undefined
      ? {}
      : { [`${issuer}:sub`]: `system:serviceaccount:${spec.subject.namespace}:${spec.subject.name}` };
  const audience = { [`${issuer}:aud`]: 'sts.amazonaws.com' };
  return spec.subjectLike === true
    ? { StringLike: subject, StringEquals: audience }
    : { StringEquals: { ...audience, ...subject } };
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
      labels: {
        ...(sa.labels ?? {}),
        'app.kubernetes.io/managed-by': 'private-eks',
        'private-eks.io/cluster': cluster,
      },
      annotations: { ...(sa.annotations ?? {}), 'eks.amazonaws.com/role-arn': roleArn },
    },
  };
}
