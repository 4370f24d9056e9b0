/**
 * Building blocks of THE schema (schema.ts): helpers that keep its declarations short, and the
 * small schemas used in several places.
 */
import { Type, type TBoolean, type TLiteral, type TOptional, type TSchema, type TUnion } from '@sinclair/typebox';

/**
 * Marks schemas printed once under `$defs` and referenced by name (json-schema.ts). A symbol key,
 * because TypeBox copies schemas when composing them (Optional, Array) and keeps symbol keys.
 */
export const DEFINITION_NAME = Symbol.for('private-eks.schema.definition');

export function named<T extends TSchema>(name: string, schema: T): T {
  Object.defineProperty(schema, DEFINITION_NAME, { value: name, enumerable: true });
  return schema;
}

export function strict<T extends Parameters<typeof Type.Object>[0]>(properties: T, description: string) {
  return Type.Object(properties, { additionalProperties: false, description });
}

export const text = (description: string) => Type.String({ description });
export const flag = (description: string) => Type.Boolean({ description });
export const texts = (description: string) => Type.Array(Type.String(), { description });
export function oneOf<const V extends readonly string[]>(
  values: V,
  description: string,
): TUnion<TLiteral<V[number]>[]> {
  const literals: TLiteral<V[number]>[] = values.map((v) => Type.Literal(v));
  return Type.Union(literals, { description });
}

export const StringMap = named(
  'StringMap',
  Type.Record(Type.String(), Type.String(), { description: 'string keys and string values' }),
);
export const PolicyDocument = named(
  'PolicyDocument',
  Type.Record(Type.String(), Type.Unknown(), {
    description: 'an IAM policy document written inline (Version, Statement, …)',
  }),
);

/** eksctl's `wellKnownPolicies` names (WellKnownPolicies). */
export const WELL_KNOWN_POLICY_NAMES = [
  'imageBuilder',
  'autoScaler',
  'awsLoadBalancerController',
  'externalDNS',
  'certManager',
  'ebsCSIController',
  'efsCSIController',
] as const;
export type WellKnownPolicyName = (typeof WELL_KNOWN_POLICY_NAMES)[number];

export const WellKnownPolicies = named(
  'WellKnownPolicies',
  strict(
    Object.fromEntries(WELL_KNOWN_POLICY_NAMES.map((name) => [name, Type.Optional(Type.Boolean())])) as Record<
      WellKnownPolicyName,
      TOptional<TBoolean>
    >,
    "eksctl's policy sets for well-known workloads (cluster autoscaler, load balancer controller, …)",
  ),
);
