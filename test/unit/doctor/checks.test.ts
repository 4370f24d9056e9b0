/**
 * Doctor checks in the cases the emulator cannot produce (shared/TESTBED.md §6.3): AWS answers are
 * scripted with aws-sdk-client-mock on real SDK clients. Each fixture is shaped after the SDK's
 * output types (@aws-sdk/client-ec2, client-eks, client-sts 3.1169) and the AWS API references
 * named next to it.
 */
import net from 'node:net';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  DescribeAvailabilityZonesCommand,
  DescribeVpcEndpointServicesCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { DescribeClusterCommand, EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/types.js';
import { loadConfig } from '../../../src/config/index.js';
import {
  clusterEndpointCheck,
  createDoctorContext,
  credentialsCheck,
  eksApiCheck,
  endpointServicesCheck,
  regionCheck,
  type DoctorContext,
} from '../../../src/doctor/index.js';
import { unitClientConfig } from '../../helpers/unit-clients.js';

const region = 'us-west-2';
const ec2Mock = mockClient(EC2Client);
const eksMock = mockClient(EKSClient);
const stsMock = mockClient(STSClient);

let clients: AwsClients;
beforeEach(() => {
  ec2Mock.reset();
  eksMock.reset();
  stsMock.reset();
  const config = unitClientConfig(region);
  clients = {
    region,
    cloudFormation: new CloudFormationClient(config),
    ec2: new EC2Client(config),
    eks: new EKSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    iam: new IAMClient(config),
    sts: new STSClient(config),
  };
});
afterEach(() => {
  for (const c of [clients.cloudFormation, clients.ec2, clients.eks, clients.elbv2, clients.iam, clients.sts])
    c.destroy();
});

const MINIMAL = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: private-cluster, region: us-west-2}
privateCluster:
  enabled: true
  additionalEndpointServices: [logs]
managedNodeGroups:
  - {name: m1, privateNetworking: true}
`;

function context(overrides: Partial<Parameters<typeof createDoctorContext>[0]> = {}): DoctorContext {
  const loaded = loadConfig({ text: MINIMAL, file: 'test.yaml', env: {} });
  if (loaded.config === undefined) throw new Error(JSON.stringify(loaded.problems));
  return createDoctorContext({ region, config: loaded.config, env: {}, clients, ...overrides });
}

// DescribeAvailabilityZones output (EC2 API reference, AvailabilityZone): us-west-2's zone ids as moto and AWS list them.
const zones = {
  AvailabilityZones: [
    { ZoneName: 'us-west-2a', ZoneId: 'usw2-az2', ZoneType: 'availability-zone', State: 'available' as const },
    { ZoneName: 'us-west-2b', ZoneId: 'usw2-az1', ZoneType: 'availability-zone', State: 'available' as const },
    { ZoneName: 'us-west-2c', ZoneId: 'usw2-az3', ZoneType: 'availability-zone', State: 'available' as const },
  ],
};

/** DescribeVpcEndpointServices ServiceDetail (EC2 API reference, ServiceDetail); s3 listed twice as AWS does. */
function serviceDetails(
  names: readonly string[],
  zonesOf: (name: string) => string[] = () => ['us-west-2a', 'us-west-2b', 'us-west-2c'],
) {
  return names.flatMap((name) => {
    const types = name.endsWith('.s3') ? ['Interface', 'Gateway'] : ['Interface'];
    return types.map((t) => ({
      ServiceName: name,
      ServiceType: [{ ServiceType: t as 'Interface' | 'Gateway' }],
      AvailabilityZones: zonesOf(name),
    }));
  });
}

/** EC2's answer to an unknown name in ServiceNames (seen on moto and AWS): the whole call fails. */
const invalidServiceName = (name: string) =>
  new EC2ServiceException({
    name: 'InvalidServiceName',
    $fault: 'client',
    message: `The Vpc Endpoint Service '${name}' does not exist`,
    $metadata: { httpStatusCode: 400 },
  });

describe('region', () => {
  it('fails with V20 when AWS rejects a required endpoint service name', async () => {
    ec2Mock.on(DescribeAvailabilityZonesCommand).resolves(zones);
    ec2Mock.on(DescribeVpcEndpointServicesCommand).callsFake((input: { ServiceNames?: string[] }) => {
      const names = input.ServiceNames ?? [];
      if (names.includes('com.amazonaws.us-west-2.ecr.dkr'))
        throw invalidServiceName('com.amazonaws.us-west-2.ecr.dkr');
      return { ServiceDetails: serviceDetails(names) };
    });
    const outcome = await regionCheck.run(context());
    expect(outcome.status).toBe('fail');
    expect(outcome.detail).toBe(
      'fully-private clusters are not supported in region "us-west-2": required endpoint service(s) not offered: ecr.dkr (V20)',
    );
    expect(outcome.fix).toBe('choose another region');
  });

  it('fails when s3 is offered only as an Interface endpoint (a Gateway is required)', async () => {
    ec2Mock.on(DescribeAvailabilityZonesCommand).resolves(zones);
    ec2Mock.on(DescribeVpcEndpointServicesCommand).callsFake((input: { ServiceNames?: string[] }) => ({
      ServiceDetails: serviceDetails(input.ServiceNames ?? []).filter(
        (d) => d.ServiceType[0]?.ServiceType !== 'Gateway',
      ),
    }));
    const outcome = await regionCheck.run(context());
    expect(outcome.status).toBe('fail');
    expect(outcome.detail).toContain('not offered: s3');
  });

  it('fails when the region has no available zone', async () => {
    ec2Mock.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [] });
    expect(await regionCheck.run(context())).toEqual({
      status: 'fail',
      detail: 'AWS lists no available zone in region "us-west-2"',
      fix: 'choose another region',
    });
  });
});

describe('endpoint-services', () => {
  it('warns when a service is not offered in every cluster zone, naming the zone', async () => {
    ec2Mock.on(DescribeAvailabilityZonesCommand).resolves(zones);
    ec2Mock.on(DescribeVpcEndpointServicesCommand).callsFake((input: { ServiceNames?: string[] }) => ({
      ServiceDetails: serviceDetails(input.ServiceNames ?? [], (name) =>
        name.endsWith('.logs') ? ['us-west-2a', 'us-west-2b'] : ['us-west-2a', 'us-west-2b', 'us-west-2c'],
      ),
    }));
    const outcome = await endpointServicesCheck.run(
      context({ config: { ...context().config!, availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] } }),
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.detail).toContain('logs (Interface): us-west-2a, us-west-2b; not in us-west-2c');
    expect(outcome.fix).toContain('logs not offered in every cluster zone');
  });
});

describe('credentials', () => {
  it('fails on an expired session with the credentials hint', async () => {
    // STS error shape (awsQuery): ExpiredToken, HTTP 400 (STS API reference, Common Errors).
    stsMock.on(GetCallerIdentityCommand).rejects(
      new STSServiceException({
        name: 'ExpiredToken',
        $fault: 'client',
        message: 'The security token included in the request is expired',
        $metadata: { httpStatusCode: 400, requestId: 'r-1' },
      }),
    );
    const outcome = await credentialsCheck.run(context());
    expect(outcome.status).toBe('fail');
    expect(outcome.detail).toBe(
      'sts:GetCallerIdentity failed: ExpiredToken: The security token included in the request is expired',
    );
    expect(outcome.fix).toMatch(/^configure AWS credentials/);
  });
});

describe('eks-api', () => {
  it('fails on a network error and points at the eks endpoint for runs inside the VPC', async () => {
    eksMock
      .on(ListClustersCommand)
      .rejects(Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT', $metadata: {} }));
    const outcome = await eksApiCheck.run(context());
    expect(outcome.status).toBe('fail');
    expect(outcome.detail).toBe(
      'eks:ListClusters failed: Error: connect ETIMEDOUT 10.0.0.1:443 (https://eks.us-west-2.amazonaws.com)',
    );
    expect(outcome.fix).toContain('the "eks" interface endpoint (privateCluster.additionalEndpointServices: [eks])');
  });

  it('names the endpoint the SDK uses when AWS_ENDPOINT_URL is set', async () => {
    eksMock.on(ListClustersCommand).resolves({ clusters: [] });
    const outcome = await eksApiCheck.run(context({ env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' } }));
    expect(outcome).toEqual({ status: 'ok', detail: 'the EKS API answers at http://127.0.0.1:5000' });
  });
});

describe('cluster-endpoint', () => {
  // DescribeCluster output (EKS API reference, Cluster): only the fields the check reads.
  const cluster = (
    over: { endpointPublicAccess?: boolean; endpoint?: string; status?: 'ACTIVE' | 'CREATING' } = {},
  ) => ({
    cluster: {
      name: 'private-cluster',
      status: over.status ?? 'ACTIVE',
      ...(over.endpoint === undefined && over.status === 'CREATING'
        ? {}
        : { endpoint: over.endpoint ?? 'https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com' }),
      resourcesVpcConfig: { endpointPublicAccess: over.endpointPublicAccess ?? false, endpointPrivateAccess: true },
    },
  });
  const toLoopback = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);

  it('is ok when the cluster does not exist yet', async () => {
    eksMock.on(DescribeClusterCommand).rejects(
      Object.assign(new Error('No cluster found for name: private-cluster.'), {
        name: 'ResourceNotFoundException',
        $fault: 'client',
        $metadata: { httpStatusCode: 404 },
      }),
    );
    expect(await clusterEndpointCheck.run(context())).toEqual({
      status: 'ok',
      detail: 'cluster "private-cluster" not created yet',
    });
  });

  it('warns while the cluster has no endpoint yet', async () => {
    eksMock.on(DescribeClusterCommand).resolves(cluster({ status: 'CREATING' }));
    const outcome = await clusterEndpointCheck.run(context());
    expect(outcome.status).toBe('warn');
    expect(outcome.detail).toContain('is CREATING and has no API endpoint yet');
  });

  it('warns when the endpoint resolves but nothing answers on the port', async () => {
    eksMock.on(DescribeClusterCommand).resolves(cluster());
    const closed = await closedPort();
    const outcome = await clusterEndpointCheck.run(
      context({ network: { lookup: toLoopback, apiPort: closed, timeoutMs: 1000 } }),
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.detail).toContain(
      `resolves to 127.0.0.1 but port ${closed} does not answer within 1 s (ECONNREFUSED`,
    );
    expect(outcome.fix).toContain('cluster security group must admit TCP 443');
  });

  it('warns about public access left on, with the command that switches it off', async () => {
    eksMock.on(DescribeClusterCommand).resolves(cluster({ endpointPublicAccess: true }));
    const listener = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    try {
      const port = (listener.address() as net.AddressInfo).port;
      const outcome = await clusterEndpointCheck.run(context({ network: { lookup: toLoopback, apiPort: port } }));
      expect(outcome.status).toBe('warn');
      expect(outcome.detail).toContain('answers on port');
      expect(outcome.detail).toContain(
        '(public access on, private access on); a fully-private cluster should have public access off',
      );
      expect(outcome.fix).toContain(
        'aws eks update-cluster-config --name private-cluster --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true',
      );
    } finally {
      listener.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
