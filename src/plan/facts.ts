/**
 * CloudFacts: everything planning needs to learn from AWS, behind one narrow interface
 * (DESIGN.md). Two implementations: live (facts-live.ts, SDK clients passed in) and offline
 * (facts-offline.ts, a built-in catalog). Planning never calls AWS any other way.
 *
 * All methods are read-only. Errors are thrown as PrivateEksError (src/errors.ts).
 */

export interface ZoneInfo {
  /** e.g. `us-west-2a` */
  readonly name: string;
  /** e.g. `usw2-az2`; null offline when unknown. */
  readonly zoneId: string | null;
  /** `availability-zone`, `local-zone`, `wavelength-zone`. */
  readonly zoneType: string;
  readonly state: string;
}

/** A VPC endpoint type: Interface (PrivateLink network interfaces) or Gateway (routes, for S3 and DynamoDB). */
export type EndpointType = 'Interface' | 'Gateway';

/** A VPC endpoint service AWS offers in the region: its exact name, types and zones. */
export interface EndpointServiceInfo {
  /** Exact name, e.g. `com.amazonaws.us-west-2.ecr.api`. */
  readonly serviceName: string;
  /** AWS lists s3 twice (Interface and Gateway): both appear here. */
  readonly types: readonly EndpointType[];
  /** Zones where the service is offered; null when not known (offline catalog without zone data). */
  readonly availabilityZones: readonly string[] | null;
}

/** The answer to one lookup of endpoint services: those found, and the names AWS does not offer. */
export interface EndpointServiceLookup {
  readonly found: readonly EndpointServiceInfo[];
  /** Names AWS rejected (`InvalidServiceName`) or did not list. */
  readonly missing: readonly string[];
}

/** A VPC as AWS describes it: CIDRs and DNS attributes. */
export interface VpcInfo {
  readonly id: string;
  /** Primary CIDR first, then associated ones. */
  readonly cidrs: readonly string[];
  readonly enableDnsSupport: boolean;
  readonly enableDnsHostnames: boolean;
  /**
   * Associated IPv6 blocks (IPv6 clusters: the endpoint security group admits them too). Added
   * after the first contract: absent means none known.
   */
  readonly ipv6Cidrs?: readonly string[];
}

/** A subnet as AWS describes it. */
export interface SubnetInfo {
  readonly id: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly availabilityZoneId: string | null;
  readonly cidr: string;
  readonly mapPublicIpOnLaunch: boolean;
  /**
   * Associated IPv6 blocks: an IPv6 cluster's subnets need one (EKS refuses the cluster
   * otherwise). Added after the first contract, with `assignIpv6AddressOnCreation`: absent means
   * none known.
   */
  readonly ipv6Cidrs?: readonly string[];
  /** Whether instances launched in the subnet get an IPv6 address (nodes of an IPv6 cluster need one). */
  readonly assignIpv6AddressOnCreation?: boolean;
}

/** A route of a route table. */
export interface RouteInfo {
  readonly destinationCidr?: string;
  readonly destinationPrefixListId?: string;
  /** `igw-…`, `local`, `vpce-…`, … */
  readonly gatewayId?: string;
  readonly natGatewayId?: string;
}

/** A route table of a supplied VPC, with its explicit subnet associations and routes. */
export interface RouteTableInfo {
  readonly id: string;
  readonly vpcId: string;
  /** True for the VPC's main route table. */
  readonly main: boolean;
  /** Subnets explicitly associated with this table. */
  readonly subnetIds: readonly string[];
  readonly routes: readonly RouteInfo[];
}

/** A VPC endpoint already in a supplied VPC (private-eks reuses it instead of creating another). */
export interface ExistingEndpoint {
  readonly id: string;
  readonly serviceName: string;
  readonly type: EndpointType;
  readonly state: string;
  readonly subnetIds: readonly string[];
  readonly routeTableIds: readonly string[];
  readonly privateDnsEnabled: boolean;
  /** The stack that made it (its `aws:cloudformation:stack-name` tag); absent when none did. */
  readonly stackName?: string;
  /** Its logical id in that stack (`aws:cloudformation:logical-id`). */
  readonly logicalId?: string;
  /** Interface endpoints: their security groups. */
  readonly securityGroupIds?: readonly string[];
}

/** An EC2 instance type as DescribeInstanceTypes describes it: what an instanceSelector looks at. */
export interface InstanceTypeInfo {
  /** e.g. `m5.large` */
  readonly name: string;
  /** VCpuInfo.DefaultVCpus */
  readonly vCpus: number;
  /** MemoryInfo.SizeInMiB */
  readonly memoryMiB: number;
  /** ProcessorInfo.SupportedArchitectures: `x86_64`, `arm64`, `i386`, … */
  readonly architectures: readonly string[];
  /** The sum of GpuInfo.Gpus[].Count; null when EC2 gives no GpuInfo. */
  readonly gpus: number | null;
  /** The sum of InferenceAcceleratorInfo.Accelerators[].Count; null when EC2 gives none. */
  readonly inferenceAccelerators: number | null;
}

/** Everything planning learns from AWS, read-only: zones, VPC endpoint services, a supplied VPC's subnets, route tables and endpoints. createLiveFacts asks AWS; createOfflineFacts answers from the built-in catalog. */
export interface CloudFacts {
  /** True for the built-in catalog: the plan says so. */
  readonly offline: boolean;
  availabilityZones(region: string): Promise<readonly ZoneInfo[]>;
  /** One (paginated) DescribeVpcEndpointServices for exactly these names. */
  endpointServices(region: string, serviceNames: readonly string[]): Promise<EndpointServiceLookup>;
  describeVpc(region: string, vpcId: string): Promise<VpcInfo>;
  /** By id, or every subnet of `vpcId` when `ids` is empty. */
  describeSubnets(region: string, query: { vpcId?: string; ids?: readonly string[] }): Promise<readonly SubnetInfo[]>;
  describeRouteTables(region: string, vpcId: string): Promise<readonly RouteTableInfo[]>;
  describeVpcEndpoints(region: string, vpcId: string): Promise<readonly ExistingEndpoint[]>;
  /**
   * The instance types offered in every one of `zones` (DescribeInstanceTypes, paginated, and
   * DescribeInstanceTypeOfferings per zone), for an instanceSelector. Null offline: only EC2 knows.
   * Added after the first contract.
   */
  instanceTypes(region: string, zones: readonly string[]): Promise<readonly InstanceTypeInfo[] | null>;
}
