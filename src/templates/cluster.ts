/**
 * The cluster stack, `eksctl-<cluster>-cluster` (SPEC §6): network, endpoints, security groups,
 * the control-plane role, `ControlPlane` (AWS::EKS::Cluster) and what hangs off it, and the
 * outputs later stacks and commands read (`ClusterFullyPrivate` among them).
 */
import type { Plan, StackPlan } from '../plan/types.js';
import { arnValue, awsManagedPolicyArn, getAtt, join, ref, select, split, tagList } from './cfn.js';
import { exportedOutput } from './cluster-exports.js';
import {
  FARGATE_ROLE_ID,
  OIDC_PROVIDER_ID,
  accessEntryResources,
  fargateRoleResources,
  oidcProviderResources,
} from './cluster-extras.js';
import {
  AUTO_MODE_CLUSTER_POLICIES,
  AUTO_MODE_NODE_ROLE_ID,
  autoModeNetworkConfig,
  autoModeResources,
  controlPlaneFeatures,
  extraCidrResources,
  identityProviderResources,
  identityProvidersAfterOthers,
} from './cluster-features.js';
import { VPC_ID_PARAMETER, subnetLogicalId, subnetValue, vpcIdUnknown, vpcIdValue } from './context.js';
import { servicePrincipalMappings, serviceRole } from './iam.js';
import { endpointResources, vpcResources } from './network.js';
import { podIdentityResources } from './pod-identity.js';
import {
  CONTROL_PLANE_ID,
  controlPlaneSecurityGroupIds,
  controlPlaneSecurityGroupValue,
  securityGroupResources,
  sharedNodeSecurityGroupValue,
} from './security-groups.js';
import { clusterDnsIpv4, isIpv6, serviceIpv4Cidr } from './service-cidr.js';
import type { CfnOutput, CfnResource, CfnValue, Template } from './types.js';

export const SERVICE_ROLE_ID = 'ServiceRole';

export function renderClusterStack(plan: Plan, stack: StackPlan): Template {
  const tags = stack.tags;
  const resources: Record<string, CfnResource> = identityProvidersAfterOthers({
    ...vpcResources(plan, tags),
    ...endpointResources(plan, tags),
    ...securityGroupResources(plan, tags),
    ...extraCidrResources(plan),
    ...serviceRoleResources(plan, tags),
    ...autoModeResources(plan, tags),
    [CONTROL_PLANE_ID]: controlPlane(plan, tags),
    ...accessEntryResources(plan, tags),
    ...oidcProviderResources(plan, tags),
    ...podIdentityResources(plan, tags),
    ...fargateRoleResources(plan, tags),
    ...identityProviderResources(plan, tags),
  });
  const needsMappings = Object.values(resources).some((resource) => resource.Type === 'AWS::IAM::Role');
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `EKS cluster ${plan.cluster.metadata.name}: fully-private control plane, VPC endpoints and private subnets only [created by private-eks]`,
    ...(needsMappings ? { Mappings: servicePrincipalMappings() } : {}),
    ...(vpcIdUnknown(plan)
      ? {
          Parameters: {
            [VPC_ID_PARAMETER]: {
              Type: 'AWS::EC2::VPC::Id',
              Description: 'The supplied VPC (an offline plan could not look it up from the subnets)',
            },
          },
        }
      : {}),
    Resources: resources,
    Outputs: clusterOutputs(plan, resources),
  };
}

function serviceRoleResources(plan: Plan, tags: Readonly<Record<string, string>>): Record<string, CfnResource> {
  if (plan.cluster.iam.serviceRoleARN !== undefined) return {};
  const autoMode = plan.cluster.autoMode !== undefined;
  return {
    [SERVICE_ROLE_ID]: serviceRole({
      principal: 'EKS',
      // eksctl's cluster role: EKS's policy, the VPC resource controller's (security groups for
      // pods, Windows) unless iam.vpcResourceControllerPolicy is false, and sts:TagSession. Auto
      // Mode adds the policies EKS needs to run nodes, volumes and load balancers (eksctl).
      managedPolicyArns: [
        awsManagedPolicyArn('AmazonEKSClusterPolicy'),
        ...(plan.cluster.iam.vpcResourceControllerPolicy
          ? [awsManagedPolicyArn('AmazonEKSVPCResourceController')]
          : []),
        ...(autoMode ? AUTO_MODE_CLUSTER_POLICIES.map(awsManagedPolicyArn) : []),
      ],
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      tags: tagList(SERVICE_ROLE_ID, tags),
    }),
  };
}

function serviceRoleArn(plan: Plan): CfnValue {
  const given = plan.cluster.iam.serviceRoleARN;
  return given === undefined ? getAtt(SERVICE_ROLE_ID, 'Arn') : arnValue(given, plan.region.partition);
}

function controlPlane(plan: Plan, tags: Readonly<Record<string, string>>): CfnResource {
  const { cluster } = plan;
  const access = plan.endpointAccess.initial;
  const publicAccessCidrs = plan.endpointAccess.publicAccessCidrs;
  const logTypes = cluster.cloudWatch.enableTypes;
  const encryption = cluster.secretsEncryption;
  return {
    Type: 'AWS::EKS::Cluster',
    Properties: {
      Name: cluster.metadata.name,
      Version: cluster.metadata.version,
      RoleArn: serviceRoleArn(plan),
      ResourcesVpcConfig: {
        // eksctl: `vpc.controlPlaneSubnetIDs` when given, else every cluster subnet.
        SubnetIds:
          (cluster.vpc.controlPlaneSubnetIDs ?? []).length > 0
            ? [...(cluster.vpc.controlPlaneSubnetIDs ?? [])]
            : plan.subnets.map(subnetValue),
        SecurityGroupIds: controlPlaneSecurityGroupIds(plan),
        EndpointPublicAccess: access.publicAccess,
        EndpointPrivateAccess: access.privateAccess,
        // Only meaningful while public access is on (eksctl's switch, SPEC §7 step 5).
        ...(access.publicAccess && publicAccessCidrs.length > 0 ? { PublicAccessCidrs: publicAccessCidrs } : {}),
      },
      ...(logTypes.length > 0
        ? { Logging: { ClusterLogging: { EnabledTypes: logTypes.map((type) => ({ Type: type })) } } }
        : {}),
      ...(encryption === undefined
        ? {}
        : {
            EncryptionConfig: [
              { Provider: { KeyArn: arnValue(encryption.keyARN, plan.region.partition) }, Resources: ['secrets'] },
            ],
          }),
      AccessConfig: {
        AuthenticationMode: cluster.accessConfig.authenticationMode,
        BootstrapClusterCreatorAdminPermissions: cluster.accessConfig.bootstrapClusterCreatorAdminPermissions,
      },
      // CloudFormation spells the family in lower case.
      KubernetesNetworkConfig: {
        ...(isIpv6(plan) ? { IpFamily: 'ipv6' } : { IpFamily: 'ipv4', ServiceIpv4Cidr: serviceIpv4Cidr(plan) }),
        ...autoModeNetworkConfig(plan),
      },
      ...controlPlaneFeatures(plan),
      Tags: tagList(CONTROL_PLANE_ID, tags),
    },
    // The log group is not declared here: the create's `log-group` step makes or adopts it
    // through the API first (deploy/log-group.ts), so one left by an earlier cluster of the same
    // name cannot roll this stack back, and the logs outlive the stack.
  };
}

function clusterOutputs(plan: Plan, resources: Record<string, CfnResource>): Record<string, CfnOutput> {
  const outputs: Record<string, CfnOutput> = {
    VPC: exportedOutput('VPC', vpcIdValue(plan), 'The cluster VPC'),
    SubnetsPrivate: exportedOutput(
      'SubnetsPrivate',
      join(',', plan.subnets.map(subnetValue)),
      'The private subnets, comma-separated',
    ),
  };
  for (const subnet of plan.subnets) {
    if (subnet.id !== null) continue;
    const logicalId = subnetLogicalId(subnet.logicalSuffix);
    outputs[logicalId] = exportedOutput(
      `SubnetPrivate${subnet.logicalSuffix}`,
      ref(logicalId),
      `The private subnet in ${subnet.az}`,
    );
  }
  Object.assign(outputs, {
    SecurityGroup: exportedOutput(
      'SecurityGroup',
      controlPlaneSecurityGroupValue(plan),
      'The control plane security group',
    ),
    SharedNodeSecurityGroup: exportedOutput(
      'SharedNodeSecurityGroup',
      sharedNodeSecurityGroupValue(plan),
      'The security group every node of the cluster carries',
    ),
    ClusterSecurityGroupId: exportedOutput(
      'ClusterSecurityGroupId',
      getAtt(CONTROL_PLANE_ID, 'ClusterSecurityGroupId'),
      'The security group EKS created for the cluster',
    ),
    Endpoint: exportedOutput('Endpoint', getAtt(CONTROL_PLANE_ID, 'Endpoint'), 'The Kubernetes API server endpoint'),
    CertificateAuthorityData: exportedOutput(
      'CertificateAuthorityData',
      getAtt(CONTROL_PLANE_ID, 'CertificateAuthorityData'),
      'The cluster CA certificate, base64',
    ),
    ARN: exportedOutput('ARN', getAtt(CONTROL_PLANE_ID, 'Arn'), 'The cluster ARN'),
    ClusterName: exportedOutput('ClusterName', ref(CONTROL_PLANE_ID), 'The cluster name'),
    ClusterFullyPrivate: exportedOutput(
      'ClusterFullyPrivate',
      'true',
      'The cluster is fully private: later commands apply the private-cluster rules',
    ),
    ServiceRoleARN: exportedOutput('ServiceRoleARN', serviceRoleArn(plan), 'The control plane IAM role'),
  });
  if (isIpv6(plan)) {
    const serviceCidr = getAtt(CONTROL_PLANE_ID, 'KubernetesNetworkConfig.ServiceIpv6Cidr');
    outputs['ServiceIPv6CIDR'] = exportedOutput('ServiceIPv6CIDR', serviceCidr, 'The Kubernetes service CIDR');
    // `<prefix>::/108` → `<prefix>::a`, the address EKS gives CoreDNS in IPv6 clusters.
    outputs['ClusterDNS'] = exportedOutput(
      'ClusterDNS',
      join('', [select(0, split('/', serviceCidr)), 'a']),
      'The cluster DNS service address',
    );
  } else {
    const serviceCidr = serviceIpv4Cidr(plan);
    outputs['ServiceIPv4CIDR'] = exportedOutput('ServiceIPv4CIDR', serviceCidr, 'The Kubernetes service CIDR');
    outputs['ClusterDNS'] = exportedOutput(
      'ClusterDNS',
      clusterDnsIpv4(serviceCidr),
      'The cluster DNS service address',
    );
  }
  if (FARGATE_ROLE_ID in resources) {
    outputs['FargatePodExecutionRoleARN'] = exportedOutput(
      'FargatePodExecutionRoleARN',
      getAtt(FARGATE_ROLE_ID, 'Arn'),
      'The Fargate pod execution role',
    );
  }
  if (AUTO_MODE_NODE_ROLE_ID in resources) {
    outputs['AutoModeNodeRoleARN'] = exportedOutput(
      'AutoModeNodeRoleARN',
      getAtt(AUTO_MODE_NODE_ROLE_ID, 'Arn'),
      'The role of the nodes EKS Auto Mode launches',
    );
  }
  if (OIDC_PROVIDER_ID in resources) {
    outputs['OIDCIssuerURL'] = exportedOutput(
      'OIDCIssuerURL',
      getAtt(CONTROL_PLANE_ID, 'OpenIdConnectIssuerUrl'),
      'The cluster OIDC issuer URL',
    );
    outputs['OIDCProviderARN'] = exportedOutput('OIDCProviderARN', ref(OIDC_PROVIDER_ID), 'The IRSA OIDC provider');
  }
  return outputs;
}
