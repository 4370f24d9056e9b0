/**
 * The templates of an IPv6 cluster (kubernetesNetworkConfig.ipFamily: IPv6): what EKS needs in a
 * private VPC — an IPv6 block on the VPC, a /64 on each private subnet with addresses assigned on
 * launch, HTTPS to the endpoints from the IPv6 block too, and the VPC CNI's IPv6 permissions on the
 * node role. The subnet blocks use Fn::Cidr over the block Amazon assigns at deploy time, which
 * moto cannot evaluate (TESTBED §3.4): no emulator test deploys an IPv6 cluster; these assertions,
 * the `ipv6` golden scenario and cfn-lint (cfn-lint.test.ts) cover it instead.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/resolved.js';
import { renderTemplates } from '../../../src/templates/index.js';
import type { Template } from '../../../src/templates/index.js';
import { testPlan } from '../../helpers/plan-fixtures.js';
import type { PlanFixtureOptions } from '../../helpers/plan-fixtures.js';
import { addon, managedNodeGroup, resolvedConfig } from '../../helpers/resolved-config.js';
import type { Overrides } from '../../helpers/resolved-config.js';

const IPV6: Overrides<ResolvedConfig> = {
  kubernetesNetworkConfig: { ipFamily: 'IPv6' },
  iam: { withOIDC: true },
  addons: [addon('vpc-cni'), addon('coredns'), addon('kube-proxy')],
  managedNodeGroups: [managedNodeGroup('m1')],
};

function render(overrides: Overrides<ResolvedConfig>, options?: PlanFixtureOptions): Map<string, Template> {
  return renderTemplates(testPlan(resolvedConfig(overrides), options));
}
const cluster = (t: Map<string, Template>) => t.get('eksctl-private-cluster-cluster')!;
const nodegroup = (t: Map<string, Template>) => t.get('eksctl-private-cluster-nodegroup-m1')!;
const vpcBlock = { 'Fn::Select': [0, { 'Fn::GetAtt': ['VPC', 'Ipv6CidrBlocks'] }] };

describe('an IPv6 cluster in a VPC private-eks creates', () => {
  const templates = render(IPV6);
  const resources = cluster(templates).Resources;

  it('asks Amazon for an IPv6 block on the VPC', () => {
    expect(resources['IPv6CidrBlock']).toEqual({
      Type: 'AWS::EC2::VPCCidrBlock',
      Properties: { VpcId: { Ref: 'VPC' }, AmazonProvidedIpv6CidrBlock: true },
    });
  });

  it('gives each private subnet a /64 of it, as eksctl cuts them, after the block exists', () => {
    // 3 zones: eksctl cuts the /56 in 2 × 3 + 2 blocks; the private subnets take blocks 3, 4, 5.
    const subnets = ['SubnetPrivateUSWEST2A', 'SubnetPrivateUSWEST2B', 'SubnetPrivateUSWEST2C'];
    subnets.forEach((id, i) => {
      const subnet = resources[id]!;
      expect(subnet.DependsOn).toEqual(['IPv6CidrBlock']);
      expect(subnet.Properties).toMatchObject({
        Ipv6CidrBlock: { 'Fn::Select': [3 + i, { 'Fn::Cidr': [vpcBlock, 8, 64] }] },
        AssignIpv6AddressOnCreation: true,
        MapPublicIpOnLaunch: false,
      });
    });
    // IPv4 stays literal (dual-stack): the control plane's interfaces and the endpoints use it.
    expect(resources['SubnetPrivateUSWEST2A']?.Properties['CidrBlock']).toBe('192.168.96.0/19');
  });

  it('lets the VPC’s IPv6 block reach the endpoints on 443, and nothing else', () => {
    const sg = resources['EndpointSecurityGroup']!;
    expect(sg.DependsOn).toEqual(['IPv6CidrBlock']);
    expect(sg.Properties['SecurityGroupIngress']).toContainEqual({
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIpv6: vpcBlock,
      Description: "HTTPS to the VPC endpoints from the VPC's IPv6 block",
    });
    expect(sg.Properties['SecurityGroupIngress']).toHaveLength(2);
  });

  it('adds no internet path of any kind (no egress-only gateway, no ::/0 route)', () => {
    const types = Object.values(resources).map((r) => r.Type);
    expect(types).not.toContain('AWS::EC2::EgressOnlyInternetGateway');
    expect(types).not.toContain('AWS::EC2::Route');
  });

  it('gives the node role the VPC CNI’s IPv6 permissions instead of the IPv4 CNI policy', () => {
    const role = nodegroup(templates).Resources['NodeInstanceRole']!.Properties;
    expect(JSON.stringify(role['ManagedPolicyArns'])).not.toContain('AmazonEKS_CNI_Policy');
    const policy = JSON.stringify(role['Policies']);
    expect(policy).toContain('ec2:AssignIpv6Addresses');
    // Writes only on this account's network interfaces in this region.
    expect(policy).toContain('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*');
  });
});

describe('an IPv6 cluster in a supplied VPC', () => {
  const templates = render(
    { ...IPV6, vpc: { id: 'vpc-0a1b2c3d4e5f60718' } },
    {
      suppliedVpc: {
        id: 'vpc-0a1b2c3d4e5f60718',
        cidrs: ['10.0.0.0/16'],
        ipv6Cidrs: ['2600:1f14:abc:d00::/56'],
        subnets: [
          { id: 'subnet-0b', az: 'us-west-2b', cidr: '10.0.1.0/24', routeTableId: 'rtb-b' },
          { id: 'subnet-0c', az: 'us-west-2c', cidr: '10.0.2.0/24', routeTableId: 'rtb-c' },
        ],
      },
    },
  );
  const resources = cluster(templates).Resources;

  it('touches neither the VPC nor its subnets, and admits the VPC’s IPv6 block literally', () => {
    expect(resources['IPv6CidrBlock']).toBeUndefined();
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::EC2::Subnet')).toEqual([]);
    const sg = resources['EndpointSecurityGroup']!;
    expect(sg.DependsOn).toBeUndefined();
    expect(sg.Properties['SecurityGroupIngress']).toContainEqual(
      expect.objectContaining({ CidrIpv6: '2600:1f14:abc:d00::/56', FromPort: 443, ToPort: 443 }),
    );
  });
});

describe('an IPv4 cluster', () => {
  it('gets none of it', () => {
    const templates = render({ managedNodeGroups: [managedNodeGroup('m1')] });
    const text = JSON.stringify(cluster(templates));
    for (const word of ['Ipv6', 'IPv6CidrBlock', 'Fn::Cidr']) expect(text).not.toContain(word);
    const role = nodegroup(templates).Resources['NodeInstanceRole']!.Properties;
    expect(JSON.stringify(role['ManagedPolicyArns'])).toContain('AmazonEKS_CNI_Policy');
    expect(role['Policies']).toBeUndefined();
  });
});
