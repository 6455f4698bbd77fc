import { stat } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "./config-error.ts";

/** The file names looked for in each directory, in order. */
export const CONFIG_FILE_NAMES: readonly string[] = [
  "mcp.json",
  ".mcp.json",
  join(".cursor", "mcp.json"),
  join(".vscode", "mcp.json"),
];

/** Options of {@linkcode findConfig}. */
export interface FindConfigOptions {
  /** Home directory for the user-level fallback `~/.cursor/mcp.json`; `false` skips it. */
  home?: string | false;
}

/**
 * Finds the `mcpServers` config for a project: `mcp.json`, `.mcp.json`, `.cursor/mcp.json` or
 * `.vscode/mcp.json` in `dir`, then in each parent directory, then `~/.cursor/mcp.json`.
 *
 * @param dir where to start; defaults to the current directory
 * @param options `home`, for the user-level fallback
 * @returns the path of the first file found
 * @throws {ConfigError} listing every place it looked, when there is none
 * @example
 * ```ts ignore
 * import { findConfig, loadConfig } from "@mcpwire/config";
 * const config = await loadConfig(await findConfig());
 * ```
 */
export async function findConfig(dir?: string, options: FindConfigOptions = {}): Promise<string> {
  const searched = new Set<string>();
  for (const candidate of candidates(resolve(dir ?? "."), options)) {
    if (searched.has(candidate)) continue;
    searched.add(candidate);
    if (await isFile(candidate)) return candidate;
  }
  throw new ConfigError(`no MCP config file found; looked for:\n  ${[...searched].join("\n  ")}`);
}

function* candidates(start: string, options: FindConfigOptions): Generator<string> {
  for (let dir = start;; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) yield join(dir, name);
    if (dirname(dir) === dir) break;
  }
  const home = options.home ?? homedir();
  if (home !== false) yield join(home, ".cursor", "mcp.json");
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
