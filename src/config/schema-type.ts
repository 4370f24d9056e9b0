/**
 * The TypeBox builders THE schema (schema.ts and its parts) is written with, imported one by one.
 * TypeBox's `Type` is one object holding every builder, so importing it loads every type module
 * of TypeBox (template literals, mapped types, …) at every start of the CLI: about 2 ms of a
 * `validate`. This object has the same names for the few the schema uses.
 */
import {
  Array as ArrayBuilder,
  Boolean as BooleanBuilder,
  Integer as IntegerBuilder,
  Literal as LiteralBuilder,
  Number as NumberBuilder,
  Object as ObjectBuilder,
  Optional as OptionalBuilder,
  Record as RecordBuilder,
  String as StringBuilder,
  Union as UnionBuilder,
  Unknown as UnknownBuilder,
} from '@sinclair/typebox';

export const Type = {
  Array: ArrayBuilder,
  Boolean: BooleanBuilder,
  Integer: IntegerBuilder,
  Literal: LiteralBuilder,
  Number: NumberBuilder,
  Object: ObjectBuilder,
  Optional: OptionalBuilder,
  Record: RecordBuilder,
  String: StringBuilder,
  Union: UnionBuilder,
  Unknown: UnknownBuilder,
} as const;
