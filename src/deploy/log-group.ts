/**
 * The control plane's log group, `/aws/eks/<cluster>/cluster`, made or adopted through the
 * CloudWatch Logs API before the control plane (plan step `log-group`), never declared in the
 * cluster stack:
 * - a group left by an earlier cluster of the same name (EKS keeps it when the cluster goes;
 *   eksctl's clusters leave it too) is adopted with the configured retention, where a template
 *   declaring it would fail with "already exists" and roll the whole cluster stack back;
 * - deleting the cluster keeps the logs, unless `delete --delete-logs` (deleteControlPlaneLogGroup).
 */
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  PutRetentionPolicyCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../aws/types.js';
import { PrivateEksError } from '../errors.js';
import { awsFailure, callAws, errorName } from './aws-call.js';

export const controlPlaneLogGroupName = (cluster: string): string => `/aws/eks/${cluster}/cluster`;

export interface LogGroupInfo {
  readonly name: string;
  readonly retentionInDays: number | null;
}

function logsClient(clients: Pick<AwsClients, 'logs'>): CloudWatchLogsClient {
  if (clients.logs === undefined) {
    throw new PrivateEksError('PE_INTERNAL', 'no CloudWatch Logs client was given', { source: 'internal' });
  }
  return clients.logs;
}

export async function describeLogGroup(
  clients: Pick<AwsClients, 'logs'>,
  name: string,
  signal?: AbortSignal,
): Promise<LogGroupInfo | undefined> {
  const logs = logsClient(clients);
  const out = await callAws('logs:DescribeLogGroups', signal, (options) =>
    logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }), options),
  );
  const group = (out.logGroups ?? []).find((g) => g.logGroupName === name);
  return group === undefined ? undefined : { name, retentionInDays: group.retentionInDays ?? null };
}

/** Creates the group, or adopts the one there; either way sets the retention. */
export async function ensureControlPlaneLogGroup(
  clients: Pick<AwsClients, 'logs'>,
  request: {
    readonly cluster: string;
    readonly retentionInDays: number;
    readonly tags: Readonly<Record<string, string>>;
    readonly signal?: AbortSignal;
  },
): Promise<{ outcome: 'created' | 'adopted'; previousRetentionInDays: number | null }> {
  const logs = logsClient(clients);
  const name = controlPlaneLogGroupName(request.cluster);
  const before = await describeLogGroup(clients, name, request.signal);
  let outcome: 'created' | 'adopted' = before === undefined ? 'created' : 'adopted';
  if (before === undefined) {
    try {
      await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: { ...request.tags } }), {
        ...(request.signal === undefined ? {} : { abortSignal: request.signal }),
      });
    } catch (error) {
      // Made in the meantime (a concurrent run, or EKS writing a first log): adopt it.
      if (errorName(error) !== 'ResourceAlreadyExistsException') {
        throw awsFailure('logs:CreateLogGroup', error, request.signal);
      }
      outcome = 'adopted';
    }
  }
  if (before?.retentionInDays !== request.retentionInDays) {
    await callAws('logs:PutRetentionPolicy', request.signal, (options) =>
      logs.send(
        new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: request.retentionInDays }),
        options,
      ),
    );
  }
  return { outcome, previousRetentionInDays: before?.retentionInDays ?? null };
}

/** `delete --delete-logs`: true when there was a group to delete. */
export async function deleteControlPlaneLogGroup(
  clients: Pick<AwsClients, 'logs'>,
  cluster: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const logs = logsClient(clients);
  try {
    await logs.send(new DeleteLogGroupCommand({ logGroupName: controlPlaneLogGroupName(cluster) }), {
      ...(signal === undefined ? {} : { abortSignal: signal }),
    });
    return true;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return false;
    throw awsFailure('logs:DeleteLogGroup', error, signal);
  }
}
