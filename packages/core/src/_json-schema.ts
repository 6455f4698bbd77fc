/**
 * A small JSON Schema checker that reports every failing path, used for tool inputs and outputs.
 *
 * It covers the keywords tool schemas use (types, properties, required, additionalProperties,
 * items/prefixItems, enum/const, combinators, numeric and length bounds, pattern, local `$ref`);
 * unknown keywords are ignored, so it never rejects what a full validator would accept for them.
 */
import type { ValidationIssue } from "./errors.ts";

type Schema = Record<string, unknown> | boolean;
type Path = (string | number)[];

const MAX_ISSUES = 20;

/**
 * Checks a value against a JSON Schema.
 *
 * @param schema the JSON Schema
 * @param value the value to check
 * @returns the failing paths; empty when the value matches
 */
export function validateJsonSchema(schema: unknown, value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  check(schema as Schema, value, [], schema as Schema, issues);
  return issues;
}

function check(schema: Schema, value: unknown, path: Path, root: Schema, out: ValidationIssue[]) {
  if (out.length >= MAX_ISSUES) return;
  if (schema === true || schema === undefined || schema === null) return;
  if (schema === false) return void out.push({ path, message: "no value is allowed here" });
  if (typeof schema.$ref === "string") {
    const target = resolveRef(root, schema.$ref);
    if (target !== undefined) check(target, value, path, root, out);
  }
  if (!checkType(schema.type, value)) {
    return void out.push({
      path,
      message: `expected ${describeType(schema.type)}, got ${kind(value)}`,
    });
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => equal(v, value))) {
    out.push({ path, message: `expected one of ${JSON.stringify(schema.enum)}` });
  }
  if ("const" in schema && !equal(schema.const, value)) {
    out.push({ path, message: `expected ${JSON.stringify(schema.const)}` });
  }
  checkCombinators(schema, value, path, root, out);
  if (typeof value === "number") checkNumber(schema, value, path, out);
  else if (typeof value === "string") checkString(schema, value, path, out);
  else if (Array.isArray(value)) checkArray(schema, value, path, root, out);
  else if (isObject(value)) checkObject(schema, value, path, root, out);
}

function checkCombinators(
  schema: Record<string, unknown>,
  value: unknown,
  path: Path,
  root: Schema,
  out: ValidationIssue[],
) {
  if (Array.isArray(schema.allOf)) {
    for (const s of schema.allOf) {
      check(s, value, path, root, out);
    }
  }
  const passes = (s: Schema) => validateAt(s, value, root).length === 0;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some(passes)) {
    out.push({ path, message: "matches none of the allowed schemas (anyOf)" });
  }
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter(passes).length !== 1) {
    out.push({ path, message: "must match exactly one allowed schema (oneOf)" });
  }
  if (schema.not !== undefined && passes(schema.not as Schema)) {
    out.push({ path, message: "matches a schema it must not match (not)" });
  }
}

function validateAt(schema: Schema, value: unknown, root: Schema): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  check(schema, value, [], root, issues);
  return issues;
}

function checkNumber(s: Record<string, unknown>, v: number, path: Path, out: ValidationIssue[]) {
  const bound = (key: string, fails: (limit: number) => boolean, words: string) => {
    const limit = s[key];
    if (typeof limit === "number" && fails(limit)) out.push({ path, message: `${words} ${limit}` });
  };
  bound("minimum", (l) => v < l, "must be >=");
  bound("maximum", (l) => v > l, "must be <=");
  bound("exclusiveMinimum", (l) => v <= l, "must be >");
  bound("exclusiveMaximum", (l) => v >= l, "must be <");
  bound("multipleOf", (l) => l > 0 && !Number.isInteger(v / l), "must be a multiple of");
}

function checkString(s: Record<string, unknown>, v: string, path: Path, out: ValidationIssue[]) {
  const length = [...v].length;
  if (typeof s.minLength === "number" && length < s.minLength) {
    out.push({ path, message: `must have at least ${s.minLength} characters` });
  }
  if (typeof s.maxLength === "number" && length > s.maxLength) {
    out.push({ path, message: `must have at most ${s.maxLength} characters` });
  }
  if (typeof s.pattern === "string" && !safeRegExp(s.pattern)?.test(v)) {
    out.push({ path, message: `must match the pattern ${s.pattern}` });
  }
}

function checkArray(
  s: Record<string, unknown>,
  v: unknown[],
  path: Path,
  root: Schema,
  out: ValidationIssue[],
) {
  if (typeof s.minItems === "number" && v.length < s.minItems) {
    out.push({ path, message: `must have at least ${s.minItems} items` });
  }
  if (typeof s.maxItems === "number" && v.length > s.maxItems) {
    out.push({ path, message: `must have at most ${s.maxItems} items` });
  }
  const tuple = Array.isArray(s.prefixItems)
    ? s.prefixItems
    : Array.isArray(s.items)
    ? s.items
    : [];
  const rest = Array.isArray(s.items) ? s.additionalItems : s.items;
  v.forEach((item, i) => {
    const itemSchema = i < tuple.length ? tuple[i] : rest;
    if (itemSchema !== undefined) check(itemSchema as Schema, item, [...path, i], root, out);
  });
}

function checkObject(
  s: Record<string, unknown>,
  v: Record<string, unknown>,
  path: Path,
  root: Schema,
  out: ValidationIssue[],
) {
  const properties = isObject(s.properties) ? s.properties : {};
  if (Array.isArray(s.required)) {
    for (const key of s.required) {
      if (typeof key === "string" && !(key in v)) {
        out.push({ path: [...path, key], message: "is required" });
      }
    }
  }
  for (const [key, item] of Object.entries(v)) {
    if (key in properties) check(properties[key] as Schema, item, [...path, key], root, out);
    else if (s.additionalProperties === false) {
      out.push({ path: [...path, key], message: "is not an allowed property" });
    } else if (isObject(s.additionalProperties)) {
      check(s.additionalProperties, item, [...path, key], root, out);
    }
  }
}

function checkType(type: unknown, value: unknown): boolean {
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => t === kind(value) || (t === "number" && kind(value) === "integer"));
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describeType(type: unknown): string {
  return Array.isArray(type) ? type.join(" or ") : String(type);
}

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node as Schema | undefined;
}

const regExps = new Map<string, RegExp | undefined>();
function safeRegExp(pattern: string): RegExp | undefined {
  if (!regExps.has(pattern)) {
    try {
      regExps.set(pattern, new RegExp(pattern, "u"));
    } catch {
      regExps.set(pattern, undefined);
    }
  }
  return regExps.get(pattern) ?? /(?:)/;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length &&
    ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
