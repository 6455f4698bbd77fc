/**
 * The `Client`: one MCP client for any server, with FastMCP's semantics in TypeScript shapes.
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
import type { ClientBackend } from "./backend.ts";
import { Notifications } from "./_notifications.ts";
import { ConfigBackend } from "./_config-backend.ts";
import { SingleServer } from "./_single-server.ts";
import { classifySource, describeSource, type Source } from "./_sources.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { ToolTask } from "./tool-task.ts";
import type {
  CallToolOptions,
  CallToolResult,
  ClientOptions,
  InitializeResult,
  NotificationParams,
  RequestOptions,
  RootsOption,
  ServerStatus,
  Task,
  ToolTaskOptions,
} from "./types.ts";

// A call without options shares one (frozen) options object instead of allocating one.
const NO_CALL_OPTIONS: CallToolOptions = Object.freeze({});

/**
 * An MCP client for any server: an in-memory `McpServer`, a transport, an `http(s)://` URL, a
 * server file (`.py`, `.js`, `.ts`, …) or a config (`mcpServers`, VS Code `servers`): one
 * `Client` per server behind prefixed names, each server in {@linkcode Client.servers}.
 *
 * Connections are reference-counted: each `connect()` takes a reference, each `await using`
 * exit releases one, and the last release disconnects (unless the transport asks to be kept
 * alive). `close()` always disconnects. A fresh client connects by itself on first use.
 *
 * @example Call a tool on an in-memory server
 * ```ts
 * import { Client } from "@mcpwire/core";
 * import { McpServer } from "@modelcontextprotocol/server";
 * import { z } from "zod";
 *
 * const server = new McpServer({ name: "calc", version: "1.0.0" });
 * server.registerTool("add", {
 *   inputSchema: z.object({ a: z.number(), b: z.number() }),
 *   outputSchema: z.object({ sum: z.number() }),
 * }, ({ a, b }) => ({ content: [], structuredContent: { sum: a + b } }));
 *
 * await using client = await new Client(server).connect();
 * const result = await client.callTool<{ sum: number }>("add", { a: 5, b: 3 });
 * console.log(result.data.sum); // 8
 * ```
 */
export class Client implements AsyncDisposable {
  /** What this client connects to. */
  readonly source: Source;
  /** The options it was created with. */
  readonly options: Readonly<ClientOptions>;
  #backend: ClientBackend;
  #notifications: Notifications;

  /**
   * @param source the server to connect to
   * @param options client options, plus options passed to the transport package
   * @throws {UnsupportedSourceError} when the source is none of the supported kinds
   */
  constructor(source: Source, options: ClientOptions = {}) {
    const kind = classifySource(source);
    this.source = source;
    this.options = options;
    this.#notifications = new Notifications(options, () => this.#backend.serverName);
    const label = options.serverName ?? describeSource(source);
    this.#backend = kind === "config"
      ? new ConfigBackend(source as object, options, label, this.#notifications)
      : new SingleServer(source, options, label, this.#notifications);
  }

  /**
   * Connects (or joins the open session) and takes a reference.
   *
   * @returns this client, for `await using client = await new Client(src).connect()`
   * @throws {ConnectionError} when the server cannot be reached
   * @throws {TimeoutError} when the handshake times out
   */
  async connect(): Promise<this> {
    await this.#backend.acquire();
    return this;
  }

  /** Releases one reference; the last one disconnects unless the transport is kept alive. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#backend.release();
  }

  /** Disconnects now, whatever the reference count, and closes the transport. */
  async close(): Promise<void> {
    await this.#backend.close();
  }

  /** Whether a session is open (for a config: with at least one server). */
  isConnected(): boolean {
    return this.#backend.isConnected();
  }

  /**
   * What the handshake established; `undefined` before it and after disconnecting. For a config:
   * the servers' capabilities and instructions, merged.
   */
  get initializeResult(): InitializeResult | undefined {
    return this.#backend.initializeResult;
  }

  /**
   * For a config source: each server's state (`connecting`, `connected`, `failed`, `closed`,
   * `disabled`), error, `serverInfo` and counts, by name in config order. Empty for other sources
   * (and until `@mcpwire/config` has loaded).
   */
  get servers(): Record<string, ServerStatus> {
    return this.#backend.servers ?? {};
  }

  /**
   * For a config source: closes one server and connects it again, leaving the others alone (after
   * it failed, or to pick up a restarted process). Resolves once it is connected.
   *
   * @param server the server's name in the config
   * @throws {ConnectionError} / {TimeoutError} naming the server when it does not connect
   * @throws {TypeError} for a source that is not a config, or a name not in it
   */
  async reconnect(server: string): Promise<void> {
    const backend = this.#backend;
    if (!backend.reconnect) {
      throw new TypeError(
        `reconnect('${server}') needs a config source; use close() and connect()`,
      );
    }
    await backend.reconnect(server);
  }

  /**
   * Runs the handshake (with `autoInitialize: false`); cached, so later calls return the result.
   *
   * @throws {NotConnectedError} before `connect()`
   * @throws {TimeoutError} when the handshake times out
   */
  async initialize(options: { timeout?: number } = {}): Promise<InitializeResult> {
    const timeout = options.timeout ?? this.options.initTimeout ?? this.options.timeout;
    return await this.#backend.initialize(timeout);
  }

  /** A new client with the same source and options (and current roots). */
  // deno-lint-ignore no-misused-new -- `client.new()` is FastMCP's name, kept on purpose
  new(): Client {
    return new Client(this.source, { ...this.options, roots: this.#backend.roots });
  }

  /**
   * Listens for one kind of server notification.
   *
   * @returns a function that removes the listener
   */
  on<K extends keyof NotificationParams>(
    method: K,
    listener: (params: NotificationParams[K]) => void,
  ): () => void;
  on(method: string, listener: (params: Record<string, unknown> | undefined) => void): () => void;
  on(method: string, listener: (params: never) => void): () => void {
    return this.#notifications.on(method, listener);
  }

  /** Checks the server answers. */
  async ping(options?: RequestOptions): Promise<boolean> {
    await this.#backend.ping(options);
    return true;
  }

  /** Every tool, across all pages. */
  async listTools(options?: RequestOptions): Promise<Tool[]> {
    return await this.#backend.list("tools", options);
  }

  /** One page of tools. */
  async listToolsRaw(cursor?: string, options?: RequestOptions): Promise<ListToolsResult> {
    return await this.#backend.listPage("tools", cursor, options);
  }

  /**
   * Calls a tool and returns its typed result.
   *
   * @throws {ToolError} when the tool reports an error (unless `raiseOnError: false`)
   * @throws {InputValidationError} when the arguments do not match the tool's input schema
   * @throws {OutputValidationError} when `data` does not match the output schema or `schema`
   * @throws {TimeoutError} / {CancelledError} after cancelling the call on the server
   */
  callTool<S extends StandardSchemaV1>(
    name: string,
    args: Record<string, unknown> | undefined,
    options: ToolTaskOptions<S> & { schema: S },
  ): Promise<ToolTask<StandardSchemaV1.InferOutput<S>>>;
  callTool<T = unknown>(
    name: string,
    args: Record<string, unknown> | undefined,
    options: ToolTaskOptions,
  ): Promise<ToolTask<T>>;
  callTool<S extends StandardSchemaV1>(
    name: string,
    args: Record<string, unknown> | undefined,
    options: CallToolOptions<S> & { schema: S },
  ): Promise<CallToolResult<StandardSchemaV1.InferOutput<S>>>;
  callTool<T = unknown>(
    name: string,
    args?: Record<string, unknown>,
    options?: CallToolOptions,
  ): Promise<CallToolResult<T>>;
  callTool(
    name: string,
    args: Record<string, unknown> = {},
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean } = NO_CALL_OPTIONS,
  ): Promise<CallToolResult | ToolTask> {
    return this.#backend.callTool(name, args, options);
  }

  /**
   * Every task the server keeps for this session (`tasks/list`, all pages); none when the server
   * does not list tasks (or on the 2026-07-28 era). For a config: every server's tasks.
   */
  async listTasks(options?: RequestOptions): Promise<Task[]> {
    return await this.#backend.listTasks(options);
  }

  /**
   * A handle on a task by id: the one `callTool` returned when this client started it, else a
   * new handle on the server's task (`tasks/get`), whose `result()` and `cancel()` work as usual.
   *
   * @throws {McpError} when the server does not know the task
   */
  async getTask(taskId: string, options?: RequestOptions): Promise<ToolTask> {
    return await this.#backend.getTask(taskId, options);
  }

  /** Every resource, across all pages. */
  async listResources(options?: RequestOptions): Promise<Resource[]> {
    return await this.#backend.list("resources", options);
  }

  /** One page of resources. */
  async listResourcesRaw(cursor?: string, options?: RequestOptions): Promise<ListResourcesResult> {
    return await this.#backend.listPage("resources", cursor, options);
  }

  /** Every resource template, across all pages. */
  async listResourceTemplates(options?: RequestOptions): Promise<ResourceTemplateType[]> {
    return await this.#backend.list("resourceTemplates", options);
  }

  /** One page of resource templates. */
  async listResourceTemplatesRaw(
    cursor?: string,
    options?: RequestOptions,
  ): Promise<ListResourceTemplatesResult> {
    return await this.#backend.listPage("resourceTemplates", cursor, options);
  }

  /** Reads a resource; returns its contents (text, or base64 `blob`). */
  async readResource(
    uri: string | URL,
    options?: RequestOptions,
  ): Promise<ReadResourceResult["contents"]> {
    return (await this.readResourceRaw(uri, options)).contents;
  }

  /** Reads a resource; returns the whole result. */
  async readResourceRaw(uri: string | URL, options?: RequestOptions): Promise<ReadResourceResult> {
    return await this.#backend.readResource(String(uri), options);
  }

  /** Asks for `notifications/resources/updated` when the resource changes. */
  async subscribeResource(uri: string | URL, options?: RequestOptions): Promise<void> {
    await this.#backend.subscribeResource(String(uri), true, options);
  }

  /** Stops updates for the resource. */
  async unsubscribeResource(uri: string | URL, options?: RequestOptions): Promise<void> {
    await this.#backend.subscribeResource(String(uri), false, options);
  }

  /** Every prompt, across all pages. */
  async listPrompts(options?: RequestOptions): Promise<Prompt[]> {
    return await this.#backend.list("prompts", options);
  }

  /** One page of prompts. */
  async listPromptsRaw(cursor?: string, options?: RequestOptions): Promise<ListPromptsResult> {
    return await this.#backend.listPage("prompts", cursor, options);
  }

  /** Renders a prompt. Non-string argument values are sent as compact JSON. */
  async getPrompt(
    name: string,
    args: Record<string, unknown> = {},
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    return await this.#backend.getPrompt(name, args, options);
  }

  /** Completion values for a prompt or resource-template argument. */
  async complete(
    ref: PromptReference | ResourceTemplateReference,
    argument: { name: string; value: string },
    context?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<CompleteResult["completion"]> {
    return (await this.completeRaw(ref, argument, context, options)).completion;
  }

  /** Completion, as the whole result. */
  async completeRaw(
    ref: PromptReference | ResourceTemplateReference,
    argument: { name: string; value: string },
    context?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<CompleteResult> {
    return await this.#backend.complete(ref, argument, context, options);
  }

  /**
   * Sets the minimum level of log messages the server sends: `logging/setLevel` on the legacy era;
   * on the 2026-07-28 era, the level every later request of the session carries.
   */
  async setLoggingLevel(level: LoggingLevel, options?: RequestOptions): Promise<void> {
    await this.#backend.setLoggingLevel(level, options);
  }

  /**
   * Replaces the roots and tells the server (`notifications/roots/list_changed`). A client
   * created without roots declares the capability from its next connection on.
   */
  async setRoots(roots: RootsOption): Promise<void> {
    await this.#backend.setRoots(roots);
  }
}
