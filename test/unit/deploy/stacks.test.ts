import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { AbortedError, DeployError } from '../../../src/errors.js';
import { deleteAndWait, ensureStack, waitForStack } from '../../../src/deploy/stacks.js';
import { StackEventPoller } from '../../../src/deploy/stack-events.js';
import { FakeClock, recordingSink } from './fakes.js';
import { awsError, resetScripts, scriptStack } from './scripted-stack.js';
import { unitClientConfig } from '../../helpers/unit-clients.js';

const cfnMock = mockClient(CloudFormationClient);
const cfn = new CloudFormationClient(unitClientConfig('us-west-2'));
afterEach(() => {
  cfnMock.reset();
  resetScripts(cfnMock);
});

const NAME = 'eksctl-c1-nodegroup-ng1';
const request = {
  stepId: 'nodegroup/ng1',
  name: NAME,
  templateBody: '{"Resources":{}}',
  parameters: { OIDCThumbprint: 'abc' },
  tags: { 'alpha.eksctl.io/cluster-name': 'c1', 'private-eks.io/version': '0.1.0' },
  capabilities: ['CAPABILITY_IAM'],
};

// Event sequences follow the CloudFormation user guide's "Monitor stack progress" examples: the
// stack's own CREATE_IN_PROGRESS "User Initiated", resource IN_PROGRESS/COMPLETE pairs, and on a
// failure the resource's CREATE_FAILED, then "Resource creation cancelled" for its siblings and
// the rollback's DELETE_* events.
const LT = 'AWS::EC2::LaunchTemplate';

/** A stack as describe returned it before the delete began. */
function info(id: string, name: string) {
  return { id, name, status: 'CREATE_COMPLETE', statusReason: undefined, outputs: {}, tags: {}, parameters: {} };
}
const NG = 'AWS::EKS::Nodegroup';
const ROLE = 'AWS::IAM::Role';

describe('ensureStack', () => {
  it('creates an absent stack with its tags, capabilities, parameters and a token; streams its events', async () => {
    scriptStack(cfnMock, {
      name: NAME,
      afterCreate: [
        { status: 'CREATE_IN_PROGRESS', events: [['NodeInstanceRole', ROLE, 'CREATE_IN_PROGRESS']] },
        { status: 'CREATE_IN_PROGRESS', events: [['NodeInstanceRole', ROLE, 'CREATE_COMPLETE']] },
        {
          status: 'CREATE_COMPLETE',
          events: [
            ['ManagedNodeGroup', NG, 'CREATE_COMPLETE'],
            [NAME, 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE'],
          ],
        },
      ],
      outputs: { NodeGroupName: 'ng1' },
      pageSize: 2,
    });
    const clock = new FakeClock();
    const { events, sink } = recordingSink();
    const result = await ensureStack({ cfn, clock, events: sink, newToken: () => 'token-1' }, request);

    expect(result.outcome).toBe('created');
    expect(result.info.status).toBe('CREATE_COMPLETE');
    expect(result.info.outputs).toEqual({ NodeGroupName: 'ng1' });
    const create = cfnMock.commandCalls(CreateStackCommand)[0]?.args[0].input;
    expect(create).toEqual({
      StackName: NAME,
      TemplateBody: '{"Resources":{}}',
      Parameters: [{ ParameterKey: 'OIDCThumbprint', ParameterValue: 'abc' }],
      Tags: [
        { Key: 'alpha.eksctl.io/cluster-name', Value: 'c1' },
        { Key: 'private-eks.io/version', Value: '0.1.0' },
      ],
      Capabilities: ['CAPABILITY_IAM'],
      ClientRequestToken: 'token-1',
    });
    // Every event once, oldest first, although they arrived over pages of 2 newest-first.
    const streamed = events.flatMap((e) => (e.code === 'stack-event' ? [`${e.logicalId} ${e.status}`] : []));
    expect(streamed).toEqual([
      `${NAME} CREATE_IN_PROGRESS`,
      'NodeInstanceRole CREATE_IN_PROGRESS',
      'NodeInstanceRole CREATE_COMPLETE',
      'ManagedNodeGroup CREATE_COMPLETE',
      `${NAME} CREATE_COMPLETE`,
    ]);
    expect(events[0]).toEqual({ code: 'stack-operation', stepId: 'nodegroup/ng1', stack: NAME, operation: 'create' });
    // Two waits, growing from 2 s with jitter (random 0.5 → 12.5% off): 1750, 2625.
    expect(clock.sleeps).toEqual([1750, 2625]);
  });

  it('reports a rollback with the FIRST failed resource as the cause, not the last', async () => {
    scriptStack(cfnMock, {
      name: NAME,
      afterCreate: [
        {
          status: 'CREATE_IN_PROGRESS',
          events: [
            ['NodeInstanceRole', ROLE, 'CREATE_COMPLETE'],
            ['LaunchTemplate', LT, 'CREATE_FAILED', 'The volume size 1 is too small for the snapshot (Service: Ec2)'],
            ['ManagedNodeGroup', NG, 'CREATE_FAILED', 'Resource creation cancelled'],
          ],
        },
        {
          status: 'ROLLBACK_IN_PROGRESS',
          events: [
            [
              NAME,
              'AWS::CloudFormation::Stack',
              'ROLLBACK_IN_PROGRESS',
              'The following resource(s) failed to create: [ManagedNodeGroup, LaunchTemplate].',
            ],
            ['NodeInstanceRole', ROLE, 'DELETE_COMPLETE'],
          ],
        },
        { status: 'ROLLBACK_COMPLETE', events: [[NAME, 'AWS::CloudFormation::Stack', 'ROLLBACK_COMPLETE']] },
      ],
    });
    const { sink } = recordingSink();
    const error = await ensureStack({ cfn, clock: new FakeClock(), events: sink }, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe(
      `stack ${NAME} is ROLLBACK_COMPLETE: LaunchTemplate (AWS::EC2::LaunchTemplate) CREATE_FAILED: The volume size 1 is too small for the snapshot (Service: Ec2)`,
    );
    expect((error as DeployError).resource).toBe('LaunchTemplate (AWS::EC2::LaunchTemplate)');
    expect((error as DeployError).hint).toMatch(/re-run/);
    // Nothing deleted by private-eks: the rolled-back stack stays for the next run to handle.
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('gives up waiting on a stack stuck in progress after the timeout, without touching it', async () => {
    scriptStack(cfnMock, {
      name: NAME,
      existing: [{ status: 'CREATE_IN_PROGRESS', events: [['ManagedNodeGroup', NG, 'CREATE_IN_PROGRESS']] }],
    });
    const clock = new FakeClock();
    const { events, sink } = recordingSink();
    const error = await ensureStack({ cfn, clock, events: sink, stackTimeoutMs: 10 * 60_000 }, request).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe(`stack ${NAME} is still CREATE_IN_PROGRESS after 10 minutes`);
    expect((error as DeployError).hint).toMatch(/CloudFormation has not been told to stop/);
    expect(clock.now()).toBeGreaterThanOrEqual(10 * 60_000);
    // Backoff grows to the 15 s cap (less jitter) and stays there: no hammering.
    expect(Math.max(...clock.sleeps)).toBe(13_125);
    expect(clock.sleeps.length).toBeLessThan(60);
    expect(events.filter((e) => e.code === 'waiting').length).toBe(clock.sleeps.length);
    expect(cfnMock.commandCalls(CreateStackCommand)).toHaveLength(0);
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('reuses a complete stack without creating anything', async () => {
    scriptStack(cfnMock, { name: NAME, existing: [{ status: 'CREATE_COMPLETE' }], outputs: { A: 'b' } });
    const { events, sink } = recordingSink();
    const result = await ensureStack({ cfn, clock: new FakeClock(), events: sink }, request);
    expect(result.outcome).toBe('reused');
    expect(result.info.outputs).toEqual({ A: 'b' });
    expect(cfnMock.commandCalls(CreateStackCommand)).toHaveLength(0);
    expect(events).toEqual([
      { code: 'stack-operation', stepId: 'nodegroup/ng1', stack: NAME, operation: 'reuse', status: 'CREATE_COMPLETE' },
    ]);
  });

  it('waits for a stack in progress, then reuses it', async () => {
    scriptStack(cfnMock, {
      name: NAME,
      existing: [{ status: 'CREATE_IN_PROGRESS' }, { status: 'CREATE_IN_PROGRESS' }, { status: 'CREATE_COMPLETE' }],
    });
    const { events, sink } = recordingSink();
    const result = await ensureStack({ cfn, clock: new FakeClock(), events: sink }, request);
    expect(result.outcome).toBe('reused');
    expect(events.filter((e) => e.code === 'stack-operation').map((e) => 'operation' in e && e.operation)).toEqual([
      'wait',
      'reuse',
    ]);
    expect(cfnMock.commandCalls(CreateStackCommand)).toHaveLength(0);
  });

  it('deletes a ROLLBACK_COMPLETE stack and creates it again', async () => {
    scriptStack(cfnMock, {
      name: NAME,
      existing: [{ status: 'ROLLBACK_COMPLETE' }],
      afterDelete: [{ status: 'DELETE_IN_PROGRESS' }, { status: 'DELETE_COMPLETE' }],
      afterCreate: [{ status: 'CREATE_IN_PROGRESS' }, { status: 'CREATE_COMPLETE' }],
    });
    const { events, sink } = recordingSink();
    const result = await ensureStack({ cfn, clock: new FakeClock(), events: sink }, request);
    expect(result.outcome).toBe('recreated');
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(1);
    expect(cfnMock.commandCalls(CreateStackCommand)).toHaveLength(1);
    expect(events.filter((e) => e.code === 'stack-operation').map((e) => 'operation' in e && e.operation)).toEqual([
      'recreate',
      'create',
    ]);
  });

  it('stops with the next step for UPDATE_ROLLBACK_FAILED', async () => {
    scriptStack(cfnMock, { name: NAME, existing: [{ status: 'UPDATE_ROLLBACK_FAILED' }] });
    const error = await ensureStack({ cfn, clock: new FakeClock(), events: () => {} }, request).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toMatch(/UPDATE_ROLLBACK_FAILED/);
    expect((error as DeployError).hint).toContain(`aws cloudformation continue-update-rollback --stack-name ${NAME}`);
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('never takes over a stack of the same name that private-eks did not make', async () => {
    scriptStack(cfnMock, {
      name: NAME,
      existing: [{ status: 'CREATE_COMPLETE' }],
      tags: { 'alpha.eksctl.io/cluster-name': 'c1' },
    });
    const error = await ensureStack({ cfn, clock: new FakeClock(), events: () => {} }, request).catch(
      (e: unknown) => e,
    );
    expect((error as DeployError).message).toBe(`stack ${NAME} exists but was not created by private-eks`);
  });

  it('reports a CreateStack call that fails (the emulator reports template errors this way) with its cause', async () => {
    scriptStack(cfnMock, {
      name: NAME,
      createError: awsError(
        'ValidationError',
        'Template error: instance of Fn::GetAtt references undefined resource X',
      ),
    });
    const error = await ensureStack({ cfn, clock: new FakeClock(), events: () => {} }, request).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe(
      `creating stack ${NAME} failed: ValidationError: Template error: instance of Fn::GetAtt references undefined resource X`,
    );
  });

  it('adopts a stack that appeared between the check and the create (AlreadyExists)', async () => {
    // Absent at the first look, then there: another run, or a retried request the server did not
    // treat as idempotent, created it first.
    cfnMock
      .on(DescribeStacksCommand)
      .rejectsOnce(awsError('ValidationError', `Stack with id ${NAME} does not exist`))
      .resolves({
        Stacks: [
          {
            StackId: 'id-1',
            StackName: NAME,
            StackStatus: 'CREATE_COMPLETE',
            CreationTime: new Date(0),
            Tags: [{ Key: 'private-eks.io/version', Value: '0.1.0' }],
          },
        ],
      });
    cfnMock.on(CreateStackCommand).rejects(awsError('AlreadyExistsException', `Stack [${NAME}] already exists`));
    // Its events carry the other run's token, not this run's.
    cfnMock.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        {
          StackId: 'id-1',
          StackName: NAME,
          EventId: 'e-1',
          LogicalResourceId: NAME,
          ResourceType: 'AWS::CloudFormation::Stack',
          ResourceStatus: 'CREATE_IN_PROGRESS',
          ClientRequestToken: 'private-eks-create-another-run',
          Timestamp: new Date(0),
        },
      ],
    });
    const result = await ensureStack(
      { cfn, clock: new FakeClock(), events: () => {}, newToken: () => 'this-run' },
      request,
    );
    expect(result.outcome).toBe('reused');
    expect(cfnMock.commandCalls(CreateStackCommand)).toHaveLength(1);
  });

  it("recognises its own stack by the token when the create's answer was lost and the retry met AlreadyExists", async () => {
    // The first attempt made the stack; the connection broke before the answer; the SDK's retry
    // was refused with AlreadyExists (a CloudFormation that does not honour the token).
    scriptStack(cfnMock, {
      name: NAME,
      afterCreate: [{ status: 'CREATE_IN_PROGRESS' }, { status: 'CREATE_COMPLETE' }],
      createAnswerLost: awsError('AlreadyExistsException', `Stack [${NAME}] already exists`),
    });
    const { events, sink } = recordingSink();
    const result = await ensureStack({ cfn, clock: new FakeClock(), events: sink, newToken: () => 'tok-1' }, request);
    expect(result.outcome).toBe('created');
    expect(result.info.status).toBe('CREATE_COMPLETE');
    expect(cfnMock.commandCalls(CreateStackCommand)).toHaveLength(1);
    // Reported as this run's create, not as a stack found complete and reused.
    expect(events.filter((e) => e.code === 'stack-operation').map((e) => 'operation' in e && e.operation)).toEqual([
      'create',
    ]);
  });

  it('carries on with the stack when every retry of CreateStack failed but an attempt got through', async () => {
    const reset = Object.assign(new Error('socket hang up'), {
      name: 'TimeoutError',
      code: 'ECONNRESET',
      $metadata: { attempts: 10 },
    });
    scriptStack(cfnMock, {
      name: NAME,
      afterCreate: [{ status: 'CREATE_IN_PROGRESS' }, { status: 'CREATE_COMPLETE' }],
      createAnswerLost: reset,
    });
    const result = await ensureStack(
      { cfn, clock: new FakeClock(), events: () => {}, newToken: () => 'tok-2' },
      request,
    );
    expect(result.outcome).toBe('created');
    expect(result.info.status).toBe('CREATE_COMPLETE');
  });

  it('reports a CreateStack that failed transiently and made nothing, with a re-run hint', async () => {
    scriptStack(cfnMock, { name: NAME, createError: awsError('Throttling', 'Rate exceeded') });
    const error = await ensureStack({ cfn, clock: new FakeClock(), events: () => {} }, request).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe(`creating stack ${NAME} failed: Throttling: Rate exceeded`);
    expect((error as DeployError).hint).toMatch(/throttling.*re-run/);
  });

  it('rides out polls that fail transiently after the SDK gave up, then gives up after five in a row', async () => {
    scriptStack(cfnMock, {
      name: NAME,
      existing: [{ status: 'CREATE_IN_PROGRESS' }, { status: 'CREATE_IN_PROGRESS' }, { status: 'CREATE_COMPLETE' }],
    });
    const throttled = awsError('Throttling', 'Rate exceeded');
    // Two polls in a row fail (after the SDK's own retries), then the API answers again.
    let failuresLeft = 2;
    const flaky = {
      send: (command: unknown, options?: unknown) => {
        if (command instanceof DescribeStackEventsCommand && failuresLeft > 0) {
          failuresLeft -= 1;
          return Promise.reject(throttled);
        }
        return cfn.send(command as DescribeStacksCommand, options as object);
      },
    } as unknown as CloudFormationClient;
    const clock = new FakeClock();
    const { events, sink } = recordingSink();
    const result = await ensureStack({ cfn: flaky, clock, events: sink }, request);
    expect(result.outcome).toBe('reused');
    expect(failuresLeft).toBe(0);
    expect(events.filter((e) => e.code === 'waiting' && e.status.startsWith('unknown: '))).toHaveLength(2);

    // Five failures in a row end the wait with the call that failed.
    cfnMock.reset();
    resetScripts(cfnMock);
    scriptStack(cfnMock, { name: NAME, existing: [{ status: 'CREATE_IN_PROGRESS' }] });
    cfnMock.on(DescribeStackEventsCommand).rejects(throttled);
    const error = await ensureStack({ cfn, clock: new FakeClock(), events: () => {} }, request).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe('cloudformation:DescribeStackEvents failed: Throttling: Rate exceeded');
    expect(cfnMock.commandCalls(DescribeStackEventsCommand)).toHaveLength(5);
  });

  it('refuses a template too large for TemplateBody before calling AWS', async () => {
    scriptStack(cfnMock, { name: NAME });
    const big = { ...request, templateBody: 'x'.repeat(51_201) };
    const error = await ensureStack({ cfn, clock: new FakeClock(), events: () => {} }, big).catch((e: unknown) => e);
    expect((error as DeployError).message).toMatch(/51201 bytes; CloudFormation accepts at most 51200/);
    expect(cfnMock.commandCalls(CreateStackCommand)).toHaveLength(0);
  });

  it('stops waiting on abort with AbortedError and leaves the stack alone', async () => {
    scriptStack(cfnMock, { name: NAME, existing: [{ status: 'CREATE_IN_PROGRESS' }] });
    const controller = new AbortController();
    const clock = new FakeClock();
    clock.onSleep = (_, i) => {
      if (i === 2) controller.abort();
    };
    const error = await ensureStack({ cfn, clock, events: () => {}, signal: controller.signal }, request).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AbortedError);
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });
});

describe('deleteAndWait', () => {
  it('names the first resource that failed to delete and why', async () => {
    const { id } = scriptStack(cfnMock, {
      name: 'eksctl-c1-cluster',
      existing: [{ status: 'CREATE_COMPLETE' }],
      afterDelete: [
        {
          status: 'DELETE_IN_PROGRESS',
          events: [
            [
              'ClusterSharedNodeSecurityGroup',
              'AWS::EC2::SecurityGroup',
              'DELETE_FAILED',
              'resource sg-0abc has a dependent object (Service: Ec2, Status Code: 400, Error Code: DependencyViolation)',
            ],
            ['VPC', 'AWS::EC2::VPC', 'DELETE_FAILED', 'The vpc has dependencies and cannot be deleted'],
          ],
        },
        { status: 'DELETE_FAILED', events: [['eksctl-c1-cluster', 'AWS::CloudFormation::Stack', 'DELETE_FAILED']] },
      ],
    });
    const error = await deleteAndWait({ cfn, clock: new FakeClock(), events: () => {} }, 'cluster', {
      id,
      name: 'eksctl-c1-cluster',
      status: 'CREATE_COMPLETE',
      statusReason: undefined,
      outputs: {},
      tags: {},
      parameters: {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe(
      'stack eksctl-c1-cluster is DELETE_FAILED: ClusterSharedNodeSecurityGroup (AWS::EC2::SecurityGroup) DELETE_FAILED: resource sg-0abc has a dependent object (Service: Ec2, Status Code: 400, Error Code: DependencyViolation)',
    );
    expect(cfnMock.commandCalls(DeleteStackCommand)[0]?.args[0].input.StackName).toBe(id);
  });

  it('with wait: false only requests the delete (delete --no-wait)', async () => {
    const { id } = scriptStack(cfnMock, {
      name: 'eksctl-c1-cluster',
      existing: [{ status: 'CREATE_COMPLETE' }],
      afterDelete: [{ status: 'DELETE_IN_PROGRESS' }],
    });
    const clock = new FakeClock();
    const outcome = await deleteAndWait(
      { cfn, clock, events: () => {} },
      'cluster',
      {
        id,
        name: 'eksctl-c1-cluster',
        status: 'CREATE_COMPLETE',
        statusReason: undefined,
        outputs: {},
        tags: {},
        parameters: {},
      },
      { wait: false },
    );
    expect(outcome).toBe('requested');
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('re-run while the stack is already deleting: waits for it without deleting again', async () => {
    const { id } = scriptStack(cfnMock, {
      name: 'eksctl-c1-cluster',
      existing: [{ status: 'DELETE_IN_PROGRESS' }, { status: 'DELETE_IN_PROGRESS' }, { status: 'DELETE_COMPLETE' }],
    });
    const clock = new FakeClock();
    const outcome = await deleteAndWait({ cfn, clock, events: () => {} }, 'cluster', {
      ...info(id, 'eksctl-c1-cluster'),
      status: 'DELETE_IN_PROGRESS',
    });
    expect(outcome).toBe('deleted');
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
    expect(clock.sleeps.length).toBeGreaterThan(0);
  });

  it('Ctrl-C while a delete is in progress stops waiting and asks nothing more of CloudFormation', async () => {
    const { id } = scriptStack(cfnMock, {
      name: 'eksctl-c1-cluster',
      existing: [{ status: 'CREATE_COMPLETE' }],
      afterDelete: [{ status: 'DELETE_IN_PROGRESS' }],
    });
    const controller = new AbortController();
    const clock = new FakeClock();
    clock.onSleep = () => controller.abort();
    const error = await deleteAndWait(
      { cfn, clock, events: () => {}, signal: controller.signal },
      'cluster',
      info(id, 'eksctl-c1-cluster'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(1);
    const calls = cfnMock.calls().length;
    await Promise.resolve();
    expect(cfnMock.calls()).toHaveLength(calls);
  });

  it('carries on when the DeleteStack answer was lost but the delete went through', async () => {
    const reset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    const { id } = scriptStack(cfnMock, {
      name: 'eksctl-c1-fargate',
      existing: [{ status: 'CREATE_COMPLETE' }],
      afterDelete: [{ status: 'DELETE_IN_PROGRESS' }, { status: 'DELETE_COMPLETE' }],
      deleteAnswerLost: reset,
    });
    const outcome = await deleteAndWait(
      { cfn, clock: new FakeClock(), events: () => {} },
      'fargate',
      info(id, 'eksctl-c1-fargate'),
    );
    expect(outcome).toBe('deleted');
  });

  it('waits by stack id until DELETE_COMPLETE', async () => {
    const { id } = scriptStack(cfnMock, {
      name: 'eksctl-c1-fargate',
      existing: [{ status: 'CREATE_COMPLETE' }],
      afterDelete: [{ status: 'DELETE_IN_PROGRESS' }, { status: 'DELETE_COMPLETE' }],
    });
    const outcome = await deleteAndWait({ cfn, clock: new FakeClock(), events: () => {} }, 'fargate', {
      id,
      name: 'eksctl-c1-fargate',
      status: 'CREATE_COMPLETE',
      statusReason: undefined,
      outputs: {},
      tags: {},
      parameters: {},
    });
    expect(outcome).toBe('deleted');
  });
});

describe('StackEventPoller', () => {
  it('starts after a mark and pages newest-first without repeating events', async () => {
    const { id } = scriptStack(cfnMock, {
      name: NAME,
      existing: [
        {
          status: 'CREATE_COMPLETE',
          events: [
            ['A', ROLE, 'CREATE_COMPLETE'],
            ['B', ROLE, 'CREATE_COMPLETE'],
          ],
        },
      ],
      pageSize: 1,
    });
    const all = await new StackEventPoller(cfn, id).poll();
    expect(all.map((e) => e.logicalId)).toEqual(['A', 'B']);
    const poller = new StackEventPoller(cfn, id, all[0]?.eventId);
    expect((await poller.poll()).map((e) => e.logicalId)).toEqual(['B']);
    expect(await poller.poll()).toEqual([]);
    expect(cfnMock.commandCalls(DescribeStackEventsCommand).length).toBeGreaterThan(1);
  });

  it('waitForStack with goal settle returns the first stable status', async () => {
    const { id } = scriptStack(cfnMock, {
      name: NAME,
      existing: [{ status: 'ROLLBACK_IN_PROGRESS' }, { status: 'ROLLBACK_COMPLETE' }],
    });
    const info = await waitForStack(
      { cfn, clock: new FakeClock(), events: () => {} },
      { stepId: 's', stack: { id, name: NAME }, goal: 'settle' },
    );
    expect(info.status).toBe('ROLLBACK_COMPLETE');
  });
});
