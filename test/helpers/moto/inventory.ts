/**
 * What exists in the emulator, by kind, as sorted ID lists: take one before a flow and one after its
 * delete, and `leftovers(before, after)` is what the delete left behind (it should be `{}`).
 * ELBv2 load balancers and target groups are listed by ARN (Classic Load Balancers are not: the
 * project has no client for that API).
 *
 * Things that are gone but still listed are not counted: VPC endpoints in state `deleted` (moto keeps
 * them listed after DeleteVpcEndpoints, as AWS does for a while) and instances that are `terminated`.
 *
 * Every kind private-eks creates is listed: besides the network, IAM and EKS objects above, auto
 * scaling groups, IAM instance profiles (moto 5.2.5 does implement ListInstanceProfiles, unlike
 * TESTBED §2.4's docs checklist says), CloudWatch log groups, and the EKS access entries, add-ons
 * and Pod Identity associations — which moto has no API for, so they are read from the launcher's
 * read-only routes (`/private-eks-test/…`, README "Extensions"). EKS identity provider configs are
 * not listed: private-eks does not create them (no `AWS::EKS::IdentityProviderConfig` in any
 * template) and moto has no API for them.
 */
import {
  CloudFormationClient,
  ListStacksCommand,
  type StackStatus,
  type StackSummary,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeLaunchTemplatesCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { EKSClient, ListClustersCommand, ListFargateProfilesCommand, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  IAMClient,
  ListInstanceProfilesCommand,
  ListOpenIDConnectProvidersCommand,
  ListPoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';

export type Inventory = Readonly<Record<string, readonly string[]>>;

export interface EmulatorClientConfig {
  readonly region: string;
  readonly endpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
}

/** SDK client settings for the emulator (the same things MotoServer.env says through the environment). */
export function emulatorClientConfig(endpoint: string, region = 'us-west-2'): EmulatorClientConfig {
  return { region, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 };
}

const LIVE_STACK_STATUSES: StackStatus[] = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
];

const ids = (values: readonly (string | undefined)[]): string[] =>
  values.filter((v): v is string => v !== undefined).sort();

export async function takeInventory(config: EmulatorClientConfig): Promise<Inventory> {
  const ec2 = new EC2Client(config);
  const iam = new IAMClient(config);
  const eks = new EKSClient(config);
  const cfn = new CloudFormationClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const autoscaling = new AutoScalingClient(config);
  const logs = new CloudWatchLogsClient(config);
  try {
    const [vpcs, subnets, routeTables, groups, enis, endpoints, templates, reservations, igws, nats] =
      await Promise.all([
        ec2.send(new DescribeVpcsCommand({})),
        ec2.send(new DescribeSubnetsCommand({})),
        ec2.send(new DescribeRouteTablesCommand({})),
        ec2.send(new DescribeSecurityGroupsCommand({})),
        ec2.send(new DescribeNetworkInterfacesCommand({})),
        ec2.send(new DescribeVpcEndpointsCommand({})),
        ec2.send(new DescribeLaunchTemplatesCommand({})),
        ec2.send(new DescribeInstancesCommand({})),
        ec2.send(new DescribeInternetGatewaysCommand({})),
        ec2.send(new DescribeNatGatewaysCommand({})),
      ]);
    const roles: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListRolesCommand({ Marker: marker }));
      roles.push(...ids((page.Roles ?? []).map((r) => r.Arn)));
      marker = page.IsTruncated === true ? page.Marker : undefined;
    } while (marker !== undefined);
    const oidc = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    const policies = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    const clusters = (await eks.send(new ListClustersCommand({}))).clusters ?? [];
    const nodegroups: string[] = [];
    const fargateProfiles: string[] = [];
    for (const cluster of clusters) {
      const ngs = await eks.send(new ListNodegroupsCommand({ clusterName: cluster }));
      nodegroups.push(...(ngs.nodegroups ?? []).map((n) => `${cluster}/${n}`));
      const fps = await eks.send(new ListFargateProfilesCommand({ clusterName: cluster }));
      fargateProfiles.push(...(fps.fargateProfileNames ?? []).map((f) => `${cluster}/${f}`));
    }
    const stacks: StackSummary[] = [];
    let token: string | undefined;
    do {
      const page = await cfn.send(new ListStacksCommand({ StackStatusFilter: LIVE_STACK_STATUSES, NextToken: token }));
      stacks.push(...(page.StackSummaries ?? []));
      token = page.NextToken;
    } while (token !== undefined);

    const loadBalancers: string[] = [];
    let lbMarker: string | undefined;
    do {
      const page = await elbv2.send(new DescribeLoadBalancersCommand({ Marker: lbMarker }));
      loadBalancers.push(...ids((page.LoadBalancers ?? []).map((l) => l.LoadBalancerArn)));
      lbMarker = page.NextMarker;
    } while (lbMarker !== undefined);
    const targetGroups: string[] = [];
    let tgMarker: string | undefined;
    do {
      const page = await elbv2.send(new DescribeTargetGroupsCommand({ Marker: tgMarker }));
      targetGroups.push(...ids((page.TargetGroups ?? []).map((t) => t.TargetGroupArn)));
      tgMarker = page.NextMarker;
    } while (tgMarker !== undefined);

    const autoScalingGroups: string[] = [];
    let asgToken: string | undefined;
    do {
      const page = await autoscaling.send(new DescribeAutoScalingGroupsCommand({ NextToken: asgToken }));
      autoScalingGroups.push(...ids((page.AutoScalingGroups ?? []).map((g) => g.AutoScalingGroupName)));
      asgToken = page.NextToken;
    } while (asgToken !== undefined);
    const instanceProfiles: string[] = [];
    let ipMarker: string | undefined;
    do {
      const page = await iam.send(new ListInstanceProfilesCommand({ Marker: ipMarker }));
      instanceProfiles.push(...ids((page.InstanceProfiles ?? []).map((p) => p.Arn)));
      ipMarker = page.IsTruncated === true ? page.Marker : undefined;
    } while (ipMarker !== undefined);
    const logGroups: string[] = [];
    let logToken: string | undefined;
    do {
      const page = await logs.send(new DescribeLogGroupsCommand({ nextToken: logToken }));
      logGroups.push(...ids((page.logGroups ?? []).map((g) => g.logGroupName)));
      logToken = page.nextToken;
    } while (logToken !== undefined);
    const [accessEntries, addons, podIdentityAssociations] = await Promise.all([
      launcherList(
        config.endpoint,
        'access-entries',
        (e) => `${String(e['clusterName'])}/${String(e['principalArn'])}`,
      ),
      launcherList(config.endpoint, 'addons', (e) => `${String(e['clusterName'])}/${String(e['addonName'])}`),
      launcherList(config.endpoint, 'pod-identity-associations', (e) => String(e['associationArn'])),
    ]);

    return {
      autoScalingGroups: autoScalingGroups.sort(),
      instanceProfiles: instanceProfiles.sort(),
      logGroups: logGroups.sort(),
      eksAccessEntries: accessEntries,
      eksAddons: addons,
      eksPodIdentityAssociations: podIdentityAssociations,
      vpcs: ids((vpcs.Vpcs ?? []).map((v) => v.VpcId)),
      subnets: ids((subnets.Subnets ?? []).map((s) => s.SubnetId)),
      routeTables: ids((routeTables.RouteTables ?? []).map((r) => r.RouteTableId)),
      securityGroups: ids((groups.SecurityGroups ?? []).map((g) => g.GroupId)),
      networkInterfaces: ids((enis.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId)),
      vpcEndpoints: ids(
        (endpoints.VpcEndpoints ?? []).filter((e) => e.State?.toLowerCase() !== 'deleted').map((e) => e.VpcEndpointId),
      ),
      launchTemplates: ids((templates.LaunchTemplates ?? []).map((t) => t.LaunchTemplateId)),
      instances: ids(
        (reservations.Reservations ?? [])
          .flatMap((r) => r.Instances ?? [])
          .filter((i) => i.State?.Name !== 'terminated')
          .map((i) => i.InstanceId),
      ),
      internetGateways: ids((igws.InternetGateways ?? []).map((g) => g.InternetGatewayId)),
      natGateways: ids((nats.NatGateways ?? []).filter((n) => n.State !== 'deleted').map((n) => n.NatGatewayId)),
      roles,
      oidcProviders: ids((oidc.OpenIDConnectProviderList ?? []).map((p) => p.Arn)),
      customerPolicies: ids((policies.Policies ?? []).map((p) => p.Arn)),
      eksClusters: [...clusters].sort(),
      eksNodegroups: nodegroups.sort(),
      eksFargateProfiles: fargateProfiles.sort(),
      stacks: ids(stacks.map((s) => `${s.StackName ?? ''} ${s.StackStatus ?? ''}`)),
      loadBalancers: loadBalancers.sort(),
      targetGroups: targetGroups.sort(),
    };
  } finally {
    for (const client of [ec2, iam, eks, cfn, elbv2, autoscaling, logs]) client.destroy();
  }
}

/** One of the launcher's read-only lists (`GET /private-eks-test/<what>`), as sorted ids. */
async function launcherList(
  endpoint: string,
  what: string,
  id: (entry: Record<string, unknown>) => string,
): Promise<string[]> {
  const response = await fetch(`${endpoint}/private-eks-test/${what}`);
  if (!response.ok) throw new Error(`GET /private-eks-test/${what}: HTTP ${response.status}`);
  const body = await response.json();
  const list = Array.isArray(body)
    ? body
    : ((Object.values(body as Record<string, unknown>).find(Array.isArray) as unknown[] | undefined) ?? []);
  return (list as Record<string, unknown>[]).map(id).sort();
}

/** What `after` has that `before` had not, by kind; only kinds with something left are present. */
export function leftovers(before: Inventory, after: Inventory): Record<string, string[]> {
  const left: Record<string, string[]> = {};
  for (const [kind, items] of Object.entries(after)) {
    const known = new Set(before[kind] ?? []);
    const extra = items.filter((item) => !known.has(item));
    if (extra.length > 0) left[kind] = extra;
  }
  return left;
}
