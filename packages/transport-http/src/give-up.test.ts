// Requests given up on (cancelled, aborted, closed) release their HTTP request at once, and a
// connection lost mid-exchange is named as lost.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Client, ConnectionError, TimeoutError } from "@mcpwire/core";
import { StreamableHttpTransport } from "./mod.ts";
import { initializeResult, json, startFaultServer } from "./_test_servers.ts";

interface Rpc {
  id?: number | string;
  method?: string;
}

/** A server that answers the handshake and hands each tool call to `onCall`. */
function mcp(onCall: (req: IncomingMessage, res: ServerResponse, msg: Rpc) => void) {
  return (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const msg = body as Rpc | undefined;
    if (req.method !== "POST") return void res.writeHead(405).end();
    if (msg?.method === "initialize") {
      return json(res, initializeResult(msg.id), { "mcp-session-id": "s" });
    }
    if (msg?.id === undefined) return void res.writeHead(202).end();
    if (msg.method === "tools/list") {
      return json(res, { jsonrpc: "2.0", id: msg.id, result: { tools: [] } });
    }
    onCall(req, res, msg);
  };
}

/** Resolves when the server sees the client's side of `req` go away. */
function closedByClient(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => req.socket.once("close", () => resolve()));
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe("requests given up on", () => {
  for (const answer of ["json", "sse"] as const) {
    it(`a timed-out call aborts its HTTP request (${answer} answer pending)`, async () => {
      const seen: Promise<void>[] = [];
      await using server = await startFaultServer(mcp((req, res) => {
        seen.push(closedByClient(req));
        if (answer === "sse") {
          res.writeHead(200, { "content-type": "text/event-stream" }).write(": wait\n\n");
        }
      }));
      const transport = new StreamableHttpTransport(server.url);
      const client = new Client(transport);
      try {
        await client.connect();
        await assert.rejects(client.callTool("slow", {}, { timeout: 500 }), TimeoutError);
        assert.equal(transport.pendingRequests, 0);
        // On a loaded machine the timeout may come before the server read the request; when it
        // did read it, its connection must close.
        if (seen[0]) await within(seen[0], 5000, "the request's connection closing");
      } finally {
        await client.close();
      }
    });
  }

  it("an aborted call aborts its HTTP request; a later call still works", async () => {
    const seen: Promise<void>[] = [];
    let calls = 0;
    await using server = await startFaultServer(mcp((req, res, msg) => {
      if (++calls === 1) return void seen.push(closedByClient(req));
      json(res, {
        jsonrpc: "2.0",
        id: msg.id,
        result: { content: [{ type: "text", text: "ok" }] },
      });
    }));
    const transport = new StreamableHttpTransport(server.url);
    const client = new Client(transport);
    try {
      await client.connect();
      const controller = new AbortController();
      const call = client.callTool("slow", {}, { signal: controller.signal });
      await within(
        (async () => {
          while (seen.length === 0) await new Promise((r) => setTimeout(r, 10));
        })(),
        5000,
        "the call reaching the server",
      );
      controller.abort();
      await assert.rejects(call, { name: "CancelledError" });
      await within(seen[0]!, 5000, "the request's connection closing");
      assert.equal(transport.pendingRequests, 0);
      assert.equal((await client.callTool("fast", {})).content[0]?.type, "text");
    } finally {
      await client.close();
    }
  });

  it("close() aborts the requests still open", async () => {
    const seen: Promise<void>[] = [];
    await using server = await startFaultServer(mcp((req) => void seen.push(closedByClient(req))));
    const transport = new StreamableHttpTransport(server.url);
    const client = new Client(transport);
    await client.connect();
    const call = client.callTool("slow", {}).catch((error) => error);
    await within(
      (async () => {
        while (seen.length === 0) await new Promise((r) => setTimeout(r, 10));
      })(),
      5000,
      "the call reaching the server",
    );
    await client.close();
    assert.ok(await call instanceof ConnectionError);
    await within(seen[0]!, 5000, "the request's connection closing");
    assert.equal(transport.pendingRequests, 0);
  });

  it("a request settles when the onmessage its answer goes to throws (sse answer)", async () => {
    await using server = await startFaultServer(mcp((_req, res, msg) => {
      const answer = { jsonrpc: "2.0", id: msg.id, result: { content: [] } };
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`event: message\ndata: ${JSON.stringify(answer)}\n\n`);
    }));
    const transport = new StreamableHttpTransport(server.url);
    const errors: Error[] = [];
    transport.onerror = (error) => void errors.push(error);
    transport.onmessage = () => {
      throw new Error("the handler failed");
    };
    try {
      await transport.start();
      const sent = transport.send({
        jsonrpc: "2.0",
        id: 7,
        method: "tools/call",
        params: { name: "x" },
      });
      await within(sent.catch(() => {}), 5000, "the request settling");
      assert.equal(transport.pendingRequests, 0);
    } finally {
      await transport.close();
    }
  });

  it("a connection lost before the answer is named as lost, with the URL", async () => {
    await using server = await startFaultServer(mcp((req) => req.socket.destroy()));
    const client = new Client(server.url, { reconnection: false });
    try {
      await client.connect();
      const error = await client.callTool("x", {}).catch((e) => e);
      assert.ok(error instanceof ConnectionError, String(error));
      assert.match(error.message, /the connection to http:\/\/127\.0\.0\.1:\d+\/mcp was lost/);
    } finally {
      await client.close();
    }
  });

  it("a connection lost while reading the answer is named as lost, with the URL", async () => {
    await using server = await startFaultServer(mcp((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"jsonrpc":', () => req.socket.destroy());
    }));
    const client = new Client(server.url, { reconnection: false });
    try {
      await client.connect();
      const error = await client.callTool("x", {}).catch((e) => e);
      assert.ok(error instanceof ConnectionError, String(error));
      assert.match(error.message, /the connection to http:\/\/127\.0\.0\.1:\d+\/mcp was lost/);
    } finally {
      await client.close();
    }
  });
});
