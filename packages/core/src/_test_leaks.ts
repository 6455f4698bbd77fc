// What the leak tests measure: open file descriptors and sockets (Linux), the heap after a full
// garbage collection (where the runtime lets a test force one), and the slow HTTP fixture server.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** Open file descriptors and how many of them are sockets; undefined off Linux. */
export function openFds(): { fds: number; sockets: number } | undefined {
  if (process.platform !== "linux") return undefined;
  let sockets = 0;
  const fds = readdirSync("/proc/self/fd");
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith("socket:")) sockets++;
    } catch {
      // closed while listing (the listing's own descriptor among them)
    }
  }
  return { fds: fds.length, sockets };
}

/**
 * A full garbage collection, or undefined when the runtime was not started with one at hand:
 * Bun always has `Bun.gc(true)`; Node and Deno expose V8's `gc` only when started with
 * `--expose-gc` (Deno: `--v8-flags=--expose-gc`), as {@linkcode runtimeCommand} does with `gc`.
 */
export function collector(): (() => void) | undefined {
  const bun = (globalThis as { Bun?: { gc(full: boolean): void } }).Bun;
  if (bun) return () => bun.gc(true);
  const exposed = (globalThis as { gc?: () => void }).gc;
  return typeof exposed === "function" ? exposed : undefined;
}

/** The heap in use after a full collection, in bytes; undefined where none can be forced. */
export async function heapAfterGc(): Promise<number | undefined> {
  const collect = collector();
  if (!collect) return undefined;
  // Let closed sockets and settled promises run their callbacks before collecting.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    collect();
  }
  return process.memoryUsage().heapUsed;
}

/** A running test/fixtures/slow-http-server.mjs. */
export interface SlowHttpServer {
  url: string;
  child: ChildProcess;
  close(): void;
}

/**
 * Starts test/fixtures/slow-http-server.mjs with `flags`, always on Node: Deno's node:http server
 * resets new connections under a churn of aborted requests, and the server is not under test.
 */
export async function startSlowHttpServer(flags: string[] = []): Promise<SlowHttpServer> {
  const file = fileURLToPath(new URL("../test/fixtures/slow-http-server.mjs", import.meta.url));
  // Its stdin is ours: the server exits when this process does, however it ends.
  const child = spawn("node", [file, ...flags], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const m = /listening on port (\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the HTTP fixture exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, child, close: () => void child.kill() };
}
