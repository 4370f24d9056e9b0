/**
 * A cluster checked through the AWS APIs (after `create`, by `get cluster --verify`, by `doctor
 * --cluster`): its endpoint layout (layout.ts) for the subnets its nodes use, its API endpoint
 * access as planned (private-only unless told otherwise), and its nodegroups active.
 */
import { DescribeClusterCommand, DescribeNodegroupCommand, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import type { AwsClients } from '../aws/types.js';
import { callAws } from '../deploy/aws-call.js';
import { findClusterStacks } from '../deploy/cluster-stacks.js';
import {
  LOGGING_ENDPOINT_SERVICE,
  REQUIRED_ENDPOINT_SERVICES,
  endpointServiceName,
  endpointServiceRecord,
} from '../plan/catalog/endpoint-services.js';
import { partitionOf } from '../plan/catalog/regions.js';
import type { EndpointAccess } from '../plan/types.js';
import { verifyEndpointLayout, type LayoutInput } from './layout.js';
import { report, type VerifyFinding, type VerifyReport } from './types.js';

export interface VerifyClusterRequest {
  readonly cluster: string;
  /**
   * The endpoints the cluster needs (from its plan). Default: the required ones, plus `logs` when
   * control-plane logging is on.
   */
  readonly services?: LayoutInput['services'];
  /** Default private-only, the state every private-eks cluster is left in. */
  readonly endpointAccess?: EndpointAccess;
  /** How to get a missing endpoint back (default: re-run create). */
  readonly recreateHint?: LayoutInput['recreateHint'];
}

export async function verifyCluster(
  clients: Pick<AwsClients, 'region' | 'ec2' | 'eks' | 'cloudFormation'>,
  request: VerifyClusterRequest,
  signal?: AbortSignal,
): Promise<VerifyReport> {
  const described = await callAws('eks:DescribeCluster', signal, (options) =>
    clients.eks.send(new DescribeClusterCommand({ name: request.cluster }), options),
  );
  const cluster = described.cluster;
  const vpc = cluster?.resourcesVpcConfig;
  if (cluster === undefined || vpc?.vpcId === undefined) {
    return report([
      {
        check: 'endpoint-access',
        status: 'fail',
        resource: request.cluster,
        message: `EKS has no cluster "${request.cluster}" with a VPC`,
      },
    ]);
  }
  const found = await findClusterStacks(clients.cloudFormation, request.cluster, signal);
  const sharedNodeGroup = found.clusterStack?.outputs['SharedNodeSecurityGroup'];
  const nodeSecurityGroupIds = [
    ...(vpc.clusterSecurityGroupId === undefined ? [] : [vpc.clusterSecurityGroupId]),
    ...(sharedNodeGroup === undefined ? [] : [sharedNodeGroup]),
  ];
  const logging = (cluster.logging?.clusterLogging ?? []).some((l) => l.enabled === true && (l.types ?? []).length > 0);
  const findings: VerifyFinding[] = await verifyEndpointLayout(
    clients.ec2,
    {
      vpcId: vpc.vpcId,
      nodeSubnetIds: vpc.subnetIds ?? [],
      services: request.services ?? defaultServices(clients.region, logging),
      nodeSecurityGroupIds,
      recreateHint:
        request.recreateHint ??
        (() =>
          `re-run \`private-eks create cluster -f <the cluster's file>\`: it re-creates the endpoints private-eks manages for the VPC`),
    },
    signal,
  );
  const expected = request.endpointAccess ?? { publicAccess: false, privateAccess: true };
  const actual = { publicAccess: vpc.endpointPublicAccess === true, privateAccess: vpc.endpointPrivateAccess === true };
  findings.push(
    actual.publicAccess === expected.publicAccess && actual.privateAccess === expected.privateAccess
      ? {
          check: 'endpoint-access',
          status: 'ok',
          resource: request.cluster,
          message: `API endpoint ${describeAccess(actual)}`,
        }
      : {
          check: 'endpoint-access',
          status: 'fail',
          resource: request.cluster,
          message: `the API endpoint is ${describeAccess(actual)}, planned ${describeAccess(expected)}`,
          fix: `aws eks update-cluster-config --name ${request.cluster} --resources-vpc-config endpointPublicAccess=${String(expected.publicAccess)},endpointPrivateAccess=${String(expected.privateAccess)}`,
        },
  );
  findings.push(...(await nodegroups(clients, request.cluster, found, signal)));
  return report(findings);
}

function describeAccess(access: EndpointAccess): string {
  if (access.publicAccess && access.privateAccess) return 'public and private';
  if (access.publicAccess) return 'public only';
  return access.privateAccess ? 'private only' : 'closed';
}

function defaultServices(region: string, logging: boolean): LayoutInput['services'] {
  const partition = partitionOf(region);
  const names = [...REQUIRED_ENDPOINT_SERVICES, ...(logging ? [LOGGING_ENDPOINT_SERVICE] : [])];
  return names.map((service) => ({
    serviceName: endpointServiceName(partition, region, service),
    type: endpointServiceRecord(service)?.type ?? 'Interface',
  }));
}

async function nodegroups(
  clients: Pick<AwsClients, 'eks'>,
  cluster: string,
  found: Awaited<ReturnType<typeof findClusterStacks>>,
  signal: AbortSignal | undefined,
): Promise<VerifyFinding[]> {
  const listed = await callAws('eks:ListNodegroups', signal, (options) =>
    clients.eks.send(new ListNodegroupsCommand({ clusterName: cluster }), options),
  );
  const findings: VerifyFinding[] = [];
  for (const name of listed.nodegroups ?? []) {
    const ng = (
      await callAws('eks:DescribeNodegroup', signal, (options) =>
        clients.eks.send(new DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: name }), options),
      )
    ).nodegroup;
    const status = ng?.status ?? 'UNKNOWN';
    const issues = (ng?.health?.issues ?? []).map((i) => `${i.code ?? ''}: ${i.message ?? ''}`);
    findings.push(
      status === 'ACTIVE'
        ? { check: 'nodegroup', status: 'ok', resource: name, message: 'managed nodegroup ACTIVE' }
        : {
            check: 'nodegroup',
            status: 'fail',
            resource: name,
            message: `managed nodegroup is ${status}${issues.length > 0 ? `: ${issues.join('; ')}` : ''}`,
            fix: `aws eks describe-nodegroup --cluster-name ${cluster} --nodegroup-name ${name} (its health issues say why)`,
          },
    );
  }
  // Self-managed nodegroups are auto scaling groups in their stacks: the stack's status is theirs.
  for (const { name, stack } of found.nodeGroups) {
    if ((listed.nodegroups ?? []).includes(name)) continue;
    const complete = stack.status === 'CREATE_COMPLETE' || stack.status === 'UPDATE_COMPLETE';
    findings.push(
      complete
        ? { check: 'nodegroup', status: 'ok', resource: name, message: `self-managed nodegroup stack ${stack.status}` }
        : {
            check: 'nodegroup',
            status: 'fail',
            resource: name,
            message: `self-managed nodegroup stack ${stack.name} is ${stack.status}`,
            fix: "re-run `private-eks create cluster -f <the cluster's file>` to resume it",
          },
    );
  }
  return findings;
}
