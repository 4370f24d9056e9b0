/**
 * test/fixtures/emulator/ipv6.yaml — an IPv6 cluster (kubernetesNetworkConfig.ipFamily: IPv6) in a
 * dual-stack VPC of the user's, with extra IPv6 blocks let in to the API server
 * (vpc.extraIPv6CIDRs) — through the real CLI against the emulator: the VPC (with an
 * Amazon-provided IPv6 block) and its subnets (each a /64 of it, assigning IPv6 addresses on
 * launch) are made first as a user has them; then create, read back (the VPC's IPv6 block, the
 * cluster's IPv6 family and the service range EKS picked, the control plane group's HTTPS rules
 * from each extra IPv6 block, the IPv6 add-ons and the node role's CNI IPv6 permissions), delete,
 * and nothing left behind.
 *
 * A VPC private-eks creates for an IPv6 cluster is not run here: its subnets' IPv6 blocks are cut
 * with Fn::Cidr from the Amazon-provided block, which moto cannot evaluate (TESTBED §3.4).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  AssociateRouteTableCommand,
  AssociateSubnetCidrBlockCommand,
  AssociateVpcCidrBlockCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { DescribeClusterCommand, DescribeNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';

const CLUSTER = 'ipv6';
const EXTRA_IPV6 = ['2001:db8:100::/56', '2001:db8:200::/64'];

let moto: MotoServer;
let ec2: EC2Client;
let eks: EKSClient;
let cfn: CloudFormationClient;
let iam: IAMClient;

useMoto((started, client) => {
  moto = started;
  ec2 = client(EC2Client);
  eks = client(EKSClient);
  cfn = client(CloudFormationClient);
  iam = client(IAMClient);
});

interface Made {
  readonly vpc: string;
  readonly vpcIpv6: string;
  readonly subnets: readonly string[];
}

/** A dual-stack VPC: an Amazon-provided IPv6 /56, two subnets with a /64 of it each. */
async function makeNetwork(): Promise<Made> {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }))).Vpc?.VpcId ?? '';
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
  const association = await ec2.send(
    new AssociateVpcCidrBlockCommand({ VpcId: vpc, AmazonProvidedIpv6CidrBlock: true }),
  );
  const vpcIpv6 = association.Ipv6CidrBlockAssociation?.Ipv6CidrBlock ?? '';
  expect(vpcIpv6).toMatch(/::\/56$/);
  const prefix = vpcIpv6.replace(/::\/56$/, '');
  const subnets: string[] = [];
  for (const [i, zone] of ['us-west-2b', 'us-west-2c'].entries()) {
    const subnet =
      (
        await ec2.send(
          new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.40.${i * 32}.0/19`, AvailabilityZone: zone }),
        )
      ).Subnet?.SubnetId ?? '';
    // The /56's prefix with the subnet's index in its last 8 bits: a /64 of it.
    const last = prefix.split(':').at(-1) ?? '';
    const block = `${prefix.slice(0, prefix.length - last.length)}${(parseInt(last || '0', 16) + i).toString(16)}::/64`;
    await ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: subnet, Ipv6CidrBlock: block }));
    await ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId: subnet, AssignIpv6AddressOnCreation: { Value: true } }),
    );
    const table = await ec2.send(new CreateRouteTableCommand({ VpcId: vpc }));
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: table.RouteTable?.RouteTableId, SubnetId: subnet }));
    subnets.push(subnet);
  }
  return { vpc, vpcIpv6, subnets };
}

function fixtureFor(made: Made, work: string): string {
  const text = readFileSync(emulatorTestedFile('ipv6'), 'utf8')
    .replaceAll('vpc-0aaaaaaaaaaaaaaa1', made.vpc)
    .replaceAll('subnet-0aaaaaaaaaaaaaa01', made.subnets[0]!)
    .replaceAll('subnet-0aaaaaaaaaaaaaa02', made.subnets[1]!);
  expect(text).not.toMatch(/-0a{14}/);
  const file = path.join(work, 'ipv6.yaml');
  writeFileSync(file, text);
  return file;
}

describe('an IPv6 cluster with extra IPv6 blocks (emulator)', () => {
  it(
    'creates it in a dual-stack VPC, reads the IPv6 settings back, and deletes it leaving nothing',
    { timeout: 300_000 },
    async () => {
      const work = mkdtempSync(path.join(os.tmpdir(), 'pe-ipv6-'));
      const env = { ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') };
      const made = await makeNetwork();
      const file = fixtureFor(made, work);
      const before = await takeInventory(emulatorClientConfig(moto.endpoint));

      const create = await runCliCaptured(['create', 'cluster', '-f', file], { env });
      expect(create.code, create.stderr).toBe(0);

      // The VPC keeps its Amazon-provided IPv6 block; the cluster is in it, IPv6, with the service
      // range EKS picked (a /108 of fd00::/8), which the cluster stack exports with CoreDNS's address.
      const vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [made.vpc] }))).Vpcs?.[0];
      expect(vpc?.Ipv6CidrBlockAssociationSet?.map((a) => a.Ipv6CidrBlock)).toEqual([made.vpcIpv6]);
      const cluster = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster;
      expect(cluster?.resourcesVpcConfig?.vpcId).toBe(made.vpc);
      expect(cluster?.kubernetesNetworkConfig?.ipFamily).toBe('ipv6');
      const serviceRange = cluster?.kubernetesNetworkConfig?.serviceIpv6Cidr ?? '';
      expect(serviceRange).toMatch(/^fd[0-9a-f]{2}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::\/108$/);
      const outputs = (await cfn.send(new DescribeStacksCommand({ StackName: `eksctl-${CLUSTER}-cluster` })))
        .Stacks?.[0]?.Outputs;
      const output = (key: string): string | undefined => outputs?.find((o) => o.OutputKey === key)?.OutputValue;
      expect(output('ServiceIPv6CIDR')).toBe(serviceRange);
      expect(output('ClusterDNS')).toBe(serviceRange.replace(/\/108$/, 'a'));
      expect(output('ServiceIPv4CIDR')).toBeUndefined();

      // vpc.extraIPv6CIDRs: HTTPS to the API server from each block, on the control plane's group.
      const group = cluster?.resourcesVpcConfig?.securityGroupIds?.[0];
      const rules = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [group ?? ''] }))).SecurityGroups?.[0]
        ?.IpPermissions;
      const https = rules?.filter((p) => p.FromPort === 443 && p.ToPort === 443 && p.IpProtocol === 'tcp');
      expect(https?.flatMap((p) => p.Ipv6Ranges?.map((r) => r.CidrIpv6) ?? []).sort()).toEqual([...EXTRA_IPV6].sort());

      // The nodes' role carries the VPC CNI's IPv6 permissions inline (no AmazonEKS_CNI_Policy).
      const nodegroup = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'm1' })))
        .nodegroup;
      const roleName = nodegroup?.nodeRole?.split('/').at(-1) ?? '';
      const inline = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
      const cniPolicy = inline.find((name) => name.includes('vpc-cni-ipv6'));
      expect(cniPolicy, inline.join(', ')).toBeDefined();
      const document = (await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: cniPolicy })))
        .PolicyDocument;
      expect(decodeURIComponent(document ?? '')).toContain('ec2:AssignIpv6Addresses');
      const nodeStackTypes = (
        await cfn.send(new DescribeStackResourcesCommand({ StackName: `eksctl-${CLUSTER}-nodegroup-m1` }))
      ).StackResources?.map((r) => r.ResourceType);
      expect(nodeStackTypes).toContain('AWS::EKS::Nodegroup');

      // The three core add-ons eksctl requires for IPv6 (and the default metrics-server).
      const addons = (await (await fetch(`${moto.endpoint}/private-eks-test/addons`)).json()) as {
        clusterName: string;
        addonName: string;
      }[];
      expect(
        addons
          .filter((a) => a.clusterName === CLUSTER)
          .map((a) => a.addonName)
          .sort(),
      ).toEqual(['coredns', 'kube-proxy', 'metrics-server', 'vpc-cni']);

      const remove = await runCliCaptured(['delete', 'cluster', '-f', file], { env });
      expect(remove.code, remove.stderr).toBe(0);
      expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
    },
  );
});
