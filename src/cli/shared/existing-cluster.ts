/**
 * The diff of a file against its existing cluster, for the commands that need one (`plan`,
 * `create cluster`, `update cluster`): planned at the control plane's version through the live
 * facts, compared stack by stack through change sets (src/deploy/diff).
 */
import type { BuiltAwsClients } from '../../aws/clients.js';
import type { Problem, ResolvedConfig } from '../../config/index.js';
import type { ExistingClusterPlan } from '../../deploy/diff/cluster-diff.js';
import type { ClusterDiff } from '../../deploy/diff/types.js';
import type { EventSink } from '../../deploy/events.js';
import { useColor } from '../io.js';
import type { CommandContext } from './context.js';

export async function planOfExistingCluster(
  config: ResolvedConfig,
  clients: BuiltAwsClients,
  signal: AbortSignal | undefined,
): Promise<{ existing: ExistingClusterPlan | undefined; problems: readonly Problem[] }> {
  const [{ planExistingCluster }, { createLiveFacts }] = await Promise.all([
    import('../../deploy/index.js'),
    import('../../plan/index.js'),
  ]);
  return planExistingCluster(config, createLiveFacts(clients), clients, signal === undefined ? {} : { signal });
}

/** The diff, or undefined when EKS has no cluster of the file's name (change sets are deleted again). */
export async function diffOfExistingCluster(
  config: ResolvedConfig,
  clients: BuiltAwsClients,
  signal: AbortSignal | undefined,
  events: EventSink = () => {},
): Promise<ClusterDiff | undefined> {
  const { existing } = await planOfExistingCluster(config, clients, signal);
  if (existing === undefined) return undefined;
  const { diffCluster, systemClock } = await import('../../deploy/index.js');
  return diffCluster(existing, {
    clients,
    cfn: clients.cloudFormation,
    events,
    clock: systemClock,
    ...(signal === undefined ? {} : { signal }),
  });
}

/**
 * `create cluster` on a cluster that exists (its cluster stack complete): when the file asks for a
 * change to what exists, prints the diff and says to use `update cluster`; returns true to stop
 * (exit 1). Stacks still missing are a create to resume, not a change.
 */
export async function stopForChangesToExistingCluster(
  config: ResolvedConfig,
  clients: BuiltAwsClients,
  context: CommandContext,
  file: string,
): Promise<boolean> {
  const { describeStack } = await import('../../deploy/stacks.js');
  const stack = await describeStack(clients.cloudFormation, `eksctl-${config.metadata.name}-cluster`, context.signal);
  if (stack === undefined || !/^(CREATE|UPDATE)_COMPLETE$/.test(stack.status)) return false;
  const diff = await diffOfExistingCluster(config, clients, context.signal);
  const { changesToExisting } = await import('../../deploy/diff/types.js');
  if (diff === undefined || !changesToExisting(diff)) return false;
  const { renderDiffText } = await import('../render/diff.js');
  context.io.stderr.write(renderDiffText(diff, { color: useColor(context.io, context.globals().color) }));
  context.io.stderr.write(
    `cluster "${diff.cluster}" exists and the file asks for the changes above; create changes nothing that exists.\n` +
      `  see them applied with: private-eks update cluster -f ${file} --approve` +
      `${diff.eks.some((c) => c.field === 'version') ? ` (the version: private-eks upgrade cluster -f ${file} --approve)` : ''}\n`,
  );
  return true;
}
