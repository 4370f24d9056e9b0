/**
 * The cluster stack's network (SPEC §4, §5, §6): the VPC when private-eks creates it, one private
 * subnet per zone with its own route table, the VPC endpoints and their security group. There is
 * no internet gateway, NAT gateway, public subnet or route to anywhere: the only routes a route
 * table gets are the local one and the S3 gateway endpoint's prefix-list route.
 *
 * Literal zones and CIDRs, Refs rather than GetAtt on subnets, route tables and endpoints, and
 * egress rules inline: the rules that let this part of the template run on moto (TESTBED §3.4).
 * The one exception is an IPv6 cluster's subnet blocks, cut with Fn::Cidr from a block Amazon
 * assigns at deploy time; moto cannot evaluate Fn::Cidr, so the emulator tests deploy IPv6 only in a supplied VPC.
 */
import type { Plan, PlannedEndpoint } from '../plan/types.js';
import { cidr, clusterOwnedTag, getAtt, ref, select, tagList } from './cfn.js';
import {
  VPC_ID,
  planInvariant,
  routeTableLogicalId,
  routeTableRefValue,
  subnetLogicalId,
  subnetRefValue,
  vpcCidrs,
  vpcIdValue,
} from './context.js';
import { isIpv6 } from './service-cidr.js';
import type { CfnResource, CfnValue } from './types.js';

export const ENDPOINT_SECURITY_GROUP_ID = 'EndpointSecurityGroup';
export const IPV6_CIDR_BLOCK_ID = 'IPv6CidrBlock';

type Resources = Record<string, CfnResource>;

/** An IPv6 cluster in a VPC private-eks creates: the VPC gets an Amazon-provided IPv6 block. */
function createsIpv6Block(plan: Plan): boolean {
  return isIpv6(plan) && plan.vpc.id === null;
}

/** The VPC's first IPv6 block, known only once the stack has associated it. */
const vpcIpv6Block = (): CfnValue => select(0, getAtt(VPC_ID, 'Ipv6CidrBlocks'));

/**
 * A created subnet's IPv6 /64, as eksctl cuts them (pkg/cfn/builder/vpc_ipv6.go): the VPC's /56
 * in 2 × zones + 2 blocks, block `zones + i` for the i-th private subnet. Amazon picks the /56 at
 * deploy time, so this is the one place a CIDR cannot be written as a literal.
 */
function subnetIpv6Block(plan: Plan, index: number): CfnValue {
  const created = plan.subnets.filter((s) => s.id === null).length;
  return select(created + index, cidr(vpcIpv6Block(), 2 * created + 2, 64));
}

/** VPC (unless supplied), subnets, route tables and their explicit associations. */
export function vpcResources(plan: Plan, stackTags: Readonly<Record<string, string>>): Resources {
  const resources: Resources = {};
  if (plan.vpc.id === null) {
    const cidr = plan.vpc.cidrs[0] ?? plan.cluster.vpc.cidr;
    resources[VPC_ID] = {
      Type: 'AWS::EC2::VPC',
      Properties: {
        CidrBlock: cidr,
        // Private DNS of interface endpoints needs both (SPEC §5.5).
        EnableDnsSupport: true,
        EnableDnsHostnames: true,
        Tags: tagList(VPC_ID, stackTags),
      },
    };
  }
  if (createsIpv6Block(plan)) {
    resources[IPV6_CIDR_BLOCK_ID] = {
      Type: 'AWS::EC2::VPCCidrBlock',
      Properties: { VpcId: ref(VPC_ID), AmazonProvidedIpv6CidrBlock: true },
    };
  }
  const owned = clusterOwnedTag(plan.cluster.metadata.name);
  let createdIndex = 0;
  for (const subnet of plan.subnets) {
    if (subnet.id !== null) continue;
    if (subnet.cidr === null) throw planInvariant(`subnet ${subnet.logicalSuffix} is to be created but has no CIDR`);
    const subnetId = subnetLogicalId(subnet.logicalSuffix);
    const routeTableId = routeTableLogicalId(subnet.logicalSuffix);
    resources[subnetId] = {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: vpcIdValue(plan),
        AvailabilityZone: subnet.az,
        CidrBlock: subnet.cidr,
        MapPublicIpOnLaunch: false,
        // vpc.hostnameType, as eksctl (maybeSetHostnameType in pkg/cfn/builder/vpc_ipv4.go).
        ...(plan.cluster.vpc.hostnameType === undefined
          ? {}
          : { PrivateDnsNameOptionsOnLaunch: { HostnameType: plan.cluster.vpc.hostnameType } }),
        // Dual-stack: nodes keep their IPv4 address and get an IPv6 one for their pods' prefixes.
        ...(createsIpv6Block(plan)
          ? { Ipv6CidrBlock: subnetIpv6Block(plan, createdIndex), AssignIpv6AddressOnCreation: true }
          : {}),
        // Where internal load balancers go (the AWS Load Balancer Controller's discovery tag).
        Tags: tagList(subnetId, { 'kubernetes.io/role/internal-elb': '1' }, owned, stackTags),
      },
      // The subnet's /64 is cut from the block this association adds.
      ...(createsIpv6Block(plan) ? { DependsOn: [IPV6_CIDR_BLOCK_ID] } : {}),
    };
    createdIndex += 1;
    resources[routeTableId] = {
      Type: 'AWS::EC2::RouteTable',
      Properties: { VpcId: vpcIdValue(plan), Tags: tagList(routeTableId, stackTags) },
    };
    resources[`RouteTableAssociationPrivate${subnet.logicalSuffix}`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { RouteTableId: ref(routeTableId), SubnetId: ref(subnetId) },
    };
  }
  return resources;
}

/**
 * The endpoints the cluster stack declares: not reused (SPEC §5.5), and not in a supplied VPC's
 * shared endpoints stack (endpoints-stack.ts) — except those a cluster made before endpoints were
 * shared still holds in its own stack.
 */
function clusterStackEndpoints(plan: Plan): readonly PlannedEndpoint[] {
  const clusterStack = plan.stacks.find((s) => s.kind === 'cluster')?.name;
  return plan.endpoints.filter(
    (endpoint) => !endpoint.reused && (endpoint.stack === undefined || endpoint.stack === clusterStack),
  );
}

/**
 * The endpoints a stack declares and, when any of them is an interface endpoint, their dedicated
 * security group (SPEC §5.3 [beyond]). By default the cluster stack's.
 */
export function endpointResources(
  plan: Plan,
  stackTags: Readonly<Record<string, string>>,
  endpoints: readonly PlannedEndpoint[] = clusterStackEndpoints(plan),
): Resources {
  const resources: Resources = {};
  if (endpoints.some((endpoint) => endpoint.type === 'Interface')) {
    resources[ENDPOINT_SECURITY_GROUP_ID] = endpointSecurityGroup(plan, stackTags);
  }
  for (const endpoint of endpoints) {
    resources[endpoint.logicalId] =
      endpoint.type === 'Interface'
        ? interfaceEndpoint(plan, endpoint, stackTags)
        : gatewayEndpoint(plan, endpoint, stackTags);
  }
  return resources;
}

/**
 * IPv6 clusters: HTTPS from the VPC's IPv6 blocks too. The endpoints themselves are IPv4 (not every
 * service offers dual-stack endpoints), and IPv6 pods reach them over IPv4 through the VPC CNI's
 * egress NAT on the node; the rule lets the VPC's IPv6 clients in as soon as an endpoint answers
 * on IPv6 as well, without touching the group.
 */
function ipv6Ingress(plan: Plan): CfnValue[] {
  if (!isIpv6(plan)) return [];
  const rule = (block: CfnValue, from: string): CfnValue => ({
    IpProtocol: 'tcp',
    FromPort: 443,
    ToPort: 443,
    CidrIpv6: block,
    Description: `HTTPS to the VPC endpoints from ${from}`,
  });
  if (createsIpv6Block(plan)) return [rule(vpcIpv6Block(), "the VPC's IPv6 block")];
  return (plan.vpc.ipv6Cidrs ?? []).map((block) => rule(block, block));
}

function endpointSecurityGroup(plan: Plan, stackTags: Readonly<Record<string, string>>): CfnResource {
  return {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'VPC interface endpoints: HTTPS from the VPC only',
      VpcId: vpcIdValue(plan),
      // HTTPS from the whole VPC, not only from the nodes: bastions, CI runners and pods with
      // their own security groups use the endpoints too.
      SecurityGroupIngress: [
        ...vpcCidrs(plan).map((cidr) => ({
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          CidrIp: cidr,
          Description: `HTTPS to the VPC endpoints from ${cidr}`,
        })),
        ...ipv6Ingress(plan),
      ],
      // Endpoints only answer; security groups are stateful, so no egress rule is needed. Naming
      // one rule that matches nothing replaces the default allow-all egress (the AWS CDK's
      // "disallow all traffic" rule); inline because moto skips AWS::EC2::SecurityGroupEgress.
      SecurityGroupEgress: [
        {
          IpProtocol: 'icmp',
          FromPort: 252,
          ToPort: 86,
          CidrIp: '255.255.255.255/32',
          Description: 'Disallow all traffic',
        },
      ],
      Tags: tagList(ENDPOINT_SECURITY_GROUP_ID, stackTags),
    },
    ...(createsIpv6Block(plan) ? { DependsOn: [IPV6_CIDR_BLOCK_ID] } : {}),
  };
}

function interfaceEndpoint(
  plan: Plan,
  endpoint: PlannedEndpoint,
  stackTags: Readonly<Record<string, string>>,
): CfnResource {
  if (endpoint.subnets.length === 0) throw planInvariant(`interface endpoint ${endpoint.service} has no subnet`);
  return {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      ServiceName: endpoint.serviceName,
      VpcEndpointType: 'Interface',
      VpcId: vpcIdValue(plan),
      // One subnet per zone the service offers: EC2 rejects two in one zone (SPEC §5.3).
      SubnetIds: endpoint.subnets.map(subnetRefValue),
      SecurityGroupIds: [ref(ENDPOINT_SECURITY_GROUP_ID)],
      PrivateDnsEnabled: true,
      Tags: tagList(endpoint.logicalId, stackTags),
    },
  };
}

function gatewayEndpoint(
  plan: Plan,
  endpoint: PlannedEndpoint,
  stackTags: Readonly<Record<string, string>>,
): CfnResource {
  // Offline, a supplied VPC's route tables are unknown (the plan lists that among its unknowns):
  // the template is then shown without them. A live plan always has them.
  if (endpoint.routeTables.length === 0 && !plan.offline) {
    throw planInvariant(`gateway endpoint ${endpoint.service} has no route table`);
  }
  const routeTables = endpoint.routeTables.map(routeTableRefValue);
  // The plan lists distinct route tables; deduplicate again so a shared table never appears
  // twice (EC2 rejects the endpoint with RouteAlreadyExists).
  const distinct = routeTables.filter(
    (value, index) => routeTables.findIndex((other) => JSON.stringify(other) === JSON.stringify(value)) === index,
  );
  return {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      ServiceName: endpoint.serviceName,
      VpcEndpointType: 'Gateway',
      VpcId: vpcIdValue(plan),
      ...(distinct.length > 0 ? { RouteTableIds: distinct } : {}),
      Tags: tagList(endpoint.logicalId, stackTags),
    },
  };
}
