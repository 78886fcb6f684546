import * as z from 'zod';

type Segment = string | number;

/** Unwraps optional/default/pipe/lazy wrappers to the schema that shapes the value. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault
    || schema instanceof z.ZodNullable || schema instanceof z.ZodLazy || schema instanceof z.ZodReadonly) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe) return unwrap(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as readonly z.ZodType[]).flatMap(unwrap);
  return [schema];
}

/** The schemas that may describe the value at `path` below `schema`. */
function schemasAt(schema: z.ZodType, path: readonly Segment[]): z.ZodType[] {
  let current = unwrap(schema);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      if (s instanceof z.ZodObject && typeof seg === 'string') {
        const child = (s.shape as Record<string, z.ZodType>)[seg];
        if (child !== undefined) next.push(...unwrap(child));
      } else if (s instanceof z.ZodRecord) {
        next.push(...unwrap(s.valueType as z.ZodType));
      } else if (s instanceof z.ZodArray && typeof seg === 'number') {
        next.push(...unwrap(s.element as z.ZodType));
      }
    }
    current = next;
  }
  return current;
}

/** The keys an object at `path` may have, per the schema (for "did you mean" and "expected one of"). */
export function knownKeysAt(schema: z.ZodType, path: readonly Segment[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path)) {
    if (s instanceof z.ZodObject) for (const k of Object.keys(s.shape as object)) keys.add(k);
  }
  return [...keys];
}
