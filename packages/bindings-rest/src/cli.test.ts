import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { PEERS, runtimeArgs } from "@mcpwire/testing";

const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));
const EVERYTHING = PEERS.everything;

function startCli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(globalThis.process.execPath, [...runtimeArgs(CLI), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...globalThis.process.env, MCPWIRE_API_KEYS: "", ...env },
  });
  let text = "";
  const output = new Promise<string>((resolve) => {
    const onData = (chunk: Buffer) => {
      text += chunk;
      if (/listening on|refusing|usage/.test(text)) resolve(text);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", () => resolve(text));
  });
  return { child, output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

describe("mcpwire-rest CLI", () => {
  it("serves a config file and answers calls", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "mcpwire-rest-cli-"));
    const config = join(dir, "mcp.json");
    // JSON with comments, as editors write it.
    await writeFile(
      config,
      `{ // servers\n "mcpServers": { "everything": { "command": "node", "args": ["${EVERYTHING}"] } } }`,
    );
    const { child, output } = startCli(["--config", config, "--port", "0", "--api-key", "cli-key"]);
    try {
      const text = await output;
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      assert.ok(url, text);
      assert.match(text, /everything: connected/);
      const res = await fetch(`${url}/v1/servers/everything/tools/get-sum`, {
        method: "POST",
        headers: { authorization: "Bearer cli-key", "content-type": "application/json" },
        body: '{"a": 1, "b": 2}',
      });
      assert.equal(res.status, 200);
      assert.match(JSON.stringify(await res.json()), /The sum of 1 and 2 is 3/);
      assert.equal((await fetch(`${url}/v1/servers`)).status, 401);
    } finally {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses another interface without API keys", { timeout: 60_000 }, async () => {
    const { child, output } = startCli([EVERYTHING, "--host", "0.0.0.0", "--port", "0"]);
    try {
      assert.match(await output, /refusing to serve on 0\.0\.0\.0 without API keys/);
    } finally {
      await stop(child);
    }
  });

  it("prints its usage without a source", { timeout: 60_000 }, async () => {
    const { child, output } = startCli([]);
    try {
      assert.match(await output, /usage: mcpwire-rest/);
    } finally {
      await stop(child);
    }
  });

  it(
    "does not start when another script named cli.js imports it",
    { timeout: 60_000 },
    async () => {
      const other = fileURLToPath(new URL("../test/fixtures/other-cli/cli.js", import.meta.url));
      const args = runtimeArgs(other);
      // Node runs the .js file as it is; the .ts file it imports needs the loader.
      if (!("Deno" in globalThis) && !("Bun" in globalThis)) args.splice(-1, 0, "--import", "tsx");
      const child = spawn(globalThis.process.execPath, args, {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...globalThis.process.env, MCPWIRE_API_KEYS: "" },
      });
      try {
        let text = "";
        child.stdout!.on("data", (chunk: Buffer) => (text += chunk));
        child.stderr!.on("data", (chunk: Buffer) => (text += chunk));
        const code = await new Promise((r) => child.once("exit", r));
        assert.equal(code, 0, text);
        assert.match(text, /imported function/);
        assert.doesNotMatch(text, /usage|listening/);
      } finally {
        await stop(child);
      }
    },
  );
});
