/**
 * The JSON Schema (draft 2020-12) of a private-eks config file, printed by `private-eks utils
 * schema` for editors (yaml-language-server: `# yaml-language-server: $schema=<file>`). Made from
 * THE schema (schema.ts): schemas used in several places are printed once under `$defs`.
 */
import { ClusterConfigSchema, DEFINITION_NAME } from './schema.js';

/** The `$id` of the config's JSON Schema (clusterConfigJsonSchema). */
export const CLUSTER_CONFIG_SCHEMA_ID = 'https://private-eks.io/schemas/cluster-config.v1alpha5.json';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON Schema of the ClusterConfig fields private-eks reads, for editors (`# yaml-language-server: $schema=…`); what `private-eks utils schema` prints. */
export function clusterConfigJsonSchema(): Record<string, Json> {
  const defs: Record<string, Json> = {};
  const convert = (node: unknown, isDefinition: boolean): Json => {
    if (Array.isArray(node)) return node.map((item) => convert(item, false));
    if (typeof node !== 'object' || node === null) return node as Json;
    const name = (node as { [DEFINITION_NAME]?: string })[DEFINITION_NAME];
    if (name !== undefined && !isDefinition) {
      if (!(name in defs)) {
        defs[name] = {};
        defs[name] = convert(node, true);
      }
      return { $ref: `#/$defs/${name}` };
    }
    // String keys only: TypeBox's own markers are symbols.
    const out: Record<string, Json> = {};
    for (const key of Object.keys(node)) out[key] = convert((node as Record<string, unknown>)[key], false);
    return out;
  };
  const root = convert(ClusterConfigSchema, true) as Record<string, Json>;
  const sortedDefs = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CLUSTER_CONFIG_SCHEMA_ID,
    title: 'private-eks ClusterConfig (eksctl.io/v1alpha5)',
    ...root,
    $defs: sortedDefs,
  };
}
