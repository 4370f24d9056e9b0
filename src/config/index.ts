/**
 * The config layer's public API: reading an eksctl ClusterConfig file into a validated, defaulted
 * ResolvedConfig (SPEC §2–§4), the schema for editors, and the tables other layers share.
 */
export { loadConfig, type LoadConfigInput, type LoadConfigResult } from './load.js';
export { readConfigInput, type ConfigInput } from './input.js';
export { clusterConfigJsonSchema, CLUSTER_CONFIG_SCHEMA_ID } from './json-schema.js';
export { applyDefaults, DEFAULT_VPC_CIDR, type DefaultsOptions } from './defaults.js';
export { MAX_CONFIG_BYTES } from './text.js';
export { formatPath, type FieldPath, type PathSegment } from './path.js';
export { sortProblems } from './report.js';
export { SUPPORTED_KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from './versions.js';
export {
  ADDITIONAL_ENDPOINT_SERVICES,
  ALWAYS_CREATED_ENDPOINT_SERVICES,
  EKSCTL_ADDITIONAL_ENDPOINT_SERVICES,
  EXTENDED_ENDPOINT_SERVICES,
} from './endpoint-services.js';
export { REGIONS_WITHOUT_PRIVATE_CLUSTERS, type RegionWithoutPrivateClusters } from './regions.js';
export type { ClusterConfigFile } from './schema.js';
export type { Problem, RuleId, Severity } from './problem.js';
export type * from './resolved.js';
export {
  eksctlFieldTable,
  fieldSupportRow,
  FIELD_SUPPORT,
  type EksctlFieldRow,
  type FieldStatus,
  type FieldSupport,
} from './field-support.js';
export { implementsEksctlField } from './fields.js';
