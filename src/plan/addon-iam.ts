/**
 * How each add-on gets its AWS permissions, by eksctl's rules (pkg/actions/addon/create.go):
 * 0. the add-on's own `podIdentityAssociations`: each given role, or a Pod Identity role with the
 *    association's policies;
 * 1. IRSA set on the add-on (`serviceAccountRoleARN`, `attachPolicyARNs`, `attachPolicy`,
 *    `wellKnownPolicies`): the given role, or an IRSA role with those policies — only with
 *    `iam.withOIDC` (eksctl warns and configures nothing without it; so do we, rules/cluster-settings.ts);
 * 2. else `addonsConfig.autoApplyPodIdentityAssociations` or the add-on's
 *    `useDefaultPodIdentityAssociations`, for an add-on that supports EKS Pod Identity: a Pod
 *    Identity role per service account with AWS's recommended policies;
 * 3. else AWS's recommended IRSA policies for vpc-cni, aws-ebs-csi-driver and aws-efs-csi-driver
 *    (with `iam.withOIDC`);
 * 4. else nothing: the add-on runs with the node role.
 *
 * Which add-ons support Pod Identity, for which service account and with which policies, is what
 * EKS's DescribeAddonConfiguration answers; private-eks plans offline, so it keeps AWS's answers
 * for the add-ons it knows (POD_IDENTITY_DEFAULTS). For the others eksctl's "not supported"
 * branch applies.
 */
import type { Addon, PodIdentityRoleOptions, ResolvedConfig, WellKnownPolicyName } from '../config/resolved.js';

/** A service account an add-on's pods use: where a role's trust is narrowed to. */
export interface AddonServiceAccount {
  readonly namespace: string;
  readonly name: string;
}

export type AddonIam =
  | { readonly kind: 'node-role' }
  | { readonly kind: 'given-role'; readonly roleArn: string }
  | {
      readonly kind: 'irsa';
      /** Absent: eksctl's trust for an add-on whose service account it does not know (audience only). */
      readonly serviceAccount?: AddonServiceAccount;
      readonly policyArns: readonly string[];
      /** AWS-managed policy names (`service-role/…` included), for the recommended sets. */
      readonly managedPolicyNames: readonly string[];
      readonly wellKnownPolicies: readonly WellKnownPolicyName[];
      readonly attachPolicy?: Readonly<Record<string, unknown>>;
      /** vpc-cni in an IPv6 cluster: the IPv6 CNI policy inline (no managed policy exists). */
      readonly ipv6CniPolicy: boolean;
    }
  | {
      readonly kind: 'pod-identity';
      readonly associations: readonly {
        readonly serviceAccount: string;
        readonly managedPolicyNames: readonly string[];
        readonly ipv6CniPolicy: boolean;
        /** The file's `addons[].podIdentityAssociations`: a role of the user's (no role is made)… */
        readonly roleArn?: string;
        /** …or the created role's policy ARNs and eksctl's well-known sets. */
        readonly policyArns?: readonly string[];
        readonly wellKnownPolicies?: readonly WellKnownPolicyName[];
        /** The file's options for the created role (name, boundary, inline policy, tags). */
        readonly roleOptions?: PodIdentityRoleOptions;
      }[];
    };

/** eksctl's known service accounts (getKnownServiceAccountLocation knows aws-node; the CSI drivers' are AWS's). */
const KNOWN_SERVICE_ACCOUNTS: Readonly<Record<string, AddonServiceAccount>> = {
  'vpc-cni': { namespace: 'kube-system', name: 'aws-node' },
  'aws-ebs-csi-driver': { namespace: 'kube-system', name: 'ebs-csi-controller-sa' },
  'aws-efs-csi-driver': { namespace: 'kube-system', name: 'efs-csi-controller-sa' },
};

/** AWS's recommended Pod Identity configuration (DescribeAddonConfiguration) for the add-ons private-eks knows. */
const POD_IDENTITY_DEFAULTS: Readonly<
  Record<string, readonly { readonly serviceAccount: string; readonly managedPolicyNames: readonly string[] }[]>
> = {
  'vpc-cni': [{ serviceAccount: 'aws-node', managedPolicyNames: ['AmazonEKS_CNI_Policy'] }],
  'aws-ebs-csi-driver': [
    { serviceAccount: 'ebs-csi-controller-sa', managedPolicyNames: ['service-role/AmazonEBSCSIDriverPolicy'] },
  ],
  'aws-efs-csi-driver': [
    { serviceAccount: 'efs-csi-controller-sa', managedPolicyNames: ['service-role/AmazonEFSCSIDriverPolicy'] },
  ],
  'amazon-cloudwatch-observability': [
    { serviceAccount: 'cloudwatch-agent', managedPolicyNames: ['CloudWatchAgentServerPolicy'] },
  ],
};

/** The add-on's known service account, in the namespace namespaceConfig moves it to. */
function knownServiceAccount(addon: Addon, name: string): AddonServiceAccount | undefined {
  const known = KNOWN_SERVICE_ACCOUNTS[name];
  if (known === undefined || addon.namespace === undefined) return known;
  return { namespace: addon.namespace, name: known.name };
}

const serviceAccountOf = (sa: AddonServiceAccount | undefined): { serviceAccount?: AddonServiceAccount } =>
  sa === undefined ? {} : { serviceAccount: sa };

function hasIrsaSet(addon: Addon): boolean {
  return (
    addon.serviceAccountRoleARN !== undefined ||
    addon.attachPolicyARNs.length > 0 ||
    addon.attachPolicy !== undefined ||
    (addon.wellKnownPolicies ?? []).length > 0
  );
}

/** True when an add-on asks for an IRSA role that cannot be made because the cluster has no OIDC provider. */
export function addonIrsaWithoutOidc(config: ResolvedConfig, addon: Addon): boolean {
  return hasIrsaSet(addon) && addon.serviceAccountRoleARN === undefined && !config.iam.withOIDC;
}

export function addonIam(config: ResolvedConfig, addon: Addon): AddonIam {
  const name = addon.name.toLowerCase();
  const ipv6 = config.kubernetesNetworkConfig.ipFamily === 'IPv6';
  // 0. The file's own associations for the add-on (eksctl: a role per association unless roleARN).
  const listed = addon.podIdentityAssociations ?? [];
  if (listed.length > 0) {
    return {
      kind: 'pod-identity',
      associations: listed.map((a) => ({
        serviceAccount: a.serviceAccountName,
        managedPolicyNames: [],
        ipv6CniPolicy: false,
        ...(a.roleARN === undefined ? {} : { roleArn: a.roleARN }),
        policyArns: a.permissionPolicyARNs,
        wellKnownPolicies: a.wellKnownPolicies,
        roleOptions: a,
      })),
    };
  }
  if (hasIrsaSet(addon)) {
    if (addon.serviceAccountRoleARN !== undefined) return { kind: 'given-role', roleArn: addon.serviceAccountRoleARN };
    if (!config.iam.withOIDC) return { kind: 'node-role' };
    const serviceAccount = knownServiceAccount(addon, name);
    return {
      kind: 'irsa',
      ...(serviceAccount === undefined ? {} : { serviceAccount }),
      // eksctl uses one kind of policy per role: ARNs, else well-known sets, else the inline document.
      policyArns: addon.attachPolicyARNs,
      managedPolicyNames: [],
      wellKnownPolicies: addon.attachPolicyARNs.length > 0 ? [] : (addon.wellKnownPolicies ?? []),
      ...(addon.attachPolicyARNs.length === 0 &&
      (addon.wellKnownPolicies ?? []).length === 0 &&
      addon.attachPolicy !== undefined
        ? { attachPolicy: addon.attachPolicy }
        : {}),
      ipv6CniPolicy: false,
    };
  }
  const podIdentity = POD_IDENTITY_DEFAULTS[name];
  if (
    podIdentity !== undefined &&
    (config.addonsConfig.autoApplyPodIdentityAssociations || addon.useDefaultPodIdentityAssociations === true)
  ) {
    return {
      kind: 'pod-identity',
      associations: podIdentity.map((a) =>
        name === 'vpc-cni' && ipv6
          ? { serviceAccount: a.serviceAccount, managedPolicyNames: [], ipv6CniPolicy: true }
          : { ...a, ipv6CniPolicy: false },
      ),
    };
  }
  const recommended = recommendedIrsaPolicies(name, ipv6);
  if (recommended !== undefined && config.iam.withOIDC) {
    return {
      kind: 'irsa',
      ...serviceAccountOf(knownServiceAccount(addon, name)),
      policyArns: [],
      ...recommended,
    };
  }
  return { kind: 'node-role' };
}

/** eksctl's setRecommendedPoliciesForIRSA. */
function recommendedIrsaPolicies(
  name: string,
  ipv6: boolean,
): { managedPolicyNames: string[]; wellKnownPolicies: WellKnownPolicyName[]; ipv6CniPolicy: boolean } | undefined {
  switch (name) {
    case 'vpc-cni':
      return ipv6
        ? { managedPolicyNames: [], wellKnownPolicies: [], ipv6CniPolicy: true }
        : { managedPolicyNames: ['AmazonEKS_CNI_Policy'], wellKnownPolicies: [], ipv6CniPolicy: false };
    case 'aws-ebs-csi-driver':
      return { managedPolicyNames: [], wellKnownPolicies: ['ebsCSIController'], ipv6CniPolicy: false };
    case 'aws-efs-csi-driver':
      return { managedPolicyNames: [], wellKnownPolicies: ['efsCSIController'], ipv6CniPolicy: false };
    default:
      return undefined;
  }
}

/** The add-ons that get an IRSA role stack at deploy time (the trust names the cluster's OIDC issuer). */
export function addonsWithIrsaRoles(config: ResolvedConfig): { addon: Addon; iam: AddonIam & { kind: 'irsa' } }[] {
  return config.addons.flatMap((addon) => {
    const iam = addonIam(config, addon);
    return iam.kind === 'irsa' ? [{ addon, iam }] : [];
  });
}
