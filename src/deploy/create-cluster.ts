/**
 * `create cluster` (SPEC §7): runs the plan's steps as a graph — cluster stack → nodegroup stacks
 * (in parallel, bounded) and the Fargate stack → kubeconfig → Kubernetes-API steps and the add-ons
 * stack → the endpoint-access switch when the plan needs it — and returns a CreateResult. Every stack step
 * resumes (stacks.ts), so re-running after a failure or Ctrl-C picks up where the last run stopped.
 *
 * Nothing created is ever deleted here: a failed stack is reported with its first failed
 * resource and left for the next run (which deletes and recreates a rolled-back stack).
 */
import { AbortedError, DeployError, PrivateEksError } from '../errors.js';
import { writeKubeconfigEntry } from '../kubeconfig/file.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { templateBody } from '../templates/json.js';
import { addonRoleParameters } from '../templates/addons.js';
import type { Template } from '../templates/types.js';
import { describeClusterAccess } from './cluster-info.js';
import { PRIVATE_ONLY, switchOffPublicAccessAfterFailure, updateEndpointAccess } from './endpoint-access.js';
import { waitForKubeSystemProfiles } from './fargate-wait.js';
import { runKubernetesStep } from './kubernetes-steps.js';
import { controlPlaneLogGroupName, ensureControlPlaneLogGroup } from './log-group.js';
import { configureNodeGroupAsg } from './nodegroup-asg.js';
import { ensureEndpointsStack } from './shared-endpoints.js';
import { verifyCluster } from '../verify/cluster.js';
import { needsUserEndpointLayout, verifyUserEndpointLayout } from '../verify/preflight.js';
import type { VerifyReport } from '../verify/types.js';
import { stepFailure, type CreateResult, type EndpointAccessReport, type StepFailure } from './results.js';
import {
  clusterStackPlan,
  endpointDeps,
  internal,
  newRunState,
  stackDeps,
  stackWatch,
  type DeployDeps,
  type RunState,
} from './run-state.js';
import { ROLE_LOGICAL_ID, addonRoleStackName } from './service-account-roles.js';
import { ensureStack } from './stacks.js';
import { DEFAULT_PARALLELISM, StepGraph, type GraphStep, type StepRecord } from './step-graph.js';

/** What createCluster creates: the plan and its templates (renderTemplates(plan)). */
export interface CreateClusterInput {
  readonly plan: Plan;
  /** From renderTemplates(plan): one template per planned stack. */
  readonly templates: ReadonlyMap<string, Template>;
}

/**
 * Creates the planned cluster: the stacks in dependency order, then the steps that need the cluster (kubeconfig, service accounts, add-ons, the endpoint-access switch). Resumes a half-done run: stacks already complete are kept. Emits DeployEvents through `deps.events`; never prints.
 *
 * @returns what was created, or which step failed and why; an interrupted run (AbortSignal) resolves with what is done
 */
export async function createCluster(input: CreateClusterInput, deps: DeployDeps): Promise<CreateResult> {
  if (needsUserEndpointLayout(input.plan)) await refuseBrokenUserEndpoints(input.plan, deps);
  const state = newRunState(input.plan, deps);
  const graph = new StepGraph(input.plan.steps.map((step) => graphStep(step, state, input.templates)));
  const run = await graph.run({
    parallelism: deps.parallelism ?? DEFAULT_PARALLELISM,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    events: state.events,
  });
  return finish(state, run.steps, run.interrupted);
}

/**
 * `skipEndpointCreation`: the VPC's endpoints are the user's; a layout the nodes could not work
 * with is refused before any stack exists, each failure with its fix.
 */
async function refuseBrokenUserEndpoints(plan: Plan, deps: DeployDeps): Promise<void> {
  const findings = await verifyUserEndpointLayout(deps.clients.ec2, plan, deps.signal);
  const failed = findings.filter((f) => f.status === 'fail');
  if (failed.length === 0) return;
  throw new PrivateEksError(
    'PE_ENDPOINT_LAYOUT',
    `the endpoints of ${plan.vpc.id ?? 'the VPC'} would not serve the cluster's nodes (privateCluster.skipEndpointCreation: private-eks creates none):\n${failed.map((f) => `  ${f.resource}: ${f.message}`).join('\n')}`,
    {
      source: 'user',
      hint: failed.flatMap((f) => (f.fix === undefined ? [] : [f.fix])).join('\n'),
    },
  );
}

/** Turns a plan step into a runnable graph step. */
export function graphStep(step: PlanStep, state: RunState, templates: ReadonlyMap<string, Template>): GraphStep {
  const run = (): Promise<string> => {
    switch (step.kind) {
      case 'endpoints-stack':
        return runEndpointsStackStep(step, state, templates);
      case 'log-group':
        return runLogGroupStep(state);
      case 'nodegroup-stack':
        return runNodeGroupStep(step, state, templates);
      case 'cluster-stack':
      case 'fargate-stack':
      case 'addons-stack':
      case 'runner-stack':
        return runStackStep(step, state, templates);
      case 'fargate-profiles-wait':
        return waitForKubeSystemProfiles(step, state);
      case 'kubeconfig':
        return runKubeconfigStep(state);
      case 'kubernetes-api':
        return runKubernetesStep(step, state);
      case 'endpoint-access-update':
        return runEndpointAccessStep(state);
    }
  };
  return { id: step.id, description: step.description, dependsOn: step.dependsOn, run };
}

/** The nodegroup's stack, then what its auto scaling group needs once it exists (nodegroup-asg.ts). */
async function runNodeGroupStep(
  step: PlanStep,
  state: RunState,
  templates: ReadonlyMap<string, Template>,
): Promise<string> {
  const outcome = await runStackStep(step, state, templates);
  const group = await configureNodeGroupAsg(state, step);
  return group === undefined || group === '' ? outcome : `${outcome}; ${group}`;
}

async function runStackStep(
  step: PlanStep,
  state: RunState,
  templates: ReadonlyMap<string, Template>,
): Promise<string> {
  const stack = state.plan.stacks.find((s) => s.name === step.stack);
  const template = stack === undefined ? undefined : templates.get(stack.name);
  if (stack === undefined || template === undefined) throw internal(`no stack or template for step ${step.id}`);
  const watch = stackWatch(state, stack.name);
  try {
    const parameters = await stackParameters(template, state);
    const { info, outcome } = await ensureStack(stackDeps(state), {
      stepId: step.id,
      name: stack.name,
      templateBody: templateBody(template),
      parameters,
      tags: stack.tags,
      capabilities: stack.capabilities,
      onStack: (current) => {
        watch.current = current;
      },
    });
    state.stacks.set(stack.name, info);
    state.stackOutcomes.push({ stepId: step.id, stack: stack.name, outcome });
    watch.ended = { ok: true };
    return outcome;
  } catch (error) {
    watch.ended = { ok: false, error };
    throw error;
  }
}

async function runEndpointsStackStep(
  step: PlanStep,
  state: RunState,
  templates: ReadonlyMap<string, Template>,
): Promise<string> {
  const stack = state.plan.stacks.find((s) => s.name === step.stack);
  const template = stack === undefined ? undefined : templates.get(stack.name);
  if (stack === undefined || template === undefined) throw internal(`no stack or template for step ${step.id}`);
  const { info, outcome } = await ensureEndpointsStack(stackDeps(state), {
    stepId: step.id,
    name: stack.name,
    templateBody: templateBody(template),
    parameters: await stackParameters(template, state),
    tags: stack.tags,
    capabilities: stack.capabilities,
  });
  state.stacks.set(stack.name, info);
  state.stackOutcomes.push({
    stepId: step.id,
    stack: stack.name,
    outcome: outcome === 'unchanged' ? 'reused' : outcome,
  });
  const added = state.plan.sharedEndpoints?.added ?? [];
  return outcome === 'unchanged'
    ? 'shared endpoints already in place; cluster recorded as a user'
    : `${outcome}${added.length > 0 ? `: added ${added.join(', ')}` : ''}`;
}

async function runLogGroupStep(state: RunState): Promise<string> {
  const { cloudWatch, metadata } = state.plan.cluster;
  if (cloudWatch.logRetentionInDays === undefined) return 'no retention set';
  const { outcome, previousRetentionInDays } = await ensureControlPlaneLogGroup(state.deps.clients, {
    cluster: metadata.name,
    retentionInDays: cloudWatch.logRetentionInDays,
    tags: clusterStackPlan(state.plan).tags,
    ...(state.signal === undefined ? {} : { signal: state.signal }),
  });
  if (outcome === 'created') return `created (retention ${cloudWatch.logRetentionInDays} days)`;
  const before = previousRetentionInDays === null ? 'never expire' : `${previousRetentionInDays} days`;
  state.events({
    code: 'info',
    stepId: 'log-group',
    message: `adopted the existing log group ${controlPlaneLogGroupName(metadata.name)} (left by an earlier cluster of this name): its logs are kept, retention ${before} → ${cloudWatch.logRetentionInDays} days`,
  });
  return `adopted (retention ${cloudWatch.logRetentionInDays} days)`;
}

/** Values for the template's parameters that have no default and that private-eks knows how to fill. */
async function stackParameters(template: Template, state: RunState): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const addonRoles = new Map(
    addonRoleParameters(state.plan).map(({ parameter, addon }) => [
      parameter,
      addonRoleStackName(state.plan.cluster.metadata.name, addon),
    ]),
  );
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const roleStack = addonRoles.get(name);
    if (roleStack !== undefined) {
      // An add-on's IRSA role, made by the service-accounts step.
      const arn = state.stacks.get(roleStack)?.outputs[ROLE_LOGICAL_ID];
      if (arn === undefined) throw internal(`the add-on role stack ${roleStack} has no ${ROLE_LOGICAL_ID} output`);
      out[name] = arn;
    } else if (name === 'OIDCThumbprint') {
      if (state.deps.oidcThumbprint === undefined)
        throw internal('the template needs an OIDC thumbprint and none can be computed');
      out[name] = await state.deps.oidcThumbprint(state.plan.region.name);
    } else if (parameter.Default === undefined) {
      throw internal(`the template parameter ${name} has no default and private-eks has no value for it`);
    }
  }
  return out;
}

async function runKubeconfigStep(state: RunState): Promise<string> {
  if (state.deps.kubeconfigPath === false) return 'skipped (--no-write-kubeconfig)';
  const { plan } = state;
  const clusterStack = state.stacks.get(clusterStackPlan(plan).name);
  const outputs = clusterStack?.outputs ?? {};
  let endpoint = outputs['Endpoint'];
  let ca = outputs['CertificateAuthorityData'];
  let arn = outputs['ARN'];
  if (endpoint === undefined || ca === undefined) {
    const described = await describeClusterAccess(state.deps.clients.eks, plan.cluster.metadata.name, state.signal);
    endpoint ??= described?.endpoint;
    ca ??= described?.certificateAuthorityData;
    arn ??= described?.arn;
  }
  if (endpoint === undefined || ca === undefined) {
    throw new DeployError(
      'the cluster has no API endpoint or CA data yet; cannot write a kubeconfig entry',
      'kubeconfig',
      {
        hint: 're-run `private-eks utils write-kubeconfig` once the cluster is ACTIVE',
      },
    );
  }
  const { name } = await writeKubeconfigEntry(state.deps.kubeconfigPath, {
    clusterName: plan.cluster.metadata.name,
    region: plan.region.name,
    endpoint,
    certificateAuthorityData: ca,
    ...(arn === undefined ? {} : { arn }),
    ...(state.deps.profile === undefined ? {} : { profile: state.deps.profile }),
  });
  state.kubeconfig = { path: state.deps.kubeconfigPath, context: name };
  state.events({
    code: 'info',
    stepId: 'kubeconfig',
    message: `kubeconfig context "${name}" written to ${state.deps.kubeconfigPath}`,
  });
  return 'written';
}

async function runEndpointAccessStep(state: RunState): Promise<string> {
  const outcome = await updateEndpointAccess(endpointDeps(state), state.plan.cluster.metadata.name, PRIVATE_ONLY, {
    wait: true,
  });
  state.switchedOff =
    outcome.result === 'updated' && outcome.updateId !== undefined ? { updateId: outcome.updateId } : {};
  return outcome.result === 'unchanged' ? 'already private-only' : 'public access off';
}

/** The created cluster, read back through the AWS APIs against its plan. */
async function verifyCreated(state: RunState): Promise<VerifyReport> {
  const { plan } = state;
  state.events({ code: 'info', stepId: 'verify', message: 'verifying the cluster through the AWS APIs' });
  const skip = plan.cluster.privateCluster.skipEndpointCreation;
  const report = await verifyCluster(
    state.deps.clients,
    {
      cluster: plan.cluster.metadata.name,
      endpointAccess: plan.endpointAccess.final,
      // With skipEndpointCreation the required endpoints are the user's (the plan lists none).
      ...(skip ? {} : { services: plan.endpoints.map((e) => ({ serviceName: e.serviceName, type: e.type })) }),
    },
    state.signal,
  );
  const failed = report.findings.filter((f) => f.status === 'fail').length;
  state.events({
    code: failed === 0 ? 'info' : 'warning',
    stepId: 'verify',
    message:
      failed === 0
        ? `verified: ${report.findings.length} checks passed (endpoints, private DNS, zones, S3 routes, security group, endpoint access, nodegroups)`
        : `verification failed: ${failed} of ${report.findings.length} checks`,
  });
  return report;
}

/** The read-back, or undefined when Ctrl-C comes before or during it. */
async function verifyUnlessInterrupted(state: RunState): Promise<VerifyReport | undefined> {
  if (state.signal?.aborted === true) return undefined;
  try {
    return await verifyCreated(state);
  } catch (error) {
    if (error instanceof AbortedError) return undefined;
    throw error;
  }
}

/** Builds the result; after a failure or Ctrl-C, makes sure a public API server is not left behind. */
export async function finish(
  state: RunState,
  steps: readonly StepRecord[],
  interrupted: boolean,
): Promise<CreateResult> {
  const ok = steps.every((s) => s.status === 'succeeded');
  let endpointAccess: EndpointAccessReport = { state: 'private-from-start' };
  if (state.plan.endpointAccess.switchNeeded) {
    if (ok) {
      endpointAccess = { state: 'switched-off', ...(state.switchedOff ?? {}) };
    } else {
      const { signal: _signal, ...deps } = endpointDeps(state);
      const outcome = await switchOffPublicAccessAfterFailure(deps, state.plan.cluster.metadata.name);
      endpointAccess = { state: 'after-failure', outcome };
    }
  }
  const common = {
    cluster: state.plan.cluster.metadata.name,
    region: state.plan.region.name,
    steps,
    stacks: state.stackOutcomes,
    kubeconfig: state.kubeconfig,
    manual: state.manual,
    endpointAccess,
  };
  if (ok) {
    if (state.deps.verify === false) return { outcome: 'created', ...common };
    const verification = interrupted ? undefined : await verifyUnlessInterrupted(state);
    if (verification === undefined) {
      // Everything was made before the interrupt landed: the create is done; only the read-back is not.
      state.events({
        code: 'info',
        stepId: 'verify',
        message: `verification skipped (interrupted); \`private-eks get cluster --name ${common.cluster} --region ${common.region} --verify\` runs it`,
      });
      return { outcome: 'created', ...common };
    }
    const failed = verification.findings.filter((f) => f.status === 'fail');
    if (failed.length === 0) return { outcome: 'created', ...common, verification };
    const failures = failed.map((f): StepFailure => ({
      stepId: 'verify',
      message: f.message,
      resource: f.resource,
      ...(f.fix === undefined ? {} : { hint: f.fix }),
    }));
    return { outcome: 'failed', failures, ...common, verification };
  }
  const failures: StepFailure[] = steps.flatMap((s) => (s.status === 'failed' ? [stepFailure(s)] : []));
  if (interrupted && failures.length === 0) return { outcome: 'interrupted', ...common };
  return { outcome: 'failed', failures, ...common };
}
