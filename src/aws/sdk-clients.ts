/**
 * The SDK client classes, one per service of AwsClients, loaded with import() by createAwsClients
 * (clients.ts) so that importing clients.ts loads no SDK code. Named imports, never a whole
 * client module: the CLI bundle then keeps the client classes and the commands private-eks sends,
 * not the hundreds it never sends.
 */
export { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
export { CloudFormationClient } from '@aws-sdk/client-cloudformation';
export { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
export { EC2Client } from '@aws-sdk/client-ec2';
export { EKSClient } from '@aws-sdk/client-eks';
export { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
export { IAMClient } from '@aws-sdk/client-iam';
export { STSClient } from '@aws-sdk/client-sts';
// The SDK's default credential chain, the one every client above uses unless given another.
export { defaultProvider } from '@aws-sdk/credential-provider-node';
