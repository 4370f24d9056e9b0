/**
 * `get nodegroup`, `scale nodegroup` and `delete nodegroup` on a cluster private-eks made.
 *
 * Nodegroups are found by their stacks (eksctl's names and tags). Scaling changes the nodegroup's
 * stack (its ScalingConfig, or its auto scaling group's sizes) through a change set, so the stack,
 * the cluster and a later `plan` agree on the sizes; a re-run finds nothing left to change.
 * Deleting drains the nodes first when the Kubernetes API answers from here, and otherwise says
 * so (a note, not a failure), then deletes the stack and waits until it is gone.
 */
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { DescribeNodegroupCommand } from '@aws-sdk/client-eks';
import { PrivateEksError } from '../errors.js';
import type { CfnResource, CfnValue, Template } from '../templates/types.js';
import { callAws } from './aws-call.js';
import { executeChangeSet, previewChangeSet } from './change-sets.js';
import { findClusterStacks, type ClusterStacks } from './cluster-stacks.js';
import { deployedTemplate } from './diff/cluster-diff.js';
import { templateNodeVersion } from './diff/pin.js';
import { connectToApiServer, drainNodegroup } from './drain-nodes.js';
import { runnerStackName } from '../plan/stacks.js';
import { invokeRunner, lambdaClientLike } from './runner-client.js';
import {
  drainNodegroupThroughRunner,
  grantRunnerDrainAccess,
  revokeRunnerDrainAccess,
  type RunnerAccess,
} from './runner-drain.js';
import { safeSink } from './events.js';
import { systemClock } from './clock.js';
import { stackDeps, type DeployDeps } from './run-state.js';
import { deleteAndWait, type StackInfo } from './stacks.js';

export interface NodegroupSummary {
  readonly cluster: string;
  readonly name: string;
  readonly status: string;
  readonly createdAt: string | undefined;
  readonly minSize: number | undefined;
  readonly maxSize: number | undefined;
  readonly desiredCapacity: number | undefined;
  readonly instanceType: string | undefined;
  /** Self-managed: the AMI (or its SSM parameter); managed: the AMI type. */
  readonly imageId: string | undefined;
  readonly autoScalingGroupName: string | undefined;
  readonly type: 'managed' | 'unmanaged';
  readonly version: string | undefined;
  readonly stack: string;
}

const isManaged = (stack: StackInfo): boolean => stack.tags['alpha.eksctl.io/nodegroup-type'] === 'managed';

function notFound(cluster: string, name: string, found: ClusterStacks): PrivateEksError {
  const names = found.nodeGroups.map((n) => n.name);
  return new PrivateEksError('PE_NOT_FOUND', `nodegroup "${name}" not found in cluster "${cluster}"`, {
    source: 'user',
    hint: names.length > 0 ? `the cluster has: ${names.join(', ')}` : 'the cluster has no nodegroups',
  });
}

function resourceOfType(template: Template, type: string): CfnResource | undefined {
  return Object.values(template.Resources).find((r) => r.Type === type);
}

const num = (v: CfnValue | undefined): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;

type Deps = Pick<DeployDeps, 'clients' | 'signal'> & Partial<DeployDeps>;

function sdeps(deps: Deps): ReturnType<typeof stackDeps> & { clients: DeployDeps['clients'] } {
  return {
    ...stackDeps({
      deps: { kubeconfigPath: false, ...deps },
      events: safeSink(deps.events ?? (() => {})),
      clock: deps.clock ?? systemClock,
      signal: deps.signal,
    }),
    clients: deps.clients,
  };
}

async function summaryOf(deps: Deps, cluster: string, name: string, stack: StackInfo): Promise<NodegroupSummary> {
  const base = { cluster, name, stack: stack.name };
  if (isManaged(stack)) {
    const out = await callAws('eks:DescribeNodegroup', deps.signal, (options) =>
      deps.clients.eks.send(new DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: name }), options),
    );
    const ng = out.nodegroup ?? {};
    return {
      ...base,
      status: ng.status ?? 'UNKNOWN',
      createdAt: ng.createdAt?.toISOString(),
      minSize: ng.scalingConfig?.minSize,
      maxSize: ng.scalingConfig?.maxSize,
      desiredCapacity: ng.scalingConfig?.desiredSize,
      instanceType: ng.instanceTypes?.join(','),
      imageId: ng.amiType,
      autoScalingGroupName: ng.resources?.autoScalingGroups?.[0]?.name,
      type: 'managed',
      version: ng.version,
    };
  }
  const template = await deployedTemplate(sdeps(deps), stack);
  const group = resourceOfType(template, 'AWS::AutoScaling::AutoScalingGroup');
  const launchData = (resourceOfType(template, 'AWS::EC2::LaunchTemplate')?.Properties?.['LaunchTemplateData'] ??
    {}) as Record<string, CfnValue>;
  const groupName = await physicalId(deps, stack.name, 'NodeGroup');
  let sizes = {
    minSize: num(group?.Properties?.['MinSize']),
    maxSize: num(group?.Properties?.['MaxSize']),
    desiredCapacity: num(group?.Properties?.['DesiredCapacity']),
  };
  let createdAt: string | undefined;
  if (groupName !== undefined && deps.clients.autoScaling !== undefined) {
    const client = deps.clients.autoScaling;
    const out = await callAws('autoscaling:DescribeAutoScalingGroups', deps.signal, (options) =>
      client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }), options),
    );
    const g = out.AutoScalingGroups?.[0];
    if (g !== undefined) {
      sizes = { minSize: g.MinSize, maxSize: g.MaxSize, desiredCapacity: g.DesiredCapacity };
      createdAt = g.CreatedTime?.toISOString();
    }
  }
  const image = launchData['ImageId'];
  return {
    ...base,
    status: stack.status,
    createdAt,
    ...sizes,
    instanceType: typeof launchData['InstanceType'] === 'string' ? launchData['InstanceType'] : undefined,
    imageId: typeof image === 'string' ? image : template.Parameters?.['AmiId']?.Default,
    autoScalingGroupName: groupName,
    type: 'unmanaged',
    version: templateNodeVersion(template),
  };
}

async function physicalId(deps: Deps, stack: string, logicalId: string): Promise<string | undefined> {
  try {
    const out = await callAws('cloudformation:DescribeStackResource', deps.signal, (options) =>
      deps.clients.cloudFormation.send(
        new DescribeStackResourceCommand({ StackName: stack, LogicalResourceId: logicalId }),
        options,
      ),
    );
    return out.StackResourceDetail?.PhysicalResourceId;
  } catch {
    return undefined;
  }
}

/** Every nodegroup of the cluster (or the one named), sorted by name. */
export async function getNodegroups(deps: Deps, cluster: string, name?: string): Promise<NodegroupSummary[]> {
  const found = await findClusterStacks(deps.clients.cloudFormation, cluster, deps.signal);
  const chosen = found.nodeGroups.filter((n) => name === undefined || n.name === name);
  if (name !== undefined && chosen.length === 0) throw notFound(cluster, name, found);
  const out: NodegroupSummary[] = [];
  for (const ng of chosen) out.push(await summaryOf(deps, cluster, ng.name, ng.stack));
  return out;
}

export interface ScaleRequest {
  readonly cluster: string;
  readonly name: string;
  /** `--nodes`. */
  readonly desired: number;
  readonly min?: number;
  readonly max?: number;
}

export type ScaleResult =
  | { readonly outcome: 'unchanged'; readonly nodegroup: NodegroupSummary }
  | { readonly outcome: 'scaled'; readonly nodegroup: NodegroupSummary };

/** eksctl's rule: sizes must satisfy min ≤ desired ≤ max, the unset ones taken from the nodegroup. */
export function checkSizes(current: { min: number; max: number }, request: ScaleRequest): { min: number; max: number } {
  const min = request.min ?? current.min;
  const max = request.max ?? current.max;
  const problem =
    request.desired < 0 || min < 0
      ? 'sizes cannot be negative'
      : min > max
        ? `minimum (${min}) is greater than maximum (${max})`
        : request.desired > max
          ? `the desired nodes ${request.desired} is greater than nodes-max/maxSize ${max}`
          : request.desired < min
            ? `the desired nodes ${request.desired} is less than nodes-min/minSize ${min}`
            : undefined;
  if (problem !== undefined) {
    throw new PrivateEksError('PE_USAGE', problem, {
      source: 'user',
      hint: 'pass --nodes-min and --nodes-max to move the bounds too',
    });
  }
  return { min, max };
}

function scaledTemplate(
  template: Template,
  managed: boolean,
  sizes: { min: number; max: number; desired: number },
): Template {
  const copy = JSON.parse(JSON.stringify(template)) as {
    Resources: Record<string, CfnResource & { Properties: Record<string, CfnValue> }>;
  };
  for (const resource of Object.values(copy.Resources)) {
    if (managed && resource.Type === 'AWS::EKS::Nodegroup') {
      resource.Properties['ScalingConfig'] = { MinSize: sizes.min, MaxSize: sizes.max, DesiredSize: sizes.desired };
    }
    if (!managed && resource.Type === 'AWS::AutoScaling::AutoScalingGroup') {
      // The template's own spelling: CloudFormation's schema types these as strings.
      resource.Properties['MinSize'] = String(sizes.min);
      resource.Properties['MaxSize'] = String(sizes.max);
      resource.Properties['DesiredCapacity'] = String(sizes.desired);
    }
  }
  return copy as unknown as Template;
}

export async function scaleNodegroup(request: ScaleRequest, deps: DeployDeps): Promise<ScaleResult> {
  const found = await findClusterStacks(deps.clients.cloudFormation, request.cluster, deps.signal);
  const ng = found.nodeGroups.find((n) => n.name === request.name);
  if (ng === undefined) throw notFound(request.cluster, request.name, found);
  const current = await summaryOf(deps, request.cluster, ng.name, ng.stack);
  const { min, max } = checkSizes({ min: current.minSize ?? 0, max: current.maxSize ?? request.desired }, request);
  const stackDepsWithClients = sdeps(deps);
  const template = scaledTemplate(await deployedTemplate(stackDepsWithClients, ng.stack), isManaged(ng.stack), {
    min,
    max,
    desired: request.desired,
  });
  const stepId = `scale/${ng.name}`;
  const preview = await previewChangeSet(stackDepsWithClients, {
    stepId,
    stack: ng.stack,
    templateBody: JSON.stringify(template),
    parameters: {},
    tags: ng.stack.tags,
    capabilities: ['CAPABILITY_IAM'],
  });
  if (preview.kind === 'no-changes') return { outcome: 'unchanged', nodegroup: current };
  await executeChangeSet(stackDepsWithClients, stepId, ng.stack, preview.changeSetId);
  return { outcome: 'scaled', nodegroup: await summaryOf(deps, request.cluster, ng.name, ng.stack) };
}

export interface DeleteNodegroupRequest {
  readonly cluster: string;
  readonly name: string;
  /** `--drain` (default true): cordon and evict first when the Kubernetes API answers. */
  readonly drain: boolean;
}

export type DeleteNodegroupResult = {
  readonly outcome: 'deleted' | 'absent';
  readonly stack: string | undefined;
  readonly drain:
    | {
        readonly state: 'drained';
        readonly nodes: number;
        readonly evicted: number;
        /** Set when the nodes were drained through the in-VPC runner, not from here. */
        readonly through?: 'runner';
      }
    | { readonly state: 'unreachable' }
    | { readonly state: 'skipped' };
};

/**
 * The drain `delete cluster` does through the in-VPC runner (delete-drain.ts), for one nodegroup:
 * the runner's access entry gets cluster-admin for the drain only, and gives it back after, also
 * when the drain fails.
 */
async function drainThroughRunner(
  s: ReturnType<typeof sdeps>,
  cluster: string,
  ng: { readonly name: string; readonly stack: StackInfo },
  functionName: string,
  roleArn: string,
): Promise<DeleteNodegroupResult['drain']> {
  const stepId = `delete/${ng.name}`;
  const access: RunnerAccess = { cluster, roleArn, ...(s.signal === undefined ? {} : { signal: s.signal }) };
  s.events({
    code: 'info',
    stepId,
    message: `the Kubernetes API does not answer from here: draining the nodes through the in-VPC runner ${functionName} (cordon, then evict their pods)`,
  });
  const grant = await grantRunnerDrainAccess(s.clients.eks, access);
  try {
    const lambda = await lambdaClientLike(s.clients.eks, s.clients.calls);
    const drained = await drainNodegroupThroughRunner((event) => invokeRunner(lambda, functionName, event, s.signal), {
      nodegroup: ng.name,
      managed: isManaged(ng.stack),
      deletePods: false,
      clock: s.clock,
      ...(s.signal === undefined ? {} : { signal: s.signal }),
      onWait: (blocked, delayMs) =>
        s.events({
          code: 'waiting',
          stepId,
          what: `${blocked.length} pod(s) a disruption budget protects (${blocked.join(', ')})`,
          status: 'eviction refused',
          delayMs,
        }),
    });
    return { state: 'drained', nodes: drained.nodes, evicted: drained.evicted.length, through: 'runner' };
  } finally {
    if (grant === 'granted') await revokeRunnerDrainAccess(s.clients.eks, access);
  }
}

export async function deleteNodegroup(
  request: DeleteNodegroupRequest,
  deps: DeployDeps,
): Promise<DeleteNodegroupResult> {
  const found = await findClusterStacks(deps.clients.cloudFormation, request.cluster, deps.signal);
  const ng = found.nodeGroups.find((n) => n.name === request.name);
  if (ng === undefined) {
    // Gone already (a re-run after the delete finished): nothing to do, as on AWS.
    if (found.clusterStack !== undefined) return { outcome: 'absent', stack: undefined, drain: { state: 'skipped' } };
    throw notFound(request.cluster, request.name, found);
  }
  const s = sdeps(deps);
  let drain: DeleteNodegroupResult['drain'] = { state: 'skipped' };
  if (request.drain && ng.stack.status !== 'DELETE_IN_PROGRESS') {
    const client = await connectToApiServer(deps, request.cluster);
    const runner =
      client === undefined ? found.other.find((o) => o.name === runnerStackName(request.cluster)) : undefined;
    if (client !== undefined) {
      drain = { state: 'drained', ...(await drainNodegroup(client, ng.name)) };
    } else if (runner?.outputs['FunctionName'] !== undefined && runner.outputs['RoleArn'] !== undefined) {
      drain = await drainThroughRunner(
        s,
        request.cluster,
        ng,
        runner.outputs['FunctionName'],
        runner.outputs['RoleArn'],
      );
    } else {
      drain = { state: 'unreachable' };
      s.events({
        code: 'warning',
        stepId: `delete/${ng.name}`,
        message: `the Kubernetes API of ${request.cluster} does not answer from here and the cluster has no in-VPC runner: nodes are not drained before they go (run from inside the VPC, or drain them first: kubectl drain -l alpha.eksctl.io/nodegroup-name=${ng.name})`,
      });
    }
  }
  await deleteAndWait(s, `delete/${ng.name}`, ng.stack);
  return { outcome: 'deleted', stack: ng.stack.name, drain };
}
