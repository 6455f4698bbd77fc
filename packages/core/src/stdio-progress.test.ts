// The arrival-order progress fix over a real pipe: server-everything launched through the SDK's own
// stdio transport, given to Client as a transport object (no mcpwire transport package involved).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { Client } from "./mod.ts";

const EVERYTHING = createRequire(import.meta.url).resolve(
  "@modelcontextprotocol/server-everything/dist/index.js",
);

function everythingTransport(): StdioClientTransport {
  const runtimeArgs = "Deno" in globalThis ? ["run", "-A"] : [];
  return new StdioClientTransport({
    command: process.execPath,
    args: [...runtimeArgs, EVERYTHING, "stdio"],
    stderr: "ignore",
  });
}

describe("progress over stdio", () => {
  it("every progress notification of server-everything's long operation arrives, the last included", async () => {
    const client = new Client(everythingTransport(), { timeout: 30_000 });
    try {
      await client.connect();
      for (let run = 0; run < 5; run++) {
        const seen: [number, number | undefined][] = [];
        await client.callTool("trigger-long-running-operation", { duration: 0.05, steps: 5 }, {
          onProgress: (progress, total) => void seen.push([progress, total]),
        });
        assert.deepEqual(seen, [[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]], `run ${run}`);
      }
    } finally {
      await client.close();
    }
  });
});
