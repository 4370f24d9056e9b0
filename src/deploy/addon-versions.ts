/**
 * Which version of each add-on goes with a Kubernetes version, asked of EKS (DescribeAddonVersions)
 * before an upgrade starts. An add-on created without `version` keeps the version EKS chose at
 * creation; after the control plane moves, `upgrade cluster` moves it to EKS's default for the new
 * Kubernetes version (kube-proxy must follow the control plane). A version pinned in the file must
 * support the new Kubernetes version, or the upgrade is refused before anything starts; `latest`
 * is the newest version EKS lists for it.
 */
import { DescribeAddonVersionsCommand, type AddonInfo, type EKSClient } from '@aws-sdk/client-eks';
import type { Addon } from '../config/resolved.js';
import { PrivateEksError } from '../errors.js';
import { callAws } from './aws-call.js';

/** One add-on's versions for one Kubernetes version, as EKS lists them. */
export interface AddonVersionChoice {
  readonly versions: readonly string[];
  /** EKS's default for that Kubernetes version, when it names one. */
  readonly defaultVersion: string | undefined;
}

/** The versions EKS lists for `kubernetesVersion` in one DescribeAddonVersions answer. Pure. */
export function versionsFor(info: AddonInfo | undefined, kubernetesVersion: string): AddonVersionChoice {
  const versions: string[] = [];
  let defaultVersion: string | undefined;
  for (const v of info?.addonVersions ?? []) {
    const compatible = (v.compatibilities ?? []).filter((c) => c.clusterVersion === kubernetesVersion);
    if (v.addonVersion === undefined || compatible.length === 0) continue;
    versions.push(v.addonVersion);
    if (compatible.some((c) => c.defaultVersion === true)) defaultVersion ??= v.addonVersion;
  }
  return { versions, defaultVersion };
}

/** `v1.20.4-eksbuild.1` → comparable numbers (newest first when sorted descending). */
function versionKey(version: string): number[] {
  return (version.match(/\d+/g) ?? []).map(Number);
}

function newest(versions: readonly string[]): string | undefined {
  return [...versions].sort((a, b) => {
    const [x, y] = [versionKey(a), versionKey(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
      const d = (y[i] ?? 0) - (x[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  })[0];
}

/**
 * The version an add-on gets at `kubernetesVersion`, or undefined when EKS lists none for it (an
 * add-on EKS does not know: left as it is). Throws a user error for a pinned version that does not
 * support it. Pure.
 */
export function chooseAddonVersion(
  addon: Pick<Addon, 'name' | 'version'>,
  index: number,
  choice: AddonVersionChoice,
  kubernetesVersion: string,
): string | undefined {
  if (choice.versions.length === 0) return undefined;
  const pinned = addon.version;
  if (pinned === undefined) return choice.defaultVersion ?? newest(choice.versions);
  if (pinned.toLowerCase() === 'latest') return newest(choice.versions);
  if (choice.versions.includes(pinned)) return pinned;
  const suggestion = choice.defaultVersion ?? newest(choice.versions);
  throw new PrivateEksError(
    'PE_UPGRADE',
    `add-on ${addon.name} is pinned to ${pinned} (addons[${index}].version), which EKS does not offer for Kubernetes ${kubernetesVersion}`,
    {
      source: 'user',
      hint: `set addons[${index}].version to one EKS offers for ${kubernetesVersion} (its default: ${suggestion ?? 'none'}), or remove it to take the default`,
    },
  );
}

/** Add-on name → the version it gets at `kubernetesVersion`; one DescribeAddonVersions call per add-on. */
export async function resolveAddonVersions(
  eks: EKSClient,
  addons: readonly Addon[],
  kubernetesVersion: string,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [index, addon] of addons.entries()) {
    const answer = await callAws('eks:DescribeAddonVersions', signal, (options) =>
      eks.send(new DescribeAddonVersionsCommand({ addonName: addon.name, kubernetesVersion }), options),
    );
    const info = answer.addons?.find((a) => a.addonName === addon.name);
    const version = chooseAddonVersion(addon, index, versionsFor(info, kubernetesVersion), kubernetesVersion);
    if (version !== undefined) out.set(addon.name, version);
  }
  return out;
}
