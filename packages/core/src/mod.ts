/**
 * mcpwire's core: one `Client` for any MCP server, on Node, Deno and Bun.
 *
 * @example
 * ```ts
 * import { McpwireError } from "@mcpwire/core";
 * console.log(new McpwireError("CONNECTION", "server went away").code);
 * ```
 *
 * @module
 */
export {
  CancelledError,
  ConnectionError,
  formatIssues,
  InputValidationError,
  McpError,
  McpwireError,
  type McpwireErrorCode,
  MissingPackageError,
  NotConnectedError,
  OutputValidationError,
  TimeoutError,
  ToolError,
  UnsupportedSourceError,
  type ValidationIssue,
} from "./errors.ts";
export type {
  ConfigPackage,
  HttpPackage,
  JSONRPCMessage,
  KeepAliveTransport,
  PassThroughOptions,
  StdioPackage,
  Transport,
  TransportSendOptions,
} from "./transport.ts";
