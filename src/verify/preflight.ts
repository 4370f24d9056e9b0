/**
 * Before creating into a supplied VPC with `skipEndpointCreation`: the endpoints are the user's,
 * so their layout is checked as it will be after the create (layout.ts) — every required
 * endpoint available with private DNS in each node subnet's zone, each node subnet's route table
 * routing S3 through the gateway endpoint, the endpoints' security group open to the subnets.
 * Used by `create` (refuses before any stack exists) and `doctor`.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  LOGGING_ENDPOINT_SERVICE,
  REQUIRED_ENDPOINT_SERVICES,
  endpointServiceName,
  endpointServiceRecord,
} from '../plan/catalog/endpoint-services.js';
import type { Plan } from '../plan/types.js';
import { UNKNOWN_OFFLINE } from '../plan/types.js';
import { verifyEndpointLayout } from './layout.js';
import type { VerifyFinding } from './types.js';

/** Whether the plan creates into a VPC whose endpoints the user provides (and the VPC is known). */
export function needsUserEndpointLayout(plan: Plan): boolean {
  return (
    plan.cluster.privateCluster.skipEndpointCreation &&
    plan.vpc.id !== null &&
    plan.vpc.id !== UNKNOWN_OFFLINE &&
    !plan.offline
  );
}

export async function verifyUserEndpointLayout(
  ec2: EC2Client,
  plan: Plan,
  signal?: AbortSignal,
): Promise<VerifyFinding[]> {
  const { name: region, partition } = plan.region;
  const logging = plan.cluster.cloudWatch.enableTypes.length > 0;
  const services = [...REQUIRED_ENDPOINT_SERVICES, ...(logging ? [LOGGING_ENDPOINT_SERVICE] : [])].map((s) => ({
    serviceName: endpointServiceName(partition, region, s),
    type: endpointServiceRecord(s)?.type ?? ('Interface' as const),
  }));
  return verifyEndpointLayout(
    ec2,
    {
      vpcId: plan.vpc.id as string,
      nodeSubnetIds: plan.subnets.flatMap((s) => (s.id === null ? [] : [s.id])),
      services,
      nodeSecurityGroupIds: [],
    },
    signal,
  );
}
