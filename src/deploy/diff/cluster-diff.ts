/**
 * Drift and diff of a cluster that exists (`plan` and `create cluster` against it, `update
 * cluster`): the file is planned as it would be created now — at the control plane's current
 * version, private-only — and each of the cluster's stacks is compared with it through a
 * CloudFormation change set; the version and endpoint access, which change through the EKS API,
 * are compared with what DescribeCluster says.
 *
 * Change sets are the only thing written: `plan` deletes them again, `update cluster` executes
 * them (keepChangeSets). Nothing else is changed here.
 */
import { GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import type { ResolvedConfig } from '../../config/resolved.js';
import type { Problem } from '../../config/problem.js';
import { buildPlan } from '../../plan/plan.js';
import type { CloudFacts } from '../../plan/facts.js';
import type { Plan, StackPlan } from '../../plan/types.js';
import { renderTemplates } from '../../templates/render.js';
import { templateBody } from '../../templates/json.js';
import type { Template } from '../../templates/types.js';
import type { AwsClients } from '../../aws/types.js';
import { callAws } from '../aws-call.js';
import { internal } from '../run-state.js';
import { deleteChangeSet, previewChangeSet } from '../change-sets.js';
import { describeClusterAccess, type ClusterAccessInfo } from '../cluster-info.js';
import { findClusterStacks, type ClusterStacks } from '../cluster-stacks.js';
import type { StackDeps, StackInfo } from '../stacks.js';
import { waitForStack } from '../stacks.js';
import { pinApiManagedFields, type PinOptions } from './pin.js';
import { refusalsFor } from './refusals.js';
import type { ClusterDiff, EksChange, StackDiff } from './types.js';

export interface ExistingClusterPlan {
  readonly plan: Plan;
  readonly templates: ReadonlyMap<string, Template>;
  readonly live: ClusterAccessInfo;
  /** The version the file asks for (the plan itself is made at the control plane's version). */
  readonly fileVersion: string;
}

/**
 * The plan of a file for its existing cluster, or `undefined` when EKS has no such cluster.
 * `version`: plan at this version instead of the control plane's (upgrade's nodegroup step).
 */
export async function planExistingCluster(
  config: ResolvedConfig,
  facts: CloudFacts,
  clients: Pick<AwsClients, 'eks'>,
  options: { readonly version?: string; readonly signal?: AbortSignal } = {},
): Promise<{ existing: ExistingClusterPlan | undefined; problems: readonly Problem[] }> {
  const live = await describeClusterAccess(clients.eks, config.metadata.name, options.signal);
  if (live === undefined) return { existing: undefined, problems: [] };
  const version = options.version ?? live.version ?? config.metadata.version;
  const atVersion: ResolvedConfig = { ...config, metadata: { ...config.metadata, version } };
  const { plan, problems } = await buildPlan(atVersion, facts, { endpointSwitch: 'auto' });
  if (plan === undefined) return { existing: undefined, problems };
  // The cluster exists: it is left private-only, whatever a create would have done on the way.
  const settled: Plan = {
    ...plan,
    endpointAccess: { ...plan.endpointAccess, initial: plan.endpointAccess.final, switchNeeded: false },
    steps: plan.steps.filter((s) => s.kind !== 'endpoint-access-update'),
  };
  return {
    existing: { plan: settled, templates: renderTemplates(settled), live, fileVersion: config.metadata.version },
    problems,
  };
}

export interface DiffDeps extends StackDeps {
  readonly clients: Pick<AwsClients, 'eks' | 'cloudFormation'>;
}

export interface DiffOptions {
  /** Keep the change sets for `update cluster` to execute (plan deletes them). */
  readonly keepChangeSets?: boolean;
  /** Stacks whose nodegroup AMI follows the plan's version (upgrade), not the deployed one. */
  readonly followVersion?: ReadonlySet<string>;
  /** Only these stacks (upgrade compares one nodegroup at a time). */
  readonly only?: ReadonlySet<string>;
  /** Upgrade: add-on name → the version it moves to. */
  readonly addonVersions?: ReadonlyMap<string, string>;
}

export async function deployedTemplate(deps: DiffDeps, stack: StackInfo): Promise<Template> {
  const out = await callAws('cloudformation:GetTemplate', deps.signal, (options) =>
    deps.cfn.send(new GetTemplateCommand({ StackName: stack.id, TemplateStage: 'Original' }), options),
  );
  return JSON.parse(out.TemplateBody ?? '{"Resources":{}}') as Template;
}

function existingStack(found: ClusterStacks, name: string): StackInfo | undefined {
  return [
    found.clusterStack,
    ...found.nodeGroups.map((n) => n.stack),
    found.fargate,
    ...found.addons,
    ...found.other,
  ].find((s) => s?.name === name);
}

/** The desired template of a planned stack, as it would be deployed onto the existing one. */
export async function desiredTemplate(
  deps: DiffDeps,
  existing: ExistingClusterPlan,
  stackPlan: StackPlan,
  deployed: StackInfo,
  pin: PinOptions,
): Promise<Template> {
  const rendered = existing.templates.get(stackPlan.name);
  if (rendered === undefined) throw internal(`no template for ${stackPlan.name}`);
  return pinApiManagedFields(rendered, await deployedTemplate(deps, deployed), pin);
}

async function diffStack(
  deps: DiffDeps,
  existing: ExistingClusterPlan,
  stackPlan: StackPlan,
  found: ClusterStacks,
  options: DiffOptions,
): Promise<StackDiff> {
  const base = {
    stack: stackPlan.name,
    stackKind: stackPlan.kind,
    ...(stackPlan.nodeGroup === null ? {} : { nodeGroup: stackPlan.nodeGroup }),
  };
  let deployed = existingStack(found, stackPlan.name);
  // A stack still being worked on (an interrupted run): wait until it settles, then compare.
  if (deployed !== undefined && deployed.status.endsWith('_IN_PROGRESS')) {
    deployed = await waitForStack(deps, { stepId: `diff/${stackPlan.name}`, stack: deployed, goal: 'settle' });
  }
  const usable = deployed !== undefined && /(CREATE|UPDATE)_COMPLETE$/.test(deployed.status);
  if (deployed === undefined || !usable) return { ...base, change: 'add', resources: [] };
  const template = await desiredTemplate(deps, existing, stackPlan, deployed, {
    followVersion: options.followVersion?.has(stackPlan.name) === true,
    ...(options.addonVersions === undefined ? {} : { addonVersions: options.addonVersions }),
  });
  const preview = await previewChangeSet(deps, {
    stepId: `diff/${stackPlan.name}`,
    stack: deployed,
    templateBody: templateBody(template),
    parameters: {},
    tags: stackPlan.tags,
    capabilities: stackPlan.capabilities,
  });
  if (preview.kind === 'no-changes') return { ...base, change: 'unchanged', resources: [], stackId: deployed.id };
  if (options.keepChangeSets !== true) await deleteChangeSet(deps, deployed.id, preview.changeSetId);
  return {
    ...base,
    change: 'update',
    resources: preview.changes,
    stackId: deployed.id,
    ...(options.keepChangeSets === true ? { changeSetId: preview.changeSetId } : {}),
  };
}

function eksChanges(existing: ExistingClusterPlan): EksChange[] {
  const changes: EksChange[] = [];
  const current = existing.live.version ?? 'unknown';
  if (current !== existing.fileVersion) {
    changes.push({ field: 'version', from: current, to: existing.fileVersion, appliedBy: 'upgrade cluster' });
  }
  const wanted = existing.plan.endpointAccess.final;
  const access = (publicAccess: boolean | undefined, privateAccess: boolean | undefined): string =>
    `public ${publicAccess === true ? 'on' : 'off'}, private ${privateAccess === true ? 'on' : 'off'}`;
  const from = access(existing.live.publicAccess, existing.live.privateAccess);
  const to = access(wanted.publicAccess, wanted.privateAccess);
  if (from !== to) changes.push({ field: 'endpointAccess', from, to, appliedBy: 'update cluster' });
  return changes;
}

export async function diffCluster(
  existing: ExistingClusterPlan,
  deps: DiffDeps,
  options: DiffOptions = {},
): Promise<ClusterDiff> {
  const cluster = existing.plan.cluster.metadata.name;
  const found = await findClusterStacks(deps.cfn, cluster, deps.signal);
  const planned = existing.plan.stacks.filter((s) => options.only === undefined || options.only.has(s.name));
  const stacks: StackDiff[] = [];
  // One stack at a time: change sets are cheap, and CloudFormation throttles CreateChangeSet bursts.
  for (const stackPlan of planned) stacks.push(await diffStack(deps, existing, stackPlan, found, options));
  if (options.only === undefined) {
    const plannedNames = new Set(planned.map((s) => s.name));
    for (const ng of found.nodeGroups) {
      if (plannedNames.has(ng.stack.name)) continue;
      stacks.push({ stack: ng.stack.name, change: 'remove', stackKind: 'other', nodeGroup: ng.name, resources: [] });
    }
  }
  return {
    cluster,
    region: existing.plan.region.name,
    currentVersion: existing.live.version ?? 'unknown',
    stacks,
    eks: options.only === undefined ? eksChanges(existing) : [],
    refusals: refusalsFor(stacks),
  };
}
