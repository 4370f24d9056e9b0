/**
 * Create and run fully-private Amazon EKS clusters from eksctl `ClusterConfig` files: the
 * library that the `private-eks` command line is built on.
 *
 * The data flows one way: {@link loadConfig} reads and validates a file, {@link buildPlan} turns
 * the config into a {@link Plan} (with facts from AWS, or offline from a built-in catalog),
 * {@link renderTemplates} gives the plan's CloudFormation templates, and {@link createCluster},
 * {@link createNodegroups}, {@link deleteCluster} and {@link getClusters} act on AWS through
 * clients you pass in ({@link createAwsClients}). The renderers turn plans, problems and doctor
 * reports into the text and JSON the CLI prints.
 *
 * This file is the whole public API: a curated list, checked by API Extractor against
 * `etc/private-eks.api.md` (`npm run api:check`; `npm run api:update` after a deliberate change).
 * Everything else under src/ is internal and may change in any release.
 *
 * @packageDocumentation
 */

// Errors: thrown at runtime (config problems are values, see Problem).
export {
  PrivateEksError,
  UsageError,
  ConfigError,
  AwsCallError,
  DeployError,
  AbortedError,
  type ErrorSource,
  type PrivateEksErrorOptions,
} from './errors.js';

// Config: read, check, default.
export { loadConfig, type LoadConfigInput, type LoadConfigResult } from './config/load.js';
export { clusterConfigJsonSchema, CLUSTER_CONFIG_SCHEMA_ID, type Json } from './config/json-schema.js';
export { SUPPORTED_KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from './config/versions.js';
export type { Problem, RuleId, Severity } from './config/problem.js';
export type {
  ResolvedConfig,
  ResolvedVpc,
  SubnetSpec,
  ResolvedIam,
  ServiceAccount,
  PodIdentityAssociation,
  AccessEntry,
  Addon,
  ResolvedNodeGroup,
  NodeGroupKind,
  FargateProfile,
  IpFamily,
  AuthenticationMode,
  ClusterLogType,
  TaintEffect,
  AutoMode,
  IamIdentityMapping,
  OidcIdentityProvider,
} from './config/resolved.js';

// Plan: what create would do, decided before anything exists.
export { buildPlan, type BuildPlanOptions, type BuildPlanResult } from './plan/plan.js';
export { createOfflineFacts } from './plan/facts-offline.js';
export { createLiveFacts } from './plan/facts-live.js';
export type { EndpointSwitchMode } from './plan/endpoint-access.js';
/** The in-VPC runner the plan gives a cluster whose Kubernetes steps it carries. */
export type { RunnerPlan } from './plan/runner.js';
/** eksctl's `wellKnownPolicies` names, and their type. */
export { WELL_KNOWN_POLICY_NAMES, type WellKnownPolicyName } from './config/schema-parts.js';
/** eksctl's node-role add-on policy sets (`iam.withAddonPolicies`), and their type. */
export { ADDON_POLICY_NAMES, type AddonPolicyName } from './config/schema-nodegroups.js';
/** A self-managed nodegroup's mix of instance types and purchase options. */
export type { InstancesDistribution } from './config/resolved.js';
/** A nodegroup's instanceSelector, with eksctl's defaults. */
export type { InstanceSelectorCriteria } from './config/instance-selector.js';
/** A nodegroup's extra EBS volume, its EKS node auto repair, and the options of Pod Identity roles. */
export type {
  AdditionalVolume,
  NodeRepairConfig,
  AddonPodIdentityAssociation,
  PodIdentityRoleOptions,
} from './config/resolved.js';
export { UNKNOWN_OFFLINE } from './plan/types.js';
export type {
  Plan,
  Partition,
  PlannedVpc,
  PlannedSubnet,
  PlannedEndpoint,
  PlannedSubnetRef,
  PlannedRouteTableRef,
  EndpointAccess,
  EndpointAccessDecision,
  StackKind,
  StackPlan,
  StepKind,
  PlanStep,
  CostEstimate,
  SharedEndpointsPlan,
} from './plan/types.js';
export { verifyCluster, verifyEndpointLayout } from './verify/index.js';
export type { VerifyCheckId, VerifyFinding, VerifyReport, VerifyClusterRequest, LayoutInput } from './verify/index.js';
export type {
  CloudFacts,
  ZoneInfo,
  EndpointType,
  EndpointServiceInfo,
  EndpointServiceLookup,
  VpcInfo,
  SubnetInfo,
  RouteInfo,
  RouteTableInfo,
  ExistingEndpoint,
  InstanceTypeInfo,
} from './plan/facts.js';
/** A nodegroup whose instance types an instanceSelector chooses, as the plan resolved it. */
export type { InstanceSelection } from './plan/instance-selection.js';

// Templates: pure Plan → CloudFormation.
export { renderTemplates, renderStack } from './templates/render.js';
export { templateBody, TEMPLATE_BODY_LIMIT } from './templates/json.js';
export type { Template, CfnResource, CfnOutput, CfnParameter, CfnValue, CfnTag } from './templates/types.js';

// AWS clients, passed to everything that talks to AWS.
export { createAwsClients, type CreateAwsClientsOptions, type BuiltAwsClients } from './aws/clients.js';
export type { RetrySettings, RetryMode, ServiceKey, AwsRequestHandler } from './aws/clients.js';
export type { AwsCallCounter, AwsCallSnapshot, AwsCallEvent, AwsCallListener } from './aws/call-counter.js';
export type { ProxyEnv } from './aws/proxy.js';
export type { AwsClients } from './aws/types.js';

// Deploy: create, add nodegroups, list, delete.
export { createCluster, type CreateClusterInput } from './deploy/create-cluster.js';
export { createNodegroups, type CreateNodegroupsInput } from './deploy/create-nodegroups.js';
export {
  deleteCluster,
  type DeleteClusterRequest,
  type DeleteDeps,
  type DrainSettings,
} from './deploy/delete-cluster.js';
export { getClusters, type ClusterSummary, type VpcEndpointSummary } from './deploy/get-clusters.js';
export type { DeployDeps } from './deploy/run-state.js';
export type { Clock } from './deploy/clock.js';
export type { DeployEvent, DeployEventCode, EventSink, StackOperation } from './deploy/events.js';
export type {
  KubernetesApiOptions,
  KubernetesRequester,
  KubernetesRequest,
  KubernetesResponse,
} from './deploy/kubernetes-client.js';
export type { StepRecord, StepStatus } from './deploy/step-graph.js';
export type { SwitchOffOutcome } from './deploy/endpoint-access.js';
export type {
  CreateResult,
  CreateCommon,
  DeleteResult,
  StackOutcome,
  StepFailure,
  ManualStep,
  KubeconfigOutcome,
  EndpointAccessReport,
  DeletedItem,
  LeftoverItem,
} from './deploy/results.js';

// Doctor: pre-flight checks.
export { runDoctor } from './doctor/run.js';
export { createDoctorContext, type DoctorOptions } from './doctor/context.js';
export type {
  DoctorReport,
  CheckResult,
  CheckOutcome,
  CheckStatus,
  CheckId,
  DoctorCheck,
  DoctorContext,
  CallerIdentity,
  ClusterEndpointInfo,
  ClusterLookup,
  HostLookup,
} from './doctor/types.js';
export type { TrustedRoot } from './aws/data/aws-oidc-roots.js';

// Renderers: what the CLI prints, for plans, problems and doctor reports.
export { renderPlanText, planDocument } from './cli/render/plan.js';
export {
  networkPicture,
  egressSentence,
  type NetworkPicture,
  type PictureZone,
  type PictureSubnet,
  type PictureGatewayEndpoint,
  type EgressFinding,
} from './render/network-picture.js';
export { renderNetworkText } from './render/network-text.js';
export { renderNetworkMermaid } from './render/network-mermaid.js';
export {
  renderProblemsText,
  validationJson,
  type TextRenderOptions,
  type ValidationJson,
  type ProblemJson,
} from './cli/render/problems.js';
export { renderDoctorText, doctorJson } from './doctor/render.js';

export { VERSION } from './version.js';
