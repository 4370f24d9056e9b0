/**
 * The emulator harness itself: moto's server on loopback with private-eks's extensions
 * (test/helpers/moto/README.md), driven by real SDK v3 clients. These are the properties the deploy
 * tests build on: EKS and OIDC resources deploy through CloudFormation, a failing resource rolls the
 * stack back as AWS does, and deleting the stacks in order leaves nothing behind.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ListExportsCommand,
  UpdateStackCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import {
  CreateLaunchTemplateCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  UpdateClusterConfigCommand,
} from '@aws-sdk/client-eks';
import { IAMClient, ListAttachedRolePoliciesCommand, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { ensurePythonTools, repoRoot } from '../helpers/python-tools.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import {
  clusterStack,
  fargateStack,
  managedNodegroupStack,
  networkOnlyStack,
  selfManagedNodegroupStack,
} from '../helpers/moto/sample-templates.js';

const CLUSTER = 'harness';
const CLUSTER_STACK = `eksctl-${CLUSTER}-cluster`;

let moto: MotoServer;
let cfn: CloudFormationClient;
let ec2: EC2Client;
let eks: EKSClient;
let iam: IAMClient;

beforeAll(async () => {
  moto = await startMoto();
  const config = emulatorClientConfig(moto.endpoint);
  cfn = new CloudFormationClient(config);
  ec2 = new EC2Client(config);
  eks = new EKSClient(config);
  iam = new IAMClient(config);
});
afterAll(async () => {
  for (const client of [cfn, ec2, eks, iam]) client.destroy();
  await moto.stop();
});
beforeEach(() => moto.reset());

async function deploy(name: string, template: object): Promise<Stack> {
  await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template) }));
  return describe1(name);
}

async function describe1(nameOrId: string): Promise<Stack> {
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: nameOrId }))).Stacks?.[0];
  if (stack === undefined) throw new Error(`no stack ${nameOrId}`);
  return stack;
}

function outputs(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
}

async function testRoute<T>(route: string): Promise<T> {
  const response = await fetch(`${moto.endpoint}/private-eks-test/${route}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('the emulator process', () => {
  it('starts on a loopback port, answers, resets and stops without leaving a process behind', async () => {
    const own = await startMoto();
    try {
      expect(own.endpoint).toBe(`http://127.0.0.1:${own.port}`);
      expect(own.env.AWS_ENDPOINT_URL).toBe(own.endpoint);
      expect((await fetch(`${own.endpoint}/moto-api/`)).status).toBe(200);
      const client = new EC2Client(emulatorClientConfig(own.endpoint));
      await client.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
      expect((await client.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(2); // default VPC + ours
      await own.reset();
      expect((await client.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
      client.destroy();
    } finally {
      await own.stop();
    }
    expect(() => process.kill(own.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }) as Error);
  });
});

describe('the extensions', () => {
  it('are each described in test/helpers/moto/README.md', async () => {
    const registered = await testRoute<{ name: string; enabled: boolean }[]>('extensions');
    expect(registered.length).toBeGreaterThan(10);
    expect(registered.every((e) => e.enabled)).toBe(true);
    const readme = readFileSync(path.join(repoRoot, 'test/helpers/moto/README.md'), 'utf8');
    expect(registered.filter((e) => !readme.includes(`| \`${e.name}\` |`)).map((e) => e.name)).toEqual([]);
  });

  it('are exercised by sample templates that are valid for real CloudFormation (cfn-lint, no errors)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'moto-harness-lint-'));
    try {
      const templates = {
        cluster: clusterStack(CLUSTER),
        managed: managedNodegroupStack(CLUSTER_STACK, 'ng-1'),
        selfManaged: selfManagedNodegroupStack(CLUSTER_STACK),
        fargate: fargateStack(CLUSTER_STACK, 'fp-default'),
      };
      const files = Object.entries(templates).map(([name, template]) => {
        const file = path.join(dir, `${name}.json`);
        writeFileSync(file, JSON.stringify(template, null, 2));
        return file;
      });
      const { cfnLint } = ensurePythonTools();
      const run = await promisify(execFile)(
        cfnLint,
        ['--regions', 'us-west-2', '--format', 'json', '--non-zero-exit-code', 'error', '--', ...files],
        { env: { PATH: process.env.PATH ?? '' } },
      ).catch((error: Error & { stdout?: string }) => ({ stdout: error.stdout ?? error.message }));
      // A crash prints no JSON, and JSON.parse fails the test loudly.
      const errors = (JSON.parse(run.stdout || '[]') as { Level: string }[]).filter((m) => m.Level === 'Error');
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CloudFormation with the EKS and OIDC types', () => {
  it('deploys a private cluster stack and EKS, EC2 and IAM see what it made', async () => {
    const stack = await deploy(CLUSTER_STACK, clusterStack(CLUSTER));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const out = outputs(stack);
    expect(Object.keys(out).sort()).toEqual(
      [
        'ARN',
        'CertificateAuthorityData',
        'ClusterFullyPrivate',
        'ClusterName',
        'ClusterSecurityGroupId',
        'Endpoint',
        'OIDCIssuer',
        'OIDCProviderArn',
        'SubnetsPrivate',
        'VPC',
      ].sort(),
    );

    const cluster = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster!;
    expect(cluster.arn).toBe(out.ARN);
    expect(cluster.endpoint).toBe(out.Endpoint);
    expect(cluster.certificateAuthority?.data).toBe(out.CertificateAuthorityData);
    expect(Buffer.from(out.CertificateAuthorityData!, 'base64').toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(cluster.identity?.oidc?.issuer).toBe(out.OIDCIssuer);
    expect(cluster.version).toBe('1.31');
    expect(cluster.accessConfig?.authenticationMode).toBe('API_AND_CONFIG_MAP');
    expect(cluster.tags).toMatchObject({
      'private-eks.io/test': 'harness',
      'aws:cloudformation:stack-name': CLUSTER_STACK,
    });
    const vpcConfig = cluster.resourcesVpcConfig!;
    expect(vpcConfig).toMatchObject({ endpointPublicAccess: false, endpointPrivateAccess: true, vpcId: out.VPC });
    expect(vpcConfig.subnetIds?.join(',')).toBe(out.SubnetsPrivate);
    expect(vpcConfig.clusterSecurityGroupId).toBe(out.ClusterSecurityGroupId);
    expect(cluster.logging?.clusterLogging).toContainEqual({ types: ['api', 'audit'], enabled: true });

    // The cluster security group is a real EC2 group in the cluster's VPC, named as EKS names it.
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [out.ClusterSecurityGroupId!] })))
      .SecurityGroups?.[0];
    expect(group?.VpcId).toBe(out.VPC);
    expect(group?.GroupName).toMatch(new RegExp(`^eks-cluster-sg-${CLUSTER}-\\d{10}$`));

    const providers = (await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? [];
    expect(providers.map((p) => p.Arn)).toEqual([out.OIDCProviderArn]);
    expect(out.OIDCProviderArn).toBe(
      `arn:aws:iam::123456789012:oidc-provider/${out.OIDCIssuer!.replace('https://', '')}`,
    );

    // Route tables are explicitly associated, and the S3 gateway endpoint routed in each.
    const tables = (
      await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [out.VPC!] }] }))
    ).RouteTables!;
    const explicit = tables.filter((t) => !(t.Associations ?? []).some((a) => a.Main === true));
    expect(explicit).toHaveLength(2);
    for (const table of explicit) {
      expect(table.Associations?.map((a) => a.SubnetId)).toHaveLength(1);
      expect(table.Routes?.some((r) => r.DestinationPrefixListId?.startsWith('pl-'))).toBe(true);
    }

    const entries = await testRoute<{ clusterName: string; principalArn: string; type: string }[]>('access-entries');
    expect(entries).toEqual([
      expect.objectContaining({
        clusterName: CLUSTER,
        type: 'STANDARD',
        principalArn: expect.stringContaining(':role/'),
      }),
    ]);
    const addons = await testRoute<{ addonName: string; clusterName: string }[]>('addons');
    expect(addons).toEqual([expect.objectContaining({ addonName: 'vpc-cni', clusterName: CLUSTER })]);
    const associations = await testRoute<Record<string, string>[]>('pod-identity-associations');
    expect(associations).toEqual([
      expect.objectContaining({ clusterName: CLUSTER, namespace: 'default', serviceAccount: 'app' }),
    ]);
    expect(associations[0]?.associationArn).toMatch(/:podidentityassociation\/harness\/a-[a-z0-9]{17}$/);
  });

  it('keeps the rest of the cluster config through an endpoint-access-only UpdateClusterConfig', async () => {
    const out = outputs(await deploy(CLUSTER_STACK, clusterStack(CLUSTER)));
    await eks.send(
      new UpdateClusterConfigCommand({
        name: CLUSTER,
        resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: true },
      }),
    );
    const vpcConfig = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster!.resourcesVpcConfig!;
    expect(vpcConfig).toMatchObject({
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      vpcId: out.VPC,
      clusterSecurityGroupId: out.ClusterSecurityGroupId,
    });
    expect(vpcConfig.subnetIds?.join(',')).toBe(out.SubnetsPrivate);
    // The stack's outputs GetAtt the cluster again: plain moto failed here with HTTP 500.
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: CLUSTER_STACK }))).Stacks![0]!;
    expect(outputs(stack).ClusterSecurityGroupId).toBe(out.ClusterSecurityGroupId);
  });

  it('deploys nodegroup, self-managed and Fargate stacks on the cluster, and deleting them in order leaves nothing', async () => {
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    await deploy(CLUSTER_STACK, clusterStack(CLUSTER));

    const managed = await deploy(`eksctl-${CLUSTER}-nodegroup-ng-1`, managedNodegroupStack(CLUSTER_STACK, 'ng-1'));
    expect(managed.StackStatus).toBe('CREATE_COMPLETE');
    expect(outputs(managed).NodegroupId).toBe(`${CLUSTER}/ng-1`);
    const nodegroup = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'ng-1' })))
      .nodegroup!;
    expect(nodegroup).toMatchObject({
      version: '1.31',
      amiType: 'AL2023_x86_64_STANDARD',
      scalingConfig: { minSize: 2, maxSize: 2, desiredSize: 2 },
      taints: [{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }],
    });
    expect(nodegroup.nodegroupArn).toBe(outputs(managed).NodegroupArn);
    const roleName = nodegroup.nodeRole!.split('/').pop()!;
    const attached =
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies ?? [];
    expect(attached.map((p) => p.PolicyName).sort()).toEqual(
      ['AmazonEC2ContainerRegistryReadOnly', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy'].sort(),
    );

    const selfManaged = await deploy(`eksctl-${CLUSTER}-nodegroup-ng-2`, selfManagedNodegroupStack(CLUSTER_STACK));
    expect(selfManaged.StackStatus).toBe('CREATE_COMPLETE');
    const amiId = selfManaged.Parameters?.find((p) => p.ParameterKey === 'AmiId')?.ParameterValue;
    expect(amiId).toMatch(/^ami-/);
    const version = (
      await ec2.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: outputs(selfManaged).LaunchTemplateId }),
      )
    ).LaunchTemplateVersions?.[0];
    expect(version?.LaunchTemplateData?.ImageId).toBe(amiId);
    // The seeded parameter points at an image EC2 knows, as the real one would.
    expect((await ec2.send(new DescribeImagesCommand({ ImageIds: [amiId!] }))).Images).toHaveLength(1);
    const entries = await testRoute<{ type: string; accessEntryArn: string }[]>('access-entries');
    expect(entries.map((e) => e.type).sort()).toEqual(['EC2_LINUX', 'STANDARD']);
    expect(entries.map((e) => e.accessEntryArn)).toContain(outputs(selfManaged).AccessEntryArn);

    const fargate = await deploy(`eksctl-${CLUSTER}-fargate`, fargateStack(CLUSTER_STACK, 'fp-default'));
    expect(fargate.StackStatus).toBe('CREATE_COMPLETE');
    expect(outputs(fargate).FargateProfileArn).toMatch(/:fargateprofile\/harness\/fp-default\//);

    for (const name of [
      `eksctl-${CLUSTER}-fargate`,
      `eksctl-${CLUSTER}-nodegroup-ng-1`,
      `eksctl-${CLUSTER}-nodegroup-ng-2`,
    ]) {
      const id = (await describe1(name)).StackId!;
      await cfn.send(new DeleteStackCommand({ StackName: name }));
      expect((await describe1(id)).StackStatus).toBe('DELETE_COMPLETE');
    }
    const clusterId = (await describe1(CLUSTER_STACK)).StackId!;
    await cfn.send(new DeleteStackCommand({ StackName: CLUSTER_STACK }));
    const deleted = await describe1(clusterId);
    expect(deleted.StackStatus).toBe('DELETE_COMPLETE');
    expect(deleted.Outputs).toBeUndefined(); // and describing it did not bring its resources back:

    expect(leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)))).toEqual({});
    expect(await testRoute<unknown[]>('access-entries')).toEqual([]);
  });

  it('refuses to delete a cluster stack while its nodegroup exists: DELETE_FAILED, the stack is kept', async () => {
    await deploy(CLUSTER_STACK, clusterStack(CLUSTER));
    await deploy(`eksctl-${CLUSTER}-nodegroup-ng-1`, managedNodegroupStack(CLUSTER_STACK, 'ng-1'));

    await cfn.send(new DeleteStackCommand({ StackName: CLUSTER_STACK }));
    const stack = await describe1(CLUSTER_STACK);
    expect(stack.StackStatus).toBe('DELETE_FAILED');
    expect(stack.StackStatusReason).toBe('The following resource(s) failed to delete: [ControlPlane]. ');
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: CLUSTER_STACK }))).StackEvents ?? [];
    expect(events).toContainEqual(
      expect.objectContaining({
        LogicalResourceId: 'ControlPlane',
        ResourceType: 'AWS::EKS::Cluster',
        ResourceStatus: 'DELETE_FAILED',
        ResourceStatusReason: 'ResourceInUseException: Cluster has nodegroups attached',
      }),
    );
    expect((await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster?.status).toBe('ACTIVE');

    // Retrying in the right order finishes the job.
    await cfn.send(new DeleteStackCommand({ StackName: `eksctl-${CLUSTER}-nodegroup-ng-1` }));
    await cfn.send(new DeleteStackCommand({ StackName: CLUSTER_STACK }));
    await expect(describe1(CLUSTER_STACK)).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe('failures, as the deploy code meets them', () => {
  it('a resource that fails to create: CreateStack succeeds, the stack rolls back and the first failure is reported', async () => {
    const before = await takeInventory(emulatorClientConfig(moto.endpoint));
    // A control-plane role that EKS cannot assume (trusts ec2, not eks): EKS refuses the cluster.
    const created = await cfn.send(
      new CreateStackCommand({
        StackName: CLUSTER_STACK,
        TemplateBody: JSON.stringify(clusterStack(CLUSTER, { controlPlaneRoleService: 'ec2.amazonaws.com' })),
      }),
    );
    expect(created.StackId).toMatch(/^arn:aws:cloudformation:us-west-2:123456789012:stack\//);
    const stack = await describe1(CLUSTER_STACK);
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.StackStatusReason).toBe(
      'The following resource(s) failed to create: [ControlPlane]. Rollback requested by user.',
    );
    expect(stack.Outputs).toBeUndefined();
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: CLUSTER_STACK }))).StackEvents ?? [];
    const failed = events.filter((e) => e.ResourceStatus?.endsWith('_FAILED'));
    expect(failed).toEqual([
      expect.objectContaining({
        LogicalResourceId: 'ControlPlane',
        ResourceType: 'AWS::EKS::Cluster',
        ResourceStatus: 'CREATE_FAILED',
        ResourceStatusReason: expect.stringMatching(
          /^InvalidParameterException: Role with arn: .* could not be assumed/,
        ),
      }),
    ]);
    expect(events.map((e) => `${e.LogicalResourceId}:${e.ResourceStatus}`)).toEqual(
      expect.arrayContaining([`${CLUSTER_STACK}:ROLLBACK_IN_PROGRESS`, `${CLUSTER_STACK}:ROLLBACK_COMPLETE`]),
    );
    // Rolled back: what had been created before the failure is gone, the exports too.
    const { stacks, ...rest } = leftovers(before, await takeInventory(emulatorClientConfig(moto.endpoint)));
    expect(rest).toEqual({});
    expect(stacks).toEqual([`${CLUSTER_STACK} ROLLBACK_COMPLETE`]);

    // As on AWS: a ROLLBACK_COMPLETE stack cannot be updated or re-created, only deleted.
    await expect(
      cfn.send(
        new UpdateStackCommand({ StackName: CLUSTER_STACK, TemplateBody: JSON.stringify(clusterStack(CLUSTER)) }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining('ROLLBACK_COMPLETE state') });
    await expect(deploy(CLUSTER_STACK, clusterStack(CLUSTER))).rejects.toMatchObject({
      name: 'AlreadyExistsException',
    });
    await cfn.send(new DeleteStackCommand({ StackName: CLUSTER_STACK }));
    expect((await deploy(CLUSTER_STACK, clusterStack(CLUSTER))).StackStatus).toBe('CREATE_COMPLETE');
  });

  it('a template refused before any resource exists: CreateStack throws ValidationError and there is no stack', async () => {
    const template = { Parameters: { Needed: { Type: 'String' } }, Resources: networkOnlyStack().Resources };
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'refused', TemplateBody: JSON.stringify(template) })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Missing parameter Needed',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(describe1('refused')).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id refused does not exist',
    });
  });
});

describe('more refusals', () => {
  it('an unknown Ref is a template error, before any stack exists', async () => {
    const template = { Resources: { V: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { Ref: 'Missing' } } } } };
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'unknown-ref', TemplateBody: JSON.stringify(template) })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        'Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template',
    });
    await expect(describe1('unknown-ref')).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('a stack update changes an EKS resource in place; a change that would replace it is refused', async () => {
    await deploy(CLUSTER_STACK, clusterStack(CLUSTER));
    type Changed = {
      Resources: {
        VpcCniAddon: { Properties: Record<string, unknown> };
        ControlPlane: { Properties: { ResourcesVpcConfig: { SubnetIds: unknown[] } } };
      };
    };
    const changed = clusterStack(CLUSTER) as Changed;
    changed.Resources.VpcCniAddon.Properties.AddonVersion = 'v1.19.0-eksbuild.1';
    await cfn.send(new UpdateStackCommand({ StackName: CLUSTER_STACK, TemplateBody: JSON.stringify(changed) }));
    const addons = await testRoute<{ addonName: string; addonVersion: string }[]>('addons');
    expect(addons.find((a) => a.addonName === 'vpc-cni')?.addonVersion).toBe('v1.19.0-eksbuild.1');

    const subnets = changed.Resources.ControlPlane.Properties.ResourcesVpcConfig.SubnetIds;
    changed.Resources.ControlPlane.Properties.ResourcesVpcConfig.SubnetIds = subnets.slice(1);
    await expect(
      cfn.send(new UpdateStackCommand({ StackName: CLUSTER_STACK, TemplateBody: JSON.stringify(changed) })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('a change to SubnetIds replaces the resource'),
    });
    expect(outputs(await describe1(CLUSTER_STACK)).ARN).toMatch(/:cluster\/harness$/);
  });

  it('an export name another stack holds rolls the second stack back and keeps the first export', async () => {
    const exporting = (cidr: string) => ({
      Resources: { V: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr } } },
      Outputs: { Vpc: { Value: { Ref: 'V' }, Export: { Name: 'shared-vpc' } } },
    });
    const first = await deploy('first', exporting('10.1.0.0/16'));
    const second = await deploy('second', exporting('10.2.0.0/16'));
    expect(second.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(second.StackStatusReason).toBe(
      'Export names must be unique across a given region. Rollback requested by user.',
    );
    const exports = (await cfn.send(new ListExportsCommand({}))).Exports ?? [];
    expect(exports.map((e) => [e.Name, e.Value, e.ExportingStackId])).toEqual([
      ['shared-vpc', outputs(first).Vpc, first.StackId],
    ]);
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    expect(vpcs.map((v) => v.CidrBlock)).not.toContain('10.2.0.0/16');
  });
});

/**
 * Launches an instance from a template whose OS volume (/dev/xvda) has neither size nor snapshot, as a
 * self-managed Bottlerocket nodegroup's has, on an image whose root device is /dev/xvda; answers the
 * volumes as [device, size, from a snapshot].
 */
async function launchWithImageSizedRoot(client: EC2Client, name: string): Promise<[string, number, boolean][]> {
  const images = (await client.send(new DescribeImagesCommand({}))).Images ?? [];
  const image = images.find((i) => i.RootDeviceName === '/dev/xvda');
  expect(image?.ImageId).toBeDefined();
  await client.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: name,
      LaunchTemplateData: {
        ImageId: image?.ImageId,
        InstanceType: 'm6i.large',
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { VolumeType: 'gp3', Encrypted: true } },
          { DeviceName: '/dev/xvdb', Ebs: { VolumeSize: 50, VolumeType: 'gp3', Encrypted: true } },
        ],
      },
    }),
  );
  const run = await client.send(
    new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: name } }),
  );
  const instanceId = run.Instances?.[0]?.InstanceId ?? '';
  const volumes =
    (
      await client.send(
        new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }),
      )
    ).Volumes ?? [];
  return volumes
    .map((v): [string, number, boolean] => [v.Attachments?.[0]?.Device ?? '', v.Size ?? 0, Boolean(v.SnapshotId)])
    .sort();
}

describe('EC2 launches with the image block device defaults', () => {
  it("gives a volume with no size or snapshot the image's snapshot and size for that device", async () => {
    // moto's own default /dev/sda1 (8 GiB) is there too: see the README row.
    expect(await launchWithImageSizedRoot(ec2, 'image-sized-root')).toEqual([
      ['/dev/sda1', 8, false],
      ['/dev/xvda', 15, true],
      ['/dev/xvdb', 50, false],
    ]);
  });
});

describe('plain moto, with some extensions switched off', () => {
  it('refuses a launch whose volume has no size or snapshot (why ec2-image-block-device-defaults exists)', async () => {
    const plain = await startMoto({ env: { PRIVATE_EKS_MOTO_DISABLE: 'ec2-image-block-device-defaults' } });
    const plainEc2 = new EC2Client(emulatorClientConfig(plain.endpoint));
    try {
      await expect(launchWithImageSizedRoot(plainEc2, 'image-sized-root')).rejects.toMatchObject({
        name: 'MissingParameter',
      });
    } finally {
      plainEc2.destroy();
      await plain.stop();
    }
  });

  it('loses a stack that holds a route table and leaves its VPC behind (why ec2-route-table-deletion exists)', async () => {
    const plain = await startMoto({
      env: {
        PRIVATE_EKS_MOTO_DISABLE:
          'ec2-route-table-deletion,ec2-subnet-route-table-association,cfn-dependency-ordered-delete,cfn-delete-failed-status',
      },
    });
    const config = emulatorClientConfig(plain.endpoint);
    const plainCfn = new CloudFormationClient(config);
    const plainEc2 = new EC2Client(config);
    try {
      await plainCfn.send(
        new CreateStackCommand({ StackName: 'net', TemplateBody: JSON.stringify(networkOnlyStack()) }),
      );
      await expect(plainCfn.send(new DeleteStackCommand({ StackName: 'net' }))).rejects.toMatchObject({
        name: 'DependencyViolation',
      });
      await expect(plainCfn.send(new DescribeStacksCommand({ StackName: 'net' }))).rejects.toMatchObject({
        name: 'ValidationError',
      });
      expect((await plainEc2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(2);
    } finally {
      plainCfn.destroy();
      plainEc2.destroy();
      await plain.stop();
    }
  });
});
