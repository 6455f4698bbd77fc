import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { moveSchema } from "./_schema.ts";
import { inMemoryApp } from "./_test_helpers.ts";
import { buildOpenApi, operationId } from "./openapi.ts";

// deno-lint-ignore no-explicit-any -- walking arbitrary JSON documents in assertions
type Doc = Record<string, any>;

/** Every `$ref` in a document resolves inside it. */
function assertRefsResolve(doc: Doc): void {
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
function assertOpenApi31(doc: Doc): void {
  assert.equal(doc.openapi, "3.1.0");
  assert.equal(typeof doc.info.title, "string");
  assert.equal(typeof doc.info.version, "string");
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Doc)) {
    assert.ok(path.startsWith("/"), path);
    for (const [method, op] of Object.entries(item as Doc)) {
      assert.ok(["get", "post"].includes(method));
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

describe("buildOpenApi()", () => {
  it("gives one operation per tool with operationId server__tool", async () => {
    const { app } = inMemoryApp();
    try {
      const doc = await (await app.request("/v1/openapi.json")).json();
      assertOpenApi31(doc);
      const op = doc.paths["/v1/servers/test/tools/add"].post;
      assert.equal(op.operationId, "test__add");
      assert.deepEqual(op.tags, ["test"]);
      assert.ok(doc.paths["/v1/servers/echo/tools/echo"].post);
      const input = doc.components.schemas["test__add.input"];
      assert.equal(input.properties.b.minimum, -1000);
      assert.equal(input.properties.b.maximum, 1000);
      const one = await (await app.request("/v1/servers/echo/openapi.json")).json();
      assertOpenApi31(one);
      assert.equal(one.paths["/v1/servers/test/tools/add"], undefined);
    } finally {
      await app.close();
    }
  });

  it("moves $defs into components and rewrites every $ref, keeping enums and bounds", async () => {
    const { app } = inMemoryApp();
    try {
      const doc = await (await app.request("/v1/openapi.json")).json();
      const input = doc.components.schemas["test__order.input"];
      assert.equal(input.$defs, undefined);
      assert.equal(input.$schema, undefined);
      assert.equal(input.properties.order.$ref, "#/components/schemas/test__order.input.Order");
      assert.equal(
        input.properties.copy.$ref,
        "#/components/schemas/test__order.input/properties/priority",
      );
      assert.deepEqual(input.properties.priority.enum, ["low", "high"]);
      const order = doc.components.schemas["test__order.input.Order"];
      assert.equal(order.properties.qty.maximum, 10);
      assert.equal(order.properties.next.$ref, "#/components/schemas/test__order.input.Order");
      assertRefsResolve(doc);
    } finally {
      await app.close();
    }
  });

  it("degrades a schema it cannot move to an object with x-mcp-schema-error", () => {
    const cyclic: Record<string, unknown> = { type: "object" };
    cyclic.self = cyclic;
    const doc = buildOpenApi([{
      name: "s",
      tools: [
        {
          name: "external",
          inputSchema: { type: "object", properties: { a: { $ref: "https://x/y.json" } } },
        },
        {
          name: "dangling",
          inputSchema: { type: "object", properties: { a: { $ref: "#/$defs/Nope" } } },
        },
        { name: "cyclic", inputSchema: cyclic },
        { name: "notObject", inputSchema: 42 },
        {
          name: "definitions",
          inputSchema: { definitions: { A: { type: "string" } }, $ref: "#/definitions/A" },
        },
      ],
    }]) as Doc;
    for (const name of ["external", "dangling", "cyclic", "notObject"]) {
      const schema = doc.components.schemas[`s__${name}.input`];
      assert.equal(schema.type, "object", name);
      assert.equal(typeof schema["x-mcp-schema-error"], "string", name);
    }
    assert.equal(
      doc.components.schemas["s__definitions.input"].$ref,
      "#/components/schemas/s__definitions.input.A",
    );
    assertOpenApi31(doc);
  });

  it("keeps operationIds within 64 characters, unique and in [A-Za-z0-9_-]", () => {
    assert.equal(operationId("time", "get_time"), "time__get_time");
    const long = operationId("a".repeat(40), "b".repeat(40));
    assert.ok(long.length <= 64);
    assert.notEqual(operationId("s", "a.b"), operationId("s", "a_b"));
    assert.match(operationId("s p", "t/ü"), /^[A-Za-z0-9_-]+$/);
  });

  it("moveSchema() keeps boolean schemas and every keyword", () => {
    assert.deepEqual(moveSchema(true, "x"), { schema: true, components: {} });
    const moved = moveSchema({
      type: "string",
      pattern: "^a",
      format: "email",
      default: "a@b",
      examples: ["x"],
    }, "x");
    assert.deepEqual(moved.schema, {
      type: "string",
      pattern: "^a",
      format: "email",
      default: "a@b",
      examples: ["x"],
    });
  });

  it("marks the document secured when keys are set", () => {
    const doc = buildOpenApi([], { secured: true }) as Doc;
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
    assert.deepEqual(doc.paths["/healthz"].get.security, []);
  });
});
