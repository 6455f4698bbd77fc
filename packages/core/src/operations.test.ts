import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { McpServer } from "@modelcontextprotocol/server";
import { CancelledError, Client, McpError } from "./mod.ts";
import { demoServer, pagedServer } from "../test/fixtures/servers.ts";

describe("Client operations", () => {
  it("ping() returns true", async () => {
    await using client = await new Client(demoServer().server).connect();
    assert.equal(await client.ping(), true);
  });

  it("listTools() returns every tool with its schemas", async () => {
    await using client = await new Client(demoServer().server).connect();
    const tools = await client.listTools();
    const add = tools.find((tool) => tool.name === "add");
    assert.equal(add?.description, "Adds two numbers");
    assert.deepEqual(add?.inputSchema.required, ["a", "b"]);
    assert.ok(add?.outputSchema);
  });

  it("list calls follow nextCursor over several pages; *Raw variants return one page", async () => {
    await using client = await new Client(pagedServer(7)).connect();
    const names = ["item0", "item1", "item2", "item3", "item4", "item5", "item6"];
    assert.deepEqual((await client.listTools()).map((t) => t.name), names);
    assert.deepEqual((await client.listResources()).map((r) => r.name), names);
    assert.deepEqual((await client.listResourceTemplates()).map((r) => r.name), names);
    assert.deepEqual((await client.listPrompts()).map((p) => p.name), names);
    const first = await client.listToolsRaw();
    assert.deepEqual(first.tools.map((t) => t.name), ["item0", "item1"]);
    assert.equal(first.nextCursor, "2");
    const second = await client.listToolsRaw(first.nextCursor);
    assert.deepEqual(second.tools.map((t) => t.name), ["item2", "item3"]);
    const last = await client.listPromptsRaw("6");
    assert.deepEqual(last.prompts.map((p) => p.name), ["item6"]);
    assert.equal(last.nextCursor, undefined);
    assert.equal((await client.listResourcesRaw("4")).resources.length, 2);
    assert.equal((await client.listResourceTemplatesRaw()).resourceTemplates.length, 2);
  });

  it("list calls return [] when the server lacks the capability, without writing to stdout", async () => {
    const server = new McpServer({ name: "bare", version: "1.0.0" });
    await using client = await new Client(server).connect();
    const original = console.debug;
    const printed: unknown[] = [];
    console.debug = (...args: unknown[]) => void printed.push(args);
    try {
      assert.deepEqual(await client.listTools(), []);
      assert.deepEqual(await client.listResources(), []);
      assert.deepEqual(await client.listResourceTemplates(), []);
      assert.deepEqual(await client.listPrompts(), []);
    } finally {
      console.debug = original;
    }
    assert.deepEqual(printed, []);
  });

  it("resources: list, templates, read (string or URL), read raw", async () => {
    await using client = await new Client(demoServer().server).connect();
    assert.deepEqual((await client.listResources()).map((r) => r.uri), ["docs://readme"]);
    assert.deepEqual((await client.listResourceTemplates()).map((r) => r.uriTemplate), [
      "users://{id}",
    ]);
    const contents = await client.readResource("docs://readme");
    assert.deepEqual(contents, [{ uri: "docs://readme", text: "Read me first." }]);
    const raw = await client.readResourceRaw(new URL("users://7"));
    assert.deepEqual(raw.contents, [{ uri: "users://7", text: "user 7" }]);
  });

  it("readResource() of an unknown URI throws McpError naming the resource and the server", async () => {
    await using client = await new Client(demoServer().server).connect();
    await assert.rejects(client.readResource("docs://missing"), (err) => {
      assert.ok(err instanceof McpError);
      assert.equal(typeof err.rpcCode, "number");
      assert.match(err.message, /docs:\/\/missing/);
      assert.match(err.message, /'demo'/);
      return true;
    });
  });

  it("subscribeResource() / unsubscribeResource() reach the server; resources/updated reaches listeners", async () => {
    const { server, observed } = demoServer();
    await using client = await new Client(server).connect();
    const updated: string[] = [];
    const off = client.on("notifications/resources/updated", ({ uri }) => void updated.push(uri));
    await client.subscribeResource("docs://readme");
    assert.deepEqual(observed.subscribed, ["docs://readme"]);
    await server.server.sendResourceUpdated({ uri: "docs://readme" });
    await client.ping();
    assert.deepEqual(updated, ["docs://readme"]);
    off();
    await server.server.sendResourceUpdated({ uri: "docs://readme" });
    await client.ping();
    assert.deepEqual(updated, ["docs://readme"]);
    await client.unsubscribeResource(new URL("docs://readme"));
    assert.deepEqual(observed.subscribed, []);
  });

  it("prompts: list and get; non-string arguments are sent as compact JSON", async () => {
    await using client = await new Client(demoServer().server).connect();
    assert.deepEqual((await client.listPrompts()).map((p) => p.name), ["greet"]);
    const plain = await client.getPrompt("greet", { name: "Ada" });
    assert.deepEqual(plain.messages[0]?.content, { type: "text", text: "Hello Ada" });
    const json = await client.getPrompt("greet", { name: "Ada", tags: ["a", "b"] });
    assert.deepEqual(json.messages[0]?.content, { type: "text", text: 'Hello Ada ["a","b"]' });
    const obj = await client.getPrompt("greet", { name: "Ada", tags: { k: 1 } });
    assert.deepEqual(obj.messages[0]?.content, { type: "text", text: 'Hello Ada {"k":1}' });
  });

  it("getPrompt() of an unknown prompt throws McpError naming the prompt", async () => {
    await using client = await new Client(demoServer().server).connect();
    await assert.rejects(client.getPrompt("nope"), (err) => {
      assert.ok(err instanceof McpError);
      assert.match(err.message, /prompts\/get 'nope'/);
      return true;
    });
  });

  it("complete() returns completion values for a resource template argument", async () => {
    await using client = await new Client(demoServer().server).connect();
    const completion = await client.complete(
      { type: "ref/resource", uri: "users://{id}" },
      { name: "id", value: "1" },
    );
    assert.deepEqual(completion.values, ["1", "10"]);
    const raw = await client.completeRaw(
      { type: "ref/resource", uri: "users://{id}" },
      { name: "id", value: "2" },
      { other: "x" },
    );
    assert.deepEqual(raw.completion.values, ["2"]);
  });

  it("setLoggingLevel() filters the server's log messages", async () => {
    const messages: string[] = [];
    await using client = await new Client(demoServer().server, {
      logHandler: (m) => void messages.push(m.level),
    }).connect();
    await client.setLoggingLevel("error");
    await client.callTool("log", { level: "info" });
    await client.callTool("log", { level: "error" });
    assert.deepEqual(messages, ["error"]);
  });

  it("every operation takes { timeout, signal }", async () => {
    await using client = await new Client(demoServer().server).connect();
    await assert.rejects(client.ping({ signal: AbortSignal.abort() }), CancelledError);
    await assert.rejects(client.listTools({ signal: AbortSignal.abort() }), CancelledError);
    await assert.rejects(
      client.readResource("docs://readme", { signal: AbortSignal.abort() }),
      CancelledError,
    );
    assert.equal(await client.ping({ timeout: 5_000 }), true);
  });

  it("tools/list_changed reaches listeners and messageHandler, and refreshes the tool index", async () => {
    const { server } = demoServer();
    const seen: string[] = [];
    await using client = await new Client(server, {
      messageHandler: (n) => void seen.push(n.method),
    }).connect();
    let changed = 0;
    client.on("notifications/tools/list_changed", () => void changed++);
    await client.callTool("add", { a: 1, b: 2 });
    server.registerTool("late", {}, () => ({ content: [{ type: "text", text: "late" }] }));
    await client.ping();
    assert.equal(changed, 1);
    assert.ok(seen.includes("notifications/tools/list_changed"));
    // the index was dropped, so the new tool's schema is fetched again before calling it
    const result = await client.callTool("late");
    assert.deepEqual(result.content, [{ type: "text", text: "late" }]);
  });
});
