#!/usr/bin/env node
/**
 * `mcpwire-rest`: serve MCP servers as REST from the command line.
 *
 * ```sh
 * mcpwire-rest --config mcp.json [--port 8787] [--host 127.0.0.1] [--api-key KEY]…
 * mcpwire-rest server.py            # or an http(s):// URL: any source core's Client accepts
 * ```
 *
 * @module
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRestApp, type RestAppOptions } from "./app.ts";
import { serve } from "./serve.ts";

const USAGE = `usage: mcpwire-rest (--config FILE | SOURCE) [options]

  -c, --config FILE           an mcpServers config (JSON or JSONC); one route prefix per server
  SOURCE                      instead of --config: a server file (.py, .js, .ts, …) or an http(s) URL
  -p, --port N                port (default 8787; 0 picks a free one)
  -H, --host ADDR             address to bind (default 127.0.0.1)
      --api-key KEY           accepted bearer key (repeatable; default: MCPWIRE_API_KEYS)
      --allow-unauthenticated serve a non-loopback address without API keys
      --cors ORIGIN           allow a browser origin (repeatable); CORS is off otherwise
      --allowed-host NAME     accept this Host header on loopback, e.g. behind a proxy (repeatable)
      --require NAME          /readyz fails while this server is down (repeatable)
      --timeout MS            default call timeout (default 60000)
      --body-limit BYTES      largest request body (default 10485760)
  -h, --help                  this help`;

/**
 * Runs the CLI with the given arguments.
 *
 * @param argv the arguments, without the runtime and script
 * @returns a function that stops the server
 */
export async function main(argv: string[]): Promise<() => Promise<void>> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: "string", short: "c" },
      port: { type: "string", short: "p" },
      host: { type: "string", short: "H" },
      "api-key": { type: "string", multiple: true },
      "allow-unauthenticated": { type: "boolean" },
      cors: { type: "string", multiple: true },
      "allowed-host": { type: "string", multiple: true },
      require: { type: "string", multiple: true },
      timeout: { type: "string" },
      "body-limit": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || (!values.config && positionals.length !== 1)) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return async () => {};
  }
  let source: unknown = positionals[0];
  if (values.config) {
    const { loadConfig } = await import("@mcpwire/config");
    source = await loadConfig(values.config);
  }
  const options: RestAppOptions = {
    hostname: values.host ?? "127.0.0.1",
    allowUnauthenticated: values["allow-unauthenticated"] ?? false,
    ...(values["api-key"] ? { apiKeys: values["api-key"] } : {}),
    ...(values.cors ? { cors: { origin: values.cors } } : {}),
    ...(values["allowed-host"] ? { allowedHosts: values["allowed-host"] } : {}),
    ...(values.require ? { required: values.require } : {}),
    ...(values.timeout ? { timeoutMs: Number(values.timeout) } : {}),
    ...(values["body-limit"] ? { bodyLimit: Number(values["body-limit"]) } : {}),
  };
  const app = createRestApp(source, options);
  const server = await serve(app, { port: values.port === undefined ? 8787 : Number(values.port) });
  for (const u of app.upstreams.all()) {
    console.error(
      `mcpwire-rest: ${u.name}: ${u.state}${u.lastError ? ` (${u.lastError.message})` : ""}`,
    );
  }
  console.error(`mcpwire-rest: listening on ${server.url} (docs: ${server.url}/v1/docs)`);
  return () => server.close();
}

/**
 * Whether this file is the script the runtime was started with: `import.meta.main` where the
 * runtime has it (Deno, Bun), else the main script's real path is this file's (the package's bin
 * sets it so), not merely a path that ends the same way, as another package's `cli.js` does.
 */
function isMainScript(): boolean {
  if ((import.meta as { main?: boolean }).main) return true;
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainScript()) {
  try {
    const stop = await main(process.argv.slice(2));
    const shutdown = () => void stop().finally(() => process.exit(0));
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  } catch (err) {
    console.error(`mcpwire-rest: ${(err as Error).message}`);
    process.exit(1);
  }
}
