/**
 * The planning layer's public API: buildPlan, the two CloudFacts implementations and the catalog.
 * Importing this loads no AWS SDK code: facts-live.ts loads the EC2 client on first use.
 */
export { buildPlan } from './plan.js';
export type { BuildPlanOptions, BuildPlanResult } from './plan.js';
export { createOfflineFacts } from './facts-offline.js';
export { createLiveFacts } from './facts-live.js';
export { decideEndpointAccess } from './endpoint-access.js';
export type { EndpointSwitchMode } from './endpoint-access.js';
export { privateSubnetCidrs, logicalSuffix } from './subnets.js';
export { chooseZones, defaultZoneCount } from './zones.js';
export { estimateCost, HOURS_PER_MONTH } from './cost.js';
export { STEP_IDS } from './steps.js';
export { clusterStackName, nodeGroupStackName, fargateStackName } from './stacks.js';
export { UNKNOWN_OFFLINE } from './types.js';
export * from './catalog/index.js';
export type * from './types.js';
export type * from './facts.js';
