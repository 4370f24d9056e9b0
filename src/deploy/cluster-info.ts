/**
 * The EKS cluster as DescribeCluster sees it, reduced to what deploy code uses. Used when the
 * cluster stack's outputs lack something (older stacks, the emulator dropping outputs) and by
 * `get cluster`.
 */
import { DescribeClusterCommand, type EKSClient } from '@aws-sdk/client-eks';
import { awsFailure, errorName, sendOptions } from './aws-call.js';

export interface ClusterAccessInfo {
  readonly name: string;
  readonly arn: string | undefined;
  readonly status: string | undefined;
  readonly version: string | undefined;
  readonly endpoint: string | undefined;
  readonly certificateAuthorityData: string | undefined;
  readonly oidcIssuer: string | undefined;
  readonly vpcId: string | undefined;
  readonly subnetIds: readonly string[];
  readonly publicAccess: boolean | undefined;
  readonly privateAccess: boolean | undefined;
  readonly publicAccessCidrs: readonly string[];
}

/** The cluster, or undefined when EKS has no cluster of that name. */
export async function describeClusterAccess(
  eks: EKSClient,
  name: string,
  signal?: AbortSignal,
): Promise<ClusterAccessInfo | undefined> {
  try {
    const out = await eks.send(new DescribeClusterCommand({ name }), sendOptions(signal));
    const c = out.cluster;
    if (c === undefined) return undefined;
    const vpc = c.resourcesVpcConfig ?? {};
    return {
      name: c.name ?? name,
      arn: c.arn,
      status: c.status,
      version: c.version,
      endpoint: c.endpoint,
      certificateAuthorityData: c.certificateAuthority?.data,
      oidcIssuer: c.identity?.oidc?.issuer,
      vpcId: vpc.vpcId,
      subnetIds: vpc.subnetIds ?? [],
      publicAccess: vpc.endpointPublicAccess,
      privateAccess: vpc.endpointPrivateAccess,
      publicAccessCidrs: vpc.publicAccessCidrs ?? [],
    };
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw awsFailure('eks:DescribeCluster', error, signal);
  }
}
