// What the CLI connects to: `demo`, an http(s) URL, a server file, or an mcpServers config file.
// The demo server and the config parser are imported only when the source needs them, so a cold
// `mcpwire tools server.js` loads neither (see bench/src/cli-cold.ts).
import type { Source } from "@mcpwire/core";

/** A usage error: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The server has no such tool or prompt: exit code 5, like any refusal by the server. */
export class RefusedError extends Error {
  override name = "RefusedError";
}

/** Whether a source names a config file. */
export function isConfigFile(source: string): boolean {
  return /\.jsonc?$/i.test(source);
}

/**
 * Resolves the CLI's source argument.
 *
 * @param source `demo`, a URL, a server file, or a `.json`/`.jsonc` config
 * @param server with a config, the server to pick
 * @throws {UsageError} when `--server` names no server of the config
 */
export async function resolveSource(source: string, server?: string): Promise<Source> {
  if (source === "demo") return (await import("./demo-server.ts")).createDemoServer();
  if (!isConfigFile(source)) {
    if (server) throw new UsageError("--server only applies to a config file");
    return source;
  }
  const { loadConfig } = await import("@mcpwire/config");
  const config = await loadConfig(source);
  if (!server) return config;
  const entry = (config.mcpServers as Record<string, unknown>)[server];
  if (!entry) {
    const names = Object.keys(config.mcpServers).join(", ") || "none";
    throw new UsageError(`${source} has no server '${server}' (servers: ${names})`);
  }
  return { mcpServers: { [server]: entry } };
}
