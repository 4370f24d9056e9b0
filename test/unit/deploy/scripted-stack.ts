/**
 * A scripted CloudFormation stack for unit tests, on aws-sdk-client-mock: the test writes the
 * statuses the stack goes through and the events each status adds; every DescribeStacks moves the
 * script one row on (the last row stays), and DescribeStackEvents returns the events so far
 * newest-first in pages of `pageSize` — the way the API pages them. This is how TESTBED §6.3 says
 * to cover the failure paths moto cannot produce (rollbacks, DELETE_FAILED, stuck stacks).
 *
 * Shapes: DescribeStacksOutput / StackEvent / CreateStackOutput of @aws-sdk/client-cloudformation
 * (the API reference's DescribeStacks, DescribeStackEvents and CreateStack responses). The
 * missing-stack error is CloudFormation's: ValidationError "Stack with id <name> does not exist".
 */
import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import type { AwsStub } from 'aws-sdk-client-mock';

export interface ScriptRow {
  readonly status: string;
  /** Resource events this row adds, as [logicalId, resourceType, status, reason?]. */
  readonly events?: readonly (readonly [string, string, string, string?])[];
}

export interface ScriptedStackOptions {
  readonly name: string;
  /** Rows before CreateStack (an existing stack); empty: the stack does not exist yet. */
  readonly existing?: readonly ScriptRow[];
  /** Rows after CreateStack. */
  readonly afterCreate?: readonly ScriptRow[];
  /** Rows after DeleteStack. */
  readonly afterDelete?: readonly ScriptRow[];
  readonly tags?: Readonly<Record<string, string>>;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly pageSize?: number;
  /** Make CreateStack itself fail with this error (the emulator's way, TESTBED §2.1). */
  readonly createError?: Error;
}

export function awsError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode, requestId: 'req-1' } });
}

const OUR_TAGS = { 'private-eks.io/version': '0.1.0', 'alpha.eksctl.io/cluster-name': 'c1' };

/** Installs the script on `mock`; returns a view of what happened, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function scriptStack(mock: AwsStub<any, any, any>, options: ScriptedStackOptions): { readonly id: string } {
  const id = `arn:aws:cloudformation:us-west-2:123456789012:stack/${options.name}/0000-${options.name.length}`;
  const pageSize = options.pageSize ?? 100;
  let rows: readonly ScriptRow[] = options.existing ?? [];
  let position = 0;
  let eventCounter = 0;
  // Oldest first.
  const events: StackEvent[] = [];
  const stackEvent = (logicalId: string, type: string, status: string, reason?: string): StackEvent => ({
    StackId: id,
    StackName: options.name,
    EventId: `evt-${(eventCounter += 1)}`,
    LogicalResourceId: logicalId,
    ResourceType: type,
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ...(reason === undefined ? {} : { ResourceStatusReason: reason }),
    Timestamp: new Date(Date.UTC(2026, 10, 25, 10, 0, eventCounter)),
  });
  const enter = (row: ScriptRow | undefined): void => {
    if (row === undefined) return;
    for (const [logicalId, type, status, reason] of row.events ?? [])
      events.push(stackEvent(logicalId, type, status, reason));
  };
  const start = (newRows: readonly ScriptRow[] | undefined, stackStatus: string): void => {
    events.push(stackEvent(options.name, 'AWS::CloudFormation::Stack', stackStatus, 'User Initiated'));
    rows = newRows ?? [];
    position = 0;
    enter(rows[0]);
  };
  enter(rows[0]);

  const exists = (): boolean => rows.length > 0;
  const current = (): ScriptRow => rows[Math.min(position, rows.length - 1)] as ScriptRow;

  mock.on(DescribeStacksCommand).callsFake((input: { StackName?: string }) => {
    const byId = input.StackName === id;
    if (input.StackName !== options.name && !byId) {
      throw awsError('ValidationError', `Stack with id ${input.StackName} does not exist`);
    }
    if (!exists() || (!byId && current().status === 'DELETE_COMPLETE')) {
      throw awsError('ValidationError', `Stack with id ${input.StackName} does not exist`);
    }
    const row = current();
    if (position < rows.length - 1) {
      position += 1;
      enter(rows[position]);
    }
    return {
      Stacks: [
        {
          StackId: id,
          StackName: options.name,
          StackStatus: row.status,
          CreationTime: new Date(Date.UTC(2026, 10, 25, 10, 0, 0)),
          Tags: Object.entries(options.tags ?? OUR_TAGS).map(([Key, Value]) => ({ Key, Value })),
          Outputs: Object.entries(options.outputs ?? {}).map(([OutputKey, OutputValue]) => ({
            OutputKey,
            OutputValue,
          })),
        },
      ],
    };
  });
  mock.on(DescribeStackEventsCommand).callsFake((input: { StackName?: string; NextToken?: string }) => {
    const newestFirst = [...events].reverse();
    const from = input.NextToken === undefined ? 0 : Number(input.NextToken);
    const page = newestFirst.slice(from, from + pageSize);
    const next = from + pageSize < newestFirst.length ? String(from + pageSize) : undefined;
    return { StackEvents: page, ...(next === undefined ? {} : { NextToken: next }) };
  });
  mock.on(CreateStackCommand).callsFake((input: { StackName?: string }) => {
    if (input.StackName !== options.name) throw new Error(`unexpected CreateStack ${input.StackName}`);
    if (options.createError !== undefined) throw options.createError;
    if (exists() && current().status !== 'DELETE_COMPLETE') {
      throw awsError('AlreadyExistsException', `Stack [${options.name}] already exists`);
    }
    start(options.afterCreate, 'CREATE_IN_PROGRESS');
    return { StackId: id };
  });
  mock.on(DeleteStackCommand).callsFake(() => {
    start(options.afterDelete, 'DELETE_IN_PROGRESS');
    return {};
  });
  return { id };
}
