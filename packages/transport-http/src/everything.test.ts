import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/client";
import { Client as McpwireClient } from "@mcpwire/core";
import { createUrlTransport, SseTransport, StreamableHttpTransport } from "./mod.ts";
import { startEverything } from "@mcpwire/testing";

function featureClient(): Client {
  const client = new Client({ name: "mcpwire-test", version: "1.0.0" }, {
    capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } },
  });
  client.setRequestHandler("sampling/createMessage", () => ({
    role: "assistant",
    model: "test-model",
    content: { type: "text", text: "sampled!" },
  }));
  client.setRequestHandler("elicitation/create", () => ({
    action: "accept",
    content: { name: "Ada", check: true, email: "ada@example.com" },
  }));
  client.setRequestHandler("roots/list", () => ({ roots: [{ uri: "file:///tmp", name: "tmp" }] }));
  return client;
}

function waitFor<T>(
  what: string,
  ms: number,
  register: (done: (v: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
    register((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

for (const mode of ["streamableHttp", "sse"] as const) {
  describe(`server-everything over ${mode}`, () => {
    it(`createUrlTransport() picks the ${mode} transport and every MCP feature works`, async () => {
      await using server = await startEverything(mode);
      const transport = createUrlTransport(server.url, { timeout: 10_000 });
      assert.ok(transport instanceof (mode === "sse" ? SseTransport : StreamableHttpTransport));
      const client = featureClient();
      const logged = waitFor<unknown>(
        "log message",
        5000,
        (done) => client.setNotificationHandler("notifications/message", (n) => done(n.params)),
      );
      await client.connect(transport);
      try {
        if (transport instanceof StreamableHttpTransport) assert.ok(transport.sessionId);
        // tools
        const echo = await client.callTool({ name: "echo", arguments: { message: "hi" } });
        assert.deepEqual(echo.content, [{ type: "text", text: "Echo: hi" }]);
        const sum = await client.callTool({ name: "get-sum", arguments: { a: 2, b: 3 } });
        assert.match(JSON.stringify(sum.content), /5/);
        // resources and prompts
        const resources = await client.listResources();
        assert.ok(resources.resources.length > 0);
        const read = await client.readResource({ uri: "demo://resource/dynamic/text/1" });
        assert.ok(read.contents.length > 0);
        const prompt = await client.getPrompt({
          name: "args-prompt",
          arguments: { city: "Paris" },
        });
        assert.match(JSON.stringify(prompt.messages), /Paris/);
        // progress
        const progress: number[] = [];
        await client.callTool(
          { name: "trigger-long-running-operation", arguments: { duration: 0.3, steps: 3 } },
          { onprogress: (p) => progress.push(p.progress) },
        );
        assert.ok(progress.length >= 2, `progress: ${progress}`);
        // server-to-client requests: the tools appear after initialization
        const tools = (await client.listTools()).tools.map((t) => t.name);
        assert.ok(tools.includes("trigger-sampling-request"), tools.join());
        const sampled = await client.callTool({
          name: "trigger-sampling-request",
          arguments: { prompt: "hello" },
        });
        assert.match(JSON.stringify(sampled.content), /sampled!/);
        const elicited = await client.callTool({
          name: "trigger-elicitation-request",
          arguments: {},
        });
        assert.match(JSON.stringify(elicited.content), /Ada/);
        const roots = await client.callTool({ name: "get-roots-list", arguments: {} });
        assert.match(JSON.stringify(roots.content), /file:\/\/\/tmp/);
        // logging and subscriptions
        await client.setLoggingLevel("debug");
        await client.callTool({ name: "toggle-simulated-logging", arguments: {} });
        assert.ok(await logged);
        const uri = "demo://resource/static/document/architecture.md";
        const updated = waitFor<unknown>(
          "resource update",
          5000,
          (done) =>
            client.setNotificationHandler("notifications/resources/updated", (n) => done(n.params)),
        );
        await client.subscribeResource({ uri });
        await client.callTool({ name: "toggle-subscriber-updates", arguments: {} });
        assert.deepEqual(await updated, { uri });
        await client.unsubscribeResource({ uri });
      } finally {
        await client.close();
      }
    });
  });
}

describe("mcpwire's Client with a URL source", () => {
  it("new Client(url) loads this package and calls a tool over Streamable HTTP and SSE", async () => {
    for (const mode of ["streamableHttp", "sse"] as const) {
      await using server = await startEverything(mode);
      await using client = await new McpwireClient(server.url.href, { timeout: 10_000 }).connect();
      const result = await client.callTool("echo", { message: mode });
      assert.deepEqual(result.content, [{ type: "text", text: `Echo: ${mode}` }]);
    }
  });
});

describe("StreamableHttpTransport and a server restart", () => {
  it("re-initializes the forgotten session and the next call succeeds", async () => {
    const first = await startEverything("streamableHttp");
    let second: Awaited<ReturnType<typeof startEverything>> | undefined;
    const transport = new StreamableHttpTransport(first.url);
    let restarts = 0;
    transport.onsessionrestart = () => restarts++;
    const client = new Client({ name: "restart-test", version: "1.0.0" });
    try {
      await client.connect(transport);
      const before = transport.sessionId;
      await client.callTool({ name: "echo", arguments: { message: "one" } });
      await first.close();
      second = await startEverything("streamableHttp", Number(first.url.port));
      const echo = await client.callTool({ name: "echo", arguments: { message: "two" } });
      assert.deepEqual(echo.content, [{ type: "text", text: "Echo: two" }]);
      assert.equal(restarts, 1);
      assert.notEqual(transport.sessionId, before);
    } finally {
      await client.close();
      await first.close();
      await second?.close();
    }
  });
});
