// Test helpers: free ports, launching server-everything with the current runtime, and small
// node:http fault servers. Everything binds or connects to 127.0.0.1 only.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const EVERYTHING = fileURLToPath(
  new URL(
    "../../../node_modules/@modelcontextprotocol/server-everything/dist/index.js",
    import.meta.url,
  ),
);

/** The command that runs a JS/TS file with the runtime running this test. */
export function runtimeCommand(file: string): [string, string[]] {
  if ("Deno" in globalThis) return [process.execPath, ["run", "-A", file]];
  if ("Bun" in globalThis) return [process.execPath, [file]];
  return [process.execPath, ["--import", "tsx", file]];
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running server-everything. */
export interface RunningServer extends AsyncDisposable {
  url: URL;
  child: ChildProcess;
  close(): Promise<void>;
}

/**
 * Starts server-everything in `streamableHttp` (URL …/mcp) or `sse` (URL …/sse) mode. A server
 * that exits before it listens (its port taken between `freePort()` and its `listen()` by a
 * parallel test) is started once more on a new port, unless the port was given.
 */
export async function startEverything(
  mode: "streamableHttp" | "sse",
  port?: number,
): Promise<RunningServer> {
  try {
    return await launchEverything(mode, port ?? await freePort());
  } catch (error) {
    if (port !== undefined || !(error as { exited?: boolean }).exited) throw error;
    return await launchEverything(mode, await freePort());
  }
}

async function launchEverything(
  mode: "streamableHttp" | "sse",
  port: number,
): Promise<RunningServer> {
  const [cmd, args] = runtimeCommand(EVERYTHING);
  const child = spawn(cmd, [...args, mode], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (d: unknown) => output = (output + d).slice(-2000);
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = new URL(`http://127.0.0.1:${port}/${mode === "sse" ? "sse" : "mcp"}`);
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  // Ready when the child itself says it listens (in its listen callback): a probe of the port
  // could be answered by another test's server that took the port first. Generous deadline: on a
  // loaded 2-core machine a Node start alone can take seconds.
  const deadline = Date.now() + 60_000;
  const listening = new RegExp(` on port ${port}\\b`);
  while (!listening.test(output)) {
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (exited || Date.now() > deadline) {
      await close();
      const how = exited
        ? `exited (code ${child.exitCode}, signal ${child.signalCode})`
        : "did not say it listens within 60 s";
      throw Object.assign(
        new Error(`server-everything ${mode} on port ${port} ${how}: ${output.slice(-500)}`),
        { exited },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, child, close, [Symbol.asyncDispose]: close };
}

/** A node:http server on 127.0.0.1 with a handler written by the test. */
export interface FaultServer extends AsyncDisposable {
  url: URL;
  server: Server;
  requests: { method: string; headers: IncomingMessage["headers"]; body: string }[];
  close(): Promise<void>;
}

/** Starts a fault server at `/mcp`; the handler gets the parsed JSON body (or undefined). */
export async function startFaultServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: unknown) => void | Promise<void>,
): Promise<FaultServer> {
  const requests: FaultServer["requests"] = [];
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    requests.push({ method: req.method ?? "", headers: req.headers, body: raw });
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    try {
      await handler(req, res, body);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  };
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    server,
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Answers a JSON-RPC request with a JSON body. */
export function json(
  res: ServerResponse,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** A minimal initialize result. */
export function initializeResult(id: unknown, protocolVersion = "2025-06-18"): unknown {
  return {
    jsonrpc: "2.0",
    id,
    result: {
      protocolVersion,
      capabilities: { tools: {} },
      serverInfo: { name: "fault", version: "1.0.0" },
    },
  };
}
