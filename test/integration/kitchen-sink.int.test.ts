/**
 * examples/kitchen-sink.yaml — every nodegroup, IAM, add-on and cluster option private-eks builds
 * on a VPC it makes — through the real CLI against the emulator: create, get, every option read back
 * through the AWS APIs, delete (with --delete-logs: the control plane's log group is kept otherwise,
 * as eksctl keeps it), and nothing left behind (inventory: stacks, roles, instance profiles, launch
 * templates, auto scaling groups, log groups, EKS access entries, add-ons and pod identity
 * associations, …). What the file names but does not make (load balancers, a key pair, roles, an
 * instance profile, an image, a launch template) is made first, before the inventory.
 *
 * Not shown by the emulator: instances joining, add-on versions. moto's models keep no control
 * plane scaling tier or egress mode, node repair config, auto scaling metrics collection or
 * instance lifetime, add-on namespace, Pod Identity session policy or target role, and report
 * AL2_x86_64 for a managed nodegroup on a custom image (EKS: CUSTOM): those are read from the
 * template each stack was made from. The ServiceAccount objects go through the in-VPC runner, whose shipped code the emulator
 * runs with the local node (`lambda-runner` in the emulator's README), to the fake Kubernetes API of
 * test/helpers/fake-kube-api.ts over real TLS, where they are read back — with emr-containers'
 * Role, RoleBinding and aws-auth mapping. The fake API keeps objects as applied: it does not check
 * RBAC (whether the runner's access policies let it create the Role is EKS's to decide), and the
 * Kubernetes objects go with the cluster on delete, as with eksctl (nothing to read back after it).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CreateKeyPairCommand,
  CreateLaunchTemplateCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  EC2Client,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeClusterCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { useMotoWithKubeApi } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import type { FakeKubeApi } from '../helpers/fake-kube-api.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';
import { emulatorTestedFile } from '../helpers/emulator-tested-files.js';

const CLUSTER = 'kitchen-sink';

let api: FakeKubeApi;
let moto: MotoServer;
let cfn: CloudFormationClient;
let ec2: EC2Client;
let eks: EKSClient;
let iam: IAMClient;
let autoScaling: AutoScalingClient;
let logs: CloudWatchLogsClient;
let elb: ElasticLoadBalancingClient;
let elbv2: ElasticLoadBalancingV2Client;

useMotoWithKubeApi('private-eks kitchen-sink emulator test', (started, client) => {
  ({ moto, api } = started);
  cfn = client(CloudFormationClient);
  ec2 = client(EC2Client);
  eks = client(EKSClient);
  iam = client(IAMClient);
  autoScaling = client(AutoScalingClient);
  logs = client(CloudWatchLogsClient);
  elb = client(ElasticLoadBalancingClient);
  elbv2 = client(ElasticLoadBalancingV2Client);
});

async function resource(stack: string, logicalId: string): Promise<string> {
  const out = await cfn.send(new DescribeStackResourcesCommand({ StackName: stack, LogicalResourceId: logicalId }));
  const id = out.StackResources?.[0]?.PhysicalResourceId;
  if (id === undefined) throw new Error(`${stack} has no ${logicalId}`);
  return id;
}

async function outputs(stack: string): Promise<Record<string, string>> {
  const out = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
  return Object.fromEntries((out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
}

async function attachedPolicies(roleName: string): Promise<string[]> {
  const out = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  return (out.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? '').sort();
}

async function inlinePolicyNames(roleName: string): Promise<string[]> {
  return ((await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? []).sort();
}

const roleName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

async function store(route: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(new URL(`/private-eks-test/${route}`, moto.endpoint));
  return (await response.json()) as Record<string, unknown>[];
}

type Template = { Resources: Record<string, { Properties: Record<string, unknown>; UpdatePolicy?: unknown }> };

async function deployedTemplate(stack: string): Promise<Template> {
  return JSON.parse((await cfn.send(new GetTemplateCommand({ StackName: stack }))).TemplateBody ?? '{}') as Template;
}

async function launchTemplateData(stack: string, logicalId: string) {
  const id = await resource(stack, logicalId);
  const out = await ec2.send(
    new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: ['$Latest'] }),
  );
  return out.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
}

/**
 * What the file names but does not make, made first as a user would have it (taken into the inventory
 * before the create, so none of it is a leftover): the access entry's principal (EKS refuses a
 * principal that does not exist, and so does the emulator), the "edge" nodes' role, instance profile
 * and key pair, and the load balancers "mixed" registers with (the emulator refuses an auto scaling
 * group naming a missing one, as AWS does) in a VPC of their own. The file is the example with the
 * target group's ARN, which AWS makes up, filled in.
 */
async function prerequisites(
  work: string,
): Promise<{ file: string; targetGroupArn: string; ami: string; launchTemplate: string }> {
  const trust = (service: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
    });
  await iam.send(
    new CreateRoleCommand({ RoleName: 'platform-team', AssumeRolePolicyDocument: trust('ec2.amazonaws.com') }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'kitchen-sink-edge-nodes',
      AssumeRolePolicyDocument: trust('ec2.amazonaws.com'),
    }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'kitchen-sink-edge-nodes' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({
      InstanceProfileName: 'kitchen-sink-edge-nodes',
      RoleName: 'kitchen-sink-edge-nodes',
    }),
  );
  await ec2.send(new CreateKeyPairCommand({ KeyName: 'kitchen-sink-key' }));
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc?.VpcId;
  const subnetId = (
    await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.50.0.0/24', AvailabilityZone: 'us-west-2a' }))
  ).Subnet?.SubnetId;
  const targetGroup = await elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'kitchen-sink-web',
      Protocol: 'HTTP',
      Port: 80,
      TargetType: 'instance',
      VpcId: vpcId,
    }),
  );
  await elb.send(
    new CreateClassicLoadBalancerCommand({
      LoadBalancerName: 'kitchen-sink-legacy',
      Scheme: 'internal',
      Subnets: [subnetId!],
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
    }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'kitchen-sink-reports-pods',
      AssumeRolePolicyDocument: trust('eks-fargate-pods.amazonaws.com'),
    }),
  );
  const image = await ec2.send(
    new RegisterImageCommand({
      Name: 'kitchen-sink-ubuntu-node',
      Architecture: 'x86_64',
      RootDeviceName: '/dev/sda1',
      VirtualizationType: 'hvm',
    }),
  );
  const template = await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'kitchen-sink-own-template',
      LaunchTemplateData: {
        InstanceType: 'm6i.large',
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      },
    }),
  );
  const targetGroupArn = targetGroup.TargetGroups?.[0]?.TargetGroupArn ?? '';
  const doc = parseDocument(readFileSync(emulatorTestedFile('kitchen-sink'), 'utf8'));
  doc.setIn(['nodeGroups', 0, 'targetGroupARNs', 0], targetGroupArn);
  const ids = { ami: image.ImageId ?? '', launchTemplate: template.LaunchTemplate?.LaunchTemplateId ?? '' };
  const managedGroups = doc.get('managedNodeGroups') as YAMLSeq<YAMLMap>;
  for (const [list, name] of [
    [doc.get('nodeGroups') as YAMLSeq<YAMLMap>, 'custom'],
    [managedGroups, 'custom-managed'],
  ] as const) {
    list.items.find((ng) => ng.get('name') === name)?.set('ami', ids.ami);
  }
  managedGroups.items
    .find((ng) => ng.get('name') === 'own-template')
    ?.setIn(['launchTemplate', 'id'], ids.launchTemplate);
  const file = path.join(work, 'kitchen-sink.yaml');
  writeFileSync(file, doc.toString());
  return { file, targetGroupArn, ...ids };
}

describe('kitchen-sink: every nodegroup, IAM and add-on option (emulator)', () => {
  it('creates, reads back, gets and deletes it, leaving nothing behind', { timeout: 600_000 }, async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'pe-ks-'));
    const env = { ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') };
    const { file: FILE, targetGroupArn, ami, launchTemplate } = await prerequisites(work);
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));

    const create = await runCliCaptured(['create', 'cluster', '-f', FILE], { env });
    expect(create.code, create.stderr).toBe(0);
    expect(create.stderr).toContain(`cluster "${CLUSTER}" in us-west-2: ready`);

    // Cluster role: eksctl's policies and sts:TagSession.
    const cluster = await outputs(`eksctl-${CLUSTER}-cluster`);
    const serviceRole = await iam.send(new GetRoleCommand({ RoleName: roleName(cluster['ServiceRoleARN']!) }));
    expect(decodeURIComponent(serviceRole.Role?.AssumeRolePolicyDocument ?? '')).toContain('sts:TagSession');
    expect(await attachedPolicies(roleName(cluster['ServiceRoleARN']!))).toEqual([
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'arn:aws:iam::aws:policy/AmazonEKSVPCResourceController',
    ]);
    expect(serviceRole.Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
      'arn:aws:iam::123456789012:policy/cluster-boundary',
    );
    // The cluster: service range and IP family, secrets encryption, logging with its log group's
    // retention, the access configuration and the file's access entry with its policy.
    const described = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster;
    expect(described?.kubernetesNetworkConfig).toMatchObject({ serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4' });
    expect(described?.encryptionConfig).toEqual([
      {
        resources: ['secrets'],
        provider: { keyArn: 'arn:aws:kms:us-west-2:123456789012:key/5678abcd-56ab-78cd-90ef-5678901234ab' },
      },
    ]);
    expect(described?.logging?.clusterLogging?.find((l) => l.enabled)?.types?.sort()).toEqual(['api', 'audit']);
    expect(described?.accessConfig).toMatchObject({
      authenticationMode: 'API_AND_CONFIG_MAP',
      bootstrapClusterCreatorAdminPermissions: true,
    });
    const logGroup = (
      await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/eks/${CLUSTER}/cluster` }))
    ).logGroups?.[0];
    expect(logGroup?.retentionInDays).toBe(30);
    const entry = (await store('access-entries')).find(
      (e) => e['principalArn'] === 'arn:aws:iam::123456789012:role/platform-team',
    );
    expect(entry).toMatchObject({
      type: 'STANDARD',
      username: 'platform-team',
      kubernetesGroups: ['platform-viewers'],
      accessPolicies: [
        {
          policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
          accessScope: { type: 'namespace', namespaces: ['platform'] },
        },
      ],
    });
    // availabilityZones: the cluster's subnets in those zones.
    const subnets = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: described?.resourcesVpcConfig?.subnetIds }));
    expect([...new Set(subnets.Subnets?.map((s) => s.AvailabilityZone))].sort()).toEqual([
      'us-west-2a',
      'us-west-2b',
      'us-west-2c',
    ]);
    // moto's EKS model keeps no control plane scaling tier or egress mode: checked in the template the
    // stack was made from.
    expect((await deployedTemplate(`eksctl-${CLUSTER}-cluster`)).Resources['ControlPlane']?.Properties).toMatchObject({
      ControlPlaneScalingConfig: { Tier: 'standard' },
      ResourcesVpcConfig: expect.objectContaining({ ControlPlaneEgressMode: 'AWS_MANAGED' }),
    });

    // Self-managed "mixed": launch template, auto scaling group, node role.
    const mixedStack = `eksctl-${CLUSTER}-nodegroup-mixed`;
    const mixedData = await launchTemplateData(mixedStack, 'NodeGroupLaunchTemplate');
    // Hop limit 2, eksctl's default: "mixed" has add-on policies, which eksctl refuses together
    // with disablePodIMDS (the managed nodegroup below keeps pods off IMDS: limit 1).
    expect(mixedData?.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 });
    expect(mixedData?.BlockDeviceMappings?.[0]?.Ebs).toMatchObject({
      VolumeSize: 100,
      VolumeType: 'gp3',
      Iops: 4000,
      Throughput: 250,
      Encrypted: true,
      KmsKeyId: 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    expect(mixedData?.CreditSpecification).toEqual({ CpuCredits: 'unlimited' });
    // volumeName, additionalVolumes, ebsOptimized, enableDetailedMonitoring, instancePrefix/instanceName.
    expect(mixedData?.BlockDeviceMappings?.map((b) => b.DeviceName)).toEqual(['/dev/xvda', '/dev/xvdb']);
    expect(mixedData?.BlockDeviceMappings?.[1]?.Ebs).toMatchObject({
      VolumeSize: 20,
      VolumeType: 'gp3',
      Encrypted: true,
    });
    expect(mixedData?.EbsOptimized).toBe(true);
    expect(mixedData?.Monitoring).toEqual({ Enabled: true });
    expect(mixedData?.EnclaveOptions).toEqual({ Enabled: true });
    expect(mixedData?.TagSpecifications?.[0]?.Tags).toContainEqual({ Key: 'Name', Value: 'ks-mixed-node' });
    const userData = Buffer.from(mixedData?.UserData ?? '', 'base64').toString('utf8');
    expect(userData).toContain('"kubeReserved":{"cpu":"300m","memory":"300Mi"}');
    expect(userData).toContain('"clusterDNS":["10.100.0.10"]');
    const groupName = await resource(mixedStack, 'NodeGroup');
    const group = (await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] })))
      .AutoScalingGroups?.[0];
    expect(group).toMatchObject({ MinSize: 1, MaxSize: 4, DesiredCapacity: 2 });
    // moto's auto scaling model has no MaxInstanceLifetime nor metrics collection: checked in the
    // template the stack was made from.
    const deployed = await deployedTemplate(mixedStack);
    expect(deployed.Resources['NodeGroup']?.Properties).toMatchObject({
      MaxInstanceLifetime: 604800,
      CapacityRebalance: true,
      MetricsCollection: [{ Granularity: '1Minute', Metrics: ['GroupMinSize', 'GroupMaxSize'] }],
    });
    // propagateASGTags: the nodes' labels as cluster-autoscaler node-template tags on the group.
    expect(group?.Tags).toContainEqual(
      expect.objectContaining({
        Key: 'k8s.io/cluster-autoscaler/node-template/label/alpha.eksctl.io/nodegroup-name',
        Value: 'mixed',
      }),
    );
    expect(deployed.Resources['NodeGroup']?.UpdatePolicy).toEqual({
      AutoScalingRollingUpdate: { MaxBatchSize: 2, MinInstancesInService: 0, SuspendProcesses: ['AZRebalance'] },
    });
    expect(group?.MixedInstancesPolicy?.LaunchTemplate?.Overrides?.map((o) => o.InstanceType)).toEqual([
      't3.large',
      't3a.large',
    ]);
    expect(group?.MixedInstancesPolicy?.InstancesDistribution).toMatchObject({
      OnDemandBaseCapacity: 1,
      OnDemandPercentageAboveBaseCapacity: 25,
      SpotAllocationStrategy: 'lowest-price',
      SpotInstancePools: 2,
    });
    const mixedRole = roleName((await outputs(mixedStack))['InstanceRoleARN']!);
    expect(mixedRole).toBe('kitchen-sink-mixed-nodes');
    const mixedRoleRead = await iam.send(new GetRoleCommand({ RoleName: mixedRole }));
    expect(mixedRoleRead.Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
      'arn:aws:iam::123456789012:policy/node-boundary',
    );
    expect(await attachedPolicies(mixedRole)).toEqual(
      [
        'AmazonEC2ContainerRegistryPowerUser',
        'AmazonEKSWorkerNodePolicy',
        'AmazonEKS_CNI_Policy',
        'AmazonSSMManagedInstanceCore',
        'CloudWatchAgentServerPolicy',
        'service-role/AmazonEBSCSIDriverPolicy',
      ]
        .map((p) => `arn:aws:iam::aws:policy/${p}`)
        .sort(),
    );
    expect(await inlinePolicyNames(mixedRole)).toEqual(
      [
        'PolicyAutoScaling',
        'PolicyCertManagerChangeSet',
        'PolicyCertManagerHostedZones',
        'PolicyCertManagerGetChange',
        'PolicyExternalDNSChangeSet',
        'PolicyExternalDNSHostedZones',
        'PolicyAppMesh',
        'PolicyAppMeshPreview',
        'PolicyFSX',
        'PolicyServiceLinkRole',
        'PolicyEFS',
        'PolicyEFSEC2',
        'PolicyAWSLoadBalancerController',
        'PolicyXRay',
      ].sort(),
    );

    // "mixed", continued: the load balancers it registers with, its zones, spot price, tags, labels,
    // taints, max pods and the commands before the bootstrap.
    expect(group?.TargetGroupARNs).toEqual([targetGroupArn]);
    expect(group?.LoadBalancerNames).toEqual(['kitchen-sink-legacy']);
    expect([...(group?.AvailabilityZones ?? [])].sort()).toEqual(['us-west-2a', 'us-west-2b']);
    expect(group?.MixedInstancesPolicy?.InstancesDistribution?.SpotMaxPrice).toBe('0.05');
    expect(group?.Tags).toContainEqual(expect.objectContaining({ Key: 'cost-center', Value: '1234' }));
    expect(group?.Tags).toContainEqual(
      expect.objectContaining({
        Key: 'k8s.io/cluster-autoscaler/node-template/taint/dedicated',
        Value: 'mixed:PreferNoSchedule',
      }),
    );
    expect(userData).toContain('"maxPods":58');
    expect(userData).toContain('echo mixed > /etc/node-role');
    expect(userData).toContain('workload=mixed');
    expect(userData).toContain('--register-with-taints=dedicated=mixed:PreferNoSchedule');

    // Self-managed "edge": the user's role and instance profile, a key pair with SSH allowed (its own
    // security group), a Capacity Block reservation, a placement group, pods kept off IMDS.
    const edgeStack = `eksctl-${CLUSTER}-nodegroup-edge`;
    const edge = await launchTemplateData(edgeStack, 'NodeGroupLaunchTemplate');
    expect(edge).toMatchObject({
      IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/kitchen-sink-edge-nodes' },
      KeyName: 'kitchen-sink-key',
      InstanceMarketOptions: { MarketType: 'capacity-block' },
      CapacityReservationSpecification: {
        CapacityReservationTarget: { CapacityReservationId: 'cr-0123456789abcdef0' },
      },
      Placement: { GroupName: 'kitchen-sink-edge' },
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
    });
    const sshGroup = await resource(edgeStack, 'SSH');
    expect(edge?.NetworkInterfaces?.[0]?.Groups).toContain(sshGroup);
    const sshRules = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sshGroup] }))).SecurityGroups?.[0]
      ?.IpPermissions;
    expect(sshRules?.map((r) => [r.FromPort, r.ToPort])).toEqual([[22, 22]]);

    // Bottlerocket, managed: the user's settings and the admin container.
    const bottlerocket = await launchTemplateData(`eksctl-${CLUSTER}-nodegroup-bottlerocket`, 'LaunchTemplate');
    const toml = Buffer.from(bottlerocket?.UserData ?? '', 'base64').toString('utf8');
    expect(toml).toContain('motd = "Hello from a private cluster"');
    expect(toml).toContain('[settings.kernel.sysctl]\n"net.core.somaxconn" = "4096"');
    expect(toml).toContain('[settings.host-containers.admin]\nenabled = true');
    expect(toml).toContain('allowed-unsafe-sysctls = ["net.core.somaxconn"]');

    // Bottlerocket, self-managed: the settings in its launch template's user data (TOML, with the
    // cluster's own settings eksctl adds), and its instance launched with both volumes encrypted:
    // the OS volume (/dev/xvda) with the image's size, the data volume (/dev/xvdb) with volumeSize.
    const selfRocketStack = `eksctl-${CLUSTER}-nodegroup-bottlerocket-self`;
    const selfRocket = await launchTemplateData(selfRocketStack, 'NodeGroupLaunchTemplate');
    const selfToml = Buffer.from(selfRocket?.UserData ?? '', 'base64').toString('utf8');
    expect(selfToml).toContain('motd = "Self-managed and private"');
    expect(selfToml).toContain('[settings.kernel.sysctl]\n"vm.max_map_count" = "262144"');
    expect(selfToml).toContain('[settings.host-containers.admin]\nenabled = true');
    expect(selfToml).toContain(`cluster-name = "${CLUSTER}"`);
    // The cluster's endpoint, CA and DNS address filled in from its stack's exports.
    expect(selfToml).not.toContain('${');
    expect(selfRocket?.BlockDeviceMappings?.map((m) => [m.DeviceName, m.Ebs?.VolumeSize, m.Ebs?.Encrypted])).toEqual([
      ['/dev/xvda', undefined, true],
      ['/dev/xvdb', 50, true],
    ]);
    const selfRocketGroup = (
      await autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [await resource(selfRocketStack, 'NodeGroup')] }),
      )
    ).AutoScalingGroups?.[0];
    const selfRocketInstances = selfRocketGroup?.Instances?.map((i) => i.InstanceId ?? '') ?? [];
    expect(selfRocketInstances).toHaveLength(1);
    const selfRocketInstance = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: selfRocketInstances })))
      .Reservations?.[0]?.Instances?.[0];
    const volumeIds = selfRocketInstance?.BlockDeviceMappings?.map((m) => m.Ebs?.VolumeId ?? '') ?? [];
    const volumes = (await ec2.send(new DescribeVolumesCommand({ VolumeIds: volumeIds }))).Volumes ?? [];
    expect(
      volumes
        // moto also gives an instance launched from a template its default 8 GiB /dev/sda1 (EC2 does not).
        .filter((v) => v.Attachments?.[0]?.Device !== '/dev/sda1')
        .map((v) => [
          v.Attachments?.[0]?.Device,
          v.Size,
          v.Encrypted,
          v.SnapshotId !== undefined && v.SnapshotId !== '',
        ])
        .sort(),
    ).toEqual([
      ['/dev/xvda', 15, true, true],
      ['/dev/xvdb', 50, true, false],
    ]);

    // Managed nodegroups: update config, io1 IOPS, hop limit 1.
    const managed = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'managed' })))
      .nodegroup;
    expect(managed?.updateConfig).toEqual({ maxUnavailablePercentage: 50 });
    expect(managed?.releaseVersion).toBe('1.33.0-20250704');
    // moto's nodegroup model keeps no repair config: checked in the template the stack was made from.
    expect(
      (await deployedTemplate(`eksctl-${CLUSTER}-nodegroup-managed`)).Resources['ManagedNodeGroup']?.Properties,
    ).toMatchObject({ NodeRepairConfig: { Enabled: true }, ReleaseVersion: '1.33.0-20250704' });
    const managedData = await launchTemplateData(`eksctl-${CLUSTER}-nodegroup-managed`, 'LaunchTemplate');
    expect(managedData?.BlockDeviceMappings?.[0]?.Ebs).toMatchObject({ VolumeType: 'io1', Iops: 500 });
    expect(managedData?.MetadataOptions).toMatchObject({ HttpPutResponseHopLimit: 1 });
    expect(managedData?.Placement).toMatchObject({ GroupName: 'kitchen-sink-spread' });
    expect(managedData?.CapacityReservationSpecification).toMatchObject({ CapacityReservationPreference: 'open' });

    // Managed "managed", continued: KMS keys, an extra volume from a snapshot, EBS optimization,
    // monitoring, the instances' name, zones, max pods, pre-bootstrap commands, labels, tags, the
    // user's node policies (inline too), and on the group EKS made: suspended processes and the
    // cluster autoscaler's tags.
    expect(managedData?.BlockDeviceMappings?.map((b) => b.DeviceName)).toEqual(['/dev/xvda', '/dev/xvdb']);
    const kitchenKey = 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(managedData?.BlockDeviceMappings?.[0]?.Ebs).toMatchObject({ Encrypted: true, KmsKeyId: kitchenKey });
    expect(managedData?.BlockDeviceMappings?.[1]?.Ebs).toMatchObject({
      VolumeSize: 50,
      VolumeType: 'gp3',
      Iops: 3500,
      Throughput: 200,
      KmsKeyId: kitchenKey,
      SnapshotId: 'snap-0123456789abcdef0',
      Encrypted: true,
    });
    expect(managedData).toMatchObject({ EbsOptimized: true, Monitoring: { Enabled: true } });
    expect(managedData?.MetadataOptions).toMatchObject({ HttpTokens: 'required' });
    expect(managedData?.TagSpecifications?.[0]?.Tags).toContainEqual({ Key: 'Name', Value: 'ks-managed-node' });
    const managedUserData = Buffer.from(managedData?.UserData ?? '', 'base64').toString('utf8');
    expect(managedUserData).toContain('echo managed > /etc/node-role');
    expect(managedUserData).toContain('maxPods: 30');
    expect(managed?.labels).toMatchObject({ workload: 'managed' });
    expect(managed?.tags).toMatchObject({ 'cost-center': '5678' });
    const managedSubnets = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: managed?.subnets }));
    expect(managedSubnets.Subnets?.map((s) => s.AvailabilityZone).sort()).toEqual(['us-west-2b', 'us-west-2c']);
    const managedRole = roleName(managed?.nodeRole ?? '');
    expect(await attachedPolicies(managedRole)).toEqual(
      ['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy']
        .map((p) => `arn:aws:iam::aws:policy/${p}`)
        .sort(),
    );
    const managedInline = await inlinePolicyNames(managedRole);
    expect(managedInline).toHaveLength(1);
    const managedPolicy = await iam.send(
      new GetRolePolicyCommand({ RoleName: managedRole, PolicyName: managedInline[0]! }),
    );
    expect(decodeURIComponent(managedPolicy.PolicyDocument ?? '')).toContain('s3:ListAllMyBuckets');
    const managedGroupName = managed?.resources?.autoScalingGroups?.[0]?.name ?? '';
    const managedGroup = (
      await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [managedGroupName] }))
    ).AutoScalingGroups?.[0];
    expect(managedGroup?.SuspendedProcesses?.map((p) => p.ProcessName)).toEqual(['AZRebalance']);
    expect(managedGroup?.Tags).toContainEqual(
      expect.objectContaining({ Key: 'k8s.io/cluster-autoscaler/node-template/label/workload', Value: 'managed' }),
    );
    // moto's nodegroup model keeps no repair config: its thresholds checked in the template.
    expect(
      (await deployedTemplate(`eksctl-${CLUSTER}-nodegroup-managed`)).Resources['ManagedNodeGroup']?.Properties,
    ).toMatchObject({
      NodeRepairConfig: { MaxUnhealthyNodeThresholdPercentage: 20, MaxParallelNodesRepairedPercentage: 10 },
    });

    // Managed "spot": spot capacity over two instance types, the ALB ingress policy set, node repair overrides.
    const spot = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'spot' })))
      .nodegroup;
    expect(spot).toMatchObject({ capacityType: 'SPOT', instanceTypes: ['m6i.large', 'm6a.large'] });
    expect(await inlinePolicyNames(roleName(spot?.nodeRole ?? ''))).toContain('PolicyAWSLoadBalancerController');
    expect(
      (await deployedTemplate(`eksctl-${CLUSTER}-nodegroup-spot`)).Resources['ManagedNodeGroup']?.Properties,
    ).toMatchObject({
      NodeRepairConfig: {
        MaxUnhealthyNodeThresholdCount: 2,
        MaxParallelNodesRepairedCount: 1,
        NodeRepairConfigOverrides: [
          {
            NodeMonitoringCondition: 'AcceleratedHardwareReady',
            NodeUnhealthyReason: 'NvidiaXID13Error',
            MinRepairWaitTimeMins: 10,
            RepairAction: 'Reboot',
          },
        ],
      },
    });

    // Managed "reserved": a Capacity Block from a capacity reservation group.
    expect(await launchTemplateData(`eksctl-${CLUSTER}-nodegroup-reserved`, 'LaunchTemplate')).toMatchObject({
      InstanceMarketOptions: { MarketType: 'capacity-block' },
      CapacityReservationSpecification: {
        CapacityReservationTarget: {
          CapacityReservationResourceGroupArn:
            'arn:aws:resource-groups:us-west-2:123456789012:group/kitchen-sink-reservations',
        },
      },
    });

    // Custom images with their own bootstrap, each in the one zone its subnets name: self-managed
    // "custom" (the image in its launch template) and managed "custom-managed" (EKS's CUSTOM AMI type).
    const customStack = `eksctl-${CLUSTER}-nodegroup-custom`;
    const custom = await launchTemplateData(customStack, 'NodeGroupLaunchTemplate');
    expect(custom?.ImageId).toBe(ami);
    expect(Buffer.from(custom?.UserData ?? '', 'base64').toString('utf8')).toContain('--node-labels=workload=custom');
    const customGroup = (
      await autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [await resource(customStack, 'NodeGroup')] }),
      )
    ).AutoScalingGroups?.[0];
    expect(customGroup?.AvailabilityZones).toEqual(['us-west-2a']);
    const customManaged = (
      await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'custom-managed' }))
    ).nodegroup;
    // No AmiType with an image in the launch template (EKS reports CUSTOM; the emulator's nodegroup
    // model defaults to AL2_x86_64 instead): checked in the template the stack was made from.
    expect(
      (await deployedTemplate(`eksctl-${CLUSTER}-nodegroup-custom-managed`)).Resources['ManagedNodeGroup']?.Properties,
    ).not.toHaveProperty('AmiType');
    const customManagedData = await launchTemplateData(`eksctl-${CLUSTER}-nodegroup-custom-managed`, 'LaunchTemplate');
    expect(customManagedData?.ImageId).toBe(ami);
    expect(Buffer.from(customManagedData?.UserData ?? '', 'base64').toString('utf8')).toContain(
      '--node-labels=workload=custom-managed',
    );
    const customManagedSubnets = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: customManaged?.subnets }));
    expect(customManagedSubnets.Subnets?.map((s) => s.AvailabilityZone)).toEqual(['us-west-2b']);
    // Managed "own-template": the user's launch template and version, as given.
    const ownTemplate = (
      await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'own-template' }))
    ).nodegroup;
    expect(ownTemplate?.launchTemplate).toMatchObject({ id: launchTemplate, version: '1' });
    // "spot": its gp3 root volume's throughput.
    expect(
      (await launchTemplateData(`eksctl-${CLUSTER}-nodegroup-spot`, 'LaunchTemplate'))?.BlockDeviceMappings?.[0]?.Ebs,
    ).toMatchObject({ VolumeType: 'gp3', Throughput: 300 });

    // Fargate: a profile with its subnets and tags on the pod execution role private-eks makes (with its
    // permissions boundary), and one with the user's role.
    const batchJobs = (
      await eks.send(new DescribeFargateProfileCommand({ clusterName: CLUSTER, fargateProfileName: 'batch-jobs' }))
    ).fargateProfile;
    expect(batchJobs?.selectors).toEqual([{ namespace: 'batch', labels: { runtime: 'fargate' } }]);
    expect(batchJobs?.tags).toMatchObject({ owner: 'batch' });
    const fargateSubnets = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: batchJobs?.subnets }));
    expect(fargateSubnets.Subnets?.map((s) => s.AvailabilityZone).sort()).toEqual(['us-west-2a', 'us-west-2b']);
    const podRole = (await iam.send(new GetRoleCommand({ RoleName: roleName(batchJobs?.podExecutionRoleArn ?? '') })))
      .Role;
    expect(podRole?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
      'arn:aws:iam::123456789012:policy/fargate-boundary',
    );
    const reports = (
      await eks.send(new DescribeFargateProfileCommand({ clusterName: CLUSTER, fargateProfileName: 'reports' }))
    ).fargateProfile;
    expect(reports?.podExecutionRoleArn).toBe('arn:aws:iam::123456789012:role/kitchen-sink-reports-pods');

    // Add-ons: the file's and eksctl's defaults; IRSA roles as stacks, Pod Identity roles in the add-ons stack.
    const addons = (await store('addons')).filter((a) => a['clusterName'] === CLUSTER);
    expect(addons.map((a) => a['addonName']).sort()).toEqual(
      [
        'adot',
        'amazon-cloudwatch-observability',
        'aws-ebs-csi-driver',
        'aws-efs-csi-driver',
        'aws-mountpoint-s3-csi-driver',
        'cert-manager',
        'coredns',
        'eks-pod-identity-agent',
        'external-dns',
        'kube-proxy',
        'metrics-server',
        'snapshot-controller',
        'vpc-cni',
      ].sort(),
    );
    const byName = (name: string) => addons.find((a) => a['addonName'] === name)!;
    // version, resolveConflicts, tags; serviceAccountRoleARN and configurationValues.
    expect(byName('eks-pod-identity-agent')).toMatchObject({ resolveConflicts: 'OVERWRITE' });
    expect(byName('eks-pod-identity-agent')['tags']).toMatchObject({ owner: 'platform' });
    expect(byName('adot')).toMatchObject({
      serviceAccountRoleArn: 'arn:aws:iam::123456789012:role/kitchen-sink-adot',
      configurationValues: '{"manager":{"resources":{"limits":{"memory":"256Mi"}}}}',
    });
    // An add-on's own Pod Identity associations: a well-known policy set, the user's role, an inline policy.
    const associationsOf = (name: string) =>
      byName(name)['podIdentityAssociations'] as { serviceAccount: string; roleArn: string }[];
    const externalDns = associationsOf('external-dns');
    expect(externalDns.map((a) => a.serviceAccount)).toEqual(['external-dns']);
    expect(await inlinePolicyNames(roleName(externalDns[0]!.roleArn))).toEqual([
      'PolicyExternalDNSChangeSet',
      'PolicyExternalDNSHostedZones',
    ]);
    const certManager = associationsOf('cert-manager');
    expect(certManager.map((a) => a.serviceAccount)).toEqual(['cert-manager', 'cert-manager-webhook']);
    expect(await inlinePolicyNames(roleName(certManager[0]!.roleArn))).toEqual([
      'PolicyCertManagerChangeSet',
      'PolicyCertManagerGetChange',
      'PolicyCertManagerHostedZones',
    ]);
    expect(certManager[1]!.roleArn).toBe('arn:aws:iam::123456789012:role/cert-manager-webhook');
    const snapshots = associationsOf('snapshot-controller');
    expect(await inlinePolicyNames(roleName(snapshots[0]!.roleArn))).toEqual(['snapshots']);
    const snapshotPolicy = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName(snapshots[0]!.roleArn), PolicyName: 'snapshots' }),
    );
    expect(decodeURIComponent(snapshotPolicy.PolicyDocument ?? '')).toContain('ec2:DescribeSnapshots');
    // attachPolicy: the add-on's IRSA role with the inline document; permissionsBoundary on the EBS one.
    const mountpointRole = (await outputs(`eksctl-${CLUSTER}-addon-aws-mountpoint-s3-csi-driver`))['Role1']!;
    expect(byName('aws-mountpoint-s3-csi-driver')['serviceAccountRoleArn']).toBe(mountpointRole);
    const mountpointPolicies = await inlinePolicyNames(roleName(mountpointRole));
    expect(mountpointPolicies).toHaveLength(1);
    const mountpointPolicy = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName(mountpointRole), PolicyName: mountpointPolicies[0]! }),
    );
    expect(decodeURIComponent(mountpointPolicy.PolicyDocument ?? '')).toContain('arn:aws:s3:::kitchen-sink-data');
    const ebsRole = (await outputs(`eksctl-${CLUSTER}-addon-aws-ebs-csi-driver`))['Role1']!;
    expect(
      (await iam.send(new GetRoleCommand({ RoleName: roleName(ebsRole) }))).Role?.PermissionsBoundary
        ?.PermissionsBoundaryArn,
    ).toBe('arn:aws:iam::123456789012:policy/addon-boundary');
    // namespaceConfig: the emulator's add-on model keeps no namespace; checked in the template.
    const addonsTemplate = await deployedTemplate(`eksctl-${CLUSTER}-addons`);
    const externalDnsAddon = Object.values(addonsTemplate.Resources).find(
      (r) => r.Properties['AddonName'] === 'external-dns',
    );
    expect(externalDnsAddon?.Properties).toMatchObject({ NamespaceConfig: { Namespace: 'external-dns' } });
    for (const [addon, policy] of [
      ['aws-ebs-csi-driver', 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy'],
      ['aws-efs-csi-driver', 'arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy'],
      ['vpc-cni', 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'],
    ] as const) {
      const roleArn = (await outputs(`eksctl-${CLUSTER}-addon-${addon}`))['Role1'];
      expect(byName(addon)['serviceAccountRoleArn'], addon).toBe(roleArn);
      expect(await attachedPolicies(roleName(roleArn!))).toEqual([policy]);
    }
    const cloudwatch = byName('amazon-cloudwatch-observability')['podIdentityAssociations'] as {
      serviceAccount: string;
      roleArn: string;
    }[];
    expect(cloudwatch.map((a) => a.serviceAccount)).toEqual(['cloudwatch-agent']);
    expect(await attachedPolicies(roleName(cloudwatch[0]!.roleArn))).toEqual([
      'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy',
    ]);
    expect(byName('coredns')['serviceAccountRoleArn'] ?? undefined).toBeUndefined();

    // IAM: a service account with a well-known policy set; Pod Identity with one.
    const autoscalerRole = (await outputs(`eksctl-${CLUSTER}-addon-iamserviceaccount-kube-system-cluster-autoscaler`))[
      'Role1'
    ];
    expect(await inlinePolicyNames(roleName(autoscalerRole!))).toEqual(['PolicyAutoScaling']);
    const autoscaling = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName(autoscalerRole!), PolicyName: 'PolicyAutoScaling' }),
    );
    expect(decodeURIComponent(autoscaling.PolicyDocument ?? '')).toContain('autoscaling:SetDesiredCapacity');
    const autoscalerRoleRead = (await iam.send(new GetRoleCommand({ RoleName: roleName(autoscalerRole!) }))).Role;
    expect(autoscalerRoleRead?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
      'arn:aws:iam::123456789012:policy/irsa-boundary',
    );
    expect(autoscalerRoleRead?.Tags).toContainEqual({ Key: 'owner', Value: 'platform' });
    const associations = (await store('pod-identity-associations')).filter((a) => a['clusterName'] === CLUSTER);
    const lbc = associations.find((a) => a['serviceAccount'] === 'aws-load-balancer-controller');
    expect(await inlinePolicyNames(roleName(String(lbc?.['roleArn'])))).toEqual(['PolicyAWSLoadBalancerController']);
    // The ServiceAccount objects (one with the user's own role) reached the private API server through
    // the runner, each annotated with its IRSA role.
    const account = (namespace: string, name: string) =>
      api.objects.get(`/api/v1/namespaces/${namespace}/serviceaccounts/${name}`) as
        { metadata?: { annotations?: Record<string, string> } } | undefined;
    expect(account('kube-system', 'cluster-autoscaler')?.metadata?.annotations?.['eks.amazonaws.com/role-arn']).toBe(
      autoscalerRole,
    );
    expect(account('analytics', 'reports')?.metadata?.annotations).toMatchObject({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/reports-reader',
      'example.com/owner': 'analytics',
    });
    expect(roleName(autoscalerRole!)).toBe('kitchen-sink-cluster-autoscaler');
    // createServiceAccount: the association's ServiceAccount and its namespace, without a role
    // annotation (Pod Identity needs none); the association names it.
    expect(api.objects.has('/api/v1/namespaces/batch')).toBe(true);
    expect(account('batch', 'job-runner')?.metadata).toEqual({
      name: 'job-runner',
      namespace: 'batch',
      labels: { 'app.kubernetes.io/managed-by': 'private-eks', 'private-eks.io/cluster': CLUSTER },
    });
    const jobRunner = associations.find((a) => a['serviceAccount'] === 'job-runner');
    expect(jobRunner).toMatchObject({ namespace: 'batch' });
    // Its role: roleName, permissionsBoundaryARN and tags.
    expect(roleName(String(jobRunner?.['roleArn']))).toBe('kitchen-sink-job-runner');
    const jobRunnerRole = (await iam.send(new GetRoleCommand({ RoleName: 'kitchen-sink-job-runner' }))).Role;
    expect(jobRunnerRole?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
      'arn:aws:iam::123456789012:policy/pod-boundary',
    );
    expect(jobRunnerRole?.Tags).toContainEqual({ Key: 'owner', Value: 'batch' });
    // targetRoleARN and disableSessionTags: checked in the cluster stack's template (the emulator's
    // association model does not return them).
    const clusterTemplate = await deployedTemplate(`eksctl-${CLUSTER}-cluster`);
    expect(clusterTemplate.Resources['PodIdentityAssociationBatchJobRunner']?.Properties).toMatchObject({
      DisableSessionTags: true,
      TargetRoleArn: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::210987654321:role/shared-bucket-reader' },
    });
    expect(clusterTemplate.Resources['PodIdentityAssociationBatchJobRunner']?.Properties).toMatchObject({
      Policy: expect.stringContaining('s3:ExistingObjectTag/team'),
    });
    // Well-known policy sets for Pod Identity: image builder (managed policies), EFS CSI controller.
    const imageBuilder = associations.find((a) => a['serviceAccount'] === 'image-builder');
    expect(await attachedPolicies(roleName(String(imageBuilder?.['roleArn'])))).toContain(
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser',
    );
    const efsNode = associations.find((a) => a['serviceAccount'] === 'efs-csi-node-sa');
    expect(await inlinePolicyNames(roleName(String(efsNode?.['roleArn'])))).toEqual(['PolicyEFSCSIController']);
    // subjectPattern (roleOnly): the role trusts every matching service account, and no object is made.
    const sparkRole = (await outputs(`eksctl-${CLUSTER}-addon-iamserviceaccount-spark-spark-driver`))['Role1'];
    const sparkTrust = decodeURIComponent(
      (await iam.send(new GetRoleCommand({ RoleName: roleName(sparkRole!) }))).Role?.AssumeRolePolicyDocument ?? '',
    );
    expect(sparkTrust).toContain('StringLike');
    expect(sparkTrust).toContain('system:serviceaccount:spark:spark-*');
    expect(account('spark', 'spark-driver')).toBeUndefined();
    // emr-containers (iamIdentityMappings serviceName): eksctl's Role and RoleBinding in "spark", and
    // the account's EMR service-linked role mapped to the user emr-containers in aws-auth.
    const rbac = '/apis/rbac.authorization.k8s.io/v1/namespaces/spark';
    expect(api.objects.get(`${rbac}/roles/emr-containers`)).toMatchObject({ kind: 'Role' });
    expect(api.objects.get(`${rbac}/rolebindings/emr-containers`)).toMatchObject({
      roleRef: { kind: 'Role', name: 'emr-containers' },
      subjects: [{ kind: 'User', name: 'emr-containers' }],
    });
    const awsAuth = api.objects.get('/api/v1/namespaces/kube-system/configmaps/aws-auth') as
      { data?: { mapRoles?: string } } | undefined;
    expect(parse(awsAuth?.data?.mapRoles ?? '')).toEqual([
      { rolearn: 'arn:aws:iam::123456789012:role/AWSServiceRoleForAmazonEMRContainers', username: 'emr-containers' },
    ]);

    const get = await runCliCaptured(['get', 'cluster', '--region', 'us-west-2', '--name', CLUSTER, '-o', 'json'], {
      env,
    });
    expect(get.code, get.stderr).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject([{ name: CLUSTER, status: 'ACTIVE' }]);

    // --delete-logs: the control plane's log group is kept on delete otherwise, as eksctl keeps it.
    const remove = await runCliCaptured(['delete', 'cluster', '-f', FILE, '--delete-logs'], { env });
    expect(remove.code, remove.stderr).toBe(0);
    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
  });
});
