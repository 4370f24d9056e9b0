/**
 * Plan → CloudFormation templates, one per planned stack, in the plan's order. Pure: no I/O, no
 * clock, no randomness; the same plan gives byte-identical JSON (`templateBody`).
 */
import type { Plan, StackPlan } from '../plan/types.js';
import { renderAddonsStack } from './addons.js';
import { renderClusterStack } from './cluster.js';
import { renderEndpointsStack } from './endpoints-stack.js';
import { renderFargateStack } from './fargate.js';
import { renderManagedNodeGroupStack } from './managed-nodegroup.js';
import { renderSelfManagedNodeGroupStack } from './self-managed-nodegroup.js';
import { renderRunnerStack } from './runner.js';
import { planInvariant } from './context.js';
import type { Template } from './types.js';

/** One stack's CloudFormation template. */
export function renderStack(plan: Plan, stack: StackPlan): Template {
  switch (stack.kind) {
    case 'cluster':
      return renderClusterStack(plan, stack);
    case 'managed-nodegroup':
      return renderManagedNodeGroupStack(plan, stack);
    case 'nodegroup':
      return renderSelfManagedNodeGroupStack(plan, stack);
    case 'fargate':
      return renderFargateStack(plan, stack);
    case 'addons':
      return renderAddonsStack(plan, stack);
    case 'runner':
      if (plan.runner === undefined) throw planInvariant('a runner stack in a plan without a runner');
      return renderRunnerStack(plan, stack, plan.runner);
    case 'endpoints':
      return renderEndpointsStack(plan, stack);
  }
}

/** Every stack's template, keyed by stack name, in `plan.stacks` order (a Map keeps it). */
export function renderTemplates(plan: Plan): Map<string, Template> {
  return new Map(plan.stacks.map((stack) => [stack.name, renderStack(plan, stack)]));
}

/** The capabilities CloudFormation will demand for a template (IAM resources need CAPABILITY_IAM). */
export function requiredCapabilities(template: Template): string[] {
  const iam = Object.values(template.Resources).filter((resource) => resource.Type.startsWith('AWS::IAM::'));
  if (iam.length === 0) return [];
  // A role with an explicit name needs the named capability (which also covers unnamed ones).
  return iam.some((resource) => resource.Properties['RoleName'] !== undefined)
    ? ['CAPABILITY_NAMED_IAM']
    : ['CAPABILITY_IAM'];
}
