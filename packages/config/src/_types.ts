/**
 * Types shared by the multi-server client and its parts.
 *
 * @module
 */
import type {
  ClientCapabilities,
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

/** Where one server stands. `disabled` entries are listed but never connected. */
export type ServerState = "connecting" | "connected" | "failed" | "closed" | "disabled";

/** One server's state, as `client.servers` reports it. */
export interface ServerStatus {
  /** Its name in the config. */
  name: string;
  /** Where it stands. */
  state: ServerState;
  /** How it is reached. */
  transport: "stdio" | "http" | "sse";
  /** Why it failed, when it did. */
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

/** Options of `MultiServerClient`. */
export interface MultiServerClientOptions extends InterpolateOptions, TransportOptions {
  /** Prefix tools, prompts and resources with their server's name. Default `true`. */
  prefix?: boolean;
  /** Between server and tool or prompt name. Default `"_"`. */
  separator?: string;
  /** Fail `connect()` when any server fails, not only when all do. Default `false`. */
  strict?: boolean;
  /** Connect timeout per server, in ms, unless its entry has `timeout`. Default 30000. */
  connectTimeout?: number;
  /** How this client introduces itself to each server. */
  clientInfo?: Implementation;
  /** Capabilities advertised to each server, on top of those the handlers imply. */
  capabilities?: ClientCapabilities;
  /** Handlers for server requests and notifications. */
  handlers?: MultiServerHandlers;
  /** Told about each server that fails and is skipped. Default: `console.warn`. */
  onWarning?: (message: string, error: Error) => void;
  /** Builds a server's transport; defaults to `@mcpwire/transport-stdio` / `-http`. */
  createTransport?: (name: string, entry: ServerConfig) => unknown;
}
