/**
 * Canonical JSON of a template: object keys sorted at every level, so the text depends on the
 * template's content only (goldens, change detection). `templateBody` is the compact form sent to
 * CloudFormation (TemplateBody is limited to 51,200 bytes); `templateJson` the indented one for
 * files and review.
 */
import type { Template } from './types.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** A template as the JSON body sent to CloudFormation (stable key order: the same plan gives the same bytes). */
export function templateBody(template: Template): string {
  return JSON.stringify(sortKeys(template));
}

/**
 * The size in bytes of templateBody(template), without sorting: the compact text's length does not
 * depend on the order of its keys (validate measures every stack of a plan).
 */
export function templateBodyBytes(template: Template): number {
  return Buffer.byteLength(JSON.stringify(template), 'utf8');
}

export function templateJson(template: Template): string {
  return `${JSON.stringify(sortKeys(template), null, 2)}\n`;
}

/** CloudFormation's limit for a TemplateBody passed inline (no S3 upload). */
export const TEMPLATE_BODY_LIMIT = 51_200;
