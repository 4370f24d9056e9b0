/**
 * The cluster stack's outputs that later stacks import (eksctl's export names,
 * `${AWS::StackName}::<Name>`), and the one way nodegroup and Fargate stacks refer to them. The
 * bootstrap data of self-managed nodes (endpoint, CA, service CIDR) comes from here: nodes in a
 * VPC without an `eks` endpoint cannot call DescribeCluster (SPEC §6).
 */
import { importValue, sub } from './cfn.js';
import type { CfnOutput, CfnValue } from './types.js';

export type ClusterExport =
  | 'VPC'
  | 'SubnetsPrivate'
  | 'SecurityGroup'
  | 'SharedNodeSecurityGroup'
  | 'ClusterSecurityGroupId'
  | 'Endpoint'
  | 'CertificateAuthorityData'
  | 'ARN'
  | 'ClusterName'
  | 'ClusterFullyPrivate'
  | 'ServiceRoleARN'
  | 'FargatePodExecutionRoleARN'
  | 'ServiceIPv4CIDR'
  | 'ServiceIPv6CIDR'
  | 'ClusterDNS'
  | 'OIDCIssuerURL'
  | 'OIDCProviderARN'
  | 'AutoModeNodeRoleARN'
  | `SubnetPrivate${string}`;

/** An output exported as `${AWS::StackName}::<name>`. */
export function exportedOutput(name: ClusterExport, value: CfnValue, description: string): CfnOutput {
  return { Description: description, Value: value, Export: { Name: sub(`\${AWS::StackName}::${name}`) } };
}

/** `Fn::ImportValue` of one of the cluster stack's exports; the stack name is known when planning. */
export function importFromCluster(clusterStackName: string, name: ClusterExport): CfnValue {
  return importValue(`${clusterStackName}::${name}`);
}
