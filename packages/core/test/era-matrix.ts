// The protocol-era matrix, shared by eras.test.ts (stdio) and eras-http.test.ts (Streamable HTTP):
// every `protocol` mode against every kind of server (SDK v2 serving both eras, SDK v2 wired the
// 2025 way, SDK v1). Each cell connects and gets a log message during a call, or fails with
// ConnectionError.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
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

/** Polls a condition until it holds, or fails after `ms`. */
export async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts the fixture's HTTP server of one kind with this runtime; resolves with its URL. */
export async function startHttp(kind: Kind, children: ChildProcess[]): Promise<string> {
  const runtimeArgs = "Deno" in globalThis ? ["run", "-A"] : [];
  const child = spawn(process.execPath, [...runtimeArgs, FIXTURE, kind, "http"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
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
