/**
 * The seam between a `Client` and what serves its operations: one server's connection (every
 * source but a config), or `@mcpwire/config`'s router, which holds one `Client` per server of a
 * config and implements the same contract. The `Client` the user holds is the same either way.
 *
 * @module
 */
import type {
  CompleteResult,
  GetPromptResult,
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
  ResourceTemplateType,
  Tool,
} from "@modelcontextprotocol/client";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { ToolTask } from "./tool-task.ts";
import type {
  CallToolOptions,
  CallToolResult,
  InitializeResult,
  RequestOptions,
  RootsOption,
  ServerNotification,
  ServerStatus,
  Task,
} from "./types.ts";

/** The four listings. */
export type ListName = "tools" | "resources" | "resourceTemplates" | "prompts";

/** The item of each listing. */
export interface ListItems {
  tools: Tool;
  resources: Resource;
  resourceTemplates: ResourceTemplateType;
  prompts: Prompt;
}

/** One page of each listing, as the server's whole result. */
export interface ListPages {
  tools: ListToolsResult;
  resources: ListResourcesResult;
  resourceTemplates: ListResourceTemplatesResult;
  prompts: ListPromptsResult;
}

/** What a backend tells its `Client`. */
export interface BackendHooks {
  /** Every notification for the client's listeners, log and message handlers, in order. */
  notification(notification: ServerNotification): void;
}

/**
 * What a `Client` needs to serve its methods. Errors are mcpwire's typed errors, naming the server.
 */
export interface ClientBackend {
  /** The server's (or the config's) name, for messages. */
  readonly serverName: string;
  /** Connects (or joins the connection) and takes a reference. */
  acquire(): Promise<void>;
  /** Releases a reference; the last one disconnects unless kept alive. */
  release(): Promise<void>;
  /** Disconnects now. */
  close(): Promise<void>;
  /** Whether a session is open. */
  isConnected(): boolean;
  /** What the handshake established (merged, for a router). */
  readonly initializeResult: InitializeResult | undefined;
  /** Runs the handshake on a connected client (`autoInitialize: false`). */
  initialize(timeout: number | undefined): Promise<InitializeResult>;
  /** The roots offered to the servers. */
  readonly roots: RootsOption | undefined;
  /** Replaces the roots and tells the servers. */
  setRoots(roots: RootsOption): Promise<void>;
  /** Checks the server (every connected server) answers. */
  ping(options?: RequestOptions): Promise<void>;
  /** Every item of a listing, across all pages. */
  list<K extends ListName>(kind: K, options?: RequestOptions): Promise<ListItems[K][]>;
  /** One page of a listing. */
  listPage<K extends ListName>(
    kind: K,
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<ListPages[K]>;
  /** Calls a tool (as a task with `task: true`, or when the tool requires it). */
  callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean },
  ): Promise<CallToolResult | ToolTask>;
  /** Every task the server (every server, for a router) keeps for this session. */
  listTasks(options?: RequestOptions): Promise<Task[]>;
  /** A handle on a task by id. */
  getTask(taskId: string, options?: RequestOptions): Promise<ToolTask>;
  /** Reads a resource. */
  readResource(uri: string, options?: RequestOptions): Promise<ReadResourceResult>;
  /** Subscribes to a resource's updates, or stops them. */
  subscribeResource(uri: string, subscribe: boolean, options?: RequestOptions): Promise<void>;
  /** Renders a prompt. */
  getPrompt(
    name: string,
    args: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GetPromptResult>;
  /** Completes a prompt or resource-template argument. */
  complete(
    ref: PromptReference | ResourceTemplateReference,
    argument: { name: string; value: string },
    context: Record<string, string> | undefined,
    options?: RequestOptions,
  ): Promise<CompleteResult>;
  /** Sets the log level (on every server that logs, for a router). */
  setLoggingLevel(level: LoggingLevel, options?: RequestOptions): Promise<void>;
  /** Each server's state, for a router. */
  readonly servers?: Record<string, ServerStatus>;
  /** Reconnects one server of a router, leaving the others alone. */
  reconnect?(server: string): Promise<void>;
}
