/**
 * eksctl's checks on cluster settings that SPEC §3 does not number (VALUE): IRSA needs the OIDC
 * provider, log retention needs logging.
 */
import type { Problem } from '../problem.js';
import { report, type RuleContext } from './context.js';

/** eksctl: service accounts get IAM roles through the cluster's OIDC provider. */
export function serviceAccountsNeedOidc(ctx: RuleContext): Problem[] {
  const iam = ctx.config.iam;
  if ((iam?.serviceAccounts ?? []).length === 0 || iam?.withOIDC === true) return [];
  return [
    report(ctx, iam?.withOIDC === false ? 'value' : 'key', {
      rule: 'VALUE',
      path: iam?.withOIDC === false ? ['iam', 'withOIDC'] : ['iam', 'serviceAccounts'],
      message: 'iam.withOIDC must be enabled explicitly for iam.serviceAccounts to be created',
      hint: 'add withOIDC: true under iam, or use iam.podIdentityAssociations',
    }),
  ];
}

/** eksctl: a retention period without log types would configure nothing. */
export function logRetentionNeedsLogging(ctx: RuleContext): Problem[] {
  const logging = ctx.config.cloudWatch?.clusterLogging;
  if (logging?.logRetentionInDays === undefined || (logging.enableTypes ?? []).length > 0) return [];
  return [
    report(ctx, 'key', {
      rule: 'VALUE',
      path: ['cloudWatch', 'clusterLogging', 'logRetentionInDays'],
      message: 'cannot set cloudWatch.clusterLogging.logRetentionInDays without enabling log types',
      hint: 'add enableTypes: ["*"] (or some of api, audit, authenticator, controllerManager, scheduler)',
    }),
  ];
}

/**
 * eksctl's OIDCDisabledWarning: an add-on's IRSA policies (`attachPolicyARNs`, `attachPolicy`,
 * `wellKnownPolicies`) need the cluster's OIDC provider; without it eksctl creates the add-on
 * with no role of its own, and warns. So does private-eks.
 */
export function addonAttachPolicyArns(ctx: RuleContext): Problem[] {
  if (ctx.config.iam?.withOIDC === true) return [];
  return (ctx.config.addons ?? []).flatMap((addon, i) => {
    if (addon.serviceAccountRoleARN !== undefined) return [];
    const field = (['attachPolicyARNs', 'wellKnownPolicies', 'attachPolicy'] as const).find((f) =>
      f === 'attachPolicyARNs' ? (addon.attachPolicyARNs ?? []).length > 0 : addon[f] !== undefined,
    );
    if (field === undefined) return [];
    return [
      report(ctx, 'key', {
        rule: 'VALUE',
        severity: 'warning',
        path: ['addons', i, field],
        message: `IRSA config is set for "${addon.name}" addon, but since OIDC is disabled on the cluster, no role is created for it: it runs with the node role`,
        hint: 'add withOIDC: true under iam, or use useDefaultPodIdentityAssociations',
      }),
    ];
  });
}

/**
 * eksctl's validateBareCluster: with the default add-ons off, no Auto Mode and no vpc-cni add-on,
 * pods get no network; eksctl then refuses everything that would run pods at create time. It
 * counts nodegroups by the desiredCapacity the file gives (its check runs before the defaults).
 */
export function bareClusterWithoutVpcCni(ctx: RuleContext): Problem[] {
  const config = ctx.config;
  if (config.addonsConfig?.disableDefaultAddons !== true || ctx.resolved.autoMode !== undefined) return [];
  if ((config.addons ?? []).some((a) => a.name === 'vpc-cni')) return [];
  const withNodes = [...(config.nodeGroups ?? []), ...(config.managedNodeGroups ?? [])].some(
    (ng) => (ng.desiredCapacity ?? 0) > 0,
  );
  const iam = config.iam;
  const needsPods =
    withNodes ||
    (config.fargateProfiles ?? []).length > 0 ||
    (iam?.serviceAccounts ?? []).length > 0 ||
    (iam?.podIdentityAssociations ?? []).length > 0;
  if (!needsPods) return [];
  return [
    report(ctx, 'value', {
      rule: 'VALUE',
      path: ['addonsConfig', 'disableDefaultAddons'],
      message:
        'fields nodeGroups, managedNodeGroups, fargateProfiles, karpenter, gitops, iam.serviceAccounts, and iam.podIdentityAssociations are not supported during cluster creation in a cluster without VPC CNI if Auto Mode is disabled; please remove these fields and add them back after cluster creation is successful',
      hint: 'add the vpc-cni add-on (addons: [{name: vpc-cni}]), or remove disableDefaultAddons',
    }),
  ];
}
