/**
 * Real MCP servers for the tests (from dev dependencies), launched with the runtime running the
 * test. HTTP is reached on 127.0.0.1 only.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import process from "node:process";
import { fileURLToPath } from "node:url";

const peer = (name: string) =>
  fileURLToPath(
    new URL(`../../../node_modules/@modelcontextprotocol/${name}/dist/index.js`, import.meta.url),
  );

/** server-everything, server-memory and server-filesystem entry files. */
export const PEERS: { everything: string; memory: string; filesystem: string } = {
  everything: peer("server-everything"),
  memory: peer("server-memory"),
  filesystem: peer("server-filesystem"),
};

/** The command and arguments that run a JavaScript file with the current runtime. */
export function runJs(file: string, ...args: string[]): { command: string; args: string[] } {
  const runtimeArgs = "Deno" in globalThis ? ["run", "-A"] : [];
  return { command: process.execPath, args: [...runtimeArgs, file, ...args] };
}

/** A running server-everything over Streamable HTTP. */
export interface HttpPeer extends AsyncDisposable {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts server-everything in Streamable HTTP mode and waits until it listens; once more on a new
 * port when it exits first (a parallel test took the port between `freePort()` and `listen()`).
 */
export async function startEverythingHttp(retry = true): Promise<HttpPeer> {
  const port = await freePort();
  const { command, args } = runJs(PEERS.everything, "streamableHttp");
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: unknown) => output = (output + chunk).slice(-2000);
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const close = () => stop(child);
  // Ready when the child itself says it listens (in its listen callback): a probe of the port
  // could be answered by another test's server that took the port first. Generous deadline: on a
  // loaded 2-core machine a Node start alone can take seconds.
  const deadline = Date.now() + 60_000;
  const listening = new RegExp(` on port ${port}\\b`);
  while (!listening.test(output)) {
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (exited && retry) return await startEverythingHttp(false);
    if (exited || Date.now() > deadline) {
      await close();
      throw new Error(
        `server-everything (HTTP) on port ${port} did not start: ${output.slice(-500)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `http://127.0.0.1:${port}/mcp`, close, [Symbol.asyncDispose]: close };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
