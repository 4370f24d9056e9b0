/**
 * `iamIdentityMappings[].serviceName`: an AWS service given access to one namespace, as eksctl's
 * service access (pkg/authconfigmap/service_access.go). eksctl knows one service, emr-containers
 * (EMR on EKS): a Role and a RoleBinding named `emr-containers` in the namespace, bound to the
 * Kubernetes user `emr-containers`, and the account's service-linked role
 * AWSServiceRoleForAmazonEMRContainers mapped to that user in aws-auth. Pure: the aws-auth step
 * (kubernetes-steps.ts) applies the objects and the mapping.
 *
 * The Role's rules are eksctl's (pkg/authconfigmap/assets/emr-containers-rbac.yaml), verbs and all:
 * EMR on EKS expects exactly them.
 */
import type { IamIdentityMapping } from '../config/resolved.js';

export const EMR_CONTAINERS = 'emr-containers';
const EMR_SERVICE_LINKED_ROLE = 'AWSServiceRoleForAmazonEMRContainers';

/** The account the service's role is in, and its partition. */
export interface AwsAccount {
  readonly accountId: string;
  readonly partition: string;
}

/** The mappings that grant a service access (the rules admit only emr-containers). */
export function serviceMappings(mappings: readonly IamIdentityMapping[]): (IamIdentityMapping & {
  readonly serviceName: string;
  readonly namespace: string;
})[] {
  return mappings.flatMap((m) =>
    m.serviceName === undefined || m.namespace === undefined
      ? []
      : [{ ...m, serviceName: m.serviceName, namespace: m.namespace }],
  );
}

/** The service-linked role EMR on EKS acts as: `arn:<partition>:iam::<account>:role/AWSServiceRoleForAmazonEMRContainers`. */
export function emrContainersRoleArn(account: AwsAccount): string {
  return `arn:${account.partition}:iam::${account.accountId}:role/${EMR_SERVICE_LINKED_ROLE}`;
}

/** aws-auth's mapRoles entry for the service: its role as the user `emr-containers`, no groups. */
export function emrContainersMapping(account: AwsAccount): Record<string, unknown> {
  return { rolearn: emrContainersRoleArn(account), username: EMR_CONTAINERS };
}

const EDIT_VERBS = ['get', 'list', 'watch', 'describe', 'create', 'edit', 'delete', 'annotate', 'patch', 'label'];

/** The Role and RoleBinding eksctl applies in the namespace. */
export function emrContainersRbac(namespace: string): Record<string, unknown>[] {
  const metadata = { name: EMR_CONTAINERS, namespace };
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata,
      rules: [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
        {
          apiGroups: [''],
          resources: ['serviceaccounts', 'services', 'configmaps', 'events', 'pods', 'pods/log'],
          verbs: [...EDIT_VERBS.slice(0, 7), 'deletecollection', ...EDIT_VERBS.slice(7)],
        },
        { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'patch', 'delete', 'watch'] },
        { apiGroups: ['apps'], resources: ['statefulsets', 'deployments'], verbs: [...EDIT_VERBS] },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: [...EDIT_VERBS] },
        { apiGroups: ['extensions', 'networking.k8s.io'], resources: ['ingresses'], verbs: [...EDIT_VERBS] },
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['roles', 'rolebindings'],
          verbs: [...EDIT_VERBS.slice(0, 7), 'deletecollection', ...EDIT_VERBS.slice(7)],
        },
        {
          apiGroups: [''],
          resources: ['persistentvolumeclaims'],
          verbs: ['create', 'list', 'delete', 'deletecollection'],
        },
        {
          apiGroups: ['scheduling.volcano.sh'],
          resources: ['podgroups'],
          verbs: ['get', 'list', 'watch', 'create', 'delete', 'update'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: EMR_CONTAINERS },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: EMR_CONTAINERS }],
    },
  ];
}

/** `arn:aws:eks:us-west-2:111122223333:cluster/c1` → its account and partition. */
export function accountOfArn(arn: string): AwsAccount | undefined {
  const match = /^arn:([^:]+):[^:]*:[^:]*:(\d{12}):/.exec(arn);
  return match === null ? undefined : { partition: match[1] ?? '', accountId: match[2] ?? '' };
}
