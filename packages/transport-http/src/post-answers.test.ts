import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Client, parseJSONRPCMessage } from "@modelcontextprotocol/client";
import { StreamableHttpTransport } from "./mod.ts";
import { initializeResult, json, startFaultServer } from "./_test_servers.ts";

interface Rpc {
  id?: number | string;
  method?: string;
}
type CallHandler = (res: ServerResponse, msg: Rpc, req: IncomingMessage) => void | Promise<void>;

function mcp(onCall: CallHandler) {
  return (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const msg = body as Rpc | undefined;
    if (req.method === "DELETE") return void res.writeHead(200).end();
    if (req.method === "GET") return void res.writeHead(405).end();
    if (msg?.method === "initialize") {
      return json(res, initializeResult(msg.id), { "mcp-session-id": "s-1" });
    }
    if (msg?.id === undefined) return void res.writeHead(202).end();
    return onCall(res, msg, req);
  };
}

const result = (id: unknown, text: string) => ({
  jsonrpc: "2.0",
  id,
  result: { content: [{ type: "text", text }] },
});

/** The error the transport gives for an answer the SDK's `parseJSONRPCMessage` refuses. */
function assertInvalidExchange(error: unknown, message: unknown, url: URL): void {
  let refusal: unknown;
  try {
    parseJSONRPCMessage(message);
  } catch (e) {
    refusal = e;
  }
  assert.ok(refusal instanceof Error, "the SDK refuses the message");
  const e = error as Error & { code?: unknown };
  assert.equal(e.code, "HTTP");
  assert.ok(e.message.startsWith(`invalid exchange with ${url.origin}`), e.message);
  assert.equal(e.cause?.constructor, refusal.constructor, "the SDK's own validation error");
  assert.equal((e.cause as Error).message, refusal.message);
}

async function connect(url: URL, options = {}) {
  const client = new Client({ name: "direct-test", version: "1.0.0" });
  const transport = new StreamableHttpTransport(url, options);
  await client.connect(transport);
  return { client, transport, [Symbol.asyncDispose]: () => client.close() };
}

describe("StreamableHttpTransport's POSTs and their answers", () => {
  it("reads an SSE answer cut mid-line, with CRLF, comments and a notification first", async () => {
    await using server = await startFaultServer(mcp(async (res, msg) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const log = {
        jsonrpc: "2.0",
        method: "notifications/message",
        params: { level: "info", data: "working" },
      };
      const text = `: hello\r\nid: e1\r\ndata: ${JSON.stringify(log)}\r\n\r\n` +
        `event: message\r\ndata: ${JSON.stringify(result(msg.id, "done"))}\r\n\r\n`;
      for (const piece of [text.slice(0, 7), text.slice(7, 60), text.slice(60)]) {
        res.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      res.end();
    }));
    await using c = await connect(server.url);
    const logs: unknown[] = [];
    c.client.setNotificationHandler("notifications/message", (n) => void logs.push(n.params.data));
    const answer = await c.client.callTool({ name: "x", arguments: {} });
    assert.deepEqual(answer.content, [{ type: "text", text: "done" }]);
    assert.deepEqual(logs, ["working"]);
  });

  it("fails the request, without onerror, when a JSON answer holds a malformed message", async () => {
    const bad = (id: unknown) => ({ jsonrpc: "2.0", id, result: "not an object" });
    await using server = await startFaultServer(mcp((res, msg) => {
      if (msg.method === "tools/call") return json(res, bad(msg.id));
      json(res, [result(msg.id, "first"), bad(msg.id)]); // a batch with one malformed message
    }));
    await using c = await connect(server.url);
    const errors: unknown[] = [];
    c.client.onerror = (error) => void errors.push(error);
    for (const call of [c.client.callTool({ name: "x", arguments: {} }), c.client.listTools()]) {
      await assert.rejects(call, (error: unknown) => {
        assertInvalidExchange(error, bad(1), server.url);
        return true;
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(errors, [], "the error goes to the caller only");
  });

  it("reports a malformed SSE event to onerror and keeps reading the stream", async () => {
    const bad = (id: unknown) => ({ jsonrpc: "2.0", id, result: "not an object" });
    await using server = await startFaultServer(mcp((res, msg) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const rest = msg.method === "tools/call"
        ? `data: ${JSON.stringify(result(msg.id, "ok"))}\n\n`
        : "";
      res.end(`data: ${JSON.stringify(bad(msg.id))}\n\n${rest}`);
    }));
    await using c = await connect(server.url);
    const errors: unknown[] = [];
    c.client.onerror = (error) => void errors.push(error);
    const answer = await c.client.callTool({ name: "x", arguments: {} });
    assert.deepEqual(answer.content, [{ type: "text", text: "ok" }]);
    // Without a good answer after it, the request fails once the stream ends.
    await assert.rejects(c.client.listTools(), (error: unknown) => {
      assert.equal((error as { code?: unknown }).code, "CONNECTION");
      assert.match((error as Error).message, /ended before the answer to request 2/);
      return true;
    });
    while (errors.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const error of errors) assertInvalidExchange(error, bad(1), server.url);
  });

  it("gives each POST its own abort signal, session headers and manual redirects", async () => {
    await using server = await startFaultServer(mcp((res, msg) => json(res, result(msg.id, "ok"))));
    const posts: RequestInit[] = [];
    const fetch = (url: string | URL, init?: RequestInit) => {
      if (init?.method === "POST") posts.push(init);
      return globalThis.fetch(url, init);
    };
    await using c = await connect(server.url, { fetch, headers: { "x-api-key": "k" } });
    await c.client.callTool({ name: "x", arguments: {} });
    await c.client.callTool({ name: "x", arguments: {} });
    const calls = posts.filter((p) => String(p.body).includes('"tools/call"'));
    assert.equal(calls.length, 2);
    assert.notEqual(calls[0]!.signal, calls[1]!.signal);
    for (const call of calls) {
      const headers = new Headers(call.headers);
      assert.equal(headers.get("mcp-session-id"), "s-1");
      assert.equal(headers.get("mcp-protocol-version"), "2025-06-18");
      assert.equal(headers.get("x-api-key"), "k");
      assert.equal(headers.get("accept"), "application/json, text/event-stream");
      assert.equal(call.redirect, "manual");
    }
  });

  it("sends per-request headers but never lets them replace the transport's own", async () => {
    await using server = await startFaultServer(mcp((res) => void res.writeHead(202).end()));
    await using c = await connect(server.url, { auth: "real-token" });
    await c.transport.send({ jsonrpc: "2.0", method: "notifications/progress" } as never, {
      headers: {
        "X-Trace": "t-1",
        Accept: "application/x-ndjson",
        Authorization: "Bearer forged",
        "Mcp-Session-Id": "other",
      },
    });
    const sent = server.requests.at(-1)!;
    assert.equal(sent.headers["x-trace"], "t-1");
    assert.equal(sent.headers.accept, "application/x-ndjson, application/json, text/event-stream");
    assert.equal(sent.headers.authorization, "Bearer real-token");
    assert.equal(sent.headers["mcp-session-id"], "s-1");
  });

  it("follows a same-origin 307 with the same POST", async () => {
    await using server = await startFaultServer((req, res, body) => {
      const msg = body as Rpc | undefined;
      if (msg?.method === "tools/call" && req.url === "/mcp") {
        return void res.writeHead(307, { location: "/mcp-moved" }).end();
      }
      return mcp((r, m) => json(r, result(m.id, `at ${req.url}`)))(req, res, body);
    });
    await using c = await connect(server.url);
    const answer = await c.client.callTool({ name: "x", arguments: {} });
    assert.deepEqual(answer.content, [{ type: "text", text: "at /mcp-moved" }]);
    const calls = server.requests.filter((r) => r.body.includes('"tools/call"'));
    assert.equal(calls.length, 2, "one redirected POST, one at the new place");
  });

  it("close() aborts a POST still waiting for its answer", async () => {
    let dropped: Promise<void> | undefined;
    await using server = await startFaultServer(mcp((res) => {
      dropped = new Promise((resolve) => res.once("close", () => resolve()));
    }));
    const c = await connect(server.url);
    const call = c.client.callTool({ name: "x", arguments: {} }).catch((e) => e);
    while (!dropped) await new Promise((resolve) => setTimeout(resolve, 10));
    await c.client.close();
    await dropped; // the server sees the connection go: the client aborted the request
    assert.ok((await call) instanceof Error);
  });
});
