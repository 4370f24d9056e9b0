/**
 * The AWS clients private-eks uses, built once in src/aws/clients.ts and passed to planning
 * (facts-live.ts) and deploy code as parameters — never constructed deeper inside (DESIGN.md).
 * Type-only imports: importing this file loads no SDK code.
 */
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCallCounter } from './call-counter.js';

/** The AWS SDK v3 clients private-eks calls, one per service; build them with createAwsClients, or pass your own (for tests, an emulator, other credentials). */
export interface AwsClients {
  readonly region: string;
  readonly cloudFormation: CloudFormationClient;
  readonly ec2: EC2Client;
  readonly eks: EKSClient;
  /** Application and Network Load Balancers: `delete` removes those the cluster's controllers made. */
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  /**
   * Self-managed nodegroups' groups: `upgrade` (instance refresh) and `get nodegroup`. Optional so
   * that AwsClients built by hand (tests) need not have it.
   */
  readonly autoScaling?: AutoScalingClient;
  /**
   * The control-plane log group (made or adopted by create, deleted by `delete --delete-logs`).
   * Always set by createAwsClients; optional so that tests may build an AwsClients without it.
   */
  readonly logs?: CloudWatchLogsClient;
  /**
   * Counts the calls made through these clients, per operation (`calls.snapshot()`), and reports
   * each to listeners (`calls.onCall(...)`, for `--verbose`). Set by createAwsClients; optional so
   * that tests may build an AwsClients from bare (mocked) clients.
   */
  readonly calls?: AwsCallCounter;
  /** Closes the shared connections (keep-alive sockets, proxy tunnels). Set by createAwsClients. */
  destroy?(): void;
}
