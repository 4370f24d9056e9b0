/**
 * The URL the SDK sends each service's calls to, for showing routes: AWS_ENDPOINT_URL_<SERVICE>,
 * then AWS_ENDPOINT_URL (the SDK's own order, shared/TESTBED.md §5.1), then the regional default.
 * For display only — the SDK decides by itself.
 */
import { awsDnsSuffix } from '../aws/proxy-warnings.js';
import type { ProxyEnv } from '../aws/proxy.js';

export type AwsService = 'sts' | 'ec2' | 'eks' | 'cloudformation' | 'iam' | 'elasticloadbalancing';

export const AWS_SERVICES: readonly AwsService[] = [
  'sts',
  'ec2',
  'eks',
  'cloudformation',
  'iam',
  'elasticloadbalancing',
];

const ENV_SUFFIX: Readonly<Record<AwsService, string>> = {
  sts: 'STS',
  ec2: 'EC2',
  eks: 'EKS',
  cloudformation: 'CLOUDFORMATION',
  iam: 'IAM',
  // The SDK's serviceId "Elastic Load Balancing v2", upper-cased with spaces as underscores.
  elasticloadbalancing: 'ELASTIC_LOAD_BALANCING_V2',
};

export function awsEndpointFor(service: AwsService, region: string, env: ProxyEnv): string {
  const own = env[`AWS_ENDPOINT_URL_${ENV_SUFFIX[service]}`]?.trim();
  if (own) return own;
  const all = env['AWS_ENDPOINT_URL']?.trim();
  if (all) return all;
  const suffix = awsDnsSuffix(region);
  // IAM is global: one endpoint per partition (iam.amazonaws.com in the commercial partition).
  if (service === 'iam')
    return suffix === 'amazonaws.com' ? 'https://iam.amazonaws.com' : `https://iam.${region}.${suffix}`;
  return `https://${service}.${region}.${suffix}`;
}
