/**
 * A supplied VPC's shared endpoints stack, `private-eks-endpoints-<vpc-id>` (plan/shared-endpoints.ts):
 * the endpoint security group and every endpoint the VPC's clusters use, each declared with the
 * logical id the catalog gives its service, so that a later create re-rendering the stack updates
 * its endpoints in place (more subnets, more route tables) instead of replacing them.
 */
import type { Plan, StackPlan } from '../plan/types.js';
import { planInvariant, VPC_ID_PARAMETER, vpcIdUnknown } from './context.js';
import { ENDPOINT_SECURITY_GROUP_ID, endpointResources } from './network.js';
import { ref } from './cfn.js';
import type { CfnOutput, Template } from './types.js';

export function renderEndpointsStack(plan: Plan, stack: StackPlan): Template {
  const shared = plan.sharedEndpoints;
  if (shared === undefined || shared.stackName !== stack.name) {
    throw planInvariant(`stack ${stack.name} is an endpoints stack but the plan has no shared endpoints for it`);
  }
  // The resources carry only private-eks's own tags: the stack's tags (users included) reach them
  // through CloudFormation's propagation, and they change with every user.
  const tags = { 'private-eks.io/endpoints-vpc': shared.vpcId };
  const resources = endpointResources(plan, tags, shared.endpoints);
  const outputs: Record<string, CfnOutput> = {};
  if (ENDPOINT_SECURITY_GROUP_ID in resources) {
    // Not exported: an import elsewhere would block the last user's delete of this stack.
    outputs['EndpointSecurityGroup'] = {
      Value: ref(ENDPOINT_SECURITY_GROUP_ID),
      Description: "The VPC endpoints' security group",
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `VPC endpoints of ${shared.vpcId}, shared by the private EKS clusters in it; deleted with the last of them [created by private-eks]`,
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
    ...(Object.keys(outputs).length > 0 ? { Outputs: outputs } : {}),
  };
}
