/**
 * `get cluster` output formatting (the table and its columns) from ClusterSummary values, and the
 * region requirement. Listing real clusters is tested against the emulator
 * (test/integration/get.int.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { clustersTable } from '../../../src/cli/render/clusters-table.js';
import type { ClusterSummary } from '../../../src/deploy/get-clusters.js';
import { shortServiceName } from '../../../src/deploy/get-clusters.js';
import { runCliCaptured } from '../../helpers/cli.js';

const cluster: ClusterSummary = {
  name: 'private-cluster',
  region: 'us-west-2',
  createdBy: '0.1.0',
  stackStatus: 'CREATE_COMPLETE',
  status: 'ACTIVE',
  version: '1.34',
  endpoint: 'https://example.eks.amazonaws.com',
  endpointAccess: { publicAccess: true, privateAccess: true, publicAccessCidrs: ['203.0.113.0/24'] },
  vpcId: 'vpc-0abc',
  nodeGroups: [{ name: 'ng1', stackStatus: 'CREATE_COMPLETE' }],
  fargateStackStatus: null,
  vpcEndpoints: [
    {
      id: 'vpce-1',
      service: 'ecr.api',
      serviceName: 'com.amazonaws.us-west-2.ecr.api',
      type: 'Interface',
      state: 'available',
      zones: ['us-west-2a', 'us-west-2b'],
      subnetIds: ['subnet-a', 'subnet-b'],
      routeTableIds: [],
      privateDns: true,
      ownedByCluster: false,
      owner: 'private-eks-endpoints-vpc-0abc',
      users: ['other', 'private-cluster'],
    },
  ],
};

describe('get cluster (CLI)', () => {
  it('shows endpoint access with its CIDRs, and for one cluster its endpoints with zones and origin', () => {
    const table = clustersTable([cluster]);
    expect(table).toContain('clusters made by private-eks in us-west-2:');
    expect(table).toMatch(/private-cluster +1\.34 +ACTIVE +public\+private +vpc-0abc +ng1 +1/);
    expect(table).toContain('public API access from: 203.0.113.0/24');
    expect(table).toMatch(/ecr\.api +Interface +available +a,b +vpce-1 +private-eks-endpoints-vpc-0abc +other/);
    const byVpc = clustersTable([
      { ...cluster, vpcEndpoints: [{ ...cluster.vpcEndpoints[0]!, owner: null, users: [] }] },
    ]);
    expect(byVpc).toMatch(/vpce-1 +already there +-/);
    expect(clustersTable([])).toBe('no clusters made by private-eks in this region\n');
    // Two clusters: no endpoint table.
    expect(clustersTable([cluster, { ...cluster, name: 'other' }])).not.toContain('SERVICE');
    // A stack that is not settled shows next to EKS's status.
    expect(clustersTable([{ ...cluster, stackStatus: 'UPDATE_IN_PROGRESS' }])).toContain('ACTIVE (UPDATE_IN_PROGRESS)');
  });

  it('fits a 100-column terminal with real-length ids, names and all zones', () => {
    const wide: ClusterSummary = {
      ...cluster,
      name: 'payments-prod-eu',
      vpcId: 'vpc-0123456789abcdef0',
      endpointAccess: { publicAccess: false, privateAccess: true, publicAccessCidrs: [] },
      nodeGroups: [
        { name: 'system', stackStatus: 'CREATE_COMPLETE' },
        { name: 'workers', stackStatus: 'CREATE_COMPLETE' },
      ],
      vpcEndpoints: [
        {
          ...cluster.vpcEndpoints[0]!,
          id: 'vpce-0123456789abcdef0',
          service: 'secretsmanager',
          zones: ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d'],
          owner: 'eksctl-payments-prod-eu-cluster',
          ownedByCluster: true,
          users: ['payments-prod-eu'],
        },
        {
          ...cluster.vpcEndpoints[0]!,
          id: 'vpce-0fedcba9876543210',
          service: 's3',
          type: 'Gateway',
          zones: [],
          routeTableIds: ['rtb-1', 'rtb-2', 'rtb-3'],
          ownedByCluster: true,
          owner: 'eksctl-payments-prod-eu-cluster',
          users: ['payments-prod-eu'],
        },
      ],
    };
    const lines = clustersTable([wide]).trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines.join('\n')).toMatch(/secretsmanager +Interface +available +a,b,c,d +vpce-0123456789abcdef0/);
    expect(lines.join('\n')).toMatch(
      /s3 +Gateway +available +3 route table\(s\) +vpce-0fedcba9876543210 +cluster stack/,
    );
  });

  it('with --verify: the failed checks, each with its resource and fix', () => {
    const verified: ClusterSummary = {
      ...cluster,
      verification: {
        ok: false,
        findings: [
          { check: 'endpoint', status: 'ok', resource: 'vpce-1', message: 'available' },
          {
            check: 's3-route',
            status: 'fail',
            resource: 'rtb-1',
            message: 'route table rtb-1 has no route to S3',
            fix: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-9 --add-route-table-ids rtb-1',
          },
        ],
      },
    };
    expect(clustersTable([verified])).toContain(
      'verify private-cluster: 1 of 2 checks failed\n  rtb-1: route table rtb-1 has no route to S3\n    fix: aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-9 --add-route-table-ids rtb-1\n',
    );
  });

  it('names services after the region part of their endpoint service name, in every partition', () => {
    expect(shortServiceName('com.amazonaws.us-west-2.ecr.api')).toBe('ecr.api');
    expect(shortServiceName('cn.com.amazonaws.cn-north-1.ecr.dkr')).toBe('ecr.dkr');
    expect(shortServiceName('gov.ic.c2s.us-iso-east-1.ec2')).toBe('ec2');
    expect(shortServiceName('com.amazonaws.us-gov-west-1.s3')).toBe('s3');
  });

  it('needs a region (exit 2 without one)', async () => {
    const run = await runCliCaptured(['get', 'cluster'], { env: { AWS_REGION: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no AWS region');
  });
});
