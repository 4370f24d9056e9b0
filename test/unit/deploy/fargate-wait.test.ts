/**
 * The `fargate/kube-system` step's wait (src/deploy/fargate-wait.ts) against scripted CloudFormation
 * stacks (scripted-stack.ts): the emulator creates a stack synchronously, so the profile-by-profile
 * progress, a rollback half-way and a stack left by an earlier run are scripted here. Then the whole
 * create with such a stack: the add-ons stack starts while the Fargate stack is still in progress.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { AbortedError, DeployError } from '../../../src/errors.js';
import { createCluster } from '../../../src/deploy/create-cluster.js';
import { waitForStackResources } from '../../../src/deploy/fargate-wait.js';
import type { EventSink } from '../../../src/deploy/events.js';
import type { StackWatch } from '../../../src/deploy/run-state.js';
import type { StackDeps } from '../../../src/deploy/stacks.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates } from '../../../src/templates/index.js';
import { addon, fargateProfile, resolvedConfig } from '../../helpers/resolved-config.js';
import { unitClientConfig } from '../../helpers/unit-clients.js';
import { cfnMock, mockedClients, resetMocks } from './create-scenarios.js';
import { FakeClock, recordingSink } from './fakes.js';
import { scriptStack, type ScriptRow } from './scripted-stack.js';

// One mock of the CloudFormation client for the whole file: create-scenarios.ts's.
const localMock = cfnMock;
afterEach(() => resetMocks());

const NAME = 'eksctl-c1-fargate';
const STACK = 'AWS::CloudFormation::Stack';
const FP = 'AWS::EKS::FargateProfile';
const SYSTEM = 'FargateProfileSystem';
const APPS = 'FargateProfileApps';

/** Stack deps on the mocked client and `clock`; events go nowhere unless a sink is given. */
function deps(clock: FakeClock, options: { signal?: AbortSignal; events?: EventSink } = {}): StackDeps {
  return {
    cfn: new CloudFormationClient(unitClientConfig('us-west-2')),
    clock,
    events: options.events ?? (() => {}),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}

/** The chain of a Fargate stack: kube-system's profile first, then the other, one at a time. */
const creating: ScriptRow[] = [
  {
    status: 'CREATE_IN_PROGRESS',
    events: [
      [NAME, STACK, 'CREATE_IN_PROGRESS', 'User Initiated'],
      [SYSTEM, FP, 'CREATE_IN_PROGRESS'],
    ],
  },
  { status: 'CREATE_IN_PROGRESS' },
  {
    status: 'CREATE_IN_PROGRESS',
    events: [
      [SYSTEM, FP, 'CREATE_COMPLETE'],
      [APPS, FP, 'CREATE_IN_PROGRESS'],
    ],
  },
  { status: 'CREATE_IN_PROGRESS' },
  {
    status: 'CREATE_COMPLETE',
    events: [
      [APPS, FP, 'CREATE_COMPLETE'],
      [NAME, STACK, 'CREATE_COMPLETE'],
    ],
  },
];

describe('waitForStackResources', () => {
  it('in progress → the watched profile complete: done while the stack is still creating the next one', async () => {
    const { id } = scriptStack(localMock, { name: NAME, existing: creating });
    const clock = new FakeClock();
    const { events, sink } = recordingSink();
    const d = deps(clock, { events: sink });
    const watch: StackWatch = { current: { id, created: true } };
    const result = await waitForStackResources(d, {
      stepId: 'fargate/kube-system',
      stack: NAME,
      logicalIds: [SYSTEM],
      watch,
    });
    expect(result).toBe('resources-complete');
    // Two polls found it in progress; the third found it complete, with the stack still in progress.
    expect(clock.sleeps).toHaveLength(2);
    const waiting = events.filter((e) => e.code === 'waiting');
    expect(waiting.map((e) => (e.code === 'waiting' ? e.status : ''))).toEqual([
      `${SYSTEM} CREATE_IN_PROGRESS`,
      `${SYSTEM} CREATE_IN_PROGRESS`,
    ]);
    expect(localMock.commandCalls(DescribeStackResourcesCommand).map((c) => c.args[0].input.StackName)).toEqual([
      id,
      id,
      id,
    ]);
  });

  it('in progress → rolled back: fails with the stack’s first failed resource and its reason', async () => {
    const { id } = scriptStack(localMock, {
      name: NAME,
      existing: [
        creating[0] as ScriptRow,
        {
          status: 'ROLLBACK_IN_PROGRESS',
          events: [
            [SYSTEM, FP, 'CREATE_FAILED', 'Resource handler returned message: "Invalid subnet"'],
            [
              NAME,
              STACK,
              'ROLLBACK_IN_PROGRESS',
              'The following resource(s) failed to create: [FargateProfileSystem].',
            ],
          ],
        },
        { status: 'ROLLBACK_COMPLETE', events: [[SYSTEM, FP, 'DELETE_COMPLETE']] },
      ],
    });
    const clock = new FakeClock();
    const watch: StackWatch = { current: { id, created: true } };
    const failure = await waitForStackResources(deps(clock), {
      stepId: 'fargate/kube-system',
      stack: NAME,
      logicalIds: [SYSTEM],
      watch,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeployError);
    expect((failure as DeployError).message).toBe(
      `stack ${NAME} is ROLLBACK_IN_PROGRESS: ${SYSTEM} (${FP}) CREATE_FAILED: Resource handler returned message: "Invalid subnet"`,
    );
    expect((failure as DeployError).resource).toBe(`${SYSTEM} (${FP})`);
  });

  it('an earlier run’s stack that rolled back is only watched: the stack step recreates it, and this follows', async () => {
    const old = scriptStack(localMock, {
      name: 'eksctl-c1-fargate-old',
      existing: [{ status: 'ROLLBACK_COMPLETE', events: [[SYSTEM, FP, 'CREATE_COMPLETE']] }],
    });
    const fresh = scriptStack(localMock, { name: NAME, existing: creating });
    const clock = new FakeClock();
    const watch: StackWatch = { current: { id: old.id, created: false } };
    // The stack step, meanwhile, deletes the old stack and creates a new one.
    clock.onSleep = (_ms, index) => {
      if (index === 1) watch.current = { id: fresh.id, created: true };
    };
    const result = await waitForStackResources(deps(clock), {
      stepId: 'fargate/kube-system',
      stack: NAME,
      logicalIds: [SYSTEM],
      watch,
    });
    expect(result).toBe('resources-complete');
    expect(localMock.commandCalls(DescribeStackResourcesCommand).map((c) => c.args[0].input.StackName)).toContain(
      fresh.id,
    );
  });

  it('ends with the stack step: done when it succeeded, its error when it failed before any stack existed', async () => {
    const clock = new FakeClock();
    const watch: StackWatch = {};
    clock.onSleep = () => {
      watch.ended = { ok: true };
    };
    await expect(
      waitForStackResources(deps(clock), { stepId: 's', stack: NAME, logicalIds: [SYSTEM], watch }),
    ).resolves.toBe('stack-complete');
    expect(localMock.calls()).toEqual([]);

    const cause = new DeployError(`creating stack ${NAME} failed: ValidationError: bad template`, NAME);
    await expect(
      waitForStackResources(deps(new FakeClock()), {
        stepId: 's',
        stack: NAME,
        logicalIds: [SYSTEM],
        watch: { ended: { ok: false, error: cause } },
      }),
    ).rejects.toBe(cause);
  });

  it('a re-run whose stack is complete: done at the first look, no wait', async () => {
    const { id } = scriptStack(localMock, {
      name: NAME,
      existing: [
        {
          status: 'CREATE_COMPLETE',
          events: [
            [SYSTEM, FP, 'CREATE_COMPLETE'],
            [APPS, FP, 'CREATE_COMPLETE'],
          ],
        },
      ],
    });
    const clock = new FakeClock();
    const result = await waitForStackResources(deps(clock), {
      stepId: 's',
      stack: NAME,
      logicalIds: [SYSTEM],
      watch: { current: { id, created: false } },
    });
    expect(result).toBe('resources-complete');
    expect(clock.sleeps).toEqual([]);
  });

  it('Ctrl-C while waiting: AbortedError, nothing else called', async () => {
    const { id } = scriptStack(localMock, { name: NAME, existing: [creating[0] as ScriptRow] });
    const controller = new AbortController();
    const clock = new FakeClock();
    clock.onSleep = () => controller.abort();
    await expect(
      waitForStackResources(deps(clock, { signal: controller.signal }), {
        stepId: 's',
        stack: NAME,
        logicalIds: [SYSTEM],
        watch: { current: { id, created: true } },
      }),
    ).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('create of a cluster without nodegroups', () => {
  it('starts the add-ons stack once kube-system’s profile exists, while the Fargate stack creates the other', async () => {
    const config = resolvedConfig({
      metadata: { name: 'c1' },
      addons: [addon('coredns')],
      fargateProfiles: [
        fargateProfile('apps'),
        fargateProfile('system', { selectors: [{ namespace: 'kube-system', labels: {} }] }),
      ],
    });
    const { plan, problems } = await buildPlan(config, createOfflineFacts());
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const templates = renderTemplates(plan!);
    // kube-system's profile is first in the chain; the other depends on it.
    const fargate = templates.get(NAME)?.Resources ?? {};
    expect(Object.keys(fargate)).toEqual([SYSTEM, APPS]);
    expect(fargate[APPS]?.DependsOn).toEqual([SYSTEM]);

    const done = (name: string): ScriptRow[] => [
      { status: 'CREATE_IN_PROGRESS', events: [[name, STACK, 'CREATE_IN_PROGRESS', 'User Initiated']] },
      { status: 'CREATE_COMPLETE', events: [[name, STACK, 'CREATE_COMPLETE']] },
    ];
    scriptStack(cfnMock, { name: 'eksctl-c1-cluster', afterCreate: done('eksctl-c1-cluster') });
    scriptStack(cfnMock, { name: 'eksctl-c1-addons', afterCreate: done('eksctl-c1-addons') });
    // The Fargate stack takes many polls after kube-system's profile is done.
    const slow: ScriptRow[] = [
      ...creating.slice(0, 3),
      ...Array.from({ length: 12 }, (): ScriptRow => ({ status: 'CREATE_IN_PROGRESS' })),
      creating[4] as ScriptRow,
    ];
    scriptStack(cfnMock, { name: NAME, afterCreate: slow });
    const { events, sink } = recordingSink();
    const result = await createCluster(
      { plan: plan!, templates },
      { clients: mockedClients(), clock: new FakeClock(), events: sink, kubeconfigPath: false, verify: false },
    );
    expect(result.outcome, JSON.stringify(result)).toBe('created');
    const at = (code: string, stepId: string): number =>
      events.findIndex((e) => e.code === code && 'stepId' in e && e.stepId === stepId);
    expect(at('step-finished', 'fargate/kube-system')).toBeGreaterThan(-1);
    expect(at('step-started', 'addons')).toBeGreaterThan(at('step-finished', 'fargate/kube-system'));
    expect(at('step-started', 'addons')).toBeLessThan(at('step-finished', 'fargate'));
    expect(result.steps.map((s) => [s.id, s.status, s.detail])).toContainEqual([
      'fargate/kube-system',
      'succeeded',
      '"system" created; the other profile(s) follow in the Fargate stack',
    ]);
  });

  it('one step at a time (parallelism 1): the stack step runs first, the watcher then finds it complete', async () => {
    const config = resolvedConfig({
      metadata: { name: 'c1' },
      addons: [addon('coredns')],
      fargateProfiles: [
        fargateProfile('apps'),
        fargateProfile('system', { selectors: [{ namespace: 'kube-system', labels: {} }] }),
      ],
    });
    const { plan } = await buildPlan(config, createOfflineFacts());
    const done = (name: string): ScriptRow[] => [
      { status: 'CREATE_IN_PROGRESS', events: [[name, STACK, 'CREATE_IN_PROGRESS', 'User Initiated']] },
      { status: 'CREATE_COMPLETE', events: [[name, STACK, 'CREATE_COMPLETE']] },
    ];
    scriptStack(cfnMock, { name: 'eksctl-c1-cluster', afterCreate: done('eksctl-c1-cluster') });
    scriptStack(cfnMock, { name: 'eksctl-c1-addons', afterCreate: done('eksctl-c1-addons') });
    scriptStack(cfnMock, { name: NAME, afterCreate: creating });
    const result = await createCluster(
      { plan: plan!, templates: renderTemplates(plan!) },
      { clients: mockedClients(), clock: new FakeClock(), kubeconfigPath: false, verify: false, parallelism: 1 },
    );
    expect(result.outcome, JSON.stringify(result)).toBe('created');
    expect(result.steps.find((s) => s.id === 'fargate/kube-system')?.detail).toBe(
      'the Fargate stack is complete, "system" included',
    );
  });

  it('when the Fargate stack rolls back before kube-system’s profile exists, the add-ons never start', async () => {
    const config = resolvedConfig({
      metadata: { name: 'c1' },
      addons: [addon('coredns')],
      fargateProfiles: [
        fargateProfile('system', { selectors: [{ namespace: 'kube-system', labels: {} }] }),
        fargateProfile('apps'),
      ],
    });
    const { plan } = await buildPlan(config, createOfflineFacts());
    const done = (name: string): ScriptRow[] => [
      { status: 'CREATE_IN_PROGRESS', events: [[name, STACK, 'CREATE_IN_PROGRESS', 'User Initiated']] },
      { status: 'CREATE_COMPLETE', events: [[name, STACK, 'CREATE_COMPLETE']] },
    ];
    scriptStack(cfnMock, { name: 'eksctl-c1-cluster', afterCreate: done('eksctl-c1-cluster') });
    scriptStack(cfnMock, {
      name: NAME,
      afterCreate: [
        { status: 'CREATE_IN_PROGRESS', events: [[SYSTEM, FP, 'CREATE_IN_PROGRESS']] },
        { status: 'ROLLBACK_IN_PROGRESS', events: [[SYSTEM, FP, 'CREATE_FAILED', 'Fargate is not available']] },
        { status: 'ROLLBACK_COMPLETE' },
      ],
    });
    const result = await createCluster(
      { plan: plan!, templates: renderTemplates(plan!) },
      { clients: mockedClients(), clock: new FakeClock(), kubeconfigPath: false, verify: false },
    );
    expect(result.outcome).toBe('failed');
    const byId = new Map(result.steps.map((s) => [s.id, s.status]));
    expect(byId.get('fargate')).toBe('failed');
    expect(byId.get('fargate/kube-system')).toBe('failed');
    expect(byId.get('addons')).toBe('skipped');
    expect(result.outcome === 'failed' ? result.failures.map((f) => f.message) : []).toContain(
      `stack ${NAME} is ROLLBACK_COMPLETE: ${SYSTEM} (${FP}) CREATE_FAILED: Fargate is not available`,
    );
  });
});
