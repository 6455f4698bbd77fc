/**
 * Launch local MCP servers as subprocesses, for `@mcpwire/core` or any MCP SDK client: a
 * newline-delimited JSON-RPC transport over stdin/stdout that stops servers with everything they
 * started, keeps idle servers from holding the caller open, and reports crashes with the exit code
 * and stderr.
 *
 * @example
 * ```ts
 * import { createFileTransport, npx, StdioTransport } from "@mcpwire/transport-stdio";
 *
 * const a = new StdioTransport({ command: "python3", args: ["server.py"], stderr: "ignore" });
 * const b = npx("@modelcontextprotocol/server-memory");
 * console.log(a.commandLine, b.commandLine, typeof createFileTransport);
 * ```
 *
 * @module
 */
export {
  type StderrOption,
  StdioTransport,
  type StdioTransportOptions,
} from "./stdio-transport.ts";
export {
  commandForFile,
  createFileTransport,
  type FileTransportOptions,
} from "./file-transport.ts";
export { bun, deno, type LauncherOptions, npx, uvx } from "./launchers.ts";
export { defaultEnvironment } from "./default-environment.ts";
export { StdoutNoiseError } from "./stdout-noise-error.ts";

import { registerPackage } from "@mcpwire/core";
import { createFileTransport as fileTransport } from "./file-transport.ts";
// Lets core find this package where it cannot import it itself (on JSR).
registerPackage("@mcpwire/transport-stdio", { createFileTransport: fileTransport });
