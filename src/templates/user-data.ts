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
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import { base64, escapeSub, sub } from './cfn.js';
import { osFamily } from './ami.js';
import { unsupported } from './context.js';
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
        : bottlerocketUserData(ng, sources, options);
  if (text === undefined) return undefined;
  const variables: Record<string, CfnValue> = {};
  const candidates: Record<string, CfnValue> = {
    Endpoint: sources.endpoint,
    CertificateAuthorityData: sources.certificateAuthority,
    ServiceCIDR: sources.serviceCidr,
    ClusterDNS: sources.clusterDns,
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
  if (ng.maxPodsPerNode !== undefined || flags.length > 0) {
    config.push('  kubelet:');
    if (ng.maxPodsPerNode !== undefined) config.push('    config:', `      maxPods: ${ng.maxPodsPerNode}`);
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
  if (full || ng.maxPodsPerNode !== undefined)
    parts.push({ contentType: 'application/node.eks.aws', body: config.join('\n') });
  return parts.length === 0 ? undefined : mime(parts);
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
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
  return `${shellScript([...userCommands(ng), override === undefined ? bootstrap : escapeSub(override)])}\n`;
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
  const full = options.mode === 'full';
  const lines: string[] = [];
  if (full || ng.maxPodsPerNode !== undefined) lines.push('[settings.kubernetes]');
  if (full) {
    lines.push(
      `cluster-name = ${quoted(sources.clusterName)}`,
      'api-server = "${Endpoint}"',
      'cluster-certificate = "${CertificateAuthorityData}"',
      'cluster-dns-ip = "${ClusterDNS}"',
    );
  }
  if (ng.maxPodsPerNode !== undefined) lines.push(`max-pods = ${ng.maxPodsPerNode}`);
  if (full && Object.keys(options.labels).length > 0) {
    lines.push('', '[settings.kubernetes.node-labels]');
    for (const [key, value] of Object.entries(options.labels)) lines.push(`${quoted(key)} = ${quoted(value)}`);
  }
  if (full && ng.taints.length > 0) {
    lines.push('', '[settings.kubernetes.node-taints]');
    for (const taint of ng.taints) {
      lines.push(`${quoted(taint.key)} = ${quoted(`${taint.value ?? ''}:${taint.effect}`)}`);
    }
  }
  return lines.length === 0 ? undefined : `${lines.join('\n')}\n`;
}
