import { afterEach, describe, expect, it } from 'vitest';
import { CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { DescribeUpdateCommand, UpdateClusterConfigCommand } from '@aws-sdk/client-eks';
import { createCluster } from '../../../src/deploy/create-cluster.js';
import { createSummary } from '../../../src/cli/render/output.js';
import { FakeClock, recordingSink } from './fakes.js';
import {
  cfnMock,
  eksMock,
  minimalPlan,
  mockedClients,
  resetMocks,
  scriptEks,
  scriptMinimalStacks,
  UPDATE_ID,
} from './create-scenarios.js';

afterEach(resetMocks);

const summaryContext = {
  color: false,
  rerun: 'private-eks create cluster -f cluster.yaml',
  hasEksEndpoint: false,
  withOidc: false,
};

describe('createCluster', () => {
  it('runs the plan: cluster stack first, nodegroups after, then the switch when the plan needs it', async () => {
    scriptMinimalStacks();
    scriptEks();
    const { plan, templates } = await minimalPlan('always');
    const { events, sink } = recordingSink();
    const result = await createCluster(
      { plan, templates },
      { clients: mockedClients(), events: sink, clock: new FakeClock(), kubeconfigPath: false, verify: false },
    );
    expect(result.outcome === 'failed' ? result.failures : []).toEqual([]);
    expect(result.outcome).toBe('created');
    expect(result.endpointAccess).toEqual({ state: 'switched-off', updateId: UPDATE_ID });
    const creates = cfnMock.commandCalls(CreateStackCommand).map((c) => c.args[0].input.StackName);
    expect(creates[0]).toBe('eksctl-private-cluster-cluster');
    expect(creates.slice(1).sort()).toEqual([
      'eksctl-private-cluster-nodegroup-m1',
      'eksctl-private-cluster-nodegroup-ng1',
    ]);
    // The switch is the last step to start.
    const started = events.flatMap((e) => (e.code === 'step-started' ? [e.stepId] : []));
    expect(started.at(-1)).toBe('endpoint-access');
    expect(eksMock.commandCalls(UpdateClusterConfigCommand)[0]?.args[0].input.resourcesVpcConfig).toEqual({
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
    });
  });

  it('after a failure with the control plane up, still switches public access off (never silently public)', async () => {
    scriptMinimalStacks({ failNg1: true });
    scriptEks();
    const { plan, templates } = await minimalPlan('always');
    const result = await createCluster(
      { plan, templates },
      { clients: mockedClients(), events: () => {}, clock: new FakeClock(), kubeconfigPath: false, verify: false },
    );
    expect(result.outcome).toBe('failed');
    if (result.outcome !== 'failed') return;
    expect(result.failures).toEqual([
      expect.objectContaining({
        stepId: 'nodegroup/ng1',
        resource: 'NodeGroupLaunchTemplate (AWS::EC2::LaunchTemplate)',
        message: expect.stringContaining('The image id [ami-0bad] does not exist'),
      }),
    ]);
    // The endpoint-access step never ran (it depends on ng1) …
    expect(result.steps.find((s) => s.id === 'endpoint-access')?.status).toBe('skipped');
    // … but the failure path asked EKS to switch public access off, without waiting.
    expect(result.endpointAccess).toEqual({
      state: 'after-failure',
      outcome: { result: 'requested', updateId: UPDATE_ID },
    });
    expect(eksMock.commandCalls(UpdateClusterConfigCommand)).toHaveLength(1);
    expect(eksMock.commandCalls(DescribeUpdateCommand)).toHaveLength(0);
    // Nothing was deleted.
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
    expect(createSummary(result, summaryContext)).toContain(
      'switching it off was requested (update ' + UPDATE_ID + ')',
    );
  });

  it('when even the switch-off fails, says loudly that public access is on and how to turn it off', async () => {
    scriptMinimalStacks({ failNg1: true });
    scriptEks({ refuseUpdate: true });
    const { plan, templates } = await minimalPlan('always');
    const result = await createCluster(
      { plan, templates },
      { clients: mockedClients(), events: () => {}, clock: new FakeClock(), kubeconfigPath: false, profile: 'prod' },
    );
    expect(result.endpointAccess.state).toBe('after-failure');
    const summary = createSummary(result, { ...summaryContext, profile: 'prod' });
    expect(summary).toContain('PUBLIC ACCESS IS STILL ON');
    expect(summary).toContain(
      'aws eks update-cluster-config --region us-west-2 --profile prod --name private-cluster --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true',
    );
  });

  it('on Ctrl-C after the control plane exists: interrupted, nothing deleted, switch-off still requested', async () => {
    scriptMinimalStacks();
    scriptEks();
    const { plan, templates } = await minimalPlan('always');
    const controller = new AbortController();
    const result = await createCluster(
      { plan, templates },
      {
        clients: mockedClients(),
        clock: new FakeClock(),
        kubeconfigPath: false,
        signal: controller.signal,
        events: (e) => {
          if (e.code === 'step-finished' && e.stepId === 'cluster') controller.abort();
        },
      },
    );
    expect(result.outcome).toBe('interrupted');
    expect(result.endpointAccess).toEqual({
      state: 'after-failure',
      outcome: { result: 'requested', updateId: UPDATE_ID },
    });
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('with no switch in the plan, a failure makes no EKS call at all (the cluster was private from the start)', async () => {
    scriptMinimalStacks({ failNg1: true });
    const { plan, templates } = await minimalPlan('auto');
    expect(plan.endpointAccess.switchNeeded).toBe(false);
    const result = await createCluster(
      { plan, templates },
      { clients: mockedClients(), events: () => {}, clock: new FakeClock(), kubeconfigPath: false, verify: false },
    );
    expect(result.outcome).toBe('failed');
    expect(result.endpointAccess).toEqual({ state: 'private-from-start' });
    expect(eksMock.calls()).toHaveLength(0);
  });
});
