// The leak suite's shared part: running a fixture with the current runtime, the workload of
// test/fixtures/leak-run.ts (in a process of its own with the garbage collector exposed, so that
// descriptors and heap are its own and not the test runner's), and what its reports must show.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runtimeCommand } from "@mcpwire/testing";

const FIXTURES = fileURLToPath(new URL("../test/fixtures/", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Requests given up on per round (two rounds), after half as many for warming up. */
export const LEAK_N = 100;
/** Heap growth allowed over one round (a leak of one socket's buffers each is ~30 KB). */
const HEAP_SLACK = LEAK_N * 10 * 1024;
/**
 * Sockets closing late, or idle in the pool until the server closes them. Deno's fetch keeps the
 * connection of a request aborted just as its event-stream headers arrived until the server ends
 * that stream (1–13 of 200 here, none for JSON answers), so Deno gets more; a leak is one per
 * request.
 */
const SOCKET_SLACK = "Deno" in globalThis ? 25 : 5;
/** Upper bounds for a fixture to finish, start-up on a loaded machine included. */
const WORKLOAD_MS = 100_000;
export const EXIT_MS = 45_000;

interface Held {
  fds?: number;
  sockets?: number;
  heap?: number;
  transportPending: number;
  corePending?: number;
}
/** What a workload reports. */
export interface LeakReport {
  n: number;
  ms: number;
  before: Held;
  mid: Held;
  after: Held;
  works: { text: string };
}

/** Runs a fixture with the current runtime; resolves with its stdout once it exits with 0. */
export function runFixture(
  file: string,
  args: string[],
  deadline: number,
  gc = false,
): Promise<{ code: number | null; out: string }> {
  const [cmd, argv] = runtimeCommand(`${FIXTURES}${file}`, { gc });
  const child = spawn(cmd, [...argv, ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (text: string) => (out += text));
  child.stderr!.setEncoding("utf8").on("data", (text: string) => (err = (err + text).slice(-2000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${file} ${args.join(" ")} did not exit within ${deadline} ms: ${out}`));
    }, deadline);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${file} exited with ${code}: ${out}\n${err}`));
      else resolve({ code, out });
    });
  });
}

/**
 * Runs the workload (test/fixtures/leak-run.ts) for `kinds` in one process with the garbage
 * collector exposed, and returns each kind's report.
 */
export async function leakReports(kinds: string[]): Promise<Map<string, LeakReport>> {
  const { out } = await runFixture("leak-run.ts", [String(LEAK_N), ...kinds], WORKLOAD_MS, true);
  const reports = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  return new Map(reports.map((r: LeakReport & { kind: string }) => [r.kind, r]));
}

/** Asserts that a workload's tables, descriptors and heap came back to their baseline. */
export function assertReleased(report: LeakReport): void {
  const { before, after } = report;
  const context = JSON.stringify(report);
  assert.equal(
    before.transportPending,
    0,
    `the transport's in-flight table after warm-up: ${context}`,
  );
  assert.equal(after.transportPending, 0, `the transport's in-flight table: ${context}`);
  assert.equal(after.corePending, 0, `core's pending requests and progress slots: ${context}`);
  if (before.sockets !== undefined && after.sockets !== undefined) {
    assert.ok(after.sockets <= before.sockets + SOCKET_SLACK, `open sockets: ${context}`);
    assert.ok(after.fds! <= before.fds! + SOCKET_SLACK, `open descriptors: ${context}`);
  }
  // Every runtime gets a collector here: Bun has Bun.gc, Node and Deno are started with --expose-gc.
  const { mid } = report;
  assert.ok(
    before.heap !== undefined && mid.heap !== undefined && after.heap !== undefined,
    `no heap figures: ${context}`,
  );
  // A leak grows the heap in both rounds; a one-time cost of the runtime in one only.
  const growth = Math.min(mid.heap - before.heap, after.heap - mid.heap);
  assert.ok(growth < HEAP_SLACK, `heap growth per round: ${context}`);
  assert.equal(report.works.text, "5", "the client still works");
}
