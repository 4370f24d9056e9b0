/**
 * The template scenarios: plans that the golden files, the property assertions and cfn-lint all
 * run over. Each stack kind appears with only required fields (`minimal`) and with every supported
 * field set (`full`), plus the network cases of eksctl's vpc_endpoint_test.go: a supplied VPC with
 * reused endpoints, a shared route table, six zones with a service missing in one, and the aws-cn,
 * aws-us-gov and aws-iso partitions.
 */
import type { Plan } from '../../../src/plan/types.js';
import { testPlan } from '../../helpers/plan-fixtures.js';
import {
  addon,
  fargateProfile,
  managedNodeGroup,
  nodeGroup,
  resolvedConfig,
  seedExistingVpcConfig,
  seedMinimalConfig,
} from '../../helpers/resolved-config.js';

export interface Scenario {
  readonly name: string;
  readonly plan: Plan;
}

const ACCOUNT = '111122223333';

function minimal(): Plan {
  return testPlan(seedMinimalConfig({ fargateProfiles: [fargateProfile('fp-default')] }));
}

function full(): Plan {
  const config = resolvedConfig({
    metadata: {
      name: 'full-cluster',
      region: 'eu-west-1',
      version: '1.33',
      tags: { team: 'platform', 'cost-center': 'cc-42' },
    },
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    privateCluster: {
      additionalEndpointServices: [
        'autoscaling',
        'cloudformation',
        'eks',
        'eks-auth',
        'ssm',
        'ssmmessages',
        'ec2messages',
        'elasticloadbalancing',
        'kms',
      ],
    },
    vpc: { cidr: '10.10.0.0/16', publicAccessCIDRs: ['203.0.113.0/24'] },
    iam: {
      withOIDC: true,
      podIdentityAssociations: [
        {
          namespace: 'monitoring',
          serviceAccountName: 'metrics-exporter',
          permissionPolicyARNs: ['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess'],
        },
        {
          namespace: 'backend',
          serviceAccountName: 'queue-worker',
          roleARN: `arn:aws:iam::${ACCOUNT}:role/queue-worker`,
          permissionPolicyARNs: [],
        },
      ],
    },
    accessConfig: {
      authenticationMode: 'API',
      bootstrapClusterCreatorAdminPermissions: false,
      accessEntries: [
        {
          principalARN: `arn:aws:iam::${ACCOUNT}:role/platform-admins`,
          type: 'STANDARD',
          kubernetesGroups: [],
          accessPolicies: [
            {
              policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
              accessScope: { type: 'cluster', namespaces: [] },
            },
          ],
        },
        {
          principalARN: `arn:aws:iam::${ACCOUNT}:role/developers`,
          type: 'STANDARD',
          kubernetesGroups: ['developers'],
          kubernetesUsername: 'developer',
          accessPolicies: [
            {
              policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
              accessScope: { type: 'namespace', namespaces: ['dev', 'staging'] },
            },
          ],
        },
      ],
    },
    cloudWatch: {
      enableTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      logRetentionInDays: 30,
    },
    secretsEncryption: { keyARN: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
    kubernetesNetworkConfig: { ipFamily: 'IPv4', serviceIPv4CIDR: '172.16.0.0/16' },
    addons: [
      {
        name: 'vpc-cni',
        version: 'v1.19.0-eksbuild.1',
        serviceAccountRoleARN: `arn:aws:iam::${ACCOUNT}:role/vpc-cni`,
        attachPolicyARNs: [],
        configurationValues: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}',
        resolveConflicts: 'OVERWRITE',
        tags: { addon: 'networking' },
      },
      { name: 'eks-pod-identity-agent', attachPolicyARNs: [], resolveConflicts: 'PRESERVE', tags: {} },
    ],
    nodeGroups: [
      nodeGroup('ng-al2023', {
        instanceTypes: ['m6i.large', 'm5.large'],
        spot: true,
        desiredCapacity: 3,
        minSize: 1,
        maxSize: 5,
        volumeSize: 100,
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        labels: { role: 'batch' },
        taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
        tags: { 'k8s.io/cluster-autoscaler/enabled': 'true' },
        ssh: {
          allow: true,
          publicKeyName: 'ops-key',
          enableSsm: true,
          sourceSecurityGroupIds: ['sg-0bb000000000000b1'],
        },
        iam: { attachPolicyARNs: ['arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy'] },
        securityGroups: { attachIDs: ['sg-0aa000000000000a1'], withShared: true },
        maxPodsPerNode: 58,
        preBootstrapCommands: ['echo "node of ${HOSTNAME}" > /etc/motd', 'sysctl -w net.core.somaxconn=4096'],
      }),
      nodeGroup('ng-al2', {
        amiFamily: 'AmazonLinux2',
        instanceTypes: ['m6g.large'],
        labels: { arch: 'arm64' },
        taints: [{ key: 'arch', value: 'arm64', effect: 'PreferNoSchedule' }],
        maxPodsPerNode: 29,
        preBootstrapCommands: ['yum install -y amazon-ssm-agent'],
        ssh: { allow: true, enableSsm: false, sourceSecurityGroupIds: [] },
      }),
      nodeGroup('ng-bottlerocket', {
        amiFamily: 'Bottlerocket',
        instanceTypes: ['g5.xlarge'],
        labels: { accelerator: 'nvidia' },
        taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
        maxPodsPerNode: 58,
      }),
      nodeGroup('ng-custom-ami', {
        ami: 'ami-0123456789abcdef0',
        overrideBootstrapCommand: '/usr/local/bin/join-cluster --config /etc/join.yaml',
      }),
    ],
    managedNodeGroups: [
      managedNodeGroup('mng-al2023', {
        instanceTypes: ['c7g.large', 'c6g.large'],
        spot: true,
        desiredCapacity: 2,
        minSize: 0,
        maxSize: 10,
        volumeSize: 50,
        labels: { role: 'web' },
        taints: [{ key: 'web', value: 'true', effect: 'NoExecute' }],
        tags: { service: 'web' },
        ssh: { allow: true, publicKeyName: 'ops-key', enableSsm: true, sourceSecurityGroupIds: [] },
        iam: { attachPolicyARNs: ['arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'] },
        securityGroups: { attachIDs: ['sg-0aa000000000000a1'], withShared: false },
        maxPodsPerNode: 110,
        preBootstrapCommands: ['echo managed > /etc/node-kind'],
      }),
      managedNodeGroup('mng-custom-ami', {
        ami: 'ami-0123456789abcdef0',
        labels: { image: 'custom' },
        taints: [{ key: 'image', value: 'custom', effect: 'NoSchedule' }],
      }),
      managedNodeGroup('mng-own-launch-template', { launchTemplate: { id: 'lt-0123456789abcdef0', version: '3' } }),
      managedNodeGroup('mng-bottlerocket', { amiFamily: 'Bottlerocket', maxPodsPerNode: 50 }),
    ],
    fargateProfiles: [
      fargateProfile('fp-default', {
        selectors: [
          { namespace: 'default', labels: {} },
          { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
        ],
        tags: { workload: 'system' },
      }),
      fargateProfile('fp-batch', {
        selectors: [{ namespace: 'batch', labels: { tier: 'spot' } }],
        subnets: ['eu-west-1a'],
        podExecutionRoleARN: `arn:aws:iam::${ACCOUNT}:role/batch-fargate`,
      }),
    ],
  });
  // eksctl's switch: created public (restricted to publicAccessCIDRs), made private at the end.
  return testPlan(config, { initialAccess: { publicAccess: true, privateAccess: true } });
}

function suppliedVpc(): Plan {
  return testPlan(seedExistingVpcConfig(), {
    suppliedVpc: {
      id: 'vpc-0a1b2c3d4e5f60718',
      cidrs: ['10.0.0.0/16', '100.64.0.0/16'],
      subnets: [
        {
          id: 'subnet-0818beec303f8419b',
          az: 'us-west-2b',
          cidr: '10.0.1.0/24',
          routeTableId: 'rtb-0b00000000000000b',
          key: 'us-west-2b',
        },
        {
          id: 'subnet-0d42ef09490805e2a',
          az: 'us-west-2c',
          cidr: '10.0.2.0/24',
          routeTableId: 'rtb-0c00000000000000c',
          key: 'us-west-2c',
        },
        {
          id: 'subnet-0da7418077077c5f9',
          az: 'us-west-2d',
          cidr: '10.0.3.0/24',
          routeTableId: 'rtb-0d00000000000000d',
          key: 'us-west-2d',
        },
      ],
    },
    // A second cluster in the same VPC: ec2 and the S3 gateway route are there already.
    reusedEndpoints: { ec2: 'vpce-0e0000000000000e1', s3: 'vpce-0500000000000005a' },
  });
}

function sharedRouteTable(): Plan {
  return testPlan(resolvedConfig({ metadata: { name: 'shared-rt' }, managedNodeGroups: [managedNodeGroup('m1')] }), {
    suppliedVpc: {
      id: 'vpc-0f00000000000000f',
      cidrs: ['10.20.0.0/16'],
      // Two subnets in us-west-2a: interface endpoints still take one per zone.
      subnets: [
        {
          id: 'subnet-0a1000000000000a1',
          az: 'us-west-2a',
          cidr: '10.20.0.0/20',
          routeTableId: 'rtb-0shared0000000001',
        },
        {
          id: 'subnet-0a2000000000000a2',
          az: 'us-west-2a',
          cidr: '10.20.16.0/20',
          routeTableId: 'rtb-0shared0000000001',
        },
        {
          id: 'subnet-0b1000000000000b1',
          az: 'us-west-2b',
          cidr: '10.20.32.0/20',
          routeTableId: 'rtb-0shared0000000001',
        },
        {
          id: 'subnet-0c1000000000000c1',
          az: 'us-west-2c',
          cidr: '10.20.48.0/20',
          routeTableId: 'rtb-0shared0000000001',
        },
      ],
    },
  });
}

function sixZones(): Plan {
  const zones = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`);
  return testPlan(
    resolvedConfig({
      metadata: { name: 'six-zones', region: 'us-east-1' },
      availabilityZones: zones,
      privateCluster: { additionalEndpointServices: ['autoscaling'] },
      nodeGroups: [nodeGroup('ng1')],
    }),
    // sts is not offered in us-east-1e: its endpoint skips that zone's subnet.
    { serviceZones: { sts: zones.filter((z) => z !== 'us-east-1e') } },
  );
}

function china(): Plan {
  return testPlan(
    resolvedConfig({
      metadata: { name: 'china', region: 'cn-north-1' },
      availabilityZones: ['cn-north-1a', 'cn-north-1b', 'cn-north-1d'],
      privateCluster: { additionalEndpointServices: ['cloudformation', 'autoscaling'] },
      iam: { withOIDC: true },
      nodeGroups: [nodeGroup('ng1')],
      managedNodeGroups: [managedNodeGroup('m1')],
    }),
  );
}

function govCloud(): Plan {
  // No Fargate: cfn-lint's us-gov-west-1 schemas lack AWS::EKS::FargateProfile.
  return testPlan(
    resolvedConfig({
      metadata: { name: 'gov', region: 'us-gov-west-1' },
      cloudWatch: { enableTypes: ['api', 'audit'] },
      nodeGroups: [nodeGroup('ng1')],
      managedNodeGroups: [managedNodeGroup('m1')],
    }),
  );
}

function iso(): Plan {
  return testPlan(
    resolvedConfig({
      metadata: { name: 'iso', region: 'us-iso-east-1' },
      availabilityZones: ['us-iso-east-1a', 'us-iso-east-1b', 'us-iso-east-1c'],
      privateCluster: { additionalEndpointServices: ['autoscaling'] },
      nodeGroups: [nodeGroup('ng1')],
      managedNodeGroups: [managedNodeGroup('m1')],
    }),
  );
}

function bringYourOwn(): Plan {
  const config = seedExistingVpcConfig({
    metadata: { name: 'byo' },
    privateCluster: { skipEndpointCreation: true, additionalEndpointServices: [] },
    vpc: {
      securityGroup: 'sg-0c0000000000000c1',
      sharedNodeSecurityGroup: 'sg-0d0000000000000d1',
      manageSharedNodeSecurityGroupRules: false,
    },
    iam: {
      serviceRoleARN: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`,
      fargatePodExecutionRoleARN: `arn:aws:iam::${ACCOUNT}:role/eks-fargate`,
    },
    accessConfig: { authenticationMode: 'CONFIG_MAP' },
    nodeGroups: [
      nodeGroup('ng1', {
        iam: {
          instanceRoleARN: `arn:aws:iam::${ACCOUNT}:role/path/eks-nodes`,
          instanceProfileARN: `arn:aws:iam::${ACCOUNT}:instance-profile/eks-nodes`,
        },
        subnets: ['us-west-2b', 'subnet-0da7418077077c5f9'],
      }),
      nodeGroup('ng2', { iam: { instanceRoleARN: `arn:aws:iam::${ACCOUNT}:role/path/eks-nodes` } }),
    ],
    managedNodeGroups: [managedNodeGroup('m1', { iam: { instanceRoleARN: `arn:aws:iam::${ACCOUNT}:role/eks-nodes` } })],
    fargateProfiles: [fargateProfile('fp1', { subnets: ['us-west-2c'] })],
  });
  return testPlan(config, {
    suppliedVpc: {
      id: 'vpc-0a1b2c3d4e5f60718',
      cidrs: ['10.0.0.0/16'],
      subnets: [
        {
          id: 'subnet-0818beec303f8419b',
          az: 'us-west-2b',
          cidr: '10.0.1.0/24',
          routeTableId: 'rtb-0b00000000000000b',
          key: 'us-west-2b',
        },
        {
          id: 'subnet-0d42ef09490805e2a',
          az: 'us-west-2c',
          cidr: '10.0.2.0/24',
          routeTableId: 'rtb-0c00000000000000c',
          key: 'us-west-2c',
        },
        {
          id: 'subnet-0da7418077077c5f9',
          az: 'us-west-2d',
          cidr: '10.0.3.0/24',
          routeTableId: 'rtb-0d00000000000000d',
          key: 'us-west-2d',
        },
      ],
    },
  });
}

/**
 * An IPv6 cluster in a VPC private-eks creates, with what V23 asks for (core add-ons, OIDC,
 * managed nodes only) and Fargate. Its subnets' IPv6 blocks come from Fn::Cidr over the block
 * Amazon assigns, which moto cannot evaluate: this scenario is linted and reviewed, never deployed
 * on the emulator.
 */
function ipv6(): Plan {
  return testPlan(
    resolvedConfig({
      metadata: { name: 'ipv6' },
      kubernetesNetworkConfig: { ipFamily: 'IPv6' },
      iam: { withOIDC: true },
      addons: [addon('vpc-cni'), addon('coredns'), addon('kube-proxy')],
      managedNodeGroups: [managedNodeGroup('m1')],
      fargateProfiles: [fargateProfile('fp1')],
    }),
  );
}

/**
 * Windows nodes as eksctl builds them, next to the Linux nodegroup CoreDNS needs: a managed
 * Windows nodegroup on EKS's WINDOWS_CORE_2022 image (a pre-bootstrap command, no bootstrap of
 * ours) and a self-managed Windows Server 2019 Full one (the public Windows AMI parameter, the
 * PowerShell bootstrap with labels, taints and max pods, an EC2_WINDOWS access entry).
 */
function windows(): Plan {
  return testPlan(
    resolvedConfig({
      metadata: { name: 'windows', version: '1.33' },
      managedNodeGroups: [
        managedNodeGroup('linux'),
        managedNodeGroup('win-managed', {
          amiFamily: 'WindowsServer2022CoreContainer',
          instanceTypes: ['m5.xlarge'],
          preBootstrapCommands: ['New-Item -ItemType Directory -Force -Path C:\\logs'],
        }),
      ],
      nodeGroups: [
        nodeGroup('win-self', {
          amiFamily: 'WindowsServer2019FullContainer',
          instanceTypes: ['m5.large'],
          labels: { os: 'windows' },
          taints: [{ key: 'os', value: 'windows', effect: 'NoSchedule' }],
          maxPodsPerNode: 20,
        }),
      ],
    }),
  );
}

/**
 * instanceSelector: offline (types unknown: the parameter, and 40 override slots for the
 * self-managed group) and as a live plan leaves it (the types EC2 matched, in the config).
 */
function instanceSelector(): Plan {
  const x86 = { vCPUs: 2, memory: '8GiB', memoryMiB: 8192, gpus: 0, cpuArchitecture: 'x86_64' as const, deny: '^t' };
  const arm = { vCPUs: 2, memory: '8', memoryMiB: 8192, cpuArchitecture: 'arm64' as const };
  const matched = ['m5.large', 'm6i.large'];
  return testPlan(
    resolvedConfig({
      metadata: { name: 'selector' },
      nodeGroups: [
        nodeGroup('ng-offline', {
          instanceTypes: [],
          instanceSelector: x86,
          instancesDistribution: { instanceTypes: [], capacityRebalance: false },
        }),
        nodeGroup('ng-live', {
          instanceTypes: matched,
          instanceSelector: x86,
          instancesDistribution: { instanceTypes: matched, capacityRebalance: false },
        }),
      ],
      managedNodeGroups: [
        managedNodeGroup('mng-offline-arm', { instanceTypes: [], instanceSelector: arm }),
        managedNodeGroup('mng-live', { instanceTypes: matched, instanceSelector: x86 }),
      ],
    }),
  );
}

export function scenarios(): Scenario[] {
  return [
    { name: 'minimal', plan: minimal() },
    { name: 'full', plan: full() },
    { name: 'supplied-vpc', plan: suppliedVpc() },
    { name: 'shared-route-table', plan: sharedRouteTable() },
    { name: 'six-zones', plan: sixZones() },
    { name: 'aws-cn', plan: china() },
    { name: 'aws-us-gov', plan: govCloud() },
    { name: 'aws-iso', plan: iso() },
    { name: 'bring-your-own', plan: bringYourOwn() },
    { name: 'ipv6', plan: ipv6() },
    { name: 'windows', plan: windows() },
    { name: 'instance-selector', plan: instanceSelector() },
  ];
}
