import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/client";
import { ConnectionError } from "@mcpwire/core";
import type { ServerResponse } from "node:http";
import { AuthError, HttpError, SseTransport, StreamableHttpTransport } from "./mod.ts";
import { freePort, startEverything, waitFor } from "@mcpwire/testing";
import { initializeResult, startFaultServer } from "./_test_servers.ts";

interface Rpc {
  id?: number | string;
  method?: string;
}

/** A legacy SSE server: answers arrive on the GET stream; the first tools/call POST gets 500. */
function legacyServer() {
  let stream: ServerResponse | undefined;
  let calls = 0;
  const push = (message: unknown) => stream?.write(`data: ${JSON.stringify(message)}\n\n`);
  return (req: { method?: string }, res: ServerResponse, body: unknown) => {
    if (req.method === "GET") {
      stream = res;
      res.writeHead(200, { "content-type": "text/event-stream" });
      return void res.write("event: endpoint\ndata: /messages?session=1\n\n");
    }
    const msg = body as Rpc;
    if (msg.method === "tools/call" && calls++ === 0) return void res.writeHead(500).end("boom");
    res.writeHead(202).end("Accepted");
    if (msg.method === "initialize") push(initializeResult(msg.id));
    else if (msg.method === "tools/call") {
      push({ jsonrpc: "2.0", id: msg.id, result: { content: [{ type: "text", text: "ok" }] } });
    }
  };
}

describe("SseTransport", () => {
  it("StreamableHttpTransport falls back to SSE when the server rejects the first POST", async () => {
    await using server = await startEverything("sse");
    const transport = new StreamableHttpTransport(server.url);
    const client = new Client({ name: "sse-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      assert.equal(transport.kind, "sse");
      const echo = await client.callTool({ name: "echo", arguments: { message: "fallback" } });
      assert.deepEqual(echo.content, [{ type: "text", text: "Echo: fallback" }]);
    } finally {
      await client.close();
    }
  });

  it("losing the event stream reports a ConnectionError, then closes", async () => {
    await using server = await startEverything("sse");
    const transport = new SseTransport(server.url);
    const client = new Client({ name: "sse-test", version: "1.0.0" });
    await client.connect(transport);
    const events: string[] = [];
    const onerror = transport.onerror;
    transport.onerror = (err) => {
      events.push(err instanceof ConnectionError ? "ConnectionError" : err.name);
      onerror?.(err);
    };
    const onclose = transport.onclose;
    transport.onclose = () => {
      events.push("close");
      onclose?.();
    };
    await server.close();
    // Polled, not awaited as a promise: the event stream's socket is unref'd (it must not hold a
    // program open), so on a loaded machine the server's exit could leave the loop with nothing
    // to wait on before the socket reports the loss, and the runner ended the file.
    await waitFor(() => events.includes("close"), "the transport closed", 10_000);
    assert.deepEqual(events.slice(-2), ["ConnectionError", "close"]);
    await assert.rejects(client.ping());
  });

  it("POSTs each message with its own abort signal and the session's headers; a 500 is an HttpError", async () => {
    await using server = await startFaultServer(legacyServer());
    const posts: RequestInit[] = [];
    const fetch = (url: string | URL, init?: RequestInit) => {
      if (init?.method === "POST") posts.push(init);
      return globalThis.fetch(url, init);
    };
    const transport = new SseTransport(new URL("/sse", server.url), {
      fetch,
      auth: "sse-token",
      headers: { "x-api-key": "k" },
    });
    const client = new Client({ name: "sse-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      const err = await client.callTool({ name: "x", arguments: {} }).catch((e) => e);
      assert.ok(err instanceof HttpError, String(err));
      assert.equal(err.status, 500);
      const answer = await client.callTool({ name: "x", arguments: {} });
      assert.deepEqual(answer.content, [{ type: "text", text: "ok" }]);
    } finally {
      await client.close();
    }
    const calls = posts.filter((p) => String(p.body).includes('"tools/call"'));
    assert.equal(calls.length, 2, "the 500 was handed to the SDK, not sent again");
    assert.notEqual(calls[0]!.signal, calls[1]!.signal);
    const headers = new Headers(calls[1]!.headers);
    assert.equal(headers.get("authorization"), "Bearer sse-token");
    assert.equal(headers.get("x-api-key"), "k");
    assert.equal(headers.get("mcp-protocol-version"), "2025-06-18");
    assert.equal(server.requests.filter((r) => r.body.includes('"tools/call"')).length, 2);
  });

  it("a refused connection is a ConnectionError naming the URL", async () => {
    const port = await freePort();
    const client = new Client({ name: "sse-test", version: "1.0.0" });
    const err = await client.connect(new SseTransport(`http://127.0.0.1:${port}/sse`))
      .catch((e) => e);
    assert.ok(err instanceof ConnectionError, String(err));
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}/sse`));
  });

  it("a 401 on the event stream is an AuthError and the token is not in it", async () => {
    await using server = await startFaultServer((_req, res) => {
      res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' }).end();
    });
    const url = new URL("/sse", server.url);
    const client = new Client({ name: "sse-test", version: "1.0.0" });
    const err = await client.connect(new SseTransport(url, { auth: "secret-sse-token" }))
      .catch((e) => e);
    assert.ok(err instanceof AuthError, String(err));
    assert.equal(err.status, 401);
    assert.ok(!err.message.includes("secret-sse-token"));
    assert.equal(server.requests[0]!.headers.authorization, "Bearer secret-sse-token");
  });
});
