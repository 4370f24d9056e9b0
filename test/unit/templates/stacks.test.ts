/**
 * Behaviour of each stack kind that the goldens show but do not explain: what depends on which
 * config field, and why (SPEC §6, eksctl compatibility).
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/resolved.js';
import { renderTemplates, requiredCapabilities, templateJson } from '../../../src/templates/index.js';
import type { Template } from '../../../src/templates/index.js';
import { formatFinding, lintTemplateTexts } from '../../helpers/cfn-lint.js';
import { testPlan } from '../../helpers/plan-fixtures.js';
import { planStacks } from '../../../src/plan/stacks.js';
import { planSteps } from '../../../src/plan/steps.js';
import { addon, fargateProfile, managedNodeGroup, nodeGroup, resolvedConfig } from '../../helpers/resolved-config.js';

type Props = Record<string, unknown>;

function render(config: ResolvedConfig): Map<string, Template> {
  return renderTemplates(testPlan(config));
}
function stack(templates: Map<string, Template>, suffix: string): Template {
  const found = [...templates].find(([name]) => name.endsWith(suffix));
  if (found === undefined) throw new Error(`no stack ending in ${suffix}`);
  return found[1];
}
function props(template: Template, id: string): Props {
  const resource = template.Resources[id];
  if (resource === undefined) throw new Error(`no resource ${id}`);
  return resource.Properties;
}

describe('self-managed nodegroup stack', () => {
  const templates = render(
    resolvedConfig({ nodeGroups: [nodeGroup('ng1', { preBootstrapCommands: ['echo ${HOME}'] })] }),
  );
  const ng = stack(templates, '-nodegroup-ng1');
  const data = props(ng, 'NodeGroupLaunchTemplate')['LaunchTemplateData'] as Props;

  it('bootstraps from the cluster stack exports, never from DescribeCluster', () => {
    const sub = ((data['UserData'] as Props)['Fn::Base64'] as Props)['Fn::Sub'] as [string, Props];
    expect(sub[1]).toEqual({
      Endpoint: { 'Fn::ImportValue': 'eksctl-private-cluster-cluster::Endpoint' },
      CertificateAuthorityData: { 'Fn::ImportValue': 'eksctl-private-cluster-cluster::CertificateAuthorityData' },
      ServiceCIDR: { 'Fn::ImportValue': 'eksctl-private-cluster-cluster::ServiceIPv4CIDR' },
    });
    expect(sub[0]).toContain('apiServerEndpoint: "${Endpoint}"');
    // The user's shell variable survives Sub as a literal.
    expect(sub[0]).toContain('echo ${!HOME}');
  });
  it('resolves the EKS-optimized AMI through an SSM parameter', () => {
    expect(data['ImageId']).toEqual({ Ref: 'AmiId' });
    expect(ng.Parameters?.['AmiId']?.Type).toBe('AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>');
  });
  it('joins through an EC2_LINUX access entry created before the instances', () => {
    expect(props(ng, 'AccessEntry')['Type']).toBe('EC2_LINUX');
    expect(ng.Resources['NodeGroup']?.DependsOn).toEqual(['AccessEntry']);
  });
  it('gives the nodes no public address and the shared node security group', () => {
    expect(data['NetworkInterfaces']).toEqual([
      {
        DeviceIndex: 0,
        AssociatePublicIpAddress: false,
        Groups: [{ 'Fn::ImportValue': 'eksctl-private-cluster-cluster::SharedNodeSecurityGroup' }],
      },
    ]);
  });
  it('needs CAPABILITY_IAM for its role and instance profile', () => {
    expect(requiredCapabilities(ng)).toEqual(['CAPABILITY_IAM']);
  });

  it('has no access entry in CONFIG_MAP mode (aws-auth is edited instead)', () => {
    const t = stack(
      render(resolvedConfig({ accessConfig: { authenticationMode: 'CONFIG_MAP' }, nodeGroups: [nodeGroup('ng1')] })),
      '-nodegroup-ng1',
    );
    expect(t.Resources['AccessEntry']).toBeUndefined();
    expect(t.Resources['NodeGroup']?.DependsOn).toBeUndefined();
  });
  it('uses a given AMI literally and mixes instance types for spot', () => {
    const t = stack(
      render(
        resolvedConfig({
          nodeGroups: [
            nodeGroup('ng1', { ami: 'ami-0123456789abcdef0', spot: true, instanceTypes: ['m5.large', 'm6i.large'] }),
          ],
        }),
      ),
      '-nodegroup-ng1',
    );
    expect((props(t, 'NodeGroupLaunchTemplate')['LaunchTemplateData'] as Props)['ImageId']).toBe(
      'ami-0123456789abcdef0',
    );
    expect(t.Parameters).toBeUndefined();
    const mixed = props(t, 'NodeGroup')['MixedInstancesPolicy'] as Props;
    expect((mixed['InstancesDistribution'] as Props)['OnDemandPercentageAboveBaseCapacity']).toBe(0);
    expect((mixed['LaunchTemplate'] as Props)['Overrides']).toEqual([
      { InstanceType: 'm5.large' },
      { InstanceType: 'm6i.large' },
    ]);
  });
  it('wraps a given role in an instance profile by name, and creates no role', () => {
    const t = stack(
      render(
        resolvedConfig({
          nodeGroups: [nodeGroup('ng1', { iam: { instanceRoleARN: 'arn:aws:iam::111122223333:role/team/nodes' } })],
        }),
      ),
      '-nodegroup-ng1',
    );
    expect(t.Resources['NodeInstanceRole']).toBeUndefined();
    expect(props(t, 'NodeInstanceProfile')['Roles']).toEqual(['nodes']);
  });
  it("has eksctl's node role policies: the defaults, or the user's list instead (plus registry pull)", () => {
    const policies = (attachPolicyARNs: string[], kind: 'self-managed' | 'managed' = 'self-managed') => {
      const ng = (kind === 'managed' ? managedNodeGroup : nodeGroup)('ng1', { iam: { attachPolicyARNs } });
      const config = resolvedConfig(kind === 'managed' ? { managedNodeGroups: [ng] } : { nodeGroups: [ng] });
      return JSON.stringify(props(stack(render(config), '-nodegroup-ng1'), 'NodeInstanceRole')['ManagedPolicyArns']);
    };
    for (const kind of ['self-managed', 'managed'] as const) {
      const defaults = policies([], kind);
      for (const name of [
        'AmazonEKSWorkerNodePolicy',
        'AmazonEKS_CNI_Policy',
        'AmazonEC2ContainerRegistryPullOnly',
        'AmazonSSMManagedInstanceCore',
      ]) {
        expect(defaults).toContain(name);
      }
      expect(defaults).not.toContain('AmazonEC2ContainerRegistryReadOnly');
    }
    const own = policies(['arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy']);
    expect(own.match(/AmazonEKS_CNI_Policy/g)).toHaveLength(1);
    expect(own).not.toContain('AmazonEKSWorkerNodePolicy');
    expect(own).toContain('AmazonEC2ContainerRegistryPullOnly');
    expect(policies(['arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'], 'managed')).not.toContain('PullOnly');
  });
  it('refuses bootstrap commands on Bottlerocket rather than dropping them', () => {
    expect(() =>
      render(
        resolvedConfig({
          nodeGroups: [nodeGroup('br', { amiFamily: 'Bottlerocket', preBootstrapCommands: ['echo'] })],
        }),
      ),
    ).toThrow(/do not apply to Bottlerocket/);
  });
});

describe('managed nodegroup stack', () => {
  it('lists the cluster security group in its launch template (EKS drops it otherwise)', () => {
    const t = stack(render(resolvedConfig({ managedNodeGroups: [managedNodeGroup('m1')] })), '-nodegroup-m1');
    const data = props(t, 'LaunchTemplate')['LaunchTemplateData'] as Props;
    expect((data['SecurityGroupIds'] as unknown[])[0]).toEqual({
      'Fn::ImportValue': 'eksctl-private-cluster-cluster::ClusterSecurityGroupId',
    });
    expect(data['UserData']).toBeUndefined();
    expect(props(t, 'ManagedNodeGroup')['AmiType']).toBe('AL2023_x86_64_STANDARD');
  });
  it('maps spot and taints to the EKS API spelling and drops AmiType for a custom AMI', () => {
    const t = stack(
      render(
        resolvedConfig({
          managedNodeGroups: [
            managedNodeGroup('m1', {
              spot: true,
              ami: 'ami-0123456789abcdef0',
              taints: [{ key: 'k', effect: 'PreferNoSchedule' }],
            }),
          ],
        }),
      ),
      '-nodegroup-m1',
    );
    const ng = props(t, 'ManagedNodeGroup');
    expect(ng['CapacityType']).toBe('SPOT');
    expect(ng['Taints']).toEqual([{ Key: 'k', Effect: 'PREFER_NO_SCHEDULE' }]);
    expect(ng['AmiType']).toBeUndefined();
  });
  it("uses the user's launch template as is", () => {
    const t = stack(
      render(
        resolvedConfig({
          managedNodeGroups: [managedNodeGroup('m1', { launchTemplate: { id: 'lt-0123456789abcdef0' } })],
        }),
      ),
      '-nodegroup-m1',
    );
    expect(t.Resources['LaunchTemplate']).toBeUndefined();
    expect(props(t, 'ManagedNodeGroup')['LaunchTemplate']).toEqual({ Id: 'lt-0123456789abcdef0' });
  });
  it('refuses overrideBootstrapCommand on the EKS image, where EKS owns the bootstrap', () => {
    expect(() =>
      render(
        resolvedConfig({ managedNodeGroups: [managedNodeGroup('m1', { overrideBootstrapCommand: '/bin/true' })] }),
      ),
    ).toThrow(/overrideBootstrapCommand needs a custom AMI/);
  });
});

describe('Fargate stack', () => {
  const config = resolvedConfig({
    fargateProfiles: [
      fargateProfile('fp-a'),
      fargateProfile('fp_a'),
      fargateProfile('fp-c', { podExecutionRoleARN: 'arn:aws:iam::111122223333:role/f' }),
    ],
  });
  const templates = render(config);
  const fargate = stack(templates, '-fargate');

  it('chains the profiles: EKS creates one at a time', () => {
    expect(Object.keys(fargate.Resources)).toEqual(['FargateProfileFpA', 'FargateProfileFpA2', 'FargateProfileFpC']);
    expect(fargate.Resources['FargateProfileFpA']?.DependsOn).toBeUndefined();
    expect(fargate.Resources['FargateProfileFpA2']?.DependsOn).toEqual(['FargateProfileFpA']);
    expect(fargate.Resources['FargateProfileFpC']?.DependsOn).toEqual(['FargateProfileFpA2']);
  });
  it('takes the pod execution role from the cluster stack unless given', () => {
    expect(props(fargate, 'FargateProfileFpA')['PodExecutionRoleArn']).toEqual({
      'Fn::ImportValue': 'eksctl-private-cluster-cluster::FargatePodExecutionRoleARN',
    });
    expect(props(fargate, 'FargateProfileFpC')['PodExecutionRoleArn']).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:iam::111122223333:role/f',
    });
    const role = props(stack(templates, '-cluster'), 'FargatePodExecutionRole');
    expect(JSON.stringify(role)).toContain('fargateprofile/private-cluster/*');
  });
});

describe('Fargate stack of a cluster without nodegroups', () => {
  // kube-system's profile last in the file: the stack creates it first, the add-ons need only it.
  const plan = testPlan(
    resolvedConfig({
      addons: [addon('coredns')],
      fargateProfiles: [
        fargateProfile('apps'),
        fargateProfile('batch'),
        fargateProfile('system', { selectors: [{ namespace: 'kube-system', labels: { tier: 'core' } }] }),
      ],
    }),
  );
  const fargate = stack(renderTemplates(plan), '-fargate');

  it('creates the profiles selecting kube-system first, then the others in file order, one at a time', () => {
    expect(Object.keys(fargate.Resources)).toEqual([
      'FargateProfileSystem',
      'FargateProfileApps',
      'FargateProfileBatch',
    ]);
    expect(fargate.Resources['FargateProfileSystem']?.DependsOn).toBeUndefined();
    expect(fargate.Resources['FargateProfileApps']?.DependsOn).toEqual(['FargateProfileSystem']);
    expect(fargate.Resources['FargateProfileBatch']?.DependsOn).toEqual(['FargateProfileApps']);
    expect(props(fargate, 'FargateProfileSystem')['FargateProfileName']).toBe('system');
  });

  it('is cfn-lint clean', () => {
    const findings = lintTemplateTexts([
      { name: 'fargate-reordered.json', region: plan.region.name, body: templateJson(fargate) },
    ]).filter((f) => f.level === 'Error');
    expect(findings.map(formatFinding)).toEqual([]);
  });
});

describe('add-ons stack', () => {
  const templates = render(
    resolvedConfig({
      managedNodeGroups: [managedNodeGroup('m1')],
      addons: [
        addon('coredns', { version: 'v1.11.4-eksbuild.2', tags: { owner: 'dns' } }),
        addon('aws-ebs-csi-driver', {
          serviceAccountRoleARN: 'arn:aws:iam::111122223333:role/ebs-csi',
          resolveConflicts: 'PRESERVE',
        }),
      ],
    }),
  );
  const addons = stack(templates, '-addons');

  it('holds every add-on, none of them in the cluster stack (they would wait there for nodes that do not exist yet)', () => {
    expect(Object.keys(addons.Resources)).toEqual(['AddonCoredns', 'AddonAwsEbsCsiDriver']);
    const cluster = stack(templates, '-cluster');
    expect(Object.values(cluster.Resources).filter((r) => r.Type === 'AWS::EKS::Addon')).toEqual([]);
  });
  it('names the cluster through the cluster stack export, and passes version, role and conflicts through', () => {
    expect(props(addons, 'AddonCoredns')).toMatchObject({
      AddonName: 'coredns',
      ClusterName: { 'Fn::ImportValue': 'eksctl-private-cluster-cluster::ClusterName' },
      AddonVersion: 'v1.11.4-eksbuild.2',
      ResolveConflicts: 'OVERWRITE',
    });
    expect(props(addons, 'AddonCoredns')['Tags']).toContainEqual({ Key: 'owner', Value: 'dns' });
    expect(props(addons, 'AddonAwsEbsCsiDriver')).toMatchObject({
      ServiceAccountRoleArn: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::111122223333:role/ebs-csi' },
      ResolveConflicts: 'PRESERVE',
    });
    expect(requiredCapabilities(addons)).toEqual([]);
  });
  it('is not rendered without add-ons', () => {
    const names = [...render(resolvedConfig({ managedNodeGroups: [managedNodeGroup('m1')] })).keys()];
    expect(names.some((name) => name.endsWith('-addons'))).toBe(false);
  });
});

describe('cluster stack', () => {
  it('creates Pod Identity associations, with a role only EKS Pod Identity can assume', () => {
    const t = stack(
      render(
        resolvedConfig({
          iam: {
            podIdentityAssociations: [
              {
                namespace: 'ns',
                serviceAccountName: 'sa',
                permissionPolicyARNs: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
              },
            ],
          },
        }),
      ),
      '-cluster',
    );
    expect(props(t, 'PodIdentityAssociationNsSa')).toMatchObject({
      ClusterName: { Ref: 'ControlPlane' },
      Namespace: 'ns',
      ServiceAccount: 'sa',
      RoleArn: { 'Fn::GetAtt': ['PodIdentityRoleNsSa', 'Arn'] },
    });
    const trust = JSON.stringify(props(t, 'PodIdentityRoleNsSa')['AssumeRolePolicyDocument']);
    expect(trust).toContain('EKSPods');
    expect(trust).toContain('sts:TagSession');
    expect(t.Mappings?.['ServicePrincipalPartitionMap']?.['aws']?.['EKSPods']).toBe('pods.eks.amazonaws.com');
  });

  it('never declares the log group: a log-group step makes or adopts it before the control plane', () => {
    const config = resolvedConfig({ cloudWatch: { enableTypes: ['api'], logRetentionInDays: 14 } });
    const withRetention = stack(render(config), '-cluster');
    expect(Object.values(withRetention.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup')).toEqual([]);
    expect(withRetention.Resources['ControlPlane']?.DependsOn).toBeUndefined();
    const steps = planSteps(config, planStacks(config));
    expect(steps.find((s) => s.id === 'log-group')).toMatchObject({
      kind: 'log-group',
      description: 'create or adopt the log group /aws/eks/private-cluster/cluster (retention 14 days)',
      dependsOn: [],
    });
    expect(steps.find((s) => s.id === 'cluster')?.dependsOn).toEqual(['log-group']);
    // No retention: EKS makes the group itself on first write, as eksctl leaves it.
    const noRetention = resolvedConfig({ cloudWatch: { enableTypes: ['api'] } });
    expect(planSteps(noRetention, planStacks(noRetention)).some((s) => s.id === 'log-group')).toBe(false);
    expect(stack(render(noRetention), '-cluster').Resources['VPCEndpointLOGS']).toBeDefined();
  });
  it('creates an OIDC provider without a thumbprint', () => {
    const t = stack(render(resolvedConfig({ iam: { withOIDC: true } })), '-cluster');
    expect(props(t, 'OIDCProvider')).toMatchObject({
      Url: { 'Fn::GetAtt': ['ControlPlane', 'OpenIdConnectIssuerUrl'] },
      ClientIdList: ['sts.amazonaws.com'],
    });
    expect(props(t, 'OIDCProvider')['ThumbprintList']).toBeUndefined();
  });
  it('creates no endpoint and no endpoint security group with skipEndpointCreation', () => {
    const t = stack(render(resolvedConfig({ privateCluster: { skipEndpointCreation: true } })), '-cluster');
    expect(Object.values(t.Resources).filter((r) => r.Type === 'AWS::EC2::VPCEndpoint')).toEqual([]);
    expect(t.Resources['EndpointSecurityGroup']).toBeUndefined();
  });
  it('keeps access-entry logical ids when the list is reordered', () => {
    const entry = (principalARN: string) => ({
      principalARN,
      type: 'STANDARD',
      kubernetesGroups: [],
      accessPolicies: [],
    });
    const a = entry('arn:aws:iam::111122223333:role/a');
    const b = entry('arn:aws:iam::111122223333:role/b');
    const ids = (entries: (typeof a)[]) =>
      Object.keys(stack(render(resolvedConfig({ accessConfig: { accessEntries: entries } })), '-cluster').Resources)
        .filter((id) => id.startsWith('AccessEntry'))
        .sort();
    expect(ids([a, b])).toEqual(ids([b, a]));
    expect(ids([a, b])).toHaveLength(2);
  });
  it('writes IPv6 in CloudFormation spelling and exports the IPv6 service CIDR', () => {
    const t = stack(render(resolvedConfig({ kubernetesNetworkConfig: { ipFamily: 'IPv6' } })), '-cluster');
    expect(props(t, 'ControlPlane')['KubernetesNetworkConfig']).toEqual({ IpFamily: 'ipv6' });
    expect(t.Outputs?.['ServiceIPv6CIDR']?.Value).toEqual({
      'Fn::GetAtt': ['ControlPlane', 'KubernetesNetworkConfig.ServiceIpv6Cidr'],
    });
  });
  it('restricts a temporarily public endpoint to publicAccessCIDRs', () => {
    const plan = testPlan(resolvedConfig({ vpc: { publicAccessCIDRs: ['203.0.113.0/24'] } }), {
      initialAccess: { publicAccess: true, privateAccess: true },
    });
    const vpcConfig = props(renderTemplates(plan).get('eksctl-private-cluster-cluster')!, 'ControlPlane')[
      'ResourcesVpcConfig'
    ];
    expect(vpcConfig).toMatchObject({ EndpointPublicAccess: true, PublicAccessCidrs: ['203.0.113.0/24'] });
  });
});
