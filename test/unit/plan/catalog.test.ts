/**
 * The built-in catalog: partitions (SPEC §5.2), the endpoint-service table (SPEC §5.1, §5.4) and
 * the offline facts built from it.
 */
import { describe, expect, it } from 'vitest';
import {
  CATALOG_ADDITIONAL_ENDPOINT_SERVICES,
  ENDPOINT_SERVICES,
  EKS_CAPACITY_EXCLUDED_ZONE_IDS,
  REQUIRED_ENDPOINT_SERVICES,
  createOfflineFacts,
  endpointLogicalId,
  endpointServiceName,
  knownRegions,
  offlineZoneNames,
  partitionOf,
} from '../../../src/plan/index.js';

describe('regions and partitions', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['ap-southeast-5', 'aws'],
    ['ap-southeast-6', 'aws'],
    ['ap-southeast-7', 'aws'],
    ['mx-central-1', 'aws'],
    ['ca-west-1', 'aws'],
    ['il-central-1', 'aws'],
    ['ap-east-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-iso-west-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['us-isof-east-1', 'aws-iso-f'],
    ['zz-nowhere-9', 'aws'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  it('every region appears once', () => {
    const names = knownRegions().map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(45);
  });

  it('offline zone names: catalog letters, else a..c', () => {
    expect(offlineZoneNames('us-east-1')).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
      'us-east-1d',
      'us-east-1e',
      'us-east-1f',
    ]);
    expect(offlineZoneNames('ca-central-1')).toEqual(['ca-central-1a', 'ca-central-1b', 'ca-central-1d']);
    expect(offlineZoneNames('us-iso-east-1')).toEqual(['us-iso-east-1a', 'us-iso-east-1b', 'us-iso-east-1c']);
  });

  it('the EKS capacity exclusions are the three SPEC §4 zone ids', () => {
    expect(EKS_CAPACITY_EXCLUDED_ZONE_IDS).toEqual(['use1-az3', 'usw1-az2', 'cac1-az3']);
  });
});

describe('endpoint services', () => {
  it('E1 is ec2, ecr.api, ecr.dkr, s3, sts; only s3 is a Gateway', () => {
    expect(REQUIRED_ENDPOINT_SERVICES).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts']);
    expect(ENDPOINT_SERVICES.filter((s) => s.type === 'Gateway').map((s) => s.name)).toEqual(['s3']);
  });

  it("additionalEndpointServices accepts eksctl's three then SPEC §5.4's thirteen", () => {
    expect(CATALOG_ADDITIONAL_ENDPOINT_SERVICES).toEqual([
      'autoscaling',
      'cloudformation',
      'logs',
      'eks',
      'eks-auth',
      'ssm',
      'ssmmessages',
      'ec2messages',
      'elasticloadbalancing',
      'ebs',
      'kms',
      'secretsmanager',
      'sqs',
      'xray',
      'aps-workspaces',
      'elasticfilesystem',
    ]);
    expect(ENDPOINT_SERVICES.every((s) => s.reason.length > 0 && !s.reason.includes('\n'))).toBe(true);
  });

  it('names and logical ids', () => {
    expect(endpointServiceName('aws-cn', 'cn-north-1', 'sts')).toBe('cn.com.amazonaws.cn-north-1.sts');
    expect(endpointServiceName('aws-cn', 'cn-north-1', 'autoscaling')).toBe('com.amazonaws.cn-north-1.autoscaling');
    expect(endpointServiceName('aws-iso-f', 'us-isof-east-1', 'execute-api')).toBe(
      'gov.ic.hci.csp.us-isof-east-1.execute-api',
    );
    expect(endpointLogicalId('ecr.dkr')).toBe('VPCEndpointECRDKR');
    expect(ENDPOINT_SERVICES.every((s) => /^VPCEndpoint[A-Z0-9]+$/.test(endpointLogicalId(s.name)))).toBe(true);
  });
});

describe('offline facts', () => {
  const facts = createOfflineFacts();

  it('are offline and list the catalog zones without ids', async () => {
    expect(facts.offline).toBe(true);
    expect(await facts.availabilityZones('ap-northeast-1')).toEqual(
      ['a', 'c', 'd'].map((l) => ({
        name: `ap-northeast-1${l}`,
        zoneId: null,
        zoneType: 'availability-zone',
        state: 'available',
      })),
    );
  });

  it('offer every catalog service in every zone under its partition name; other names are missing', async () => {
    const lookup = await facts.endpointServices('cn-north-1', [
      'cn.com.amazonaws.cn-north-1.ec2',
      'com.amazonaws.cn-north-1.ec2',
      'com.amazonaws.cn-north-1.s3',
    ]);
    expect(lookup.found).toEqual([
      {
        serviceName: 'cn.com.amazonaws.cn-north-1.ec2',
        types: ['Interface'],
        availabilityZones: ['cn-north-1a', 'cn-north-1b', 'cn-north-1d'],
      },
      {
        serviceName: 'com.amazonaws.cn-north-1.s3',
        types: ['Interface', 'Gateway'],
        availabilityZones: ['cn-north-1a', 'cn-north-1b', 'cn-north-1d'],
      },
    ]);
    expect(lookup.missing).toEqual(['com.amazonaws.cn-north-1.ec2']);
  });

  it('know nothing about a supplied VPC', async () => {
    expect(await facts.describeSubnets('us-west-2', { ids: ['subnet-1'] })).toEqual([]);
    expect(await facts.describeRouteTables('us-west-2', 'vpc-1')).toEqual([]);
    expect(await facts.describeVpcEndpoints('us-west-2', 'vpc-1')).toEqual([]);
    expect((await facts.describeVpc('us-west-2', 'vpc-1')).cidrs).toEqual([]);
  });
});

describe('one source of truth with the config layer', () => {
  it('V6 accepts exactly the catalog’s additional services, and E1 is what V6 calls always created', async () => {
    const config = await import('../../../src/config/index.js');
    expect(CATALOG_ADDITIONAL_ENDPOINT_SERVICES).toEqual(config.ADDITIONAL_ENDPOINT_SERVICES);
    expect(REQUIRED_ENDPOINT_SERVICES).toEqual(config.ALWAYS_CREATED_ENDPOINT_SERVICES);
  });

  it('the offline known gaps are the config layer’s V20 list', async () => {
    const config = await import('../../../src/config/index.js');
    const { OFFLINE_REGION_GAPS } = await import('../../../src/plan/index.js');
    expect(OFFLINE_REGION_GAPS).toBe(config.REGIONS_WITHOUT_PRIVATE_CLUSTERS);
    expect(OFFLINE_REGION_GAPS.map((g) => g.region)).toContain('eu-south-1');
  });
});
