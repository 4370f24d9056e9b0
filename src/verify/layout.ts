/**
 * The endpoint layout a fully-private cluster's nodes depend on, read back through the EC2 API:
 * - each required service has an available endpoint in the VPC; interface endpoints have private
 *   DNS on (nodes use the services' usual names) and a subnet in each node subnet's zone;
 * - each node subnet's route table (its explicit one, else the VPC's main one) routes S3 through an
 *   available S3 gateway endpoint;
 * - the interface endpoints' security groups admit HTTPS (443) from the nodes: from a node security
 *   group, or from a CIDR that contains the node subnet.
 * Used after create, by `get cluster --verify` and `doctor`, and before creating into a VPC with
 * `skipEndpointCreation`, where the user provides the endpoints.
 */
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  type EC2Client,
  type IpPermission,
  type RouteTable,
  type SecurityGroup,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { cidrContains, parseIpv4Cidr } from '../config/cidr.js';
import { callAws } from '../deploy/aws-call.js';
import type { VerifyFinding } from './types.js';

export interface LayoutInput {
  readonly vpcId: string;
  /** The subnets the nodes run in (the cluster's subnets). */
  readonly nodeSubnetIds: readonly string[];
  /** Full service names (`com.amazonaws.<region>.ecr.api`), with their endpoint type. */
  readonly services: readonly { readonly serviceName: string; readonly type: 'Interface' | 'Gateway' }[];
  /** Security groups the nodes carry (none known before the cluster exists). */
  readonly nodeSecurityGroupIds: readonly string[];
  /** How to get a missing endpoint back (default: the `aws ec2 create-vpc-endpoint` command). */
  readonly recreateHint?: (serviceName: string, type: 'Interface' | 'Gateway') => string;
}

export async function verifyEndpointLayout(
  ec2: EC2Client,
  input: LayoutInput,
  signal?: AbortSignal,
): Promise<VerifyFinding[]> {
  const [endpoints, tables, subnets] = await Promise.all([
    describeEndpoints(ec2, input.vpcId, signal),
    describeRouteTables(ec2, input.vpcId, signal),
    describeSubnets(ec2, input.nodeSubnetIds, signal),
  ]);
  const endpointSubnetIds = [...new Set(endpoints.flatMap((e) => e.SubnetIds ?? []))].filter((id) => !subnets.has(id));
  const zoneOf = new Map([...subnets].map(([id, s]) => [id, s.zone]));
  for (const [id, s] of await describeSubnets(ec2, endpointSubnetIds, signal)) zoneOf.set(id, s.zone);
  const nodeZones = [...new Set([...subnets.values()].map((s) => s.zone))].sort();

  const findings: VerifyFinding[] = [];
  const interfaces: VpcEndpoint[] = [];
  for (const service of input.services) {
    const found = endpoints.find(
      (e) => e.ServiceName === service.serviceName && e.VpcEndpointType === service.type && isAvailable(e),
    );
    if (found === undefined) {
      findings.push({
        check: 'endpoint',
        status: 'fail',
        resource: service.serviceName,
        message: `no available ${service.type} endpoint for ${service.serviceName} in ${input.vpcId}: the nodes cannot reach the service`,
        fix: (input.recreateHint ?? createCommand(input))(service.serviceName, service.type),
      });
      continue;
    }
    const id = found.VpcEndpointId ?? '?';
    findings.push({ check: 'endpoint', status: 'ok', resource: id, message: `${service.serviceName} available` });
    if (service.type === 'Gateway') continue;
    interfaces.push(found);
    findings.push(
      found.PrivateDnsEnabled === true
        ? { check: 'endpoint-private-dns', status: 'ok', resource: id, message: 'private DNS on' }
        : {
            check: 'endpoint-private-dns',
            status: 'fail',
            resource: id,
            message: `private DNS is off for ${service.serviceName}: the nodes resolve the service's public name and cannot reach it`,
            fix: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${id} --private-dns-enabled`,
          },
    );
    const covered = new Set((found.SubnetIds ?? []).map((s) => zoneOf.get(s)));
    const missing = nodeZones.filter((z) => !covered.has(z));
    findings.push(
      missing.length === 0
        ? { check: 'endpoint-zones', status: 'ok', resource: id, message: `in ${nodeZones.join(', ')}` }
        : {
            check: 'endpoint-zones',
            status: 'fail',
            resource: id,
            message: `${service.serviceName} has no network interface in ${missing.join(', ')}, where nodes run: their calls cross zones, or fail when the endpoint's zones are down`,
            fix: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${id} --add-subnet-ids ${missing
              .map((z) => [...subnets].find(([, s]) => s.zone === z)?.[0] ?? `<a subnet in ${z}>`)
              .join(' ')}`,
          },
    );
  }
  const s3 = input.services.find((s) => s.type === 'Gateway');
  if (s3 !== undefined) findings.push(...s3Routes(s3.serviceName, endpoints, tables, input, subnets));
  findings.push(...(await securityGroups(ec2, interfaces, input, subnets, signal)));
  return findings;
}

function s3Routes(
  serviceName: string,
  endpoints: readonly VpcEndpoint[],
  tables: readonly RouteTable[],
  input: LayoutInput,
  subnets: ReadonlyMap<string, { zone: string; cidr: string | undefined }>,
): VerifyFinding[] {
  const gateways = endpoints.filter(
    (e) => e.ServiceName === serviceName && e.VpcEndpointType === 'Gateway' && isAvailable(e),
  );
  const main = tables.find((t) => (t.Associations ?? []).some((a) => a.Main === true));
  const findings: VerifyFinding[] = [];
  const seen = new Set<string>();
  for (const subnetId of input.nodeSubnetIds) {
    const table = tables.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnetId)) ?? main;
    const tableId = table?.RouteTableId ?? `(no route table for ${subnetId})`;
    if (seen.has(tableId)) continue;
    seen.add(tableId);
    const route = (table?.Routes ?? []).find(
      (r) => r.DestinationPrefixListId !== undefined && gateways.some((g) => g.VpcEndpointId === r.GatewayId),
    );
    if (route !== undefined) {
      findings.push({
        check: 's3-route',
        status: 'ok',
        resource: tableId,
        message: `S3 through ${route.GatewayId ?? ''}`,
      });
      continue;
    }
    const gateway = gateways[0]?.VpcEndpointId;
    findings.push({
      check: 's3-route',
      status: 'fail',
      resource: tableId,
      message: `route table ${tableId} (subnet ${subnetId}${subnets.has(subnetId) ? `, ${subnets.get(subnetId)?.zone ?? ''}` : ''}) has no route to S3 through a gateway endpoint: nodes there cannot pull image layers from ECR`,
      fix:
        gateway === undefined
          ? (input.recreateHint ?? createCommand(input))(serviceName, 'Gateway')
          : `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${gateway} --add-route-table-ids ${tableId}`,
    });
  }
  return findings;
}

async function securityGroups(
  ec2: EC2Client,
  interfaces: readonly VpcEndpoint[],
  input: LayoutInput,
  subnets: ReadonlyMap<string, { zone: string; cidr: string | undefined }>,
  signal: AbortSignal | undefined,
): Promise<VerifyFinding[]> {
  const groupIds = [
    ...new Set(interfaces.flatMap((e) => (e.Groups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])))),
  ];
  if (groupIds.length === 0) return [];
  const out = await callAws('ec2:DescribeSecurityGroups', signal, (options) =>
    ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }), options),
  );
  const groups = new Map((out.SecurityGroups ?? []).map((g) => [g.GroupId ?? '', g]));
  const findings: VerifyFinding[] = [];
  const checked = new Set<string>();
  for (const endpoint of interfaces) {
    const ids = (endpoint.Groups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])).sort();
    const key = ids.join(',');
    if (checked.has(key)) continue;
    checked.add(key);
    const blocked = [...subnets].filter(
      ([, s]) => !ids.some((id) => admits(groups.get(id), s.cidr, input.nodeSecurityGroupIds)),
    );
    const resource = ids.join(', ') || (endpoint.VpcEndpointId ?? '?');
    if (blocked.length === 0) {
      findings.push({
        check: 'endpoint-security-group',
        status: 'ok',
        resource,
        message: 'admits HTTPS from the nodes',
      });
      continue;
    }
    const cidrs = blocked.map(([, s]) => s.cidr ?? '?');
    findings.push({
      check: 'endpoint-security-group',
      status: 'fail',
      resource,
      message: `the endpoints' security group ${resource} does not admit HTTPS (tcp 443) from the nodes in ${blocked.map(([id]) => id).join(', ')} (${cidrs.join(', ')}): their calls to the endpoints time out`,
      fix: `aws ec2 authorize-security-group-ingress --group-id ${ids[0] ?? '<group>'} --protocol tcp --port 443 --cidr ${cidrs[0] ?? '<the VPC CIDR>'} (or the VPC's CIDR)`,
    });
  }
  return findings;
}

/** Whether the group admits tcp 443 from the subnet's CIDR or from one of the node groups. */
function admits(
  group: SecurityGroup | undefined,
  subnetCidr: string | undefined,
  nodeGroups: readonly string[],
): boolean {
  if (group === undefined) return false;
  const inner = subnetCidr === undefined ? undefined : parseIpv4Cidr(subnetCidr);
  return (group.IpPermissions ?? []).some((p) => {
    if (!coversHttps(p)) return false;
    const byCidr =
      inner !== undefined &&
      (p.IpRanges ?? []).some((r) => {
        const outer = r.CidrIp === undefined ? undefined : parseIpv4Cidr(r.CidrIp);
        return outer !== undefined && cidrContains(outer, inner);
      });
    const byGroup = (p.UserIdGroupPairs ?? []).some((g) => g.GroupId !== undefined && nodeGroups.includes(g.GroupId));
    return byCidr || byGroup;
  });
}

function coversHttps(p: IpPermission): boolean {
  if (p.IpProtocol === '-1') return true;
  if (p.IpProtocol !== 'tcp' && p.IpProtocol !== '6') return false;
  return (p.FromPort ?? 0) <= 443 && (p.ToPort ?? 65535) >= 443;
}

/** The AWS CLI command that creates a missing endpoint where the nodes are. */
function createCommand(input: LayoutInput): (serviceName: string, type: 'Interface' | 'Gateway') => string {
  return (serviceName, type) =>
    type === 'Gateway'
      ? `aws ec2 create-vpc-endpoint --vpc-id ${input.vpcId} --vpc-endpoint-type Gateway --service-name ${serviceName} --route-table-ids <the node subnets' route tables>`
      : `aws ec2 create-vpc-endpoint --vpc-id ${input.vpcId} --vpc-endpoint-type Interface --service-name ${serviceName} --subnet-ids <one node subnet per zone> --security-group-ids <a group admitting tcp 443 from the VPC> --private-dns-enabled`;
}

const isAvailable = (e: VpcEndpoint): boolean => (e.State ?? '').toLowerCase() === 'available';

async function describeEndpoints(ec2: EC2Client, vpcId: string, signal?: AbortSignal): Promise<VpcEndpoint[]> {
  const endpoints: VpcEndpoint[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await callAws('ec2:DescribeVpcEndpoints', signal, (options) =>
      ec2.send(
        new DescribeVpcEndpointsCommand({
          Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
          ...(token === undefined ? {} : { NextToken: token }),
        }),
        options,
      ),
    );
    endpoints.push(...(page.VpcEndpoints ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return endpoints;
}

async function describeRouteTables(ec2: EC2Client, vpcId: string, signal?: AbortSignal): Promise<RouteTable[]> {
  const out = await callAws('ec2:DescribeRouteTables', signal, (options) =>
    ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }), options),
  );
  return out.RouteTables ?? [];
}

async function describeSubnets(
  ec2: EC2Client,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, { zone: string; cidr: string | undefined }>> {
  if (ids.length === 0) return new Map();
  const out = await callAws('ec2:DescribeSubnets', signal, (options) =>
    ec2.send(new DescribeSubnetsCommand({ SubnetIds: [...ids] }), options),
  );
  return new Map(
    (out.Subnets ?? []).map((s) => [s.SubnetId ?? '', { zone: s.AvailabilityZone ?? '', cidr: s.CidrBlock }]),
  );
}
