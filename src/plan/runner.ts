/**
 * Whether the cluster gets the in-VPC runner (src/runner/handler.ts) and with which Kubernetes
 * permissions. The runner carries the Kubernetes-API steps (IRSA ServiceAccounts, the aws-auth
 * ConfigMap, draining on delete) from inside the VPC, so the API server never needs public access.
 *
 * Its identity is an IAM role with an EKS access entry, so it needs the access-entry API: with
 * `authenticationMode: CONFIG_MAP` there is no runner and the old mechanisms (a public window or a
 * printed manifest) remain. Permissions are EKS access policies, the narrowest that cover the
 * objects: the `edit` policy in just the namespaces it writes to, and cluster scope only when it
 * must create a namespace (a cluster-scoped object).
 */
import type { ResolvedConfig } from '../config/resolved.js';

/** Namespaces every cluster has; the runner never creates them. */
const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export interface RunnerPlan {
  /** The runner is created (its own stack) and runs the Kubernetes-API steps. */
  readonly enabled: boolean;
  /** One sentence: why there is a runner, or why not. */
  readonly reason: string;
  /** Namespaces the runner writes objects in (AmazonEKSEditPolicy scoped to them). */
  readonly namespaces: readonly string[];
  /** Namespaces it must create first: these need cluster scope (AmazonEKSClusterAdminPolicy). */
  readonly createsNamespaces: readonly string[];
  /**
   * Namespaces it writes a Role and RoleBinding in (emr-containers): AmazonEKSClusterAdminPolicy
   * scoped to them, since Kubernetes lets only a holder of every permission of a Role create it
   * (the edit and admin policies lack some of eksctl's verbs). Covered by the cluster scope when
   * there is one.
   */
  readonly rbacNamespaces: readonly string[];
}

export const NO_RUNNER: RunnerPlan = {
  enabled: false,
  reason: '',
  namespaces: [],
  createsNamespaces: [],
  rbacNamespaces: [],
};

/**
 * Namespaces of the ServiceAccount objects the create applies (roleOnly accounts have none; Pod
 * Identity associations only with createServiceAccount).
 */
function serviceAccountNamespaces(config: ResolvedConfig): string[] {
  return [
    ...config.iam.serviceAccounts.filter((sa) => !sa.roleOnly).map((sa) => sa.namespace),
    ...config.iam.podIdentityAssociations.filter((pia) => pia.createServiceAccount === true).map((p) => p.namespace),
  ];
}

/** Namespaces an AWS service is granted (iamIdentityMappings[].serviceName). */
function serviceNamespaces(config: ResolvedConfig): string[] {
  return (config.iamIdentityMappings ?? []).flatMap((m) =>
    m.serviceName === undefined || m.namespace === undefined ? [] : [m.namespace],
  );
}

/**
 * `stepsNeedingKubernetesApi` are the plan's steps that talk to the API server (PlanStep ids);
 * `awsAuth` tells whether one of them writes a kube-system ConfigMap (aws-auth, amazon-vpc-cni).
 */
export function planRunner(
  config: ResolvedConfig,
  stepsNeedingKubernetesApi: readonly string[],
  awsAuth: boolean,
): RunnerPlan {
  if (stepsNeedingKubernetesApi.length === 0) return NO_RUNNER;
  if (config.accessConfig.authenticationMode === 'CONFIG_MAP') {
    return {
      ...NO_RUNNER,
      reason:
        'no in-VPC runner: accessConfig.authenticationMode CONFIG_MAP has no access entries to authorise it; use API_AND_CONFIG_MAP to keep the API server private throughout',
    };
  }
  const rbacNamespaces = [...new Set(serviceNamespaces(config))].sort();
  const namespaces = [
    ...new Set([...serviceAccountNamespaces(config), ...(awsAuth ? ['kube-system'] : []), ...rbacNamespaces]),
  ].sort();
  const createsNamespaces = namespaces.filter((ns) => !BUILT_IN_NAMESPACES.has(ns));
  return {
    enabled: true,
    reason: `an in-VPC runner (a function in the private subnets, called through the Lambda API) runs ${stepsNeedingKubernetesApi.join(', ')}: the API server stays private throughout`,
    namespaces,
    createsNamespaces,
    rbacNamespaces,
  };
}
