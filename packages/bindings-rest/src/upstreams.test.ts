import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, ConnectionError } from "@mcpwire/core";
import { McpServer } from "@modelcontextprotocol/server";
import { routeName, splitConfig } from "./_sources.ts";
import { createRestApp } from "./app.ts";
import { problemOf } from "./_test_helpers.ts";
import { Upstreams } from "./upstreams.ts";

describe("sources and server names", () => {
  it("names a single server after its serverInfo.name, sanitized", async () => {
    const app = createRestApp(new McpServer({ name: "My Server/v2", version: "1.0.0" }), {
      apiKeys: [],
    });
    try {
      const { servers } = await (await app.request("/v1/servers")).json();
      assert.deepEqual(servers.map((s: { name: string }) => s.name), ["My-Server-v2"]);
      assert.equal((await app.request("/v1/servers/My-Server-v2")).status, 200);
    } finally {
      await app.close();
    }
  });

  it("uses the name option for a single server", async () => {
    const app = createRestApp(new McpServer({ name: "x", version: "1.0.0" }), {
      apiKeys: [],
      name: "main",
    });
    try {
      assert.equal((await app.request("/v1/servers/main")).status, 200);
    } finally {
      await app.close();
    }
  });

  it("splits mcpServers, VS Code and bare-map configs into one config per server", () => {
    const a = splitConfig({
      mcpServers: {
        one: { command: "x", env: { TOKEN: "secret-1" } },
        two: {
          url: "http://127.0.0.1:1/mcp",
          headers: { Authorization: "Bearer secret-2" },
          required: true,
        },
        off: { command: "y", disabled: true },
      },
    })!;
    assert.deepEqual(a.map((s) => [s.name, s.transport, s.required]), [["one", "stdio", false], [
      "two",
      "http",
      true,
    ]]);
    assert.deepEqual(a[0]!.config, {
      mcpServers: { one: { command: "x", env: { TOKEN: "secret-1" } } },
    });
    assert.deepEqual(a.flatMap((s) => s.secrets), ["secret-1", "Bearer secret-2"]);
    const vscode = splitConfig({
      servers: { v: { type: "stdio", command: "z" } },
      inputs: [{ id: "k" }],
    })!;
    assert.deepEqual(vscode[0]!.config, {
      mcpServers: { v: { type: "stdio", command: "z" } },
      inputs: [{ id: "k" }],
    });
    const bare = splitConfig({ b: { command: "z" } })!;
    assert.deepEqual(bare[0]!.config, { mcpServers: { b: { command: "z" } } });
    assert.equal(splitConfig("server.py"), undefined);
    assert.equal(splitConfig(new McpServer({ name: "x", version: "1" })), undefined);
  });

  it("routeName() keeps [A-Za-z0-9_.-] and at most 64 characters", () => {
    assert.equal(routeName("mcp-servers/everything"), "mcp-servers-everything");
    assert.equal(routeName(""), "server");
    assert.equal(routeName("../.."), "server");
    assert.equal(routeName("x".repeat(100)).length, 64);
  });
});

/** A client of an in-memory server that records whether it was closed. */
function closableClient(name: string): { client: Client; closes: () => number } {
  let closes = 0;
  const client = new Client(new McpServer({ name, version: "1.0.0" }));
  const close = client.close.bind(client);
  client.close = () => (closes++, close());
  return { client, closes: () => closes };
}

describe("Upstreams.remove()", () => {
  it("drops a server from /v1/servers and the OpenAPI enum, and closes its client", async () => {
    const one = closableClient("one");
    const two = closableClient("two");
    const upstreams = new Upstreams({ one: one.client, two: two.client });
    const app = createRestApp(upstreams, { apiKeys: [] });
    try {
      await app.ready();
      assert.equal(upstreams.get("two").state, "connected");
      await upstreams.remove("two");
      assert.equal(two.closes(), 1);
      assert.equal(two.client.isConnected(), false);
      assert.equal(one.closes(), 0);
      assert.deepEqual(upstreams.names(), ["one"]);
      const { servers } = await (await app.request("/v1/servers")).json();
      assert.deepEqual(servers.map((s: { name: string }) => s.name), ["one"]);
      const missing = await app.request("/v1/servers/two");
      assert.equal(missing.status, 404);
      assert.equal((await problemOf(missing)).code, "server_not_found");
      const doc = await (await app.request("/v1/openapi.json")).json();
      const serverParam = (doc.paths["/v1/servers/{server}"].get.parameters as {
        name: string;
        schema: { enum?: string[] };
      }[]).find((p) => p.name === "server");
      assert.deepEqual(serverParam?.schema.enum, ["one"]);
      // The name is free again.
      upstreams.add("two", closableClient("two").client);
      assert.deepEqual(upstreams.names(), ["one", "two"]);
    } finally {
      await app.close();
    }
  });

  it("closes a failed server it removes (no more reconnect attempts)", async () => {
    let closes = 0;
    const client = {
      connect: () => Promise.reject(new Error("refused")),
      close: () => (closes++, Promise.resolve()),
      listTools: () => Promise.resolve({ tools: [] }),
      listPrompts: () => Promise.resolve({ prompts: [] }),
    };
    const upstreams = new Upstreams();
    const upstream = upstreams.add("down", client as never);
    await upstreams.connect();
    assert.equal(upstream.state, "failed");
    await upstreams.remove("down");
    assert.equal(upstream.state, "closed");
    assert.equal(closes, 1);
    assert.deepEqual(upstreams.names(), []);
  });

  it("throws server_not_found for a name it does not have", async () => {
    const upstreams = new Upstreams();
    await assert.rejects(upstreams.remove("nope"), { code: "server_not_found" });
  });
});

describe("Upstream's tool-call path", () => {
  function countingClient() {
    const counts = { listTools: 0 };
    const client = {
      connect: () => Promise.resolve(),
      close: () => Promise.resolve(),
      isConnected: () => true,
      listTools: () => (counts.listTools++, Promise.resolve({ tools: [{ name: "add" }] })),
      listPrompts: () => Promise.resolve({ prompts: [] }),
      callTool: (name: string) => Promise.resolve({ content: [{ type: "text", text: name }] }),
    };
    return { client, counts };
  }

  it("cachedTool() answers from the fresh catalog without listing the tools again", async () => {
    const { client, counts } = countingClient();
    const upstream = new Upstreams().add("one", client as never);
    assert.equal(upstream.cachedTool("add"), undefined); // no catalog before connecting
    await upstream.connect();
    const listed = counts.listTools;
    assert.equal(upstream.cachedTool("add")?.name, "add");
    assert.equal(upstream.cachedTool("nope"), undefined);
    assert.equal(counts.listTools, listed);
    await upstream.close();
  });

  it("callTool() refuses a server that is not connected, and marks a lost connection", async () => {
    const { client } = countingClient();
    const upstream = new Upstreams().add("one", client as never);
    await assert.rejects(upstream.callTool("add", {}, { raiseOnError: false }), {
      code: "server_unavailable",
    });
    await upstream.connect();
    assert.deepEqual(
      (await upstream.callTool("add", {}, { raiseOnError: false })).content,
      [{ type: "text", text: "add" }],
    );
    const lost = new ConnectionError("server 'one' went away");
    client.callTool = () => {
      client.isConnected = () => false; // lost during the call
      return Promise.reject(lost);
    };
    await assert.rejects(upstream.callTool("add", {}, { raiseOnError: false }), lost);
    assert.equal(upstream.state, "failed");
    await upstream.close();
  });
});
