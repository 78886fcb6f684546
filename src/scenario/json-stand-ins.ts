/**
 * Stand-ins for the JSON Schema of scenario files (json-schema.ts): for a zod schema whose
 * input JSON Schema zod cannot derive, or derives too loosely (a transform that looks at
 * the raw input, a unit parser), a schema of what it accepts as written. Stand-ins are
 * only ever turned into JSON Schema; they never validate a scenario.
 */
import type * as z from 'zod';

/** A stand-in, and the name of its definition (`$defs/<name>`) in the JSON Schema. */
export interface JsonStandIn {
  readonly name: string;
  readonly schema: z.ZodType;
}

const STAND_INS = new WeakMap<object, JsonStandIn>();

/**
 * Records `standIn` as the JSON Schema of `schema`'s input, defined once as `$defs/<name>`
 * and referred to wherever `schema` is used (so give different stand-ins different names).
 * Returns `schema`.
 */
export function withJsonStandIn<S extends z.ZodType>(schema: S, name: string, standIn: z.ZodType): S {
  STAND_INS.set(schema, { name, schema: standIn });
  return schema;
}

/** The stand-in recorded for `schema`, if any. */
export function jsonStandIn(schema: object): JsonStandIn | undefined {
  return STAND_INS.get(schema);
}
