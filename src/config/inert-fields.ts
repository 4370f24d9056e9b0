/**
 * Values that ask for nothing: what `eksctl create cluster --dry-run` writes for an option left
 * unset (`instanceSelector: {}`, `ssh.publicKeyPath: ""`, `securityGroups.withShared: null`, a Pod
 * Identity association's `roleARN: ""`, Auto Mode's zero ARN), or the only choice private-eks
 * makes anyway (`containerRuntime: containerd`). A file eksctl printed is then read as it is, and
 * means what it meant to eksctl; any other value goes on to the field check (V19 for a field
 * private-eks does not implement, fields.ts). Keyed `<eksctl type>.<field>` like field-support.ts.
 */

/** `dropped`: read as if absent. `warning`: read as if absent, with a warning "<path> <message>". */
export type InertVerdict = { readonly kind: 'dropped' } | { readonly kind: 'warning'; readonly message: string };

/** `value` is the field's; `parent` the mapping that holds it (for a field read with its siblings). */
type InertTest = (value: unknown, parent: Readonly<Record<string, unknown>>) => InertVerdict | undefined;

const DROPPED: InertVerdict = { kind: 'dropped' };

/** null, "", 0, false, an empty list, or an object of such values. */
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isEmptyValue);
  return false;
}

const whenEmpty: InertTest = (value) => (isEmptyValue(value) ? DROPPED : undefined);
/**
 * An instance selector asks EC2 for matching types when eksctl runs; eksctl's --dry-run writes the
 * types it found next to the selector (`instanceTypes`, or `instancesDistribution.instanceTypes`
 * for a self-managed nodegroup). Those are what private-eks builds; a selector alone is resolved
 * when the cluster is planned live (plan/instance-selection.ts). eksctl would resolve it again and
 * refuse types that differ; private-eks builds the file's types, with a warning.
 */
const selectorResolved: InertTest = (value, parent) => {
  if (isEmptyValue(value)) return DROPPED;
  const distribution = parent['instancesDistribution'];
  // instanceType is not among them: eksctl --dry-run never writes one next to a selector (a
  // self-managed nodegroup gets "mixed"), and eksctl refuses the pair (rules/instance-selector.ts).
  const resolved = [
    parent['instanceTypes'],
    typeof distribution === 'object' && distribution !== null
      ? (distribution as Record<string, unknown>)['instanceTypes']
      : undefined,
  ].some((types) => !isEmptyValue(types));
  return resolved
    ? {
        kind: 'warning',
        message:
          'is ignored: the instance types it was resolved to (written next to it by eksctl --dry-run) are the ones built',
      }
    : undefined;
};

const whenZeroArn: InertTest = (value) => (value === 'arn:::::' || value === '' ? DROPPED : undefined);
const whenNull: InertTest = (value) => (value === null ? DROPPED : undefined);

export const INERT_VALUES: Readonly<Record<string, InertTest>> = {
  'NodeGroup.instanceSelector': selectorResolved,
  'ManagedNodeGroup.instanceSelector': selectorResolved,
  'NodeGroupSSH.publicKeyPath': whenEmpty,
  'NodeGroup.containerRuntime': (value) =>
    typeof value === 'string' && value.toLowerCase() === 'containerd' ? DROPPED : undefined,
  'NodeGroupSGs.withShared': whenNull,
  // The AMI release (managed) eksctl writes as "" when it picks the latest, as with no field.
  'ManagedNodeGroup.releaseVersion': whenEmpty,
  // eksctl's ARN type marshals its zero value as "arn:::::": what its --dry-run writes for an
  // Auto Mode role or boundary left unset (eksctl's own check reads it as unset, IsZero).
  'AutoModeConfig.nodeRoleARN': whenZeroArn,
  'AutoModeConfig.permissionsBoundaryARN': whenZeroArn,
  // eksctl creates a role when roleARN is empty (pkg/apis/eksctl.io/v1alpha5/iam.go); its
  // --dry-run writes every association's roleARN, "" when it will create one.
  'PodIdentityAssociation.roleARN': whenEmpty,
  // false asks for nothing: read as unset, though the fields themselves are refused (field-support.ts).
  'NodeGroup.efaEnabled': whenEmpty,
  'ManagedNodeGroup.efaEnabled': whenEmpty,
  // false is eksctl's default: no ServiceAccount is created, as with no field.
  'PodIdentityAssociation.createServiceAccount': whenEmpty,
  // Status is eksctl's output (`get fargateprofile`); its --dry-run writes it empty.
  'FargateProfile.status': whenEmpty,
  'NodeGroupSGs.withLocal': (value) => {
    if (value === null || value === false) return DROPPED;
    return value === true
      ? {
          kind: 'warning',
          message:
            'is ignored: private-eks makes no security group per nodegroup; its nodes use the cluster security group and the shared node security group, which allow the control plane and the other nodes',
        }
      : undefined;
  },
};

/** The verdict for `<eksctlType>.<key>: value`, or undefined when the value is not inert. */
export function inertValue(
  eksctlType: string | undefined,
  key: string,
  value: unknown,
  parent: Readonly<Record<string, unknown>>,
): InertVerdict | undefined {
  if (eksctlType === undefined) return undefined;
  const test = INERT_VALUES[`${eksctlType}.${key}`];
  return test?.(value, parent);
}
