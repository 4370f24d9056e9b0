/**
 * CloudFormation templates from a Plan (SPEC §6). Pure functions: no I/O, no clock, no AWS SDK.
 */
export { renderStack, renderTemplates, requiredCapabilities } from './render.js';
export { templateBody, templateJson, TEMPLATE_BODY_LIMIT } from './json.js';
export type { Template, CfnResource, CfnOutput, CfnParameter, CfnValue, CfnTag } from './types.js';
export type { ClusterExport } from './cluster-exports.js';
