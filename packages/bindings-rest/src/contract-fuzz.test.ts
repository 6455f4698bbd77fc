import assert from "node:assert/strict";
import { describe, it } from "node:test";
import process from "node:process";
import fc from "fast-check";
import { inMemoryApp } from "./_test_helpers.ts";
import type { Doc } from "./_test_openapi.ts";

// The same runs every time unless MCPWIRE_FUZZ_SEED says otherwise (a failure prints its seed).
const SEED = Number(process.env.MCPWIRE_FUZZ_SEED ?? 0x0a11ce);
const RUNS_PER_OPERATION = 25;

function resolve(doc: Doc, schema: Doc): Doc {
  let node = schema;
  for (let i = 0; i < 10 && typeof node?.$ref === "string"; i++) {
    node = node.$ref.slice(2).split("/").reduce(
      (n: Doc, k: string) => n?.[k.replaceAll("~1", "/").replaceAll("~0", "~")],
      doc,
    );
  }
  return node;
}

/** Values drawn from a JSON Schema (the keywords tool schemas use), bounded in size and depth. */
function fromSchema(doc: Doc, raw: unknown, depth = 0): fc.Arbitrary<unknown> {
  const any = fc.jsonValue({ maxDepth: 2 });
  if (raw === true || raw === undefined || raw === null || depth > 4) return any;
  if (raw === false) return fc.constant(null);
  const schema = resolve(doc, raw as Doc);
  if (!schema || typeof schema !== "object") return any;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  const options = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(options)) return fc.oneof(...options.map((s) => fromSchema(doc, s, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return fromSchema(doc, schema.allOf[0], depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const min = typeof schema.minimum === "number" ? schema.minimum : -1_000;
  const max = typeof schema.maximum === "number" ? schema.maximum : 1_000;
  switch (type) {
    case "string":
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: 12 });
    case "integer":
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    case "number":
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(fromSchema(doc, schema.items, depth + 1), { maxLength: 3 });
  }
  if (schema.properties && typeof schema.properties === "object") {
    const keys = Object.keys(schema.properties);
    return fc.record(
      Object.fromEntries(keys.map((k) => [k, fromSchema(doc, schema.properties[k], depth + 1)])),
      { requiredKeys: (schema.required ?? []).filter((k: string) => keys.includes(k)) },
    );
  }
  return type === "object" ? fc.dictionary(fc.string({ maxLength: 5 }), any, { maxKeys: 3 }) : any;
}

/** A value of a parameter: mostly from its schema, sometimes any string. */
function parameterValue(doc: Doc, param: Doc): fc.Arbitrary<string> {
  if (param.name === "X-MCP-Timeout-Ms") {
    // Bounded: every call ends within 300 ms, whatever the tool does.
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 300 }).map(String) },
      { weight: 1, arbitrary: fc.constantFrom("abc", "0", "-1", "1e3", "", " 5") },
    );
  }
  return fc.oneof(
    { weight: 4, arbitrary: fromSchema(doc, param.schema).map((v) => String(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
}

interface Generated {
  path: string;
  init: RequestInit & { headers: Record<string, string> };
}

/** Requests for one operation, from the document's own parameters and request body schema. */
function requests(doc: Doc, path: string, method: string, op: Doc): fc.Arbitrary<Generated> {
  const params = ((op.parameters ?? []) as Doc[]).map((p) => resolve(doc, p));
  const parts: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const p of params) {
    const value = parameterValue(doc, p);
    // The timeout is always sent, so that no call outlives the run.
    const always = p.required || p.name === "X-MCP-Timeout-Ms";
    parts[`${p.in}:${p.name}`] = always ? value : fc.option(value, { nil: undefined });
  }
  const schema = op.requestBody?.content?.["application/json"]?.schema;
  const body = schema
    ? fc.oneof(
      { weight: 6, arbitrary: fromSchema(doc, schema).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.constantFrom("", "{", "[]", "null") },
    )
    : fc.constant(undefined);
  const accept = fc.constantFrom(undefined, "application/json", "*/*", "text/event-stream");
  return fc.record({ values: fc.record(parts), body, accept }).map(({ values, body, accept }) => {
    let url = path;
    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const [where, name] = key.split(":") as [string, string];
      if (where === "path") url = url.replace(`{${name}}`, encodeURIComponent(value));
      else if (where === "query") query.set(name, value);
      else if (where === "header") headers[name.toLowerCase()] = value;
    }
    if (accept) headers.accept = accept;
    if (body !== undefined) headers["content-type"] = "application/json";
    const search = query.size > 0 ? `?${query}` : "";
    return { path: url + search, init: { method: method.toUpperCase(), headers, body } };
  });
}

describe("property-based run over the OpenAPI document", () => {
  it("answers requests generated from every operation's schemas without a 5xx, as documented", async () => {
    const { app } = inMemoryApp();
    let sent = 0;
    try {
      const doc = await app.openApi() as Doc;
      const statuses = new Map<number, number>();
      for (const [path, item] of Object.entries(doc.paths as Doc)) {
        for (const [method, op] of Object.entries(item as Doc)) {
          await fc.assert(
            fc.asyncProperty(requests(doc, path, method, op), async ({ path, init }) => {
              // The wrapper of inMemoryApp checks status, content type and body against the doc.
              const res = await app.request(path, init);
              sent++;
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              await res.body?.cancel();
              const timed = init.headers["x-mcp-timeout-ms"] !== undefined;
              // A 504 is the answer to the short timeout the run itself asked for.
              if (!(res.status === 504 && timed)) {
                assert.ok(res.status < 500, `${init.method} ${path} → ${res.status}`);
              }
            }),
            { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
          );
        }
      }
      assert.ok(sent >= 500, `${sent} requests`);
      assert.ok((statuses.get(200) ?? 0) > 100, JSON.stringify([...statuses]));
      assert.ok(app.contract().bodies > 300, JSON.stringify(app.contract()));
    } finally {
      await app.close();
    }
  });
});
