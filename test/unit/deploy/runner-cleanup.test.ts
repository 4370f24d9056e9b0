/**
 * The runner's clean-up treats "already gone" as done: a function deleted meanwhile, an interface
 * Lambda deleted itself. The SDK's errors reach it wrapped by callAws (AwsCallError), so the AWS
 * error code is read through the wrapper. Clients are stand-ins that throw SDK-shaped errors.
 */
import { describe, expect, it } from 'vitest';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { deleteRunnerInterfaces, detachRunnerFromVpc } from '../../../src/deploy/runner-cleanup.js';
import { FakeClock } from './fakes.js';

function sdkError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} from AWS`), { name, $metadata: { httpStatusCode: status } });
}

const throwing = (error: Error) => ({ send: () => Promise.reject(error) });

describe('runner clean-up', () => {
  it('a function already gone is detached enough', async () => {
    const lambda = throwing(sdkError('ResourceNotFoundException', 404)) as unknown as LambdaClient;
    await expect(detachRunnerFromVpc(lambda, 'fn')).resolves.toBe('gone');
  });

  it('any other failure is reported, naming the call', async () => {
    const lambda = throwing(sdkError('AccessDeniedException', 403)) as unknown as LambdaClient;
    await expect(detachRunnerFromVpc(lambda, 'fn')).rejects.toThrow(/lambda:UpdateFunctionConfiguration failed/);
  });

  it('an interface Lambda deleted meanwhile is not an error', async () => {
    const interfaces = [{ NetworkInterfaceId: 'eni-1', Status: 'available', Description: 'AWS Lambda VPC ENI-fn-x' }];
    let described = 0;
    const ec2 = {
      send: (command: { constructor: { name: string } }) => {
        if (command.constructor.name === 'DescribeNetworkInterfacesCommand') {
          described += 1;
          return Promise.resolve({ NetworkInterfaces: described === 1 ? interfaces : [] });
        }
        return Promise.reject(sdkError('InvalidNetworkInterfaceID.NotFound', 400));
      },
    } as unknown as EC2Client;
    await expect(
      deleteRunnerInterfaces(ec2, { functionName: 'fn', vpcId: 'vpc-1', clock: new FakeClock() }),
    ).resolves.toEqual([]);
  });
});
