import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createRestApp } from "./app.ts";
import { serve } from "./serve.ts";
import { PEERS } from "@mcpwire/testing";

const README = fileURLToPath(new URL("../README.md", import.meta.url));
const EVERYTHING = PEERS.everything;
const KEY = "readme-key";

/** The `curl` lines of the README's curl block. */
async function curlExamples(): Promise<string[]> {
  const text = await readFile(README, "utf8");
  const block = text.split("## curl")[1]!.split("```sh")[1]!.split("```")[0]!;
  return block.split("\n").filter((line) => line.startsWith("curl "));
}

/** The README's tasks block, as one script (its commands share a variable). */
async function tasksScript(): Promise<string> {
  const text = await readFile(README, "utf8");
  return text.split("## Tasks: long calls as jobs")[1]!.split("```sh")[1]!.split("```")[0]!;
}

function sh(command: string, cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      "sh",
      ["-c", command],
      {
        cwd,
        timeout: 60_000,
        env: { PATH: globalThis.process.env.PATH ?? "", MCPWIRE_API_KEY: KEY },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe("README curl examples", () => {
  it("all run against server-everything and answer as described", { timeout: 90_000 }, async () => {
    const commands = await curlExamples();
    assert.ok(commands.length >= 12, `found ${commands.length} curl commands`);
    const app = createRestApp({
      mcpServers: { everything: { command: "node", args: [EVERYTHING] } },
    }, {
      apiKeys: [KEY],
    });
    const dir = await mkdtemp(join(tmpdir(), "mcpwire-rest-readme-"));
    try {
      await using server = await serve(app, { port: 0 });
      for (const command of commands) {
        const { code, out } = await sh(
          command.replaceAll("http://127.0.0.1:8787", server.url),
          dir,
        );
        assert.equal(code, 0, `${command}\n${out}`);
        assert.ok(out.length > 0 || command.includes(" -o "), command);
        if (command.includes("trigger-long-running-operation")) assert.match(out, /event: result/);
        if (command.includes("get-sum")) assert.match(out, /The sum of 2 and 3 is 5/);
        if (command.includes("view=data")) {
          assert.deepEqual(Object.keys(JSON.parse(out)).sort(), [
            "conditions",
            "humidity",
            "temperature",
          ]);
        }
        if (command.includes("text/markdown")) assert.match(out, /^# /);
        if (command.includes("no-such-tool")) assert.equal(JSON.parse(out).code, "tool_not_found");
      }
      const doc = JSON.parse(await readFile(join(dir, "openapi.json"), "utf8"));
      assert.equal(doc.openapi, "3.1.0");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("README tasks example", () => {
  it(
    "starts a task, polls it, gets its result and cancels another",
    { timeout: 90_000 },
    async () => {
      const script = await tasksScript();
      assert.match(script, /mode=task/);
      const app = createRestApp({
        mcpServers: { everything: { command: "node", args: [EVERYTHING] } },
      }, { apiKeys: [KEY] });
      const dir = await mkdtemp(join(tmpdir(), "mcpwire-rest-readme-"));
      try {
        await using server = await serve(app, { port: 0 });
        const { code, out } = await sh(
          "set -e\n" + script.replaceAll("http://127.0.0.1:8787", server.url),
          dir,
        );
        assert.equal(code, 0, out);
        assert.match(out, /"status":"(working|completed)"/);
        assert.match(out, /Research Report: tides/);
        assert.match(out, /"status":"cancelled"/);
        assert.match(await readFile(join(dir, "headers.txt"), "utf8"), /^HTTP\/1\.1 202/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
