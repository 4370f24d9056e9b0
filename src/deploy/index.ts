/**
 * The deploy layer's public API (create, add nodegroups, get, delete) and its event and result
 * types. Importing this loads the AWS SDK clients' command classes: load it with `await import()`
 * from commands that talk to AWS, never from `validate` or `plan --offline`.
 */
export { createCluster } from './create-cluster.js';
export type { CreateClusterInput } from './create-cluster.js';
export { createNodegroups, selectNodeGroups, fullyPrivateClusterStack } from './create-nodegroups.js';
export type { CreateNodegroupsInput } from './create-nodegroups.js';
export { deleteCluster } from './delete-cluster.js';
export type { DeleteClusterRequest, DeleteDeps } from './delete-cluster.js';
export { getClusters, shortServiceName } from './get-clusters.js';
export type { ClusterSummary, VpcEndpointSummary } from './get-clusters.js';
export { describeClusterAccess } from './cluster-info.js';
export type { ClusterAccessInfo } from './cluster-info.js';
export { disablePublicAccessCommand } from './endpoint-access.js';
export { StepGraph, DEFAULT_PARALLELISM } from './step-graph.js';
export type { GraphStep, StepDescription, StepRecord, StepStatus } from './step-graph.js';
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export type { DeployDeps } from './run-state.js';
export type { DeployEvent, DeployEventCode, EventSink } from './events.js';
export type * from './results.js';
// Day 2 (issue 11): drift and diff, update, upgrade, nodegroups, stacks.
export { planExistingCluster, diffCluster } from './diff/cluster-diff.js';
export type { ExistingClusterPlan, DiffOptions } from './diff/cluster-diff.js';
export { hasChanges, changesToExisting } from './diff/types.js';
export type { ClusterDiff, StackDiff, EksChange, Refusal, ResourceChange } from './diff/types.js';
export { updateCluster } from './update-cluster.js';
export type { UpdateClusterRequest, UpdateResult } from './update-cluster.js';
export { upgradeCluster, upgradeChecks } from './upgrade-cluster.js';
export type { UpgradeClusterRequest, UpgradeResult, UpgradePlan, NodegroupVersion } from './upgrade-cluster.js';
export { getNodegroups, scaleNodegroup, deleteNodegroup, checkSizes } from './nodegroup-ops.js';
export type {
  NodegroupSummary,
  ScaleRequest,
  ScaleResult,
  DeleteNodegroupRequest,
  DeleteNodegroupResult,
} from './nodegroup-ops.js';
export { describeClusterStacks } from './describe-stacks.js';
export type { DescribedStack } from './describe-stacks.js';
