/**
 * Features a fully-private cluster cannot have (SPEC §3): V9 local zones, V11 the control plane on
 * Outposts.
 */
import type { FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { report, type RuleContext } from './context.js';

const LOCAL_ZONES_MESSAGE = 'localZones cannot be used in a fully-private cluster';

/** V9: eksctl's check, on the cluster's `localZones` and on a nodegroup's. */
export function v9LocalZones(ctx: RuleContext): Problem[] {
  const paths: FieldPath[] = [];
  if ((ctx.config.localZones ?? []).length > 0) paths.push(['localZones']);
  (ctx.config.nodeGroups ?? []).forEach((ng, i) => {
    if ((ng.localZones ?? []).length > 0) paths.push(['nodeGroups', i, 'localZones']);
  });
  return paths.map((path) =>
    report(ctx, 'key', {
      rule: 'V9',
      path,
      message: LOCAL_ZONES_MESSAGE,
      hint: 'remove localZones: nodes run in the private subnets of the availability zones',
    }),
  );
}

/** V11: EKS local clusters on Outposts are out of scope for now. */
export function v11Outpost(ctx: RuleContext): Problem[] {
  if (!ctx.source.has(['outpost'])) return [];
  return [
    report(ctx, 'key', {
      rule: 'V11',
      path: ['outpost'],
      message: 'outpost is not supported by private-eks yet',
      hint: 'remove outpost: the control plane runs in the region',
    }),
  ];
}
