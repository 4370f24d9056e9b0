/**
 * A scripted CloudFormation stack for unit tests, on aws-sdk-client-mock: the test writes the
 * statuses the stack goes through and the events each status adds; every DescribeStacks moves the
 * script one row on (the last row stays), and DescribeStackEvents returns the events so far
 * newest-first in pages of `pageSize` — the way the API pages them; DescribeStackResources gives each
 * resource the status of its latest event so far (it moves nothing on). This is how TESTBED §6.3 says
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
  DescribeStackResourcesCommand,
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
  /**
   * CreateStack / DeleteStack take effect but the caller gets this error instead of the answer:
   * a connection reset after the request arrived, with the SDK's retries spent (a network error),
   * or meeting the first attempt's stack (AlreadyExistsException).
   */
  readonly createAnswerLost?: Error;
  readonly deleteAnswerLost?: Error;
}

export function awsError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode, requestId: 'req-1' } });
}

const OUR_TAGS = { 'private-eks.io/version': '0.1.0', 'alpha.eksctl.io/cluster-name': 'c1' };

interface Script {
  readonly options: ScriptedStackOptions;
  readonly id: string;
  rows: readonly ScriptRow[];
  position: number;
  readonly events: StackEvent[];
  /** The ClientRequestToken of the operation under way. */
  token?: string | undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStub = AwsStub<any, any, any>;
const scripts = new WeakMap<AnyStub, Map<string, Script>>();
let eventCounter = 0;

function stackEvent(
  script: Script,
  logicalId: string,
  type: string,
  status: string,
  reason?: string,
  token?: string,
): StackEvent {
  eventCounter += 1;
  return {
    // CloudFormation puts the operation's ClientRequestToken on each of its events.
    ...(token === undefined ? {} : { ClientRequestToken: token }),
    StackId: script.id,
    StackName: script.options.name,
    EventId: `evt-${eventCounter}`,
    LogicalResourceId: logicalId,
    ResourceType: type,
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ...(reason === undefined ? {} : { ResourceStatusReason: reason }),
    Timestamp: new Date(Date.UTC(2026, 10, 25, 10, 0, eventCounter % 60)),
  };
}

function enter(script: Script, row: ScriptRow | undefined): void {
  for (const [logicalId, type, status, reason] of row?.events ?? []) {
    script.events.push(stackEvent(script, logicalId, type, status, reason, script.token));
  }
}

function start(script: Script, rows: readonly ScriptRow[] | undefined, stackStatus: string, token?: string): void {
  script.token = token;
  script.events.push(
    stackEvent(script, script.options.name, 'AWS::CloudFormation::Stack', stackStatus, 'User Initiated', token),
  );
  script.rows = rows ?? [];
  script.position = 0;
  enter(script, script.rows[0]);
}

const current = (script: Script): ScriptRow =>
  script.rows[Math.min(script.position, script.rows.length - 1)] as ScriptRow;
const exists = (script: Script): boolean => script.rows.length > 0;

function find(mock: AnyStub, nameOrId: string | undefined): Script | undefined {
  for (const script of scripts.get(mock)?.values() ?? []) {
    if (script.options.name === nameOrId || script.id === nameOrId) return script;
  }
  return undefined;
}

function notFound(nameOrId: string | undefined): Error {
  return awsError('ValidationError', `Stack with id ${nameOrId} does not exist`);
}

function install(mock: AnyStub): void {
  mock.on(DescribeStacksCommand).callsFake((input: { StackName?: string }) => {
    const all = [...(scripts.get(mock)?.values() ?? [])];
    const chosen =
      input.StackName === undefined
        ? all.filter((s) => exists(s) && current(s).status !== 'DELETE_COMPLETE')
        : [find(mock, input.StackName)];
    const stacks = chosen.map((script) => {
      if (script === undefined || !exists(script)) throw notFound(input.StackName);
      const byId = input.StackName === script.id;
      if (!byId && input.StackName !== undefined && current(script).status === 'DELETE_COMPLETE')
        throw notFound(input.StackName);
      const row = current(script);
      if (input.StackName !== undefined && script.position < script.rows.length - 1) {
        script.position += 1;
        enter(script, script.rows[script.position]);
      }
      return {
        StackId: script.id,
        StackName: script.options.name,
        StackStatus: row.status,
        CreationTime: new Date(Date.UTC(2026, 10, 25, 10, 0, 0)),
        Tags: Object.entries(script.options.tags ?? OUR_TAGS).map(([Key, Value]) => ({ Key, Value })),
        Outputs: Object.entries(script.options.outputs ?? {}).map(([OutputKey, OutputValue]) => ({
          OutputKey,
          OutputValue,
        })),
      };
    });
    return { Stacks: stacks };
  });
  mock.on(DescribeStackEventsCommand).callsFake((input: { StackName?: string; NextToken?: string }) => {
    const script = find(mock, input.StackName);
    if (script === undefined) throw notFound(input.StackName);
    const pageSize = script.options.pageSize ?? 100;
    const newestFirst = [...script.events].reverse();
    const from = input.NextToken === undefined ? 0 : Number(input.NextToken);
    const page = newestFirst.slice(from, from + pageSize);
    const next = from + pageSize < newestFirst.length ? String(from + pageSize) : undefined;
    return { StackEvents: page, ...(next === undefined ? {} : { NextToken: next }) };
  });
  mock.on(DescribeStackResourcesCommand).callsFake((input: { StackName?: string }) => {
    const script = find(mock, input.StackName);
    if (script === undefined || !exists(script)) throw notFound(input.StackName);
    const latest = new Map<string, StackEvent>();
    for (const event of script.events) {
      if (event.ResourceType !== 'AWS::CloudFormation::Stack') latest.set(event.LogicalResourceId ?? '', event);
    }
    return {
      StackResources: [...latest.values()].map((event) => ({
        StackId: script.id,
        StackName: script.options.name,
        LogicalResourceId: event.LogicalResourceId,
        ResourceType: event.ResourceType,
        ResourceStatus: event.ResourceStatus,
        Timestamp: event.Timestamp,
      })),
    };
  });
  mock.on(CreateStackCommand).callsFake((input: { StackName?: string; ClientRequestToken?: string }) => {
    const script = find(mock, input.StackName);
    if (script === undefined) throw new Error(`unexpected CreateStack ${input.StackName}`);
    if (script.options.createError !== undefined) throw script.options.createError;
    if (exists(script) && current(script).status !== 'DELETE_COMPLETE') {
      throw awsError('AlreadyExistsException', `Stack [${script.options.name}] already exists`);
    }
    start(script, script.options.afterCreate, 'CREATE_IN_PROGRESS', input.ClientRequestToken);
    if (script.options.createAnswerLost !== undefined) throw script.options.createAnswerLost;
    return { StackId: script.id };
  });
  mock.on(DeleteStackCommand).callsFake((input: { StackName?: string; ClientRequestToken?: string }) => {
    const script = find(mock, input.StackName);
    if (script !== undefined) start(script, script.options.afterDelete, 'DELETE_IN_PROGRESS', input.ClientRequestToken);
    if (script?.options.deleteAnswerLost !== undefined) throw script.options.deleteAnswerLost;
    return {};
  });
}

/** Installs the script for one stack on `mock` (several stacks may share a mock); returns its id. */
export function scriptStack(mock: AnyStub, options: ScriptedStackOptions): { readonly id: string } {
  let registry = scripts.get(mock);
  if (registry === undefined) {
    registry = new Map();
    scripts.set(mock, registry);
  }
  // The behaviours read the registry when called, so installing them again is harmless, and needed
  // after mock.reset().
  install(mock);
  const script: Script = {
    options,
    id: `arn:aws:cloudformation:us-west-2:123456789012:stack/${options.name}/0000-${options.name.length}`,
    rows: [],
    position: 0,
    events: [],
  };
  registry.set(options.name, script);
  script.rows = options.existing ?? [];
  enter(script, script.rows[0]);
  return { id: script.id };
}

/** Forgets every scripted stack of `mock` (call with mock.reset()). */
export function resetScripts(mock: AnyStub): void {
  scripts.get(mock)?.clear();
}
