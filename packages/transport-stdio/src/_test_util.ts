// Helpers shared by this package's tests (not published).
import { readFileSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { Client, type ClientOptions } from "@modelcontextprotocol/client";
import { StdioTransport, type StdioTransportOptions } from "./stdio-transport.ts";

export const FIXTURES: string = fileURLToPath(new URL("../test/fixtures/", import.meta.url));
export const SERVER_PY: string = `${FIXTURES}server.py`;
export const REPO_ROOT: string = fileURLToPath(new URL("../../../", import.meta.url));

/** The Python fixture, with short grace periods so that fault tests stay fast. */
export function pythonServer(
  flags: string[] = [],
  options: Partial<StdioTransportOptions> = {},
): StdioTransport {
  return new StdioTransport({
    command: "python3",
    args: [SERVER_PY, ...flags],
    stderr: "ignore",
    shutdownGraceMs: 300,
    ...options,
  });
}

/** Connects an SDK client; the caller closes it. */
export async function connectClient(
  transport: StdioTransport,
  options?: ClientOptions & { timeout?: number },
): Promise<Client> {
  const client = new Client({ name: "mcpwire-test", version: "0.0.0" }, options);
  await client.connect(transport, options?.timeout ? { timeout: options.timeout } : undefined);
  return client;
}

/** Whether a process exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== "linux") return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/** Records what a transport reports, in order. Install before connecting. */
export function record(transport: StdioTransport): { events: string[]; errors: Error[] } {
  const log = { events: [] as string[], errors: [] as Error[] };
  transport.onerror = (error) => {
    log.events.push("error");
    log.errors.push(error);
  };
  transport.onclose = () => log.events.push("close");
  return log;
}
