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
 * V19: eksctl creates an IRSA role for `addons[].attachPolicyARNs`, which needs to know each
 * add-on's service account; private-eks does not (yet), and dropping the policies silently would
 * leave the add-on without permissions.
 */
export function addonAttachPolicyArns(ctx: RuleContext): Problem[] {
  return (ctx.config.addons ?? []).flatMap((addon, i) =>
    (addon.attachPolicyARNs ?? []).length === 0
      ? []
      : [
          report(ctx, 'key', {
            rule: 'V19',
            path: ['addons', i, 'attachPolicyARNs'],
            message: `addons[${i}].attachPolicyARNs is not supported by private-eks`,
            hint: 'create a role with those policies and set serviceAccountRoleARN, or give the add-on a role through iam.podIdentityAssociations',
          }),
        ],
  );
}
