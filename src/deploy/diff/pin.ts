/**
 * Fields that private-eks changes through the EKS API after a create, so a stack's template keeps
 * its creation value for them and an update never fights the API (eksctl does the same: its
 * cluster stack keeps the version it was created with):
 *
 * - the control plane's Version (`upgrade cluster`: UpdateClusterVersion, one minor at a time);
 * - its endpoint access (the public-access switch after create: UpdateClusterConfig);
 * - a self-managed nodegroup's AMI parameter (its Kubernetes version moves with `upgrade
 *   cluster`, not with `update cluster`);
 * - an add-on's AddonVersion that the file leaves to EKS: `upgrade cluster` sets it to EKS's
 *   default for the new Kubernetes version, and a later update keeps it.
 *
 * Pure: rendered template + deployed template → the template to compare and deploy.
 */
import type { CfnResource, CfnValue, Template } from '../../templates/types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Properties = Record<string, CfnValue>;

const ENDPOINT_ACCESS_FIELDS = ['EndpointPublicAccess', 'EndpointPrivateAccess', 'PublicAccessCidrs'] as const;
export const AMI_PARAMETER = 'AmiId';

function resourceOfType(template: Template, type: string): [string, CfnResource] | undefined {
  return Object.entries(template.Resources).find(([, r]) => r.Type === type);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export interface PinOptions {
  /** Upgrade: the nodegroup's AMI follows the new version instead of the deployed one. */
  readonly followVersion?: boolean;
  /** Upgrade: add-on name → the version it moves to (resolved from EKS for the new Kubernetes version). */
  readonly addonVersions?: ReadonlyMap<string, string>;
}

export function pinApiManagedFields(rendered: Template, deployed: Template, options: PinOptions = {}): Template {
  const out = clone(rendered) as Mutable<Template> & { Resources: Record<string, CfnResource> };
  const wanted = resourceOfType(out, 'AWS::EKS::Cluster');
  const before = resourceOfType(deployed, 'AWS::EKS::Cluster');
  if (wanted !== undefined && before !== undefined) {
    const props = { ...(wanted[1].Properties as Properties) };
    const old = before[1].Properties as Properties;
    if (old['Version'] !== undefined) props['Version'] = old['Version'];
    const vpc = { ...((props['ResourcesVpcConfig'] ?? {}) as Properties) };
    const oldVpc = (old['ResourcesVpcConfig'] ?? {}) as Properties;
    for (const field of ENDPOINT_ACCESS_FIELDS) {
      if (oldVpc[field] === undefined) delete vpc[field];
      else vpc[field] = oldVpc[field];
    }
    props['ResourcesVpcConfig'] = vpc;
    out.Resources[wanted[0]] = { ...wanted[1], Properties: props };
  }
  pinAddonVersions(out.Resources, deployed, options.addonVersions);
  const ami = out.Parameters?.[AMI_PARAMETER];
  const oldAmi = deployed.Parameters?.[AMI_PARAMETER];
  if (options.followVersion !== true && ami !== undefined && oldAmi !== undefined) {
    out.Parameters = { ...out.Parameters, [AMI_PARAMETER]: { ...oldAmi } };
  }
  return out;
}

function pinAddonVersions(
  resources: Record<string, CfnResource>,
  deployed: Template,
  upgradeTo: ReadonlyMap<string, string> | undefined,
): void {
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::EKS::Addon') continue;
    const props = { ...(resource.Properties as Properties) };
    const name = props['AddonName'];
    const target = typeof name === 'string' ? upgradeTo?.get(name) : undefined;
    const before = deployed.Resources[logicalId];
    const old = before?.Type === 'AWS::EKS::Addon' ? (before.Properties as Properties)['AddonVersion'] : undefined;
    if (target !== undefined) props['AddonVersion'] = target;
    else if (props['AddonVersion'] === undefined && old !== undefined) props['AddonVersion'] = old;
    else continue;
    resources[logicalId] = { ...resource, Properties: props };
  }
}

/** The Kubernetes version a self-managed nodegroup's template was made for (its AMI's SSM path). */
export function templateNodeVersion(template: Template): string | undefined {
  const ami = template.Parameters?.[AMI_PARAMETER]?.Default;
  const match = typeof ami === 'string' ? /\/optimized-ami\/(\d+\.\d+)\//.exec(ami) : null;
  return match?.[1];
}
