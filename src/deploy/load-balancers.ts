/**
 * Application and Network Load Balancers that in-cluster controllers made for the cluster (SPEC §8
 * [beyond]), found and deleted through the Elastic Load Balancing v2 API — not through the
 * Kubernetes API, which a fully-private cluster does not expose to where `delete` usually runs.
 *
 * Which ones: in the cluster's VPC, and tagged by the AWS Load Balancer Controller
 * (`elbv2.k8s.aws/cluster` = the cluster's name) or by the legacy in-tree cloud provider
 * (`kubernetes.io/cluster/<name>` = `owned`; `shared` means someone else owns it). Their target
 * groups carry the same tags.
 *
 * Order, and why:
 * 1. The load balancers. DeleteLoadBalancer also deletes their listeners and rules. This runs after
 *    the nodegroup and Fargate stacks are gone, so no controller is left to re-create them.
 * 2. Wait until each is gone AND its network interfaces (description `ELB app|net/<name>/<id>`)
 *    are released: ELB removes them a while after the load balancer, and until then they keep the
 *    subnets and security groups that the cluster stack deletes (DependencyViolation).
 * 3. The target groups: a target group is refused (ResourceInUse) while a listener uses it.
 *
 * A load balancer with deletion protection on is not switched off behind the user's back: it is
 * listed with the commands that would do it.
 */
import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  type ElasticLoadBalancingV2Client,
  type LoadBalancer,
  type TagDescription,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeNetworkInterfacesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { backoffDelay, throwIfAborted, type BackoffPolicy, type Clock } from './clock.js';
import { AbortedError } from '../errors.js';
import { awsFailure, callAws, errorMessage, errorName, sendOptions } from './aws-call.js';
import type { DeletedItem, LeftoverItem } from './results.js';

export interface LoadBalancerCleanupRequest {
  readonly cluster: string;
  readonly vpcId: string;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Called before each wait between polls (for progress). */
  readonly onWait?: (what: string, status: string, delayMs: number) => void;
  /** How long to wait for deleted load balancers and their network interfaces to go. Default 10 min. */
  readonly timeoutMs?: number;
}

export interface LoadBalancerCleanupResult {
  readonly deleted: readonly DeletedItem[];
  readonly leftovers: readonly LeftoverItem[];
}

/** The tags the controllers put on what they make (see the module comment). */
export function ownedByCluster(tags: ReadonlyMap<string, string>, cluster: string): boolean {
  return tags.get('elbv2.k8s.aws/cluster') === cluster || tags.get(`kubernetes.io/cluster/${cluster}`) === 'owned';
}

/**
 * ELB takes a minute or two to release a deleted load balancer's interfaces (NLBs longer); poll
 * at a pace that stays far below ELB's and EC2's describe rate limits.
 */
const DELETION_POLL_BACKOFF: BackoffPolicy = { initialMs: 3_000, maxMs: 15_000, factor: 1.5, jitter: 0.25 };
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
/** DescribeTags takes at most 20 ARNs (ELBv2 API reference). */
const TAG_BATCH = 20;
const PAGE_SIZE = 400;

export async function deleteClusterLoadBalancers(
  clients: { readonly elbv2: ElasticLoadBalancingV2Client; readonly ec2: EC2Client },
  request: LoadBalancerCleanupRequest,
): Promise<LoadBalancerCleanupResult> {
  const { elbv2 } = clients;
  const deleted: DeletedItem[] = [];
  const leftovers: LeftoverItem[] = [];

  const loadBalancers = await ownedInVpc(elbv2, await describeLoadBalancers(elbv2, request.signal), request, {
    arn: (lb) => lb.LoadBalancerArn,
    name: (lb) => lb.LoadBalancerName,
  });
  const deleting: LoadBalancer[] = [];
  for (const lb of loadBalancers) {
    try {
      await elbv2.send(
        new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
        sendOptions(request.signal),
      );
      deleting.push(lb);
    } catch (error) {
      // Deleted since it was listed: the wait below confirms it.
      if (errorName(error) === 'LoadBalancerNotFoundException') deleting.push(lb);
      else leftovers.push(undeletableLoadBalancer(lb, error, request.signal));
    }
  }
  const gone = await waitUntilGone(clients, deleting, request);
  for (const lb of deleting) {
    const name = lb.LoadBalancerName ?? lb.LoadBalancerArn ?? '?';
    if (gone.has(lb)) {
      deleted.push({ kind: 'load-balancer', id: name });
      continue;
    }
    const minutes = Math.round((request.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 60_000);
    leftovers.push({
      kind: 'load-balancer',
      id: name,
      reason: `deleted, but it or its network interfaces ("${eniDescription(lb)}") were still there after ${minutes} min; re-run the delete once they are gone`,
    });
  }

  const targetGroups = await ownedInVpc(elbv2, await describeTargetGroups(elbv2, request.signal), request, {
    arn: (tg) => tg.TargetGroupArn,
    name: (tg) => tg.TargetGroupName,
  });
  for (const tg of targetGroups) {
    const name = tg.TargetGroupName ?? tg.TargetGroupArn ?? '?';
    try {
      await elbv2.send(
        new DeleteTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn }),
        sendOptions(request.signal),
      );
      deleted.push({ kind: 'target-group', id: name });
    } catch (error) {
      if (errorName(error) === 'TargetGroupNotFoundException') continue;
      const failure = awsFailure('elasticloadbalancing:DeleteTargetGroup', error, request.signal);
      if (failure instanceof AbortedError) throw failure;
      leftovers.push({
        kind: 'target-group',
        id: name,
        reason:
          errorName(error) === 'ResourceInUseException'
            ? `still used by a listener or rule of a load balancer that was not deleted: ${errorMessage(error)}`
            : failure.message,
      });
    }
  }
  return { deleted, leftovers };
}

/** Why a load balancer could not be deleted, and what the user can run; AbortedError is thrown. */
function undeletableLoadBalancer(lb: LoadBalancer, error: unknown, signal: AbortSignal | undefined): LeftoverItem {
  const failure = awsFailure('elasticloadbalancing:DeleteLoadBalancer', error, signal);
  if (failure instanceof AbortedError) throw failure;
  const arn = lb.LoadBalancerArn ?? '?';
  const name = lb.LoadBalancerName ?? arn;
  if (errorName(error) === 'OperationNotPermittedException') {
    return {
      kind: 'load-balancer',
      id: name,
      reason:
        `deletion protection is on (${errorMessage(error)}); if it should go: ` +
        `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${arn} --attributes Key=deletion_protection.enabled,Value=false ` +
        `&& aws elbv2 delete-load-balancer --load-balancer-arn ${arn}`,
    };
  }
  return { kind: 'load-balancer', id: name, reason: failure.message };
}

/** `ELB app/<name>/<id>`: how ELB describes the network interfaces of a load balancer (from its ARN). */
export function eniDescription(lb: LoadBalancer): string {
  const arn = lb.LoadBalancerArn ?? '';
  const resource = arn.slice(arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
  return `ELB ${resource}`;
}

/** The load balancers of `deleting` that are gone, with their network interfaces, before the deadline. */
async function waitUntilGone(
  clients: { readonly elbv2: ElasticLoadBalancingV2Client; readonly ec2: EC2Client },
  deleting: readonly LoadBalancer[],
  request: LoadBalancerCleanupRequest,
): Promise<Set<LoadBalancer>> {
  const gone = new Set<LoadBalancer>();
  let pending = [...deleting];
  const deadline = request.clock.now() + (request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    throwIfAborted(request.signal);
    const still: LoadBalancer[] = [];
    const interfaces = await interfaceDescriptions(clients.ec2, request, pending.map(eniDescription));
    for (const lb of pending) {
      const present =
        interfaces.has(eniDescription(lb)) || (await loadBalancerExists(clients.elbv2, lb, request.signal));
      if (present) still.push(lb);
      else gone.add(lb);
    }
    pending = still;
    if (pending.length === 0) break;
    const delay = backoffDelay(DELETION_POLL_BACKOFF, attempt, () => request.clock.random());
    if (request.clock.now() + delay > deadline) break;
    request.onWait?.(
      pending.map((lb) => lb.LoadBalancerName ?? '?').join(', '),
      'load balancer or its network interfaces still there',
      delay,
    );
    await request.clock.sleep(delay, request.signal);
  }
  return gone;
}

async function loadBalancerExists(
  elbv2: ElasticLoadBalancingV2Client,
  lb: LoadBalancer,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  try {
    // One ARN per call: with several, one missing ARN fails the whole call.
    const out = await elbv2.send(
      new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.LoadBalancerArn ?? ''] }),
      sendOptions(signal),
    );
    return (out.LoadBalancers ?? []).length > 0;
  } catch (error) {
    if (errorName(error) === 'LoadBalancerNotFoundException') return false;
    throw awsFailure('elasticloadbalancing:DescribeLoadBalancers', error, signal);
  }
}

/** Which of `descriptions` some network interface in the VPC still carries. */
async function interfaceDescriptions(
  ec2: EC2Client,
  request: LoadBalancerCleanupRequest,
  descriptions: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await callAws('ec2:DescribeNetworkInterfaces', request.signal, (options) =>
      ec2.send(
        new DescribeNetworkInterfacesCommand({
          Filters: [
            { Name: 'vpc-id', Values: [request.vpcId] },
            { Name: 'description', Values: [...descriptions] },
          ],
          ...(token === undefined ? {} : { NextToken: token }),
        }),
        options,
      ),
    );
    for (const eni of page.NetworkInterfaces ?? []) if (eni.Description !== undefined) found.add(eni.Description);
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return found;
}

async function describeLoadBalancers(
  elbv2: ElasticLoadBalancingV2Client,
  signal: AbortSignal | undefined,
): Promise<LoadBalancer[]> {
  const all: LoadBalancer[] = [];
  let marker: string | undefined;
  do {
    const current = marker;
    const page = await callAws('elasticloadbalancing:DescribeLoadBalancers', signal, (options) =>
      elbv2.send(
        new DescribeLoadBalancersCommand({
          PageSize: PAGE_SIZE,
          ...(current === undefined ? {} : { Marker: current }),
        }),
        options,
      ),
    );
    all.push(...(page.LoadBalancers ?? []));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return all;
}

async function describeTargetGroups(
  elbv2: ElasticLoadBalancingV2Client,
  signal: AbortSignal | undefined,
): Promise<TargetGroup[]> {
  const all: TargetGroup[] = [];
  let marker: string | undefined;
  do {
    const current = marker;
    const page = await callAws('elasticloadbalancing:DescribeTargetGroups', signal, (options) =>
      elbv2.send(
        new DescribeTargetGroupsCommand({ PageSize: PAGE_SIZE, ...(current === undefined ? {} : { Marker: current }) }),
        options,
      ),
    );
    all.push(...(page.TargetGroups ?? []));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return all;
}

/**
 * The resources of `items` in the request's VPC whose tags say the cluster owns them, sorted by
 * name. ELBv2's describe calls have no tag filter, so the tags are read in batches.
 */
async function ownedInVpc<T extends { readonly VpcId?: string | undefined }>(
  elbv2: ElasticLoadBalancingV2Client,
  items: readonly T[],
  request: LoadBalancerCleanupRequest,
  read: { readonly arn: (item: T) => string | undefined; readonly name: (item: T) => string | undefined },
): Promise<T[]> {
  const inVpc = items.filter((item) => item.VpcId === request.vpcId && read.arn(item) !== undefined);
  const tags = new Map<string, ReadonlyMap<string, string>>();
  for (let i = 0; i < inVpc.length; i += TAG_BATCH) {
    const arns = inVpc.slice(i, i + TAG_BATCH).map((item) => read.arn(item) ?? '');
    const out = await callAws('elasticloadbalancing:DescribeTags', request.signal, (options) =>
      elbv2.send(new DescribeTagsCommand({ ResourceArns: arns }), options),
    );
    for (const description of out.TagDescriptions ?? []) tags.set(description.ResourceArn ?? '', tagMap(description));
  }
  return inVpc
    .filter((item) => ownedByCluster(tags.get(read.arn(item) ?? '') ?? new Map<string, string>(), request.cluster))
    .sort((a, b) => (read.name(a) ?? '').localeCompare(read.name(b) ?? ''));
}

function tagMap(description: TagDescription): Map<string, string> {
  return new Map((description.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}
