/**
 * How long AWS typically takes for the steps of a create, in minutes — the model behind
 * bench/critical-path.ts. Figures, never measurements of private-eks: the emulator answers at once.
 * Each row cites where its figure comes from; where sources disagree the row says so. Re-date the
 * table when a figure changes.
 */
export const DURATIONS_DATE = '2026-11-25';

export interface DurationRange {
  /** Minutes. */
  readonly min: number;
  readonly max: number;
  readonly what: string;
  readonly sources: readonly string[];
}

export type DurationKey =
  | 'controlPlane'
  | 'addon'
  | 'endpointAccessUpdate'
  | 'managedNodegroup'
  | 'selfManagedNodegroup'
  | 'fargateProfile'
  | 'serviceAccountRole'
  | 'configMapUpdate'
  | 'runnerStack';

export const AWS_DURATIONS: Readonly<Record<DurationKey, DurationRange>> = {
  controlPlane: {
    min: 9,
    max: 12,
    what: 'cluster stack incl. the EKS control plane (VPC, endpoints, SGs in parallel with it)',
    sources: [
      'planning brief (issue 6): ~9–12 min',
      'eksctl-io/eksctl#2761 (2020): cluster created 1:44, endpoint update submitted 1:55 (~11 min)',
      'eksctl-io/eksctl#3313 (2021, maintainer): "create cluster can take up to 15 minutes"',
      'aws/containers-roadmap#1227: control plane provisioning "currently averages 15 minutes" (older, being reduced)',
    ],
  },
  addon: {
    min: 1,
    max: 2,
    what: 'EKS add-ons waited for (private-eks: its add-ons stack, after the nodes; eksctl: all but the four it creates before the nodegroups without waiting)',
    sources: ['planning brief (issue 6): ~1–2 min; no dated public measurement found'],
  },
  endpointAccessUpdate: {
    min: 8,
    max: 10,
    what: 'UpdateClusterConfig public access off, until DescribeUpdate says Successful',
    sources: [
      'planning brief (issue 6): ~8–10 min',
      'aws-quickstart/quickstart-amazon-eks-cluster-resource-provider#29 (2021): "the update step takes about 5min"',
      'eksctl-io/eksctl#3735, #4545 (2021): EndpointAccessUpdate still polled after 3.5+ min in the logs shown',
    ],
  },
  managedNodegroup: {
    min: 3,
    max: 5,
    what: 'managed nodegroup stack (launch template, role, AWS::EKS::Nodegroup until ACTIVE)',
    sources: ['planning brief (issue 6): ~3–5 min; no dated public measurement found'],
  },
  selfManagedNodegroup: {
    min: 3,
    max: 4,
    what: 'self-managed nodegroup stack (launch template, role, instance profile, ASG, access entry)',
    sources: [
      'planning brief (issue 6): ~3 min',
      'eksctl-io/eksctl#482 (2019): "done after 3m36s of waiting for CloudFormation stack …-nodegroup-…"',
    ],
  },
  fargateProfile: {
    min: 2,
    max: 3,
    what: 'one Fargate profile; profiles of a cluster are created one at a time',
    sources: [
      'planning brief (issue 6): ~2–3 min each, sequential',
      'terraform-aws-modules/terraform-aws-eks#866 (2020): ResourceInUseException while another profile is CREATING',
      'aws/containers-roadmap#2392: 5:05–5:45 per profile (2024), 26 s reported in a 2025-11 comment',
    ],
  },
  serviceAccountRole: {
    min: 0.5,
    max: 1,
    what: 'IRSA: one role stack per service account (in parallel) + the ServiceAccount object',
    sources: ['eksctl-io/eksctl#1976 (2020): role stack "done after 35.46s", ServiceAccount created 30 s later'],
  },
  configMapUpdate: {
    min: 0.1,
    max: 0.2,
    what: 'aws-auth ConfigMap update (Kubernetes API, seconds)',
    sources: ['estimate: one Kubernetes API read-modify-write'],
  },
  runnerStack: {
    min: 0.5,
    max: 1.5,
    what: "the in-VPC runner's stack: a Lambda function in the private subnets (Pending → Active while Lambda sets up its network interfaces), its role and access entry",
    sources: [
      'AWS Compute Blog, "Announcing improved VPC networking for AWS Lambda functions" (2019-09-03): the shared network interface is created when the function is created or its VPC settings change, "which can take up to 90 seconds"',
    ],
  },
};

export type Scenario = 'min' | 'typical' | 'max';

export function minutes(key: DurationKey, scenario: Scenario): number {
  const r = AWS_DURATIONS[key];
  return scenario === 'min' ? r.min : scenario === 'max' ? r.max : (r.min + r.max) / 2;
}

export function formatDurationTable(): string {
  const lines = [
    `typical AWS durations (minutes), dated ${DURATIONS_DATE}`,
    '| step | min | max | sources |',
    '|---|---|---|---|',
  ];
  for (const r of Object.values(AWS_DURATIONS)) {
    lines.push(`| ${r.what} | ${r.min} | ${r.max} | ${r.sources.join('; ')} |`);
  }
  return lines.join('\n');
}
