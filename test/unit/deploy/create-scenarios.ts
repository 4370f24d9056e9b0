/**
 * Scripted create runs for unit tests and the progress goldens: the seed's minimal config planned
 * with offline facts (deterministic), its real templates, and aws-sdk-client-mock clients whose
 * CloudFormation stacks follow scripts (scripted-stack.ts) and whose EKS answers follow the SDK's
 * output shapes (DescribeCluster / UpdateClusterConfig / DescribeUpdate, as in endpoint-access.test.ts).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  EKSClient,
  UpdateClusterConfigCommand,
  type Update,
} from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClients } from '../../../src/aws/types.js';
import { buildPlan, createOfflineFacts, type EndpointSwitchMode } from '../../../src/plan/index.js';
import type { Plan } from '../../../src/plan/types.js';
import { renderTemplates } from '../../../src/templates/index.js';
import type { Template } from '../../../src/templates/types.js';
import { seedMinimalConfig } from '../../helpers/resolved-config.js';
import { awsError, resetScripts, scriptStack, type ScriptRow } from './scripted-stack.js';
import { unitClientConfig } from '../../helpers/unit-clients.js';

export const cfnMock = mockClient(CloudFormationClient);
export const eksMock = mockClient(EKSClient);
export const ec2Mock = mockClient(EC2Client);

export function resetMocks(): void {
  cfnMock.reset();
  eksMock.reset();
  ec2Mock.reset();
  resetScripts(cfnMock);
}

/** Clients whose calls the tests script with aws-sdk-client-mock (see unitClientConfig). */
export function mockedClients(): AwsClients {
  const config = unitClientConfig();
  return {
    region: 'us-west-2',
    cloudFormation: new CloudFormationClient(config),
    ec2: new EC2Client(config),
    eks: new EKSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    iam: new IAMClient(config),
    sts: new STSClient(config),
  };
}

export async function minimalPlan(
  endpointSwitch: EndpointSwitchMode = 'auto',
): Promise<{ plan: Plan; templates: Map<string, Template> }> {
  const { plan, problems } = await buildPlan(seedMinimalConfig(), createOfflineFacts(), { endpointSwitch });
  if (plan === undefined) throw new Error(`no plan: ${JSON.stringify(problems)}`);
  return { plan, templates: renderTemplates(plan) };
}

const STACK = 'AWS::CloudFormation::Stack';
export const CLUSTER_STACK = 'eksctl-private-cluster-cluster';
export const NG1_STACK = 'eksctl-private-cluster-nodegroup-ng1';
export const M1_STACK = 'eksctl-private-cluster-nodegroup-m1';
export const CLUSTER_ARN = 'arn:aws:eks:us-west-2:123456789012:cluster/private-cluster';

const created = (name: string, resources: readonly [string, string][]): ScriptRow[] => [
  { status: 'CREATE_IN_PROGRESS', events: resources.map(([id, type]) => [id, type, 'CREATE_IN_PROGRESS'] as const) },
  {
    status: 'CREATE_COMPLETE',
    events: [
      ...resources.map(([id, type]) => [id, type, 'CREATE_COMPLETE'] as const),
      [name, STACK, 'CREATE_COMPLETE'],
    ],
  },
];

/** The three stacks of the minimal plan; `ng1` rolls back when `failNg1`. */
export function scriptMinimalStacks(options: { failNg1?: boolean } = {}): void {
  scriptStack(cfnMock, {
    name: CLUSTER_STACK,
    afterCreate: created(CLUSTER_STACK, [
      ['VPC', 'AWS::EC2::VPC'],
      ['ControlPlane', 'AWS::EKS::Cluster'],
    ]),
    outputs: {
      VPC: 'vpc-0123456789abcdef0',
      Endpoint: 'https://0123456789ABCDEF0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com',
      CertificateAuthorityData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
      ARN: CLUSTER_ARN,
      ClusterFullyPrivate: 'true',
    },
  });
  scriptStack(cfnMock, {
    name: NG1_STACK,
    afterCreate:
      options.failNg1 === true
        ? [
            {
              status: 'CREATE_IN_PROGRESS',
              events: [
                ['NodeInstanceRole', 'AWS::IAM::Role', 'CREATE_COMPLETE'],
                [
                  'NodeGroupLaunchTemplate',
                  'AWS::EC2::LaunchTemplate',
                  'CREATE_FAILED',
                  'The image id [ami-0bad] does not exist (Service: Ec2, Status Code: 400)',
                ],
                ['NodeGroup', 'AWS::AutoScaling::AutoScalingGroup', 'CREATE_FAILED', 'Resource creation cancelled'],
              ],
            },
            {
              status: 'ROLLBACK_IN_PROGRESS',
              events: [
                [
                  NG1_STACK,
                  STACK,
                  'ROLLBACK_IN_PROGRESS',
                  'The following resource(s) failed to create: [NodeGroupLaunchTemplate, NodeGroup]. Rollback requested by user.',
                ],
                ['NodeInstanceRole', 'AWS::IAM::Role', 'DELETE_COMPLETE'],
              ],
            },
            { status: 'ROLLBACK_COMPLETE', events: [[NG1_STACK, STACK, 'ROLLBACK_COMPLETE']] },
          ]
        : created(NG1_STACK, [['NodeGroup', 'AWS::AutoScaling::AutoScalingGroup']]),
    outputs: { InstanceRoleARN: 'arn:aws:iam::123456789012:role/ng1-NodeInstanceRole' },
  });
  scriptStack(cfnMock, {
    name: M1_STACK,
    afterCreate: created(M1_STACK, [['ManagedNodeGroup', 'AWS::EKS::Nodegroup']]),
    outputs: { InstanceRoleARN: 'arn:aws:iam::123456789012:role/m1-NodeInstanceRole' },
  });
}

export const UPDATE_ID = 'e4091a28-ea14-48fd-a8c7-975aeb469e8a';

function update(status: Update['status']): { update: Update } {
  return { update: { id: UPDATE_ID, status, type: 'EndpointAccessUpdate', errors: [] } };
}

/** EKS: the cluster public + private until UpdateClusterConfig is accepted (or refused). */
export function scriptEks(options: { refuseUpdate?: boolean } = {}): void {
  let isPublic = true;
  eksMock.on(DescribeClusterCommand).callsFake(() => ({
    cluster: {
      name: 'private-cluster',
      arn: CLUSTER_ARN,
      status: 'ACTIVE',
      resourcesVpcConfig: { endpointPublicAccess: isPublic, endpointPrivateAccess: true },
    },
  }));
  if (options.refuseUpdate === true) {
    eksMock
      .on(UpdateClusterConfigCommand)
      .rejects(awsError('AccessDeniedException', 'User is not authorized to perform: eks:UpdateClusterConfig', 403));
  } else {
    eksMock.on(UpdateClusterConfigCommand).callsFake(() => {
      isPublic = false;
      return update('InProgress');
    });
  }
  eksMock.on(DescribeUpdateCommand).resolvesOnce(update('InProgress')).resolves(update('Successful'));
}
