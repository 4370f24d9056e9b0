/**
 * The runner's stack, `eksctl-<cluster>-runner`: the in-VPC runner (src/runner/handler.ts) as a
 * Lambda function in the cluster's private subnets, its role and the EKS access entry that lets it
 * act on the cluster, and a security group that can reach only the API server (443 to the
 * cluster security group, which admits it). A stack of its own, created right after the control
 * plane and deleted first, so that the function's network interfaces are released while the
 * nodegroups are being deleted instead of holding up the subnets (src/deploy/runner.ts).
 *
 * The function needs no VPC endpoint: it calls only the API server, and signs its token locally.
 */
import type { Plan, StackPlan } from '../plan/types.js';
import type { RunnerPlan } from '../plan/runner.js';
import { RUNNER_HANDLER_CODE } from '../runner/handler-code.generated.js';
import { awsManagedPolicyArn, getAtt, ref, split, sub, tagList } from './cfn.js';
import { importFromCluster } from './cluster-exports.js';
import { clusterStackPlan } from './context.js';
import type { CfnResource, CfnValue, Template } from './types.js';

export const RUNNER_FUNCTION_ID = 'RunnerFunction';
export const RUNNER_ROLE_ID = 'RunnerRole';
export const RUNNER_SECURITY_GROUP_ID = 'RunnerSecurityGroup';
/** Lambda's Node.js runtime the handler is built for (scripts/runner-code.mjs targets node22). */
export const RUNNER_RUNTIME = 'nodejs22.x';
/** Minutes are enough for a drain; Lambda's ceiling is 15. */
const TIMEOUT_SECONDS = 600;

const accessPolicy = (name: string): CfnValue => sub(`arn:\${AWS::Partition}:eks::aws:cluster-access-policy/${name}`);

/** EKS access policies of the runner's entry: edit where it writes; cluster scope only to create namespaces; admin where it writes RBAC. */
function accessPolicies(runner: RunnerPlan): CfnValue[] {
  const policies: CfnValue[] = [];
  if (runner.namespaces.length > 0) {
    policies.push({
      PolicyArn: accessPolicy('AmazonEKSEditPolicy'),
      AccessScope: { Type: 'namespace', Namespaces: [...runner.namespaces] },
    });
  }
  if (runner.createsNamespaces.length > 0) {
    policies.push({ PolicyArn: accessPolicy('AmazonEKSClusterAdminPolicy'), AccessScope: { Type: 'cluster' } });
  } else if (runner.rbacNamespaces.length > 0) {
    // A Role may be created only by a holder of all its permissions (runner.ts, rbacNamespaces).
    policies.push({
      PolicyArn: accessPolicy('AmazonEKSClusterAdminPolicy'),
      AccessScope: { Type: 'namespace', Namespaces: [...runner.rbacNamespaces] },
    });
  }
  return policies;
}

export function renderRunnerStack(plan: Plan, stack: StackPlan, runner: RunnerPlan): Template {
  const clusterStack = clusterStackPlan(plan).name;
  const clusterSecurityGroup = importFromCluster(clusterStack, 'ClusterSecurityGroupId');
  const resources: Record<string, CfnResource> = {
    [RUNNER_ROLE_ID]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
          ],
        },
        // Network interfaces in the VPC and its own logs; nothing else in AWS.
        ManagedPolicyArns: [awsManagedPolicyArn('service-role/AWSLambdaVPCAccessExecutionRole')],
        Tags: tagList(RUNNER_ROLE_ID, stack.tags),
      },
    },
    [RUNNER_SECURITY_GROUP_ID]: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'private-eks in-VPC runner: HTTPS to the cluster API server only',
        VpcId: importFromCluster(clusterStack, 'VPC'),
        // Replaces the default allow-all egress: the runner talks to the API server and nothing else.
        SecurityGroupEgress: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            DestinationSecurityGroupId: clusterSecurityGroup,
            Description: 'the Kubernetes API server',
          },
        ],
        Tags: tagList(RUNNER_SECURITY_GROUP_ID, stack.tags),
      },
    },
    RunnerToApiServer: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: clusterSecurityGroup,
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        SourceSecurityGroupId: ref(RUNNER_SECURITY_GROUP_ID),
        Description: 'private-eks in-VPC runner to the Kubernetes API server',
      },
    },
    [RUNNER_FUNCTION_ID]: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Description: `private-eks in-VPC runner of cluster ${plan.cluster.metadata.name}: applies Kubernetes objects from inside the VPC`,
        Runtime: RUNNER_RUNTIME,
        Handler: 'index.handler',
        Code: { ZipFile: RUNNER_HANDLER_CODE },
        Role: getAtt(RUNNER_ROLE_ID, 'Arn'),
        MemorySize: 256,
        Timeout: TIMEOUT_SECONDS,
        VpcConfig: {
          SubnetIds: split(',', importFromCluster(clusterStack, 'SubnetsPrivate')),
          SecurityGroupIds: [ref(RUNNER_SECURITY_GROUP_ID)],
        },
        Environment: {
          Variables: {
            PRIVATE_EKS_RUNNER: '1',
            CLUSTER_NAME: plan.cluster.metadata.name,
            CLUSTER_ENDPOINT: importFromCluster(clusterStack, 'Endpoint'),
            CLUSTER_CA: importFromCluster(clusterStack, 'CertificateAuthorityData'),
            STS_HOST: sub('sts.${AWS::Region}.${AWS::URLSuffix}'),
          },
        },
        Tags: tagList(RUNNER_FUNCTION_ID, stack.tags),
      },
    },
    RunnerAccessEntry: {
      Type: 'AWS::EKS::AccessEntry',
      Properties: {
        ClusterName: importFromCluster(clusterStack, 'ClusterName'),
        PrincipalArn: getAtt(RUNNER_ROLE_ID, 'Arn'),
        Type: 'STANDARD',
        AccessPolicies: accessPolicies(runner),
        Tags: tagList('RunnerAccessEntry', stack.tags),
      },
    },
  };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `private-eks in-VPC runner of cluster ${plan.cluster.metadata.name}: Kubernetes steps without public access [created by private-eks]`,
    Resources: resources,
    Outputs: {
      FunctionName: { Description: 'The runner function, for Invoke', Value: ref(RUNNER_FUNCTION_ID) },
      RoleArn: {
        Description: "The runner's role (its access entry's principal)",
        Value: getAtt(RUNNER_ROLE_ID, 'Arn'),
      },
      SecurityGroupId: { Description: "The runner's security group", Value: ref(RUNNER_SECURITY_GROUP_ID) },
    },
  };
}
