import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import {
  DeleteSecurityGroupCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { deleteCluster } from '../../../src/deploy/delete-cluster.js';
import { deleteSummary } from '../../../src/cli/render/output.js';
import { FakeClock } from './fakes.js';
import {
  cfnMock,
  CLUSTER_STACK,
  ec2Mock,
  eksMock,
  M1_STACK,
  mockedClients,
  NG1_STACK,
  resetMocks,
} from './create-scenarios.js';
import { awsError, scriptStack } from './scripted-stack.js';

// Every test's ELBv2 client is mocked: by default the cluster has no load balancers or target groups.
const elbv2Mock = mockClient(ElasticLoadBalancingV2Client);
beforeEach(() => {
  elbv2Mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
  elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
});
afterEach(() => {
  resetMocks();
  elbv2Mock.reset();
});

const TAGS = { 'alpha.eksctl.io/cluster-name': 'private-cluster', 'private-eks.io/version': '0.1.0' };

// A cluster whose delete meets what SPEC §8 describes: a nodegroup stack that cannot be deleted, a
// security group an in-cluster controller made that is still used by a load balancer's ENI, and
// the cluster stack's VPC that therefore cannot go. Shapes: DescribeSecurityGroups /
// DescribeNetworkInterfaces outputs of @aws-sdk/client-ec2; the ENI description is what ELBv2 puts
// on its interfaces ("ELB app/<name>/<id>"); DependencyViolation is EC2's error code.
function scriptBlockedCluster(): void {
  scriptStack(cfnMock, {
    name: CLUSTER_STACK,
    tags: TAGS,
    existing: [{ status: 'CREATE_COMPLETE' }],
    outputs: { VPC: 'vpc-0abc' },
    afterDelete: [
      {
        status: 'DELETE_FAILED',
        events: [
          ['VPC', 'AWS::EC2::VPC', 'DELETE_FAILED', "The vpc 'vpc-0abc' has dependencies and cannot be deleted."],
        ],
      },
    ],
  });
  scriptStack(cfnMock, {
    name: NG1_STACK,
    tags: TAGS,
    existing: [{ status: 'CREATE_COMPLETE' }],
    afterDelete: [{ status: 'DELETE_IN_PROGRESS' }, { status: 'DELETE_COMPLETE' }],
  });
  scriptStack(cfnMock, {
    name: M1_STACK,
    tags: TAGS,
    existing: [{ status: 'CREATE_COMPLETE' }],
    afterDelete: [
      {
        status: 'DELETE_FAILED',
        events: [
          [
            'ManagedNodeGroup',
            'AWS::EKS::Nodegroup',
            'DELETE_FAILED',
            'Nodegroup m1 failed to delete: Ec2SecurityGroupDeletionFailure',
          ],
        ],
      },
    ],
  });
  eksMock
    .on(DescribeClusterCommand)
    .rejects(awsError('ResourceNotFoundException', 'No cluster found for name: private-cluster.', 404));
  ec2Mock.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [
      {
        GroupId: 'sg-0lb',
        GroupName: 'k8s-default-web-1a2b3c',
        VpcId: 'vpc-0abc',
        Tags: [{ Key: 'elbv2.k8s.aws/cluster', Value: 'private-cluster' }],
      },
    ],
  });
  const eni = {
    NetworkInterfaceId: 'eni-0lb',
    Description: 'ELB app/k8s-default-web-1a2b3c/0123456789abcdef',
    Groups: [{ GroupId: 'sg-0lb', GroupName: 'k8s-default-web-1a2b3c' }],
  };
  ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [eni] });
  ec2Mock
    .on(DeleteSecurityGroupCommand)
    .rejects(awsError('DependencyViolation', 'resource sg-0lb has a dependent object'));
}

const deps = (force: boolean) => ({
  clients: mockedClients(),
  events: () => {},
  clock: new FakeClock(),
  force,
  wait: true,
  kubeconfigPath: false as const,
  reachable: () => Promise.resolve(false),
});

describe('deleteCluster', () => {
  it('--force goes past every error, deletes what it can and lists what is left', async () => {
    scriptBlockedCluster();
    const result = await deleteCluster({ cluster: 'private-cluster', region: 'us-west-2' }, deps(true));
    expect(result.outcome).toBe('partial');
    if (result.outcome !== 'partial') return;
    // Every stack delete was attempted, the cluster stack's too, despite the failures before it.
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(3);
    expect(result.deleted).toEqual([{ kind: 'stack', id: NG1_STACK }]);
    expect(result.leftovers).toEqual([
      {
        kind: 'stack',
        id: M1_STACK,
        reason: `stack ${M1_STACK} is DELETE_FAILED: ManagedNodeGroup (AWS::EKS::Nodegroup) DELETE_FAILED: Nodegroup m1 failed to delete: Ec2SecurityGroupDeletionFailure`,
      },
      {
        kind: 'stack',
        id: CLUSTER_STACK,
        reason: `stack ${CLUSTER_STACK} is DELETE_FAILED: VPC (AWS::EC2::VPC) DELETE_FAILED: The vpc 'vpc-0abc' has dependencies and cannot be deleted.`,
      },
      {
        kind: 'load-balancer',
        id: 'k8s-default-web-1a2b3c',
        reason: expect.stringContaining('aws elbv2 delete-load-balancer'),
      },
      {
        kind: 'security-group',
        id: 'sg-0lb',
        reason:
          'k8s-default-web-1a2b3c is in use by eni-0lb (ELB app/k8s-default-web-1a2b3c/0123456789abcdef): resource sg-0lb has a dependent object',
      },
    ]);
    const summary = deleteSummary(result, false);
    expect(summary).toContain('partly deleted (--force)');
    expect(summary).toContain('left behind:');
    expect(summary).toContain(`  - stack ${CLUSTER_STACK}: stack ${CLUSTER_STACK} is DELETE_FAILED`);
  });

  it('without --force stops at the first failure: the cluster stack is not touched', async () => {
    scriptBlockedCluster();
    const result = await deleteCluster({ cluster: 'private-cluster', region: 'us-west-2' }, deps(false));
    expect(result.outcome).toBe('failed');
    if (result.outcome !== 'failed') return;
    const deleted = cfnMock.commandCalls(DeleteStackCommand).map((c) => c.args[0].input.StackName);
    expect(deleted.some((id) => id?.includes(`/${CLUSTER_STACK}/`))).toBe(false);
    expect(deleted).toHaveLength(2);
    expect(result.failures.map((f) => f.stepId).sort()).toEqual(['nodegroup/m1']);
  });

  it('a DescribeCluster that keeps failing does not stop the delete of the stacks it found', async () => {
    for (const name of [CLUSTER_STACK, NG1_STACK, M1_STACK]) {
      scriptStack(cfnMock, {
        name,
        tags: TAGS,
        existing: [{ status: 'CREATE_COMPLETE' }],
        outputs: name === CLUSTER_STACK ? { VPC: 'vpc-0abc' } : {},
        afterDelete: [{ status: 'DELETE_COMPLETE' }],
      });
    }
    // EKS's 503 shape (restJson1): what is left after the SDK's own retries.
    eksMock.on(DescribeClusterCommand).rejects(awsError('ServiceUnavailableException', 'Service Unavailable', 503));
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    const result = await deleteCluster({ cluster: 'private-cluster', region: 'us-west-2' }, deps(true));
    expect(result.outcome).toBe('deleted');
    expect(result.notes.join('\n')).toContain('could not describe the cluster');
    const deleted = cfnMock.commandCalls(DeleteStackCommand).map((c) => c.args[0].input.StackName ?? '');
    expect(deleted.some((id) => id.includes(`/${CLUSTER_STACK}/`))).toBe(true);
  });

  it('with no stack found, a failing DescribeCluster is the error reported', async () => {
    scriptStack(cfnMock, {
      name: 'eksctl-other-cluster',
      tags: { 'alpha.eksctl.io/cluster-name': 'other' },
      existing: [{ status: 'CREATE_COMPLETE' }],
    });
    eksMock.on(DescribeClusterCommand).rejects(awsError('ServiceUnavailableException', 'Service Unavailable', 503));
    await expect(deleteCluster({ cluster: 'private-cluster', region: 'us-west-2' }, deps(true))).rejects.toThrow(
      'eks:DescribeCluster',
    );
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('a cluster that does not exist is a clear error', async () => {
    cfnMock.on(DeleteStackCommand).resolves({});
    scriptStack(cfnMock, {
      name: 'eksctl-other-cluster',
      tags: { 'alpha.eksctl.io/cluster-name': 'other' },
      existing: [{ status: 'CREATE_COMPLETE' }],
    });
    eksMock.on(DescribeClusterCommand).rejects(awsError('ResourceNotFoundException', 'No cluster found', 404));
    await expect(deleteCluster({ cluster: 'private-cluster', region: 'us-west-2' }, deps(false))).rejects.toThrow(
      'no cluster named "private-cluster" in us-west-2',
    );
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });
  it("deletes the cluster's load balancers after the nodegroups, then its security groups (rules naming them first), then the cluster stack", async () => {
    for (const name of [CLUSTER_STACK, NG1_STACK, M1_STACK]) {
      scriptStack(cfnMock, {
        name,
        tags: TAGS,
        existing: [{ status: 'CREATE_COMPLETE' }],
        ...(name === CLUSTER_STACK ? { outputs: { VPC: 'vpc-0abc' } } : {}),
        afterDelete: [{ status: 'DELETE_COMPLETE' }],
      });
    }
    eksMock.on(DescribeClusterCommand).rejects(awsError('ResourceNotFoundException', 'No cluster found', 404));
    // An ALB the AWS Load Balancer Controller made (ELBv2 API reference shapes), its target group
    // and its security group; a user's security group tagged `shared` for the cluster stays.
    const arn =
      'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/k8s-default-web-1a2b3c/0123456789abcdef';
    const tgArn = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/k8s-default-web-80/73e2d6bc24d8a067';
    let lbGone = false;
    elbv2Mock.on(DescribeLoadBalancersCommand).callsFake((input: { LoadBalancerArns?: string[] }) => {
      if (lbGone && input.LoadBalancerArns !== undefined) throw awsError('LoadBalancerNotFoundException', 'not found');
      return {
        LoadBalancers: [{ LoadBalancerArn: arn, LoadBalancerName: 'k8s-default-web-1a2b3c', VpcId: 'vpc-0abc' }],
      };
    });
    elbv2Mock.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [{ TargetGroupArn: tgArn, TargetGroupName: 'k8s-default-web-80', VpcId: 'vpc-0abc' }],
    });
    elbv2Mock.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((a) => ({
        ResourceArn: a,
        Tags: [{ Key: 'elbv2.k8s.aws/cluster', Value: 'private-cluster' }],
      })),
    }));
    elbv2Mock.on(DeleteLoadBalancerCommand).callsFake(() => {
      lbGone = true;
      return {};
    });
    elbv2Mock.on(DeleteTargetGroupCommand).resolves({});
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    // The controller's shared backend group, which a rule it added to the EKS cluster security
    // group still names: that rule must go first, or EC2 refuses the delete (DependencyViolation).
    const backend = {
      GroupId: 'sg-0backend',
      GroupName: 'k8s-traffic-privatecluster-1a2b3c',
      Tags: [
        { Key: 'elbv2.k8s.aws/cluster', Value: 'private-cluster' },
        { Key: 'elbv2.k8s.aws/resource', Value: 'backend-sg' },
      ],
    };
    const shared = {
      GroupId: 'sg-0shared',
      GroupName: 'team-nodes',
      Tags: [{ Key: 'kubernetes.io/cluster/private-cluster', Value: 'shared' }],
    };
    const clusterGroup = { GroupId: 'sg-0cluster', GroupName: 'eks-cluster-sg-private-cluster-1234567890' };
    ec2Mock
      .on(DescribeSecurityGroupsCommand)
      .callsFake((input: { Filters?: { Name?: string; Values?: string[] }[] }) => {
        const filter = input.Filters?.find((f) => f.Name !== 'vpc-id');
        if (filter?.Name === 'ip-permission.group-id')
          return { SecurityGroups: filter.Values?.includes('sg-0backend') ? [clusterGroup] : [] };
        if (filter?.Name === 'egress.ip-permission.group-id') return { SecurityGroups: [] };
        return { SecurityGroups: [backend, shared] };
      });
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        { SecurityGroupRuleId: 'sgr-0all', GroupId: 'sg-0cluster', IsEgress: true, CidrIpv4: '0.0.0.0/0' },
        {
          SecurityGroupRuleId: 'sgr-0backend',
          GroupId: 'sg-0cluster',
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 0,
          ToPort: 65535,
          ReferencedGroupInfo: { GroupId: 'sg-0backend', UserId: '123456789012' },
        },
      ],
    });
    const ec2Order: string[] = [];
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .callsFake((input: { GroupId: string; SecurityGroupRuleIds: string[] }) => {
        ec2Order.push(`revoke ${input.GroupId} ${input.SecurityGroupRuleIds.join(',')}`);
        return { Return: true };
      });
    ec2Mock.on(DeleteSecurityGroupCommand).callsFake((input: { GroupId: string }) => {
      ec2Order.push(`delete ${input.GroupId}`);
      return {};
    });

    const result = await deleteCluster({ cluster: 'private-cluster', region: 'us-west-2' }, deps(false));
    expect(result.outcome).toBe('deleted');
    // In the order they were done: the nodegroups in parallel, then the rest one after another.
    expect(result.deleted.slice(2)).toEqual([
      { kind: 'load-balancer', id: 'k8s-default-web-1a2b3c' },
      { kind: 'target-group', id: 'k8s-default-web-80' },
      { kind: 'security-group', id: 'sg-0backend' },
      { kind: 'stack', id: CLUSTER_STACK },
    ]);
    expect(
      result.deleted
        .slice(0, 2)
        .map((d) => d.id)
        .sort(),
    ).toEqual([M1_STACK, NG1_STACK].sort());
    // The `shared` group stays; only the rule naming the backend group is revoked, before its delete.
    expect(ec2Order).toEqual(['revoke sg-0cluster sgr-0backend', 'delete sg-0backend']);
  });
});
