/** Outputs of nodegroup stacks, exported as eksctl does (`${AWS::StackName}::InstanceRoleARN`). */
import { sub } from './cfn.js';
import type { CfnOutput, CfnValue } from './types.js';

export function exportedNodeRoleOutput(roleArn: CfnValue): Record<string, CfnOutput> {
  return {
    InstanceRoleARN: {
      Description: 'The IAM role of the nodes',
      Value: roleArn,
      Export: { Name: sub('${AWS::StackName}::InstanceRoleARN') },
    },
  };
}
