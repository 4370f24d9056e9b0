/**
 * A nodegroup's `instanceSelector` (both kinds): criteria that EC2 can answer, and no instance
 * type written beside it. eksctl checks the same at create time (pkg/eks/nodegroup_service.go
 * expandInstanceSelector, validation.go); private-eks checks it before any AWS call, with
 * eksctl's message where eksctl has one. Which types match is learnt when the cluster is planned
 * live (plan/instance-selection.ts).
 *
 * A selector next to the types eksctl --dry-run resolved it to never gets here: those types are
 * the ones built (inert-fields.ts).
 */
import { DEFAULT_AMI_FAMILY } from '../defaults.js';
import {
  hasNarrowingCriteria,
  MAX_SELECTED_INSTANCE_TYPES,
  parseMemoryMiB,
  regexError,
  selectorArchitecture,
  type InstanceSelectorFile,
} from '../instance-selector.js';
import { formatPath, type FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { quote } from '../report.js';
import { eachNodeGroup, hasTypeError, report, type RuleContext } from './context.js';
import { familyHasImageFor } from './instance-images.js';

/** A Graviton type, to ask whether an image family has an arm64 image. */
const ARM_PROBE = 'm6g.large';

export function instanceSelectorRules(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const { path, ng } of eachNodeGroup(ctx.config)) {
    const selector = ng.instanceSelector as InstanceSelectorFile | undefined;
    if (selector === undefined || hasTypeError(ctx, [...path, 'instanceSelector'])) continue;
    const at = (field: FieldPath, message: string, hint: string, anchor: 'key' | 'value' = 'value'): void => {
      problems.push(
        report(ctx, anchor, { rule: 'VALUE', path: [...path, 'instanceSelector', ...field], message, hint }),
      );
    };
    const p = formatPath(path);
    const managed = path[0] === 'managedNodeGroups';
    const instanceType = ng.instanceType ?? '';
    if (managed && instanceType !== '') {
      problems.push(
        report(ctx, 'key', {
          rule: 'VALUE',
          path: [...path, 'instanceType'],
          message: `cannot set instanceType when instanceSelector is specified (${p})`,
          hint: 'remove instanceType (the selector chooses the types), or remove instanceSelector and list the types in instanceTypes',
        }),
      );
    } else if (!managed && instanceType !== '' && instanceType !== 'mixed' && ng.instancesDistribution === undefined) {
      // With instancesDistribution, its own rule says the same (nodegroup-settings-eksctl.ts).
      problems.push(
        report(ctx, 'key', {
          rule: 'VALUE',
          path: [...path, 'instanceType'],
          message: 'instanceType should be "mixed" or unset when using the instance selector feature',
          hint: 'remove instanceType (the selector chooses the types), or remove instanceSelector',
        }),
      );
    }
    if (!hasNarrowingCriteria(selector)) {
      problems.push(
        report(ctx, 'key', {
          rule: 'VALUE',
          path: [...path, 'instanceSelector'],
          message: `${p}.instanceSelector has no criteria that narrow the instance types: it would match every ${selectorArchitecture(selector.cpuArchitecture) ?? ''} type EC2 offers, more than the ${MAX_SELECTED_INSTANCE_TYPES} a nodegroup can use`,
          hint: 'set vCPUs and memory (e.g. vCPUs: 2, memory: 8GiB), gpus or neuron_devices above 0, or allow (e.g. allow: "^m[5-7]i?\\\\.")',
        }),
      );
    }
    if (selector.memory !== undefined && selector.memory !== '') {
      const parsed = parseMemoryMiB(selector.memory);
      if ('error' in parsed) {
        at(
          ['memory'],
          `invalid value ${quote(selector.memory)} for instanceSelector.memory: ${parsed.error}`,
          'write a number with an optional unit MiB, GiB or TiB, e.g. 8GiB, 8 (GiB) or 512MiB',
        );
      }
    }
    const architecture = selectorArchitecture(selector.cpuArchitecture);
    if (architecture === undefined) {
      at(
        ['cpuArchitecture'],
        `invalid value ${quote(selector.cpuArchitecture ?? '')} for instanceSelector.cpuArchitecture: EC2 has no instance types of that architecture`,
        'write x86_64 (or amd64) or arm64',
      );
    } else if (architecture === 'arm64' && !familyHasImageFor(ng.amiFamily ?? DEFAULT_AMI_FAMILY, ARM_PROBE)) {
      at(
        ['cpuArchitecture'],
        `amiFamily ${ng.amiFamily ?? DEFAULT_AMI_FAMILY} has no arm64 image, so instanceSelector.cpuArchitecture arm64 cannot be used (${p})`,
        'write cpuArchitecture: x86_64, or use an amiFamily with arm64 images (AmazonLinux2023, Bottlerocket)',
      );
    }
    driverWarnings(ctx, path, ng.amiFamily ?? DEFAULT_AMI_FAMILY, selector, problems);
    for (const field of ['allow', 'deny'] as const) {
      const source = selector[field];
      if (source === undefined) continue;
      const error = regexError(source);
      if (error !== undefined) {
        at(
          [field],
          `invalid value ${quote(source)} for instanceSelector.${field}: ${error}`,
          `write a regular expression over the type names, e.g. ${field}: "^(m|c)[5-7]\\\\."`,
        );
      }
    }
  }
  return problems;
}

/** Families whose images carry the GPU and Neuron drivers (eksctl: Amazon Linux and Bottlerocket). */
const hasAcceleratorDrivers = (family: string): boolean =>
  family === 'AmazonLinux2023' || family === 'AmazonLinux2' || family.startsWith('Bottlerocket');

/**
 * eksctl's warnings (validateNodeGroupBase): a selector that does not say gpus: 0 (or
 * neuron_devices: 0) may choose accelerated types the image has no drivers for.
 */
function driverWarnings(
  ctx: RuleContext,
  path: FieldPath,
  family: string,
  selector: InstanceSelectorFile,
  problems: Problem[],
): void {
  if (hasAcceleratorDrivers(family)) return;
  const warn = (field: 'gpus' | 'neuron_devices', message: string): void => {
    problems.push(
      report(ctx, 'key', {
        rule: 'VALUE',
        severity: 'warning',
        path: [...path, 'instanceSelector'],
        message,
        hint: `set instanceSelector.${field}: 0 to leave such types out`,
      }),
    );
  };
  if (selector.gpus !== 0) {
    warn(
      'gpus',
      `instance selector may/will select GPU instance types, ${family} does not ship with NVIDIA GPU drivers installed, hence won't support running GPU-accelerated workloads out of the box`,
    );
  }
  if (selector.neuron_devices !== 0) {
    warn(
      'neuron_devices',
      `instance selector may/will select Neuron Device instance types, ${family} does not ship with Neuron Devices drivers installed, hence won't support running inference-accelerated workloads out of the box`,
    );
  }
}
