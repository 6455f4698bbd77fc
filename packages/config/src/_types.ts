/**
 * Types shared by the multi-server client and its parts.
 *
 * @module
 */
import type { ClientOptions, ProtocolMode } from "@mcpwire/core";
import type {
  CreateMessageRequest,
  CreateMessageResult,
  CreateMessageResultWithTools,
  ElicitRequest,
  ElicitResult,
  Implementation,
  ListRootsResult,
  LoggingMessageNotification,
  ResourceUpdatedNotification,
} from "@modelcontextprotocol/client";
import type { InterpolateOptions } from "./interpolate.ts";
import type { TransportOptions } from "./_server-transport.ts";
import type { ServerConfig } from "./schema.ts";

export type { ServerState, ServerStatus } from "@mcpwire/core";

/** The server a request or notification came from, given to every handler. */
export interface HandlerContext {
  /** The server's name in the config. */
  server: string;
  /** Aborted when the server cancels its request. */
  signal?: AbortSignal;
}

/** Handlers for what servers send to the client, each told which server sent it. */
export interface MultiServerHandlers {
  /** Answers `sampling/createMessage`; advertises the `sampling` capability. */
  sampling?: (
    params: CreateMessageRequest["params"],
    context: HandlerContext,
  ) => Promise<CreateMessageResult | CreateMessageResultWithTools>;
  /** Answers `elicitation/create`; advertises the `elicitation` capability. */
  elicitation?: (params: ElicitRequest["params"], context: HandlerContext) => Promise<ElicitResult>;
  /** Answers `roots/list`; advertises the `roots` capability. */
  roots?: (context: HandlerContext) => ListRootsResult | Promise<ListRootsResult>;
  /** Receives `notifications/message`. */
  log?: (params: LoggingMessageNotification["params"], context: HandlerContext) => void;
  /** Told when a server's tools, resources or prompts changed; merged listings are refetched. */
  listChanged?: (kind: "tools" | "resources" | "prompts", context: HandlerContext) => void;
  /** Receives `notifications/resources/updated`, with the URI prefixed like the listing. */
  resourceUpdated?: (
    params: ResourceUpdatedNotification["params"],
    context: HandlerContext,
  ) => void;
}

/** Options the router reads (from `new Client(config, options)` or `MultiServerClient`). */
export interface RouterOptions extends InterpolateOptions, TransportOptions {
  /**
   * Prefix tools, prompts and resources with their server's name. Default `true` with several
   * servers; a config with one server is served unprefixed through `new Client(config)`.
   */
  prefix?: boolean;
  /** Between server and tool or prompt name. Default `"_"`. */
  separator?: string;
  /**
   * All or nothing: `connect()` and merged listings wait for every server and fail when any
   * fails. Default `false`: they go on with the servers that are ready.
   */
  strict?: boolean;
  /** Connect timeout per server, in ms, unless its entry has `timeout`. Default 30000. */
  connectTimeout?: number;
  /**
   * How long `connect()` and merged listings wait for a server still connecting, in ms, from the
   * moment it started. Default 3000. It is merged in when it arrives, with `list_changed`.
   */
  serverWait?: number;
  /** Told about each server that fails, is skipped or disconnects. Default: `console.warn`. */
  onWarning?: (message: string, error: Error) => void;
  /** Builds a server's transport; defaults to `@mcpwire/transport-stdio` / `-http`. */
  createTransport?: (name: string, entry: ServerConfig) => unknown;
}

/** Options of `MultiServerClient`. */
export interface MultiServerClientOptions extends RouterOptions {
  /** How this client introduces itself to each server. */
  clientInfo?: Implementation;
  /** Per-request timeout in ms for every server. Default 60 000 (the SDK's). */
  timeout?: number;
  /** Protocol era per server (see core's `ProtocolMode`). Default `"legacy"`. */
  protocol?: ProtocolMode;
  /** Handlers for server requests and notifications; each request handler is a capability. */
  handlers?: MultiServerHandlers;
  /** Every JSON-RPC message of every server, named after its entry (core's `trafficHandler`). */
  trafficHandler?: ClientOptions["trafficHandler"];
}
