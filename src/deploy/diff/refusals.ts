/**
 * Changes `update cluster` refuses, before anything is changed, with why and what to do instead.
 * A running cluster must keep its network and its control plane: CloudFormation would replace
 * the VPC, a subnet or the cluster (a new, empty cluster; nodes and endpoints cut off on the way),
 * and a fully-private node reaches AWS only through the VPC endpoints and the routes to them.
 * Pure: the stacks' change sets in, refusals out.
 */
import { endpointLogicalId, REQUIRED_ENDPOINT_SERVICES } from '../../plan/catalog/index.js';
import type { ResourceChange, StackDiff, Refusal } from './types.js';

const REQUIRED_ENDPOINTS = new Map(REQUIRED_ENDPOINT_SERVICES.map((s) => [endpointLogicalId(s), s]));

const NETWORK_HINT =
  'keep the VPC, its CIDRs, zones and subnets as they are in the file; a cluster cannot move to another network in place. ' +
  'For a different network, create a new cluster from an edited copy of the file and move the workloads';

function replaced(change: ResourceChange): boolean {
  return change.action === 'Remove' || change.replacement === 'True' || change.replacement === 'Conditional';
}

function what(change: ResourceChange): string {
  const props = change.properties.filter((p) => p.requiresRecreation !== 'Never').map((p) => p.name);
  const because = props.length > 0 ? ` (a change to ${props.join(', ')})` : '';
  return change.action === 'Remove' ? 'remove' : `replace${because}`;
}

function refusalFor(
  stack: string,
  change: ResourceChange,
): Omit<Refusal, 'stack' | 'logicalId' | 'resourceType'> | undefined {
  if (!replaced(change)) return undefined;
  switch (change.resourceType) {
    case 'AWS::EC2::VPC':
    case 'AWS::EC2::Subnet':
    case 'AWS::EC2::VPCCidrBlock':
      return {
        reason: `the change would ${what(change)} ${change.logicalId}, the cluster's network`,
        hint: NETWORK_HINT,
      };
    case 'AWS::EKS::Cluster':
      return {
        reason: `the change would ${what(change)} the control plane ${change.logicalId}: a new, empty cluster`,
        hint: 'keep the cluster name, service role, subnets, security groups, service CIDR, IP family and secrets encryption as they are; change the version with `private-eks upgrade cluster`',
      };
    case 'AWS::EC2::RouteTable':
    case 'AWS::EC2::SubnetRouteTableAssociation':
    case 'AWS::EC2::Route':
      return {
        reason: `the change would ${what(change)} ${change.logicalId} and cut the nodes' route to the gateway endpoints`,
        hint: NETWORK_HINT,
      };
    case 'AWS::EC2::VPCEndpoint': {
      const service = REQUIRED_ENDPOINTS.get(change.logicalId);
      if (change.action === 'Remove' && service === undefined) return undefined; // an additional endpoint the file dropped
      return {
        reason:
          service === undefined
            ? `the change would ${what(change)} the VPC endpoint ${change.logicalId}: nodes lose their route to it while it is replaced`
            : `the change would ${what(change)} the ${service} endpoint (${change.logicalId}): nodes in a fully-private cluster reach ${service} only through it`,
        hint:
          service === undefined
            ? 'change the endpoint back as it was; to move it, remove it in one update and add it again in the next'
            : `keep ${service} (it is required in a fully-private cluster); with skipEndpointCreation, add an endpoint of your own first`,
      };
    }
    case 'AWS::EKS::Nodegroup':
      if (change.action === 'Remove') return undefined; // a removed nodegroup is its stack going away
      return {
        reason: `the change would ${what(change)} the managed nodegroup ${change.logicalId}; EKS cannot change that in place`,
        hint: `add a nodegroup with a new name and those settings (private-eks update cluster), then remove this one with private-eks delete nodegroup (stack ${stack})`,
      };
    default:
      return undefined;
  }
}

export function refusalsFor(stacks: readonly StackDiff[]): Refusal[] {
  return stacks.flatMap((s) =>
    s.resources.flatMap((change) => {
      const refusal = refusalFor(s.stack, change);
      return refusal === undefined
        ? []
        : [{ stack: s.stack, logicalId: change.logicalId, resourceType: change.resourceType, ...refusal }];
    }),
  );
}
