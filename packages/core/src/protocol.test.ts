import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InMemoryTransport } from "@modelcontextprotocol/client";
import { acceptedContent, inputRequired } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { Client, ConnectionError, ToolError } from "./mod.ts";
import { demoServer } from "../test/fixtures/servers.ts";

/** Serves fresh demo servers over an in-memory pair the way a stdio server serves both eras. */
function dualEraPair(): { transport: InMemoryTransport; close: () => Promise<void> } {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = serveStdio(() => {
    const { server } = demoServer();
    // the modern era's way to ask the client: return input_required, read the answer on retry
    server.registerTool("confirm", {}, (ctx) => {
      const answer = acceptedContent(ctx.mcpReq.inputResponses, "who");
      if (!answer) {
        return inputRequired({
          inputRequests: {
            who: inputRequired.elicit({
              message: "Who are you?",
              requestedSchema: { type: "object", properties: { name: { type: "string" } } },
            }),
          },
        });
      }
      return { content: [], structuredContent: answer };
    });
    return server;
  }, { transport: serverSide });
  return { transport: clientSide, close: () => handle.close() };
}

describe("protocol eras", () => {
  it("the default is the legacy handshake (2025-11-25)", async () => {
    await using client = await new Client(demoServer().server).connect();
    assert.equal(client.initializeResult?.protocolVersion, "2025-11-25");
  });

  it("protocol '2026-07-28' speaks the modern era in memory: calls, progress, errors", async () => {
    const pair = dualEraPair();
    try {
      await using client = await new Client(pair.transport, { protocol: "2026-07-28" }).connect();
      assert.equal(client.initializeResult?.protocolVersion, "2026-07-28");
      assert.equal(client.initializeResult?.serverInfo?.name, "demo");
      assert.ok((await client.listTools()).some((t) => t.name === "add"));
      const seen: number[] = [];
      await client.callTool("progress", { steps: 2 }, { onProgress: (p) => void seen.push(p) });
      assert.deepEqual(seen, [1, 2]);
      assert.equal((await client.callTool<{ sum: number }>("add", { a: 1, b: 2 })).data.sum, 3);
      await assert.rejects(client.callTool("fail"), ToolError);
      assert.deepEqual(await client.readResource("docs://readme"), [{
        uri: "docs://readme",
        text: "Read me first.",
      }]);
    } finally {
      await pair.close();
    }
  });

  it("on the modern era, the elicitation handler answers input_required rounds", async () => {
    const pair = dualEraPair();
    try {
      await using client = await new Client(pair.transport, {
        protocol: "2026-07-28",
        elicitationHandler: (message) => ({ name: message === "Who are you?" ? "Ada" : "?" }),
      }).connect();
      assert.deepEqual((await client.callTool("confirm")).data, { name: "Ada" });
    } finally {
      await pair.close();
    }
  });

  it("protocol 'auto' picks the modern era when offered and falls back to legacy otherwise", async () => {
    const pair = dualEraPair();
    try {
      await using modern = await new Client(pair.transport, { protocol: "auto" }).connect();
      assert.equal(modern.initializeResult?.protocolVersion, "2026-07-28");
    } finally {
      await pair.close();
    }
    await using legacy = await new Client(demoServer().server, { protocol: "auto" }).connect();
    assert.equal(legacy.initializeResult?.protocolVersion, "2025-11-25");
  });

  it("pinning the modern era on a legacy-only server is a ConnectionError", async () => {
    await assert.rejects(
      new Client(demoServer().server, { protocol: "2026-07-28" }).connect(),
      (err) => {
        assert.ok(err instanceof ConnectionError);
        assert.match(err.message, /2026-07-28/);
        return true;
      },
    );
  });
});
