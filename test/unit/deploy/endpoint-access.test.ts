import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  EKSClient,
  UpdateClusterConfigCommand,
  type Update,
} from '@aws-sdk/client-eks';
import { DeployError } from '../../../src/errors.js';
import {
  PRIVATE_ONLY,
  switchOffPublicAccessAfterFailure,
  updateEndpointAccess,
} from '../../../src/deploy/endpoint-access.js';
import { FakeClock, recordingSink } from './fakes.js';
import { awsError } from './scripted-stack.js';
import { unitClientConfig } from '../../helpers/unit-clients.js';

const eksMock = mockClient(EKSClient);
const eks = new EKSClient(unitClientConfig('us-west-2'));
afterEach(() => eksMock.reset());

// Shapes: DescribeClusterResponse.cluster.resourcesVpcConfig and the Update object of
// @aws-sdk/client-eks; values as in the EKS user guide's `aws eks update-cluster-config` example
// output ("type": "EndpointAccessUpdate", params EndpointPublicAccess/EndpointPrivateAccess).
const publicAndPrivate = {
  cluster: { name: 'c1', resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: true } },
};
const privateOnly = {
  cluster: { name: 'c1', resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true } },
};
function update(status: Update['status'], errors: Update['errors'] = []): { update: Update } {
  return {
    update: {
      id: 'e4091a28-ea14-48fd-a8c7-975aeb469e8a',
      status,
      type: 'EndpointAccessUpdate',
      params: [
        { type: 'EndpointPublicAccess', value: 'false' },
        { type: 'EndpointPrivateAccess', value: 'true' },
      ],
      createdAt: new Date(Date.UTC(2026, 10, 25, 10, 0, 0)),
      errors,
    },
  };
}

function deps(clock = new FakeClock()) {
  const rec = recordingSink();
  return { deps: { eks, events: rec.sink, clock, region: 'us-west-2' }, events: rec.events, clock };
}

describe('updateEndpointAccess', () => {
  it('switches public access off and waits for DescribeUpdate to say Successful', async () => {
    eksMock.on(DescribeClusterCommand).resolves(publicAndPrivate);
    eksMock.on(UpdateClusterConfigCommand).resolves(update('InProgress'));
    eksMock
      .on(DescribeUpdateCommand)
      .resolvesOnce(update('InProgress'))
      .resolvesOnce(update('InProgress'))
      .resolves(update('Successful'));
    const { deps: d, events, clock } = deps();
    const outcome = await updateEndpointAccess(d, 'c1', PRIVATE_ONLY, { wait: true });
    expect(outcome).toEqual({ result: 'updated', updateId: 'e4091a28-ea14-48fd-a8c7-975aeb469e8a' });
    expect(eksMock.commandCalls(UpdateClusterConfigCommand)[0]?.args[0].input).toEqual({
      name: 'c1',
      resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true },
    });
    expect(eksMock.commandCalls(DescribeUpdateCommand)[0]?.args[0].input).toEqual({
      name: 'c1',
      updateId: 'e4091a28-ea14-48fd-a8c7-975aeb469e8a',
    });
    expect(clock.sleeps).toHaveLength(2);
    expect(events.filter((e) => e.code === 'endpoint-access-update').map((e) => 'phase' in e && e.phase)).toEqual([
      'requested',
      'successful',
    ]);
  });

  it("reports a Failed update with eksctl's message and the errors EKS gave", async () => {
    eksMock.on(DescribeClusterCommand).resolves(publicAndPrivate);
    eksMock.on(UpdateClusterConfigCommand).resolves(update('InProgress'));
    eksMock
      .on(DescribeUpdateCommand)
      .resolves(
        update('Failed', [
          { errorCode: 'AccessDenied', errorMessage: 'The cluster role is missing permissions', resourceIds: ['c1'] },
        ]),
      );
    const error = await updateEndpointAccess(deps().deps, 'c1', PRIVATE_ONLY, { wait: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe(
      'error disabling public endpoint access for the cluster: AccessDenied: The cluster role is missing permissions',
    );
    expect((error as DeployError).hint).toContain(
      'aws eks update-cluster-config --region us-west-2 --name c1 --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true',
    );
  });

  it('treats Cancelled as a failure too', async () => {
    eksMock.on(DescribeClusterCommand).resolves(publicAndPrivate);
    eksMock.on(UpdateClusterConfigCommand).resolves(update('InProgress'));
    eksMock.on(DescribeUpdateCommand).resolves(update('Cancelled'));
    await expect(updateEndpointAccess(deps().deps, 'c1', PRIVATE_ONLY, { wait: true })).rejects.toThrow(
      /^error disabling public endpoint access for the cluster: update e4091a28-ea14-48fd-a8c7-975aeb469e8a is Cancelled$/,
    );
  });

  it('does nothing when the cluster is already private-only', async () => {
    eksMock.on(DescribeClusterCommand).resolves(privateOnly);
    const outcome = await updateEndpointAccess(deps().deps, 'c1', PRIVATE_ONLY, { wait: true });
    expect(outcome).toEqual({ result: 'unchanged' });
    expect(eksMock.commandCalls(UpdateClusterConfigCommand)).toHaveLength(0);
  });

  it('without an update id (the emulator answers with an empty body) reads the cluster back', async () => {
    eksMock
      .on(DescribeClusterCommand)
      .resolvesOnce(publicAndPrivate)
      .resolvesOnce(publicAndPrivate)
      .resolves(privateOnly);
    eksMock.on(UpdateClusterConfigCommand).resolves({});
    const outcome = await updateEndpointAccess(deps().deps, 'c1', PRIVATE_ONLY, { wait: true });
    expect(outcome).toEqual({ result: 'updated', updateId: undefined });
    expect(eksMock.commandCalls(DescribeUpdateCommand)).toHaveLength(0);
  });

  it('waits out another update in progress (ResourceInUseException), then asks again', async () => {
    eksMock.on(DescribeClusterCommand).resolves(publicAndPrivate);
    eksMock
      .on(UpdateClusterConfigCommand)
      .rejectsOnce(awsError('ResourceInUseException', 'Update already in progress', 409))
      .resolves(update('InProgress'));
    eksMock.on(DescribeUpdateCommand).resolves(update('Successful'));
    const outcome = await updateEndpointAccess(deps().deps, 'c1', PRIVATE_ONLY, { wait: true });
    expect(outcome.result).toBe('updated');
    expect(eksMock.commandCalls(UpdateClusterConfigCommand)).toHaveLength(2);
  });

  it('sends publicAccessCidrs when opening public access', async () => {
    eksMock.on(DescribeClusterCommand).resolves(privateOnly);
    eksMock.on(UpdateClusterConfigCommand).resolves(update('InProgress'));
    const outcome = await updateEndpointAccess(
      deps().deps,
      'c1',
      { publicAccess: true, privateAccess: true, publicAccessCidrs: ['203.0.113.0/24'] },
      { wait: false },
    );
    expect(outcome.result).toBe('requested');
    expect(eksMock.commandCalls(UpdateClusterConfigCommand)[0]?.args[0].input.resourcesVpcConfig).toEqual({
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
    });
  });
});

describe('switchOffPublicAccessAfterFailure', () => {
  it('requests the switch without waiting', async () => {
    eksMock.on(DescribeClusterCommand).resolves(publicAndPrivate);
    eksMock.on(UpdateClusterConfigCommand).resolves(update('InProgress'));
    const outcome = await switchOffPublicAccessAfterFailure(deps().deps, 'c1');
    expect(outcome).toEqual({ result: 'requested', updateId: 'e4091a28-ea14-48fd-a8c7-975aeb469e8a' });
    expect(eksMock.commandCalls(DescribeUpdateCommand)).toHaveLength(0);
  });

  it('never throws: a refused request comes back with the command to run by hand', async () => {
    eksMock.on(DescribeClusterCommand).resolves(publicAndPrivate);
    eksMock.on(UpdateClusterConfigCommand).rejects(awsError('AccessDeniedException', 'not allowed', 403));
    const outcome = await switchOffPublicAccessAfterFailure({ ...deps().deps, profile: 'prod' }, 'c1');
    expect(outcome.result).toBe('failed');
    expect(outcome.result === 'failed' && outcome.command).toBe(
      'aws eks update-cluster-config --region us-west-2 --profile prod --name c1 --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true',
    );
  });

  it('reports when there is no cluster (the control plane was never created)', async () => {
    eksMock
      .on(DescribeClusterCommand)
      .rejects(awsError('ResourceNotFoundException', 'No cluster found for name: c1.', 404));
    expect(await switchOffPublicAccessAfterFailure(deps().deps, 'c1')).toEqual({ result: 'no-cluster' });
  });
});
