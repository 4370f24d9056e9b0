/**
 * The EC2 commands and paginators live facts use, loaded by src/plan/facts-live.ts on first use
 * so that `plan --offline` loads no SDK code. Named re-exports rather than a whole
 * `import('@aws-sdk/client-ec2')`: the CLI bundle then keeps these few of the EC2 client's
 * several hundred commands.
 */
export {
  DescribeAvailabilityZonesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcsCommand,
  paginateDescribeInstanceTypeOfferings,
  paginateDescribeInstanceTypes,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
} from '@aws-sdk/client-ec2';
