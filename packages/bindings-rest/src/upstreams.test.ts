import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { McpServer } from "@modelcontextprotocol/server";
import { routeName, splitConfig } from "./_sources.ts";
import { createRestApp } from "./app.ts";

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
