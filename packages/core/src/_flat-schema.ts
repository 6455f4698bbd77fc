/**
 * The fast path of `validateJsonSchema` (`_json-schema.ts`) for the schema most tools declare: an
 * object whose properties each name one primitive `type`. Such a schema is compiled once into a
 * list of checks, so a matching value costs a few `typeof` tests instead of a walk over every
 * keyword. A value the compiled check rejects goes to the full checker, which reports its issues:
 * the fast path may only ever say "matches" where the full checker would too.
 */
import { isObject } from "./_is-object.ts";

/** Tells whether a value matches; `null` when the schema needs the full checker. */
export type FlatCheck = ((value: unknown) => boolean) | null;

/** Keywords that never make a value fail. */
const ANNOTATIONS = new Set([
  "$schema",
  "$id",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "format",
]);

const TYPES: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number",
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === "boolean",
  null: (v) => v === null,
  object: isObject,
  array: Array.isArray,
};

const compiled = new WeakMap<object, FlatCheck>();

/** The compiled check of `schema` (compiled on first use, then cached per schema object). */
export function flatCheck(schema: Record<string, unknown>): FlatCheck {
  let check = compiled.get(schema);
  if (check === undefined) compiled.set(schema, check = compile(schema));
  return check;
}

function compile(schema: Record<string, unknown>): FlatCheck {
  const { properties, required, additionalProperties } = schema;
  if (schema.type !== "object" || !isObject(properties)) return null;
  if (additionalProperties !== undefined && typeof additionalProperties !== "boolean") return null;
  if (required !== undefined && !isStringArray(required)) return null;
  for (const key in schema) {
    if (!ANNOTATIONS.has(key) && !ROOT_KEYS.has(key)) return null;
  }
  const keys = Object.keys(properties);
  const tests: ((value: unknown) => boolean)[] = [];
  for (const key of keys) {
    const test = propertyTest(properties[key]);
    if (!test) return null;
    tests.push(test);
  }
  const needed = (required ?? []) as string[];
  const closed = additionalProperties === false;
  return (value) => {
    if (!isObject(value)) return false;
    for (let i = 0; i < needed.length; i++) if (!Object.hasOwn(value, needed[i]!)) return false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (Object.hasOwn(value, key) && !tests[i]!(value[key])) return false;
    }
    if (closed) { for (const key in value) if (!Object.hasOwn(properties, key)) return false; }
    return true;
  };
}

const ROOT_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);

function propertyTest(schema: unknown): ((value: unknown) => boolean) | undefined {
  if (schema === true) return () => true;
  if (!isObject(schema) || typeof schema.type !== "string") return undefined;
  for (const key in schema) if (key !== "type" && !ANNOTATIONS.has(key)) return undefined;
  return Object.hasOwn(TYPES, schema.type) ? TYPES[schema.type] : undefined;
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
