/**
 * Offline, the instance types an `instanceSelector` chooses are EC2's answer, not known yet
 * (plan/instance-selection.ts). The template shown then takes them as a parameter rather than
 * carrying made-up types: `InstanceSelectorTypes`, a comma-delimited list, described with the
 * selector. A live plan (and create) puts the types EC2 matched in their place instead.
 *
 * A managed nodegroup passes the list to `InstanceTypes`. A self-managed one needs one override
 * per type in its mixed instances policy, and CloudFormation cannot map a list to objects: the
 * template holds eksctl's maximum (40) of overrides, each present only when the list has that
 * many entries (a condition per slot), so its size is the worst case and it stays deployable.
 */
import { describeInstanceSelector, MAX_SELECTED_INSTANCE_TYPES } from '../config/instance-selector.js';
import type { ResolvedNodeGroup } from '../config/resolved.js';
import { ref } from './cfn.js';
import type { CfnParameter, CfnValue } from './types.js';

export const INSTANCE_SELECTOR_PARAMETER = 'InstanceSelectorTypes';

/** True when the nodegroup's types come from a selector the plan could not resolve (offline). */
export function selectorTypesUnknown(ng: ResolvedNodeGroup): boolean {
  return ng.instanceSelector !== undefined && ng.instanceTypes.length === 0;
}

export function instanceSelectorParameter(ng: ResolvedNodeGroup): Record<string, CfnParameter> {
  if (ng.instanceSelector === undefined || !selectorTypesUnknown(ng)) return {};
  return {
    [INSTANCE_SELECTOR_PARAMETER]: {
      Type: 'CommaDelimitedList',
      Description: `Instance types chosen by EC2 from instanceSelector {${describeInstanceSelector(ng.instanceSelector)}} (at most ${MAX_SELECTED_INSTANCE_TYPES}); private-eks fills them in when it plans live`,
    },
  };
}

/** The parameter's list padded with empty entries, so that every slot can be selected. */
const padded: CfnValue = {
  'Fn::Split': [
    ',',
    {
      'Fn::Join': [
        '',
        [{ 'Fn::Join': [',', ref(INSTANCE_SELECTOR_PARAMETER)] }, ','.repeat(MAX_SELECTED_INSTANCE_TYPES - 1)],
      ],
    },
  ],
};

/** The n-th type of the parameter (0: the first, always present). */
export function selectedType(index: number): CfnValue {
  return index === 0 ? { 'Fn::Select': [0, ref(INSTANCE_SELECTOR_PARAMETER)] } : { 'Fn::Select': [index, padded] };
}

const slotCondition = (index: number): string => `HasInstanceSelectorType${index + 1}`;

/** One condition per slot after the first: the list has an entry there. */
export function instanceSelectorConditions(): Record<string, CfnValue> {
  const conditions: Record<string, CfnValue> = {};
  for (let i = 1; i < MAX_SELECTED_INSTANCE_TYPES; i++) {
    conditions[slotCondition(i)] = { 'Fn::Not': [{ 'Fn::Equals': [selectedType(i), ''] }] };
  }
  return conditions;
}

/** The mixed instances policy's overrides: the first type, then each further one when present. */
export function instanceSelectorOverrides(): CfnValue[] {
  const overrides: CfnValue[] = [{ InstanceType: selectedType(0) }];
  for (let i = 1; i < MAX_SELECTED_INSTANCE_TYPES; i++) {
    overrides.push({ 'Fn::If': [slotCondition(i), { InstanceType: selectedType(i) }, ref('AWS::NoValue')] });
  }
  return overrides;
}
