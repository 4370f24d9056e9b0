/**
 * The create steps that need the Kubernetes API (plan steps of kind `kubernetes-api`):
 * - `service-accounts`: the IAM role of each `iam.serviceAccounts` entry (a stack each, through
 *   the EKS OIDC provider), then the ServiceAccount objects annotated with the role;
 * - `pod-identity-service-accounts`: the ServiceAccount objects of Pod Identity associations with
 *   `createServiceAccount` (eksctl's "create service account …, if it does not already exist");
 * - `aws-auth`: with `authenticationMode: CONFIG_MAP`, the self-managed nodes' roles mapped in the
 *   aws-auth ConfigMap so they can join; and the file's `iamIdentityMappings` (aws-auth.ts), with
 *   the Role and RoleBinding of a service granted a namespace (emr-containers, service-access.ts);
 * - `windows-ipam`: with a Windows nodegroup, Windows IP address management switched on in
 *   kube-system/amazon-vpc-cni (windows-ipam.ts).
 *
 * The IAM roles are always created. The Kubernetes objects are applied only when the API server
 * answers from here; otherwise the step records exactly what must be applied from inside the VPC
 * (a manifest for `kubectl apply -f -`) and says so — it never pretends. When the plan switches
 * endpoint access (SPEC §7 step 5), public access is (re-)opened first: a resumed run may find it
 * already switched off by the previous, failed run.
 */
import { stringify } from 'yaml';
import { awsAuthConfigMap, desiredAwsAuth, mergeAwsAuth } from './aws-auth.js';
import { isWindowsFamily } from '../templates/ami.js';
import { VPC_CNI_CONFIG_MAP, windowsIpamConfigMap, withWindowsIpam } from './windows-ipam.js';
import { PrivateEksError } from '../errors.js';
import type { PlanStep } from '../plan/types.js';
import { describeClusterAccess } from './cluster-info.js';
import { clusterStackPlan, endpointDeps, stackDeps, type RunState } from './run-state.js';
import { updateEndpointAccess } from './endpoint-access.js';
import { apiServerReachable, apiServerRoute, httpsRequester, KubernetesClient } from './kubernetes-client.js';
import { lambdaClientLike, RunnerKubernetesClient, type KubernetesObjectApi } from './runner-client.js';
import { runnerStackName } from '../plan/stacks.js';
import { isCreateSuccess } from './resume.js';
import { describeStack } from './stacks.js';
import { eksToken } from './kubernetes-token.js';
import { addonsWithIrsaRoles } from '../plan/addon-iam.js';
import {
  ROLE_LOGICAL_ID,
  addonRoleStackName,
  addonRoleTemplate,
  serviceAccountCapabilities,
  serviceAccountObject,
  serviceAccountRoleTemplate,
  serviceAccountStackName,
} from './service-account-roles.js';
import { ensureStack } from './stacks.js';
import { accountOfArn, emrContainersRbac, serviceMappings, type AwsAccount } from './service-access.js';
import type { PodIdentityAssociation } from '../config/resolved.js';

export async function runKubernetesStep(step: PlanStep, state: RunState): Promise<string> {
  if (step.id === 'service-accounts') return serviceAccountsStep(step, state);
  if (step.id === 'pod-identity-service-accounts') return podIdentityServiceAccountsStep(step, state);
  if (step.id === 'aws-auth') return awsAuthStep(step, state);
  if (step.id === 'windows-ipam') return windowsIpamStep(step, state);
  throw new PrivateEksError('PE_INTERNAL', `no implementation for the Kubernetes-API step ${step.id}`, {
    source: 'internal',
  });
}

async function serviceAccountsStep(step: PlanStep, state: RunState): Promise<string> {
  const { plan } = state;
  const cluster = plan.cluster.metadata.name;
  const outputs = state.stacks.get(clusterStackPlan(plan).name)?.outputs ?? {};
  const providerArn = outputs['OIDCProviderARN'];
  const issuerUrl = outputs['OIDCIssuerURL'];
  if (providerArn === undefined || issuerUrl === undefined) {
    throw new PrivateEksError(
      'PE_DEPLOY',
      'iam.serviceAccounts need the cluster OIDC provider, and the cluster stack has none',
      {
        source: 'user',
        hint: 'set iam.withOIDC: true',
      },
    );
  }
  const objects: Record<string, unknown>[] = [];
  await addonRoles(step, state, providerArn, issuerUrl);
  // One stack per account, one at a time: a handful of small IAM stacks, and IAM's
  // CreateRole rate limit is low.
  for (const sa of plan.cluster.iam.serviceAccounts) {
    if (sa.attachRoleARN !== undefined) {
      // A role of the user's: no stack, the ServiceAccount is annotated with it (eksctl).
      if (!sa.roleOnly) objects.push(serviceAccountObject(sa, sa.attachRoleARN, cluster));
      continue;
    }
    const name = serviceAccountStackName(cluster, sa);
    // The file's tags go on the role's stack (and so on the role), as eksctl puts them.
    const tags = {
      ...clusterStackPlan(plan).tags,
      ...sa.tags,
      'alpha.eksctl.io/iamserviceaccount-name': `${sa.namespace}/${sa.name}`,
    };
    const template = serviceAccountRoleTemplate({ serviceAccount: sa, providerArn, issuerUrl, tags });
    const { info, outcome } = await ensureStack(stackDeps(state), {
      stepId: step.id,
      name,
      templateBody: JSON.stringify(template),
      parameters: {},
      tags,
      capabilities: serviceAccountCapabilities(sa),
    });
    state.stackOutcomes.push({ stepId: step.id, stack: name, outcome });
    const roleArn = info.outputs[ROLE_LOGICAL_ID];
    if (roleArn === undefined)
      throw new PrivateEksError('PE_DEPLOY', `stack ${name} has no ${ROLE_LOGICAL_ID} output`, { source: 'aws' });
    if (!sa.roleOnly) objects.push(serviceAccountObject(sa, roleArn, cluster));
  }
  if (objects.length === 0)
    return plan.cluster.iam.serviceAccounts.length > 0 ? 'roles created (roleOnly)' : 'roles created';
  const client = await kubernetesClient(state, step);
  if (client === undefined) {
    recordManual(state, step, `create ${objects.length} ServiceAccount object(s)`, objects);
    return 'roles created; ServiceAccounts to apply from inside the VPC';
  }
  for (const object of objects) await applyServiceAccount(client, object);
  return `roles and ${objects.length} ServiceAccount(s) created`;
}

/** The IRSA role stack of each add-on that needs one (plan/addon-iam.ts), kept in the run state for the addons stack's parameters. */
async function addonRoles(step: PlanStep, state: RunState, providerArn: string, issuerUrl: string): Promise<void> {
  const { plan } = state;
  const cluster = plan.cluster.metadata.name;
  for (const { addon, iam } of addonsWithIrsaRoles(plan.cluster)) {
    const name = addonRoleStackName(cluster, addon);
    const tags = { ...clusterStackPlan(plan).tags, 'alpha.eksctl.io/addon-name': addon.name };
    const template = addonRoleTemplate({ addon, iam, providerArn, issuerUrl, partition: plan.region.partition, tags });
    const { info, outcome } = await ensureStack(stackDeps(state), {
      stepId: step.id,
      name,
      templateBody: JSON.stringify(template),
      parameters: {},
      tags,
      capabilities: ['CAPABILITY_IAM'],
    });
    state.stacks.set(name, info);
    state.stackOutcomes.push({ stepId: step.id, stack: name, outcome });
  }
}

async function ensureNamespace(client: KubernetesObjectApi, namespace: string): Promise<void> {
  if ((await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`)) !== undefined) return;
  await client.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
}

async function applyServiceAccount(client: KubernetesObjectApi, object: Record<string, unknown>): Promise<void> {
  const meta = object['metadata'] as {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  await ensureNamespace(client, meta.namespace);
  const path = `/api/v1/namespaces/${encodeURIComponent(meta.namespace)}/serviceaccounts`;
  const existing = await client.get(`${path}/${encodeURIComponent(meta.name)}`);
  if (existing === undefined) {
    await client.create(path, object);
    return;
  }
  // Keep the object's other fields (secrets, labels set by others); add our labels and annotations
  // (eksctl's MaybeCreateServiceAccountOrUpdateMetadata).
  const existingMeta = (existing['metadata'] ?? {}) as Record<string, unknown>;
  const merged = (key: 'labels' | 'annotations'): Record<string, string> => ({
    ...((existingMeta[key] ?? {}) as Record<string, string>),
    ...meta[key],
  });
  await client.replace(`${path}/${encodeURIComponent(meta.name)}`, {
    ...existing,
    metadata: { ...existingMeta, labels: merged('labels'), annotations: merged('annotations') },
  });
}

/** A ServiceAccount without a role annotation: Pod Identity finds the role through the association. */
export function podIdentityServiceAccountObject(pia: PodIdentityAssociation, cluster: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: pia.serviceAccountName,
      namespace: pia.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'private-eks', 'private-eks.io/cluster': cluster },
    },
  };
}

/**
 * The ServiceAccounts of Pod Identity associations with `createServiceAccount`, created with their
 * namespace when missing (an existing one keeps its fields and gets our labels), as eksctl. They go
 * with the cluster on delete: eksctl's cluster delete removes only the associations' role stacks.
 */
async function podIdentityServiceAccountsStep(step: PlanStep, state: RunState): Promise<string> {
  const cluster = state.plan.cluster.metadata.name;
  const objects = state.plan.cluster.iam.podIdentityAssociations
    .filter((pia) => pia.createServiceAccount === true)
    .map((pia) => podIdentityServiceAccountObject(pia, cluster));
  const client = await kubernetesClient(state, step);
  if (client === undefined) {
    recordManual(state, step, `create ${objects.length} ServiceAccount object(s) (and their namespaces)`, [
      ...namespaceObjects(objects),
      ...objects,
    ]);
    return 'ServiceAccounts to apply from inside the VPC';
  }
  for (const object of objects) await applyServiceAccount(client, object);
  return `${objects.length} ServiceAccount(s) created`;
}

/** The Namespace objects the manifest must hold first, outside the built-in ones. */
function namespaceObjects(objects: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const names = new Set(objects.map((o) => (o['metadata'] as { namespace: string }).namespace));
  return [...names]
    .filter((ns) => !['default', 'kube-system'].includes(ns))
    .map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
}

/** Create or replace a namespaced object (eksctl's CreateOrReplace of emr-containers' Role and RoleBinding). */
async function createOrReplace(client: KubernetesObjectApi, object: Record<string, unknown>): Promise<void> {
  const meta = object['metadata'] as { name: string; namespace: string };
  const plural = `${String(object['kind']).toLowerCase()}s`;
  const collection = `/apis/${String(object['apiVersion'])}/namespaces/${encodeURIComponent(meta.namespace)}/${plural}`;
  const path = `${collection}/${encodeURIComponent(meta.name)}`;
  const existing = await client.get(path);
  if (existing === undefined) await client.create(collection, object);
  else await client.replace(path, { ...object, metadata: { ...(existing['metadata'] as object), ...meta } });
}

/** The cluster's account (eksctl takes it from the cluster ARN), for a service's role. */
async function clusterAccount(state: RunState): Promise<AwsAccount> {
  const { plan } = state;
  let arn = state.stacks.get(clusterStackPlan(plan).name)?.outputs['ARN'];
  arn ??= (await describeClusterAccess(state.deps.clients.eks, plan.cluster.metadata.name, state.signal))?.arn;
  const account = arn === undefined ? undefined : accountOfArn(arn);
  if (account === undefined) {
    throw new PrivateEksError('PE_DEPLOY', "the cluster's ARN is not known, so its account is not either", {
      source: 'aws',
      hint: 're-run create once the cluster is ACTIVE',
    });
  }
  return account;
}

/**
 * The aws-auth ConfigMap: the self-managed node roles (CONFIG_MAP clusters) and the file's
 * `iamIdentityMappings` (aws-auth.ts), merged into the ConfigMap if it exists.
 */
async function awsAuthStep(step: PlanStep, state: RunState): Promise<string> {
  const mapsNodes = state.plan.cluster.accessConfig.authenticationMode === 'CONFIG_MAP';
  const roles: string[] = [];
  const windowsRoles = new Set<string>();
  for (const stack of mapsNodes ? state.plan.stacks.filter((s) => s.kind === 'nodegroup') : []) {
    const arn = state.stacks.get(stack.name)?.outputs['InstanceRoleARN'];
    if (arn === undefined) continue;
    roles.push(arn);
    const ng = state.plan.cluster.nodeGroups.find((n) => n.name === stack.nodeGroup);
    if (isWindowsFamily(ng?.amiFamily)) windowsRoles.add(arn);
  }
  const mappings = state.plan.cluster.iamIdentityMappings ?? [];
  if (roles.length === 0 && mappings.length === 0) return 'nothing to map';
  const services = serviceMappings(mappings);
  const account = services.length > 0 ? await clusterAccount(state) : undefined;
  const desired = desiredAwsAuth(roles, mappings, windowsRoles, account);
  // eksctl applies a service's Role and RoleBinding before it maps the service's role.
  const rbac = services.flatMap((m) => emrContainersRbac(m.namespace));
  const nodesOnly = mappings.length === 0;
  const what = nodesOnly ? 'node role(s)' : 'mapping(s)';
  const client = await kubernetesClient(state, step);
  if (client === undefined) {
    const count = roles.length + mappings.length;
    recordManual(
      state,
      step,
      `${rbac.length > 0 ? `create ${rbac.length} RBAC object(s) and ` : ''}map ${nodesOnly ? `${roles.length} node role(s)` : `${count} identit${count === 1 ? 'y' : 'ies'}`} in the aws-auth ConfigMap (merge into an existing one)`,
      [...namespaceObjects(rbac), ...rbac, awsAuthConfigMap(mergeAwsAuth({}, desired).data)],
    );
    return 'aws-auth to apply from inside the VPC';
  }
  for (const m of services) await ensureNamespace(client, m.namespace);
  for (const object of rbac) await createOrReplace(client, object);
  const path = '/api/v1/namespaces/kube-system/configmaps';
  const existing = await client.get(`${path}/aws-auth`);
  if (existing === undefined) {
    const merged = mergeAwsAuth({}, desired);
    await client.create(path, awsAuthConfigMap(merged.data));
    return `aws-auth created with ${merged.added} ${what}`;
  }
  const merged = mergeAwsAuth((existing['data'] ?? {}) as Record<string, string>, desired);
  if (merged.added === 0)
    return nodesOnly ? 'aws-auth already maps the node roles' : 'aws-auth already holds every mapping';
  await client.replace(`${path}/aws-auth`, { ...existing, data: merged.data });
  return `aws-auth: ${merged.added} ${what} added`;
}

/** kube-system/amazon-vpc-cni with `enable-windows-ipam: "true"` (windows-ipam.ts). */
async function windowsIpamStep(step: PlanStep, state: RunState): Promise<string> {
  const client = await kubernetesClient(state, step);
  if (client === undefined) {
    recordManual(state, step, `switch Windows IP address management on in kube-system/${VPC_CNI_CONFIG_MAP}`, [
      windowsIpamConfigMap(),
    ]);
    return 'Windows IPAM to switch on from inside the VPC';
  }
  const path = '/api/v1/namespaces/kube-system/configmaps';
  const existing = await client.get(`${path}/${VPC_CNI_CONFIG_MAP}`);
  if (existing === undefined) {
    await client.create(path, windowsIpamConfigMap());
    return `${VPC_CNI_CONFIG_MAP} created with Windows IPAM on`;
  }
  const updated = withWindowsIpam(existing);
  if (updated === undefined) return 'Windows IPAM already on';
  await client.replace(`${path}/${VPC_CNI_CONFIG_MAP}`, updated);
  return `Windows IPAM switched on in ${VPC_CNI_CONFIG_MAP}`;
}

function recordManual(state: RunState, step: PlanStep, what: string, objects: readonly unknown[]): void {
  const manifest = objects.map((o) => stringify(o)).join('---\n');
  state.manual.push({ stepId: step.id, what, manifest });
  state.events({
    code: 'warning',
    stepId: step.id,
    message: `the Kubernetes API server does not answer from here: ${what} from inside the VPC (kubectl apply -f -)`,
  });
}

const clients = new WeakMap<RunState, Promise<KubernetesObjectApi | undefined>>();

/**
 * One client per run: through the in-VPC runner when the plan has one, else direct, or undefined
 * when the API server cannot be reached from here.
 */
function kubernetesClient(state: RunState, step: PlanStep): Promise<KubernetesObjectApi | undefined> {
  let client = clients.get(state);
  if (client === undefined) {
    client = connect(state, step);
    clients.set(state, client);
  }
  return client;
}

async function connect(state: RunState, step: PlanStep): Promise<KubernetesObjectApi | undefined> {
  const { plan, deps } = state;
  const cluster = plan.cluster.metadata.name;
  if (plan.runner?.enabled === true) return connectThroughRunner(state, step);
  if (plan.endpointAccess.switchNeeded) {
    // Public access as the plan created it; a failed earlier run may have switched it off.
    await updateEndpointAccess(
      endpointDeps(state),
      cluster,
      { ...plan.endpointAccess.initial, publicAccessCidrs: plan.endpointAccess.publicAccessCidrs },
      { wait: true },
    );
  }
  const outputs = state.stacks.get(clusterStackPlan(plan).name)?.outputs ?? {};
  let endpoint = outputs['Endpoint'];
  let caData = outputs['CertificateAuthorityData'];
  if (endpoint === undefined || caData === undefined) {
    const described = await describeClusterAccess(deps.clients.eks, cluster, state.signal);
    endpoint ??= described?.endpoint;
    caData ??= described?.certificateAuthorityData;
  }
  if (endpoint === undefined || caData === undefined) return undefined;
  const proxyEnv = deps.kubernetes?.proxyEnv ?? process.env;
  const route = apiServerRoute(endpoint, proxyEnv);
  const reachable = await (deps.kubernetes?.reachable ?? ((e: string) => apiServerReachable(e, { proxyEnv })))(
    endpoint,
  );
  if (!reachable) return undefined;
  state.events({
    code: 'info',
    stepId: step.id,
    message: `Kubernetes API server ${new URL(endpoint).host} answers from here (${route})`,
  });
  const token =
    deps.kubernetes?.token ??
    (() => eksToken(deps.clients.sts, { cluster, region: plan.region.name, partition: plan.region.partition }));
  return new KubernetesClient(endpoint, caData, token, deps.kubernetes?.requester ?? httpsRequester(proxyEnv), route);
}

/**
 * The runner's function, from its stack's outputs: in `create cluster` the runner step ran before
 * every Kubernetes step; `create nodegroup` runs no runner step, and reads the stack the cluster's
 * create left.
 */
async function connectThroughRunner(state: RunState, step: PlanStep): Promise<KubernetesObjectApi> {
  const stackName = runnerStackName(state.plan.cluster.metadata.name);
  if (!state.stacks.has(stackName)) {
    const existing = await describeStack(state.deps.clients.cloudFormation, stackName, state.signal);
    if (existing !== undefined && isCreateSuccess(existing.status)) state.stacks.set(stackName, existing);
  }
  const functionName = state.stacks.get(stackName)?.outputs['FunctionName'];
  if (functionName === undefined) {
    throw new PrivateEksError('PE_DEPLOY', `the runner stack ${stackName} has no FunctionName output`, {
      source: 'aws',
      hint: 're-run create: the runner stack is re-created when it is incomplete',
    });
  }
  state.events({
    code: 'info',
    stepId: step.id,
    message: `applying Kubernetes objects through the in-VPC runner ${functionName} (the API server stays private)`,
  });
  const lambda = await lambdaClientLike(state.deps.clients.eks, state.deps.clients.calls);
  return new RunnerKubernetesClient(lambda, functionName, state.signal);
}
