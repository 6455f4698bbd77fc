/**
 * The public types of `@mcpwire/core`: client options, handlers, results and notifications.
 *
 * MCP's own shapes (`Tool`, `Resource`, `Prompt`, content blocks, …) are the SDK v2 types,
 * re-exported unchanged so that values move between mcpwire and the SDK without conversion.
 *
 * @module
 */
import type {
  ContentBlock,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  Implementation,
  JSONRPCMessage,
  LoggingLevel,
  Root,
  SamplingMessage,
  ServerCapabilities,
} from "@modelcontextprotocol/client";
import type { StandardSchemaV1 } from "./standard-schema.ts";

export type {
  BlobResourceContents,
  CompleteResult,
  ContentBlock,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  GetPromptResult,
  Implementation,
  ListPromptsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListToolsResult,
  LoggingLevel,
  Prompt,
  PromptReference,
  ReadResourceResult,
  Resource,
  ResourceTemplateReference,
  ResourceTemplateType as ResourceTemplate,
  Root,
  SamplingMessage,
  ServerCapabilities,
  Task,
  TaskStatus,
  TextResourceContents,
  Tool,
} from "@modelcontextprotocol/client";

/**
 * Which protocol era to speak:
 * - `"legacy"` (default): the 2025 `initialize` handshake (up to revision 2025-11-25). Every server
 *   in use today answers it, it costs no extra round trip, and stdio servers are spawned once.
 * - `"2026-07-28"`: the modern era only (`server/discover`); fails if the server does not offer it.
 * - `"auto"`: probe with `server/discover`, fall back to `initialize`. Against a 2025-era server it
 *   costs one extra round trip per connect (on the same process with mcpwire's stdio transport; on
 *   the SDK's own stdio transport the probe runs on a second, throwaway server process).
 *
 * On the modern era, log messages arrive because every request carries the log level (see
 * `setLoggingLevel`).
 */
export type ProtocolMode = "legacy" | "2026-07-28" | "auto";

/** A log message sent by the server (`notifications/message`). */
export interface LogMessage {
  /** The severity, from `debug` to `emergency`. */
  level: LoggingLevel;
  /** The name of the server-side logger, if it gave one. */
  logger?: string;
  /** Any JSON value; often a string. */
  data: unknown;
}

/** Receives the server's log messages. */
export type LogHandler = (message: LogMessage) => void | Promise<void>;

/**
 * Receives progress notifications for a tool call. It may return anything (`(p) => seen.push(p)`
 * is fine); a returned promise is awaited before the call's result is delivered.
 */
export type ProgressHandler = (
  progress: number,
  total: number | undefined,
  message: string | undefined,
) => unknown;

/** What a server→client request handler learns about the request. */
export interface RequestContext {
  /** The JSON-RPC id of the server's request. */
  requestId: string | number;
  /** Aborted when the server cancels its request or the connection closes. */
  signal: AbortSignal;
  /** For a config source: the name of the server (its config entry) that sent the request. */
  server?: string;
}

/**
 * Answers the server's `sampling/createMessage` requests: return the model's text, or a full
 * `CreateMessageResult`. A thrown error is sent back to the server as an error response.
 */
export type SamplingHandler = (
  messages: SamplingMessage[],
  params: CreateMessageRequestParams,
  context: RequestContext,
) => string | CreateMessageResult | Promise<string | CreateMessageResult>;

/** A JSON Schema object, as servers send them. */
export type JsonSchema = Record<string, unknown>;

/** An explicit elicitation answer. */
export type ElicitationAnswer =
  | { action: "accept"; content?: Record<string, unknown> }
  | { action: "decline" | "cancel" };

/**
 * Answers the server's `elicitation/create` requests. Return the data to accept (an object
 * matching `schema`; a single scalar when the schema has one `value` property), or
 * `{ action: "decline" }` / `{ action: "cancel" }`. `schema` is `undefined` for URL-mode requests,
 * where returning nothing accepts. Defaults declared in the schema fill any missing field.
 */
export type ElicitationHandler = (
  message: string,
  schema: JsonSchema | undefined,
  params: ElicitRequestParams,
  context: RequestContext,
) => unknown;

/** A root: a path, a `file://` URL (string or `URL`), or an MCP `Root` object. */
export type RootInput = string | URL | Root;

/** Roots offered to the server: a list, or a function returning one on each request. */
export type RootsOption =
  | readonly RootInput[]
  | ((context: RequestContext) => readonly RootInput[] | Promise<readonly RootInput[]>);

/** A notification received from the server. */
export interface ServerNotification {
  /** The method, such as `notifications/tools/list_changed`. */
  method: string;
  /** Its parameters, if any. */
  params?: Record<string, unknown>;
}

/** Receives every notification the server sends, in arrival order. */
export type MessageHandler = (notification: ServerNotification) => void | Promise<void>;

/** The typed notifications {@linkcode Client.on} offers, by method. */
export interface NotificationParams {
  "notifications/tools/list_changed": Record<string, unknown> | undefined;
  "notifications/resources/list_changed": Record<string, unknown> | undefined;
  "notifications/prompts/list_changed": Record<string, unknown> | undefined;
  "notifications/resources/updated": { uri: string };
  "notifications/message": LogMessage;
  "notifications/progress": {
    progressToken: string | number;
    progress: number;
    total?: number;
    message?: string;
  };
  "notifications/cancelled": { requestId?: string | number; reason?: string };
  "notifications/elicitation/complete": { elicitationId: string };
}

/**
 * Options read by the transport packages, passed through unchanged. Each package documents the
 * keys it reads (`@mcpwire/transport-stdio`, `@mcpwire/transport-http`, `@mcpwire/config`).
 */
export interface TransportOptions {
  /** stdio: environment variables for the server process. */
  env?: Record<string, string>;
  /** stdio: the server's working directory. */
  cwd?: string;
  /** stdio: extra command-line arguments. */
  args?: string[];
  /** stdio: keep the process between `await using` blocks (only `close()` ends it). */
  keepAlive?: boolean;
  /** http: extra request headers. */
  headers?: Record<string, string>;
  /** http: a bearer token, `"oauth"`, or an auth provider. */
  auth?: unknown;
  /** Any other option a transport package reads. */
  [option: string]: unknown;
}

/** Options of `new Client(source, options)`. */
export interface ClientOptions extends TransportOptions {
  /** `clientInfo.name` sent to the server. Default `"mcpwire"`. */
  name?: string;
  /** `clientInfo.version` sent to the server. Default: this package's version. */
  version?: string;
  /** Per-request timeout in milliseconds. Default 60 000 (the SDK's). */
  timeout?: number;
  /**
   * A progress notification for a request restarts its timeout (per request:
   * {@linkcode RequestOptions.resetTimeoutOnProgress}). Default `false`.
   */
  resetTimeoutOnProgress?: boolean;
  /** With `resetTimeoutOnProgress`: the most any request may take in all, in milliseconds. */
  maxTotalTimeout?: number;
  /** Timeout of the handshake in milliseconds. Default: `timeout`. */
  initTimeout?: number;
  /** Run the handshake on connect. Default `true`; with `false`, call `initialize()` yourself. */
  autoInitialize?: boolean;
  /** Protocol era; default `"legacy"` (see {@linkcode ProtocolMode}). */
  protocol?: ProtocolMode;
  /** Roots offered to the server; declares the `roots` capability (with `listChanged`). */
  roots?: RootsOption;
  /** Receives server log messages. Default: warnings and worse go to stderr. */
  logHandler?: LogHandler;
  /**
   * Receives problems that fail no request, reported by the transport (a server writing
   * non-JSON lines to stdout, for instance). Default: one line on stderr (`console.warn`).
   */
  onWarning?: (warning: Error) => void;
  /** Receives progress of every tool call (override per call with `onProgress`). */
  progressHandler?: ProgressHandler;
  /** Answers sampling requests; declares the `sampling` capability. */
  samplingHandler?: SamplingHandler;
  /** Answers elicitation requests (form and URL mode); declares the `elicitation` capability. */
  elicitationHandler?: ElicitationHandler;
  /** Receives every server notification. */
  messageHandler?: MessageHandler;
  /**
   * The server's name in error messages. Default: the name the server gives in its handshake
   * (before it, the source). A config source names each server after its entry.
   */
  serverName?: string;
  /**
   * Called when the connection is lost without `close()` (the process exited, the stream
   * dropped), with the `ConnectionError` pending requests were rejected with.
   */
  onDisconnect?: (error: Error) => void;
  /**
   * Receives every JSON-RPC message on the connection as it is sent or received, in wire order:
   * the handshake, requests, responses, errors, notifications, the server's requests and their
   * answers, cancellations — on both protocol eras and every kind of source. For traffic panes
   * and debugging; nothing is installed when it is not given. The message is the one sent or
   * received, not a copy: do not mutate it. A handler that throws is reported to `onWarning`
   * and the connection goes on.
   */
  trafficHandler?: (entry: TrafficEntry) => void;
}

/** One JSON-RPC message on a connection, as {@linkcode ClientOptions.trafficHandler} sees it. */
export interface TrafficEntry {
  /** `"send"`: from this client to the server; `"receive"`: from the server. */
  direction: "send" | "receive";
  /** The message as sent or received (the same object: read it, do not mutate it). */
  message: JSONRPCMessage;
  /**
   * The server's name as error messages give it at that moment: the `serverName` option or the
   * config entry's name when there is one, else the source until the handshake's answer has been
   * taken, then the name the server gave.
   */
  server: string;
}

/** Options of one request. */
export interface RequestOptions {
  /** Timeout in milliseconds; overrides the client's `timeout`. */
  timeout?: number;
  /** Aborting it cancels the request on the server and rejects with `CancelledError`. */
  signal?: AbortSignal;
  /**
   * Each progress notification for this request restarts its `timeout`, so a long call that
   * reports progress is not cut off (the SDK's option of that name). Overrides the client's.
   * Progress is reported for tool calls given `onProgress` (or the client's `progressHandler`).
   */
  resetTimeoutOnProgress?: boolean;
  /**
   * With `resetTimeoutOnProgress`: the most the request may take in all, progress or not, in
   * milliseconds; past it the request is cancelled with `TimeoutError`. Overrides the client's.
   */
  maxTotalTimeout?: number;
}

/** Options of {@linkcode Client.callTool}. */
export interface CallToolOptions<S extends StandardSchemaV1 | undefined = undefined>
  extends RequestOptions {
  /** Receives this call's progress; overrides the client's `progressHandler`. */
  onProgress?: ProgressHandler;
  /** Throw `ToolError` when the tool reports an error. Default `true`. */
  raiseOnError?: boolean;
  /** `_meta` sent with the request. */
  meta?: Record<string, unknown>;
  /** A Standard Schema (zod, valibot, arktype, …) that validates `data` and gives its type. */
  schema?: S;
}

/**
 * Options of {@linkcode Client.callTool} with `task: true`: the call runs as an MCP task and
 * `callTool` returns a `ToolTask` at once. `timeout` and `signal` apply to each request of the task
 * (`tools/call`, `tasks/get`, `tasks/result`, `tasks/cancel`), not to its whole run; aborting
 * `signal` also cancels the task on the server.
 */
export interface ToolTaskOptions<S extends StandardSchemaV1 | undefined = undefined>
  extends CallToolOptions<S> {
  /** Run the call as a task. */
  task: true;
  /** How long the server should keep the task and its result, in milliseconds (a request). */
  ttl?: number;
  /** How often `result()` asks for the status, in milliseconds. Default: the server's hint, else 1000. */
  pollInterval?: number;
}

/** The result of {@linkcode Client.callTool}. */
export interface CallToolResult<T = unknown> {
  /** The content blocks, as sent. */
  content: ContentBlock[];
  /** The structured content, as sent (`undefined` when there is none). */
  structuredContent: unknown;
  /**
   * The structured content, unwrapped from `{ result }` when the tool wraps non-object results,
   * and validated. `undefined` when the tool returned no structured content.
   */
  data: T;
  /** Whether the tool reported an error (only seen with `raiseOnError: false`). */
  isError: boolean;
  /** The result's `_meta`. */
  meta: Record<string, unknown> | undefined;
}

/** What the handshake established. */
export interface InitializeResult {
  /** The server's name and version (`undefined` if a modern-era server did not say). */
  serverInfo: Implementation | undefined;
  /** What the server supports. */
  capabilities: ServerCapabilities;
  /** The server's instructions for the model, if any. */
  instructions: string | undefined;
  /** The negotiated protocol revision, such as `2025-11-25`. */
  protocolVersion: string;
}

/** Where one server of a config source stands. `disabled` entries are listed, never connected. */
export type ServerState = "connecting" | "connected" | "failed" | "closed" | "disabled";

/** One server of a config source, as `client.servers` reports it. */
export interface ServerStatus {
  /** Its name in the config. */
  name: string;
  /** Where it stands. */
  state: ServerState;
  /** How it is reached. */
  transport: "stdio" | "http" | "sse";
  /** Why it failed, when it did: a `ConnectionError` or `TimeoutError` naming the server. */
  error?: Error;
  /** What the server said it is, once connected. */
  serverInfo?: Implementation;
  /** How many tools it has, once listed. */
  tools?: number;
  /** How many resources it has, once listed. */
  resources?: number;
  /** How many resource templates it has, once listed. */
  resourceTemplates?: number;
  /** How many prompts it has, once listed. */
  prompts?: number;
}
