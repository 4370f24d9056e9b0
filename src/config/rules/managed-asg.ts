/**
 * A managed nodegroup's `asgSuspendProcesses`: private-eks suspends them on the auto scaling group
 * EKS made, once the nodegroup exists (deploy/nodegroup-asg.ts). eksctl checks the names on
 * self-managed nodegroups only; a wrong name on a managed one would fail only after the nodegroup
 * was created, so it is refused here, in eksctl's words for the self-managed case.
 */
import type { Problem } from '../problem.js';
import { report, type RuleContext } from './context.js';
import { ASG_PROCESSES } from './nodegroup-settings-eksctl.js';

export function managedAsgSuspendProcesses(ctx: RuleContext): Problem[] {
  return (ctx.config.managedNodeGroups ?? []).flatMap((ng, i) =>
    (ng.asgSuspendProcesses ?? []).flatMap((process, j) =>
      ASG_PROCESSES.includes(process)
        ? []
        : [
            report(ctx, 'value', {
              rule: 'VALUE',
              path: ['managedNodeGroups', i, 'asgSuspendProcesses', j],
              message: `asgSuspendProcesses contains invalid process name '${process}'`,
              hint: `write one of ${ASG_PROCESSES.join(', ')}`,
            }),
          ],
    ),
  );
}
