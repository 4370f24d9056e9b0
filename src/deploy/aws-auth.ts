/**
 * The aws-auth ConfigMap (kube-system/aws-auth) as private-eks writes it: the self-managed node
 * roles of a CONFIG_MAP cluster and the file's `iamIdentityMappings`, merged into what the
 * ConfigMap already holds. Pure: the Kubernetes step (kubernetes-steps.ts) reads and writes it.
 *
 * As eksctl (pkg/authconfigmap, pkg/iam/mapper.go): roles go to mapRoles (`rolearn`), users to
 * mapUsers (`userarn`), accounts to mapAccounts; a role's path is dropped, because the
 * authenticator matches the role ARN of the assumed-role session, which has no path. One
 * difference: an entry identical to one already there is never added twice, so a resumed create
 * changes nothing (eksctl would add a shadowing duplicate). `serviceName` mappings (emr-containers)
 * map the service's role here; their Role and RoleBinding are service-access.ts's.
 */
import { parse, stringify } from 'yaml';
import type { IamIdentityMapping } from '../config/resolved.js';
import { PrivateEksError } from '../errors.js';
import { emrContainersMapping, type AwsAccount } from './service-access.js';

export type AwsAuthEntry = Record<string, unknown>;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface AwsAuthEntries {
  readonly mapRoles: readonly AwsAuthEntry[];
  readonly mapUsers: readonly AwsAuthEntry[];
  readonly mapAccounts: readonly string[];
  /** ARNs whose mapping must not shadow an existing one (`noDuplicateARNs`). */
  readonly noDuplicate: ReadonlySet<string>;
}

/**
 * aws-auth's mapRoles entry for self-managed nodes (EKS user guide, "aws-auth ConfigMap"); Windows
 * nodes also need `eks:kube-proxy-windows`, first (eksctl's authconfigmap.AddNodeGroup).
 */
export function nodeRoleMapping(roleArn: string, windows = false): AwsAuthEntry {
  return {
    rolearn: roleArn,
    username: 'system:node:{{EC2PrivateDNSName}}',
    groups: [...(windows ? ['eks:kube-proxy-windows'] : []), 'system:bootstrappers', 'system:nodes'],
  };
}

/** `arn:aws:iam::1:role/a/b/name` → `arn:aws:iam::1:role/name`. */
export function withoutRolePath(arn: string): string {
  const match = /^(arn:[^:]+:iam::\d+:role\/)(?:.*\/)?([^/]+)$/.exec(arn);
  return match === null ? arn : `${match[1] ?? ''}${match[2] ?? ''}`;
}

function identityEntry(key: 'rolearn' | 'userarn', arn: string, m: IamIdentityMapping): AwsAuthEntry {
  return {
    [key]: arn,
    ...(m.username === undefined ? {} : { username: m.username }),
    ...(m.groups.length > 0 ? { groups: [...m.groups] } : {}),
  };
}

/**
 * What the ConfigMap must hold: node roles first (those in `windowsRoles` with the Windows group),
 * then the mappings in file order. A `serviceName` mapping (emr-containers, service-access.ts) maps
 * the service's role in the cluster's `account`, which the caller must give when there is one.
 */
export function desiredAwsAuth(
  nodeRoles: readonly string[],
  mappings: readonly IamIdentityMapping[],
  windowsRoles: ReadonlySet<string> = new Set(),
  account?: AwsAccount,
): AwsAuthEntries {
  const mapRoles: AwsAuthEntry[] = nodeRoles.map((arn) => nodeRoleMapping(arn, windowsRoles.has(arn)));
  const mapUsers: AwsAuthEntry[] = [];
  const mapAccounts: string[] = [];
  const noDuplicate = new Set<string>();
  for (const m of mappings) {
    if (m.account !== undefined) {
      mapAccounts.push(m.account);
    } else if (m.arn !== undefined) {
      const isUser = /:user\//.test(m.arn);
      const arn = isUser ? m.arn : withoutRolePath(m.arn);
      (isUser ? mapUsers : mapRoles).push(identityEntry(isUser ? 'userarn' : 'rolearn', arn, m));
      if (m.noDuplicateARNs) noDuplicate.add(arn);
    } else if (m.serviceName !== undefined) {
      if (account === undefined) {
        throw new PrivateEksError('PE_INTERNAL', `the ${m.serviceName} mapping needs the cluster's account`, {
          source: 'internal',
        });
      }
      // One mapping for the service, however many namespaces it is granted (eksctl adds it if absent).
      const entry = emrContainersMapping(account);
      if (!mapRoles.some((r) => same(r, entry))) mapRoles.push(entry);
    }
  }
  return { mapRoles, mapUsers, mapAccounts, noDuplicate };
}

function parsed<T>(text: string | undefined, what: string): T[] {
  if (text === undefined || text.trim() === '') return [];
  const value: unknown = parse(text);
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new PrivateEksError('PE_DEPLOY', `the aws-auth ConfigMap's ${what} is not a YAML list`, {
      source: 'user',
      hint: `fix kube-system/aws-auth (${what}) from inside the VPC, then re-run`,
    });
  }
  return value as T[];
}

export interface AwsAuthMerge {
  /** The ConfigMap's new `data`. */
  readonly data: Record<string, string>;
  /** Entries added (roles, users and accounts). */
  readonly added: number;
}

/**
 * `existing` (the ConfigMap's `data`, empty for a new one) with the desired entries added. An
 * identical entry is not added again; with `noDuplicateARNs`, a different entry for the same ARN is
 * an error (eksctl's "shadowing is disabled").
 */
export function mergeAwsAuth(existing: Readonly<Record<string, string>>, desired: AwsAuthEntries): AwsAuthMerge {
  const data: Record<string, string> = { ...existing };
  let added = 0;
  for (const [field, arnKey] of [
    ['mapRoles', 'rolearn'],
    ['mapUsers', 'userarn'],
  ] as const) {
    const current = parsed<AwsAuthEntry>(existing[field], field);
    const missing: AwsAuthEntry[] = [];
    for (const entry of desired[field]) {
      const arn = String(entry[arnKey]);
      const present = [...current, ...missing];
      if (present.some((c) => same(c, entry))) continue;
      if (desired.noDuplicate.has(arn) && present.some((c) => c[arnKey] === arn)) {
        throw new PrivateEksError(
          'PE_DEPLOY',
          `found existing mapping with the same arn "${arn}" and shadowing is disabled`,
          { source: 'user', hint: 'remove noDuplicateARNs, or change the existing entry in kube-system/aws-auth' },
        );
      }
      missing.push(entry);
    }
    if (missing.length > 0) {
      data[field] = stringify([...current, ...missing]);
      added += missing.length;
    }
  }
  const accounts = parsed<string>(existing['mapAccounts'], 'mapAccounts').map(String);
  const newAccounts = desired.mapAccounts.filter(
    (a, i) => !accounts.includes(a) && desired.mapAccounts.indexOf(a) === i,
  );
  if (newAccounts.length > 0) {
    data['mapAccounts'] = stringify([...accounts, ...newAccounts]);
    added += newAccounts.length;
  }
  return { data, added };
}

export function awsAuthConfigMap(data: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'aws-auth', namespace: 'kube-system' },
    data: { ...data },
  };
}
