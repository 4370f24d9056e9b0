/**
 * Deleting the in-VPC runner without stalling the delete on its network interfaces.
 *
 * Lambda gives a function in a VPC requester-managed interfaces in its subnets and security group
 * and releases them only some time after the function stops using them; until then the runner's
 * security group (and later the subnets) cannot be deleted, which is how Lambda functions in VPCs
 * hold up stack deletes for many minutes. So the delete first detaches the function from the VPC
 * (an empty VpcConfig, which makes Lambda release the interfaces), deletes each interface as soon
 * as it is `available`, and only then deletes the runner's stack. All of it runs while the
 * nodegroups are being deleted, off the delete's critical path.
 */
import { DeleteNetworkInterfaceCommand, DescribeNetworkInterfacesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { DeployError } from '../errors.js';
import { awsErrorCode, callAws } from './aws-call.js';
import type { Clock } from './clock.js';

/** How Lambda describes the interfaces it makes for a function. */
export const lambdaInterfacePrefix = (functionName: string): string => `AWS Lambda VPC ENI-${functionName}`;

const POLL_MS = 10_000;
/** Lambda usually releases detached interfaces within minutes; past this the delete says so. */
export const DEFAULT_RELEASE_TIMEOUT_MS = 20 * 60_000;

/** An empty VpcConfig: Lambda lets go of the function's interfaces. A function already gone is fine. */
export async function detachRunnerFromVpc(
  lambda: LambdaClient,
  functionName: string,
  signal?: AbortSignal,
): Promise<'detached' | 'gone'> {
  const { UpdateFunctionConfigurationCommand } = await import('./lambda-sdk.js');
  try {
    await callAws('lambda:UpdateFunctionConfiguration', signal, (options) =>
      lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: functionName,
          VpcConfig: { SubnetIds: [], SecurityGroupIds: [] },
        }),
        options,
      ),
    );
    return 'detached';
  } catch (error) {
    if (awsErrorCode(error) === 'ResourceNotFoundException') return 'gone';
    throw error;
  }
}

export interface ReleaseOptions {
  readonly functionName: string;
  readonly vpcId: string;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onWait?: (inUse: number, delayMs: number) => void;
}

/**
 * Deletes the runner's interfaces in the VPC as Lambda releases them; returns their ids. Fails,
 * naming them, when some are still in use at the timeout (a re-run of the delete continues).
 */
export async function deleteRunnerInterfaces(ec2: EC2Client, options: ReleaseOptions): Promise<string[]> {
  const prefix = lambdaInterfacePrefix(options.functionName);
  const deadline = options.clock.now() + (options.timeoutMs ?? DEFAULT_RELEASE_TIMEOUT_MS);
  const deleted: string[] = [];
  for (;;) {
    const out = await callAws('ec2:DescribeNetworkInterfaces', options.signal, (o) =>
      ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [options.vpcId] }] }), o),
    );
    const mine = (out.NetworkInterfaces ?? []).filter((n) => (n.Description ?? '').startsWith(prefix));
    const inUse: string[] = [];
    for (const eni of mine) {
      const id = eni.NetworkInterfaceId ?? '';
      if (eni.Status !== 'available') {
        inUse.push(id);
        continue;
      }
      try {
        await callAws('ec2:DeleteNetworkInterface', options.signal, (o) =>
          ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id }), o),
        );
        deleted.push(id);
      } catch (error) {
        // Deleted meanwhile by Lambda itself: what we wanted.
        if (awsErrorCode(error) !== 'InvalidNetworkInterfaceID.NotFound') throw error;
      }
    }
    if (inUse.length === 0) return deleted;
    if (options.clock.now() >= deadline) {
      throw new DeployError(
        `Lambda has not released ${inUse.length} network interface(s) of the in-VPC runner ${options.functionName}: ${inUse.join(', ')}`,
        inUse[0] ?? options.functionName,
        { hint: 'Lambda releases them some minutes after the function leaves the VPC: re-run the delete' },
      );
    }
    options.onWait?.(inUse.length, POLL_MS);
    await options.clock.sleep(POLL_MS, options.signal);
  }
}
