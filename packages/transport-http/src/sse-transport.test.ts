import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/client";
import { ConnectionError } from "@mcpwire/core";
import { AuthError, SseTransport, StreamableHttpTransport } from "./mod.ts";
import { freePort, startEverything, startFaultServer } from "./_test_servers.ts";

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
    const closed = new Promise<void>((resolve) => {
      const onerror = transport.onerror;
      transport.onerror = (err) => {
        events.push(err instanceof ConnectionError ? "ConnectionError" : err.name);
        onerror?.(err);
      };
      const onclose = transport.onclose;
      transport.onclose = () => {
        events.push("close");
        onclose?.();
        resolve();
      };
    });
    await server.close();
    await closed;
    assert.deepEqual(events.slice(-2), ["ConnectionError", "close"]);
    await assert.rejects(client.ping());
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
