/**
 * Draining on `delete cluster` through the in-VPC runner: the decisions (which nodes, how long a
 * refused eviction is retried, what the failure says), the step graph it adds to the delete, and
 * the just-in-time access grant. The runner itself is tested against the fake Kubernetes API
 * (test/unit/runner/handler.test.ts) and end to end in test/integration/runner-drain.int.test.ts;
 * here its answers are scripted, as pure logic.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  AssociateAccessPolicyCommand,
  DisassociateAccessPolicyCommand,
  ListAssociatedAccessPoliciesCommand,
} from '@aws-sdk/client-eks';
import { drainSteps } from '../../../src/deploy/delete-drain.js';
import type { DeleteState } from '../../../src/deploy/delete-types.js';
import type { ClusterStacks } from '../../../src/deploy/cluster-stacks.js';
import {
  clusterAdminPolicyArn,
  drainNodegroupThroughRunner,
  grantRunnerDrainAccess,
  nodegroupSelector,
  revokeRunnerDrainAccess,
} from '../../../src/deploy/runner-drain.js';
import type { StackInfo } from '../../../src/deploy/stacks.js';
import { StepGraph } from '../../../src/deploy/step-graph.js';
import { parseDuration } from '../../../src/cli/shared/options.js';
import type { RunnerEvent, RunnerResult } from '../../../src/runner/handler.js';
import { FakeClock } from './fakes.js';
import { eksMock, mockedClients, resetMocks } from './create-scenarios.js';
import { awsError } from './scripted-stack.js';

afterEach(() => resetMocks());

const ROLE = 'arn:aws:iam::123456789012:role/eksctl-c1-runner-RunnerRole-ABC';

function stack(name: string, extra: Partial<StackInfo> = {}): StackInfo {
  return {
    id: `arn:aws:cloudformation:us-west-2:123456789012:stack/${name}/1`,
    name,
    status: 'CREATE_COMPLETE',
    statusReason: undefined,
    outputs: {},
    tags: {},
    parameters: {},
    ...extra,
  };
}

describe('drainNodegroupThroughRunner', () => {
  it('selects nodes by EKS’s label on managed nodegroups and eksctl’s on self-managed ones', () => {
    expect(nodegroupSelector('m1', true)).toBe('eks.amazonaws.com/nodegroup=m1');
    expect(nodegroupSelector('ng1', false)).toBe('alpha.eksctl.io/nodegroup-name=ng1');
    expect(clusterAdminPolicyArn('arn:aws-cn:iam::1:role/r')).toBe(
      'arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
    );
  });

  it('retries refused evictions every wait period until the budget lets them go', async () => {
    const clock = new FakeClock();
    const events: RunnerEvent[] = [];
    const answers: RunnerResult[] = [
      { done: ['Pod default/web-1'], blocked: ['Pod default/db-0'], nodes: 2 },
      { done: [], blocked: ['Pod default/db-0'], nodes: 2 },
      { done: ['Pod default/db-0'], blocked: [], nodes: 2 },
    ];
    const waits: string[][] = [];
    const drained = await drainNodegroupThroughRunner(
      (event) => {
        events.push(event);
        return Promise.resolve(answers.shift() as RunnerResult);
      },
      {
        nodegroup: 'ng1',
        managed: false,
        deletePods: false,
        clock,
        evictionWaitMs: 7_000,
        onWait: (b) => waits.push([...b]),
      },
    );
    expect(drained).toEqual({ nodes: 2, evicted: ['default/web-1', 'default/db-0'], passes: 3 });
    expect(events).toEqual(Array(3).fill({ action: 'drain', selector: 'alpha.eksctl.io/nodegroup-name=ng1' }));
    expect(clock.sleeps).toEqual([7_000, 7_000]);
    expect(waits).toEqual([['default/db-0'], ['default/db-0']]);
  });

  it('fails after the timeout naming the protected pods and how to go on; nothing is forced', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const invoke = (): Promise<RunnerResult> => {
      calls += 1;
      return Promise.resolve({ done: [], blocked: ['Pod prod/db-0', 'Pod prod/db-1'], nodes: 1 });
    };
    const failure = drainNodegroupThroughRunner(invoke, {
      nodegroup: 'm1',
      managed: true,
      deletePods: false,
      clock,
      evictionWaitMs: 10_000,
      timeoutMs: 60_000,
    });
    await expect(failure).rejects.toThrow(
      'a PodDisruptionBudget refused the eviction of 2 pod(s) on the nodes of nodegroup m1 (eks.amazonaws.com/nodegroup=m1) for 60 s: prod/db-0, prod/db-1',
    );
    await expect(failure).rejects.toMatchObject({ hint: expect.stringContaining('--disable-nodegroup-eviction') });
    // Passes at 0, 10, …, 60 s: seven; the next would start past the minute.
    expect(calls).toBe(7);
    expect(clock.sleeps).toEqual(Array(6).fill(10_000));
  });

  it('--disable-nodegroup-eviction asks the runner to delete the pods', async () => {
    const events: RunnerEvent[] = [];
    await drainNodegroupThroughRunner(
      (event) => {
        events.push(event);
        return Promise.resolve({ done: ['Pod prod/db-0'], blocked: [], nodes: 1 });
      },
      { nodegroup: 'm1', managed: true, deletePods: true, clock: new FakeClock() },
    );
    expect(events).toEqual([{ action: 'drain', selector: 'eks.amazonaws.com/nodegroup=m1', deletePods: true }]);
  });
});

describe('the runner’s access for the drain', () => {
  const access = { cluster: 'c1', roleArn: ROLE };
  const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

  it('associates AmazonEKSClusterAdminPolicy at cluster scope when the entry lacks it', async () => {
    eksMock.on(ListAssociatedAccessPoliciesCommand).resolves({
      associatedAccessPolicies: [
        {
          policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
          accessScope: { type: 'namespace', namespaces: ['backend'] },
        },
      ],
    });
    eksMock.on(AssociateAccessPolicyCommand).resolves({});
    expect(await grantRunnerDrainAccess(mockedClients().eks, access)).toBe('granted');
    expect(eksMock.commandCalls(AssociateAccessPolicyCommand)[0]?.args[0].input).toEqual({
      clusterName: 'c1',
      principalArn: ROLE,
      policyArn: ADMIN,
      accessScope: { type: 'cluster' },
    });
  });

  it('leaves a standing association alone (a runner that creates namespaces has it from its stack)', async () => {
    eksMock.on(ListAssociatedAccessPoliciesCommand).resolves({
      associatedAccessPolicies: [{ policyArn: ADMIN, accessScope: { type: 'cluster' } }],
    });
    expect(await grantRunnerDrainAccess(mockedClients().eks, access)).toBe('standing');
    expect(eksMock.commandCalls(AssociateAccessPolicyCommand)).toHaveLength(0);
  });

  it('revoking an association already gone is fine', async () => {
    eksMock.on(DisassociateAccessPolicyCommand).rejects(awsError('ResourceNotFoundException', 'not associated', 404));
    expect(await revokeRunnerDrainAccess(mockedClients().eks, access)).toBe('gone');
  });
});

describe('drain steps of delete cluster', () => {
  const found = (nodeGroups: ClusterStacks['nodeGroups']): ClusterStacks => ({
    cluster: 'c1',
    clusterStack: stack('eksctl-c1-cluster'),
    nodeGroups,
    fargate: undefined,
    addons: [],
    other: [],
  });
  const runner = stack('eksctl-c1-runner', { outputs: { FunctionName: 'c1-runner-fn', RoleArn: ROLE } });
  const ngs = [
    { name: 'm1', stack: stack('eksctl-c1-nodegroup-m1', { tags: { 'alpha.eksctl.io/nodegroup-type': 'managed' } }) },
    {
      name: 'ng1',
      stack: stack('eksctl-c1-nodegroup-ng1', { tags: { 'alpha.eksctl.io/nodegroup-type': 'unmanaged' } }),
    },
  ];
  const build = (f: ClusterStacks, r: StackInfo | undefined) => {
    const state: DeleteState = { deleted: [], leftovers: [], notes: [] };
    const clock = new FakeClock();
    return drainSteps(
      'c1',
      f,
      r,
      { clients: mockedClients() },
      () => Promise.reject(new Error('not invoked')),
      { cfn: mockedClients().cloudFormation, events: () => {}, clock },
      state,
    );
  };

  it('grants access, drains each nodegroup, then revokes — even after a failed drain', () => {
    const drain = build(found(ngs), runner);
    const graph = new StepGraph(drain.steps);
    expect(graph.describe().map((s) => [s.id, s.dependsOn])).toEqual([
      ['runner-access', []],
      ['drain/m1', ['runner-access']],
      ['drain/ng1', ['runner-access']],
      ['runner-access-revoke', ['drain/m1', 'drain/ng1']],
    ]);
    expect(drain.steps.find((s) => s.id === 'runner-access-revoke')?.afterFailure).toBe(true);
    expect([...drain.drainOf]).toEqual([
      ['m1', 'drain/m1'],
      ['ng1', 'drain/ng1'],
    ]);
    expect(drain.note).toBe(
      'the nodes of 2 nodegroup(s) are drained through the in-VPC runner c1-runner-fn before their stacks are deleted',
    );
  });

  it('without a runner: no steps, one note that the nodes were not drained', () => {
    const drain = build(found(ngs), undefined);
    expect(drain.steps).toEqual([]);
    expect(drain.note).toMatch(/^nodes were not drained: the cluster has no in-VPC runner/);
  });

  it('does not drain a nodegroup whose stack an earlier delete already started deleting, nor any without nodegroups', () => {
    const half = found([ngs[0]!, { ...ngs[1]!, stack: { ...ngs[1]!.stack, status: 'DELETE_FAILED' } }]);
    expect(build(half, runner).drainIds).toEqual(['drain/m1']);
    const none = build(found([]), runner);
    expect(none.steps).toEqual([]);
    expect(none.note).toBeUndefined();
  });

  it('the revoke step runs after a failed drain, its other dependents do not', async () => {
    const ran: string[] = [];
    const step = (id: string, dependsOn: string[], fail = false, afterFailure = false) => ({
      id,
      description: id,
      dependsOn,
      ...(afterFailure ? { afterFailure } : {}),
      run: () => {
        ran.push(id);
        return fail ? Promise.reject(new Error(`${id} failed`)) : Promise.resolve('ok');
      },
    });
    const run = await new StepGraph([
      step('drain/a', [], true),
      step('revoke', ['drain/a'], false, true),
      step('nodegroup/a', ['drain/a']),
    ]).run();
    expect(ran).toEqual(['drain/a', 'revoke']);
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ['drain/a', 'failed'],
      ['revoke', 'succeeded'],
      ['nodegroup/a', 'skipped'],
    ]);
  });
});

describe('parseDuration (eksctl’s duration flags)', () => {
  it('reads Go durations and refuses anything else', () => {
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('0s')).toBe(0);
    expect(() => parseDuration('10')).toThrow('a duration such as 10s, 1m30s or 500ms');
    expect(() => parseDuration('10 s')).toThrow();
  });
});
