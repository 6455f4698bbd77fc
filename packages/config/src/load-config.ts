import { readFile } from "node:fs/promises";
import { ConfigError } from "./config-error.ts";
import { JsoncSyntaxError, parseJsonc } from "./_jsonc.ts";
import type { McpConfig } from "./schema.ts";
import { validateConfig } from "./_validate.ts";

/**
 * Reads an `mcpServers` config file (JSON, or JSON with comments and trailing commas as VS Code and
 * Cursor write it) and validates it like {@linkcode parseConfig}.
 *
 * @param path the config file
 * @returns the config in canonical shape; `${VAR}` placeholders are left for connect time
 * @throws {ConfigError} naming the file, line and column for a syntax error, the JSON path (and its
 * line and column) for a schema error, or the file when it cannot be read
 * @example
 * ```ts ignore
 * import { loadConfig } from "@mcpwire/config";
 * const config = await loadConfig(".vscode/mcp.json");
 * console.log(Object.keys(config.mcpServers));
 * ```
 */
export async function loadConfig(path: string): Promise<McpConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const reason = (cause as { code?: string }).code === "ENOENT" ? "no such file" : String(cause);
    throw new ConfigError(`cannot read the config file: ${reason}`, { file: path }, { cause });
  }
  let parsed;
  try {
    parsed = parseJsonc(text);
  } catch (cause) {
    if (!(cause instanceof JsoncSyntaxError)) throw cause;
    const { line, column } = cause;
    throw new ConfigError(`syntax error: ${cause.message}`, { file: path, line, column }, {
      cause,
    });
  }
  return validateConfig(parsed.value, { file: path, positions: parsed.positions });
}
