// A minimal SDK v2 `McpServer` over stdio with the same tool `add` (input and output schemas), as
// plain JavaScript run with `node --input-type=module -e`, from the repository root so that it
// resolves the SDK from node_modules.
import { fileURLToPath } from "node:url";
import type { ServerSpec } from "./_clients.ts";

/** The server's source. */
export const SDK_SERVER_SOURCE: string = `
import { McpServer } from "@modelcontextprotocol/server";
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { z } from "zod";
const server = new McpServer({ name: "sdk", version: "1.0.0" });
server.registerTool("add", {
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  outputSchema: z.object({ sum: z.number() }),
}, ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }], structuredContent: { sum: a + b } }));
await server.connect(new StdioServerTransport());
`;

/** The repository root. */
export const ROOT: string = fileURLToPath(new URL("../..", import.meta.url));

/** How to start the SDK server with Node. */
export function sdkServerSpec(): ServerSpec {
  return {
    command: process.execPath,
    args: ["--input-type=module", "-e", SDK_SERVER_SOURCE],
    cwd: ROOT,
  };
}
