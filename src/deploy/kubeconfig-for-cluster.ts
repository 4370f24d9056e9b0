/**
 * `utils write-kubeconfig` (SPEC §1): a kubeconfig entry for an existing cluster, from
 * DescribeCluster (endpoint, CA, ARN), with the `aws eks get-token` exec user.
 */
import type { AwsClients } from '../aws/types.js';
import { PrivateEksError } from '../errors.js';
import { writeKubeconfigEntry } from '../kubeconfig/file.js';
import { describeClusterAccess } from './cluster-info.js';
import type { KubeconfigOutcome } from './results.js';

export async function writeKubeconfigForCluster(
  clients: Pick<AwsClients, 'eks'>,
  request: { cluster: string; region: string; path: string; profile?: string; signal?: AbortSignal },
): Promise<KubeconfigOutcome> {
  const info = await describeClusterAccess(clients.eks, request.cluster, request.signal);
  if (info === undefined) {
    throw new PrivateEksError('PE_NOT_FOUND', `no cluster named "${request.cluster}" in ${request.region}`, {
      source: 'user',
      hint: `list the clusters with: private-eks get cluster --region ${request.region}`,
    });
  }
  if (info.endpoint === undefined || info.certificateAuthorityData === undefined) {
    throw new PrivateEksError(
      'PE_NOT_READY',
      `cluster "${request.cluster}" has no API endpoint yet (status ${info.status ?? 'unknown'})`,
      {
        source: 'aws',
        hint: 'wait until the cluster is ACTIVE, then run this again',
      },
    );
  }
  const { name } = await writeKubeconfigEntry(request.path, {
    clusterName: request.cluster,
    region: request.region,
    endpoint: info.endpoint,
    certificateAuthorityData: info.certificateAuthorityData,
    ...(info.arn === undefined ? {} : { arn: info.arn }),
    ...(request.profile === undefined ? {} : { profile: request.profile }),
  });
  return { path: request.path, context: name };
}
