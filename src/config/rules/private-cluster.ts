/**
 * Rules on `privateCluster` (SPEC §3): V1, V5, V6, V7, V17.
 */
import { ADDITIONAL_ENDPOINT_SERVICES, ALWAYS_CREATED_ENDPOINT_SERVICES } from '../endpoint-services.js';
import type { Problem } from '../problem.js';
import { quote } from '../report.js';
import { didYouMean } from '../suggest.js';
import { hasTypeError, report, type RuleContext } from './context.js';

const ENABLED = ['privateCluster', 'enabled'] as const;
const SERVICES = ['privateCluster', 'additionalEndpointServices'] as const;
const SKIP = ['privateCluster', 'skipEndpointCreation'] as const;

/** V1: private-eks makes fully-private clusters only. */
export function v1PrivateClusterEnabled(ctx: RuleContext): Problem[] {
  const enabled = ctx.config.privateCluster?.enabled;
  if (enabled === true || hasTypeError(ctx, ENABLED)) return [];
  return [
    report(ctx, enabled === undefined ? 'missing' : 'value', {
      rule: 'V1',
      path: ENABLED,
      message: 'privateCluster.enabled must be true: private-eks creates fully-private clusters only',
      hint: enabled === undefined ? 'add privateCluster: {enabled: true}' : 'write enabled: true',
    }),
  ];
}

/** V5: with no endpoints created at all, naming extra ones is a contradiction (eksctl's check). */
export function v5SkipWithAdditionalServices(ctx: RuleContext): Problem[] {
  const pc = ctx.config.privateCluster;
  if (pc?.skipEndpointCreation !== true || (pc.additionalEndpointServices ?? []).length === 0) return [];
  return [
    report(ctx, 'key', {
      rule: 'V5',
      path: SERVICES,
      message:
        'privateCluster.additionalEndpointServices cannot be set when privateCluster.skipEndpointCreation is true',
      hint: 'remove additionalEndpointServices, or skipEndpointCreation to let private-eks create the endpoints',
    }),
  ];
}

function unsupportedServiceHint(name: string): string {
  if (ALWAYS_CREATED_ENDPOINT_SERVICES.includes(name))
    return `${quote(name)} is always created: remove it from the list`;
  const guess = didYouMean(name, ADDITIONAL_ENDPOINT_SERVICES);
  if (guess !== undefined) {
    return guess.toLowerCase() === name.toLowerCase()
      ? `names are case-sensitive: write ${guess}`
      : `did you mean ${quote(guess)}?`;
  }
  return `supported: ${ADDITIONAL_ENDPOINT_SERVICES.join(', ')}`;
}

/** V6: eksctl's three services, plus SPEC §5.4's; exact, case-sensitive names. */
export function v6UnsupportedEndpointService(ctx: RuleContext): Problem[] {
  const services = ctx.config.privateCluster?.additionalEndpointServices ?? [];
  return services.flatMap((name, i) =>
    ADDITIONAL_ENDPOINT_SERVICES.includes(name)
      ? []
      : [
          report(ctx, 'value', {
            rule: 'V6',
            path: [...SERVICES, i],
            message: `invalid value in privateCluster.additionalEndpointServices: unsupported endpoint service ${quote(name)}`,
            hint: unsupportedServiceHint(name),
          }),
        ],
  );
}

/** V7: each service once (eksctl's check); unsupported names are V6's. */
export function v7DuplicateEndpointService(ctx: RuleContext): Problem[] {
  const services = ctx.config.privateCluster?.additionalEndpointServices ?? [];
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  services.forEach((name, i) => {
    if (!ADDITIONAL_ENDPOINT_SERVICES.includes(name)) return;
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, i);
      return;
    }
    problems.push(
      report(ctx, 'value', {
        rule: 'V7',
        path: [...SERVICES, i],
        message: `invalid value in privateCluster.additionalEndpointServices: found duplicate endpoint service: ${quote(name)}`,
        hint: `it is already listed as additionalEndpointServices[${first}]: remove this one`,
      }),
    );
  });
  return problems;
}

/**
 * V17 [beyond], a warning: skipping endpoint creation in a VPC that private-eks builds leaves a VPC
 * with no endpoints at all, where nodes can neither pull images nor join.
 */
export function v17SkipWithoutSuppliedVpc(ctx: RuleContext): Problem[] {
  if (ctx.config.privateCluster?.skipEndpointCreation !== true || (ctx.config.vpc?.id ?? '') !== '') return [];
  return [
    report(ctx, 'value', {
      rule: 'V17',
      severity: 'warning',
      path: SKIP,
      message:
        'privateCluster.skipEndpointCreation is true but private-eks creates the VPC (no vpc.id): the new VPC would ' +
        'have no endpoints, so nodes could not pull images or join the cluster',
      hint: 'give vpc.id and vpc.subnets.private of a VPC that already has the endpoints, or remove skipEndpointCreation',
    }),
  ];
}
