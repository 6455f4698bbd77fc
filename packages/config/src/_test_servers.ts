/**
 * In-memory MCP servers for the tests: every server exposes the same tool, resource, template and
 * prompt names, so prefixes must keep them apart.
 *
 * @module
 */
import { InMemoryTransport, McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import type { Transport } from "@modelcontextprotocol/client";
import { z } from "zod";

/** Builds a test server whose answers name it. */
export function testServer(name: string): McpServer {
  const server = new McpServer(
    { name: `${name}-server`, version: "1.0.0" },
    { capabilities: { logging: {} }, instructions: `Use ${name} for ${name} things.` },
  );
  server.registerTool("echo", {
    description: "Echoes text",
    inputSchema: z.object({ text: z.string() }),
  }, ({ text }) => ({ content: [{ type: "text", text: `${name}: ${text}` }] }));
  server.registerTool("link", { description: "Links to an icon" }, () => ({
    content: [{ type: "resource_link", uri: `${name}://icons/sunny`, name: "sunny" }],
  }));
  server.registerTool("ask", { description: "Samples and logs" }, async (ctx) => {
    await ctx.mcpReq.log("info", `asking from ${name}`);
    const answer = await ctx.mcpReq.requestSampling({
      messages: [{ role: "user", content: { type: "text", text: `question from ${name}` } }],
      maxTokens: 10,
    });
    const content = Array.isArray(answer.content) ? answer.content[0] : answer.content;
    const text = content?.type === "text" ? content.text : "?";
    return { content: [{ type: "text", text: `${name} got ${text}` }] };
  });
  server.registerTool("grow", { description: "Adds a tool" }, () => {
    server.registerTool("extra", { description: "Added later" }, () => ({ content: [] }));
    return { content: [{ type: "text", text: "grown" }] };
  });
  server.registerTool("count", { description: "Reports progress to 3" }, async (ctx) => {
    const progressToken = ctx.mcpReq._meta?.progressToken;
    for (let progress = 1; progress <= 3 && progressToken !== undefined; progress++) {
      await ctx.mcpReq.notify({
        method: "notifications/progress",
        params: { progressToken, progress, total: 3, message: `${name} step ${progress}` },
      });
    }
    return { content: [{ type: "text", text: "counted" }] };
  });
  server.registerTool("consult", { description: "Elicits and lists roots" }, async (ctx) => {
    const answer = await ctx.mcpReq.elicitInput({
      message: `${name} needs a name`,
      requestedSchema: { type: "object", properties: { who: { type: "string" } } },
    });
    const { roots } = await server.server.listRoots();
    const who = answer.action === "accept" ? answer.content?.who : answer.action;
    return { content: [{ type: "text", text: `${who} @ ${roots.map((r) => r.uri).join(",")}` }] };
  });
  server.registerResource("sunny", `${name}://icons/sunny`, { mimeType: "text/plain" }, (uri) => ({
    contents: [{ uri: uri.href, text: `sunny from ${name}` }],
  }));
  server.registerResource(
    "current",
    new ResourceTemplate(`${name}://{city}/current`, {
      list: undefined,
      complete: { city: (value) => ["Oslo", "Lima", "Paris"].filter((c) => c.startsWith(value)) },
    }),
    { mimeType: "text/plain" },
    (uri, { city }) => ({ contents: [{ uri: uri.href, text: `${name} weather in ${city}` }] }),
  );
  server.registerPrompt("greet", {
    description: "Greets",
    argsSchema: z.object({ who: z.string() }),
  }, ({ who }) => ({
    messages: [{ role: "user", content: { type: "text", text: `${name} greets ${who}` } }],
  }));
  return server;
}

/** Connects a server over an in-memory pair and returns the client side. */
export async function inMemory(server: McpServer): Promise<Transport> {
  const [client, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  return client;
}

/** A transport that accepts messages and never answers. */
export function silentTransport(): Transport {
  const transport: Transport = {
    start: () => Promise.resolve(),
    send: () => Promise.resolve(),
    close: () => {
      transport.onclose?.();
      return Promise.resolve();
    },
  };
  return transport;
}

/** The text of a result's first content block ("" when it is not text). */
export function text(result: { content?: unknown }): string {
  const [block] = (result.content ?? []) as { type: string; text?: string }[];
  return block?.type === "text" ? block.text ?? "" : "";
}
