// The CLI's serving commands: `mcpwire playground` and `mcpwire serve-rest`, until a signal.
import { createRestApp, serve } from "@mcpwire/bindings-rest";
import { loadConfig } from "@mcpwire/config";
import process from "node:process";
import { out } from "./_cli-output.ts";
import { isConfigFile, resolveSource, UsageError } from "./_cli-source.ts";
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

function waitForSignal(): Promise<void> {
  // Registered before the server starts (Deno arms signal listeners asynchronously); Ctrl-C
  // reaches both the bin wrapper and this process, and later signals are ignored while closing.
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => resolve());
  });
}

/** `mcpwire playground`: serves the playground until SIGINT or SIGTERM. */
export async function playground(values: ServeValues): Promise<number> {
  const stopped = waitForSignal();
  const config = values.config ? await loadConfig(values.config) : undefined;
  const server = await startPlayground({
    ...(config ? { config } : {}),
    demo: !values["no-demo"],
    allowRemote: values["allow-remote"] ?? false,
    hostname: values.host ?? "127.0.0.1",
    port: values.port === undefined ? 5173 : Number(values.port),
  });
  out(`mcpwire playground: ${server.url}`);
  await stopped;
  await server.close();
  return 0;
}

/** `mcpwire serve-rest`: serves a source (or a config) as REST until SIGINT or SIGTERM. */
export async function serveRest(values: ServeValues, rest: string[]): Promise<number> {
  const source = values.config ?? rest[0];
  if (!source) throw new UsageError("usage: mcpwire serve-rest <source> (or --config FILE)");
  const stopped = waitForSignal();
  const resolved = isConfigFile(source) && !values.server
    ? await loadConfig(source)
    : await resolveSource(source, values.server);
  const app = createRestApp(resolved, { hostname: values.host ?? "127.0.0.1" });
  const server = await serve(app, { port: values.port === undefined ? 8787 : Number(values.port) });
  out(`mcpwire serve-rest: ${server.url}/v1/openapi.json`);
  await stopped;
  await server.close();
  return 0;
}
