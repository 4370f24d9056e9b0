/**
 * CloudFormation change sets: how an existing stack is compared with the template private-eks
 * would deploy now, and how it is then changed. CloudFormation itself says what changes and
 * whether a resource is replaced (`Replacement`), so nothing here guesses at update semantics.
 *
 * The change set's name is derived from what it carries (template, parameters, tags), so a re-run
 * after Ctrl-C finds the change set it made before instead of piling up new ones, and an executed
 * one is recognised by the stack's state (UPDATE_COMPLETE with nothing left to change).
 */
import { createHash } from 'node:crypto';
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  ExecuteChangeSetCommand,
  type Capability,
  type DescribeChangeSetCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { DeployError } from '../errors.js';
import { awsFailure, callAws, errorMessage, errorName } from './aws-call.js';
import { backoffDelay, STACK_POLL_BACKOFF, throwIfAborted } from './clock.js';
import { newestEventId } from './stack-events.js';
import { waitForStack, type StackDeps, type StackInfo } from './stacks.js';

export interface ResourceChange {
  readonly action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  readonly logicalId: string;
  readonly resourceType: string;
  /** CloudFormation's answer: `True`, `False` or `Conditional`; absent for Add and Remove. */
  readonly replacement?: string;
  /** The top-level properties that change, each with whether it forces a new resource. */
  readonly properties: readonly { readonly name: string; readonly requiresRecreation: string }[];
}

export interface ChangeSetRequest {
  readonly stepId: string;
  readonly stack: Pick<StackInfo, 'id' | 'name'>;
  readonly templateBody: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly capabilities: readonly string[];
}

export type ChangeSetPreview =
  | { readonly kind: 'no-changes' }
  | { readonly kind: 'changes'; readonly changeSetId: string; readonly changes: readonly ResourceChange[] };

/** CloudFormation's reason for an empty change set (CreateChangeSet API reference). */
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

export function changeSetName(request: Omit<ChangeSetRequest, 'stepId' | 'stack'>): string {
  const digest = createHash('sha256')
    .update(request.templateBody)
    .update(JSON.stringify(request.parameters))
    .update(JSON.stringify(request.tags))
    .digest('hex');
  return `private-eks-${digest.slice(0, 24)}`;
}

/** Creates (or finds) the change set for the request and returns what it would change. */
export async function previewChangeSet(deps: StackDeps, request: ChangeSetRequest): Promise<ChangeSetPreview> {
  const name = changeSetName(request);
  try {
    await deps.cfn.send(
      new CreateChangeSetCommand({
        // By name: CloudFormation takes the name or the id here, the emulator only the name.
        StackName: request.stack.name,
        ChangeSetName: name,
        ChangeSetType: 'UPDATE',
        TemplateBody: request.templateBody,
        Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({
          ParameterKey,
          ParameterValue,
        })),
        Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
        Capabilities: request.capabilities as Capability[],
        Description: 'private-eks update',
      }),
      deps.signal === undefined ? {} : { abortSignal: deps.signal },
    );
  } catch (error) {
    // The same change set from an interrupted run: read it instead.
    if (errorName(error) !== 'AlreadyExistsException')
      throw awsFailure('cloudformation:CreateChangeSet', error, deps.signal);
  }
  const described = await waitForChangeSet(deps, request, name);
  if (described.Status === 'FAILED') {
    if (NO_CHANGES.test(described.StatusReason ?? '')) {
      await deleteChangeSet(deps, request.stack.id, name);
      return { kind: 'no-changes' };
    }
    throw new DeployError(
      `CloudFormation could not compute the changes to stack ${request.stack.name}: ${described.StatusReason ?? 'no reason given'}`,
      request.stack.name,
      { hint: 'fix the cause and re-run the same command' },
    );
  }
  return { kind: 'changes', changeSetId: described.ChangeSetId ?? name, changes: resourceChanges(described) };
}

async function waitForChangeSet(
  deps: StackDeps,
  request: ChangeSetRequest,
  name: string,
): Promise<DescribeChangeSetCommandOutput> {
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(deps.signal);
    const out = await callAws('cloudformation:DescribeChangeSet', deps.signal, (options) =>
      deps.cfn.send(new DescribeChangeSetCommand({ StackName: request.stack.id, ChangeSetName: name }), options),
    );
    let page = out;
    const changes = [...(out.Changes ?? [])];
    while (page.NextToken !== undefined && (out.Status === 'CREATE_COMPLETE' || out.Status === 'FAILED')) {
      const token = page.NextToken;
      page = await callAws('cloudformation:DescribeChangeSet', deps.signal, (options) =>
        deps.cfn.send(
          new DescribeChangeSetCommand({ StackName: request.stack.id, ChangeSetName: name, NextToken: token }),
          options,
        ),
      );
      changes.push(...(page.Changes ?? []));
    }
    if (out.Status === 'CREATE_COMPLETE' || out.Status === 'FAILED') return { ...out, Changes: changes };
    const delayMs = backoffDelay(STACK_POLL_BACKOFF, attempt, () => deps.clock.random());
    deps.events({
      code: 'waiting',
      stepId: request.stepId,
      what: `change set for ${request.stack.name}`,
      status: out.Status ?? 'CREATE_PENDING',
      delayMs,
    });
    await deps.clock.sleep(delayMs, deps.signal);
  }
}

function resourceChanges(out: DescribeChangeSetCommandOutput): ResourceChange[] {
  return (out.Changes ?? []).flatMap((change) => {
    const rc = change.ResourceChange;
    if (rc === undefined) return [];
    const properties = (rc.Details ?? []).flatMap((d) =>
      d.Target?.Attribute === 'Properties' && d.Target.Name !== undefined
        ? [{ name: d.Target.Name, requiresRecreation: d.Target.RequiresRecreation ?? 'Never' }]
        : [],
    );
    const unique = [...new Map(properties.map((p) => [p.name, p])).values()];
    return [
      {
        action: (rc.Action ?? 'Modify') as ResourceChange['action'],
        logicalId: rc.LogicalResourceId ?? '',
        resourceType: rc.ResourceType ?? '',
        ...(rc.Replacement === undefined || rc.Action !== 'Modify' ? {} : { replacement: rc.Replacement }),
        properties: unique,
      },
    ];
  });
}

export async function deleteChangeSet(deps: StackDeps, stackId: string, changeSetId: string): Promise<void> {
  await callAws('cloudformation:DeleteChangeSet', deps.signal, (options) =>
    deps.cfn.send(new DeleteChangeSetCommand({ StackName: stackId, ChangeSetName: changeSetId }), options),
  );
}

/**
 * Executes the change set and waits until the stack's update is complete. A failed update
 * (UPDATE_ROLLBACK_COMPLETE: CloudFormation put everything back) is a DeployError naming the first
 * failed resource.
 */
export async function executeChangeSet(
  deps: StackDeps,
  stepId: string,
  stack: Pick<StackInfo, 'id' | 'name'>,
  changeSetId: string,
): Promise<StackInfo> {
  const after = await newestEventId(deps.cfn, stack.id, deps.signal);
  deps.events({ code: 'stack-operation', stepId, stack: stack.name, operation: 'update' });
  try {
    await deps.cfn.send(
      new ExecuteChangeSetCommand({ StackName: stack.id, ChangeSetName: changeSetId }),
      deps.signal === undefined ? {} : { abortSignal: deps.signal },
    );
  } catch (error) {
    const failure = awsFailure('cloudformation:ExecuteChangeSet', error, deps.signal);
    if (failure.name === 'AbortedError') throw failure;
    throw new DeployError(
      `updating stack ${stack.name} failed: ${errorName(error)}: ${errorMessage(error)}`,
      stack.name,
      { cause: error, hint: 'fix the cause and re-run the same command; the next run compares the stack again' },
    );
  }
  const info = await waitForStack(deps, { stepId, stack, goal: 'settle', after });
  if (info.status !== 'UPDATE_COMPLETE') {
    throw new DeployError(`stack ${stack.name} is ${info.status} after its update`, stack.name, {
      hint: 'CloudFormation rolled the update back; see the stack events (private-eks utils describe-stacks --events)',
    });
  }
  return info;
}
