import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Client } from "@modelcontextprotocol/client";
import { Client as McpwireClient, ConnectionError, TimeoutError } from "@mcpwire/core";
import { AuthError, HttpError, StreamableHttpTransport } from "./mod.ts";
import { freePort } from "@mcpwire/testing";
import { initializeResult, json, startFaultServer } from "./_test_servers.ts";

interface Rpc {
  id?: number | string;
  method?: string;
}
type CallHandler = (res: ServerResponse, msg: Rpc, req: IncomingMessage) => void | Promise<void>;

/** A tiny MCP server: initialize with a session id, 202 for notifications, `onCall` for the rest. */
function mcp(onCall: CallHandler, session = () => "session-1") {
  return (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const msg = body as Rpc | undefined;
    if (req.method === "DELETE") return void res.writeHead(200).end();
    if (req.method === "GET") return void res.writeHead(405).end();
    if (msg?.method === "initialize") {
      return json(res, initializeResult(msg.id), { "mcp-session-id": session() });
    }
    if (msg?.id === undefined) return void res.writeHead(202).end();
    return onCall(res, msg, req);
  };
}

function toolResult(id: unknown, text = "ok") {
  return { jsonrpc: "2.0", id, result: { content: [{ type: "text", text }] } };
}

async function connect(url: URL, options = {}) {
  const client = new Client({ name: "fault-test", version: "1.0.0" });
  const transport = new StreamableHttpTransport(url, options);
  await client.connect(transport);
  return { client, transport, [Symbol.asyncDispose]: () => client.close() };
}

describe("StreamableHttpTransport against faulty servers", () => {
  it("a 500 on a call rejects with HttpError carrying the status and a body excerpt", async () => {
    await using server = await startFaultServer(mcp((res) => {
      res.writeHead(500, { "content-type": "text/plain" }).end("database exploded");
    }));
    await using c = await connect(server.url);
    const err = await c.client.callTool({ name: "x", arguments: {} }).catch((e) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.status, 500);
    assert.equal(err.code, "HTTP");
    assert.match(err.message, /127\.0\.0\.1:\d+\/mcp answered HTTP 500: database exploded/);
  });

  it("a 404 for an expired session re-initializes once and retries the request", async () => {
    let sessions = 0;
    let expired = false;
    await using server = await startFaultServer(mcp((res, msg, req) => {
      if (!expired) {
        expired = true;
        return void res.writeHead(404).end("session not found");
      }
      assert.equal(req.headers["mcp-session-id"], "session-2");
      json(res, toolResult(msg.id, "after restart"));
    }, () => `session-${++sessions}`));
    await using c = await connect(server.url);
    let restarted = 0;
    c.transport.onsessionrestart = () => restarted++;
    const result = await c.client.callTool({ name: "x", arguments: {} });
    assert.deepEqual(result.content, [{ type: "text", text: "after restart" }]);
    assert.equal(restarted, 1);
    assert.equal(c.transport.sessionId, "session-2");
    const inits = server.requests.filter((r) => r.body.includes('"initialize"'));
    assert.equal(inits.length, 2);
  });

  it("a 404 that persists after re-initializing is an HttpError, not a loop", async () => {
    await using server = await startFaultServer(mcp((res) => void res.writeHead(404).end()));
    await using c = await connect(server.url);
    const err = await c.client.callTool({ name: "x", arguments: {} }).catch((e) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.status, 404);
  });

  it("a response stream dropped before the answer rejects with ConnectionError naming the URL", async () => {
    await using server = await startFaultServer(mcp((res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": keep-alive\n\n");
      setTimeout(() => res.socket?.destroy(), 50);
    }));
    await using c = await connect(server.url, { reconnection: false });
    const err = await c.client.callTool({ name: "x", arguments: {} }).catch((e) => e);
    assert.ok(err instanceof ConnectionError, String(err));
    assert.match(err.message, /127\.0\.0\.1:\d+\/mcp/);
  });

  it("an interrupted response stream is resumed with Last-Event-ID after the server's retry delay", async () => {
    let callId: unknown;
    let closedAt = 0;
    let resumedAfter = 0;
    await using server = await startFaultServer((req, res, body) => {
      const msg = body as Rpc | undefined;
      if (req.method === "GET" && req.headers["last-event-id"] === "ev-1") {
        resumedAfter = Date.now() - closedAt;
        res.writeHead(200, { "content-type": "text/event-stream" });
        return void res.end(`id: ev-2\ndata: ${JSON.stringify(toolResult(callId, "resumed"))}\n\n`);
      }
      if (req.method === "GET") return void res.writeHead(405).end();
      if (msg?.method === "initialize") {
        return json(res, initializeResult(msg.id), { "mcp-session-id": "s" });
      }
      if (msg?.id === undefined) return void res.writeHead(202).end();
      callId = msg.id;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("id: ev-1\nretry: 300\ndata: \n\n");
      closedAt = Date.now();
    });
    await using c = await connect(server.url);
    const result = await c.client.callTool({ name: "x", arguments: {} });
    assert.deepEqual(result.content, [{ type: "text", text: "resumed" }]);
    assert.ok(resumedAfter >= 250, `resumed after ${resumedAfter} ms`);
  });

  it("a response slower than `timeout` rejects with TimeoutError", async () => {
    await using server = await startFaultServer(mcp(async (res, msg) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      if (!res.destroyed) json(res, toolResult(msg.id));
    }));
    await using c = await connect(server.url, { timeout: 200 });
    const err = await c.client.callTool({ name: "x", arguments: {} }).catch((e) => e);
    assert.ok(err instanceof TimeoutError, String(err));
    assert.equal(err.timeoutMs, 200);
  });

  it("a response faster than `timeout` succeeds", async () => {
    await using server = await startFaultServer(mcp(async (res, msg) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      json(res, toolResult(msg.id));
    }));
    await using c = await connect(server.url, { timeout: 5000 });
    const result = await c.client.callTool({ name: "x", arguments: {} });
    assert.deepEqual(result.content, [{ type: "text", text: "ok" }]);
  });

  it("a core Client's per-call timeout longer than its client-wide one holds for a JSON answer", async () => {
    await using server = await startFaultServer(mcp(async (res, msg) => {
      if (msg.method === "tools/list") {
        return json(res, { jsonrpc: "2.0", id: msg.id, result: { tools: [] } });
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (!res.destroyed) json(res, toolResult(msg.id, "slow"));
    }));
    await using client = await new McpwireClient(server.url.href, {
      timeout: 300,
      initTimeout: 10_000, // the handshake is not under test; it may be slow on a loaded machine
    }).connect();
    const result = await client.callTool("x", {}, { timeout: 5_000 });
    assert.deepEqual(result.content, [{ type: "text", text: "slow" }]);
    const err = await client.callTool("x").catch((e) => e);
    assert.ok(err instanceof TimeoutError, String(err));
    assert.equal(err.timeoutMs, 300);
    assert.match(err.message, /tools\/call 'x' on server 'fault' timed out after 300 ms/);
  });

  it("invalid JSON rejects with HttpError", async () => {
    await using server = await startFaultServer(mcp((res) => {
      res.writeHead(200, { "content-type": "application/json" }).end("{not json");
    }));
    await using c = await connect(server.url);
    const err = await c.client.callTool({ name: "x", arguments: {} }).catch((e) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.match(err.message, /invalid JSON/);
  });

  it("a wrong content type rejects with HttpError", async () => {
    await using server = await startFaultServer(mcp((res) => {
      res.writeHead(200, { "content-type": "text/html" }).end("<h1>login</h1>");
    }));
    await using c = await connect(server.url);
    const err = await c.client.callTool({ name: "x", arguments: {} }).catch((e) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.match(err.message, /content type 'text\/html'/);
  });

  it("a 401 is retried once after the auth provider refreshes the token", async () => {
    await using server = await startFaultServer(mcp((res, msg, req) => {
      if (req.headers.authorization !== "Bearer fresh-token") {
        return void res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' })
          .end();
      }
      json(res, toolResult(msg.id, "authorized"));
    }));
    let token = "stale-token";
    let refreshed = 0;
    const auth = {
      token: () => Promise.resolve(token),
      onUnauthorized: () => {
        refreshed++;
        token = "fresh-token";
        return Promise.resolve();
      },
    };
    await using c = await connect(server.url, { auth });
    const result = await c.client.callTool({ name: "x", arguments: {} });
    assert.deepEqual(result.content, [{ type: "text", text: "authorized" }]);
    assert.equal(refreshed, 1);
  });

  it("a refused token is an AuthError with the challenge, and the token appears nowhere", async () => {
    const secret = "sk-very-secret-token";
    await using server = await startFaultServer((_req, res) => {
      res.writeHead(401, {
        "www-authenticate": 'Bearer error="invalid_token", error_description="expired"',
      }).end(`bad token ${secret}`);
    });
    const client = new Client({ name: "fault-test", version: "1.0.0" });
    const err = await client.connect(new StreamableHttpTransport(server.url, { auth: secret }))
      .catch((e) => e);
    assert.ok(err instanceof AuthError, String(err));
    assert.equal(err.status, 401);
    assert.equal(err.error, "invalid_token");
    assert.match(err.message, /refused the request \(401\): invalid_token — expired/);
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${secret}`);
    assert.ok(!JSON.stringify({ m: err.message, s: err.stack, e: err }).includes(secret));
  });

  it("a refused connection is a ConnectionError naming the URL", async () => {
    const port = await freePort();
    const client = new Client({ name: "fault-test", version: "1.0.0" });
    const url = new URL(`http://127.0.0.1:${port}/mcp?api_key=hidden`);
    const err = await client.connect(new StreamableHttpTransport(url)).catch((e) => e);
    assert.ok(err instanceof ConnectionError, String(err));
    assert.match(err.message, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}/mcp`));
    assert.ok(!err.message.includes("hidden"));
  });

  it("close() ends the session with DELETE and the session id", async () => {
    await using server = await startFaultServer(mcp((res, msg) => json(res, toolResult(msg.id))));
    const c = await connect(server.url, { headers: { "x-api-key": "k" } });
    await c.client.callTool({ name: "x", arguments: {} });
    await c.client.close();
    const del = server.requests.find((r) => r.method === "DELETE");
    assert.ok(del, "no DELETE");
    assert.equal(del.headers["mcp-session-id"], "session-1");
    assert.equal(del.headers["x-api-key"], "k");
  });
});
