/**
 * A supplied VPC's shared endpoints stack (src/plan/shared-endpoints.ts): what a create puts in it
 * when another cluster's endpoints are already there — grown to this cluster's zones and route
 * tables, the other cluster's extra services kept — and where endpoints of other origins stay.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/index.js';
import type { Plan } from '../../../src/plan/index.js';
import type { ExistingEndpoint } from '../../../src/plan/facts.js';
import { renderTemplates } from '../../../src/templates/index.js';
import { seedExistingVpcConfig } from '../../helpers/resolved-config.js';
import { memoryFacts, seedVpcData } from './memory-facts.js';

const B = 'subnet-0818beec303f8419b';
const C = 'subnet-0d42ef09490805e2a';
const D = 'subnet-0da7418077077c5f9';
const SHARED = 'private-eks-endpoints-vpc-1';

function endpoint(service: string, fields: Partial<ExistingEndpoint> = {}): ExistingEndpoint & { vpcId: string } {
  const gateway = service === 's3';
  return {
    vpcId: 'vpc-1',
    id: `vpce-${service.replace('.', '')}`,
    serviceName: `com.amazonaws.us-west-2.${service}`,
    type: gateway ? 'Gateway' : 'Interface',
    state: 'available',
    subnetIds: [],
    routeTableIds: [],
    privateDnsEnabled: !gateway,
    ...fields,
  };
}

async function planWith(endpoints: (ExistingEndpoint & { vpcId: string })[]): Promise<Plan> {
  const result = await buildPlan(seedExistingVpcConfig(), memoryFacts('us-west-2', seedVpcData({ endpoints })));
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.plan!;
}

describe("a supplied VPC's shared endpoints stack", () => {
  it('a first cluster: every endpoint goes into the stack named after the VPC, created before the nodes', async () => {
    const plan = await planWith([]);
    expect(plan.sharedEndpoints?.stackName).toBe(SHARED);
    expect(plan.sharedEndpoints?.added).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts', 'autoscaling']);
    expect(plan.endpoints.every((e) => e.stack === SHARED && !e.reused)).toBe(true);
    expect(plan.stacks[0]).toMatchObject({ name: SHARED, kind: 'endpoints' });
    expect(plan.stacks[0]?.tags).toMatchObject({
      'private-eks.io/endpoints-vpc': 'vpc-1',
      'private-eks.io/endpoint-user/private-cluster': 'eksctl-private-cluster-cluster',
    });
    // Not the cluster's: delete must not take it with the cluster's stacks.
    expect(plan.stacks[0]?.tags['alpha.eksctl.io/cluster-name']).toBeUndefined();
    expect(plan.steps.find((s) => s.id === 'nodegroup/ng1')?.dependsOn).toEqual(['endpoints', 'cluster']);
    const templates = renderTemplates(plan);
    const cluster = templates.get('eksctl-private-cluster-cluster')!;
    expect(Object.values(cluster.Resources).some((r) => r.Type === 'AWS::EC2::VPCEndpoint')).toBe(false);
    expect(cluster.Resources['EndpointSecurityGroup']).toBeUndefined();
    expect(Object.keys(templates.get(SHARED)!.Resources).sort()).toEqual([
      'EndpointSecurityGroup',
      'VPCEndpointAUTOSCALING',
      'VPCEndpointEC2',
      'VPCEndpointECRAPI',
      'VPCEndpointECRDKR',
      'VPCEndpointS3',
      'VPCEndpointSTS',
    ]);
  });

  it("a second cluster: the stack's endpoints grow to its zones and route tables; the others' are kept", async () => {
    const inStack = { stackName: SHARED };
    const plan = await planWith([
      endpoint('ec2', { ...inStack, logicalId: 'VPCEndpointEC2', subnetIds: [B] }),
      endpoint('s3', { ...inStack, logicalId: 'VPCEndpointS3', routeTableIds: ['rtb-b'] }),
      endpoint('ssm', { ...inStack, logicalId: 'VPCEndpointSSM', subnetIds: [B] }),
    ]);
    expect(plan.sharedEndpoints?.added).toEqual(['ecr.api', 'ecr.dkr', 'sts', 'autoscaling']);
    const ec2 = plan.endpoints.find((e) => e.service === 'ec2')!;
    expect(ec2).toMatchObject({ reused: true, existingId: 'vpce-ec2', stack: SHARED });
    expect(ec2.availabilityZones).toEqual(['us-west-2b', 'us-west-2c', 'us-west-2d']);
    const shared = renderTemplates(plan).get(SHARED)!;
    expect(shared.Resources['VPCEndpointEC2']?.Properties['SubnetIds']).toEqual([B, C, D]);
    // The S3 gateway keeps its route table and gains this cluster's: never a second gateway.
    expect(shared.Resources['VPCEndpointS3']?.Properties['RouteTableIds']).toEqual(['rtb-b', 'rtb-c', 'rtb-d']);
    // Another cluster's extra service stays as it is.
    expect(shared.Resources['VPCEndpointSSM']?.Properties).toMatchObject({
      ServiceName: 'com.amazonaws.us-west-2.ssm',
      SubnetIds: [B],
    });
    expect(Object.values(shared.Resources).filter((r) => r.Type === 'AWS::EC2::VPCEndpoint')).toHaveLength(7);
  });

  it("endpoints the user made are used, never declared; a pre-sharing cluster's own stays in its stack", async () => {
    const plan = await planWith([
      endpoint('sts', { subnetIds: [B, C, D] }),
      endpoint('ec2', {
        stackName: 'eksctl-private-cluster-cluster',
        logicalId: 'VPCEndpointEC2',
        subnetIds: [B, C, D],
      }),
    ]);
    const sts = plan.endpoints.find((e) => e.service === 'sts')!;
    expect(sts).toMatchObject({ reused: true, existingId: 'vpce-sts' });
    expect(sts.stack).toBeUndefined();
    const ec2 = plan.endpoints.find((e) => e.service === 'ec2')!;
    expect(ec2).toMatchObject({ reused: false, stack: 'eksctl-private-cluster-cluster' });
    const templates = renderTemplates(plan);
    expect(templates.get('eksctl-private-cluster-cluster')!.Resources['VPCEndpointEC2']).toBeDefined();
    expect(templates.get(SHARED)!.Resources['VPCEndpointEC2']).toBeUndefined();
    expect(templates.get(SHARED)!.Resources['VPCEndpointSTS']).toBeUndefined();
  });
});
