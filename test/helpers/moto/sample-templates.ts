/**
 * CloudFormation templates shaped like private-eks's stacks (eksctl's logical IDs and outputs, SPEC §6),
 * written by hand for the emulator harness's own tests: they exercise every type the launcher adds or
 * fixes (test/helpers/moto/README.md) without depending on src/templates, which is written concurrently.
 * Literal AZs and CIDRs, list-form GetAtt, no GetAtt on subnets, route tables or endpoints: the rules
 * for templates that must also run on moto (shared/TESTBED.md §3.4).
 */

type Template = Record<string, unknown>;

const region = 'us-west-2';
const vpcCidr = '10.0.0.0/16';
const ref = (name: string) => ({ Ref: name });
const getAtt = (name: string, attribute: string) => ({ 'Fn::GetAtt': [name, attribute] });
const sub = (text: string) => ({ 'Fn::Sub': text });
const importValue = (name: string) => ({ 'Fn::ImportValue': name });
const managedPolicy = (name: string) => sub(`arn:\${AWS::Partition}:iam::aws:policy/${name}`);
const trust = (service: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
});
const nameTag = (logicalId: string) => [{ Key: 'Name', Value: sub(`\${AWS::StackName}/${logicalId}`) }];

export const zones = ['us-west-2a', 'us-west-2b'] as const;
export const eksAmiParameter =
  '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id';

function subnetId(zone: string): string {
  return `SubnetPrivate${zone.toUpperCase().replace(/-/g, '')}`;
}

function routeTableId(zone: string): string {
  return `PrivateRouteTable${zone.toUpperCase().replace(/-/g, '')}`;
}

function network(): Template {
  const resources: Template = {
    VPC: {
      Type: 'AWS::EC2::VPC',
      Properties: { CidrBlock: vpcCidr, EnableDnsSupport: true, EnableDnsHostnames: true, Tags: nameTag('VPC') },
    },
    EndpointSecurityGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'VPC endpoints: HTTPS from the VPC only',
        VpcId: ref('VPC'),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: vpcCidr }],
      },
    },
    VPCEndpointSTS: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        ServiceName: `com.amazonaws.${region}.sts`,
        VpcEndpointType: 'Interface',
        VpcId: ref('VPC'),
        SubnetIds: zones.map((z) => ref(subnetId(z))),
        SecurityGroupIds: [ref('EndpointSecurityGroup')],
        PrivateDnsEnabled: true,
      },
    },
    VPCEndpointS3: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        ServiceName: `com.amazonaws.${region}.s3`,
        VpcEndpointType: 'Gateway',
        VpcId: ref('VPC'),
        RouteTableIds: zones.map((z) => ref(routeTableId(z))),
      },
    },
  };
  zones.forEach((zone, index) => {
    const suffix = zone.toUpperCase().replace(/-/g, '');
    resources[subnetId(zone)] = {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: ref('VPC'),
        CidrBlock: `10.0.${index * 32}.0/19`,
        AvailabilityZone: zone,
        MapPublicIpOnLaunch: false,
        Tags: [...nameTag(subnetId(zone)), { Key: 'kubernetes.io/role/internal-elb', Value: '1' }],
      },
    };
    resources[routeTableId(zone)] = {
      Type: 'AWS::EC2::RouteTable',
      Properties: { VpcId: ref('VPC'), Tags: nameTag(routeTableId(zone)) },
    };
    resources[`RouteTableAssociationPrivate${suffix}`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(subnetId(zone)), RouteTableId: ref(routeTableId(zone)) },
    };
  });
  return resources;
}

/**
 * VPC, private subnets, route tables, endpoints, IAM, the EKS control plane, OIDC, an access entry, a Pod
 * Identity association, an add-on.
 */
export function clusterStack(cluster: string, options: { controlPlaneRoleService?: string } = {}): Template {
  return {
    Resources: {
      ...network(),
      ControlPlaneSecurityGroup: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'Communication between the control plane and worker nodes', VpcId: ref('VPC') },
      },
      ControlPlaneEgressToVpc: {
        Type: 'AWS::EC2::SecurityGroupEgress',
        Properties: {
          GroupId: ref('ControlPlaneSecurityGroup'),
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          CidrIp: vpcCidr,
        },
      },
      ServiceRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust(options.controlPlaneRoleService ?? 'eks.amazonaws.com'),
          ManagedPolicyArns: [managedPolicy('AmazonEKSClusterPolicy'), managedPolicy('AmazonEKSVPCResourceController')],
        },
      },
      AdminRole: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: trust('ec2.amazonaws.com') },
      },
      ControlPlane: {
        Type: 'AWS::EKS::Cluster',
        Properties: {
          Name: cluster,
          RoleArn: getAtt('ServiceRole', 'Arn'),
          Version: '1.31',
          ResourcesVpcConfig: {
            SubnetIds: zones.map((z) => ref(subnetId(z))),
            SecurityGroupIds: [ref('ControlPlaneSecurityGroup')],
            EndpointPublicAccess: false,
            EndpointPrivateAccess: true,
          },
          AccessConfig: { AuthenticationMode: 'API_AND_CONFIG_MAP' },
          Logging: { ClusterLogging: { EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }] } },
          Tags: [{ Key: 'private-eks.io/test', Value: 'harness' }],
        },
      },
      OIDCProvider: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: { Url: getAtt('ControlPlane', 'OpenIdConnectIssuerUrl'), ClientIdList: ['sts.amazonaws.com'] },
      },
      AdminAccessEntry: {
        Type: 'AWS::EKS::AccessEntry',
        Properties: {
          ClusterName: ref('ControlPlane'),
          PrincipalArn: getAtt('AdminRole', 'Arn'),
          AccessPolicies: [
            {
              PolicyArn: sub('arn:${AWS::Partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy'),
              AccessScope: { Type: 'cluster' },
            },
          ],
        },
      },
      PodIdentityRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: ['pods.eks.amazonaws.com'] },
                Action: ['sts:AssumeRole', 'sts:TagSession'],
              },
            ],
          },
        },
      },
      PodIdentityAssociationDefaultApp: {
        Type: 'AWS::EKS::PodIdentityAssociation',
        Properties: {
          ClusterName: ref('ControlPlane'),
          Namespace: 'default',
          ServiceAccount: 'app',
          RoleArn: getAtt('PodIdentityRole', 'Arn'),
        },
      },
      VpcCniAddon: {
        Type: 'AWS::EKS::Addon',
        Properties: {
          ClusterName: ref('ControlPlane'),
          AddonName: 'vpc-cni',
          ConfigurationValues: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}',
        },
      },
    },
    Outputs: {
      ARN: { Value: getAtt('ControlPlane', 'Arn') },
      Endpoint: { Value: getAtt('ControlPlane', 'Endpoint') },
      CertificateAuthorityData: { Value: getAtt('ControlPlane', 'CertificateAuthorityData') },
      ClusterSecurityGroupId: { Value: getAtt('ControlPlane', 'ClusterSecurityGroupId') },
      OIDCIssuer: { Value: getAtt('ControlPlane', 'OpenIdConnectIssuerUrl') },
      OIDCProviderArn: { Value: ref('OIDCProvider') },
      VPC: { Value: ref('VPC'), Export: { Name: sub('${AWS::StackName}::VPC') } },
      ClusterName: { Value: ref('ControlPlane'), Export: { Name: sub('${AWS::StackName}::ClusterName') } },
      SubnetsPrivate: {
        Value: { 'Fn::Join': [',', zones.map((z) => ref(subnetId(z)))] },
        Export: { Name: sub('${AWS::StackName}::SubnetsPrivate') },
      },
      ClusterFullyPrivate: { Value: 'true', Export: { Name: sub('${AWS::StackName}::ClusterFullyPrivate') } },
    },
  };
}

const imported = (clusterStackName: string, output: string) => importValue(`${clusterStackName}::${output}`);
const importedSubnets = (clusterStackName: string) => ({
  'Fn::Split': [',', imported(clusterStackName, 'SubnetsPrivate')],
});
const secureLaunchTemplateData = {
  MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
  BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 80, VolumeType: 'gp3', Encrypted: true } }],
};

/** A managed nodegroup in the cluster stack's subnets, found through its exports. */
export function managedNodegroupStack(clusterStackName: string, nodegroup: string): Template {
  return {
    Resources: {
      NodeInstanceRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust('ec2.amazonaws.com'),
          ManagedPolicyArns: [
            'AmazonEKSWorkerNodePolicy',
            'AmazonEKS_CNI_Policy',
            'AmazonEC2ContainerRegistryReadOnly',
          ].map(managedPolicy),
        },
      },
      LaunchTemplate: {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: { LaunchTemplateData: secureLaunchTemplateData },
      },
      ManagedNodeGroup: {
        Type: 'AWS::EKS::Nodegroup',
        Properties: {
          ClusterName: imported(clusterStackName, 'ClusterName'),
          NodegroupName: nodegroup,
          NodeRole: getAtt('NodeInstanceRole', 'Arn'),
          Subnets: importedSubnets(clusterStackName),
          ScalingConfig: { MinSize: 2, MaxSize: 2, DesiredSize: 2 },
          InstanceTypes: ['m5.large'],
          AmiType: 'AL2023_x86_64_STANDARD',
          LaunchTemplate: { Id: ref('LaunchTemplate'), Version: getAtt('LaunchTemplate', 'LatestVersionNumber') },
          Labels: { 'alpha.eksctl.io/nodegroup-name': nodegroup },
          Taints: [{ Key: 'dedicated', Value: 'batch', Effect: 'NO_SCHEDULE' }],
        },
      },
    },
    Outputs: {
      NodegroupId: { Value: ref('ManagedNodeGroup') },
      NodegroupArn: { Value: getAtt('ManagedNodeGroup', 'Arn') },
    },
  };
}

/** Launch template + auto scaling group whose AMI comes from the EKS-optimized public SSM parameter. */
export function selfManagedNodegroupStack(clusterStackName: string): Template {
  return {
    Parameters: {
      AmiId: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: eksAmiParameter },
    },
    Resources: {
      NodeInstanceRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust('ec2.amazonaws.com'),
          ManagedPolicyArns: [managedPolicy('AmazonEKSWorkerNodePolicy')],
        },
      },
      NodeInstanceProfile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [ref('NodeInstanceRole')] } },
      NodeLaunchTemplate: {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: {
          LaunchTemplateData: {
            ...secureLaunchTemplateData,
            ImageId: ref('AmiId'),
            InstanceType: 'm5.large',
            IamInstanceProfile: { Arn: getAtt('NodeInstanceProfile', 'Arn') },
          },
        },
      },
      NodeGroup: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: {
          LaunchTemplate: {
            LaunchTemplateId: ref('NodeLaunchTemplate'),
            Version: getAtt('NodeLaunchTemplate', 'LatestVersionNumber'),
          },
          MinSize: '1',
          MaxSize: '2',
          DesiredCapacity: '1',
          VPCZoneIdentifier: importedSubnets(clusterStackName),
        },
      },
      NodeAccessEntry: {
        Type: 'AWS::EKS::AccessEntry',
        Properties: {
          ClusterName: imported(clusterStackName, 'ClusterName'),
          PrincipalArn: getAtt('NodeInstanceRole', 'Arn'),
          Type: 'EC2_LINUX',
        },
      },
    },
    Outputs: {
      LaunchTemplateId: { Value: ref('NodeLaunchTemplate') },
      AccessEntryArn: { Value: getAtt('NodeAccessEntry', 'AccessEntryArn') },
    },
  };
}

export function fargateStack(clusterStackName: string, profile: string): Template {
  return {
    Resources: {
      PodExecutionRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust('eks-fargate-pods.amazonaws.com'),
          ManagedPolicyArns: [managedPolicy('AmazonEKSFargatePodExecutionRolePolicy')],
        },
      },
      FargateProfile: {
        Type: 'AWS::EKS::FargateProfile',
        Properties: {
          ClusterName: imported(clusterStackName, 'ClusterName'),
          FargateProfileName: profile,
          PodExecutionRoleArn: getAtt('PodExecutionRole', 'Arn'),
          Subnets: importedSubnets(clusterStackName),
          Selectors: [{ Namespace: 'default', Labels: [{ Key: 'app', Value: 'web' }] }],
        },
      },
    },
    Outputs: { FargateProfileArn: { Value: getAtt('FargateProfile', 'Arn') } },
  };
}

/** The network part alone: enough to show what plain moto does with a route table on stack delete. */
export function networkOnlyStack(): Template {
  return { Resources: network() };
}
