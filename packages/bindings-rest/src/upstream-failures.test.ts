import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client } from "@mcpwire/core";
import { McpServer } from "@modelcontextprotocol/server";
import { inMemoryApp, post, problemOf } from "./_test_helpers.ts";
import { createRestApp } from "./app.ts";
import { Upstreams } from "./upstreams.ts";

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
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
      await waitFor(() => observed.cancelled.length === 1);
    } finally {
      await app.close();
    }
  });

  it("answers 502 when the connection drops during a call, then 503 while the server is down", async () => {
    const server = new McpServer({ name: "crashy", version: "1.0.0" });
    server.registerTool("crash", { description: "drops the connection" }, async () => {
      setTimeout(() => void server.close(), 5);
      await new Promise((r) => setTimeout(r, 1_000));
      return { content: [] };
    });
    const app = createRestApp(new Upstreams({ crashy: new Client(server) }), { apiKeys: [] });
    try {
      const res = await post(app, "/v1/servers/crashy/tools/crash", {});
      assert.equal(res.status, 502);
      assert.equal((await problemOf(res)).code, "upstream_disconnected");
      const next = await post(app, "/v1/servers/crashy/tools/crash", {});
      assert.equal(next.status, 503);
      assert.equal(next.headers.get("retry-after"), "5");
      assert.equal((await problemOf(next)).code, "server_unavailable");
      const described = await (await app.request("/v1/servers/crashy")).json();
      assert.notEqual(described.state, "connected");
      assert.equal(described.lastError.code, "CONNECTION");
    } finally {
      await app.close();
    }
  });

  it("notices a connection lost while idle", async () => {
    const server = new McpServer({ name: "idle", version: "1.0.0" });
    server.registerTool("noop", {}, () => ({ content: [] }));
    const upstreams = new Upstreams();
    upstreams.add("idle", new Client(server), { required: true });
    const app = createRestApp(upstreams, { apiKeys: [] });
    try {
      assert.equal((await app.request("/readyz")).status, 200);
      await server.close();
      await new Promise((r) => setTimeout(r, 50));
      const ready = await app.request("/readyz");
      assert.equal(ready.status, 503);
      await ready.body?.cancel();
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
      assert.equal(res.headers.get("retry-after"), "5");
      const problem = await problemOf(res);
      assert.equal(problem.code, "server_unavailable");
      assert.deepEqual(problem.servers, { broken: { state: "failed", required: true } });
    } finally {
      await app.close();
    }
  });
});
