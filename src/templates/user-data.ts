/**
 * Node bootstrap user data. Everything a node needs to join — API endpoint, CA, service CIDR or
 * DNS address — is written into the user data from the cluster stack's exports, because a node in
 * a VPC without an `eks` endpoint cannot call DescribeCluster (eksctl broke this twice). Built as
 * `Fn::Base64` of `Fn::Sub`, the imports passed as Sub variables; user text is escaped for Sub.
 *
 * - AmazonLinux2023: nodeadm's `NodeConfig` in a MIME part (`application/node.eks.aws`).
 * - AmazonLinux2 and Ubuntu: `/etc/eks/bootstrap.sh` with `--apiserver-endpoint`, `--b64-cluster-ca`,
 *   `--dns-cluster-ip`.
 * - Bottlerocket: TOML settings.
 * - Windows: PowerShell calling the image's Start-EKSBootstrap.ps1 (user-data-windows.ts).
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import { base64, escapeSub, sub } from './cfn.js';
import { osFamily } from './ami.js';
import { unsupported } from './context.js';
import { windowsUserData } from './user-data-windows.js';
import type { CfnValue } from './types.js';

/** Where the bootstrap values come from (imports of the cluster stack's outputs). */
export interface BootstrapSources {
  readonly clusterName: string;
  readonly endpoint: CfnValue;
  readonly certificateAuthority: CfnValue;
  readonly serviceCidr: CfnValue;
  readonly clusterDns: CfnValue;
  readonly ipv6: boolean;
}

export interface UserDataOptions {
  /**
   * `full`: the node bootstraps itself (self-managed, or a managed nodegroup on a custom AMI).
   * `merge`: a managed nodegroup on the EKS image: EKS adds its own bootstrap and merges ours
   * (pre-bootstrap commands and kubelet settings only).
   */
  readonly mode: 'full' | 'merge';
  /** Kubernetes labels, eksctl's own first. */
  readonly labels: Readonly<Record<string, string>>;
}

const BOUNDARY = '//';

/** The user data of a nodegroup, or undefined when a managed nodegroup needs none. */
export function nodeUserData(
  ng: ResolvedNodeGroup,
  sources: BootstrapSources,
  options: UserDataOptions,
): CfnValue | undefined {
  const family = osFamily(ng);
  if (options.mode === 'merge' && ng.overrideBootstrapCommand !== undefined) {
    throw unsupported(
      `nodegroup "${ng.name}": overrideBootstrapCommand needs a custom AMI on managed nodegroups`,
      'set ami, or use preBootstrapCommands',
    );
  }
  const text =
    family === 'AmazonLinux2023'
      ? al2023UserData(ng, sources, options)
      : family === 'AmazonLinux2' || family === 'Ubuntu'
        ? // Canonical's EKS images ship the same /etc/eks/bootstrap.sh as AmazonLinux2.
          al2UserData(ng, sources, options)
        : family === 'Windows'
          ? windowsUserData(ng, sources, options)
          : bottlerocketUserData(ng, sources, options);
  if (text === undefined) return undefined;
  const variables: Record<string, CfnValue> = {};
  const candidates: Record<string, CfnValue> = {
    Endpoint: sources.endpoint,
    CertificateAuthorityData: sources.certificateAuthority,
    ServiceCIDR: sources.serviceCidr,
    // nodeGroups[].clusterDNS replaces the address derived from the service CIDR (eksctl).
    ClusterDNS: ng.clusterDNS ?? sources.clusterDns,
  };
  for (const [name, value] of Object.entries(candidates)) {
    if (text.includes(`\${${name}}`)) variables[name] = value;
  }
  // Without variables Sub is not needed (cfn-lint W1020): undo the escaping and pass the text as is.
  return base64(Object.keys(variables).length > 0 ? sub(text, variables) : text.replaceAll('${!', '${'));
}

/** A shell script part; `lines` are Sub-ready (user commands already escaped). */
function shellScript(lines: readonly string[]): string {
  return ['#!/bin/bash', 'set -o errexit -o pipefail', ...lines].join('\n');
}

function userCommands(ng: ResolvedNodeGroup): string[] {
  return ng.preBootstrapCommands.map(escapeSub);
}

function mime(parts: readonly { contentType: string; body: string }[]): string {
  const lines = ['MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`, ''];
  for (const part of parts) lines.push(`--${BOUNDARY}`, `Content-Type: ${part.contentType}`, '', part.body, '');
  lines.push(`--${BOUNDARY}--`, '');
  return lines.join('\n');
}

/** A YAML/TOML double-quoted scalar (JSON's escaping is valid in both), escaped for Sub. */
function quoted(value: string): string {
  return escapeSub(JSON.stringify(value));
}

function labelFlag(labels: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(labels);
  return entries.length === 0 ? [] : [`--node-labels=${entries.map(([k, v]) => `${k}=${v}`).join(',')}`];
}

function taintFlag(ng: ResolvedNodeGroup): string[] {
  if (ng.taints.length === 0) return [];
  const taints = ng.taints.map((t) => `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${t.effect}`);
  return [`--register-with-taints=${taints.join(',')}`];
}

/**
 * NodeConfig's `spec.kubelet.config` lines: `kubeletExtraConfig` (a KubeletConfiguration document,
 * as eksctl passes it to nodeadm) with `maxPods` from maxPodsPerNode. Written as one JSON value —
 * valid YAML — so that no user value can become a flag or a key of its own; escaped for Sub.
 */
function kubeletConfiguration(ng: ResolvedNodeGroup): string[] | undefined {
  if (ng.kubeletExtraConfig === undefined && ng.clusterDNS === undefined) {
    return ng.maxPodsPerNode === undefined ? undefined : ['    config:', `      maxPods: ${ng.maxPodsPerNode}`];
  }
  // eksctl gives nodeadm the cluster DNS in the kubelet config, over kubeletExtraConfig's.
  const merged = {
    ...ng.kubeletExtraConfig,
    ...(ng.clusterDNS === undefined ? {} : { clusterDNS: [ng.clusterDNS] }),
    ...(ng.maxPodsPerNode === undefined ? {} : { maxPods: ng.maxPodsPerNode }),
  };
  return [`    config: ${escapeSub(JSON.stringify(merged))}`];
}

function al2023UserData(
  ng: ResolvedNodeGroup,
  sources: BootstrapSources,
  options: UserDataOptions,
): string | undefined {
  const full = options.mode === 'full';
  const config: string[] = ['---', 'apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:'];
  if (full) {
    config.push(
      '  cluster:',
      `    name: ${quoted(sources.clusterName)}`,
      '    apiServerEndpoint: "${Endpoint}"',
      '    certificateAuthority: "${CertificateAuthorityData}"',
      '    cidr: "${ServiceCIDR}"',
    );
  }
  // On the EKS image, EKS sets labels and taints from the nodegroup; with a custom AMI, we do.
  const flags = full ? [...labelFlag(options.labels), ...taintFlag(ng)] : [];
  const kubeletConfig = kubeletConfiguration(ng);
  if (kubeletConfig !== undefined || flags.length > 0) {
    config.push('  kubelet:');
    if (kubeletConfig !== undefined) config.push(...kubeletConfig);
    if (flags.length > 0) config.push('    flags:', ...flags.map((flag) => `      - ${quoted(flag)}`));
  }
  const parts: { contentType: string; body: string }[] = [];
  // nodeadm reads NodeConfig, not a command line: an override runs after the pre-bootstrap
  // commands and before kubelet starts (nodeadm-run waits for cloud-init's scripts).
  const commands = [
    ...userCommands(ng),
    ...(ng.overrideBootstrapCommand === undefined ? [] : [escapeSub(ng.overrideBootstrapCommand)]),
  ];
  if (commands.length > 0)
    parts.push({ contentType: 'text/x-shellscript; charset="us-ascii"', body: shellScript(commands) });
  if (full || kubeletConfig !== undefined)
    parts.push({ contentType: 'application/node.eks.aws', body: config.join('\n') });
  return parts.length === 0 ? undefined : mime(parts);
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

const AL2_KUBELET_CONFIG = '/etc/kubernetes/kubelet/kubelet-config.json';

/**
 * AmazonLinux2: `kubeletExtraConfig` merged into the kubelet's config file before bootstrap.sh
 * (which edits that file in place, keeping the merged keys), as eksctl's kubelet-extra.json. The
 * document travels base64-encoded: no quote or newline in it can reach the shell.
 */
function al2KubeletExtraConfig(ng: ResolvedNodeGroup): string[] {
  if (ng.kubeletExtraConfig === undefined) return [];
  const encoded = Buffer.from(JSON.stringify(ng.kubeletExtraConfig), 'utf8').toString('base64');
  return [
    `echo '${encoded}' | base64 -d > /etc/kubernetes/kubelet/kubelet-extra.json`,
    `jq -s '.[0] * .[1]' ${AL2_KUBELET_CONFIG} /etc/kubernetes/kubelet/kubelet-extra.json > /tmp/kubelet-config.json`,
    `mv /tmp/kubelet-config.json ${AL2_KUBELET_CONFIG}`,
  ];
}

function al2UserData(ng: ResolvedNodeGroup, sources: BootstrapSources, options: UserDataOptions): string | undefined {
  if (options.mode === 'merge') {
    if (ng.maxPodsPerNode !== undefined) {
      throw unsupported(
        `nodegroup "${ng.name}": maxPodsPerNode on a managed AmazonLinux2 nodegroup needs a custom AMI`,
        'use amiFamily AmazonLinux2023, or set ami',
      );
    }
    const commands = userCommands(ng);
    return commands.length === 0
      ? undefined
      : mime([{ contentType: 'text/x-shellscript; charset="us-ascii"', body: shellScript(commands) }]);
  }
  const kubeletArgs = [
    ...labelFlag(options.labels),
    ...taintFlag(ng),
    ...(ng.maxPodsPerNode === undefined ? [] : [`--max-pods=${ng.maxPodsPerNode}`]),
  ];
  const bootstrap = [
    '/etc/eks/bootstrap.sh',
    shellQuote(sources.clusterName),
    "--apiserver-endpoint '${Endpoint}'",
    "--b64-cluster-ca '${CertificateAuthorityData}'",
    "--dns-cluster-ip '${ClusterDNS}'",
    ...(sources.ipv6 ? ["--ip-family ipv6 --service-ipv6-cidr '${ServiceCIDR}'"] : []),
    ...(ng.maxPodsPerNode === undefined ? [] : ['--use-max-pods false']),
    ...(kubeletArgs.length === 0 ? [] : [`--kubelet-extra-args ${escapeSub(shellQuote(kubeletArgs.join(' ')))}`]),
  ].join(' ');
  const override = ng.overrideBootstrapCommand;
  return `${shellScript([
    ...userCommands(ng),
    ...al2KubeletExtraConfig(ng),
    override === undefined ? bootstrap : escapeSub(override),
  ])}\n`;
}

/** A TOML value written as is (a Sub placeholder in quotes). */
class RawToml {
  constructor(readonly text: string) {}
}

function bottlerocketUserData(
  ng: ResolvedNodeGroup,
  sources: BootstrapSources,
  options: UserDataOptions,
): string | undefined {
  if (ng.preBootstrapCommands.length > 0 || ng.overrideBootstrapCommand !== undefined) {
    throw unsupported(
      `nodegroup "${ng.name}": preBootstrapCommands and overrideBootstrapCommand do not apply to Bottlerocket`,
      'use Bottlerocket bootstrap containers, or another amiFamily',
    );
  }
  if (ng.kubeletExtraConfig !== undefined) {
    throw unsupported(
      `nodegroup "${ng.name}": kubeletExtraConfig does not apply to Bottlerocket`,
      'set kubelet options under bottlerocket.settings.kubernetes',
    );
  }
  const settings = bottlerocketSettings(ng, sources, options);
  const lines: string[] = [];
  writeTomlTable(['settings'], settings, lines);
  return lines.length === 0 ? undefined : `${lines.join('\n').replace(/^\n+/, '')}\n`;
}

/**
 * eksctl's Bottlerocket user data: the user's `bottlerocket.settings`, then what the nodegroup
 * decides on top (cluster connection, labels, taints, max pods, the admin container unless the
 * settings say).
 */
function bottlerocketSettings(
  ng: ResolvedNodeGroup,
  sources: BootstrapSources,
  options: UserDataOptions,
): Record<string, unknown> {
  const full = options.mode === 'full';
  const settings = structuredClone(ng.bottlerocket?.settings ?? {}) as Record<string, unknown>;
  const given = settings['kubernetes'];
  const kubernetes: Record<string, unknown> = isTable(given) ? given : {};
  if (full) {
    Object.assign(kubernetes, {
      'cluster-name': sources.clusterName,
      'api-server': new RawToml('"${Endpoint}"'),
      'cluster-certificate': new RawToml('"${CertificateAuthorityData}"'),
      'cluster-dns-ip': new RawToml('"${ClusterDNS}"'),
    });
  }
  if (ng.maxPodsPerNode !== undefined) kubernetes['max-pods'] = ng.maxPodsPerNode;
  if (full && Object.keys(options.labels).length > 0) kubernetes['node-labels'] = { ...options.labels };
  if (full && ng.taints.length > 0) {
    kubernetes['node-taints'] = Object.fromEntries(ng.taints.map((t) => [t.key, `${t.value ?? ''}:${t.effect}`]));
  }
  const ordered: Record<string, unknown> = Object.keys(kubernetes).length > 0 ? { kubernetes } : {};
  for (const [key, value] of Object.entries(settings)) if (key !== 'kubernetes') ordered[key] = value;
  const admin = ng.bottlerocket?.enableAdminContainer;
  const hostContainers = ordered['host-containers'];
  const adminTable = isTable(hostContainers) ? hostContainers['admin'] : undefined;
  if (admin !== undefined && !(isTable(adminTable) && 'enabled' in adminTable)) {
    const containers: Record<string, unknown> = isTable(hostContainers) ? hostContainers : {};
    containers['admin'] = { ...(isTable(adminTable) ? adminTable : {}), enabled: admin };
    ordered['host-containers'] = containers;
  }
  return ordered;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RawToml);
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : quoted(key);
}

function tomlValue(value: unknown, where: string): string {
  if (value instanceof RawToml) return value.text;
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => tomlValue(v, where)).join(', ')}]`;
  if (isTable(value)) {
    const fields = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
    return `{ ${fields.map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, `${where}.${k}`)}`).join(', ')} }`;
  }
  throw unsupported(
    `bottlerocket.settings: ${where} has no TOML form (${String(value)})`,
    'remove it, or give it a value',
  );
}

/** A TOML table: its plain keys under its header, then its sub-tables (arrays of tables inline). */
function writeTomlTable(path: readonly string[], table: Record<string, unknown>, out: string[]): void {
  const entries = Object.entries(table).filter(([, v]) => v !== null && v !== undefined);
  const plain = entries.filter(([, v]) => !isTable(v));
  if (plain.length > 0) {
    out.push('', `[${path.map(tomlKey).join('.')}]`);
    for (const [key, value] of plain) out.push(`${tomlKey(key)} = ${tomlValue(value, [...path, key].join('.'))}`);
  }
  for (const [key, value] of entries) {
    if (isTable(value)) writeTomlTable([...path, key], value, out);
  }
}
