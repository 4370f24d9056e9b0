/**
 * What the cluster-stack modules share while one template is built: the plan, and how to refer
 * to the VPC and subnets whether the stack creates them (`Ref`) or the user supplied them (ids).
 */
import { PrivateEksError } from '../errors.js';
import { UNKNOWN_OFFLINE } from '../plan/types.js';
import type { Plan, PlannedRouteTableRef, PlannedSubnet, PlannedSubnetRef, StackPlan } from '../plan/types.js';
import { ref } from './cfn.js';
import type { CfnValue } from './types.js';

export const VPC_ID = 'VPC';

export function subnetLogicalId(logicalSuffix: string): string {
  return `SubnetPrivate${logicalSuffix}`;
}

export function routeTableLogicalId(logicalSuffix: string): string {
  return `PrivateRouteTable${logicalSuffix}`;
}

/** A template bug, not a user mistake: the plan broke an invariant the planner promises. */
export function planInvariant(message: string): PrivateEksError {
  return new PrivateEksError('PE_TEMPLATE', `cannot render the templates: ${message}`, {
    source: 'internal',
    hint: 'this is a bug in private-eks; please report it with the output of `private-eks plan -o json`',
  });
}

/** A combination of fields private-eks cannot render (the config layer should have refused it). */
export function unsupported(message: string, hint: string): PrivateEksError {
  return new PrivateEksError('PE_TEMPLATE_UNSUPPORTED', message, { source: 'user', hint });
}

/**
 * Offline, the id of a VPC given only through its subnets is unknown (`UNKNOWN_OFFLINE`): the
 * template shown then takes it as a parameter instead of carrying a made-up id.
 */
export const VPC_ID_PARAMETER = 'VpcId';

export function vpcIdUnknown(plan: Plan): boolean {
  return plan.vpc.id === UNKNOWN_OFFLINE;
}

export function vpcIdValue(plan: Plan): CfnValue {
  if (vpcIdUnknown(plan)) return ref(VPC_ID_PARAMETER);
  return plan.vpc.id ?? ref(VPC_ID);
}

export function subnetValue(subnet: PlannedSubnet): CfnValue {
  return subnet.id ?? ref(subnetLogicalId(subnet.logicalSuffix));
}

export function subnetRefValue(subnetRef: PlannedSubnetRef): CfnValue {
  return 'id' in subnetRef ? subnetRef.id : ref(subnetLogicalId(subnetRef.logicalSuffix));
}

export function routeTableRefValue(routeTableRef: PlannedRouteTableRef): CfnValue {
  return 'id' in routeTableRef ? routeTableRef.id : ref(routeTableLogicalId(routeTableRef.logicalSuffix));
}

/** The VPC CIDRs the endpoint security group admits: the plan's, else the config's. */
export function vpcCidrs(plan: Plan): readonly string[] {
  return plan.vpc.cidrs.length > 0 ? plan.vpc.cidrs : [plan.cluster.vpc.cidr];
}

export function clusterStackPlan(plan: Plan): StackPlan {
  const stack = plan.stacks.find((s) => s.kind === 'cluster');
  if (stack === undefined) throw planInvariant('the plan has no cluster stack');
  return stack;
}
