/**
 * Reading the schema (schema.ts) as data: what a value at some place may hold. The field-name check
 * and the type check both walk the config with it, so the schema stays the one source.
 */
import type { TSchema } from '@sinclair/typebox';
import { isRecord } from './path.js';

interface SchemaShape {
  readonly type?: string;
  readonly properties?: Record<string, TSchema>;
  readonly patternProperties?: Record<string, TSchema>;
  readonly items?: TSchema;
  readonly anyOf?: readonly TSchema[];
  readonly const?: unknown;
}

export type SchemaNode =
  | { readonly kind: 'object'; readonly properties: Readonly<Record<string, TSchema>> }
  | { readonly kind: 'map'; readonly values: TSchema }
  | { readonly kind: 'list'; readonly items: TSchema }
  | { readonly kind: 'leaf' };

/** What `schema` expects of `value`; for a union, the branch whose shape (list or mapping) it has. */
export function schemaNode(schema: TSchema, value: unknown): SchemaNode {
  const shape = schema as SchemaShape;
  if (shape.anyOf !== undefined) {
    const wanted = Array.isArray(value) ? 'array' : isRecord(value) ? 'object' : undefined;
    const branch = shape.anyOf.find((s) => (s as SchemaShape).type === wanted && wanted !== undefined);
    return branch === undefined ? { kind: 'leaf' } : schemaNode(branch, value);
  }
  if (shape.type === 'object' && shape.properties !== undefined)
    return { kind: 'object', properties: shape.properties };
  if (shape.type === 'object' && shape.patternProperties !== undefined) {
    const values = Object.values(shape.patternProperties)[0];
    if (values !== undefined) return { kind: 'map', values };
  }
  if (shape.type === 'array' && shape.items !== undefined) return { kind: 'list', items: shape.items };
  return { kind: 'leaf' };
}

/** The literal values of a union of literals (an enum), or undefined for any other schema. */
export function enumValues(schema: TSchema): readonly unknown[] | undefined {
  const anyOf = (schema as SchemaShape).anyOf;
  if (anyOf === undefined || anyOf.length === 0) return undefined;
  const values = anyOf.map((s) => (s as SchemaShape).const);
  return values.every((v) => v !== undefined) ? values : undefined;
}
