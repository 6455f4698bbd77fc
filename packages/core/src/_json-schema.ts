/**
 * A small JSON Schema checker that reports every failing path, used for tool inputs and outputs.
 *
 * It covers the keywords tool schemas use (types, properties, required, additionalProperties,
 * items/prefixItems, enum/const, combinators, numeric and length bounds, pattern, local `$ref`);
 * unknown keywords are ignored, so it never rejects what a full validator would accept for them.
 */
import type { ValidationIssue } from "./errors.ts";
import { isObject } from "./_is-object.ts";
import { flatCheck } from "./_flat-schema.ts";

type Schema = Record<string, unknown> | boolean;
type Path = (string | number)[];

const MAX_ISSUES = 20;

// A tool call checks its input and its output: a value that matches allocates nothing (the path
// and the issues are scratch arrays, copied out only when something fails). `check` is
// synchronous and never re-enters `validateJsonSchema` (combinators use arrays of their own).
const NO_ISSUES: ValidationIssue[] = Object.freeze([]) as unknown as ValidationIssue[];
const scratchPath: Path = [];
const scratchIssues: ValidationIssue[] = [];

/**
 * Checks a value against a JSON Schema.
 *
 * @param schema the JSON Schema
 * @param value the value to check
 * @returns the failing paths; empty (a shared frozen array) when the value matches
 */
export function validateJsonSchema(schema: unknown, value: unknown): ValidationIssue[] {
  if (isObject(schema)) {
    const flat = flatCheck(schema);
    if (flat !== null && flat(value)) return NO_ISSUES;
  }
  scratchPath.length = 0;
  scratchIssues.length = 0;
  check(schema as Schema, value, scratchPath, schema as Schema, scratchIssues);
  return scratchIssues.length === 0 ? NO_ISSUES : scratchIssues.splice(0);
}

function check(schema: Schema, value: unknown, path: Path, root: Schema, out: ValidationIssue[]) {
  if (out.length >= MAX_ISSUES) return;
  if (schema === true || schema === undefined || schema === null) return;
  if (schema === false) {
    return void out.push({ path: [...path], message: "no value is allowed here" });
  }
  // each keyword is looked at only when present: tool calls run this twice per call
  if (typeof schema.$ref === "string") {
    const target = resolveRef(root, schema.$ref);
    if (target !== undefined) check(target, value, path, root, out);
  }
  if (schema.type !== undefined && !checkType(schema.type, value)) {
    return void out.push({
      path: [...path],
      message: `expected ${describeType(schema.type)}, got ${kind(value)}`,
    });
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((v) => equal(v, value))
  ) {
    out.push({ path: [...path], message: `expected one of ${JSON.stringify(schema.enum)}` });
  }
  if (schema.const !== undefined && !equal(schema.const, value)) {
    out.push({ path: [...path], message: `expected ${JSON.stringify(schema.const)}` });
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
  const { allOf, anyOf, oneOf, not } = schema;
  if (Array.isArray(allOf)) { for (const s of allOf) check(s, value, path, root, out); }
  if (Array.isArray(anyOf) && !anyOf.some((s) => passes(s, value, root))) {
    out.push({ path: [...path], message: "matches none of the allowed schemas (anyOf)" });
  }
  if (Array.isArray(oneOf) && oneOf.filter((s) => passes(s, value, root)).length !== 1) {
    out.push({ path: [...path], message: "must match exactly one allowed schema (oneOf)" });
  }
  if (not !== undefined && passes(not as Schema, value, root)) {
    out.push({ path: [...path], message: "matches a schema it must not match (not)" });
  }
}

function passes(schema: Schema, value: unknown, root: Schema): boolean {
  return validateAt(schema, value, root).length === 0;
}

function validateAt(schema: Schema, value: unknown, root: Schema): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  check(schema, value, [], root, issues);
  return issues;
}

const NUMBER_BOUNDS = [
  ["minimum", (v: number, l: number) => v < l, "must be >="],
  ["maximum", (v: number, l: number) => v > l, "must be <="],
  ["exclusiveMinimum", (v: number, l: number) => v <= l, "must be >"],
  ["exclusiveMaximum", (v: number, l: number) => v >= l, "must be <"],
  [
    "multipleOf",
    (v: number, l: number) => l > 0 && !Number.isInteger(v / l),
    "must be a multiple of",
  ],
] as const;

function checkNumber(s: Record<string, unknown>, v: number, path: Path, out: ValidationIssue[]) {
  for (let i = 0; i < NUMBER_BOUNDS.length; i++) {
    const [key, fails, words] = NUMBER_BOUNDS[i]!;
    const limit = s[key];
    if (typeof limit === "number" && fails(v, limit)) {
      out.push({ path: [...path], message: `${words} ${limit}` });
    }
  }
}

function checkString(s: Record<string, unknown>, v: string, path: Path, out: ValidationIssue[]) {
  const length = [...v].length;
  if (typeof s.minLength === "number" && length < s.minLength) {
    out.push({ path: [...path], message: `must have at least ${s.minLength} characters` });
  }
  if (typeof s.maxLength === "number" && length > s.maxLength) {
    out.push({ path: [...path], message: `must have at most ${s.maxLength} characters` });
  }
  if (typeof s.pattern === "string" && !safeRegExp(s.pattern)?.test(v)) {
    out.push({ path: [...path], message: `must match the pattern ${s.pattern}` });
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
    out.push({ path: [...path], message: `must have at least ${s.minItems} items` });
  }
  if (typeof s.maxItems === "number" && v.length > s.maxItems) {
    out.push({ path: [...path], message: `must have at most ${s.maxItems} items` });
  }
  const tuple = Array.isArray(s.prefixItems)
    ? s.prefixItems
    : Array.isArray(s.items)
    ? s.items
    : [];
  const rest = Array.isArray(s.items) ? s.additionalItems : s.items;
  for (let i = 0; i < v.length; i++) {
    const itemSchema = i < tuple.length ? tuple[i] : rest;
    if (itemSchema === undefined) continue;
    path.push(i);
    check(itemSchema as Schema, v[i], path, root, out);
    path.pop();
  }
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
      if (typeof key === "string" && !Object.hasOwn(v, key)) {
        out.push({ path: [...path, key], message: "is required" });
      }
    }
  }
  const extra = s.additionalProperties;
  for (const key in v) {
    const itemSchema = Object.hasOwn(properties, key) ? properties[key] : extra;
    if (itemSchema === false) {
      out.push({ path: [...path, key], message: "is not an allowed property" });
    } else if (isObject(itemSchema)) {
      path.push(key);
      check(itemSchema, v[key], path, root, out);
      path.pop();
    }
  }
}

function checkType(type: unknown, value: unknown): boolean {
  if (type === undefined) return true;
  const actual = kind(value);
  if (typeof type === "string") return isType(type, actual);
  return Array.isArray(type) && type.some((t) => isType(t, actual));
}

function isType(type: unknown, actual: string): boolean {
  return type === actual || (type === "number" && actual === "integer");
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
    node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
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

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length &&
    ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
