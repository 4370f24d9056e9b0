/**
 * The AWS clients private-eks uses, built once in src/aws/clients.ts and passed to planning
 * (facts-live.ts) and deploy code as parameters — never constructed deeper inside (DESIGN.md).
 * Type-only imports: importing this file loads no SDK code.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';

export interface AwsClients {
  readonly region: string;
  readonly cloudFormation: CloudFormationClient;
  readonly ec2: EC2Client;
  readonly eks: EKSClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
}
