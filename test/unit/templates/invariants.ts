/**
 * The security and portability properties every rendered template set must have (SPEC §5, §6;
 * TESTBED §3.4). Each check returns the violations it found, as sentences, so a failing test says
 * exactly which resource broke which rule.
 */
import { UNKNOWN_OFFLINE } from '../../../src/plan/types.js';
import type { Plan, PlannedEndpoint } from '../../../src/plan/types.js';
import type { CfnValue, Template } from '../../../src/templates/index.js';

type Json = CfnValue;
type Templates = ReadonlyMap<string, Template>;

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every (path, value) in a JSON tree, depth first. */
function* walk(value: Json, path: string): Generator<[string, Json]> {
  yield [path, value];
  if (Array.isArray(value)) for (const [i, item] of (value as Json[]).entries()) yield* walk(item, `${path}[${i}]`);
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) yield* walk(item, `${path}.${key}`);
}

function resourcesOf(templates: Templates): [string, string, { Type: string; Properties: Record<string, Json> }][] {
  const out: [string, string, { Type: string; Properties: Record<string, Json> }][] = [];
  for (const [stack, template] of templates) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      out.push([stack, id, resource]);
    }
  }
  return out;
}

function clusterTemplate(plan: Plan, templates: Templates): Template {
  const stack = plan.stacks.find((s) => s.kind === 'cluster')!;
  return templates.get(stack.name)!;
}

/** The template that declares a planned endpoint: a supplied VPC's shared endpoints stack, else the cluster's. */
function holderOf(plan: Plan, templates: Templates, endpoint: PlannedEndpoint): Template {
  return (endpoint.stack === undefined ? undefined : templates.get(endpoint.stack)) ?? clusterTemplate(plan, templates);
}

/** Interface endpoints: one subnet per zone they cover, private DNS on, only the endpoint SG. */
export function interfaceEndpointViolations(plan: Plan, templates: Templates): string[] {
  const out: string[] = [];
  const cluster = clusterTemplate(plan, templates);
  const zoneOf = (subnet: Json): string | undefined => {
    if (typeof subnet === 'string') return plan.subnets.find((s) => s.id === subnet)?.az;
    const id = isObject(subnet) ? subnet['Ref'] : undefined;
    const resource = typeof id === 'string' ? cluster.Resources[id] : undefined;
    return resource?.Properties['AvailabilityZone'] as string | undefined;
  };
  for (const endpoint of plan.endpoints.filter((e) => e.type === 'Interface' && !e.reused)) {
    const resource = holderOf(plan, templates, endpoint).Resources[endpoint.logicalId];
    if (resource === undefined) {
      out.push(`${endpoint.logicalId} is missing`);
      continue;
    }
    const props = resource.Properties;
    const subnets = props['SubnetIds'] as Json[];
    const zones = subnets.map(zoneOf);
    if (zones.some((z) => z === undefined)) out.push(`${endpoint.logicalId}: a subnet has no known zone`);
    if (new Set(zones).size !== zones.length) out.push(`${endpoint.logicalId}: two subnets in one zone`);
    if ([...zones].sort().join() !== [...endpoint.availabilityZones].sort().join()) {
      out.push(
        `${endpoint.logicalId}: zones ${zones.join()} differ from the planned ${endpoint.availabilityZones.join()}`,
      );
    }
    if (JSON.stringify(props['SecurityGroupIds']) !== JSON.stringify([{ Ref: 'EndpointSecurityGroup' }])) {
      out.push(`${endpoint.logicalId}: security groups ${JSON.stringify(props['SecurityGroupIds'])}`);
    }
    if (props['PrivateDnsEnabled'] !== true) out.push(`${endpoint.logicalId}: private DNS is off`);
    if (props['ServiceName'] !== endpoint.serviceName) out.push(`${endpoint.logicalId}: wrong service name`);
  }
  for (const endpoint of plan.endpoints.filter((e) => e.reused)) {
    if (endpoint.logicalId in cluster.Resources) out.push(`${endpoint.logicalId} is reused but created again`);
  }
  for (const endpoint of plan.endpoints.filter((e) => e.type === 'Gateway' && !e.reused)) {
    const tables = holderOf(plan, templates, endpoint).Resources[endpoint.logicalId]?.Properties['RouteTableIds'] as
      Json[] | undefined;
    const texts = (tables ?? []).map((t) => JSON.stringify(t));
    if (new Set(texts).size !== texts.length) out.push(`${endpoint.logicalId}: a route table appears twice`);
    // Offline, a supplied subnet's route table is unknown: the endpoint is shown without it.
    const known = plan.subnets.filter((s) => s.routeTableId !== UNKNOWN_OFFLINE);
    const wanted = new Set(
      known.map((s) => JSON.stringify(s.routeTableId ?? { Ref: `PrivateRouteTable${s.logicalSuffix}` })),
    );
    if ([...wanted].sort().join() !== [...texts].sort().join())
      out.push(`${endpoint.logicalId}: route tables ${texts.join()}`);
  }
  return out;
}

/** The endpoint security group admits TCP 443 from the VPC CIDRs and nothing else. */
export function endpointSecurityGroupViolations(plan: Plan, templates: Templates): string[] {
  const holder = plan.sharedEndpoints === undefined ? undefined : templates.get(plan.sharedEndpoints.stackName);
  const sg = (holder ?? clusterTemplate(plan, templates)).Resources['EndpointSecurityGroup'];
  const creates = plan.endpoints.some((e) => e.type === 'Interface' && !e.reused);
  if (sg === undefined) return creates ? ['EndpointSecurityGroup is missing'] : [];
  const out: string[] = [];
  const all = sg.Properties['SecurityGroupIngress'] as Record<string, Json>[];
  // IPv6 clusters: the VPC's IPv6 blocks too — literal in a supplied VPC, else the VPC's first block.
  const ipv6 = plan.cluster.kubernetesNetworkConfig.ipFamily === 'IPv6';
  const ipv6Rules = all.filter((rule) => rule['CidrIpv6'] !== undefined);
  const expectedIpv6 =
    plan.vpc.id === null
      ? [JSON.stringify({ 'Fn::Select': [0, { 'Fn::GetAtt': ['VPC', 'Ipv6CidrBlocks'] }] })]
      : (plan.vpc.ipv6Cidrs ?? []).map((c) => JSON.stringify(c));
  const admittedIpv6 = ipv6Rules.map((rule) => JSON.stringify(rule['CidrIpv6']));
  if ((ipv6 ? expectedIpv6 : []).sort().join() !== admittedIpv6.sort().join())
    out.push(`endpoint SG admits IPv6 ${admittedIpv6.join()}, not ${ipv6 ? expectedIpv6.join() : 'none'}`);
  const ingress = all.filter((rule) => rule['CidrIpv6'] === undefined);
  const cidrs = ingress.map((rule) => JSON.stringify(rule['CidrIp']));
  for (const rule of all) {
    if (rule['IpProtocol'] !== 'tcp' || rule['FromPort'] !== 443 || rule['ToPort'] !== 443) {
      out.push(`endpoint SG rule ${JSON.stringify(rule)} is not TCP 443`);
    }
    if (rule['SourceSecurityGroupId'] !== undefined) out.push('endpoint SG has a non-CIDR source');
  }
  const vpcCidrs = plan.vpc.cidrs.length > 0 ? plan.vpc.cidrs : [plan.cluster.vpc.cidr];
  if (
    [...cidrs].sort().join() !==
    vpcCidrs
      .map((c) => JSON.stringify(c))
      .sort()
      .join()
  )
    out.push(`endpoint SG admits ${cidrs.join()}, not ${vpcCidrs.join()}`);
  const egress = sg.Properties['SecurityGroupEgress'] as Record<string, Json>[];
  if (egress.length !== 1 || egress[0]!['CidrIp'] !== '255.255.255.255/32') out.push('endpoint SG allows egress');
  return out;
}

const PUBLIC_TYPES = [
  'AWS::EC2::InternetGateway',
  'AWS::EC2::EgressOnlyInternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::NatGateway',
  'AWS::EC2::EIP',
  'AWS::EC2::Route',
  'AWS::EC2::TransitGatewayAttachment',
];

/** Nothing public: no gateway to the internet, no route anywhere, no public address, no open ingress. */
export function publicExposureViolations(plan: Plan, templates: Templates): string[] {
  const out: string[] = [];
  for (const [stack, id, resource] of resourcesOf(templates)) {
    if (PUBLIC_TYPES.includes(resource.Type)) out.push(`${stack}/${id} is a ${resource.Type}`);
    if (resource.Type === 'AWS::EC2::Subnet' && resource.Properties['MapPublicIpOnLaunch'] !== false) {
      out.push(`${stack}/${id} maps public IPs`);
    }
    for (const [path, value] of walk(resource.Properties, id)) {
      if (!isObject(value)) continue;
      if (value['AssociatePublicIpAddress'] === true) out.push(`${stack}/${path} associates a public IP`);
      for (const key of ['CidrIp', 'DestinationCidrBlock', 'CidrIpv6', 'DestinationIpv6CidrBlock']) {
        if (value[key] === '0.0.0.0/0' || value[key] === '::/0')
          out.push(`${stack}/${path}.${key} is ${String(value[key])}`);
      }
    }
  }
  const cp = clusterTemplate(plan, templates).Resources['ControlPlane']!.Properties['ResourcesVpcConfig'] as Record<
    string,
    Json
  >;
  if (cp['EndpointPublicAccess'] !== plan.endpointAccess.initial.publicAccess)
    out.push('EndpointPublicAccess differs from the plan');
  if (!plan.endpointAccess.initial.publicAccess && cp['PublicAccessCidrs'] !== undefined)
    out.push('PublicAccessCidrs on a private-only cluster');
  if (cp['EndpointPrivateAccess'] !== true) out.push('EndpointPrivateAccess is not true');
  return out;
}

/** IMDSv2 (hop limit 2, or 1 with disablePodIMDS) and encrypted volumes on every launch template. */
export function launchTemplateViolations(templates: Templates): string[] {
  const out: string[] = [];
  for (const [stack, id, resource] of resourcesOf(templates)) {
    if (resource.Type !== 'AWS::EC2::LaunchTemplate') continue;
    const data = resource.Properties['LaunchTemplateData'] as Record<string, Json>;
    const metadata = data['MetadataOptions'] as Record<string, Json> | undefined;
    if (metadata?.['HttpTokens'] !== 'required') out.push(`${stack}/${id}: IMDSv2 not required`);
    const hops = metadata?.['HttpPutResponseHopLimit'];
    if (hops !== 2 && hops !== 1) out.push(`${stack}/${id}: hop limit is neither 2 nor 1 (disablePodIMDS)`);
    const devices = (data['BlockDeviceMappings'] ?? []) as Record<string, Record<string, Json>>[];
    if (devices.length === 0) out.push(`${stack}/${id}: no block device mapping`);
    for (const device of devices)
      if (device['Ebs']?.['Encrypted'] !== true) out.push(`${stack}/${id}: unencrypted volume`);
    if ('NetworkInterfaces' in data && 'SecurityGroupIds' in data) out.push(`${stack}/${id}: groups set twice`);
  }
  return out;
}

/** No `arn:aws:` (or other partition) literal: partitions go through ${AWS::Partition}. */
export function partitionLiteralViolations(templates: Templates): string[] {
  const out: string[] = [];
  for (const [stack, template] of templates) {
    const matches = JSON.stringify(template).match(/arn:aws[-a-z]*:/g);
    if (matches !== null) out.push(`${stack}: ${matches.length} partition literal(s) (${matches[0]})`);
  }
  return out;
}

const TAGGABLE = new Set([
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::VPCEndpoint',
  'AWS::IAM::Role',
  'AWS::IAM::OIDCProvider',
  'AWS::EKS::Cluster',
  'AWS::EKS::AccessEntry',
  'AWS::EKS::Addon',
  'AWS::EKS::FargateProfile',
  'AWS::EKS::PodIdentityAssociation',
  'AWS::Logs::LogGroup',
]);

/** Every taggable resource carries `Name` = `${AWS::StackName}/<LogicalId>` and the stack's tags. */
export function nameTagViolations(plan: Plan, templates: Templates): string[] {
  const out: string[] = [];
  for (const [stackName, id, resource] of resourcesOf(templates)) {
    if (!TAGGABLE.has(resource.Type)) continue;
    const tags = resource.Properties['Tags'] as { Key: string; Value: Json }[] | undefined;
    const name = tags?.find((t) => t.Key === 'Name');
    if (JSON.stringify(name?.Value) !== JSON.stringify({ 'Fn::Sub': `\${AWS::StackName}/${id}` })) {
      out.push(`${stackName}/${id}: Name tag ${JSON.stringify(name?.Value)}`);
    }
    const stack = plan.stacks.find((s) => s.name === stackName)!;
    for (const [key, value] of Object.entries(stack.tags)) {
      // A shared endpoints stack's users change with every create and delete: on the stack only.
      if (stack.kind === 'endpoints' && key.startsWith('private-eks.io/endpoint-user/')) continue;
      if (!tags?.some((t) => t.Key === key && t.Value === value))
        out.push(`${stackName}/${id}: stack tag ${key} missing`);
    }
  }
  return out;
}

const CLUSTER_OUTPUTS = [
  'VPC',
  'SubnetsPrivate',
  'SecurityGroup',
  'SharedNodeSecurityGroup',
  'ClusterSecurityGroupId',
  'Endpoint',
  'CertificateAuthorityData',
  'ARN',
  'ClusterFullyPrivate',
];

/** SPEC §6 outputs on the cluster stack, `ClusterFullyPrivate` = "true" exported as eksctl names exports. */
export function clusterOutputViolations(plan: Plan, templates: Templates): string[] {
  const outputs = clusterTemplate(plan, templates).Outputs ?? {};
  const out = CLUSTER_OUTPUTS.filter((name) => !(name in outputs)).map((name) => `output ${name} is missing`);
  const flag = outputs['ClusterFullyPrivate'];
  if (flag?.Value !== 'true') out.push('ClusterFullyPrivate is not "true"');
  for (const [name, output] of Object.entries(outputs)) {
    const exportName = JSON.stringify(output.Export?.Name);
    if (exportName !== JSON.stringify({ 'Fn::Sub': `\${AWS::StackName}::${name}` }))
      out.push(`output ${name} exported as ${exportName}`);
  }
  return out;
}

/** Every Fn::ImportValue of a later stack names an export the cluster stack has. */
export function importViolations(plan: Plan, templates: Templates): string[] {
  const clusterStack = plan.stacks.find((s) => s.kind === 'cluster')!.name;
  const exported = new Set(
    Object.keys(clusterTemplate(plan, templates).Outputs ?? {}).map((n) => `${clusterStack}::${n}`),
  );
  const out: string[] = [];
  for (const [stack, template] of templates) {
    for (const [path, value] of walk(template as unknown as Json, stack)) {
      if (!isObject(value) || !('Fn::ImportValue' in value)) continue;
      const name = value['Fn::ImportValue'];
      if (typeof name !== 'string' || !exported.has(name))
        out.push(`${path} imports ${JSON.stringify(name)}, which is not exported`);
    }
  }
  return out;
}

const MOTO_UNSAFE_FUNCTIONS = ['Fn::Cidr', 'Fn::GetAZs', 'Fn::Length', 'Fn::ForEach', 'Fn::Transform'];
const NO_GETATT_TYPES = ['AWS::EC2::VPCEndpoint', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable'];

/** TESTBED §3.4: what keeps the network part runnable on moto, and references that resolve. */
export function portabilityViolations(templates: Templates): string[] {
  const out: string[] = [];
  for (const [stack, template] of templates) {
    const ids = new Set([...Object.keys(template.Resources), ...Object.keys(template.Parameters ?? {})]);
    for (const [path, value] of walk(template as unknown as Json, stack)) {
      if (!isObject(value)) continue;
      // An IPv6 cluster's subnet blocks are cut from a block Amazon assigns at deploy time: the
      // one Fn::Cidr there is (moto cannot evaluate it, so no emulator test deploys IPv6).
      const ipv6SubnetBlock = /\.Resources\.SubnetPrivate\w+\.Properties\.Ipv6CidrBlock\./.test(`${path}.`);
      for (const fn of MOTO_UNSAFE_FUNCTIONS)
        if (fn in value && !(fn === 'Fn::Cidr' && ipv6SubnetBlock)) out.push(`${path} uses ${fn}`);
      const getAtt = value['Fn::GetAtt'];
      if (getAtt !== undefined) {
        if (!Array.isArray(getAtt)) out.push(`${path}: GetAtt in string form`);
        const target = Array.isArray(getAtt) ? (getAtt as Json[])[0] : undefined;
        const type = typeof target === 'string' ? template.Resources[target]?.Type : undefined;
        if (type === undefined) out.push(`${path}: GetAtt on unknown ${JSON.stringify(target)}`);
        else if (NO_GETATT_TYPES.includes(type)) out.push(`${path}: GetAtt on a ${type}`);
      }
      const ref = value['Ref'];
      if (typeof ref === 'string' && !ref.startsWith('AWS::') && !ids.has(ref))
        out.push(`${path}: Ref to unknown ${ref}`);
    }
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type === 'AWS::EC2::SecurityGroupEgress')
        out.push(`${stack}/${id}: SecurityGroupEgress (egress goes inline)`);
    }
  }
  return out;
}

/** Every invariant at once, for plans the tests generate. */
export function allViolations(plan: Plan, templates: Templates): string[] {
  return [
    ...interfaceEndpointViolations(plan, templates),
    ...endpointSecurityGroupViolations(plan, templates),
    ...publicExposureViolations(plan, templates),
    ...launchTemplateViolations(templates),
    ...partitionLiteralViolations(templates),
    ...nameTagViolations(plan, templates),
    ...clusterOutputViolations(plan, templates),
    ...importViolations(plan, templates),
    ...portabilityViolations(templates),
  ];
}
