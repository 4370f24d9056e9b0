/**
 * test/fixtures/emulator/supplied-vpc.yaml — a VPC of the user's with the user's security groups —
 * through the real CLI against the emulator: the VPC, its subnets (each with its own route table),
 * the security groups, the key pair and the Fargate pod execution role are made first as a user has them, their ids filled into a
 * copy of the fixture; then create, every option read back through the AWS APIs, delete, and
 * nothing left behind (what the test made before the create stays, and is in the inventory taken
 * before it). A second cluster in the same VPC (supplied-vpc-control-plane-groups.yaml), made while
 * the first is there, gives its control plane several groups of the user's (eksctl takes them
 * instead of vpc.securityGroup) and makes no endpoints (skipEndpointCreation: the first's serve it).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import {
  AssociateRouteTableCommand,
  CreateKeyPairCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';

const CLUSTER = 'supplied-vpc';

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
  readonly subnets: readonly string[];
  /** controlPlane, sharedNodes, nodesExtra, bastion. */
  readonly groups: Readonly<
    Record<'controlPlane' | 'controlPlaneExtra' | 'sharedNodes' | 'nodesExtra' | 'bastion', string>
  >;
}

/** The VPC, subnets, route tables, security groups and key pair the fixture names, as a user has them. */
async function makeNetwork(): Promise<Made> {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }))).Vpc?.VpcId ?? '';
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
  const subnets: string[] = [];
  for (const [i, zone] of ['us-west-2b', 'us-west-2c', 'us-west-2d'].entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.30.${i * 32}.0/19`, AvailabilityZone: zone }),
    );
    const table = await ec2.send(new CreateRouteTableCommand({ VpcId: vpc }));
    await ec2.send(
      new AssociateRouteTableCommand({
        RouteTableId: table.RouteTable?.RouteTableId,
        SubnetId: subnet.Subnet?.SubnetId,
      }),
    );
    subnets.push(subnet.Subnet?.SubnetId ?? '');
  }
  const group = async (name: string): Promise<string> =>
    (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: name, Description: name }))).GroupId ?? '';
  const groups = {
    controlPlane: await group('supplied-control-plane'),
    controlPlaneExtra: await group('supplied-control-plane-extra'),
    sharedNodes: await group('supplied-shared-nodes'),
    nodesExtra: await group('supplied-nodes-extra'),
    bastion: await group('supplied-bastion'),
  };
  await ec2.send(new CreateKeyPairCommand({ KeyName: 'supplied-vpc-key' }));
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'supplied-vpc-fargate-pods',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'eks-fargate-pods.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    }),
  );
  return { vpc, subnets, groups };
}

/** A fixture with the made ids in place of its placeholders (each placeholder it has). */
function fixtureFor(key: 'supplied-vpc' | 'supplied-vpc-control-plane-groups', made: Made, work: string): string {
  const replacements: Record<string, string> = {
    'vpc-0aaaaaaaaaaaaaaa1': made.vpc,
    'subnet-0aaaaaaaaaaaaaa01': made.subnets[0]!,
    'subnet-0aaaaaaaaaaaaaa02': made.subnets[1]!,
    'subnet-0aaaaaaaaaaaaaa03': made.subnets[2]!,
    'sg-0aaaaaaaaaaaaaa01': made.groups.controlPlane,
    'sg-0aaaaaaaaaaaaaa02': made.groups.controlPlaneExtra,
    'sg-0aaaaaaaaaaaaaa03': made.groups.sharedNodes,
    'sg-0aaaaaaaaaaaaaa04': made.groups.nodesExtra,
    'sg-0aaaaaaaaaaaaaa05': made.groups.bastion,
  };
  let text = readFileSync(
    key === 'supplied-vpc'
      ? emulatorTestedFile('supplied-vpc')
      : emulatorTestedFile('supplied-vpc-control-plane-groups'),
    'utf8',
  );
  for (const [placeholder, id] of Object.entries(replacements)) text = text.replaceAll(placeholder, id);
  expect(text).not.toMatch(/-0a{14}/);
  const file = path.join(work, `${key}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('a supplied VPC with the user security groups (emulator)', () => {
  it(
    'creates the cluster in it, reads every option back, and deletes it leaving the VPC as it was',
    { timeout: 300_000 },
    async () => {
      const work = mkdtempSync(path.join(os.tmpdir(), 'pe-supplied-vpc-'));
      const env = { ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') };
      const made = await makeNetwork();
      const file = fixtureFor('supplied-vpc', made, work);
      const before = await takeInventory(emulatorClientConfig(moto.endpoint));

      const create = await runCliCaptured(['create', 'cluster', '-f', file], { env });
      expect(create.code, create.stderr).toBe(0);

      // The control plane: in the VPC, its interfaces in the two subnets of controlPlaneSubnetIDs,
      // with the user's security group.
      const cluster = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster;
      expect(cluster?.resourcesVpcConfig?.vpcId).toBe(made.vpc);
      expect([...(cluster?.resourcesVpcConfig?.subnetIds ?? [])].sort()).toEqual(
        [made.subnets[0], made.subnets[1]].sort(),
      );
      expect(cluster?.resourcesVpcConfig?.securityGroupIds).toEqual([made.groups.controlPlane]);

      // The nodes: in the three subnets (keyed by name, with az and cidr), with the extra group and
      // SSH allowed from the bastion's group only; the user's shared node group, its rules managed.
      const nodegroup = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'm1' })))
        .nodegroup;
      expect([...(nodegroup?.subnets ?? [])].sort()).toEqual([...made.subnets].sort());
      // The key pair and the groups are in the nodegroup's launch template (managed nodegroups take no
      // remote access settings next to a launch template).
      const stackResource = async (stack: string, logicalId: string): Promise<string> =>
        (await cfn.send(new DescribeStackResourcesCommand({ StackName: stack, LogicalResourceId: logicalId })))
          .StackResources?.[0]?.PhysicalResourceId ?? '';
      const nodeStack = `eksctl-${CLUSTER}-nodegroup-m1`;
      const data = (
        await ec2.send(
          new DescribeLaunchTemplateVersionsCommand({
            LaunchTemplateId: await stackResource(nodeStack, 'LaunchTemplate'),
            Versions: ['$Latest'],
          }),
        )
      ).LaunchTemplateVersions?.[0]?.LaunchTemplateData;
      const sshGroup = await stackResource(nodeStack, 'SSH');
      expect(data?.KeyName).toBe('supplied-vpc-key');
      expect(data?.SecurityGroupIds).toEqual(
        expect.arrayContaining([made.groups.sharedNodes, made.groups.nodesExtra, sshGroup]),
      );
      const ssh = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sshGroup] }))).SecurityGroups?.[0];
      expect(ssh?.IpPermissions).toEqual([
        expect.objectContaining({
          FromPort: 22,
          ToPort: 22,
          UserIdGroupPairs: [expect.objectContaining({ GroupId: made.groups.bastion })],
        }),
      ]);
      const clusterResources = (
        await cfn.send(new DescribeStackResourcesCommand({ StackName: `eksctl-${CLUSTER}-cluster` }))
      ).StackResources?.map((r) => r.ResourceType);
      // No VPC, subnet or security group of private-eks's own for the cluster: the user's are used.
      expect(clusterResources).not.toContain('AWS::EC2::VPC');
      expect(clusterResources).not.toContain('AWS::EC2::Subnet');
      // manageSharedNodeSecurityGroupRules: the user's shared node group and EKS's cluster group let
      // each other in.
      const shared = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [made.groups.sharedNodes] })))
        .SecurityGroups?.[0];
      const clusterGroup = cluster?.resourcesVpcConfig?.clusterSecurityGroupId;
      expect(
        shared?.IpPermissions?.some((p) => p.UserIdGroupPairs?.some((g) => g.GroupId === clusterGroup)),
        JSON.stringify(shared?.IpPermissions),
      ).toBe(true);

      // Fargate: the user's pod execution role (iam.fargatePodExecutionRoleARN), and no role of private-eks's.
      const profile = (
        await eks.send(new DescribeFargateProfileCommand({ clusterName: CLUSTER, fargateProfileName: 'jobs' }))
      ).fargateProfile;
      expect(profile?.podExecutionRoleArn).toBe('arn:aws:iam::123456789012:role/supplied-vpc-fargate-pods');
      expect(clusterResources?.filter((t) => t === 'AWS::IAM::Role')).toEqual(['AWS::IAM::Role']);

      // A second cluster in the same VPC while the first is there: its control plane with two groups
      // of the user's, and no endpoints of its own (skipEndpointCreation: the first cluster's serve it).
      const groupsFile = fixtureFor('supplied-vpc-control-plane-groups', made, work);
      const endpointsBefore = (await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints?.length;
      const createGroups = await runCliCaptured(['create', 'cluster', '-f', groupsFile], { env });
      expect(createGroups.code, createGroups.stderr).toBe(0);
      const groupsCluster = (await eks.send(new DescribeClusterCommand({ name: 'supplied-vpc-groups' }))).cluster;
      expect([...(groupsCluster?.resourcesVpcConfig?.securityGroupIds ?? [])].sort()).toEqual(
        [made.groups.controlPlane, made.groups.controlPlaneExtra].sort(),
      );
      expect((await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints?.length).toBe(endpointsBefore);
      // No endpoints step at all (the first cluster's create had one: it made the shared endpoints stack).
      expect(create.stderr).toContain('[endpoints]');
      expect(createGroups.stderr).not.toContain('[endpoints]');
      const removeGroups = await runCliCaptured(['delete', 'cluster', '-f', groupsFile], { env });
      expect(removeGroups.code, removeGroups.stderr).toBe(0);

      const remove = await runCliCaptured(['delete', 'cluster', '-f', file], { env });
      expect(remove.code, remove.stderr).toBe(0);
      expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
    },
  );
});
