import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import {
  CancelledError,
  Client,
  InputValidationError,
  McpError,
  OutputValidationError,
  TimeoutError,
  ToolError,
} from "./mod.ts";
import { demoServer } from "../test/fixtures/servers.ts";

/** A server whose tools return hand-written results and declare hand-written schemas. */
function rawServer(): McpServer {
  const server = new McpServer({ name: "raw", version: "1.0.0" }, { capabilities: { tools: {} } });
  const tools: Record<
    string,
    { outputSchema?: Record<string, unknown>; result: Record<string, unknown> }
  > = {
    wrapped: {
      outputSchema: {
        type: "object",
        properties: { result: { type: "array", items: { type: "integer" } } },
        required: ["result"],
        "x-fastmcp-wrap-result": true,
      },
      result: { content: [], structuredContent: { result: [1, 2, 3] } },
    },
    wrapped_by_meta: {
      result: {
        content: [],
        structuredContent: { result: "hi" },
        _meta: { fastmcp: { wrap_result: true } },
      },
    },
    bad_output: {
      outputSchema: {
        type: "object",
        properties: {
          items: {
            type: "array",
            items: { type: "object", properties: { price: { type: "number" } } },
          },
        },
      },
      result: { content: [], structuredContent: { items: [{ price: 1 }, { price: "free" }] } },
    },
    missing_output: {
      outputSchema: { type: "object", properties: { sum: { type: "number" } } },
      result: { content: [{ type: "text", text: "no structure" }] },
    },
    error_with_schema: {
      outputSchema: { type: "object", properties: { sum: { type: "number" } }, required: ["sum"] },
      result: {
        content: [{ type: "text", text: "division by zero" }],
        isError: true,
        structuredContent: { bad: 1 },
      },
    },
    user: {
      result: {
        content: [],
        structuredContent: { name: "Ada", age: "old" },
        _meta: { trace: "t-1" },
      },
    },
  };
  server.server.setRequestHandler("tools/list", () => ({
    tools: Object.entries(tools).map(([name, tool]) => ({
      name,
      inputSchema: { type: "object" as const },
      ...(tool.outputSchema && { outputSchema: tool.outputSchema as { type: "object" } }),
    })),
  }));
  server.server.setRequestHandler(
    "tools/call",
    (request) => tools[request.params.name]!.result as never,
  );
  return server;
}

describe("Client.callTool()", () => {
  it("returns content, structuredContent, data, isError and meta", async () => {
    await using client = await new Client(demoServer().server).connect();
    const result = await client.callTool<{ sum: number }>("add", { a: 5, b: 3 });
    assert.deepEqual(result.content, [{ type: "text", text: "8" }]);
    assert.deepEqual(result.structuredContent, { sum: 8 });
    assert.equal(result.data.sum, 8);
    assert.equal(result.isError, false);
  });

  it("a tool without an output schema gives its structured content as data, or undefined", async () => {
    await using client = await new Client(demoServer().server).connect();
    const structured = await client.callTool("structured_no_schema");
    assert.deepEqual(structured.data, { anything: [1, 2, 3] });
    const plain = await client.callTool("echo", { text: "hi" });
    assert.equal(plain.data, undefined);
    assert.equal(plain.structuredContent, undefined);
    assert.deepEqual(plain.content, [{ type: "text", text: "hi" }]);
  });

  it("unwraps { result } when the output schema has x-fastmcp-wrap-result or _meta says so", async () => {
    await using client = await new Client(rawServer()).connect();
    assert.deepEqual((await client.callTool("wrapped")).data, [1, 2, 3]);
    assert.equal((await client.callTool("wrapped_by_meta")).data, "hi");
  });

  it("output that fails its schema throws OutputValidationError naming the tool and the path", async () => {
    await using client = await new Client(rawServer()).connect();
    await assert.rejects(client.callTool("bad_output"), (err) => {
      assert.ok(err instanceof OutputValidationError);
      assert.equal(err.code, "OUTPUT_VALIDATION");
      assert.equal(err.toolName, "bad_output");
      assert.deepEqual(err.issues[0]?.path, ["items", 1, "price"]);
      assert.match(
        err.message,
        /tool 'bad_output' on server 'raw'.*items\.1\.price: expected number, got string/,
      );
      return true;
    });
    await assert.rejects(client.callTool("missing_output"), (err) => {
      assert.ok(err instanceof OutputValidationError);
      assert.match(err.message, /no structured content/);
      return true;
    });
  });

  it("the schema option validates data and infers its type (zod 4)", async () => {
    await using client = await new Client(demoServer().server).connect();
    const result = await client.callTool("add", { a: 2, b: 2 }, {
      schema: z.object({ sum: z.number() }),
    });
    const sum: number = result.data.sum;
    assert.equal(sum, 4);
    const raw = await new Client(rawServer()).connect();
    try {
      await assert.rejects(
        raw.callTool("user", {}, { schema: z.object({ name: z.string(), age: z.number() }) }),
        (err) => {
          assert.ok(err instanceof OutputValidationError);
          assert.deepEqual(err.issues.map((i) => i.path), [["age"]]);
          assert.match(err.message, /tool 'user'/);
          return true;
        },
      );
      await assert.rejects(
        raw.callTool("missing_output", {}, { schema: z.object({ sum: z.number() }) }),
        OutputValidationError,
      );
      const meta = await raw.callTool("user", {}, { schema: z.object({ name: z.string() }) });
      assert.deepEqual(meta.data, { name: "Ada" });
      assert.deepEqual(meta.meta, { trace: "t-1" });
    } finally {
      await raw.close();
    }
  });

  it("an isError result throws ToolError with the first text block and the result", async () => {
    await using client = await new Client(demoServer().server).connect();
    await assert.rejects(client.callTool("fail"), (err) => {
      assert.ok(err instanceof ToolError);
      assert.equal(err.message, "it broke");
      assert.equal(err.toolName, "fail");
      assert.deepEqual((err.result as { isError: boolean }).isError, true);
      return true;
    });
  });

  it("raiseOnError: false returns the error result; its structured content is not validated", async () => {
    await using client = await new Client(rawServer()).connect();
    const result = await client.callTool("error_with_schema", {}, { raiseOnError: false });
    assert.equal(result.isError, true);
    assert.equal(result.data, undefined);
    assert.deepEqual(result.content, [{ type: "text", text: "division by zero" }]);
    await assert.rejects(client.callTool("error_with_schema"), ToolError);
  });

  it("arguments that do not match the input schema throw InputValidationError before sending", async () => {
    const { server, observed } = demoServer();
    await using client = await new Client(server).connect();
    await assert.rejects(client.callTool("add", { a: 1, b: "two" }), (err) => {
      assert.ok(err instanceof InputValidationError);
      assert.equal(err.toolName, "add");
      assert.deepEqual(err.issues, [{ path: ["b"], message: "expected number, got string" }]);
      assert.match(err.message, /tool 'add' on server 'demo'/);
      return true;
    });
    await assert.rejects(client.callTool("echo", {}), (err) => {
      assert.ok(err instanceof InputValidationError);
      assert.match(err.message, /text: is required/);
      return true;
    });
    assert.equal(observed.callArgs.length, 0);
  });

  it("an unknown tool gives McpError with the wire code, naming the tool and the server", async () => {
    await using client = await new Client(demoServer().server).connect();
    await assert.rejects(client.callTool("nope"), (err) => {
      assert.ok(err instanceof McpError);
      assert.equal(err.rpcCode, -32602);
      assert.equal(err.message, "server 'demo' rejected tools/call 'nope': Tool nope not found");
      return true;
    });
  });

  it("when tools/list fails, calls go on without schema checks and the list is not retried", async () => {
    const server = new McpServer({ name: "no-list", version: "1.0.0" }, {
      capabilities: { tools: {} },
    });
    let listed = 0;
    server.server.setRequestHandler("tools/list", () => {
      listed++;
      throw new Error("listing is broken");
    });
    server.server.setRequestHandler(
      "tools/call",
      () => ({ content: [], structuredContent: { ok: true } }),
    );
    await using client = await new Client(server).connect();
    assert.deepEqual((await client.callTool("anything")).data, { ok: true });
    assert.deepEqual((await client.callTool("anything")).data, { ok: true });
    assert.equal(listed, 1);
  });

  it("sends meta as _meta", async () => {
    const { server, observed } = demoServer();
    await using client = await new Client(server).connect();
    await client.callTool("echo", { text: "x" }, { meta: { traceparent: "00-abc" } });
    assert.deepEqual(observed.callArgs[0], { traceparent: "00-abc" });
  });

  it("a timeout rejects with TimeoutError and the server's abort signal fires", async () => {
    const { server, observed } = demoServer();
    await using client = await new Client(server).connect();
    await assert.rejects(client.callTool("slow", {}, { timeout: 30 }), (err) => {
      assert.ok(err instanceof TimeoutError);
      assert.equal(err.timeoutMs, 30);
      assert.match(err.message, /tools\/call 'slow' on server 'demo' timed out after 30 ms/);
      return true;
    });
    await client.ping();
    assert.equal(observed.aborted.length, 1);
  });

  it("the client-wide timeout applies to every request", async () => {
    const { server, observed } = demoServer();
    await using client = await new Client(server, { timeout: 30 }).connect();
    await assert.rejects(client.callTool("slow"), TimeoutError);
    await client.ping();
    assert.equal(observed.aborted.length, 1);
  });

  it("an aborted signal rejects with CancelledError and the server's abort signal fires", async () => {
    const { server, observed } = demoServer();
    await using client = await new Client(server).connect();
    const controller = new AbortController();
    const pending = client.callTool("slow", {}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user pressed stop")), 20);
    await assert.rejects(pending, (err) => {
      assert.ok(err instanceof CancelledError);
      assert.equal(err.code, "CANCELLED");
      assert.match(err.message, /tools\/call 'slow' on server 'demo' was cancelled/);
      return true;
    });
    await client.ping();
    assert.equal(observed.aborted.length, 1);
    await assert.rejects(
      client.callTool("slow", {}, { signal: AbortSignal.abort() }),
      CancelledError,
    );
  });

  it("2,000 concurrent calls each get their own answer", async () => {
    await using client = await new Client(demoServer().server).connect();
    const results = await Promise.all(
      Array.from(
        { length: 2_000 },
        (_, i) => client.callTool<{ sum: number }>("add", { a: i, b: 1 }),
      ),
    );
    results.forEach((result, i) => assert.equal(result.data.sum, i + 1));
  });
});
