import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runtimeArgs } from "@mcpwire/testing";

const BIN = fileURLToPath(new URL("./bin.ts", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../test/fixtures/demo-stdio.ts", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function mcpwire(...args: string[]): Promise<Run> {
  return mcpwireWithInput(undefined, ...args);
}

function mcpwireWithInput(input: string | undefined, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...runtimeArgs(BIN), ...args], {
      env: { ...process.env, NO_COLOR: "1" },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", (e) => (clearTimeout(timer), reject(e)));
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

/** Starts a serving subcommand, waits for the URL it prints, and stops it with SIGTERM. */
async function serving(
  args: string[],
  use: (url: string) => Promise<void>,
): Promise<number | null> {
  const child = spawn(process.execPath, [...runtimeArgs(BIN), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code))
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      const timer = setTimeout(() => reject(new Error(`no URL in time: ${stderr}`)), 60_000);
      child.stderr.on("data", (d) => (stderr += d));
      child.stdout.on("data", (d) => {
        stdout += d;
        const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
        if (found) (clearTimeout(timer), resolve(found));
      });
      child.on("close", () => (clearTimeout(timer), reject(new Error(`exited: ${stderr}`))));
    });
    await use(url);
  } finally {
    child.kill("SIGTERM");
  }
  return await exited;
}

// The tests spawn the CLI and wait on it: three run side by side, so the file stays under the
// per-file time limit on a loaded machine.
describe("mcpwire CLI", { concurrency: 3 }, () => {
  let dir = "";
  let config = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcpwire-cli-"));
    config = join(dir, "mcp.json");
    const [command, ...args] = [process.execPath, ...runtimeArgs(FIXTURE)];
    await writeFile(config, JSON.stringify({ mcpServers: { files: { command, args } } }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("read, prompt and complete work against a stdio server file", async () => {
    const [read, complete] = await Promise.all([
      mcpwire("read", FIXTURE, "demo://notes/1"),
      mcpwire("complete", FIXTURE, "demo://notes/{id}", "id", "4"),
    ]);
    assert.equal(read.code, 0, read.stderr);
    assert.equal(read.stdout, "Buy milk\n");
    assert.equal(complete.stdout, "42\n");
  });

  it("picks a server of a config with --server", async () => {
    const [prompt, missing] = await Promise.all([
      mcpwire("prompt", config, "greeting", "name=Ada", "--server", "files"),
      mcpwire("tools", config, "--server", "nope"),
    ]);
    assert.equal(prompt.code, 0, prompt.stderr);
    assert.equal(prompt.stdout, "user: Write a casual greeting for Ada.\n");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^mcpwire: .*has no server 'nope' \(servers: files\)\n$/);
  });

  it("answers elicitation and sampling from the terminal with --interactive", async () => {
    const [elicited, sampled] = await Promise.all([
      mcpwireWithInput("Ada\ny\n", "call", "demo", "ask_name", "--interactive"),
      mcpwireWithInput("Short.\n", "call", "demo", "summarize", "text=long", "--interactive"),
    ]);
    assert.equal(elicited.code, 0, elicited.stderr);
    assert.equal(elicited.stdout, "Good day, Ada.\n");
    assert.match(elicited.stderr, /What is your name\?/);
    assert.equal(sampled.code, 0, sampled.stderr);
    assert.equal(sampled.stdout, "Summary (mcpwire): Short.\n");
    assert.match(sampled.stderr, /user: Summarize:/);
  });

  it("playground and serve-rest serve until SIGTERM, then exit 0", async () => {
    const [playground, rest] = await Promise.all([
      serving(["playground", "--port", "0"], async (url) => {
        assert.match(await (await fetch(url)).text(), /mcpwire playground/);
      }),
      serving(["serve-rest", "demo", "--port", "0"], async (url) => {
        const response = await fetch(`${url}/v1/servers/demo/tools/add`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ a: 1, b: 4 }),
        });
        assert.deepEqual((await response.json()).data, { sum: 5 });
      }),
    ]);
    // Deno's child_process reports a null code for a child it sent a signal to, even when the
    // child handled the signal and exited 0 itself; Node and Bun report the child's own code.
    const expected = "Deno" in globalThis ? null : 0;
    assert.equal(playground, expected);
    assert.equal(rest, expected);
  });

  it("exits non-zero with one line: bad argument 2, tool error 5, unreachable 4", async () => {
    const [bad, failed, unreachable] = await Promise.all([
      mcpwire("call", "demo", "add", "a=x", "b=1"),
      mcpwire("call", "demo", "fail", "message=boom"),
      mcpwire("tools", join(dir, "missing.ts")),
    ]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, "mcpwire: argument 'a' must be a number, got 'x'\n");
    assert.equal(failed.code, 5);
    assert.equal(failed.stderr, "mcpwire: tool 'fail' reported an error: boom\n");
    assert.equal(unreachable.code, 4);
    assert.equal(unreachable.stderr.trim().split("\n").length, 1, unreachable.stderr);
  });
});
