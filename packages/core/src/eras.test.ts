// The protocol-era matrix: every `protocol` mode against every kind of server (SDK v2 serving both
// eras, SDK v2 wired the 2025 way, SDK v1), over a real stdio pipe and real loopback Streamable
// HTTP. Each cell connects and gets a log message during a call, or fails with ConnectionError.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { InMemoryTransport, type JSONRPCMessage } from "@modelcontextprotocol/client";
import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import {
  Client,
  ConnectionError,
  type LogMessage,
  type ProtocolMode,
  type Transport,
} from "./mod.ts";
import { runtimeCommand } from "../../transport-http/src/_test_servers.ts";

const FIXTURE = fileURLToPath(new URL("../test/fixtures/era-server.ts", import.meta.url));
const KINDS = ["modern", "legacy", "v1"] as const;
const MODES: ProtocolMode[] = ["auto", "legacy", "2026-07-28"];
type Kind = typeof KINDS[number];

/** What a cell gives: the negotiated revision, or the error for a modern pin on a legacy server. */
function expected(mode: ProtocolMode, kind: Kind): string {
  if (mode === "legacy") return "2025-11-25";
  if (kind === "modern") return "2026-07-28";
  return mode === "auto" ? "2025-11-25" : "ConnectionError";
}

/** Polls a condition until it holds, or fails after `ms`. */
async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const servers: ChildProcess[] = [];
after(async () => {
  for (const child of servers) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
});

const urls = new Map<Kind, Promise<string>>();
/** The URL of the HTTP server of one kind, started on first use (closed after all tests). */
function httpServer(kind: Kind): Promise<string> {
  let url = urls.get(kind);
  if (!url) urls.set(kind, url = startHttp(kind));
  return url;
}

async function startHttp(kind: Kind): Promise<string> {
  const [command, args] = runtimeCommand(FIXTURE);
  const child = spawn(command, [...args, kind, "http"], { stdio: ["ignore", "pipe", "pipe"] });
  servers.push(child);
  let output = "";
  child.stdout!.on("data", (d) => output += d);
  child.stderr!.on("data", (d) => output = (output + d).slice(-2000));
  await waitFor(
    () => /listening on port \d+/.test(output) || child.exitCode !== null,
    60_000,
    `the ${kind} HTTP server's start (${output})`,
  );
  const port = /listening on port (\d+)/.exec(output)?.[1];
  if (!port) throw new Error(`the ${kind} HTTP server exited: ${output}`);
  return `http://127.0.0.1:${port}/mcp`;
}

for (const transport of ["stdio", "http"] as const) {
  describe(`protocol eras over ${transport}`, () => {
    for (const kind of KINDS) {
      for (const mode of MODES) {
        const want = expected(mode, kind);
        it(`protocol '${mode}' against the ${kind} server: ${want}`, async () => {
          const logs: LogMessage[] = [];
          const options = {
            protocol: mode,
            timeout: 30_000,
            logHandler: (message: LogMessage) => void logs.push(message),
          };
          const client = transport === "stdio"
            ? new Client(FIXTURE, { ...options, args: [kind, "stdio"], stderr: "ignore" })
            : new Client(await httpServer(kind), options);
          try {
            if (want === "ConnectionError") {
              await assert.rejects(client.connect(), (error) => {
                assert.ok(error instanceof ConnectionError, String(error));
                assert.match(error.message, /2026-07-28|server\/discover|negotiat/i);
                return true;
              });
              return;
            }
            await client.connect();
            assert.equal(client.initializeResult?.protocolVersion, want);
            const result = await client.callTool("log");
            assert.deepEqual(result.content, [{ type: "text", text: "logged" }]);
            await waitFor(() => logs.length > 0, 10_000, "the log message");
            assert.equal(logs[0]?.level, "info");
            assert.match(String(logs[0]?.data), new RegExp(`hello from ${kind}`));
          } finally {
            await client.close();
          }
        });
      }
    }
  });
}

/** A server serving both eras over an in-memory pair; its `log` tool logs at info and error. */
function dualEra(): { transport: InMemoryTransport; close: () => Promise<void> } {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = serveStdio(() => {
    const server = new McpServer({ name: "dual", version: "1.0.0" }, {
      capabilities: { logging: {} },
    });
    server.registerTool("log", {}, async (ctx) => {
      await ctx.mcpReq.log("info", "an info message");
      await ctx.mcpReq.log("error", "an error message");
      return { content: [] };
    });
    server.registerTool("quick", {}, () => ({ content: [{ type: "text", text: "done" }] }));
    return server;
  }, { transport: serverSide });
  return { transport: clientSide, close: () => handle.close() };
}

/** Delays the answers to `tools/list` by `ms` (a slow listing), passing everything else on. */
function slowListing(inner: Transport, ms: number): Transport {
  const listing = new Set<unknown>();
  const wrapper: Transport = {
    start: () => inner.start(),
    close: () => inner.close(),
    send(message, options) {
      const { method, id } = message as { method?: string; id?: unknown };
      if (method === "tools/list") listing.add(id);
      return inner.send(message, options);
    },
  };
  inner.onmessage = (message: JSONRPCMessage, extra) => {
    const deliver = () => wrapper.onmessage?.(message, extra);
    if (listing.has((message as { id?: unknown }).id)) setTimeout(deliver, ms);
    else deliver();
  };
  inner.onclose = () => wrapper.onclose?.();
  inner.onerror = (error) => wrapper.onerror?.(error);
  return wrapper;
}

describe("protocol eras in memory", () => {
  it("on the modern era, setLoggingLevel() sets the level every request carries", async () => {
    const pair = dualEra();
    try {
      const logs: string[] = [];
      await using client = await new Client(pair.transport, {
        protocol: "2026-07-28",
        logHandler: (message) => void logs.push(message.level),
      }).connect();
      await client.callTool("log");
      assert.deepEqual(logs, ["info", "error"], "a logHandler asks for every level");
      await client.setLoggingLevel("error");
      await client.callTool("log");
      assert.deepEqual(logs, ["info", "error", "error"]);
    } finally {
      await pair.close();
    }
  });

  for (const protocol of ["legacy", "2026-07-28"] as const) {
    it(`the first call's timeout covers only that call, not the implicit tools/list (${protocol})`, async () => {
      const pair = dualEra();
      try {
        const transport = slowListing(pair.transport, 1500);
        await using client = await new Client(transport, { protocol }).connect();
        const result = await client.callTool("quick", {}, { timeout: 1000 });
        assert.deepEqual(result.content, [{ type: "text", text: "done" }]);
      } finally {
        await pair.close();
      }
    });
  }
});
