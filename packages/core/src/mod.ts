/**
 * mcpwire's core: one `Client` for any MCP server, on Node, Deno and Bun.
 *
 * @example
 * ```ts
 * import { Client } from "@mcpwire/core";
 * import { McpServer } from "@modelcontextprotocol/server";
 *
 * const server = new McpServer({ name: "demo", version: "1.0.0" });
 * await using client = await new Client(server).connect();
 * console.log(client.initializeResult?.serverInfo?.name); // "demo"
 * ```
 *
 * @module
 */
export { Client } from "./client.ts";
export { type TaskStatusListener, ToolTask } from "./tool-task.ts";
export type { ServerLike, Source } from "./_sources.ts";
export type { StandardSchemaV1 } from "./standard-schema.ts";
export type {
  BlobResourceContents,
  CallToolOptions,
  CallToolResult,
  ClientOptions,
  CompleteResult,
  ContentBlock,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitationAnswer,
  ElicitationHandler,
  ElicitRequestParams,
  ElicitResult,
  GetPromptResult,
  Implementation,
  InitializeResult,
  JsonSchema,
  ListPromptsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListToolsResult,
  LoggingLevel,
  LogHandler,
  LogMessage,
  MessageHandler,
  NotificationParams,
  ProgressHandler,
  Prompt,
  PromptReference,
  ProtocolMode,
  ReadResourceResult,
  RequestContext,
  RequestOptions,
  Resource,
  ResourceTemplate,
  ResourceTemplateReference,
  Root,
  RootInput,
  RootsOption,
  SamplingHandler,
  SamplingMessage,
  ServerCapabilities,
  ServerNotification,
  ServerState,
  ServerStatus,
  Task,
  TaskStatus,
  TextResourceContents,
  Tool,
  ToolTaskOptions,
  TrafficEntry,
  TransportOptions,
} from "./types.ts";
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
  type ValidationErrorOptions,
  type ValidationIssue,
} from "./errors.ts";
export { type OptionalPackageName, registerPackage } from "./register-package.ts";
export { CORE_VERSION } from "./_version.ts";
export type { BackendHooks, ClientBackend, ListItems, ListName, ListPages } from "./backend.ts";
export type {
  ConfigPackage,
  HttpPackage,
  JSONRPCMessage,
  KeepAliveTransport,
  PassThroughOptions,
  StdioPackage,
  Transport,
  TransportSendOptions,
  WarningTransport,
} from "./transport.ts";
