/**
 * Checks about the account and the region, which need no valid config: credentials (STS), region
 * support (V20, live), and whether the EKS API answers.
 */
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { callAws } from '../../aws/aws-errors.js';
import {
  endpointServiceName,
  endpointServiceRecord,
  REQUIRED_ENDPOINT_SERVICES,
} from '../../plan/catalog/endpoint-services.js';
import { offlineRegionGap } from '../../plan/catalog/known-gaps.js';
import { partitionOf, regionRecord } from '../../plan/catalog/regions.js';
import { awsEndpointFor } from '../aws-endpoints.js';
import { fail, failFrom, listing, ok, warn } from '../outcome.js';
import type { DoctorCheck } from '../types.js';

export const credentialsCheck: DoctorCheck = {
  id: 'credentials',
  title: 'AWS credentials',
  needsAws: false,
  needsConfig: false,
  async run(context) {
    try {
      const identity = await context.identity();
      return ok(`account ${identity.account} as ${identity.arn}`);
    } catch (error) {
      return failFrom(
        error,
        'sts:GetCallerIdentity',
        'configure AWS credentials: environment variables, --profile, `aws sso login`, or an instance role',
      );
    }
  },
};

export const regionCheck: DoctorCheck = {
  id: 'region',
  title: 'region support',
  needsAws: true,
  needsConfig: false,
  async run({ region, facts }) {
    const partition = partitionOf(region);
    const known = regionRecord(region) !== undefined;
    let zones;
    try {
      zones = (await facts.availabilityZones(region)).filter(
        (z) => z.state === 'available' && z.zoneType === 'availability-zone',
      );
    } catch (error) {
      return failFrom(
        error,
        'ec2:DescribeAvailabilityZones',
        `check metadata.region (or --region, AWS_REGION): is "${region}" a region, enabled for this account?`,
      );
    }
    if (zones.length === 0) {
      return fail(`AWS lists no available zone in region "${region}"`, 'choose another region');
    }
    const names = REQUIRED_ENDPOINT_SERVICES.map((service) => endpointServiceName(partition, region, service));
    let lookup;
    try {
      lookup = await facts.endpointServices(region, names);
    } catch (error) {
      return failFrom(error, 'ec2:DescribeVpcEndpointServices');
    }
    // s3 only as Gateway, the rest only as Interface (SPEC §5.3): AWS lists s3 as both.
    const missing = REQUIRED_ENDPOINT_SERVICES.filter((service, i) => {
      const found = lookup.found.find((f) => f.serviceName === names[i]);
      const type = endpointServiceRecord(service)?.type ?? 'Interface';
      return found === undefined || !found.types.includes(type);
    });
    if (missing.length > 0) {
      return fail(
        `fully-private clusters are not supported in region "${region}": required endpoint service(s) not offered: ${listing(missing)} (V20)`,
        'choose another region',
      );
    }
    const detail =
      `${region} (partition ${partition}${known ? '' : ", not in private-eks's region table"}): ` +
      `${zones.length} availability zones (${zones.map((z) => z.name).join(', ')}); ` +
      `required endpoint services offered: ${REQUIRED_ENDPOINT_SERVICES.map((s) => (s === 's3' ? 's3 (Gateway)' : s)).join(', ')}`;
    const gap = offlineRegionGap(region);
    if (gap !== undefined) {
      return warn(
        `${detail}; but ${gap.source}`,
        'private-eks validate still refuses this region from its offline catalog (V20); check with AWS before relying on it',
      );
    }
    return ok(detail);
  },
};

export const eksApiCheck: DoctorCheck = {
  id: 'eks-api',
  title: 'EKS API reachable',
  needsAws: true,
  needsConfig: false,
  async run({ clients, region, env, signal }) {
    const url = awsEndpointFor('eks', region, env);
    try {
      await callAws('eks:ListClusters', () =>
        clients.eks.send(
          new ListClustersCommand({ maxResults: 1 }),
          signal === undefined ? {} : { abortSignal: signal },
        ),
      );
      return ok(`the EKS API answers at ${url}`);
    } catch (error) {
      const failed = failFrom(error, 'eks:ListClusters');
      return fail(
        `${failed.detail} (${url})`,
        'from inside the cluster\'s VPC the EKS API needs the "eks" interface endpoint ' +
          '(privateCluster.additionalEndpointServices: [eks]); from elsewhere check the network, HTTPS_PROXY and NO_PROXY' +
          (failed.fix === undefined ? '' : `; ${failed.fix}`),
      );
    }
  },
};
