// The CLI's serving commands: `mcpwire playground` and `mcpwire serve-rest`, until a signal.
import { createRestApp, serve } from "@mcpwire/bindings-rest";
import { loadConfig } from "@mcpwire/config";
import { resolve } from "node:path";
import process from "node:process";
import { out } from "./_cli-output.ts";
import { isConfigFile, resolveSource, UsageError } from "./_cli-source.ts";
import { createDemoServer } from "./demo-server.ts";
import { startPlayground } from "./playground.ts";

/** The parsed options the serving commands read. */
export interface ServeValues {
  port?: string;
  host?: string;
  config?: string;
  server?: string;
  "no-demo"?: boolean;
  "allow-remote"?: boolean;
}

function portOf(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a port number (0-65535), got '${value}'`);
  }
  return port;
}

function waitForSignal(): Promise<void> {
  // Registered before the server starts (Deno arms signal listeners asynchronously); Ctrl-C
  // reaches both the bin wrapper and this process, and later signals are ignored while closing.
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => resolve());
  });
}

/** `mcpwire playground`: serves the playground until SIGINT or SIGTERM. */
export async function playground(values: ServeValues): Promise<number> {
  const port = portOf(values.port, 5173);
  const config = values.config ? await loadConfig(values.config) : undefined;
  const stopped = waitForSignal();
  const server = await startPlayground({
    ...(config ? { config, configPath: resolve(values.config!) } : {}),
    demo: !values["no-demo"],
    allowRemote: values["allow-remote"] ?? false,
    hostname: values.host ?? "127.0.0.1",
    port,
  });
  out(`mcpwire playground: ${server.url}`);
  await stopped;
  await server.close();
  return 0;
}

/** `mcpwire demo-server`: the demo server over stdio, until its client closes stdin. */
export async function demoServer(): Promise<number> {
  const { StdioServerTransport } = await import("@modelcontextprotocol/server/stdio");
  const ended = new Promise<void>((resolve) => process.stdin.once("end", resolve));
  const server = createDemoServer();
  await server.connect(new StdioServerTransport());
  await ended;
  await server.close();
  return 0;
}

/** `mcpwire serve-rest`: serves a source (or a config) as REST until SIGINT or SIGTERM. */
export async function serveRest(values: ServeValues, rest: string[]): Promise<number> {
  const source = values.config ?? rest[0];
  if (!source) throw new UsageError("usage: mcpwire serve-rest <source> (or --config FILE)");
  const port = portOf(values.port, 8787);
  const resolved = isConfigFile(source) && !values.server
    ? await loadConfig(source)
    : await resolveSource(source, values.server);
  const stopped = waitForSignal();
  const app = createRestApp(resolved, { hostname: values.host ?? "127.0.0.1" });
  const server = await serve(app, { port });
  out(`mcpwire serve-rest: ${server.url}/v1/openapi.json`);
  await stopped;
  await server.close();
  return 0;
}
