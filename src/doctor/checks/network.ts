/**
 * Checks built on the plan (src/plan, live facts): the endpoint services per chosen zone, a
 * supplied VPC and its route tables, and which endpoints a supplied VPC has or lacks. Each plan
 * problem is shown by exactly one check (routeOf).
 */
import type { Problem } from '../../config/problem.js';
import type { Plan, PlannedEndpoint, PlannedRouteTableRef, PlannedSubnet } from '../../plan/types.js';
import { verifyUserEndpointLayout } from '../../verify/preflight.js';
import { isSuppliedVpc } from '../../plan/supplied-vpc.js';
import { fail, failFrom, ok, skip, warn } from '../outcome.js';
import type { CheckId, CheckOutcome, DoctorCheck, DoctorContext } from '../types.js';

/** Which check reports a plan problem: the VPC's (V16, V21 under vpc.*), endpoint reuse (other V21), the rest. */
export function routeOf(problem: Problem): CheckId {
  if (problem.rule === 'V16' || (problem.rule === 'V21' && problem.path.startsWith('vpc'))) return 'vpc';
  if (problem.rule === 'V21') return 'vpc-endpoints';
  return 'endpoint-services';
}

/** Problems for one check as an outcome, or undefined when there are none. */
function fromProblems(problems: readonly Problem[]): CheckOutcome | undefined {
  if (problems.length === 0) return undefined;
  const detail = problems
    .map((p) => `${p.severity === 'warning' ? 'warning' : 'error'} ${p.rule} ${p.path}: ${p.message}`)
    .join('\n');
  const fixes = problems.flatMap((p) => (p.hint === undefined ? [] : [p.hint]));
  const fix = fixes.length > 0 ? [...new Set(fixes)].join('; ') : 'fix the config or the VPC as the messages say';
  return problems.some((p) => p.severity === 'error') ? fail(detail, fix) : warn(detail, fix);
}

async function planFor(
  context: DoctorContext,
  id: CheckId,
): Promise<{ plan: Plan | undefined; mine: Problem[]; outcome?: CheckOutcome }> {
  try {
    const result = await context.plan();
    return { plan: result.plan, mine: result.problems.filter((p) => routeOf(p) === id) };
  } catch (error) {
    // One planning failure (an AWS error) is reported by the first check that plans; the others
    // point at it instead of repeating it.
    if (id === 'endpoint-services') return { plan: undefined, mine: [], outcome: failFrom(error, 'ec2:Describe*') };
    return { plan: undefined, mine: [], outcome: skip('planning failed (see endpoint-services)') };
  }
}

const refText = (ref: PlannedRouteTableRef): string => ('id' in ref ? ref.id : `PrivateRouteTable${ref.logicalSuffix}`);

function endpointLine(e: PlannedEndpoint): string {
  const reused = e.reused ? `, reused ${e.existingId ?? ''}` : '';
  const where =
    e.type === 'Gateway'
      ? `route tables ${e.routeTables.map(refText).join(', ') || '(none)'}`
      : e.availabilityZones.join(', ');
  const skipped = e.skippedAvailabilityZones.length > 0 ? `; not in ${e.skippedAvailabilityZones.join(', ')}` : '';
  return `${e.service} (${e.type}${reused}): ${where}${skipped}`;
}

export const endpointServicesCheck: DoctorCheck = {
  id: 'endpoint-services',
  title: 'endpoint services per zone',
  needsAws: true,
  needsConfig: true,
  async run(context) {
    const config = context.config;
    if (config === null) return skip('no valid config');
    if (config.privateCluster.skipEndpointCreation) {
      return skip('privateCluster.skipEndpointCreation: private-eks creates no VPC endpoint (see vpc-endpoints)');
    }
    const { plan, mine, outcome } = await planFor(context, 'endpoint-services');
    if (outcome !== undefined) return outcome;
    const problems = fromProblems(mine);
    if (problems?.status === 'fail') return problems;
    if (plan === undefined) return skip('planning stopped on the problems reported by the vpc checks');
    const lines = [`zones ${plan.availabilityZones.join(', ')}`, ...plan.endpoints.map(endpointLine)];
    const partial = plan.endpoints.filter((e) => e.type === 'Interface' && e.skippedAvailabilityZones.length > 0);
    if (partial.length > 0) {
      return warn(
        lines.join('\n'),
        `${partial.map((e) => e.service).join(', ')} not offered in every cluster zone: pods in the other zones reach it across zones` +
          (problems?.fix === undefined ? '' : `; ${problems.fix}`),
      );
    }
    if (problems !== undefined) return warn(`${lines.join('\n')}\n${problems.detail}`, problems.fix ?? '');
    return ok(lines.join('\n'));
  },
};

function subnetLine(s: PlannedSubnet): string {
  return `${s.id ?? `SubnetPrivate${s.logicalSuffix}`} (${s.az}${s.cidr === null ? '' : `, ${s.cidr}`}, route table ${s.routeTableId ?? 'created'})`;
}

export const vpcCheck: DoctorCheck = {
  id: 'vpc',
  title: 'supplied VPC and route tables',
  needsAws: true,
  needsConfig: true,
  async run(context) {
    const config = context.config;
    if (config === null) return skip('no valid config');
    if (!isSuppliedVpc(config)) return skip(`private-eks creates the VPC (${config.vpc.cidr})`);
    const { plan, mine, outcome } = await planFor(context, 'vpc');
    if (outcome !== undefined) return outcome;
    const problems = fromProblems(mine);
    if (problems?.status === 'fail') return problems;
    if (plan === undefined) return skip('planning stopped on the problems reported by endpoint-services');
    const detail = [
      `${plan.vpc.id ?? '?'} (${plan.vpc.cidrs.join(', ')}): DNS support and DNS hostnames on`,
      ...plan.subnets.map(subnetLine),
    ].join('\n');
    return problems === undefined ? ok(detail) : warn(`${detail}\n${problems.detail}`, problems.fix ?? '');
  },
};

export const vpcEndpointsCheck: DoctorCheck = {
  id: 'vpc-endpoints',
  title: 'endpoints in the supplied VPC',
  needsAws: true,
  needsConfig: true,
  async run(context) {
    const config = context.config;
    if (config === null) return skip('no valid config');
    if (!isSuppliedVpc(config)) return skip('private-eks creates the VPC and every endpoint in it');
    const { plan, mine, outcome } = await planFor(context, 'vpc-endpoints');
    if (outcome !== undefined) return outcome;
    const problems = fromProblems(mine);
    if (problems?.status === 'fail') return problems;
    if (plan === undefined) return skip('planning stopped on the problems reported by the vpc checks');
    if (config.privateCluster.skipEndpointCreation) {
      if (plan.missingEndpoints.length > 0) {
        return fail(
          `the VPC lacks required endpoints: ${plan.missingEndpoints.join(', ')}; with privateCluster.skipEndpointCreation ` +
            'private-eks creates none, so nodes could not pull images or join',
          `create them (interface endpoints with private DNS in the subnets' zones, an S3 gateway endpoint on their route ` +
            'tables), or drop skipEndpointCreation so private-eks creates them',
        );
      }
      // Present is not enough: a subnet whose route table lacks the S3 route, private DNS off or a
      // zone without the endpoint breaks the nodes there.
      const failed = (await verifyUserEndpointLayout(context.clients.ec2, plan, context.signal)).filter(
        (f) => f.status === 'fail',
      );
      if (failed.length > 0) {
        return fail(
          failed.map((f) => `${f.resource}: ${f.message}`).join('\n'),
          failed.flatMap((f) => (f.fix === undefined ? [] : [f.fix])).join('\n'),
        );
      }
      return ok(
        "the VPC has every required endpoint, available with private DNS in the subnets' zones, S3 routed from each subnet's route table (skipEndpointCreation: private-eks creates none)",
      );
    }
    const reused = plan.endpoints.filter((e) => e.reused);
    const created = plan.endpoints.filter((e) => !e.reused);
    const detail = [
      reused.length > 0
        ? `reuses ${reused.map((e) => `${e.service} (${e.existingId ?? '?'})`).join(', ')}`
        : 'reuses none',
      created.length > 0 ? `creates ${created.map((e) => e.service).join(', ')}` : 'creates none',
    ].join('; ');
    return problems === undefined ? ok(detail) : warn(`${detail}\n${problems.detail}`, problems.fix ?? '');
  },
};
