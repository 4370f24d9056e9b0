/**
 * `delete cluster` removes what in-cluster controllers made for the cluster (SPEC §8 [beyond]),
 * against the emulator: after `create cluster`, load balancers, listeners, target groups and a
 * security group are made through the SDK the way the AWS Load Balancer Controller and the legacy
 * in-tree cloud provider make them (in the cluster's subnets, with their tags), and the delete must
 * leave nothing behind — the inventory now counts ELBv2 load balancers and target groups too.
 *
 * What moto 5.2 does differently from ELBv2 (seen; the unit tests in
 * test/unit/deploy/load-balancers.test.ts cover these paths with mocks): a load balancer gets no
 * network interfaces and is gone the moment DeleteLoadBalancer returns; deletion protection is not
 * enforced; an NLB's ARN says `app/`; a security group a load balancer uses can be deleted. A
 * Classic Load Balancer's interface (which moto does not make either) is made by hand where a test
 * needs one, with the description ELB gives it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  CreateSubnetCommand,
  DeleteNetworkInterfaceCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type Tag,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';

let moto: MotoServer;
let cfn: CloudFormationClient;
let ec2: EC2Client;
let elbv2: ElasticLoadBalancingV2Client;
let eks: EKSClient;
let work: string;

useMoto((started, client) => {
  moto = started;
  cfn = client(CloudFormationClient);
  ec2 = client(EC2Client);
  elbv2 = client(ElasticLoadBalancingV2Client);
  eks = client(EKSClient);
});
beforeEach(async () => {
  await moto.reset();
  work = mkdtempSync(path.join(os.tmpdir(), 'pe-delete-lb-'));
});

const env = (): NodeJS.ProcessEnv => ({ ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') });
const MINIMAL = path.join(repoRoot, 'examples/minimal.yaml');
const CLUSTER = 'private-cluster';
const controllerTags: Tag[] = [
  { Key: 'elbv2.k8s.aws/cluster', Value: CLUSTER },
  { Key: 'ingress.k8s.aws/stack', Value: 'default/web' },
];
const inTreeTags: Tag[] = [
  { Key: `kubernetes.io/cluster/${CLUSTER}`, Value: 'owned' },
  { Key: 'kubernetes.io/service-name', Value: 'default/api' },
];

async function createMinimal(): Promise<{ vpcId: string; subnets: string[] }> {
  const run = await runCliCaptured(['create', 'cluster', '-f', MINIMAL], { env: env() });
  expect(run.code, run.stderr).toBe(0);
  const out = await cfn.send(new DescribeStacksCommand({ StackName: `eksctl-${CLUSTER}-cluster` }));
  const outputs = new Map((out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue ?? '']));
  return { vpcId: outputs.get('VPC') as string, subnets: (outputs.get('SubnetsPrivate') ?? '').split(',') };
}

/** What the AWS Load Balancer Controller makes for an Ingress: a security group, an internal ALB, a target group, a listener. */
async function controllerAlb(vpcId: string, subnets: readonly string[]): Promise<{ groupId: string; tgArn: string }> {
  const group = await ec2.send(
    new CreateSecurityGroupCommand({
      VpcId: vpcId,
      GroupName: 'k8s-default-web-1a2b3c4d5e',
      Description: '[k8s] Managed SecurityGroup for LoadBalancer',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: controllerTags }],
    }),
  );
  const alb = await elbv2.send(
    new CreateLoadBalancerCommand({
      Name: 'k8s-default-web-1a2b3c4d5e',
      Type: 'application',
      Scheme: 'internal',
      Subnets: [...subnets],
      SecurityGroups: [group.GroupId as string],
      Tags: controllerTags,
    }),
  );
  const tg = await elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'k8s-default-web-80-0a1b2c',
      Protocol: 'HTTP',
      Port: 80,
      TargetType: 'ip',
      VpcId: vpcId,
      Tags: controllerTags,
    }),
  );
  const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn as string;
  await elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: alb.LoadBalancers?.[0]?.LoadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    }),
  );
  return { groupId: group.GroupId as string, tgArn };
}

/** What the legacy in-tree provider makes for a `service.beta.kubernetes.io/aws-load-balancer-type: nlb` Service. */
async function inTreeNlb(vpcId: string, subnets: readonly string[]): Promise<void> {
  const nlb = await elbv2.send(
    new CreateLoadBalancerCommand({
      Name: 'a0123456789abcdef0123456789abcde',
      Type: 'network',
      Scheme: 'internal',
      Subnets: [...subnets],
      Tags: inTreeTags,
    }),
  );
  const tg = await elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'k8s-default-api-7c0ffee123',
      Protocol: 'TCP',
      Port: 30080,
      TargetType: 'instance',
      VpcId: vpcId,
      Tags: inTreeTags,
    }),
  );
  await elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: nlb.LoadBalancers?.[0]?.LoadBalancerArn,
      Protocol: 'TCP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn }],
    }),
  );
}

const names = async (): Promise<{ loadBalancers: string[]; targetGroups: string[] }> => ({
  loadBalancers: ((await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [])
    .map((l) => l.LoadBalancerName ?? '')
    .sort(),
  targetGroups: ((await elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [])
    .map((t) => t.TargetGroupName ?? '')
    .sort(),
});

describe('delete cluster removes the load balancers controllers made (emulator)', () => {
  it('deletes the tagged ALB and NLB, their target groups and security groups; nothing of the cluster is left', async () => {
    // Someone else's load balancer in another VPC, tagged for a cluster of the same name: untouched.
    const otherVpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
    const otherSubnets = await Promise.all(
      ['a', 'b'].map((zone, i) =>
        ec2.send(
          new CreateSubnetCommand({
            VpcId: otherVpc.Vpc?.VpcId,
            CidrBlock: `10.9.${i}.0/24`,
            AvailabilityZone: `us-west-2${zone}`,
          }),
        ),
      ),
    );
    await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'elsewhere',
        Type: 'application',
        Scheme: 'internal',
        Subnets: otherSubnets.map((s) => s.Subnet?.SubnetId as string),
        Tags: controllerTags,
      }),
    );
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));

    const { vpcId, subnets } = await createMinimal();
    const alb = await controllerAlb(vpcId, subnets);
    await inTreeNlb(vpcId, subnets);
    // The controller's shared backend group, and the rule it adds to the nodes' group (the EKS
    // cluster security group) naming it: on AWS that rule blocks the group's delete until revoked.
    const backend = await ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpcId,
        GroupName: 'k8s-traffic-privatecluster-1a2b3c4d5e',
        Description: '[k8s] Shared Backend SecurityGroup for LoadBalancer',
        TagSpecifications: [
          {
            ResourceType: 'security-group',
            Tags: [...controllerTags.slice(0, 1), { Key: 'elbv2.k8s.aws/resource', Value: 'backend-sg' }],
          },
        ],
      }),
    );
    const cluster = await eks.send(new DescribeClusterCommand({ name: CLUSTER }));
    const clusterGroup = cluster.cluster?.resourcesVpcConfig?.clusterSecurityGroupId as string;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: clusterGroup,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [{ GroupId: backend.GroupId }] },
        ],
      }),
    );
    const namingBackend = async () =>
      (
        (
          await ec2.send(
            new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [clusterGroup] }] }),
          )
        ).SecurityGroupRules ?? []
      ).filter((r) => r.ReferencedGroupInfo?.GroupId === backend.GroupId);
    expect(await namingBackend()).toHaveLength(1);
    expect(await names()).toEqual({
      loadBalancers: ['a0123456789abcdef0123456789abcde', 'elsewhere', 'k8s-default-web-1a2b3c4d5e'],
      targetGroups: ['k8s-default-api-7c0ffee123', 'k8s-default-web-80-0a1b2c'],
    });

    const run = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL, '-o', 'json'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`cluster "${CLUSTER}": deleted`);
    const result = JSON.parse(run.stdout) as { deleted: { kind: string; id: string }[] };
    expect(result.deleted.filter((d) => d.kind !== 'stack' && d.kind !== 'kubeconfig-entry')).toEqual([
      { kind: 'load-balancer', id: 'a0123456789abcdef0123456789abcde' },
      { kind: 'load-balancer', id: 'k8s-default-web-1a2b3c4d5e' },
      { kind: 'target-group', id: 'k8s-default-api-7c0ffee123' },
      { kind: 'target-group', id: 'k8s-default-web-80-0a1b2c' },
      ...[alb.groupId, backend.GroupId as string].sort().map((id) => ({ kind: 'security-group', id })),
    ]);
    expect(await names()).toEqual({ loadBalancers: ['elsewhere'], targetGroups: [] });
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });

  it('stops before the cluster stack when a target group is still used elsewhere; --force goes on and lists it', async () => {
    const { vpcId, subnets } = await createMinimal();
    const { tgArn } = await controllerAlb(vpcId, subnets);
    // A user's own ALB in the cluster's VPC, not tagged for the cluster, forwarding to the controller's target group.
    const mine = await elbv2.send(
      new CreateLoadBalancerCommand({ Name: 'team-alb', Type: 'application', Scheme: 'internal', Subnets: subnets }),
    );
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: mine.LoadBalancers?.[0]?.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );

    const plain = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL], { env: env() });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(
      'failed load-balancers: 1 resource(s) in ' +
        `${vpcId} block the VPC's deletion, e.g. target-group k8s-default-web-80-0a1b2c: still used by a listener or rule of a load balancer that was not deleted`,
    );
    expect(plain.stderr).toContain('[cluster] skipped');
    // The cluster's own ALB went; the cluster stack was not touched.
    expect((await names()).loadBalancers).toEqual(['team-alb']);
    const stacks = await cfn.send(new DescribeStacksCommand({ StackName: `eksctl-${CLUSTER}-cluster` }));
    expect(stacks.Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');

    const forced = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL, '--force', '-o', 'json'], { env: env() });
    expect(forced.code).toBe(4);
    const result = JSON.parse(forced.stdout) as { outcome: string; leftovers: { kind: string; id: string }[] };
    expect(result.outcome).toBe('partial');
    expect(result.leftovers).toEqual([
      expect.objectContaining({ kind: 'target-group', id: 'k8s-default-web-80-0a1b2c' }),
    ]);
    expect(await cfn.send(new DescribeStacksCommand({})).then((o) => o.Stacks ?? [])).toEqual([]);
  });

  it('lists a Classic Load Balancer using the cluster’s security group with the command to delete it', async () => {
    const { vpcId, subnets } = await createMinimal();
    // The in-tree provider's default for a `type: LoadBalancer` Service: a Classic Load Balancer
    // with a k8s-elb- security group tagged for the cluster. The interface ELB would put in the
    // subnet, made by hand (moto makes none; private-eks has no Classic ELB client).
    const group = await ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpcId,
        GroupName: 'k8s-elb-a0123456789abcdef0123456789abcde',
        Description: 'Security group for Kubernetes ELB a0123456789abcdef0123456789abcde (default/web)',
        TagSpecifications: [{ ResourceType: 'security-group', Tags: inTreeTags }],
      }),
    );
    const eni = await ec2.send(
      new CreateNetworkInterfaceCommand({
        SubnetId: subnets[0],
        Groups: [group.GroupId as string],
        Description: 'ELB a0123456789abcdef0123456789abcde',
      }),
    );

    const forced = await runCliCaptured(['delete', 'cluster', '-f', MINIMAL, '--force', '-o', 'json'], { env: env() });
    const result = JSON.parse(forced.stdout) as { leftovers: { kind: string; id: string; reason: string }[] };
    expect(forced.code).toBe(4);
    expect(result.leftovers).toContainEqual({
      kind: 'load-balancer',
      id: 'a0123456789abcdef0123456789abcde',
      reason:
        "a Classic Load Balancer (made by the in-tree controller) using the cluster's security groups; private-eks has no Classic Load Balancer client: " +
        'aws elb delete-load-balancer --load-balancer-name a0123456789abcdef0123456789abcde',
    });
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterface?.NetworkInterfaceId }));
  });
});
