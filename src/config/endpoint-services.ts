/**
 * The endpoint-service names the config layer accepts in `privateCluster.additionalEndpointServices`
 * (V6). Kept here, not in plan/, because config comes first in the data flow; the plan layer's
 * catalog (src/plan/catalog/endpoint-services.ts) carries the same names with their types.
 */

/** E1: always created, so not accepted as additional services (V6). */
export const ALWAYS_CREATED_ENDPOINT_SERVICES: readonly string[] = ['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts'];

/** eksctl's three (its `ValidateAdditionalEndpointServices`). */
export const EKSCTL_ADDITIONAL_ENDPOINT_SERVICES: readonly string[] = ['autoscaling', 'cloudformation', 'logs'];

/** SPEC §5.4 [beyond]. */
export const EXTENDED_ENDPOINT_SERVICES: readonly string[] = [
  'eks',
  'eks-auth',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'elasticloadbalancing',
  'ebs',
  'kms',
  'secretsmanager',
  'sqs',
  'xray',
  'aps-workspaces',
  'elasticfilesystem',
];

/** Everything V6 accepts, in the order the docs list them. Names are exact and case-sensitive. */
export const ADDITIONAL_ENDPOINT_SERVICES: readonly string[] = [
  ...EKSCTL_ADDITIONAL_ENDPOINT_SERVICES,
  ...EXTENDED_ENDPOINT_SERVICES,
];
