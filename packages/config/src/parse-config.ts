import type { McpConfig } from "./schema.ts";
import { looksLikeConfig, validateConfig } from "./_validate.ts";

/**
 * Whether a value has a config's shape, before parsing: `{ mcpServers: {…} }`, VS Code's
 * `{ servers: {…} }`, or a non-empty map whose every value has `command` or `url`. The same rule
 * core's `new Client()` uses to hand a source to this package.
 *
 * @param value any value
 * @returns `true` when {@linkcode parseConfig} should be given it
 * @example
 * ```ts
 * import { isConfigShape } from "@mcpwire/config";
 * console.log(isConfigShape({ servers: {} }), isConfigShape("server.py")); // true false
 * ```
 */
export function isConfigShape(value: unknown): boolean {
  return looksLikeConfig(value);
}

/** Options of {@linkcode parseConfig}. */
export interface ParseConfigOptions {
  /** The file the value came from, named in error messages. */
  file?: string;
}

/**
 * Validates an `mcpServers` config in any accepted shape and returns it in canonical shape
 * (`{ mcpServers, inputs? }`). Accepted shapes: `{ mcpServers: {…} }` (Claude Desktop, Cursor,
 * FastMCP), VS Code's `{ servers: {…}, inputs: […] }`, and a top-level map of servers that have
 * `command` or `url`. Unknown keys are kept. `${VAR}` placeholders are left as they are: they are
 * resolved when the servers are connected (see {@linkcode resolveConfig}).
 *
 * @param value the parsed JSON value
 * @param options `file`, named in error messages
 * @returns the config in canonical shape
 * @throws {ConfigError} naming the JSON path of the first failing value
 * @example
 * ```ts
 * import { parseConfig } from "@mcpwire/config";
 * const config = parseConfig({ servers: { docs: { type: "http", url: "https://example.com/mcp" } } });
 * console.log(Object.keys(config.mcpServers)); // ["docs"]
 * ```
 */
export function parseConfig(value: unknown, options: ParseConfigOptions = {}): McpConfig {
  return validateConfig(value, options.file === undefined ? {} : { file: options.file });
}
