// Tool and prompt arguments given as `key=value` on the command line, typed by the input schema.
import { UsageError } from "./_cli-source.ts";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
};

function typeOf(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined;
  const branch = (schema.anyOf ?? schema.oneOf)?.find((s) => s.type !== "null");
  if (branch) return typeOf(branch);
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null");
  return schema.type ?? (schema.properties ? "object" : undefined);
}

function convert(key: string, raw: string, schema: Schema | undefined): unknown {
  const type = typeOf(schema);
  if (type === "string") return raw;
  if (type === "number" || type === "integer") {
    const n = Number(raw);
    if (raw.trim() === "" || Number.isNaN(n)) {
      throw new UsageError(`argument '${key}' must be a number, got '${raw}'`);
    }
    return n;
  }
  if (type === "boolean") {
    if (raw === "true" || raw === "false") return raw === "true";
    throw new UsageError(`argument '${key}' must be true or false, got '${raw}'`);
  }
  if (type === "array" || type === "object" || type === undefined) {
    try {
      return JSON.parse(raw);
    } catch {
      if (type === undefined) return raw;
      throw new UsageError(`argument '${key}' must be JSON (${type}), got '${raw}'`);
    }
  }
  return raw;
}

/**
 * Builds an arguments object from `key=value` pairs (dotted keys set nested fields), typing each
 * value by the schema: numbers, booleans, and JSON for arrays and objects. Untyped values are
 * parsed as JSON when they are JSON, else kept as strings.
 *
 * @throws {UsageError} for a pair without `=`, or a value that does not fit its type
 */
export function parsePairs(
  pairs: readonly string[],
  schema: Schema | undefined,
  base: Record<string, unknown> = {},
): Record<string, unknown> {
  const out = structuredClone(base);
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`expected key=value, got '${pair}'`);
    const path = pair.slice(0, at).split(".");
    let target = out;
    let s: Schema | undefined = schema;
    for (const key of path.slice(0, -1)) {
      s = s?.properties?.[key];
      const next = target[key];
      target = target[key] = next && typeof next === "object"
        ? next as Record<string, unknown>
        : {};
    }
    const last = path.at(-1)!;
    target[last] = convert(pair.slice(0, at), pair.slice(at + 1), s?.properties?.[last]);
  }
  return out;
}
