/**
 * Live CloudFacts: read-only EC2 lookups through the SDK client passed in (DESIGN.md: clients are
 * parameters). The only file under src/plan that talks to AWS. The EC2 commands are loaded on
 * first use (src/aws/sdk-ec2-facts.ts), so importing this file (through src/plan/index.ts) costs
 * `plan --offline` nothing.
 *
 * Errors are recognised by `error.name`, never by message (aws-sdk-js-v3 ERROR_HANDLING.md), and
 * rethrown through src/aws's toAwsCallError, naming the operation as an IAM action.
 */
import type {
  DescribeSubnetsCommandInput,
  EC2Client,
  InstanceTypeInfo as InstanceTypeInfoSdk,
  RouteTable,
  ServiceDetail,
  Subnet,
  VpcEndpoint,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../aws/types.js';
import { errorName, toAwsCallError } from '../aws/aws-errors.js';
import { AwsCallError, type PrivateEksError } from '../errors.js';
import type {
  CloudFacts,
  EndpointServiceInfo,
  EndpointServiceLookup,
  EndpointType,
  ExistingEndpoint,
  InstanceTypeInfo,
  RouteTableInfo,
  SubnetInfo,
  VpcInfo,
  ZoneInfo,
} from './facts.js';
import type * as Ec2Commands from '../aws/sdk-ec2-facts.js';

type Ec2Module = typeof Ec2Commands;

/**
 * A failed call as the AWS layer words it (toAwsCallError: moto's HTML answers, credentials,
 * throttling, network), with the operation named as an IAM action and, when given, our own hint.
 */
function callError(action: string, error: unknown, hint?: string): PrivateEksError {
  const converted = toAwsCallError(action, error);
  if (hint === undefined || !(converted instanceof AwsCallError)) return converted;
  return new AwsCallError(converted.message, converted.operation, {
    cause: error,
    hint: converted.hint === undefined ? hint : `${hint}; ${converted.hint}`,
    ...(converted.requestId === undefined ? {} : { requestId: converted.requestId }),
  });
}

const isEndpointType = (t: string | undefined): t is EndpointType => t === 'Interface' || t === 'Gateway';

/** Live facts over `clients.ec2`; the `region` arguments must be the client's region. */
export function createLiveFacts(clients: Pick<AwsClients, 'ec2'>): CloudFacts {
  const ec2: EC2Client = clients.ec2;
  let sdk: Promise<Ec2Module> | undefined;
  const load = (): Promise<Ec2Module> => (sdk ??= import('../aws/sdk-ec2-facts.js'));

  async function describeServicesOnce(names: readonly string[]): Promise<ServiceDetail[]> {
    const { DescribeVpcEndpointServicesCommand } = await load();
    const details: ServiceDetail[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ec2.send(
        new DescribeVpcEndpointServicesCommand({
          ServiceNames: [...names],
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
      );
      details.push(...(page.ServiceDetails ?? []));
      nextToken = page.NextToken === '' ? undefined : page.NextToken;
    } while (nextToken !== undefined);
    return details;
  }

  // Every nodegroup with a selector asks for the same list: described once per facts object.
  let allTypes: Promise<InstanceTypeInfo[]> | undefined;
  const offerings = new Map<string, Promise<Set<string>>>();

  async function describeAllInstanceTypes(): Promise<InstanceTypeInfo[]> {
    const { paginateDescribeInstanceTypes } = await load();
    const types: InstanceTypeInfo[] = [];
    try {
      for await (const page of paginateDescribeInstanceTypes({ client: ec2 }, {})) {
        for (const t of page.InstanceTypes ?? []) {
          const info = instanceTypeInfo(t);
          if (info !== undefined) types.push(info);
        }
      }
    } catch (error) {
      throw callError('ec2:DescribeInstanceTypes', error);
    }
    return types;
  }

  function offeredIn(zone: string): Promise<Set<string>> {
    let names = offerings.get(zone);
    if (names === undefined) {
      names = (async () => {
        const { paginateDescribeInstanceTypeOfferings } = await load();
        const found = new Set<string>();
        try {
          const input = {
            LocationType: 'availability-zone' as const,
            Filters: [{ Name: 'location', Values: [zone] }],
          };
          for await (const page of paginateDescribeInstanceTypeOfferings({ client: ec2 }, input)) {
            for (const o of page.InstanceTypeOfferings ?? [])
              if (o.InstanceType !== undefined) found.add(o.InstanceType);
          }
        } catch (error) {
          throw callError('ec2:DescribeInstanceTypeOfferings', error);
        }
        return found;
      })();
      offerings.set(zone, names);
    }
    return names;
  }

  return {
    offline: false,

    async availabilityZones(): Promise<readonly ZoneInfo[]> {
      const { DescribeAvailabilityZonesCommand } = await load();
      try {
        const out = await ec2.send(new DescribeAvailabilityZonesCommand({}));
        return (out.AvailabilityZones ?? []).flatMap((z) =>
          z.ZoneName === undefined
            ? []
            : [
                {
                  name: z.ZoneName,
                  zoneId: z.ZoneId ?? null,
                  zoneType: z.ZoneType ?? 'availability-zone',
                  state: z.State ?? 'available',
                },
              ],
        );
      } catch (error) {
        throw callError('ec2:DescribeAvailabilityZones', error);
      }
    },

    async endpointServices(_region, serviceNames): Promise<EndpointServiceLookup> {
      if (serviceNames.length === 0) return { found: [], missing: [] };
      let details: ServiceDetail[];
      const rejected: string[] = [];
      try {
        details = await describeServicesOnce(serviceNames);
      } catch (error) {
        if (errorName(error) !== 'InvalidServiceName') {
          throw callError('ec2:DescribeVpcEndpointServices', error);
        }
        // AWS rejects the whole call when one name is unknown, and says which only in the message
        // text; ask for each name alone to learn which ones it rejects.
        details = [];
        for (const name of serviceNames) {
          try {
            details.push(...(await describeServicesOnce([name])));
          } catch (single) {
            if (errorName(single) !== 'InvalidServiceName') {
              throw callError('ec2:DescribeVpcEndpointServices', single);
            }
            rejected.push(name);
          }
        }
      }
      return mergeServiceDetails(serviceNames, details, rejected);
    },

    async describeVpc(region, vpcId): Promise<VpcInfo> {
      const { DescribeVpcsCommand, DescribeVpcAttributeCommand } = await load();
      const hint = `check vpc.id and that the VPC is in region ${region}`;
      let vpc;
      try {
        vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs?.[0];
      } catch (error) {
        throw callError('ec2:DescribeVpcs', error, hint);
      }
      if (vpc === undefined) {
        throw new AwsCallError(`ec2:DescribeVpcs failed: VPC ${vpcId} was not found`, 'ec2:DescribeVpcs', { hint });
      }
      const attribute = async (name: 'enableDnsSupport' | 'enableDnsHostnames'): Promise<boolean> => {
        try {
          const out = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: name }));
          const value = name === 'enableDnsSupport' ? out.EnableDnsSupport : out.EnableDnsHostnames;
          return value?.Value === true;
        } catch (error) {
          throw callError('ec2:DescribeVpcAttribute', error);
        }
      };
      const primary = vpc.CidrBlock;
      const associated = (vpc.CidrBlockAssociationSet ?? [])
        .filter((a) => a.CidrBlockState?.State === 'associated' && a.CidrBlock !== undefined && a.CidrBlock !== primary)
        .map((a) => a.CidrBlock as string);
      const ipv6 = (vpc.Ipv6CidrBlockAssociationSet ?? [])
        .filter((a) => a.Ipv6CidrBlockState?.State === 'associated' && a.Ipv6CidrBlock !== undefined)
        .map((a) => a.Ipv6CidrBlock as string);
      return {
        id: vpcId,
        cidrs: [...(primary === undefined ? [] : [primary]), ...associated],
        enableDnsSupport: await attribute('enableDnsSupport'),
        enableDnsHostnames: await attribute('enableDnsHostnames'),
        // Only when there are some: the field is optional, and absent means none.
        ...(ipv6.length > 0 ? { ipv6Cidrs: ipv6 } : {}),
      };
    },

    async describeSubnets(_region, query): Promise<readonly SubnetInfo[]> {
      const { DescribeSubnetsCommand, paginateDescribeSubnets } = await load();
      const ids = query.ids ?? [];
      const collect = async (input: DescribeSubnetsCommandInput): Promise<Subnet[]> => {
        const subnets: Subnet[] = [];
        if (input.SubnetIds !== undefined) {
          // AWS refuses MaxResults together with SubnetIds, so no paginator here.
          const out = await ec2.send(new DescribeSubnetsCommand(input));
          subnets.push(...(out.Subnets ?? []));
        } else {
          for await (const page of paginateDescribeSubnets({ client: ec2 }, input))
            subnets.push(...(page.Subnets ?? []));
        }
        return subnets;
      };
      let subnets: Subnet[];
      try {
        subnets =
          ids.length > 0
            ? await collect({ SubnetIds: [...ids] })
            : await collect({ Filters: [{ Name: 'vpc-id', Values: [query.vpcId ?? ''] }] });
      } catch (error) {
        if (errorName(error) !== 'InvalidSubnetID.NotFound' || ids.length === 0) {
          throw callError('ec2:DescribeSubnets', error);
        }
        // One unknown id fails the whole call: ask for each id alone and leave out the unknown
        // ones; the plan reports them as problems (V21), all at once.
        subnets = [];
        for (const id of ids) {
          try {
            subnets.push(...(await collect({ SubnetIds: [id] })));
          } catch (single) {
            if (errorName(single) !== 'InvalidSubnetID.NotFound') {
              throw callError('ec2:DescribeSubnets', single);
            }
          }
        }
      }
      return subnets.flatMap((s) => {
        const info = subnetInfo(s);
        return info === undefined ? [] : [info];
      });
    },

    async describeRouteTables(_region, vpcId): Promise<readonly RouteTableInfo[]> {
      const { paginateDescribeRouteTables } = await load();
      const tables: RouteTable[] = [];
      try {
        const input = { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] };
        for await (const page of paginateDescribeRouteTables({ client: ec2 }, input)) {
          tables.push(...(page.RouteTables ?? []));
        }
      } catch (error) {
        throw callError('ec2:DescribeRouteTables', error);
      }
      return tables.flatMap((t) => (t.RouteTableId === undefined ? [] : [routeTableInfo(t, vpcId)]));
    },

    async instanceTypes(_region, zones): Promise<readonly InstanceTypeInfo[]> {
      allTypes ??= describeAllInstanceTypes();
      const [types, ...offered] = await Promise.all([allTypes, ...zones.map(offeredIn)]);
      return (types ?? []).filter((t) => offered.every((names) => names.has(t.name)));
    },

    async describeVpcEndpoints(_region, vpcId): Promise<readonly ExistingEndpoint[]> {
      const { paginateDescribeVpcEndpoints } = await load();
      const endpoints: VpcEndpoint[] = [];
      try {
        const input = { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] };
        for await (const page of paginateDescribeVpcEndpoints({ client: ec2 }, input)) {
          endpoints.push(...(page.VpcEndpoints ?? []));
        }
      } catch (error) {
        throw callError('ec2:DescribeVpcEndpoints', error);
      }
      return endpoints.flatMap((e) => {
        if (e.VpcEndpointId === undefined || e.ServiceName === undefined || !isEndpointType(e.VpcEndpointType))
          return [];
        return [
          {
            id: e.VpcEndpointId,
            serviceName: e.ServiceName,
            type: e.VpcEndpointType,
            // EC2 answers `available`, `pendingAcceptance`…, the SDK's enum says `Available`: lower-case both.
            state: (e.State ?? 'unknown').toLowerCase(),
            subnetIds: e.SubnetIds ?? [],
            routeTableIds: e.RouteTableIds ?? [],
            privateDnsEnabled: e.PrivateDnsEnabled === true,
            ...stackOf(e),
            ...groupsOf(e),
          },
        ];
      });
    },
  };
}

/** An interface endpoint's security groups (gateway endpoints have none). */
function groupsOf(e: VpcEndpoint): { securityGroupIds?: string[] } {
  const ids = (e.Groups ?? []).flatMap((g) => (g.GroupId === undefined ? [] : [g.GroupId]));
  return ids.length === 0 ? {} : { securityGroupIds: ids };
}

/** The stack that made the endpoint, from the tags CloudFormation puts on what it creates. */
function stackOf(e: VpcEndpoint): { stackName?: string; logicalId?: string } {
  const tag = (key: string): string | undefined => e.Tags?.find((t) => t.Key === key)?.Value;
  const stackName = tag('aws:cloudformation:stack-name');
  const logicalId = tag('aws:cloudformation:logical-id');
  return {
    ...(stackName === undefined ? {} : { stackName }),
    ...(logicalId === undefined ? {} : { logicalId }),
  };
}

/**
 * Folds the service details into one record per asked name. AWS answers s3 with two details
 * (Interface and Gateway): their types are merged. Names AWS rejected or did not list are missing.
 */
export function mergeServiceDetails(
  asked: readonly string[],
  details: readonly ServiceDetail[],
  rejected: readonly string[],
): EndpointServiceLookup {
  const byName = new Map<string, { types: Set<EndpointType>; zones: Set<string> }>();
  for (const detail of details) {
    if (detail.ServiceName === undefined || !asked.includes(detail.ServiceName)) continue;
    const entry = byName.get(detail.ServiceName) ?? { types: new Set<EndpointType>(), zones: new Set<string>() };
    for (const t of detail.ServiceType ?? []) if (isEndpointType(t.ServiceType)) entry.types.add(t.ServiceType);
    for (const zone of detail.AvailabilityZones ?? []) entry.zones.add(zone);
    byName.set(detail.ServiceName, entry);
  }
  const found: EndpointServiceInfo[] = [];
  const missing: string[] = [];
  for (const name of asked) {
    const entry = byName.get(name);
    if (entry === undefined || rejected.includes(name)) {
      missing.push(name);
      continue;
    }
    found.push({
      serviceName: name,
      types: (['Interface', 'Gateway'] as const).filter((t) => entry.types.has(t)),
      availabilityZones: [...entry.zones].sort(),
    });
  }
  return { found, missing };
}

/** What an instanceSelector looks at, from EC2's description of the type (counts summed as eksctl's selector does). */
export function instanceTypeInfo(t: InstanceTypeInfoSdk): InstanceTypeInfo | undefined {
  if (t.InstanceType === undefined) return undefined;
  const sum = (counts: readonly { Count?: number | undefined }[] | undefined): number =>
    (counts ?? []).reduce((n, c) => n + (c.Count ?? 0), 0);
  return {
    name: t.InstanceType,
    vCpus: t.VCpuInfo?.DefaultVCpus ?? 0,
    memoryMiB: t.MemoryInfo?.SizeInMiB ?? 0,
    architectures: t.ProcessorInfo?.SupportedArchitectures ?? [],
    gpus: t.GpuInfo === undefined ? null : sum(t.GpuInfo.Gpus),
    inferenceAccelerators:
      t.InferenceAcceleratorInfo === undefined ? null : sum(t.InferenceAcceleratorInfo.Accelerators),
  };
}

function subnetInfo(s: Subnet): SubnetInfo | undefined {
  const ipv6 = (s.Ipv6CidrBlockAssociationSet ?? []).flatMap((a) =>
    a.Ipv6CidrBlockState?.State === 'associated' && a.Ipv6CidrBlock !== undefined ? [a.Ipv6CidrBlock] : [],
  );
  if (
    s.SubnetId === undefined ||
    s.VpcId === undefined ||
    s.AvailabilityZone === undefined ||
    s.CidrBlock === undefined
  ) {
    return undefined;
  }
  return {
    id: s.SubnetId,
    vpcId: s.VpcId,
    availabilityZone: s.AvailabilityZone,
    availabilityZoneId: s.AvailabilityZoneId ?? null,
    cidr: s.CidrBlock,
    mapPublicIpOnLaunch: s.MapPublicIpOnLaunch === true,
    // The IPv6 fields are optional (absent: none, off), so IPv4-only subnets look as they always did.
    ...(ipv6.length > 0 ? { ipv6Cidrs: ipv6 } : {}),
    ...(s.AssignIpv6AddressOnCreation === true ? { assignIpv6AddressOnCreation: true } : {}),
  };
}

function routeTableInfo(t: RouteTable, vpcId: string): RouteTableInfo {
  const associations = t.Associations ?? [];
  return {
    id: t.RouteTableId ?? '',
    vpcId: t.VpcId ?? vpcId,
    main: associations.some((a) => a.Main === true),
    subnetIds: associations.flatMap((a) =>
      a.Main !== true && a.SubnetId !== undefined && a.AssociationState?.State !== 'disassociated' ? [a.SubnetId] : [],
    ),
    routes: (t.Routes ?? []).map((r) => ({
      ...(r.DestinationCidrBlock === undefined ? {} : { destinationCidr: r.DestinationCidrBlock }),
      ...(r.DestinationPrefixListId === undefined ? {} : { destinationPrefixListId: r.DestinationPrefixListId }),
      ...(r.GatewayId === undefined ? {} : { gatewayId: r.GatewayId }),
      ...(r.NatGatewayId === undefined ? {} : { natGatewayId: r.NatGatewayId }),
    })),
  };
}
