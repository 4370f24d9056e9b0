/**
 * Live CloudFacts against recorded EC2 responses (aws-sdk-client-mock on a real EC2Client).
 *
 * Fixture shapes follow the SDK's output types (@aws-sdk/client-ec2 3.1169 dist-types/models:
 * AvailabilityZone, ServiceDetail, Vpc, VpcCidrBlockAssociation, Subnet, RouteTable,
 * RouteTableAssociation, Route, VpcEndpoint) and the values the EC2 API reference documents for
 * DescribeAvailabilityZones, DescribeVpcEndpointServices (s3 listed once per service type),
 * DescribeVpcs, DescribeVpcAttribute, DescribeSubnets, DescribeRouteTables (the main table's
 * association has Main: true and no SubnetId) and DescribeVpcEndpoints. Error names are the EC2
 * error codes (InvalidServiceName, InvalidVpcID.NotFound, InvalidSubnetID.NotFound).
 */
import {
  DescribeAvailabilityZonesCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import type { ServiceDetail } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError } from '../../../src/errors.js';
import { buildPlan, createLiveFacts } from '../../../src/plan/index.js';
import { seedExistingVpcConfig } from '../../helpers/resolved-config.js';

function ec2Error(name: string, message: string): EC2ServiceException {
  return new EC2ServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'req-0001' },
  });
}

const service = (name: string, type: 'Interface' | 'Gateway', zones: string[]): ServiceDetail => ({
  ServiceName: name,
  ServiceId: `vpce-svc-${name.length}`,
  ServiceType: [{ ServiceType: type }],
  AvailabilityZones: zones,
  Owner: 'amazon',
  VpcEndpointPolicySupported: true,
});

const ZONES = ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d'];

describe('createLiveFacts', () => {
  const client = new EC2Client({ region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const ec2 = mockClient(client);
  const facts = createLiveFacts({ ec2: client });

  beforeEach(() => ec2.reset());
  afterEach(() => ec2.reset());

  it('is live', () => {
    expect(facts.offline).toBe(false);
  });

  it('availabilityZones: name, id, type and state of every zone', async () => {
    ec2.on(DescribeAvailabilityZonesCommand).resolves({
      AvailabilityZones: [
        {
          ZoneName: 'us-west-2a',
          ZoneId: 'usw2-az2',
          ZoneType: 'availability-zone',
          State: 'available',
          RegionName: 'us-west-2',
        },
        {
          ZoneName: 'us-west-2-lax-1a',
          ZoneId: 'usw2-lax1-az1',
          ZoneType: 'local-zone',
          State: 'available',
          RegionName: 'us-west-2',
        },
      ],
    });
    expect(await facts.availabilityZones('us-west-2')).toEqual([
      { name: 'us-west-2a', zoneId: 'usw2-az2', zoneType: 'availability-zone', state: 'available' },
      { name: 'us-west-2-lax-1a', zoneId: 'usw2-lax1-az1', zoneType: 'local-zone', state: 'available' },
    ]);
  });

  describe('endpointServices', () => {
    const names = ['com.amazonaws.us-west-2.ec2', 'com.amazonaws.us-west-2.s3', 'com.amazonaws.us-west-2.eks'];

    it('one paginated lookup; s3 listed per type is merged; an unlisted name is missing', async () => {
      ec2
        .on(DescribeVpcEndpointServicesCommand, { NextToken: undefined })
        .resolves({
          ServiceDetails: [service(names[0]!, 'Interface', ZONES), service(names[1]!, 'Gateway', ZONES)],
          NextToken: 'page-2',
        })
        .on(DescribeVpcEndpointServicesCommand, { NextToken: 'page-2' })
        .resolves({ ServiceDetails: [service(names[1]!, 'Interface', ['us-west-2a', 'us-west-2b'])] });
      const lookup = await facts.endpointServices('us-west-2', names);
      expect(lookup).toEqual({
        found: [
          { serviceName: names[0], types: ['Interface'], availabilityZones: ZONES },
          { serviceName: names[1], types: ['Interface', 'Gateway'], availabilityZones: ZONES },
        ],
        missing: [names[2]],
      });
      const calls = ec2.commandCalls(DescribeVpcEndpointServicesCommand);
      expect(calls.map((c) => c.args[0].input)).toEqual([
        { ServiceNames: names },
        { ServiceNames: names, NextToken: 'page-2' },
      ]);
    });

    it('InvalidServiceName rejects the whole call: each name is asked alone to find the rejected ones', async () => {
      ec2
        .on(DescribeVpcEndpointServicesCommand)
        .rejects(
          ec2Error('InvalidServiceName', "The Vpc Endpoint Service 'com.amazonaws.us-west-2.eks' does not exist"),
        )
        .on(DescribeVpcEndpointServicesCommand, { ServiceNames: [names[0]!] })
        .resolves({ ServiceDetails: [service(names[0]!, 'Interface', ZONES)] })
        .on(DescribeVpcEndpointServicesCommand, { ServiceNames: [names[1]!] })
        .resolves({ ServiceDetails: [service(names[1]!, 'Gateway', ZONES)] });
      const lookup = await facts.endpointServices('us-west-2', names);
      expect(lookup.found.map((f) => f.serviceName)).toEqual([names[0], names[1]]);
      expect(lookup.missing).toEqual([names[2]]);
      expect(ec2.commandCalls(DescribeVpcEndpointServicesCommand)).toHaveLength(4);
    });

    it('other errors become AwsCallError naming the operation, with the request id', async () => {
      ec2.on(DescribeVpcEndpointServicesCommand).rejects(ec2Error('UnauthorizedOperation', 'You are not authorized'));
      const error = await facts.endpointServices('us-west-2', names).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ operation: 'ec2:DescribeVpcEndpointServices', requestId: 'req-0001' });
      expect((error as AwsCallError).message).toContain('UnauthorizedOperation');
    });

    it('asks nothing for no names', async () => {
      expect(await facts.endpointServices('us-west-2', [])).toEqual({ found: [], missing: [] });
      expect(ec2.calls()).toHaveLength(0);
    });
  });

  describe('describeVpc', () => {
    it('primary CIDR first, associated ones after (not disassociated ones); both DNS attributes', async () => {
      ec2.on(DescribeVpcsCommand).resolves({
        Vpcs: [
          {
            VpcId: 'vpc-1',
            CidrBlock: '10.0.0.0/16',
            State: 'available',
            CidrBlockAssociationSet: [
              { AssociationId: 'a1', CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
              { AssociationId: 'a2', CidrBlock: '100.64.0.0/16', CidrBlockState: { State: 'associated' } },
              { AssociationId: 'a3', CidrBlock: '172.16.0.0/16', CidrBlockState: { State: 'disassociated' } },
            ],
          },
        ],
      });
      ec2
        .on(DescribeVpcAttributeCommand, { Attribute: 'enableDnsSupport' })
        .resolves({ VpcId: 'vpc-1', EnableDnsSupport: { Value: true } })
        .on(DescribeVpcAttributeCommand, { Attribute: 'enableDnsHostnames' })
        .resolves({ VpcId: 'vpc-1', EnableDnsHostnames: { Value: false } });
      expect(await facts.describeVpc('us-west-2', 'vpc-1')).toEqual({
        id: 'vpc-1',
        cidrs: ['10.0.0.0/16', '100.64.0.0/16'],
        enableDnsSupport: true,
        enableDnsHostnames: false,
      });
    });

    it('associated IPv6 blocks (IPv6 clusters), not the ones being disassociated', async () => {
      ec2.on(DescribeVpcsCommand).resolves({
        Vpcs: [
          {
            VpcId: 'vpc-1',
            CidrBlock: '10.0.0.0/16',
            Ipv6CidrBlockAssociationSet: [
              {
                AssociationId: 'v6-1',
                Ipv6CidrBlock: '2600:1f14:abc:d00::/56',
                Ipv6CidrBlockState: { State: 'associated' },
              },
              {
                AssociationId: 'v6-2',
                Ipv6CidrBlock: '2600:1f14:abc:e00::/56',
                Ipv6CidrBlockState: { State: 'disassociating' },
              },
            ],
          },
        ],
      });
      ec2.on(DescribeVpcAttributeCommand).resolves({ EnableDnsSupport: { Value: true } });
      expect((await facts.describeVpc('us-west-2', 'vpc-1')).ipv6Cidrs).toEqual(['2600:1f14:abc:d00::/56']);
    });

    it('InvalidVpcID.NotFound is an AwsCallError with a hint', async () => {
      ec2.on(DescribeVpcsCommand).rejects(ec2Error('InvalidVpcID.NotFound', "The vpc ID 'vpc-9' does not exist"));
      const error = await facts.describeVpc('us-west-2', 'vpc-9').catch((e: unknown) => e);
      expect(error).toMatchObject({
        operation: 'ec2:DescribeVpcs',
        hint: 'check vpc.id and that the VPC is in region us-west-2',
      });
    });
  });

  describe('describeSubnets', () => {
    const subnet = (id: string, az: string, cidr: string) => ({
      SubnetId: id,
      VpcId: 'vpc-1',
      AvailabilityZone: az,
      AvailabilityZoneId: 'usw2-az1',
      CidrBlock: cidr,
      MapPublicIpOnLaunch: false,
      State: 'available' as const,
    });

    it('by id: one call without MaxResults', async () => {
      ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [subnet('subnet-1', 'us-west-2b', '10.0.0.0/24')] });
      expect(await facts.describeSubnets('us-west-2', { ids: ['subnet-1'] })).toEqual([
        {
          id: 'subnet-1',
          vpcId: 'vpc-1',
          availabilityZone: 'us-west-2b',
          availabilityZoneId: 'usw2-az1',
          cidr: '10.0.0.0/24',
          mapPublicIpOnLaunch: false,
        },
      ]);
      expect(ec2.commandCalls(DescribeSubnetsCommand)[0]?.args[0].input).toEqual({ SubnetIds: ['subnet-1'] });
    });

    it("a subnet's associated IPv6 block and whether it assigns IPv6 addresses on launch", async () => {
      ec2.on(DescribeSubnetsCommand).resolves({
        Subnets: [
          {
            ...subnet('subnet-1', 'us-west-2b', '10.0.0.0/24'),
            AssignIpv6AddressOnCreation: true,
            Ipv6CidrBlockAssociationSet: [
              {
                AssociationId: 's6-1',
                Ipv6CidrBlock: '2600:1f14:abc:d01::/64',
                Ipv6CidrBlockState: { State: 'associated' },
              },
              {
                AssociationId: 's6-0',
                Ipv6CidrBlock: '2600:1f14:abc:d02::/64',
                Ipv6CidrBlockState: { State: 'disassociated' },
              },
            ],
          },
        ],
      });
      expect(await facts.describeSubnets('us-west-2', { ids: ['subnet-1'] })).toMatchObject([
        { id: 'subnet-1', ipv6Cidrs: ['2600:1f14:abc:d01::/64'], assignIpv6AddressOnCreation: true },
      ]);
    });

    it('an unknown id fails the call: each id is asked alone and the unknown ones left out', async () => {
      ec2
        .on(DescribeSubnetsCommand)
        .rejects(ec2Error('InvalidSubnetID.NotFound', "The subnet ID 'subnet-gone' does not exist"))
        .on(DescribeSubnetsCommand, { SubnetIds: ['subnet-1'] })
        .resolves({ Subnets: [subnet('subnet-1', 'us-west-2b', '10.0.0.0/24')] });
      const subnets = await facts.describeSubnets('us-west-2', { ids: ['subnet-1', 'subnet-gone'] });
      expect(subnets.map((s) => s.id)).toEqual(['subnet-1']);
    });

    it('by VPC: paginated with a vpc-id filter', async () => {
      ec2
        .on(DescribeSubnetsCommand, { NextToken: undefined })
        .resolves({ Subnets: [subnet('subnet-1', 'us-west-2b', '10.0.0.0/24')], NextToken: 't2' })
        .on(DescribeSubnetsCommand, { NextToken: 't2' })
        .resolves({ Subnets: [subnet('subnet-2', 'us-west-2c', '10.0.1.0/24')] });
      const subnets = await facts.describeSubnets('us-west-2', { vpcId: 'vpc-1' });
      expect(subnets.map((s) => s.id)).toEqual(['subnet-1', 'subnet-2']);
      expect(ec2.commandCalls(DescribeSubnetsCommand)[0]?.args[0].input).toMatchObject({
        Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }],
      });
    });
  });

  it('describeRouteTables: the main flag, explicit subnet associations and routes', async () => {
    ec2.on(DescribeRouteTablesCommand).resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-main',
          VpcId: 'vpc-1',
          Associations: [
            {
              Main: true,
              RouteTableAssociationId: 'rtbassoc-1',
              RouteTableId: 'rtb-main',
              AssociationState: { State: 'associated' },
            },
          ],
          Routes: [
            { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
          ],
        },
        {
          RouteTableId: 'rtb-1',
          VpcId: 'vpc-1',
          Associations: [
            { Main: false, SubnetId: 'subnet-1', RouteTableId: 'rtb-1', AssociationState: { State: 'associated' } },
            {
              Main: false,
              SubnetId: 'subnet-old',
              RouteTableId: 'rtb-1',
              AssociationState: { State: 'disassociated' },
            },
          ],
          Routes: [
            { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
            { DestinationPrefixListId: 'pl-68a54001', GatewayId: 'vpce-s3' },
            { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' },
          ],
        },
      ],
    });
    expect(await facts.describeRouteTables('us-west-2', 'vpc-1')).toEqual([
      {
        id: 'rtb-main',
        vpcId: 'vpc-1',
        main: true,
        subnetIds: [],
        routes: [{ destinationCidr: '10.0.0.0/16', gatewayId: 'local' }],
      },
      {
        id: 'rtb-1',
        vpcId: 'vpc-1',
        main: false,
        subnetIds: ['subnet-1'],
        routes: [
          { destinationCidr: '10.0.0.0/16', gatewayId: 'local' },
          { destinationPrefixListId: 'pl-68a54001', gatewayId: 'vpce-s3' },
          { destinationCidr: '0.0.0.0/0', natGatewayId: 'nat-1' },
        ],
      },
    ]);
  });

  it('describeVpcEndpoints: id, service, type, state, subnets, route tables, private DNS', async () => {
    ec2.on(DescribeVpcEndpointsCommand).resolves({
      VpcEndpoints: [
        {
          VpcEndpointId: 'vpce-1',
          VpcEndpointType: 'Interface',
          VpcId: 'vpc-1',
          ServiceName: 'com.amazonaws.us-west-2.sts',
          // The SDK's enum spells it `Available`; EC2 and moto answer `available`: both are read.
          State: 'Available',
          SubnetIds: ['subnet-1'],
          PrivateDnsEnabled: true,
        },
        {
          VpcEndpointId: 'vpce-2',
          VpcEndpointType: 'GatewayLoadBalancer',
          VpcId: 'vpc-1',
          ServiceName: 'com.amazonaws.vpce.us-west-2.vpce-svc-1',
          State: 'Available',
        },
      ],
    });
    expect(await facts.describeVpcEndpoints('us-west-2', 'vpc-1')).toEqual([
      {
        id: 'vpce-1',
        serviceName: 'com.amazonaws.us-west-2.sts',
        type: 'Interface',
        state: 'available',
        subnetIds: ['subnet-1'],
        routeTableIds: [],
        privateDnsEnabled: true,
      },
    ]);
  });

  it('a whole plan for the seed’s supplied-VPC example over recorded responses', async () => {
    const ids = ['subnet-0818beec303f8419b', 'subnet-0d42ef09490805e2a', 'subnet-0da7418077077c5f9'];
    const zones = ['us-west-2b', 'us-west-2c', 'us-west-2d'];
    ec2
      .on(DescribeVpcEndpointServicesCommand)
      .resolves({
        ServiceDetails: [
          ...['ec2', 'ecr.api', 'ecr.dkr', 'sts', 'autoscaling'].map((s) =>
            service(`com.amazonaws.us-west-2.${s}`, 'Interface', ZONES),
          ),
          service('com.amazonaws.us-west-2.s3', 'Gateway', ZONES),
          service('com.amazonaws.us-west-2.s3', 'Interface', ZONES),
        ],
      })
      .on(DescribeSubnetsCommand)
      .resolves({
        Subnets: ids.map((id, i) => ({
          SubnetId: id,
          VpcId: 'vpc-1',
          AvailabilityZone: zones[i],
          CidrBlock: `10.0.${i}.0/24`,
        })),
      })
      .on(DescribeVpcsCommand)
      .resolves({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] })
      .on(DescribeVpcAttributeCommand)
      .resolves({ EnableDnsSupport: { Value: true }, EnableDnsHostnames: { Value: true } })
      .on(DescribeRouteTablesCommand)
      .resolves({
        RouteTables: [
          { RouteTableId: 'rtb-main', VpcId: 'vpc-1', Associations: [{ Main: true }], Routes: [] },
          {
            RouteTableId: 'rtb-shared',
            VpcId: 'vpc-1',
            Associations: ids.map((id) => ({ Main: false, SubnetId: id })),
            Routes: [],
          },
        ],
      })
      .on(DescribeVpcEndpointsCommand)
      .resolves({ VpcEndpoints: [] });
    const result = await buildPlan(seedExistingVpcConfig(), facts);
    expect(result.problems).toEqual([]);
    const plan = result.plan!;
    expect(plan.offline).toBe(false);
    expect(plan.vpc).toEqual({ id: 'vpc-1', cidrs: ['10.0.0.0/16'] });
    expect(plan.endpoints.map((e) => e.service)).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts', 'autoscaling']);
    expect(plan.endpoints.find((e) => e.service === 's3')?.routeTables).toEqual([{ id: 'rtb-shared' }]);
    expect(ec2.commandCalls(DescribeVpcEndpointServicesCommand)).toHaveLength(1);
    expect(ec2.commandCalls(DescribeAvailabilityZonesCommand)).toHaveLength(0);
  });
});
