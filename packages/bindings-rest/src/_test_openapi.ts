// Test-only: structural checks of OpenAPI 3.1 documents.
import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";

// deno-lint-ignore no-explicit-any -- walking arbitrary JSON documents in assertions
export type Doc = Record<string, any>;

/** Every `$ref` in a document resolves inside it. */
export function assertRefsResolve(doc: Doc): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const ref = (node as Doc).$ref;
    if (typeof ref === "string") {
      assert.ok(ref.startsWith("#/"), `ref ${ref} is local`);
      let target: unknown = doc;
      for (const token of ref.slice(2).split("/")) {
        target = (target as Doc)
          ?.[decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~")];
      }
      assert.notEqual(target, undefined, `ref ${ref} resolves`);
    }
    Object.values(node).forEach(walk);
  };
  walk(doc);
}

/** The structural rules of OpenAPI 3.1 this document must follow. */
export function assertOpenApi31(doc: Doc): void {
  assert.equal(doc.openapi, "3.1.0");
  assert.equal(typeof doc.info.title, "string");
  assert.equal(typeof doc.info.version, "string");
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Doc)) {
    assert.ok(path.startsWith("/"), path);
    for (const [method, op] of Object.entries(item as Doc)) {
      assert.ok(["get", "post", "delete"].includes(method), `${path} ${method}`);
      assert.ok(op.responses && Object.keys(op.responses).length > 0, `${path} has responses`);
      for (const param of (op.parameters ?? []) as Doc[]) {
        if (param.in === "path") {
          assert.ok(path.includes(`{${param.name}}`), `${path} declares {${param.name}}`);
        }
      }
      if (op.operationId) {
        assert.match(op.operationId, /^[A-Za-z0-9_-]{1,64}$/);
        assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} is unique`);
        ids.add(op.operationId);
      }
    }
  }
  for (const name of Object.keys(doc.components.schemas)) assert.match(name, /^[a-zA-Z0-9._-]+$/);
  assertRefsResolve(doc);
}

// `@seriousme/openapi-schema-validator` checks a whole document against the official OpenAPI 3.1
// schema (and resolves its `$ref`s); it runs the same on Node, Deno and Bun.
export async function validateOpenApi(doc: unknown): Promise<string> {
  const result = await new Validator().validate(structuredClone(doc) as Record<string, unknown>);
  if (result.valid) return "valid";
  throw new Error(`invalid OpenAPI document: ${JSON.stringify(result.errors).slice(0, 2000)}`);
}
