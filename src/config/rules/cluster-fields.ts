/**
 * Checks of the cluster-level fields schema-cluster.ts adds and the VPC's extra fields, with
 * eksctl's messages where eksctl has one (validation.go, identitymapping.go, auto_mode.go,
 * cmdutils/configfile.go), and what a fully-private cluster cannot do: aws-auth
 * mappings the cluster would ignore (authenticationMode API).
 */
import type { FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { eachNodeGroup, report, type RuleContext } from './context.js';

/** The one AWS service eksctl can grant a namespace to (pkg/authconfigmap/service_access.go). */
const EMR_CONTAINERS = 'emr-containers';

/** EKS associates at most one OIDC identity provider with a cluster. */
export function identityProviders(ctx: RuleContext): Problem[] {
  const providers = ctx.config.identityProviders ?? [];
  return providers.slice(1).map((_, i) =>
    report(ctx, 'value', {
      rule: 'VALUE',
      path: ['identityProviders', i + 1],
      message: 'EKS associates one OIDC identity provider with a cluster; identityProviders lists more than one',
      hint: 'keep one entry; map more issuers in that provider (e.g. a federating identity broker)',
    }),
  );
}

/** eksctl's IAMIdentityMapping.Validate, plus: a mapping needs an arn, and API mode ignores aws-auth. */
export function iamIdentityMappings(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const mappings = ctx.config.iamIdentityMappings ?? [];
  const mode = ctx.resolved.accessConfig.authenticationMode;
  if (mappings.length > 0 && mode === 'API') {
    problems.push(
      report(ctx, 'key', {
        rule: 'VALUE',
        path: ['iamIdentityMappings'],
        message:
          'iamIdentityMappings write the aws-auth ConfigMap, which a cluster with accessConfig.authenticationMode API ignores',
        hint: 'give each principal an entry in accessConfig.accessEntries, or set authenticationMode: API_AND_CONFIG_MAP',
      }),
    );
  }
  mappings.forEach((m, i) => {
    const at = (field?: string): FieldPath =>
      field === undefined ? ['iamIdentityMappings', i] : ['iamIdentityMappings', i, field];
    const fail = (message: string, hint: string, field?: string): void => {
      problems.push(
        report(ctx, field === undefined ? 'value' : 'key', { rule: 'VALUE', path: at(field), message, hint }),
      );
    };
    const hasArnOptions = m.arn !== undefined && m.username !== undefined && (m.groups ?? []).length > 0;
    if (m.serviceName !== undefined) {
      if (hasArnOptions) fail('cannot use arn, username, and groups with serviceName', 'remove them', 'serviceName');
      else if (m.namespace === undefined) fail('namespace is required when using serviceName', 'add namespace');
      else if (m.serviceName !== EMR_CONTAINERS) {
        // eksctl takes any name here and fails on it when it grants access (pkg/authconfigmap).
        fail(
          `invalid service name "${m.serviceName}"`,
          `the only service eksctl can grant access to is ${EMR_CONTAINERS}`,
          'serviceName',
        );
      }
    } else if (m.namespace !== undefined) {
      fail('serviceName is required when using namespace', 'add serviceName, or remove namespace', 'namespace');
    }
    const others = m.arn !== undefined || m.username !== undefined || (m.groups ?? []).length > 0;
    if (m.account !== undefined && (others || m.serviceName !== undefined || m.namespace !== undefined)) {
      fail(
        'account cannot be configured with any other options',
        'write the account in an entry of its own',
        'account',
      );
    }
    if (m.account === undefined && m.serviceName === undefined && m.arn === undefined) {
      fail('an identity mapping needs an arn (or an account)', 'add arn: the IAM role or user to map');
    }
  });
  return problems;
}

/** eksctl's checks of the VPC's extra fields. */
export function vpcExtraFields(ctx: RuleContext): Problem[] {
  const vpc = ctx.config.vpc;
  const problems: Problem[] = [];
  if (vpc === undefined) return problems;
  if ((vpc.securityGroup ?? '') !== '' && (vpc.controlPlaneSecurityGroupIDs ?? []).length > 0) {
    problems.push(
      report(ctx, 'key', {
        rule: 'VALUE',
        path: ['vpc', 'controlPlaneSecurityGroupIDs'],
        message: 'only one of vpc.securityGroup and vpc.controlPlaneSecurityGroupIDs can be specified',
        hint: 'list every group in controlPlaneSecurityGroupIDs, or keep securityGroup alone',
      }),
    );
  }
  const ipv6 = ctx.resolved.kubernetesNetworkConfig.ipFamily === 'IPv6';
  if ((vpc.extraIPv6CIDRs ?? []).length > 0 && !ipv6) {
    problems.push(
      report(ctx, 'key', {
        rule: 'VALUE',
        path: ['vpc', 'extraIPv6CIDRs'],
        message: 'cannot specify vpc.extraIPv6CIDRs with an IPv4 cluster',
        hint: 'use vpc.extraCIDRs, or set kubernetesNetworkConfig.ipFamily: IPv6',
      }),
    );
  }
  if (vpc.autoAllocateIPv6 === true) {
    problems.push(
      report(ctx, 'value', {
        rule: 'VALUE',
        path: ['vpc', 'autoAllocateIPv6'],
        message: ipv6
          ? 'auto allocate ipv6 is not supported with IPv6'
          : 'vpc.autoAllocateIPv6 is not supported by private-eks: an IPv4 cluster gets no IPv6 block',
        hint: ipv6
          ? 'remove it: an IPv6 cluster always gets an Amazon-provided IPv6 block'
          : 'remove it (false, as eksctl --dry-run writes, is accepted), or make the cluster IPv6',
      }),
    );
  }
  return problems;
}

/** The default networking add-ons Auto Mode replaces (eksctl: api.HasDefaultNonAutoAddon). */
const NON_AUTO_ADDONS = new Set(['vpc-cni', 'kube-proxy', 'coredns']);

/** eksctl's create-time checks of Auto Mode (cmdutils/configfile.go): no nodegroups, no networking add-ons. */
export function autoModeConfig(ctx: RuleContext): Problem[] {
  const auto = ctx.config.autoModeConfig;
  if (auto === undefined) return [];
  const problems: Problem[] = [];
  const fail = (path: FieldPath, message: string, hint: string): void => {
    problems.push(report(ctx, 'key', { rule: 'VALUE', path, message, hint }));
  };
  // ValidateAutoModeConfig itself is in cluster-eksctl.ts (optionalFeatures); here, create's checks.
  if (auto.enabled !== true) return problems;
  for (const kind of ['nodeGroups', 'managedNodeGroups'] as const) {
    if ((ctx.config[kind] ?? []).length > 0) {
      fail(
        [kind],
        'creation of managed or self-managed nodegroups is not supported during cluster creation when Auto Mode is enabled; please create them post cluster creation using `eksctl create nodegroup` after creating core networking addons in the cluster',
        'remove the nodegroups: Auto Mode launches the nodes',
      );
    }
  }
  const addons = ctx.config.addons ?? [];
  const index = addons.findIndex((a) => NON_AUTO_ADDONS.has(a.name.toLowerCase()));
  if (index >= 0 && (ctx.config.fargateProfiles ?? []).length === 0) {
    fail(
      ['addons', index],
      'core networking addons are not required on a cluster using Auto Mode; if you still wish to create them, use `eksctl create addon` post cluster creation',
      'remove vpc-cni, kube-proxy and coredns: Auto Mode nodes run their own',
    );
  }
  return problems;
}

/** eksctl's Ubuntu version ranges (pkg/ami/ssm_resolver.go validateVersionForUbuntu): [min, max]. */
const UBUNTU_VERSIONS: Readonly<Record<string, readonly [string, string | undefined]>> = {
  Ubuntu2004: ['1.21', '1.29'],
  UbuntuPro2004: ['1.27', '1.29'],
  Ubuntu2204: ['1.29', undefined],
  UbuntuPro2204: ['1.29', undefined],
  Ubuntu2404: ['1.31', undefined],
  UbuntuPro2404: ['1.31', undefined],
  Ubuntu2604: ['1.35', undefined],
  UbuntuPro2604: ['1.35', undefined],
};

function minorOf(version: string): number {
  return Number(version.split('.')[1] ?? 'NaN');
}

/** The first Kubernetes version EKS publishes each Windows Server release for (eksctl's ssm_resolver.go). */
const WINDOWS_MIN_VERSIONS: Readonly<Record<string, string>> = { '2019': '1.0', '2022': '1.23', '2025': '1.35' };

/**
 * Windows families only for the Kubernetes versions EKS publishes their images for, and, as
 * eksctl warns, beside a Linux nodegroup (CoreDNS and the other kube-system pods run only on
 * Linux); Ubuntu families only for the versions Canonical publishes images for (eksctl's ranges),
 * on the EKS-optimized path.
 */
export function nodeImageFamilies(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const version = ctx.resolved.metadata.version;
  const groups = [...eachNodeGroup(ctx.config)];
  const hasLinux = groups.some(({ ng }) => !(ng.amiFamily ?? '').startsWith('Windows'));
  for (const { path, ng } of groups) {
    const family = ng.amiFamily;
    if (family === undefined) continue;
    if (family.startsWith('Windows')) {
      const release = /^WindowsServer(\d{4})/.exec(family)?.[1] ?? '';
      const min = WINDOWS_MIN_VERSIONS[release];
      if (min !== undefined && ng.ami === undefined && minorOf(version) < minorOf(min)) {
        problems.push(
          report(ctx, 'value', {
            rule: 'VALUE',
            path: [...path, 'amiFamily'],
            message: `Windows Server ${release} ${family.includes('Core') ? 'Core' : 'Full'} requires EKS version ${min} and above`,
            hint: 'use WindowsServer2019CoreContainer or WindowsServer2019FullContainer, or a later metadata.version',
          }),
        );
      }
      if (!hasLinux) {
        problems.push(
          report(ctx, 'value', {
            rule: 'VALUE',
            severity: 'warning',
            path: [...path, 'amiFamily'],
            message: 'a Linux node group is required to support Windows workloads',
            hint: 'add a managedNodeGroups entry with amiFamily AmazonLinux2023 (CoreDNS runs on Linux nodes only)',
          }),
        );
      }
      continue;
    }
    const range = UBUNTU_VERSIONS[family];
    if (range === undefined || ng.ami !== undefined) continue;
    const [min, max] = range;
    const minor = minorOf(version);
    if (minor < minorOf(min) || (max !== undefined && minor > minorOf(max))) {
      problems.push(
        report(ctx, 'value', {
          rule: 'VALUE',
          path: [...path, 'amiFamily'],
          message:
            max === undefined
              ? `${family} requires EKS version greater or equal than ${min}`
              : `${family} requires EKS version greater or equal than ${min} and lower than ${max}`,
          hint: 'choose another Ubuntu release for this Kubernetes version, or set ami',
        }),
      );
    }
  }
  return problems;
}
