// The protocol-era matrix, shared by eras.test.ts (stdio) and eras-http.test.ts (Streamable HTTP):
// every `protocol` mode against every kind of server (SDK v2 serving both eras, SDK v2 wired the
// 2025 way, SDK v1). Each cell connects and gets a log message during a call, or fails with
// ConnectionError.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runJs, waitFor } from "@mcpwire/testing";
import { Client, ConnectionError, type LogMessage, type ProtocolMode } from "../src/mod.ts";

export const FIXTURE: string = fileURLToPath(new URL("./fixtures/era-server.mjs", import.meta.url));
const KINDS = ["modern", "legacy", "v1"] as const;
const MODES: ProtocolMode[] = ["auto", "legacy", "2026-07-28"];
type Kind = typeof KINDS[number];

/** What a cell gives: the negotiated revision, or the error for a modern pin on a legacy server. */
function expected(mode: ProtocolMode, kind: Kind): string {
  if (mode === "legacy") return "2025-11-25";
  if (kind === "modern") return "2026-07-28";
  return mode === "auto" ? "2025-11-25" : "ConnectionError";
}

/** Starts the fixture's HTTP server of one kind with this runtime; resolves with its URL. */
export async function startHttp(kind: Kind, children: ChildProcess[]): Promise<string> {
  const { command, args } = runJs(FIXTURE, kind, "http");
  const child = spawn(command, args, {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => output += d);
  child.stderr!.on("data", (d) => output = (output + d).slice(-2000));
  await waitFor(
    () => /listening on port \d+/.test(output) || child.exitCode !== null,
    `the ${kind} HTTP server's start (${output})`,
    60_000,
  );
  const port = /listening on port (\d+)/.exec(output)?.[1];
  if (!port) throw new Error(`the ${kind} HTTP server exited: ${output}`);
  return `http://127.0.0.1:${port}/mcp`;
}

/** Registers the matrix over one transport. */
export function eraMatrix(transport: "stdio" | "http"): void {
  describe(`protocol eras over ${transport}`, () => {
    const children: ChildProcess[] = [];
    const urls = new Map<Kind, Promise<string>>();
    const url = (kind: Kind) => {
      let started = urls.get(kind);
      if (!started) urls.set(kind, started = startHttp(kind, children));
      return started;
    };
    after(async () => {
      for (const child of children) {
        if (child.exitCode !== null || child.signalCode !== null) continue;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        await exited;
      }
    });
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
            : new Client(await url(kind), options);
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
            await waitFor(() => logs.length > 0, "the log message", 10_000);
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
