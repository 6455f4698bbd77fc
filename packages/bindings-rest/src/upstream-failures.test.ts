import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client } from "@mcpwire/core";
import { McpServer } from "@modelcontextprotocol/server";
import { waitFor } from "@mcpwire/testing";
import { inMemoryApp, post, problemOf } from "./_test_helpers.ts";
import { createRestApp } from "./app.ts";
import type { UpstreamClient } from "./upstream-client.ts";
import { Upstreams } from "./upstreams.ts";

/** A client whose reconnects wait until the test opens the gate. */
function gatedClient(client: Client): { client: UpstreamClient; close(): void; open(): void } {
  let gate: Promise<void> = Promise.resolve();
  let release = () => {};
  const c = client as unknown as UpstreamClient;
  const wrapped: UpstreamClient = {
    connect: async () => {
      await gate;
      return await client.connect();
    },
    close: () => c.close(),
    get initializeResult() {
      return c.initializeResult;
    },
    isConnected: () => c.isConnected!(),
    listTools: () => c.listTools(),
    callTool: (name, args, options) => c.callTool(name, args, options),
    listResources: () => c.listResources(),
    listResourceTemplates: () => c.listResourceTemplates(),
    readResource: (uri) => c.readResource(uri),
    listPrompts: () => c.listPrompts(),
    getPrompt: (name, args) => c.getPrompt(name, args),
    complete: (ref, argument, context) => c.complete(ref, argument, context),
  };
  return {
    client: wrapped,
    close: () => void (gate = new Promise((r) => (release = r))),
    open: () => release(),
  };
}

describe("upstream failures", () => {
  it("answers 504 when a call times out, and cancels it on the server", async () => {
    const { app, observed } = inMemoryApp();
    try {
      const res = await post(app, "/v1/servers/test/tools/slow", { steps: 5, delayMs: 200 }, {
        "x-mcp-timeout-ms": "100",
      });
      assert.equal(res.status, 504);
      const problem = await problemOf(res);
      assert.equal(problem.code, "upstream_timeout");
      assert.equal(problem.tool, "slow");
      await waitFor(() => observed.cancelled.length === 1, "the call is cancelled");
    } finally {
      await app.close();
    }
  });

  it("answers 502 when the connection drops during a call, then 503 until it reconnects", async () => {
    const server = new McpServer({ name: "crashy", version: "1.0.0" });
    server.registerTool("crash", { description: "drops the connection" }, async () => {
      setTimeout(() => void server.close(), 5);
      await new Promise((r) => setTimeout(r, 1_000));
      return { content: [] };
    });
    server.registerTool("noop", {}, () => ({ content: [] }));
    const gate = gatedClient(new Client(server));
    const app = createRestApp(new Upstreams({ crashy: gate.client }), { apiKeys: [] });
    try {
      assert.equal((await app.request("/readyz")).status, 200);
      gate.close();
      const res = await post(app, "/v1/servers/crashy/tools/crash", {});
      assert.equal(res.status, 502);
      assert.equal((await problemOf(res)).code, "upstream_disconnected");
      const next = await post(app, "/v1/servers/crashy/tools/noop", {});
      assert.equal(next.status, 503);
      assert.match(next.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
      assert.equal((await problemOf(next)).code, "server_unavailable");
      const described = await (await app.request("/v1/servers/crashy")).json();
      assert.notEqual(described.state, "connected");
      assert.equal(described.lastError.code, "CONNECTION");
      gate.open();
      await waitFor(async () => {
        const res = await post(app, "/v1/servers/crashy/tools/noop", {});
        await res.body?.cancel();
        return res.status === 200;
      }, "reconnected");
    } finally {
      await app.close();
    }
  });

  it("notices a connection lost while idle", async () => {
    const server = new McpServer({ name: "idle", version: "1.0.0" });
    server.registerTool("noop", {}, () => ({ content: [] }));
    const upstreams = new Upstreams();
    const gate = gatedClient(new Client(server));
    upstreams.add("idle", gate.client, { required: true });
    const app = createRestApp(upstreams, { apiKeys: [] });
    try {
      assert.equal((await app.request("/readyz")).status, 200);
      gate.close();
      await server.close();
      await waitFor(async () => {
        const ready = await app.request("/readyz");
        await ready.body?.cancel();
        return ready.status === 503;
      }, "readyz notices the lost connection");
      const call = await post(app, "/v1/servers/idle/tools/noop", {});
      assert.equal(call.status, 503);
      await call.body?.cancel();
    } finally {
      await app.close();
    }
  });

  it("answers 404 for an unknown resource", async () => {
    const { app } = inMemoryApp();
    try {
      const res = await app.request("/v1/servers/test/resources/read?uri=test%3A%2F%2Fmissing");
      assert.equal(res.status, 404);
      assert.equal((await problemOf(res)).code, "resource_not_found");
    } finally {
      await app.close();
    }
  });

  it("answers /readyz 503 with Retry-After while a required server is down", async () => {
    const app = createRestApp({
      mcpServers: { broken: { command: "/nonexistent/mcp-server", required: true } },
    }, { apiKeys: [] });
    try {
      const res = await app.request("/readyz");
      assert.equal(res.status, 503);
      assert.match(res.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
      const problem = await problemOf(res);
      assert.equal(problem.code, "server_unavailable");
      assert.deepEqual(problem.servers, { broken: { state: "failed", required: true } });
    } finally {
      await app.close();
    }
  });
});
