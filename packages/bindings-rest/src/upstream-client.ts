/**
 * The part of `@mcpwire/core`'s `Client` the REST binding uses. Any object of this shape can serve
 * a server: core's `Client`, or a test double.
 *
 * @module
 */

/** A JSON object as the server sent it. */
export type JsonObject = Record<string, unknown>;

/** A tool as listed by the server. */
export interface ToolInfo extends JsonObject {
  /** The tool's name. */
  name: string;
  /** The tool's input schema. */
  inputSchema?: unknown;
  /** The tool's output schema, if it declares one. */
  outputSchema?: unknown;
  /** A human-readable description. */
  description?: string;
  /** A display title. */
  title?: string;
}

/** A prompt as listed by the server. */
export interface PromptInfo extends JsonObject {
  /** The prompt's name. */
  name: string;
  /** Its arguments. */
  arguments?: { name: string; required?: boolean; description?: string }[];
}

/** The result of a tool call, as core's `callTool` returns it. */
export interface ToolCallResult {
  /** The content blocks, unchanged. */
  content: unknown[];
  /** The structured content, if any. */
  structuredContent?: unknown;
  /** The structured result, unwrapped, if any. */
  data?: unknown;
  /** Whether the tool reported an error. */
  isError?: boolean;
}

/** Options the binding passes to `callTool`. */
export interface CallOptions {
  /** Milliseconds before the call times out (and is cancelled upstream). */
  timeout?: number;
  /** Aborts the call (and cancels it upstream). */
  signal?: AbortSignal;
  /** The most the call may take in all, even when progress restarts its timeout (milliseconds). */
  maxTotalTimeout?: number;
  /** Receives progress notifications of this call. */
  onProgress?: (progress: number, total?: number, message?: string) => void;
  /** Always `false`: an `isError` result is answered, not thrown. */
  raiseOnError: false;
  /** Runs the call as an MCP task: the client then answers a {@linkcode TaskHandle}. */
  task?: boolean;
}

/** An MCP task's status, as the server reports it (`tasks/get`). */
export interface TaskInfo {
  /** The id the server gave the task. */
  taskId: string;
  /** `working`, `input_required`, `completed`, `failed` or `cancelled`. */
  status: string;
  /** What the task is doing, if the server says. */
  statusMessage?: string;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** When its status last changed (ISO 8601). */
  lastUpdatedAt: string;
  /** Milliseconds the server keeps it after it ends, or `null` for no limit. */
  ttl: number | null;
  /** Milliseconds between status polls the server suggests. */
  pollInterval?: number;
}

/** The part of core's `ToolTask` the binding uses. */
export interface TaskHandle {
  /** The task's id. */
  readonly taskId: string;
  /** The tool that runs, when this client started the task. */
  readonly toolName?: string | undefined;
  /** Whether the server answered at once instead of creating a task. */
  readonly returnedImmediately?: boolean;
  /** The last status seen. */
  readonly lastStatus: TaskInfo;
  /** Asks the server for the status. */
  status(options?: { timeout?: number; signal?: AbortSignal }): Promise<TaskInfo>;
  /** The result, once the task has ended (a `ToolError` with `result` on `isError`, unless asked not to). */
  result(): Promise<ToolCallResult>;
  /** Asks the server to cancel the task; answers its status afterwards. */
  cancel(options?: { timeout?: number; signal?: AbortSignal }): Promise<TaskInfo>;
  /** Calls the listener on each status change; returns the function that removes it. */
  onStatusChange?(listener: (task: TaskInfo) => void): () => void;
}

/** What the server said when it was initialized. */
export interface InitializeInfo {
  /** The server's name and version. */
  serverInfo?: unknown;
  /** The server's capabilities. */
  capabilities?: unknown;
  /** The server's instructions. */
  instructions?: string;
  /** The negotiated protocol version. */
  protocolVersion?: string;
}

/**
 * The operations of core's `Client` that the binding calls. List operations may answer the array
 * or the SDK's `{ tools }`-style object; both are accepted.
 */
export interface UpstreamClient {
  /** Connects and initializes. */
  connect(): Promise<unknown>;
  /** Closes the session. */
  close(): Promise<unknown>;
  /** The server's answer to `initialize`, once connected. */
  readonly initializeResult?: InitializeInfo | undefined;
  /** Whether the session is open (core's Client has it); a lost connection is noticed through it. */
  isConnected?(): boolean;
  /** Listens for a server notification (core's Client has it); used for `list_changed`. */
  on?(method: string, listener: (params: Record<string, unknown> | undefined) => void): () => void;
  /** Lists every tool. */
  listTools(): Promise<unknown>;
  /** Calls a tool. */
  callTool(name: string, args: JsonObject, options: CallOptions): Promise<ToolCallResult>;
  /** A handle on a task by id (core's Client has it); without it, tasks are not offered. */
  getTask?(taskId: string, options?: { timeout?: number }): Promise<TaskHandle>;
  /** The tasks the server keeps for this session (core's Client has it). */
  listTasks?(options?: { timeout?: number }): Promise<TaskInfo[]>;
  /** Lists every resource. */
  listResources(): Promise<unknown>;
  /** Lists every resource template. */
  listResourceTemplates(): Promise<unknown>;
  /** Reads a resource. */
  readResource(uri: string): Promise<unknown>;
  /** Lists every prompt. */
  listPrompts(): Promise<unknown>;
  /** Gets a prompt. */
  getPrompt(name: string, args: JsonObject): Promise<unknown>;
  /** Asks for argument completions; `context` holds the other arguments' values. */
  complete(
    ref: JsonObject,
    argument: { name: string; value: string },
    context?: Record<string, string>,
  ): Promise<unknown>;
}

/**
 * Takes the array out of a list answer, whether it is the array or an object holding it.
 *
 * @param value the answer of a list operation
 * @param key the member holding the array in the object form
 * @returns the items
 */
export function listItems<T>(value: unknown, key: string): T[] {
  if (Array.isArray(value)) return value as T[];
  const inner = value && typeof value === "object" ? (value as JsonObject)[key] : undefined;
  return Array.isArray(inner) ? inner as T[] : [];
}
