import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { inMemoryApp } from "./_test_helpers.ts";
import { serve } from "./serve.ts";

const SCRIPT = fileURLToPath(new URL("../../../examples/python/rest_client.py", import.meta.url));
const hasPython = spawnSync("python3", ["--version"]).status === 0;

function runPython(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("python3", [SCRIPT, ...args], {
      env: { ...env, PATH: globalThis.process.env.PATH ?? "" },
      timeout: 30_000,
    }, (
      err,
      stdout,
      stderr,
    ) => err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout));
  });
}

describe(
  "examples/python/rest_client.py",
  { skip: hasPython ? false : "python3 is not installed" },
  () => {
    it("lists tools, calls one, reads a resource and streams a long call against a live binding", async () => {
      const { app } = inMemoryApp({ apiKeys: ["py-key"] });
      await using server = await serve(app, { port: 0 });
      const out = await runPython([
        server.url,
        "--server",
        "test",
        "--tool",
        "add",
        "--args",
        '{"a": 20, "b": 22}',
        "--stream-tool",
        "slow",
        "--stream-args",
        '{"steps": 3, "delayMs": 20}',
      ], { MCPWIRE_API_KEY: "py-key" });
      const lines = out.trim().split("\n").map((l) => JSON.parse(l));
      assert.ok(lines[0].tools.includes("add"));
      assert.deepEqual(lines[1].call.data, { sum: 42 });
      assert.ok(["hello world", undefined].includes(lines[2].read.text) && lines[2].read.uri);
      const events = lines.filter((l) => l.event).map((l) => l.event);
      assert.equal(events.filter((e) => e === "progress").length, 3);
      assert.equal(events.at(-1), "result");
      assert.equal(lines.at(-1).error, "tool_not_found");
    });
  },
);
