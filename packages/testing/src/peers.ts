/**
 * The reference servers (dev dependencies of the repo) as tests run them: over stdio with the
 * runtime running the test, or server-everything over HTTP on 127.0.0.1.
 */
import { type ChildProcess, spawn } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.ts";
import { runJs } from "./runtime.ts";

const peer = (name: string) =>
  fileURLToPath(
    new URL(`../../../node_modules/@modelcontextprotocol/${name}/dist/index.js`, import.meta.url),
  );

/** The entry files of server-everything, server-memory and server-filesystem. */
export const PEERS: { everything: string; memory: string; filesystem: string } = {
  everything: peer("server-everything"),
  memory: peer("server-memory"),
  filesystem: peer("server-filesystem"),
};

/** A running server-everything over HTTP. */
export interface RunningServer extends AsyncDisposable {
  /** `…/mcp` for Streamable HTTP, `…/sse` for legacy SSE. */
  url: URL;
  child: ChildProcess;
  /** Kills the server and waits until it exited. */
  close(): Promise<void>;
}

/** How long a server may take to say it listens: a Node start alone takes seconds under load. */
const START_MS = 60_000;

/**
 * Starts server-everything in `streamableHttp` (URL …/mcp) or `sse` (URL …/sse) mode on
 * 127.0.0.1. A server that exits before it listens (a parallel test took its port between
 * `freePort()` and its `listen()`) is started once more on a new port, unless `port` was given.
 *
 * @throws {Error} naming the mode, the port and the server's last output when it does not start
 */
export async function startEverything(
  mode: "streamableHttp" | "sse" = "streamableHttp",
  port?: number,
): Promise<RunningServer> {
  try {
    return await launch(mode, port ?? await freePort());
  } catch (error) {
    if (port !== undefined || !(error as { exited?: boolean }).exited) throw error;
    return await launch(mode, await freePort());
  }
}

async function launch(mode: "streamableHttp" | "sse", port: number): Promise<RunningServer> {
  const { command, args } = runJs(PEERS.everything, mode);
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: unknown) => output = (output + chunk).slice(-2000);
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = new URL(`http://127.0.0.1:${port}/${mode === "sse" ? "sse" : "mcp"}`);
  const close = () => stop(child);
  // Ready when the child itself says it listens (in its listen callback): a probe of the port
  // could be answered by another test's server that took the port first.
  const deadline = Date.now() + START_MS;
  const listening = new RegExp(` on port ${port}\\b`);
  while (!listening.test(output)) {
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (exited || Date.now() > deadline) {
      await close();
      const how = exited
        ? `exited (code ${child.exitCode}, signal ${child.signalCode})`
        : `did not say it listens within ${START_MS / 1000} s`;
      throw Object.assign(
        new Error(`server-everything ${mode} on port ${port} ${how}: ${output.slice(-500)}`),
        { exited },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, child, close, [Symbol.asyncDispose]: close };
}

/** Kills a child process and waits for its exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}
