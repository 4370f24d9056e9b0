/**
 * eksctl's nodegroup checks (validateNodeGroupBase, ValidateNodeGroup, ValidateManagedNodeGroup
 * and the AmazonLinux2 end of life in the nodegroup defaults), in eksctl's order for each kind and
 * with eksctl's messages; then what private-eks cannot build (its image families, bootstrap on
 * the EKS image), so that `validate` refuses what planning would.
 *
 * eksctl validates a self-managed nodegroup before its defaults and a managed one after them: so
 * `volumeEncrypted` without `volumeSize` is refused on the first kind only (the second has its
 * default size by then), and the sizes of a managed nodegroup are checked as eksctl completes them.
 */
import { formatPath, isRecord, type FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { quote } from '../report.js';
import type { ManagedNodeGroupFile, NodeGroupFile } from '../schema.js';
import { report, type RuleContext } from './context.js';
import { isArmInstanceType } from './instance-images.js';

type AnyNodeGroup = NodeGroupFile | ManagedNodeGroupFile;
type Kind = 'self-managed' | 'managed';

/** A field the schema may not carry (yet): read as the file wrote it, or undefined. */
function extra(node: unknown, key: string): unknown {
  return isRecord(node) ? node[key] : undefined;
}

const BOTTLEROCKET = ['Bottlerocket', 'BottlerocketFips'];
const AMAZON_LINUX = ['AmazonLinux2023', 'AmazonLinux2'];
const isBottlerocket = (family: string | undefined) => BOTTLEROCKET.includes(family ?? '');
const isWindows = (family: string | undefined) => (family ?? '').startsWith('WindowsServer');
const isUbuntu = (family: string | undefined) => /^Ubuntu/.test(family ?? '');
/** The image families private-eks builds nodes on (templates/ami.ts); Windows: rules/cluster-fields.ts. */
export const PRIVATE_EKS_AMI_FAMILIES = [
  'AmazonLinux2023',
  'AmazonLinux2',
  'Bottlerocket',
  'Ubuntu2004',
  'UbuntuPro2004',
  'Ubuntu2204',
  'UbuntuPro2204',
  'Ubuntu2404',
  'UbuntuPro2404',
  'Ubuntu2604',
  'UbuntuPro2604',
];

/** eksctl's AmazonLinux2EOLVersion: EKS publishes no AmazonLinux2 image from this version on. */
const AL2_EOL_VERSION = '1.33';

function versionAtLeast(version: string, floor: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [x = 0, y = 0] = floor.split('.').map(Number);
  return a > x || (a === x && b >= y);
}

interface NodeGroupAt {
  readonly ctx: RuleContext;
  readonly path: FieldPath;
  readonly ng: AnyNodeGroup;
  readonly kind: Kind;
  readonly problems: Problem[];
}

function at(n: NodeGroupAt, field: string | FieldPath, message: string, hint: string, anchor: 'key' | 'value' = 'key') {
  const path = [...n.path, ...(typeof field === 'string' ? [field] : field)];
  n.problems.push(report(n.ctx, anchor, { rule: 'VALUE', path, message, hint }));
}

/** validateNodeGroupBase: volumes, sizes of lists, the image family, SSM, accelerators. */
function base(n: NodeGroupAt): void {
  const { ng, path } = n;
  const p = formatPath(path);
  // A managed nodegroup has its default volumeSize when eksctl checks it (unless a launch template).
  const sizeSet = ng.volumeSize !== undefined || (n.kind === 'managed' && !('launchTemplate' in ng));
  if (!sizeSet) {
    const cantSet = (field: string) =>
      at(n, field, `${p}.${field} cannot be set without ${p}.volumeSize`, `add volumeSize (GiB, e.g. 80) to ${p}`);
    if (typeof extra(ng, 'volumeName') === 'string' && extra(ng, 'volumeName') !== '') cantSet('volumeName');
    if (ng.volumeEncrypted === true) cantSet('volumeEncrypted');
    if (typeof extra(ng, 'volumeKmsKeyID') === 'string' && extra(ng, 'volumeKmsKeyID') !== '')
      cantSet('volumeKmsKeyID');
  }
  volumeOptions(n);
  if (
    ng.volumeEncrypted !== true &&
    typeof extra(ng, 'volumeKmsKeyID') === 'string' &&
    extra(ng, 'volumeKmsKeyID') !== ''
  ) {
    at(
      n,
      'volumeKmsKeyID',
      `${p}.volumeKmsKeyID can not be set without ${p}.volumeEncrypted enabled explicitly`,
      'add volumeEncrypted: true',
    );
  }
  if (typeof ng.maxPodsPerNode === 'number' && ng.maxPodsPerNode < 0) {
    at(n, 'maxPodsPerNode', `${p}.maxPodsPerNode cannot be negative`, 'write a positive number', 'value');
  }
  const placement = extra(ng, 'placement');
  if (isRecord(placement) && (placement['groupName'] ?? '') === '') {
    at(n, 'placement', `${p}.placement.groupName must be set and non-empty`, 'name a placement group');
  }
  if (extra(ng, 'efaEnabled') === true && ((ng.availabilityZones ?? []).length > 1 || (ng.subnets ?? []).length > 1)) {
    at(
      n,
      'efaEnabled',
      `${p}.efaEnabled nodegroups must have only one subnet or one availability zone`,
      'list one subnet or one zone',
    );
  }
  if (ng.ssh?.enableSsm === false) {
    at(
      n,
      ['ssh', 'enableSsm'],
      'SSM agent is now built into EKS AMIs and cannot be disabled',
      'remove enableSsm (SSM is always on)',
      'value',
    );
  }
  const family = ng.amiFamily;
  if (family !== undefined && !AMAZON_LINUX.includes(family) && !isBottlerocket(family)) {
    const types = [ng.instanceType ?? '', ...((ng as ManagedNodeGroupFile).instanceTypes ?? [])];
    for (const [accelerator, pattern] of [
      ['Inferentia', /^inf\d/],
      ['Trainium', /^trn\d/],
    ] as const) {
      if (types.some((t) => pattern.test(t))) {
        at(
          n,
          'amiFamily',
          `${accelerator} instance types are not supported for ${family}; please use AmazonLinux2 instead`,
          'use amiFamily AmazonLinux2023 (or Bottlerocket) for these instance types',
          'value',
        );
      }
    }
  }
  if (extra(ng, 'instanceMarketOptions') !== undefined && extra(ng, 'capacityReservation') === undefined) {
    at(
      n,
      'instanceMarketOptions',
      'instanceMarketOptions cannot be set without capacityReservation',
      'add capacityReservation',
    );
  }
}

const IOPS_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  io1: [100, 64000],
  io2: [100, 256000],
  gp3: [3000, 16000],
};
const THROUGHPUT_RANGE = [125, 1000] as const;

/**
 * validateVolumeOpts: IOPS and throughput per volume type, for the root volume (eksctl's check) and
 * for each of additionalVolumes (the same EBS ranges; eksctl leaves those to CloudFormation).
 */
function volumeOptions(n: NodeGroupAt): void {
  volumeRanges(n, [], n.ng);
  (n.ng.additionalVolumes ?? []).forEach((volume, i) => volumeRanges(n, ['additionalVolumes', i], volume));
}

function volumeRanges(n: NodeGroupAt, prefix: FieldPath, volume: unknown): void {
  const p = formatPath([...n.path, ...prefix]);
  const type = extra(volume, 'volumeType') as string | undefined;
  const iops = extra(volume, 'volumeIOPS');
  const throughput = extra(volume, 'volumeThroughput');
  if (type !== undefined && typeof iops === 'number' && IOPS_RANGES[type] === undefined) {
    at(
      n,
      [...prefix, 'volumeIOPS'],
      `${p}.volumeIOPS is only supported for io1, io2 and gp3 volume types`,
      'remove volumeIOPS',
    );
    return;
  }
  const range = IOPS_RANGES[type ?? 'gp3'];
  if (typeof iops === 'number' && range !== undefined && (iops < range[0] || iops > range[1])) {
    at(
      n,
      [...prefix, 'volumeIOPS'],
      `value for ${p}.volumeIOPS must be within range ${range[0]}-${range[1]}`,
      `write ${range[0]} to ${range[1]}`,
      'value',
    );
  }
  if (typeof throughput === 'number') {
    if ((type ?? 'gp3') !== 'gp3') {
      at(
        n,
        [...prefix, 'volumeThroughput'],
        `${p}.volumeThroughput is only supported for gp3 volume type`,
        'remove volumeThroughput',
      );
    } else if (throughput < THROUGHPUT_RANGE[0] || throughput > THROUGHPUT_RANGE[1]) {
      at(
        n,
        [...prefix, 'volumeThroughput'],
        `value for ${p}.volumeThroughput must be within range ${THROUGHPUT_RANGE[0]}-${THROUGHPUT_RANGE[1]}`,
        `write ${THROUGHPUT_RANGE[0]} to ${THROUGHPUT_RANGE[1]} (MiB/s)`,
        'value',
      );
    }
  }
}

/** validateNodeGroupIAM: a given role or instance profile comes with its own policies. */
function givenRoleConflicts(n: NodeGroupAt, field: 'instanceRoleARN' | 'instanceProfileARN'): void {
  const iam = n.ng.iam;
  if ((iam?.[field] ?? '') === '') return;
  const p = formatPath(n.path);
  const conflicting = [
    ...((extra(iam, 'instanceRoleName') ?? '') !== '' ? ['instanceRoleName'] : []),
    ...(iam?.attachPolicy === undefined ? [] : ['attachPolicy']),
    ...((iam?.attachPolicyARNs ?? []).length > 0 ? ['attachPolicyARNs'] : []),
    ...((extra(iam, 'instanceRolePermissionsBoundary') ?? '') !== '' ? ['instanceRolePermissionsBoundary'] : []),
  ];
  for (const other of conflicting) {
    at(
      n,
      ['iam', other],
      `${p}.iam.${field} and ${p}.iam.${other} cannot be set at the same time`,
      `attach the policies to your role yourself and remove iam.${other}, or remove iam.${field} so the node role is created with them`,
    );
  }
}

/** eksctl's ARN syntax (aws-sdk-go's arn.Parse): arn:partition:service:region:account:resource. */
export function parseArn(text: string): { service: string; resource: string } | undefined {
  if (arnSyntaxError(text) !== undefined) return undefined;
  const parts = text.split(':');
  return { service: parts[2]!, resource: parts.slice(5).join(':') };
}

/** aws-sdk-go's arn.Parse error for `text`, which eksctl passes on; undefined for an ARN. */
export function arnSyntaxError(text: string): string | undefined {
  if (!text.startsWith('arn:')) return 'arn: invalid prefix';
  if (text.split(':').length < 6) return 'arn: not enough sections';
  return undefined;
}

function bootstrapFieldsRefused(n: NodeGroupAt, fields: readonly string[]): void {
  const p = formatPath(n.path);
  for (const field of fields) {
    if (extra(n.ng, field) === undefined) continue;
    at(
      n,
      field,
      `${field} is not supported for ${n.ng.amiFamily ?? ''} nodegroups (path=${p}.${field})`,
      n.ng.amiFamily?.startsWith('Bottlerocket') === true
        ? 'use Bottlerocket settings or bootstrap containers, or amiFamily AmazonLinux2023'
        : 'remove it',
    );
  }
}

/** AmazonLinux2 on a Kubernetes version EKS publishes no AmazonLinux2 image for (eksctl's defaults). */
function al2EndOfLife(n: NodeGroupAt): void {
  const version = n.ctx.resolved.metadata.version;
  if (n.ng.amiFamily !== 'AmazonLinux2' || !versionAtLeast(version, AL2_EOL_VERSION)) return;
  if (n.kind === 'managed' && (n.ng.ami ?? '') !== '') return;
  at(
    n,
    'amiFamily',
    `AmazonLinux2 is not supported for Kubernetes version ${version}`,
    `use amiFamily AmazonLinux2023, or a Kubernetes version before ${AL2_EOL_VERSION}`,
    'value',
  );
}

/** ValidateNodeGroup (self-managed), after validateNodeGroupBase. */
function selfManaged(n: NodeGroupAt): void {
  const ng = n.ng as NodeGroupFile;
  const p = formatPath(n.path);
  givenRoleConflicts(n, 'instanceProfileARN');
  givenRoleConflicts(n, 'instanceRoleARN');
  (ng.iam?.attachPolicyARNs ?? []).forEach((arn, i) => {
    const error = arnSyntaxError(arn);
    if (error !== undefined) {
      at(
        n,
        ['iam', 'attachPolicyARNs', i],
        `invalid ARN ${quote(arn)} in ${p}.iam.attachPolicyARNs: ${error}`,
        'write a policy ARN: arn:aws:iam::aws:policy/NAME or arn:aws:iam::ACCOUNT:policy/NAME',
        'value',
      );
    }
  });
  customAmi(n);
  if (isBottlerocket(ng.amiFamily))
    bootstrapFieldsRefused(n, ['kubeletExtraConfig', 'preBootstrapCommands', 'overrideBootstrapCommand']);
  else if (isWindows(ng.amiFamily)) bootstrapFieldsRefused(n, ['kubeletExtraConfig']);
  if ((ng.localZones ?? []).length > 0 && (ng.availabilityZones ?? []).length > 0) {
    at(n, 'localZones', 'cannot specify both localZones and availabilityZones', 'keep one of the two');
  }
  al2EndOfLife(n);
}

/** A custom AMI: its family must be said, and most families need their own bootstrap command. */
function customAmi(n: NodeGroupAt): void {
  const { ng } = n;
  const p = formatPath(n.path);
  if ((ng.ami ?? '') === '') return;
  if (ng.amiFamily === undefined) {
    at(
      n,
      'ami',
      'when using a custom AMI, amiFamily needs to be explicitly set via config file or via --node-ami-family flag',
      'add amiFamily (the family the AMI is built from, e.g. AmazonLinux2023)',
    );
    return;
  }
  if (
    ng.overrideBootstrapCommand === undefined &&
    ng.amiFamily !== 'AmazonLinux2023' &&
    !isBottlerocket(ng.amiFamily) &&
    (n.kind === 'managed' || !isWindows(ng.amiFamily))
  ) {
    at(
      n,
      'ami',
      `${p}.overrideBootstrapCommand is required when using a custom AMI based on ${ng.amiFamily} (${p}.ami)`,
      'add overrideBootstrapCommand: the command that joins the node to the cluster',
    );
  }
}

const LAUNCH_TEMPLATE_INCOMPATIBLE =
  'instanceType, ami, ssh.allow, ssh.enableSSM, ssh.sourceSecurityGroupIds, securityGroups, volumeSize, instanceName, instancePrefix, maxPodsPerNode, disableIMDSv1, disablePodIMDS, preBootstrapCommands, overrideBootstrapCommand, placement';

/** ValidateManagedNodeGroup, after validateNodeGroupBase. */
function managed(n: NodeGroupAt): void {
  const ng = n.ng as ManagedNodeGroupFile;
  const p = formatPath(n.path);
  givenRoleConflicts(n, 'instanceRoleARN');
  if ((ng.iam?.instanceProfileARN ?? '') !== '') {
    at(
      n,
      ['iam', 'instanceProfileARN'],
      `instanceProfileARN is not supported for Managed Nodes (${p}.instanceProfileARN)`,
      'give the role with iam.instanceRoleARN instead',
    );
  }
  managedSizes(n);
  updateConfig(n);
  nodeRepairLimits(n);
  if (ng.securityGroups?.withShared === true || extra(ng.securityGroups, 'withLocal') === true) {
    at(
      n,
      'securityGroups',
      `securityGroups.withLocal and securityGroups.withShared are not supported for managed nodegroups (${p}.securityGroups)`,
      'remove withShared: managed nodes get the cluster security group',
    );
  }
  if ((ng.instanceType ?? '') !== '' && (ng.instanceTypes ?? []).length > 0) {
    at(
      n,
      'instanceTypes',
      `only one of instanceType or instanceTypes can be specified (${p})`,
      'keep instanceTypes and remove instanceType',
    );
  }
  if (isBottlerocket(ng.amiFamily)) bootstrapFieldsRefused(n, ['preBootstrapCommands', 'overrideBootstrapCommand']);
  if (isWindows(ng.amiFamily)) bootstrapFieldsRefused(n, ['overrideBootstrapCommand']);
  if (ng.launchTemplate !== undefined) launchTemplate(n);
  else if ((ng.ami ?? '') !== '') managedCustomAmi(n);
  else if (ng.overrideBootstrapCommand !== undefined && (ng.amiFamily ?? 'AmazonLinux2023') !== 'AmazonLinux2023') {
    at(
      n,
      'overrideBootstrapCommand',
      `${p}.overrideBootstrapCommand can only be set when a custom AMI (${p}.ami) is specified`,
      'set ami, or use preBootstrapCommands',
    );
  }
  al2EndOfLife(n);
}

function managedSizes(n: NodeGroupAt): void {
  const { minSize, maxSize, desiredCapacity } = n.ng;
  const sizes = (message: string, field: string) =>
    at(
      n,
      field,
      message,
      'make minSize ≤ desiredCapacity ≤ maxSize (minSize and maxSize default to desiredCapacity)',
      'value',
    );
  const min = minSize ?? desiredCapacity ?? 2;
  if (minSize !== undefined && desiredCapacity !== undefined && desiredCapacity < minSize) {
    sizes(`cannot use --nodes-min=${minSize} and --nodes=${desiredCapacity} at the same time`, 'minSize');
  } else if (maxSize !== undefined && desiredCapacity !== undefined && desiredCapacity > maxSize) {
    sizes(`cannot use --nodes-max=${maxSize} and --nodes=${desiredCapacity} at the same time`, 'maxSize');
  } else if (maxSize !== undefined && maxSize < min) {
    sizes(`cannot use --nodes-min=${min} and --nodes-max=${maxSize} at the same time`, 'maxSize');
  }
}

/**
 * nodeRepairConfig: each limit as a percentage or as a count, not both (EKS refuses both at
 * CreateNodegroup; eksctl passes them on unchecked, so the stack would fail).
 */
function nodeRepairLimits(n: NodeGroupAt): void {
  const config = extra(n.ng, 'nodeRepairConfig');
  if (!isRecord(config)) return;
  const p = formatPath([...n.path, 'nodeRepairConfig']);
  for (const limit of ['maxUnhealthyNodeThreshold', 'maxParallelNodesRepaired']) {
    if (config[`${limit}Percentage`] === undefined || config[`${limit}Count`] === undefined) continue;
    at(
      n,
      ['nodeRepairConfig', `${limit}Count`],
      `${p}.${limit}Percentage and ${p}.${limit}Count cannot be set at the same time`,
      `keep one of ${limit}Percentage or ${limit}Count`,
    );
  }
}

function updateConfig(n: NodeGroupAt): void {
  const config = extra(n.ng, 'updateConfig');
  if (!isRecord(config)) return;
  const count = config['maxUnavailable'];
  const percentage = config['maxUnavailablePercentage'];
  const hint = 'set one of maxUnavailable (nodes) or maxUnavailablePercentage';
  if (count === undefined && percentage === undefined) {
    at(n, 'updateConfig', 'invalid UpdateConfig: maxUnavailable or maxUnavailablePercentage must be defined', hint);
  } else if (count !== undefined && percentage !== undefined) {
    at(
      n,
      'updateConfig',
      `cannot use maxUnavailable=${JSON.stringify(count)} and maxUnavailablePercentage=${JSON.stringify(percentage)} at the same time`,
      hint,
    );
  } else if (typeof count === 'number') {
    const max = n.ctx.resolved.managedNodeGroups[n.path[1] as number]?.maxSize;
    if (max !== undefined && count > max) {
      at(
        n,
        ['updateConfig', 'maxUnavailable'],
        `maxUnavailable=${count} cannot be greater than maxSize=${max}`,
        'lower maxUnavailable',
        'value',
      );
    }
  }
}

function launchTemplate(n: NodeGroupAt): void {
  const ng = n.ng as ManagedNodeGroupFile;
  const p = formatPath(n.path);
  const template = ng.launchTemplate!;
  if ((template.id ?? '') === '') {
    at(
      n,
      'launchTemplate',
      `launchTemplate.id is required if launchTemplate is set (${p}.launchTemplate)`,
      'give the launch template id (lt-…)',
    );
  }
  const version = template.version;
  if (version !== undefined) {
    if (!/^[+-]?\d+$/.test(version)) {
      at(
        n,
        ['launchTemplate', 'version'],
        `invalid launch template version: strconv.ParseInt: parsing ${quote(version)}: invalid syntax`,
        'write a version number, e.g. "1"',
        'value',
      );
    } else if (Number(version) < 1) {
      at(
        n,
        ['launchTemplate', 'version'],
        `launchTemplate.version must be >= 1 (${p}.launchTemplate.version)`,
        'write a version number from 1',
        'value',
      );
    }
  }
  const ssh = ng.ssh;
  const conflicting =
    (ng.instanceType ?? '') !== '' ||
    (ng.ami ?? '') !== '' ||
    ssh?.allow === true ||
    ssh?.enableSsm === true ||
    (ssh?.sourceSecurityGroupIds ?? []).length > 0 ||
    ng.volumeSize !== undefined ||
    (ng.preBootstrapCommands ?? []).length > 0 ||
    ng.overrideBootstrapCommand !== undefined ||
    (ng.securityGroups?.attachIDs ?? []).length > 0 ||
    (extra(ng, 'instanceName') ?? '') !== '' ||
    (extra(ng, 'instancePrefix') ?? '') !== '' ||
    (ng.maxPodsPerNode ?? 0) !== 0 ||
    ng.disableIMDSv1 === false ||
    extra(ng, 'disablePodIMDS') === true ||
    extra(ng, 'placement') !== undefined;
  if (conflicting) {
    at(
      n,
      'launchTemplate',
      `cannot set ${LAUNCH_TEMPLATE_INCOMPATIBLE} in managedNodeGroup when a launch template is supplied`,
      'set these in the launch template itself, or remove launchTemplate',
    );
  }
}

function managedCustomAmi(n: NodeGroupAt): void {
  const ng = n.ng as ManagedNodeGroupFile;
  const p = formatPath(n.path);
  const ami = ng.ami!;
  if (!ami.startsWith('ami-')) {
    at(n, 'ami', `invalid AMI ${quote(ami)} (${p}.ami)`, 'write an AMI id: ami-…', 'value');
    return;
  }
  const family = ng.amiFamily;
  if (family !== undefined && !AMAZON_LINUX.includes(family) && !isBottlerocket(family) && !isUbuntu(family)) {
    at(
      n,
      'amiFamily',
      `cannot set amiFamily to ${family} when using a custom AMI for managed nodes, only AmazonLinux2023, AmazonLinux2, Bottlerocket, BottlerocketFips, UbuntuPro2604, Ubuntu2604, UbuntuPro2404, Ubuntu2404, UbuntuPro2204, Ubuntu2204, UbuntuPro2004, Ubuntu2004 are supported`,
      'use an Amazon Linux or Bottlerocket AMI',
      'value',
    );
    return;
  }
  customAmi(n);
  if (family === undefined) return;
  const notWithCustomAmi = (field: string, path: FieldPath) =>
    at(n, path, `${p}.${field} is not supported when using a custom AMI (${p}.ami)`, `remove ${field}`);
  if ((ng.maxPodsPerNode ?? 0) !== 0) notWithCustomAmi('maxPodsPerNode', ['maxPodsPerNode']);
  if (ng.ssh?.enableSsm === true) notWithCustomAmi('enableSSM', ['ssh', 'enableSsm']);
  if ((extra(ng, 'releaseVersion') ?? '') !== '') notWithCustomAmi('releaseVersion', ['releaseVersion']);
}

/** What private-eks cannot build although eksctl accepts it (planning would refuse it). */
function privateEksLimits(n: NodeGroupAt): void {
  const { ng } = n;
  const p = formatPath(n.path);
  const family = ng.amiFamily;
  // Windows is refused with its reason by nodeImageFamilies (rules/cluster-fields.ts).
  if (family !== undefined && !PRIVATE_EKS_AMI_FAMILIES.includes(family) && !isWindows(family)) {
    at(
      n,
      'amiFamily',
      `amiFamily ${family} is not supported by private-eks (eksctl accepts it; private-eks builds nodes on ${PRIVATE_EKS_AMI_FAMILIES.join(', ')} only)`,
      `use one of ${PRIVATE_EKS_AMI_FAMILIES.join(', ')}`,
      'value',
    );
    return;
  }
  if ((ng.volumeType === 'io1' || ng.volumeType === 'io2') && typeof extra(ng, 'volumeIOPS') !== 'number') {
    // eksctl defaults the IOPS to 100; private-eks's templates set none, and CloudFormation requires it.
    at(
      n,
      'volumeType',
      `${p}.volumeType ${ng.volumeType} needs volumeIOPS in private-eks (CloudFormation requires Iops for io1 and io2 volumes)`,
      'use volumeType gp3, or give volumeIOPS',
      'value',
    );
  }
  if (n.kind !== 'managed' || (ng.ami ?? '') !== '' || (ng as ManagedNodeGroupFile).launchTemplate !== undefined)
    return;
  if (isWindows(family)) windowsOnArm(n, family!);
  if (ng.overrideBootstrapCommand !== undefined && (family ?? 'AmazonLinux2023') === 'AmazonLinux2023') {
    at(
      n,
      'overrideBootstrapCommand',
      `${p}.overrideBootstrapCommand needs a custom AMI (${p}.ami) on a managed nodegroup in private-eks (eksctl accepts it on AmazonLinux2023; private-eks lets EKS bootstrap its own image)`,
      'set ami, or use preBootstrapCommands',
    );
  }
  if (ng.maxPodsPerNode !== undefined && family === 'AmazonLinux2') {
    at(
      n,
      'maxPodsPerNode',
      `${p}.maxPodsPerNode on a managed AmazonLinux2 nodegroup needs a custom AMI (${p}.ami) in private-eks`,
      'use amiFamily AmazonLinux2023, or set ami',
    );
  }
}

/**
 * EKS publishes Windows images for x86_64 only: a managed Windows nodegroup on a Graviton type
 * would fail at CreateNodegroup (self-managed ones: eksctl's instance-type check).
 */
function windowsOnArm(n: NodeGroupAt, family: string): void {
  const ng = n.ng as ManagedNodeGroupFile;
  const types: [FieldPath, string][] =
    (ng.instanceTypes ?? []).length > 0
      ? ng.instanceTypes!.map((t, i) => [['instanceTypes', i], t])
      : ng.instanceType !== undefined
        ? [[['instanceType'], ng.instanceType]]
        : [];
  for (const [field, type] of types) {
    if (!isArmInstanceType(type)) continue;
    at(
      n,
      field,
      `${type} instance types are not supported for managed nodegroups with AMIFamily ${family}: EKS has no Arm (Graviton) Windows image`,
      'use an x86_64 instance type for Windows nodes',
      'value',
    );
  }
}

/** Every nodegroup, self-managed then managed, each through eksctl's checks for its kind. */
export function nodeGroupKindRules(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const visit = (list: readonly AnyNodeGroup[] | undefined, name: string, kind: Kind) =>
    (list ?? []).forEach((ng, i) => {
      const n: NodeGroupAt = { ctx, path: [name, i], ng, kind, problems };
      base(n);
      if (kind === 'self-managed') selfManaged(n);
      else managed(n);
      privateEksLimits(n);
    });
  visit(ctx.config.nodeGroups, 'nodeGroups', 'self-managed');
  visit(ctx.config.managedNodeGroups, 'managedNodeGroups', 'managed');
  return problems;
}
