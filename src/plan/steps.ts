/**
 * The create's step graph (SPEC §7): cluster stack → (nodegroup stacks ∥ Fargate stack) →
 * (Kubernetes-API steps ∥ add-ons stack) → endpoint-access switch (only when needed); kubeconfig
 * after the cluster stack. Step ids are stable and readable: deploy code, progress output and
 * tests use them.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import { isWindowsFamily } from '../templates/ami.js';
import { addonsWithIrsaRoles } from './addon-iam.js';
import { fargateCreationOrder, profilesTheAddonsNeed } from './fargate-order.js';
import type { PlanStep, StackPlan } from './types.js';

export const STEP_IDS = {
  endpoints: 'endpoints',
  logGroup: 'log-group',
  cluster: 'cluster',
  nodeGroup: (name: string): string => `nodegroup/${name}`,
  fargate: 'fargate',
  fargateKubeSystem: 'fargate/kube-system',
  kubeconfig: 'kubeconfig',
  serviceAccounts: 'service-accounts',
  podIdentityServiceAccounts: 'pod-identity-service-accounts',
  awsAuth: 'aws-auth',
  windowsIpam: 'windows-ipam',
  addons: 'addons',
  endpointAccess: 'endpoint-access',
  runner: 'runner',
} as const;

/**
 * What the nodegroup's step does to its auto scaling group once the stack is up
 * (deploy/nodegroup-asg.ts), said in the step so the plan shows it.
 */
function afterNodeGroup(config: ResolvedConfig, stack: StackPlan): string {
  const managed = stack.kind === 'managed-nodegroup';
  const ng = (managed ? config.managedNodeGroups : config.nodeGroups).find((n) => n.name === stack.nodeGroup);
  if (ng === undefined) return '';
  const then = [
    ...(managed && ng.propagateASGTags === true
      ? ['tag the auto scaling group EKS made with its labels, taints and tags (propagateASGTags)']
      : []),
    ...(ng.asgSuspendProcesses.length > 0
      ? [`suspend ${ng.asgSuspendProcesses.join(', ')} on its auto scaling group`]
      : []),
  ];
  return then.length === 0 ? '' : `, then ${then.join(' and ')}`;
}

/**
 * Every step but the endpoint-access switch, which depends on the decision these steps feed
 * (endpoint-access.ts).
 */
export function planSteps(config: ResolvedConfig, stacks: readonly StackPlan[]): PlanStep[] {
  const steps: PlanStep[] = [];
  const clusterStack = stacks.find((s) => s.kind === 'cluster');
  const endpointsStack = stacks.find((s) => s.kind === 'endpoints');
  // The supplied VPC's shared endpoints go up beside the control plane; the nodes need both.
  if (endpointsStack !== undefined) {
    steps.push({
      id: STEP_IDS.endpoints,
      kind: 'endpoints-stack',
      description: `create or extend the VPC's shared endpoints stack and record the cluster as a user`,
      dependsOn: [],
      stack: endpointsStack.name,
      needsKubernetesApi: false,
    });
  }
  // Created (or adopted when an earlier cluster of the same name left it) through the API before
  // the control plane, so EKS finds it and an existing one cannot roll the cluster stack back.
  const logGroup = config.cloudWatch.enableTypes.length > 0 && config.cloudWatch.logRetentionInDays !== undefined;
  if (logGroup) {
    steps.push({
      id: STEP_IDS.logGroup,
      kind: 'log-group',
      description: `create or adopt the log group /aws/eks/${config.metadata.name}/cluster (retention ${config.cloudWatch.logRetentionInDays ?? ''} days)`,
      dependsOn: [],
      stack: null,
      needsKubernetesApi: false,
    });
  }
  steps.push({
    id: STEP_IDS.cluster,
    kind: 'cluster-stack',
    description:
      endpointsStack === undefined
        ? 'create the cluster stack: VPC, subnets, endpoints, security groups, control plane'
        : 'create the cluster stack: security groups, control plane',
    dependsOn: logGroup ? [STEP_IDS.logGroup] : [],
    stack: clusterStack?.name ?? null,
    needsKubernetesApi: false,
  });
  const nodeDeps = endpointsStack === undefined ? [STEP_IDS.cluster] : [STEP_IDS.endpoints, STEP_IDS.cluster];
  const capacity: string[] = [];
  for (const stack of stacks) {
    if (stack.kind === 'managed-nodegroup' || stack.kind === 'nodegroup') {
      const id = STEP_IDS.nodeGroup(stack.nodeGroup ?? stack.name);
      capacity.push(id);
      steps.push({
        id,
        kind: 'nodegroup-stack',
        description: `create the ${stack.kind === 'managed-nodegroup' ? 'managed' : 'self-managed'} nodegroup "${stack.nodeGroup ?? ''}"${afterNodeGroup(config, stack)}`,
        dependsOn: nodeDeps,
        stack: stack.name,
        needsKubernetesApi: false,
      });
    } else if (stack.kind === 'fargate') {
      const profiles = fargateCreationOrder(config.fargateProfiles);
      steps.push({
        id: STEP_IDS.fargate,
        kind: 'fargate-stack',
        description: `create the Fargate profile(s) ${profiles.map((p) => `"${p.name}"`).join(', ')}${profiles.length > 1 ? ', one at a time in this order (EKS creates one at a time per cluster)' : ''}`,
        dependsOn: nodeDeps,
        stack: stack.name,
        needsKubernetesApi: false,
      });
      const forAddons = stacks.some((s) => s.kind === 'addons') ? profilesTheAddonsNeed(config) : undefined;
      if (forAddons === undefined) {
        capacity.push(STEP_IDS.fargate);
      } else {
        // Declared right after the stack step and with the same dependencies, so the graph starts
        // the stack first (at any parallelism): this step watches that stack, it creates nothing.
        capacity.push(STEP_IDS.fargateKubeSystem);
        steps.push({
          id: STEP_IDS.fargateKubeSystem,
          kind: 'fargate-profiles-wait',
          description: `wait for the Fargate profile(s) ${forAddons.map((p) => `"${p.name}"`).join(', ')} selecting kube-system (first in the Fargate stack), so the add-ons need not wait for the other profiles`,
          dependsOn: nodeDeps,
          stack: null,
          needsKubernetesApi: false,
        });
      }
    }
  }
  steps.push({
    id: STEP_IDS.kubeconfig,
    kind: 'kubeconfig',
    description: 'write the kubeconfig entry (aws eks get-token)',
    dependsOn: [STEP_IDS.cluster],
    stack: null,
    needsKubernetesApi: false,
  });
  // What the add-ons wait for: every nodegroup and the Fargate stack, or on a cluster without
  // nodegroups only the profiles selecting kube-system (plan/fargate-order.ts).
  const afterCapacity = capacity.length > 0 ? capacity : nodeDeps;
  const serviceAccounts = config.iam.serviceAccounts;
  const addonRoles = addonsWithIrsaRoles(config).length;
  if (serviceAccounts.length > 0 || addonRoles > 0) {
    // roleOnly accounts need only their IAM role; the others are Kubernetes objects. Neither needs a
    // node, so they start with the nodegroups, right after the control plane. Add-ons' IRSA roles
    // are made here too (their trust names the OIDC issuer, known once the cluster exists).
    const objects = serviceAccounts.filter((sa) => !sa.roleOnly).length;
    const roles = serviceAccounts.filter((sa) => sa.attachRoleARN === undefined).length;
    const what = [
      ...(roles > 0 ? [`the IAM roles of ${roles} service account(s)`] : []),
      ...(addonRoles > 0 ? [`the IRSA roles of ${addonRoles} add-on(s)`] : []),
      ...(objects > 0 ? [`${objects} Kubernetes ServiceAccount object(s)`] : []),
    ];
    steps.push({
      id: STEP_IDS.serviceAccounts,
      kind: 'kubernetes-api',
      description: `create ${what.join(', ')}${objects === 0 && serviceAccounts.length > 0 ? ' (roleOnly)' : ''}`,
      dependsOn: [STEP_IDS.cluster],
      stack: null,
      needsKubernetesApi: objects > 0,
    });
  }
  // eksctl's "create service account …, if it does not already exist" task of an association with
  // createServiceAccount (pkg/actions/podidentityassociation/creator.go): no role annotation, since
  // Pod Identity needs none; like the IRSA objects it needs no node.
  const podIdentityAccounts = config.iam.podIdentityAssociations.filter((pia) => pia.createServiceAccount === true);
  if (podIdentityAccounts.length > 0) {
    steps.push({
      id: STEP_IDS.podIdentityServiceAccounts,
      kind: 'kubernetes-api',
      description: `create the Kubernetes ServiceAccount(s) ${podIdentityAccounts.map((p) => `"${p.namespace}/${p.serviceAccountName}"`).join(', ')} of Pod Identity associations (createServiceAccount), and their namespace if missing`,
      dependsOn: [STEP_IDS.cluster],
      stack: null,
      needsKubernetesApi: true,
    });
  }
  // With CONFIG_MAP only, self-managed nodes join through the aws-auth ConfigMap; with API or
  // API_AND_CONFIG_MAP their stack's EC2_LINUX access entry lets them join (SPEC §6).
  // `iamIdentityMappings` go into the same ConfigMap (eksctl's "create IAM identity mappings" task);
  // they need no node, so without node roles to map the step follows the control plane.
  const selfManaged = config.nodeGroups.map((ng) => STEP_IDS.nodeGroup(ng.name));
  const mapsNodes = config.accessConfig.authenticationMode === 'CONFIG_MAP' && selfManaged.length > 0;
  const mappings = (config.iamIdentityMappings ?? []).length;
  if (mapsNodes || mappings > 0) {
    const what = [
      ...(mapsNodes ? ["the self-managed nodegroups' roles"] : []),
      ...(mappings > 0 ? [`${mappings} iamIdentityMappings entr${mappings === 1 ? 'y' : 'ies'}`] : []),
    ];
    // emr-containers (deploy/service-access.ts): its Role and RoleBinding go in first, as eksctl's.
    const services = (config.iamIdentityMappings ?? []).flatMap((m) =>
      m.serviceName === undefined ? [] : [`${m.serviceName} in namespace "${m.namespace ?? ''}"`],
    );
    steps.push({
      id: STEP_IDS.awsAuth,
      kind: 'kubernetes-api',
      description: `${services.length > 0 ? `create the Role and RoleBinding of ${services.join(', ')} (namespace created if missing), then ` : ''}map ${what.join(' and ')} in the aws-auth ConfigMap`,
      dependsOn: mapsNodes ? selfManaged : [STEP_IDS.cluster],
      stack: null,
      needsKubernetesApi: true,
    });
  }
  const addonsStack = stacks.find((s) => s.kind === 'addons');
  if (addonsStack !== undefined) steps.push(addonsStep(config, addonsStack, afterCapacity, steps));
  const windowsIpam = windowsIpamStep(config, addonsStack !== undefined);
  if (windowsIpam !== undefined) steps.push(windowsIpam);
  return steps;
}

/**
 * eksctl's "enable Windows IP address management" task of a cluster with a Windows nodegroup: the
 * amazon-vpc-cni ConfigMap in kube-system. It needs no node; but the vpc-cni add-on writes that
 * ConfigMap (with `enable-windows-ipam: "false"`), so when the add-ons stack installs vpc-cni the
 * step comes after it, as eksctl's comes after its default add-ons.
 */
function windowsIpamStep(config: ResolvedConfig, withAddonsStack: boolean): PlanStep | undefined {
  const windows = [...config.nodeGroups, ...config.managedNodeGroups].filter((ng) => isWindowsFamily(ng.amiFamily));
  if (windows.length === 0) return undefined;
  const afterVpcCni = withAddonsStack && config.addons.some((a) => a.name === 'vpc-cni');
  return {
    id: STEP_IDS.windowsIpam,
    kind: 'kubernetes-api',
    description: `switch Windows IP address management on (enable-windows-ipam in kube-system/amazon-vpc-cni) for the Windows nodegroup(s) ${windows.map((ng) => `"${ng.name}"`).join(', ')}`,
    dependsOn: afterVpcCni ? [STEP_IDS.addons] : [STEP_IDS.cluster],
    stack: null,
    needsKubernetesApi: true,
  };
}

/**
 * Add-ons after every nodegroup and the Fargate profiles — on a cluster without nodegroups, after
 * the profiles selecting kube-system, where the add-ons' pods run (and, in CONFIG_MAP mode, after the
 * self-managed nodes are mapped in aws-auth, without which they never join). CloudFormation's
 * AWS::EKS::Addon waits for the add-on to be ACTIVE, and one whose pods need nodes (coredns,
 * metrics-server, the EBS CSI controller, …) stays DEGRADED on a cluster without any, so its create
 * fails. eksctl does the same split (pkg/actions/addon/tasks.go, CreateAddonTasks): only vpc-cni,
 * kube-proxy, coredns and eks-pod-identity-agent go before the nodegroups, and those without
 * waiting; the rest after them, waiting only when the cluster has nodes. private-eks keeps them
 * all in one stack after the nodes: the DaemonSet add-ons lose nothing by it, since EKS installs
 * its own vpc-cni, kube-proxy and coredns with the control plane and the add-ons take them over.
 */
function addonsStep(
  config: ResolvedConfig,
  stack: StackPlan,
  afterCapacity: readonly string[],
  steps: readonly PlanStep[],
): PlanStep {
  const awsAuth = steps.some((s) => s.id === STEP_IDS.awsAuth) ? [STEP_IDS.awsAuth] : [];
  // The add-ons' IRSA roles come from the service-accounts step (a parameter of the stack each).
  const roles = addonsWithIrsaRoles(config).length > 0 ? [STEP_IDS.serviceAccounts] : [];
  return {
    id: STEP_IDS.addons,
    kind: 'addons-stack',
    description: `create the add-on(s) ${config.addons.map((a) => `"${a.name}"`).join(', ')} once ${afterCapacity.includes(STEP_IDS.fargateKubeSystem) ? "kube-system's Fargate profile(s) are there" : 'the nodes are there'}`,
    dependsOn: [...afterCapacity, ...awsAuth, ...roles],
    stack: stack.name,
    needsKubernetesApi: false,
  };
}

/**
 * The switch runs last, after every other step (as eksctl does): it depends on the graph's sinks.
 * Not sooner, although that would close the public window earlier: while an endpoint-access
 * update is in progress the cluster is not ACTIVE, and EKS refuses to create managed nodegroups
 * (and add-ons) on it — eksctl-io/eksctl#2244, "Cluster is not in ACTIVE status".
 */
export function endpointAccessStep(steps: readonly PlanStep[]): PlanStep {
  return {
    id: STEP_IDS.endpointAccess,
    kind: 'endpoint-access-update',
    description: 'switch public endpoint access off (UpdateClusterConfig, then wait for the update)',
    dependsOn: steps.filter((s) => !steps.some((other) => other.dependsOn.includes(s.id))).map((s) => s.id),
    stack: null,
    needsKubernetesApi: false,
  };
}

/**
 * With the in-VPC runner: its stack right after the control plane (in parallel with the
 * nodegroups), and every step that talks to the Kubernetes API after it, since the runner is what
 * talks to the API for them.
 */
export function withRunnerStep(steps: readonly PlanStep[], stack: StackPlan): PlanStep[] {
  const runner: PlanStep = {
    id: STEP_IDS.runner,
    kind: 'runner-stack',
    description: 'create the in-VPC runner: a function in the private subnets that applies the Kubernetes objects',
    dependsOn: [STEP_IDS.cluster],
    stack: stack.name,
    needsKubernetesApi: false,
  };
  const out: PlanStep[] = [];
  for (const step of steps) {
    out.push(step.needsKubernetesApi ? { ...step, dependsOn: [...step.dependsOn, STEP_IDS.runner] } : step);
    if (step.id === STEP_IDS.cluster) out.push(runner);
  }
  return out;
}
