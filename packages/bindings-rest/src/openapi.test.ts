import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { moveSchema } from "./_schema.ts";
import { inMemoryApp } from "./_test_helpers.ts";
import { assertOpenApi31, assertRefsResolve, type Doc, validateOpenApi } from "./_test_openapi.ts";
import { buildOpenApi, operationId } from "./openapi.ts";

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
      assert.equal(await validateOpenApi(doc), "valid");
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

  it("keeps operationIds unique when server and tool names meet on the same id", () => {
    const doc = buildOpenApi([
      { name: "a__b", tools: [{ name: "c", inputSchema: { type: "object" } }] },
      { name: "a", tools: [{ name: "b__c", inputSchema: { type: "object" } }] },
    ]) as Doc;
    assertOpenApi31(doc);
    const ids = Object.values(doc.paths as Doc).map((item) => (item as Doc).post?.operationId)
      .filter((id) => id?.includes("__"));
    assert.equal(new Set(ids).size, 2);
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

  it("gives every operation an operationId, tags, and a documented answer for each status", async () => {
    const { app } = inMemoryApp();
    try {
      const doc = await app.openApi() as Doc;
      assertOpenApi31(doc);
      assert.equal(await validateOpenApi(doc), "valid");
      assert.deepEqual(doc.servers, [{ url: "/", description: "This binding" }]);
      const tagNames = new Set((doc.tags as Doc[]).map((t) => t.name));
      for (const [path, item] of Object.entries(doc.paths as Doc)) {
        for (const [method, op] of Object.entries(item as Doc)) {
          assert.match(op.operationId, /^[A-Za-z0-9_-]+$/, `${method} ${path}`);
          assert.ok(op.tags.every((t: string) => tagNames.has(t)), `${method} ${path} tags`);
          assert.ok(op.responses["200"] && op.responses["500"], `${method} ${path} 200 and 500`);
        }
      }
      const server = doc.paths["/v1/servers/{server}/tools/{tool}"].get.parameters[0];
      assert.deepEqual(server.schema.enum, ["test", "echo", "jobs"]);
      const tool = doc.paths["/v1/servers/{server}/tools/{tool}"].get.parameters[1];
      assert.ok(tool.schema.enum.includes("add") && tool.schema.enum.includes("echo"));
      const read = doc.paths["/v1/servers/{server}/resources/read"].get;
      assert.ok(read.parameters.some((p: Doc) => p.name === "raw"));
      // A tool error answers structuredContent and data null: the schemas say so.
      const result = doc.components.schemas["test__add.result"];
      assert.deepEqual(result.properties.structuredContent.anyOf[1], { type: "null" });
      assert.deepEqual(doc.components.schemas["test__add.data"].anyOf, [
        { $ref: "#/components/schemas/test__add.output" },
        { type: "null" },
      ]);
    } finally {
      await app.close();
    }
  });

  it("marks the document secured when keys are set", () => {
    const doc = buildOpenApi([], { secured: true }) as Doc;
    assert.deepEqual(doc.security, [{ bearerAuth: [] }, { basicAuth: [] }]);
    assert.deepEqual(doc.paths["/healthz"].get.security, []);
  });
});
