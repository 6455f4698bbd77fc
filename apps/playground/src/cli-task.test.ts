// `mcpwire call --task` as a process against server-everything (stdio): `simulate-research-query`
// (taskSupport "required") runs to its result with its status changes on stderr; --timeout and
// Ctrl-C (SIGINT) cancel the task on the server (its "cancelled" status is printed) and exit 3 and
// 130; a tool that does not run as a task is a usage error. The demo server's `research` runs as
// a task too.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { PEERS, runtimeArgs } from "@mcpwire/testing";

const BIN = fileURLToPath(new URL("./bin.ts", import.meta.url));
const README = fileURLToPath(new URL("../README.md", import.meta.url));
const EVERYTHING = PEERS.everything;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `onStderr` sees stderr as it grows and may signal the process. */
function mcpwire(args: string[], onStderr?: (text: string, kill: () => void) => void) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [...runtimeArgs(BIN), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => {
      stderr += d;
      onStderr?.(stderr, () => child.kill("SIGINT"));
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", (e) => (clearTimeout(timer), reject(e)));
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

/** The README's `$ mcpwire call … --task` example as arguments, its `mcp.json` being `config`. */
async function readmeExample(config: string): Promise<string[]> {
  const lines = (await readFile(README, "utf8")).split("\n");
  const line = lines.find((l) => /^\$ mcpwire call \S+ .*--task/.test(l));
  assert.ok(line, "the README shows `$ mcpwire call … --task`");
  return line.replace(/^\$ mcpwire /, "").replace(/\s+#.*$/, "").trim().split(/\s+/)
    .map((arg) => arg === "mcp.json" ? config : arg);
}

describe("mcpwire call --task", { concurrency: 2 }, () => {
  let dir = "";
  let config = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcpwire-task-"));
    config = join(dir, "mcp.json");
    await writeFile(
      config,
      JSON.stringify({ mcpServers: { everything: { command: "node", args: [EVERYTHING] } } }),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const research = (topic: string, ...more: string[]) => [
    "call",
    config,
    "simulate-research-query",
    `topic=${topic}`,
    "--task",
    ...more,
  ];

  it("runs the README's example: status changes on stderr, the result on stdout", async () => {
    const args = await readmeExample(config);
    assert.deepEqual(args, research("tides"));
    const run = await mcpwire(args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /# Research Report: tides/);
    assert.match(run.stderr, /task \S+: working \(Gathering sources\.\.\.\)/);
    assert.match(run.stderr, /task \S+: working \(Generating report\.\.\.\)/);
    assert.match(run.stderr, /task \S+: completed/);
  });

  it("cancels the task when --timeout passes, and exits 3", async () => {
    const run = await mcpwire(research("slow", "--timeout", "1500"));
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /task \S+: cancelled/);
    assert.match(run.stderr, /did not finish within 1500 ms; task \S+ was cancelled/);
    assert.equal(run.stdout, "");
  });

  it("cancels the task on Ctrl-C (SIGINT), and exits 130", async () => {
    let sent = false;
    const run = await mcpwire(research("stop"), (stderr, interrupt) => {
      if (!sent && /: working/.test(stderr)) (sent = true, interrupt());
    });
    assert.ok(sent, run.stderr);
    // Deno's child_process reports a null code for a child it signalled, even when the child
    // handled the signal and exited by itself (see cli.test.ts).
    assert.equal(run.code, "Deno" in globalThis ? null : 130, run.stderr);
    assert.match(run.stderr, /task \S+: cancelled/);
    assert.match(run.stderr, /interrupted; task \S+ was cancelled/);
  });

  it("runs the demo server's research tool as a task", async () => {
    const run = await mcpwire(["call", "demo", "research", "topic=tides", "steps=2", "--task"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), "Report on tides: 2 sources read.");
    assert.match(run.stderr, /task demo-task-\d+: working \(step 2 of 2: reading about tides\)/);
    assert.match(run.stderr, /task demo-task-\d+: completed/);
  });

  it("refuses a tool that does not run as a task (exit 2)", async () => {
    const run = await mcpwire(["call", config, "echo", "message=hi", "--task", "--quiet"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /tool 'echo' does not run as a task/);
  });
});
