/**
 * Security groups that in-cluster controllers made and CloudFormation does not know about (SPEC §8
 * [beyond]): tagged for the cluster (`kubernetes.io/cluster/<name>`, the AWS Load Balancer
 * Controller's `elbv2.k8s.aws/cluster`). Left in the VPC they make the cluster stack's VPC delete
 * fail with DependencyViolation, so they are found through the EC2 API and removed before the
 * cluster stack — without the Kubernetes API, which a fully-private cluster does not expose to
 * where `delete` usually runs. The ALBs and NLBs tagged for the cluster are gone by then
 * (load-balancers.ts).
 *
 * Load balancers still using those groups are listed with the command to delete them, found by
 * their network interfaces (description `ELB <name>` for a Classic Load Balancer, `ELB
 * app|net/<name>/<id>` for an ALB/NLB not tagged for the cluster): Classic Load Balancers (the
 * legacy in-tree controller's default for `type: LoadBalancer` Services) have their own API, and
 * private-eks has no client for it (@aws-sdk/client-elastic-load-balancing is not a dependency).
 */
import {
  DeleteSecurityGroupCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type Filter,
  type NetworkInterface,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { awsFailure, callAws, errorMessage, errorName, sendOptions } from './aws-call.js';
import type { LeftoverItem } from './results.js';

export interface TaggedCleanupRequest {
  readonly cluster: string;
  readonly vpcId: string;
  /** Stacks being deleted: their security groups are CloudFormation's to delete. */
  readonly stackNames: ReadonlySet<string>;
  readonly signal?: AbortSignal;
}

export interface TaggedCleanupResult {
  readonly deleted: readonly string[];
  readonly leftovers: readonly LeftoverItem[];
}

export async function cleanUpTaggedResources(
  ec2: EC2Client,
  request: TaggedCleanupRequest,
): Promise<TaggedCleanupResult> {
  const groups = await taggedSecurityGroups(ec2, request);
  const candidates = groups.filter(
    (g) => !managedElsewhere(g, request.stackNames) && ownedByCluster(g, request.cluster),
  );
  const leftovers: LeftoverItem[] = [];
  const candidateIds = new Set(candidates.map((g) => g.GroupId ?? ''));
  for (const lb of await loadBalancerInterfaces(ec2, request)) {
    if (!(lb.Groups ?? []).some((g) => candidateIds.has(g.GroupId ?? ''))) continue;
    leftovers.push(loadBalancerLeftover(lb));
  }
  const deleted: string[] = [];
  for (const group of candidates) {
    const id = group.GroupId ?? '';
    await revokeRulesReferencing(ec2, id, request.signal);
    try {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }), sendOptions(request.signal));
      deleted.push(id);
    } catch (error) {
      const name = errorName(error);
      if (name === 'InvalidGroup.NotFound') {
        // Listed a moment ago and gone now: usually the SDK's retry of a delete whose answer was
        // lost on the way. Either way it is deleted, and the summary says so.
        deleted.push(id);
        continue;
      }
      if (name !== 'DependencyViolation') throw awsFailure('ec2:DeleteSecurityGroup', error, request.signal);
      const users = await interfacesUsing(ec2, id, request.signal);
      leftovers.push({
        kind: 'security-group',
        id,
        reason: `${group.GroupName ?? id} is in use${users.length > 0 ? ` by ${users.join(', ')}` : ''}: ${errorMessage(error)}`,
      });
    }
  }
  return { deleted, leftovers: dedupe(leftovers) };
}

/**
 * Removes the rules of other groups that name `groupId` as their source or destination. A group
 * that another group's rule refers to cannot be deleted (DependencyViolation): the AWS Load
 * Balancer Controller's shared backend group (`k8s-traffic-<cluster>-…`) is referred to by rules it
 * added to the nodes' groups — the EKS cluster security group among them, which only goes with the
 * cluster stack, after this step. A rule naming a group that is being deleted allows nothing once
 * it is gone, so removing it changes no access. Region-wide: a peered VPC's group may refer to it.
 */
async function revokeRulesReferencing(ec2: EC2Client, groupId: string, signal: AbortSignal | undefined): Promise<void> {
  const referring = new Set<string>();
  for (const filter of ['ip-permission.group-id', 'egress.ip-permission.group-id']) {
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await callAws('ec2:DescribeSecurityGroups', signal, (options) =>
        ec2.send(
          new DescribeSecurityGroupsCommand({
            Filters: [{ Name: filter, Values: [groupId] }],
            ...(token === undefined ? {} : { NextToken: token }),
          }),
          options,
        ),
      );
      for (const g of page.SecurityGroups ?? [])
        if (g.GroupId !== undefined && g.GroupId !== groupId) referring.add(g.GroupId);
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
  }
  for (const other of [...referring].sort()) {
    const rules = await callAws('ec2:DescribeSecurityGroupRules', signal, (options) =>
      ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [other] }] }), options),
    );
    const naming = (rules.SecurityGroupRules ?? []).filter(
      (r) => r.ReferencedGroupInfo?.GroupId === groupId && r.SecurityGroupRuleId !== undefined,
    );
    const ids = (egress: boolean) =>
      naming.filter((r) => (r.IsEgress ?? false) === egress).map((r) => r.SecurityGroupRuleId as string);
    if (ids(false).length > 0) {
      await callAws('ec2:RevokeSecurityGroupIngress', signal, (options) =>
        ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: other, SecurityGroupRuleIds: ids(false) }), options),
      );
    }
    if (ids(true).length > 0) {
      await callAws('ec2:RevokeSecurityGroupEgress', signal, (options) =>
        ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: other, SecurityGroupRuleIds: ids(true) }), options),
      );
    }
  }
}

async function taggedSecurityGroups(ec2: EC2Client, request: TaggedCleanupRequest): Promise<SecurityGroup[]> {
  const vpc: Filter = { Name: 'vpc-id', Values: [request.vpcId] };
  const queries: Filter[][] = [
    [vpc, { Name: 'tag-key', Values: [`kubernetes.io/cluster/${request.cluster}`] }],
    [vpc, { Name: 'tag:elbv2.k8s.aws/cluster', Values: [request.cluster] }],
  ];
  const byId = new Map<string, SecurityGroup>();
  for (const filters of queries) {
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await callAws('ec2:DescribeSecurityGroups', request.signal, (options) =>
        ec2.send(
          new DescribeSecurityGroupsCommand({ Filters: filters, ...(token === undefined ? {} : { NextToken: token }) }),
          options,
        ),
      );
      for (const group of page.SecurityGroups ?? []) if (group.GroupId !== undefined) byId.set(group.GroupId, group);
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
  }
  return [...byId.values()].sort((a, b) => (a.GroupId ?? '').localeCompare(b.GroupId ?? ''));
}

/**
 * `kubernetes.io/cluster/<name>=shared` marks a group the cluster uses but does not own (the
 * in-tree cloud provider's convention, like subnets): someone else made it, so it stays.
 */
function ownedByCluster(group: SecurityGroup, cluster: string): boolean {
  const tags = new Map((group.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  return tags.get('elbv2.k8s.aws/cluster') === cluster || tags.get(`kubernetes.io/cluster/${cluster}`) !== 'shared';
}

/** Groups that CloudFormation (our stacks) or EKS (the cluster security group) delete themselves. */
function managedElsewhere(group: SecurityGroup, stackNames: ReadonlySet<string>): boolean {
  const tags = new Map((group.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  const stack = tags.get('aws:cloudformation:stack-name');
  if (stack !== undefined && stackNames.has(stack)) return true;
  if (tags.has('aws:eks:cluster-name') || (group.GroupName ?? '').startsWith('eks-cluster-sg-')) return true;
  return group.GroupName === 'default';
}

async function loadBalancerInterfaces(ec2: EC2Client, request: TaggedCleanupRequest): Promise<NetworkInterface[]> {
  const page = await callAws('ec2:DescribeNetworkInterfaces', request.signal, (options) =>
    ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [request.vpcId] },
          { Name: 'description', Values: ['ELB *'] },
        ],
      }),
      options,
    ),
  );
  return page.NetworkInterfaces ?? [];
}

function loadBalancerLeftover(eni: NetworkInterface): LeftoverItem {
  // "ELB app/k8s-default-web-1a2b3c/0123456789abcdef" (ALB/NLB) or "ELB my-classic-lb" (classic).
  const described = (eni.Description ?? '').replace(/^ELB /, '');
  const parts = described.split('/');
  const name = parts.length === 3 ? (parts[1] ?? described) : described;
  if (parts.length === 3) {
    return {
      kind: 'load-balancer',
      id: name,
      reason:
        "not tagged for the cluster, so not deleted, but it uses the cluster's security groups; if it should go: " +
        `aws elbv2 delete-load-balancer --load-balancer-arn "$(aws elbv2 describe-load-balancers --names ${name} --query 'LoadBalancers[0].LoadBalancerArn' --output text)"`,
    };
  }
  return {
    kind: 'load-balancer',
    id: name,
    reason:
      "a Classic Load Balancer (made by the in-tree controller) using the cluster's security groups; private-eks has no Classic Load Balancer client: " +
      `aws elb delete-load-balancer --load-balancer-name ${name}`,
  };
}

async function interfacesUsing(ec2: EC2Client, groupId: string, signal: AbortSignal | undefined): Promise<string[]> {
  const page = await callAws('ec2:DescribeNetworkInterfaces', signal, (options) =>
    ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }), options),
  );
  return (page.NetworkInterfaces ?? []).map((n) =>
    n.Description !== undefined && n.Description !== ''
      ? `${n.NetworkInterfaceId ?? '?'} (${n.Description})`
      : (n.NetworkInterfaceId ?? '?'),
  );
}

function dedupe(items: readonly LeftoverItem[]): LeftoverItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.kind}/${i.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
