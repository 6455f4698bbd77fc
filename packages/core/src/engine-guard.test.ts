// Guards of the one request engine (README "How requests travel"): the hot paths — initialize,
// tools/list and tools/call over stdio and Streamable HTTP — are counted by the engine, and a first
// result over stdio loads neither the SDK's client runtime nor zod.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { Client, type ProtocolMode } from "./mod.ts";
import { ENGINE_REQUESTS } from "./_engine.ts";
import { FIXTURE, startHttp } from "../test/era-matrix.ts";

const HOT = ["initialize", "tools/list", "tools/call"] as const;

function counts(): Record<string, number> {
  return Object.fromEntries(HOT.map((m) => [m, ENGINE_REQUESTS.get(m) ?? 0]));
}

describe("the hot paths run on the request engine", () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  });
  for (const transport of ["stdio", "http"] as const) {
    for (const protocol of ["legacy", "auto"] as ProtocolMode[]) {
      it(`protocol '${protocol}' over ${transport}: the engine sends tools/list and every tools/call`, async () => {
        const client = transport === "stdio"
          ? new Client(FIXTURE, { protocol, args: ["legacy", "stdio"], stderr: "ignore" })
          : new Client(await startHttp("legacy", children), { protocol });
        const before = counts();
        try {
          await client.connect();
          await client.listTools();
          for (let i = 0; i < 3; i++) await client.callTool("log");
        } finally {
          await client.close();
        }
        const after = counts();
        const sent = Object.fromEntries(HOT.map((m) => [m, after[m]! - before[m]!]));
        // 'auto' negotiates with the SDK Client (its initialize); then the legacy era is the engine's
        const initialize = protocol === "legacy" ? 1 : 0;
        assert.deepEqual(sent, { initialize, "tools/list": 1, "tools/call": 3 });
      });
    }
  }
});

describe("lazy start", () => {
  const node = !("Deno" in globalThis) && !("Bun" in globalThis);
  it("a first result over stdio loads neither @modelcontextprotocol/client nor zod", {
    skip: node ? false : "traces module loading with Node's module hooks",
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpwire-lazy-"));
    const trace = join(dir, "trace.txt");
    const fixture = (name: string) =>
      fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url));
    try {
      const child = spawn(process.execPath, [
        "--conditions=@mcpwire/source",
        "--import",
        "tsx",
        "--import",
        fixture("trace-imports.mjs"),
        fixture("first-call.ts"),
        FIXTURE,
        "legacy",
        "stdio",
      ], { env: { ...process.env, MCPWIRE_TRACE_FILE: trace }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout!.on("data", (d) => out += d);
      child.stderr!.on("data", (d) => out += d);
      const code = await new Promise((resolve) => child.once("exit", resolve));
      assert.equal(code, 0, out);
      assert.match(out, /logged/);
      const loaded = readFileSync(trace, "utf8").split("\n");
      assert.ok(loaded.some((url) => url.includes("/packages/core/src/_engine.ts")), "traced");
      const sdk = loaded.filter((url) =>
        /@modelcontextprotocol\/(client|core)\/|\/zod\//.test(url)
      );
      assert.deepEqual(sdk, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
