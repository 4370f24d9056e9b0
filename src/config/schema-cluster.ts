/**
 * Cluster-level parts of THE schema (schema.ts) beyond the core: OIDC identity providers, aws-auth
 * identity mappings, the upgrade policy, zonal shift and EKS Auto Mode, as eksctl spells them
 * (pkg/apis/eksctl.io/v1alpha5: identity_provider.go, identitymapping.go, auto_mode.go, types.go).
 */
import type { Static } from '@sinclair/typebox';
import { Type } from './schema-type.js';
import { StringMap, flag, oneOf, strict, text, texts } from './schema-parts.js';

/** eksctl reads an identity provider by its `type`; `oidc` is the only one. */
export const IdentityProvider = strict(
  {
    type: oneOf(['oidc'] as const, 'the kind of identity provider; eksctl knows "oidc" only'),
    // Required, but checked by eksctl's rule (rules/cluster-eksctl.ts) with eksctl's message.
    name: Type.Optional(text('the name of the identity provider configuration (required)')),
    issuerURL: Type.Optional(text('the OIDC issuer URL, https://… (required)')),
    clientID: Type.Optional(text('the client ID the ID tokens are issued for (required)')),
    usernameClaim: Type.Optional(text('the claim used as the Kubernetes user name')),
    usernamePrefix: Type.Optional(text('a prefix added to user names')),
    groupsClaim: Type.Optional(text('the claim holding the Kubernetes groups')),
    groupsPrefix: Type.Optional(text('a prefix added to group names')),
    requiredClaims: Type.Optional(StringMap),
    tags: Type.Optional(StringMap),
  },
  'an OIDC identity provider associated with the cluster (AWS::EKS::IdentityProviderConfig)',
);

export const IamIdentityMapping = strict(
  {
    arn: Type.Optional(text('the IAM role or user to map')),
    username: Type.Optional(text('its Kubernetes user name')),
    groups: Type.Optional(texts('its Kubernetes groups')),
    account: Type.Optional(text('an AWS account whose users are all mapped (mapAccounts)')),
    serviceName: Type.Optional(text('an AWS service given access, e.g. emr-containers')),
    namespace: Type.Optional(text('the namespace the service is given access to')),
    noDuplicateARNs: Type.Optional(flag('do not add a mapping for an ARN the ConfigMap already maps')),
  },
  'an entry of the aws-auth ConfigMap',
);

export const UpgradePolicy = strict(
  {
    supportType: Type.Optional(
      oneOf(['STANDARD', 'EXTENDED', ''] as const, 'STANDARD or EXTENDED support; empty: the EKS default (EXTENDED)'),
    ),
  },
  'the cluster upgrade policy',
);

export const ZonalShiftConfig = strict(
  { enabled: Type.Optional(flag('let Amazon Application Recovery Controller shift traffic away from a zone')) },
  'zonal shift',
);

export const AutoModeConfig = strict(
  {
    enabled: Type.Optional(flag('EKS Auto Mode: EKS runs the nodes, storage and load balancing')),
    nodeRoleARN: Type.Optional(text('an existing node role for Auto Mode nodes; default: one is created')),
    permissionsBoundaryARN: Type.Optional(text('permissions boundary of the node role private-eks creates')),
    nodePools: Type.Optional(texts('built-in node pools: general-purpose, system; default both')),
  },
  'EKS Auto Mode',
);

export type IdentityProviderFile = Static<typeof IdentityProvider>;
export type IamIdentityMappingFile = Static<typeof IamIdentityMapping>;
