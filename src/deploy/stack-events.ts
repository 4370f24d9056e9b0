/**
 * Stack events: polled from DescribeStackEvents while a stack is created or deleted, streamed as
 * progress, and searched for the cause of a failure.
 *
 * DescribeStackEvents pages newest-first over the stack's whole history, so a poll reads pages
 * only until it meets an event it has already seen (or the mark it was told to start after), then
 * returns the new ones oldest-first. Events are deduplicated by EventId: a page boundary moving
 * between two polls never shows one twice.
 *
 * The cause of a failure is the FIRST `*_FAILED` event of the operation, not the last: once one
 * resource fails CloudFormation cancels the others ("Resource creation cancelled") and the last
 * events only say that (SPEC §7 "Failures").
 */
import { DescribeStackEventsCommand, type CloudFormationClient, type StackEvent } from '@aws-sdk/client-cloudformation';
import { callAws } from './aws-call.js';

export interface StackEventRecord {
  readonly eventId: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly physicalId: string | undefined;
  readonly resourceType: string;
  readonly status: string;
  readonly reason: string | undefined;
  readonly timestamp: Date | undefined;
  /** The ClientRequestToken of the CreateStack/DeleteStack call that began the operation, if it had one. */
  readonly clientRequestToken: string | undefined;
}

/** Stack-level statuses that begin an operation the user (or private-eks) asked for. */
const OPERATION_START = new Set([
  'CREATE_IN_PROGRESS',
  'UPDATE_IN_PROGRESS',
  'DELETE_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
]);

export function toEventRecord(event: StackEvent): StackEventRecord {
  return {
    eventId: event.EventId ?? '',
    stackName: event.StackName ?? '',
    logicalId: event.LogicalResourceId ?? '',
    physicalId: event.PhysicalResourceId,
    resourceType: event.ResourceType ?? '',
    status: event.ResourceStatus ?? '',
    reason: event.ResourceStatusReason,
    timestamp: event.Timestamp,
    clientRequestToken: event.ClientRequestToken,
  };
}

/** True for the event of the stack itself (not one of its resources). */
export function isStackLevel(event: StackEventRecord): boolean {
  return event.resourceType === 'AWS::CloudFormation::Stack' && event.logicalId === event.stackName;
}

export function isOperationStart(event: StackEventRecord): boolean {
  return isStackLevel(event) && OPERATION_START.has(event.status);
}

/** The first `*_FAILED` event in `events` (oldest-first), or undefined. */
export function firstFailure(events: readonly StackEventRecord[]): StackEventRecord | undefined {
  return events.find((e) => e.status.endsWith('_FAILED'));
}

export class StackEventPoller {
  private readonly seen = new Set<string>();

  /**
   * @param stackId the stack's id (ARN): events of a deleted stack are only found by id.
   * @param after the newest event id before the operation began; events up to it are not new.
   *   Absent: every event of the stack is new (a stack private-eks has just created).
   */
  constructor(
    private readonly cfn: CloudFormationClient,
    private readonly stackId: string,
    private readonly after?: string,
  ) {}

  /** Events that appeared since the last poll, oldest-first. */
  async poll(signal?: AbortSignal): Promise<StackEventRecord[]> {
    const fresh: StackEventRecord[] = [];
    let nextToken: string | undefined;
    pages: do {
      const page = await describeStackEventsPage(this.cfn, this.stackId, nextToken, signal);
      for (const raw of page.StackEvents ?? []) {
        const event = toEventRecord(raw);
        if (event.eventId === this.after || this.seen.has(event.eventId)) break pages;
        fresh.push(event);
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    for (const event of fresh) this.seen.add(event.eventId);
    return fresh.reverse();
  }
}

/** The id of the stack's newest event, to start a poller after it (undefined: no events yet). */
export async function newestEventId(
  cfn: CloudFormationClient,
  stackId: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const page = await describeStackEventsPage(cfn, stackId, undefined, signal);
  return page.StackEvents?.[0]?.EventId;
}

/**
 * The events of the stack's latest operation, oldest-first: read back page by page to the
 * stack-level event that began it (CREATE/UPDATE/DELETE_IN_PROGRESS). Used to find why an
 * operation failed, including events that happened before private-eks started watching.
 */
export async function latestOperationEvents(
  cfn: CloudFormationClient,
  stackId: string,
  signal?: AbortSignal,
): Promise<StackEventRecord[]> {
  const events: StackEventRecord[] = [];
  let nextToken: string | undefined;
  do {
    const page = await describeStackEventsPage(cfn, stackId, nextToken, signal);
    for (const raw of page.StackEvents ?? []) {
      const event = toEventRecord(raw);
      events.push(event);
      if (isOperationStart(event)) return events.reverse();
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return events.reverse();
}

function describeStackEventsPage(
  cfn: CloudFormationClient,
  stackId: string,
  nextToken: string | undefined,
  signal: AbortSignal | undefined,
): Promise<{ StackEvents?: StackEvent[] | undefined; NextToken?: string | undefined }> {
  return callAws('cloudformation:DescribeStackEvents', signal, (options) =>
    cfn.send(
      new DescribeStackEventsCommand({
        StackName: stackId,
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      }),
      options,
    ),
  );
}
