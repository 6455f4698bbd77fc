/**
 * `mcpServers` config files — Claude Desktop, Cursor, Claude Code, VS Code and FastMCP shapes —
 * and the router that serves one client over all of their servers (core's `new Client(config)`
 * and {@linkcode MultiServerClient}), with names that cannot collide.
 *
 * @example
 * ```ts
 * import { parseConfig, prefixName, prefixUri } from "@mcpwire/config";
 * const config = parseConfig({ mcpServers: { weather: { command: "npx", args: ["-y", "weather-mcp"] } } });
 * console.log(Object.keys(config.mcpServers)); // ["weather"]
 * console.log(prefixName("weather", "get_forecast")); // weather_get_forecast
 * console.log(prefixUri("weather", "weather://icons/sunny")); // weather://weather/icons/sunny
 * ```
 *
 * @module
 */
export { ConfigError, type ConfigErrorLocation } from "./config-error.ts";
export {
  type CommonServerConfig,
  type InputDefinition,
  inputDefinitionSchema,
  type McpConfig,
  mcpConfigSchema,
  type RemoteServerConfig,
  remoteServerSchema,
  type RemoteTransportType,
  type ServerConfig,
  serverConfigSchema,
  type StdioServerConfig,
  stdioServerSchema,
} from "./schema.ts";
export { isConfigShape, parseConfig, type ParseConfigOptions } from "./parse-config.ts";
export { loadConfig } from "./load-config.ts";
export { CONFIG_FILE_NAMES, findConfig, type FindConfigOptions } from "./find-config.ts";
export {
  type InputRequest,
  interpolate,
  type InterpolateOptions,
  resolveConfig,
} from "./interpolate.ts";
export {
  DEFAULT_SEPARATOR,
  MAX_NAME_LENGTH,
  prefixName,
  prefixUri,
  shortenName,
  splitName,
  splitUri,
} from "./naming.ts";
export {
  type HandlerContext,
  MultiServerClient,
  type MultiServerClientOptions,
  type MultiServerHandlers,
  type RouterOptions,
  SERVER_META_KEY,
  type ServerState,
  type ServerStatus,
} from "./multi-server-client.ts";
export { createConfigBackend } from "./create-config-backend.ts";

import { registerPackage } from "@mcpwire/core";
import { createConfigBackend as configBackend } from "./create-config-backend.ts";
// Lets core find this package where it cannot import it itself (on JSR).
registerPackage("@mcpwire/config", { createConfigBackend: configBackend });
