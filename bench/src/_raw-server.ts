// The minimal stdio MCP server every stdio contender talks to: newline-delimited JSON, one tool
// `add` with an output schema, no validation. Run as `node --input-type=module -e <source>` so
// that it starts as fast as a plain .mjs file.

/** The server's source, plain JavaScript. */
export const RAW_SERVER_SOURCE: string = `
import { createInterface } from "node:readline";
import process from "node:process";
const TOOL = {
  name: "add",
  inputSchema: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
  outputSchema: { type: "object", properties: { sum: { type: "number" } }, required: ["sum"] },
};
function answer(m) {
  switch (m.method) {
    case "initialize":
      return { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "raw", version: "1.0.0" } };
    case "tools/list":
      return { tools: [TOOL] };
    case "tools/call": {
      const sum = m.params.arguments.a + m.params.arguments.b;
      return { content: [{ type: "text", text: String(sum) }], structuredContent: { sum } };
    }
    default:
      return {};
  }
}
createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line) return;
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: answer(m) }) + "\\n");
});
`;

/** The command and arguments that start the raw server with the current runtime. */
export function rawServerCommand(): { command: string; args: string[] } {
  if ("Deno" in globalThis) return { command: process.execPath, args: ["eval", RAW_SERVER_SOURCE] };
  return { command: process.execPath, args: ["--input-type=module", "-e", RAW_SERVER_SOURCE] };
}
