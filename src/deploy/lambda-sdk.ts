/**
 * The Lambda client and commands of the in-VPC runner, loaded with import() by runner-client.ts
 * and runner-cleanup.ts: only a create or delete that has a runner loads them. Named re-exports
 * rather than `import('@aws-sdk/client-lambda')`, so the CLI bundle keeps only these.
 */
export { InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
