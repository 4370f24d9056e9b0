/**
 * Windows node user data, as eksctl builds it (pkg/nodebootstrap/windows.go, windows_managed.go):
 * a `<powershell>` block that runs the user's pre-bootstrap commands, then the image's own
 * `Start-EKSBootstrap.ps1` with the cluster name, API endpoint, CA, service CIDR and (self-managed)
 * the cluster DNS address, and the kubelet's labels, taints and max pods as `-KubeletExtraArgs`.
 * As for Linux nodes, the connection values come from the cluster stack's exports (Sub variables),
 * so a node never needs to call DescribeCluster through an `eks` endpoint.
 *
 * On a managed nodegroup on EKS's Windows image, EKS runs the bootstrap itself: only the
 * pre-bootstrap commands are ours (none → no user data), as eksctl.
 */
import type { ResolvedNodeGroup } from '../config/resolved.js';
import { escapeSub } from './cfn.js';
import { unsupported } from './context.js';

/** What of user-data.ts's bootstrap sources and options the Windows text needs. */
interface WindowsBootstrap {
  readonly clusterName: string;
  readonly ipv6: boolean;
}
interface WindowsOptions {
  readonly mode: 'full' | 'merge';
  readonly labels: Readonly<Record<string, string>>;
}

const BOOTSTRAP_SCRIPT = '[string]$EKSBootstrapScriptFile = "$env:ProgramFiles\\Amazon\\EKS\\Start-EKSBootstrap.ps1"';

/** A PowerShell single-quoted string: nothing in it is expanded; a quote is doubled. */
function psQuote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function kubeletArgs(ng: ResolvedNodeGroup, labels: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(labels);
  const taints = ng.taints.map((t) => `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${t.effect}`);
  return [
    ...(entries.length > 0 ? [`--node-labels=${entries.map(([k, v]) => `${k}=${v}`).join(',')}`] : []),
    ...(taints.length > 0 ? [`--register-with-taints=${taints.join(',')}`] : []),
    ...(ng.maxPodsPerNode === undefined ? [] : [`--max-pods=${ng.maxPodsPerNode}`]),
  ];
}

/** The PowerShell text (Sub-ready), or undefined when a managed nodegroup needs none. */
export function windowsUserData(
  ng: ResolvedNodeGroup,
  sources: WindowsBootstrap,
  options: WindowsOptions,
): string | undefined {
  const commands = ng.preBootstrapCommands.map(escapeSub);
  if (options.mode === 'merge') {
    if (ng.maxPodsPerNode !== undefined) {
      throw unsupported(
        `nodegroup "${ng.name}": maxPodsPerNode on a managed Windows nodegroup is set by EKS's bootstrap, not the file`,
        'remove maxPodsPerNode, or use a self-managed Windows nodegroup (nodeGroups)',
      );
    }
    return commands.length === 0 ? undefined : ['<powershell>', ...commands, '</powershell>', ''].join('\n');
  }
  if (sources.ipv6) {
    throw unsupported(`nodegroup "${ng.name}": Windows nodes do not run on IPv6 clusters`, 'use a Linux amiFamily');
  }
  const args = kubeletArgs(ng, options.labels);
  const parameters = [
    `-EKSClusterName ${escapeSub(psQuote(sources.clusterName))}`,
    "-APIServerEndpoint '${Endpoint}'",
    "-Base64ClusterCA '${CertificateAuthorityData}'",
    "-ServiceCIDR '${ServiceCIDR}'",
    "-DNSClusterIP '${ClusterDNS}'",
    ...(args.length > 0 ? [`-KubeletExtraArgs ${escapeSub(psQuote(args.join(' ')))}`] : []),
  ];
  return [
    '<powershell>',
    BOOTSTRAP_SCRIPT,
    ...commands,
    // Streams 3–6 (warnings, verbose, debug, information) into the output EC2 keeps in the console log.
    `& $EKSBootstrapScriptFile ${parameters.join(' ')} 3>&1 4>&1 5>&1 6>&1`,
    '</powershell>',
    '',
  ].join('\n');
}
