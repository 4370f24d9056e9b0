/**
 * Finding and deleting the load balancers and target groups controllers made for a cluster, with
 * the ELBv2 and EC2 APIs mocked (aws-sdk-client-mock): the emulator deletes a load balancer at once
 * and gives it no network interfaces, so the wait for them, deletion protection and paging are
 * covered here. Shapes are the SDK's output types (DescribeLoadBalancersOutput, DescribeTagsOutput,
 * DescribeTargetGroupsOutput, DescribeNetworkInterfacesResult); the error names are the ones the
 * SDK gives ELBv2's codes (LoadBalancerNotFound → LoadBalancerNotFoundException, seen on moto).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  type Tag,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { deleteClusterLoadBalancers, eniDescription, ownedByCluster } from '../../../src/deploy/load-balancers.js';
import { AbortedError } from '../../../src/errors.js';
import { FakeClock } from './fakes.js';
import { awsError } from './scripted-stack.js';
import { unitClientConfig } from '../../helpers/unit-clients.js';

const elbv2Mock = mockClient(ElasticLoadBalancingV2Client);
const ec2Mock = mockClient(EC2Client);
afterEach(() => {
  elbv2Mock.reset();
  ec2Mock.reset();
});

const VPC = 'vpc-0abc';
const ARN_PREFIX = 'arn:aws:elasticloadbalancing:us-west-2:123456789012';

function lb(name: string, type: 'app' | 'net', vpc = VPC): LoadBalancer {
  return {
    LoadBalancerArn: `${ARN_PREFIX}:loadbalancer/${type}/${name}/50dc6c495c0c9188`,
    LoadBalancerName: name,
    VpcId: vpc,
    Type: type === 'app' ? 'application' : 'network',
    Scheme: 'internal',
    State: { Code: 'active' },
  };
}

function tg(name: string, vpc = VPC): TargetGroup {
  return { TargetGroupArn: `${ARN_PREFIX}:targetgroup/${name}/73e2d6bc24d8a067`, TargetGroupName: name, VpcId: vpc };
}

/** DescribeTags answers from a table of ARN → tags; unknown ARNs have none. */
function tagTable(tags: ReadonlyMap<string, Tag[]>): void {
  elbv2Mock.on(DescribeTagsCommand).callsFake((input: { ResourceArns?: string[] }) => ({
    TagDescriptions: (input.ResourceArns ?? []).map((arn) => ({ ResourceArn: arn, Tags: tags.get(arn) ?? [] })),
  }));
}

const controllerTag = (cluster = 'private-cluster'): Tag[] => [{ Key: 'elbv2.k8s.aws/cluster', Value: cluster }];
const legacyTag = (value: string, cluster = 'private-cluster'): Tag[] => [
  { Key: `kubernetes.io/cluster/${cluster}`, Value: value },
];

/** DescribeLoadBalancers: the whole list, or by ARN as ELBv2 answers once a load balancer is gone. */
function loadBalancers(all: readonly LoadBalancer[], gone: Set<string>): void {
  elbv2Mock.on(DescribeLoadBalancersCommand).callsFake((input: { LoadBalancerArns?: string[] }) => {
    if (input.LoadBalancerArns === undefined)
      return { LoadBalancers: all.filter((l) => !gone.has(l.LoadBalancerArn!)) };
    const arn = input.LoadBalancerArns[0]!;
    if (gone.has(arn)) throw awsError('LoadBalancerNotFoundException', 'One or more load balancers not found');
    return { LoadBalancers: all.filter((l) => l.LoadBalancerArn === arn) };
  });
}

const request = (clock: FakeClock, over: { timeoutMs?: number; signal?: AbortSignal } = {}) => ({
  cluster: 'private-cluster',
  vpcId: VPC,
  clock,
  ...over,
});

const clients = () => ({
  elbv2: new ElasticLoadBalancingV2Client(unitClientConfig('us-west-2')),
  ec2: new EC2Client(unitClientConfig('us-west-2')),
});

describe('ownedByCluster', () => {
  it("takes the AWS Load Balancer Controller's tag and the in-tree provider's `owned`, not `shared`", () => {
    const tags = (list: Tag[]) => new Map(list.map((t) => [t.Key!, t.Value!]));
    expect(ownedByCluster(tags(controllerTag()), 'private-cluster')).toBe(true);
    expect(ownedByCluster(tags(legacyTag('owned')), 'private-cluster')).toBe(true);
    expect(ownedByCluster(tags(legacyTag('shared')), 'private-cluster')).toBe(false);
    expect(ownedByCluster(tags(controllerTag('other')), 'private-cluster')).toBe(false);
    expect(ownedByCluster(tags(legacyTag('owned', 'private-cluster-2')), 'private-cluster')).toBe(false);
  });

  it('names the network interfaces of a load balancer as ELB does', () => {
    expect(eniDescription(lb('k8s-default-web-1a2b3c', 'app'))).toBe('ELB app/k8s-default-web-1a2b3c/50dc6c495c0c9188');
    expect(eniDescription(lb('a1b2c3', 'net'))).toBe('ELB net/a1b2c3/50dc6c495c0c9188');
  });
});

describe('deleteClusterLoadBalancers', () => {
  it("deletes only the cluster's load balancers in its VPC, waits for their interfaces, then the target groups", async () => {
    const alb = lb('k8s-default-web-1a2b3c', 'app');
    const nlb = lb('a1b2c3d4', 'net');
    const shared = lb('shared-ingress', 'app');
    const otherCluster = lb('k8s-other-web', 'app');
    const otherVpc = lb('k8s-default-web-elsewhere', 'app', 'vpc-0other');
    const gone = new Set<string>();
    loadBalancers([alb, nlb, shared, otherCluster, otherVpc], gone);
    const albTg = tg('k8s-default-web-80');
    const nlbTg = tg('k8s-a1b2c3d4-tcp');
    const userTg = tg('mine');
    tagTable(
      new Map([
        [alb.LoadBalancerArn!, controllerTag()],
        [nlb.LoadBalancerArn!, legacyTag('owned')],
        [shared.LoadBalancerArn!, legacyTag('shared')],
        [otherCluster.LoadBalancerArn!, controllerTag('other')],
        [otherVpc.LoadBalancerArn!, controllerTag()],
        [albTg.TargetGroupArn!, controllerTag()],
        [nlbTg.TargetGroupArn!, legacyTag('owned')],
      ]),
    );
    elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [albTg, nlbTg, userTg] });
    const order: string[] = [];
    elbv2Mock.on(DeleteLoadBalancerCommand).callsFake((input: { LoadBalancerArn: string }) => {
      gone.add(input.LoadBalancerArn);
      order.push('delete load balancer');
      return {};
    });
    elbv2Mock.on(DeleteTargetGroupCommand).callsFake(() => {
      order.push('delete target group');
      return {};
    });
    // The NLB's interfaces outlive it by two polls, as ELB releases them a while after the delete.
    let polls = 0;
    ec2Mock.on(DescribeNetworkInterfacesCommand).callsFake(() => {
      polls += 1;
      order.push('interfaces');
      return {
        NetworkInterfaces: polls <= 2 ? [{ NetworkInterfaceId: 'eni-0nlb', Description: eniDescription(nlb) }] : [],
      };
    });
    const clock = new FakeClock();
    const waits: string[] = [];
    const result = await deleteClusterLoadBalancers(clients(), {
      ...request(clock),
      onWait: (what, status) => waits.push(`${what}: ${status}`),
    });

    expect(elbv2Mock.commandCalls(DeleteLoadBalancerCommand).map((c) => c.args[0].input.LoadBalancerArn)).toEqual([
      nlb.LoadBalancerArn,
      alb.LoadBalancerArn,
    ]);
    expect(elbv2Mock.commandCalls(DeleteTargetGroupCommand).map((c) => c.args[0].input.TargetGroupArn)).toEqual([
      nlbTg.TargetGroupArn,
      albTg.TargetGroupArn,
    ]);
    expect(result).toEqual({
      deleted: [
        { kind: 'load-balancer', id: 'a1b2c3d4' },
        { kind: 'load-balancer', id: 'k8s-default-web-1a2b3c' },
        { kind: 'target-group', id: 'k8s-a1b2c3d4-tcp' },
        { kind: 'target-group', id: 'k8s-default-web-80' },
      ],
      leftovers: [],
    });
    // Two waits for the NLB's interfaces; the interface query names both load balancers' interfaces.
    expect(waits).toEqual([
      'a1b2c3d4: load balancer or its network interfaces still there',
      'a1b2c3d4: load balancer or its network interfaces still there',
    ]);
    // 3 s growing by 1.5, less the jitter (25 % × FakeClock's random 0.5).
    expect(clock.sleeps).toEqual([2625, 3938]);
    expect(ec2Mock.commandCalls(DescribeNetworkInterfacesCommand)[0]!.args[0].input.Filters).toEqual([
      { Name: 'vpc-id', Values: [VPC] },
      { Name: 'description', Values: [eniDescription(nlb), eniDescription(alb)] },
    ]);
    // Target groups only once every load balancer (with its listeners) and its interfaces are gone.
    expect(order).toEqual([
      'delete load balancer',
      'delete load balancer',
      'interfaces',
      'interfaces',
      'interfaces',
      'delete target group',
      'delete target group',
    ]);
  });

  it('leaves a load balancer with deletion protection on, with the commands that would remove it, and goes on', async () => {
    const kept = lb('k8s-default-keep-0a1b', 'app');
    const other = lb('k8s-default-web-1a2b3c', 'app');
    const gone = new Set<string>();
    loadBalancers([kept, other], gone);
    tagTable(new Map([kept, other].map((l) => [l.LoadBalancerArn!, controllerTag()])));
    elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    elbv2Mock.on(DeleteLoadBalancerCommand).callsFake((input: { LoadBalancerArn: string }) => {
      if (input.LoadBalancerArn === kept.LoadBalancerArn) {
        throw awsError(
          'OperationNotPermittedException',
          `Load balancer '${kept.LoadBalancerArn}' cannot be deleted because deletion protection is enabled`,
        );
      }
      gone.add(input.LoadBalancerArn);
      return {};
    });
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    const result = await deleteClusterLoadBalancers(clients(), request(new FakeClock()));
    expect(result.deleted).toEqual([{ kind: 'load-balancer', id: 'k8s-default-web-1a2b3c' }]);
    expect(result.leftovers).toEqual([
      {
        kind: 'load-balancer',
        id: 'k8s-default-keep-0a1b',
        reason:
          `deletion protection is on (Load balancer '${kept.LoadBalancerArn}' cannot be deleted because deletion protection is enabled); if it should go: ` +
          `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${kept.LoadBalancerArn} --attributes Key=deletion_protection.enabled,Value=false ` +
          `&& aws elbv2 delete-load-balancer --load-balancer-arn ${kept.LoadBalancerArn}`,
      },
    ]);
  });

  it('gives up waiting at the timeout and lists what is still there', async () => {
    const nlb = lb('a1b2c3d4', 'net');
    const gone = new Set<string>();
    loadBalancers([nlb], gone);
    tagTable(new Map([[nlb.LoadBalancerArn!, legacyTag('owned')]]));
    elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    elbv2Mock.on(DeleteLoadBalancerCommand).callsFake((input: { LoadBalancerArn: string }) => {
      gone.add(input.LoadBalancerArn);
      return {};
    });
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .resolves({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0nlb', Description: eniDescription(nlb) }] });
    const clock = new FakeClock();
    const result = await deleteClusterLoadBalancers(clients(), request(clock, { timeoutMs: 60_000 }));
    expect(result.deleted).toEqual([]);
    expect(result.leftovers).toEqual([
      {
        kind: 'load-balancer',
        id: 'a1b2c3d4',
        reason:
          'deleted, but it or its network interfaces ("ELB net/a1b2c3d4/50dc6c495c0c9188") were still there after 1 min; re-run the delete once they are gone',
      },
    ]);
    // Never slept past the deadline.
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
    expect(clock.sleeps.length).toBeGreaterThan(2);
  });

  it('reads tags 20 ARNs at a time and follows the pages of the describe calls', async () => {
    const many = Array.from({ length: 23 }, (_, i) => lb(`k8s-default-svc${String(i).padStart(2, '0')}`, 'app'));
    const gone = new Set<string>();
    elbv2Mock.on(DescribeLoadBalancersCommand).callsFake((input: { LoadBalancerArns?: string[]; Marker?: string }) => {
      if (input.LoadBalancerArns !== undefined) throw awsError('LoadBalancerNotFoundException', 'not found');
      // Two pages: 15, then the rest.
      return input.Marker === undefined
        ? { LoadBalancers: many.slice(0, 15), NextMarker: 'page-2' }
        : { LoadBalancers: many.slice(15) };
    });
    tagTable(new Map(many.filter((_, i) => i % 2 === 0).map((l) => [l.LoadBalancerArn!, controllerTag()])));
    elbv2Mock
      .on(DescribeTargetGroupsCommand)
      .callsFake((input: { Marker?: string }) =>
        input.Marker === undefined ? { TargetGroups: [tg('a')], NextMarker: 'm' } : { TargetGroups: [tg('b')] },
      );
    elbv2Mock.on(DeleteLoadBalancerCommand).callsFake((input: { LoadBalancerArn: string }) => {
      gone.add(input.LoadBalancerArn);
      return {};
    });
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    const result = await deleteClusterLoadBalancers(clients(), request(new FakeClock()));
    const tagCalls = elbv2Mock.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length);
    expect(tagCalls).toEqual([20, 3, 2]);
    expect(result.deleted.filter((d) => d.kind === 'load-balancer')).toHaveLength(12);
    expect(elbv2Mock.commandCalls(DescribeTargetGroupsCommand).map((c) => c.args[0].input.Marker)).toEqual([
      undefined,
      'm',
    ]);
  });

  it('lists a target group still in use by a load balancer that is not the cluster’s; skips one already gone', async () => {
    loadBalancers([], new Set());
    const used = tg('k8s-default-web-80');
    const vanished = tg('k8s-default-api-80');
    tagTable(new Map([used, vanished].map((t) => [t.TargetGroupArn!, controllerTag()])));
    elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [used, vanished] });
    elbv2Mock
      .on(DeleteTargetGroupCommand, { TargetGroupArn: used.TargetGroupArn })
      .rejects(
        awsError(
          'ResourceInUseException',
          `Target group '${used.TargetGroupArn}' is currently in use by a listener or a rule`,
        ),
      )
      .on(DeleteTargetGroupCommand, { TargetGroupArn: vanished.TargetGroupArn })
      .rejects(awsError('TargetGroupNotFoundException', 'One or more target groups not found'));
    const result = await deleteClusterLoadBalancers(clients(), request(new FakeClock()));
    expect(result).toEqual({
      deleted: [],
      leftovers: [
        {
          kind: 'target-group',
          id: 'k8s-default-web-80',
          reason: `still used by a listener or rule of a load balancer that was not deleted: Target group '${used.TargetGroupArn}' is currently in use by a listener or a rule`,
        },
      ],
    });
  });

  it('stops with AbortedError when interrupted while waiting', async () => {
    const alb = lb('k8s-default-web-1a2b3c', 'app');
    loadBalancers([alb], new Set());
    tagTable(new Map([[alb.LoadBalancerArn!, controllerTag()]]));
    elbv2Mock.on(DeleteLoadBalancerCommand).resolves({});
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    const controller = new AbortController();
    const clock = new FakeClock();
    clock.onSleep = () => controller.abort();
    await expect(
      deleteClusterLoadBalancers(clients(), request(clock, { signal: controller.signal })),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(elbv2Mock.commandCalls(DescribeTargetGroupsCommand)).toHaveLength(0);
  });
});
