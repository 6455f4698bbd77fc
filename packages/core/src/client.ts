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
import { NotConnectedError } from "./errors.ts";
import { callTool } from "./_call-tool.ts";
import { mapError } from "./_map-error.ts";
import { Notifications } from "./_notifications.ts";
import { Connection } from "./_connection.ts";
import * as ops from "./_operations.ts";
import { classifySource, describeSource, type Source } from "./_sources.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { Session } from "./_session.ts";
import { startToolTask, TaskChannel, TaskRegistry, tasksOffered, taskSupport } from "./_tasks.ts";
import type { ToolTask } from "./tool-task.ts";
import type {
  CallToolOptions,
  CallToolResult,
  ClientOptions,
  InitializeResult,
  NotificationParams,
  RequestOptions,
  RootsOption,
  Task,
  ToolTaskOptions,
} from "./types.ts";

/**
 * An MCP client for any server: an in-memory `McpServer`, a transport, an `http(s)://` URL, a
 * server file (`.py`, `.js`, `.ts`, …) or an `mcpServers` config.
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
  #connection: Connection;
  #notifications: Notifications;
  #tasks = new TaskRegistry();

  /**
   * @param source the server to connect to
   * @param options client options, plus options passed to the transport package
   * @throws {UnsupportedSourceError} when the source is none of the supported kinds
   */
  constructor(source: Source, options: ClientOptions = {}) {
    classifySource(source);
    this.source = source;
    this.options = options;
    this.#notifications = new Notifications(options, () => this.#connection.serverName);
    this.#connection = new Connection(source, options, describeSource(source), this.#notifications);
    this.#notifications.on("notifications/tasks/status", (p) => this.#tasks.notify(p));
  }

  /**
   * Connects (or joins the open session) and takes a reference.
   *
   * @returns this client, for `await using client = await new Client(src).connect()`
   * @throws {ConnectionError} when the server cannot be reached
   * @throws {TimeoutError} when the handshake times out
   */
  async connect(): Promise<this> {
    await this.#connection.acquire();
    return this;
  }

  /** Releases one reference; the last one disconnects unless the transport is kept alive. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#connection.release();
  }

  /** Disconnects now, whatever the reference count, and closes the transport. */
  async close(): Promise<void> {
    await this.#connection.close();
  }

  /** Whether a session is open. */
  isConnected(): boolean {
    const session = this.#connection.session;
    return session !== undefined && session.lost === undefined;
  }

  /** What the handshake established; `undefined` before it and after disconnecting. */
  get initializeResult(): InitializeResult | undefined {
    const session = this.#connection.session;
    return session?.lost ? undefined : session?.result;
  }

  /**
   * Runs the handshake (with `autoInitialize: false`); cached, so later calls return the result.
   *
   * @throws {NotConnectedError} before `connect()`
   * @throws {TimeoutError} when the handshake times out
   */
  async initialize(options: { timeout?: number } = {}): Promise<InitializeResult> {
    const session = this.#connection.session;
    if (!session) {
      throw new NotConnectedError(`${this.#connection.notConnected()} call connect() first`);
    }
    const timeout = options.timeout ?? this.options.initTimeout ?? this.options.timeout;
    try {
      return await session.initialize(timeout);
    } catch (error) {
      throw mapError(error, { server: this.#connection.serverName, what: "initialize", timeout });
    }
  }

  /** A new client with the same source and options (and current roots). */
  // deno-lint-ignore no-misused-new -- `client.new()` is FastMCP's name, kept on purpose
  new(): Client {
    return new Client(this.source, { ...this.options, roots: this.#connection.roots });
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
    await this.#connection.run("ping", options, (s, o) => s.sdk.ping(o));
    return true;
  }

  /** Every tool, across all pages. */
  async listTools(options?: RequestOptions): Promise<Tool[]> {
    return await ops.listAll(this.#connection, ops.LISTS.tools, options);
  }

  /** One page of tools. */
  async listToolsRaw(cursor?: string, options?: RequestOptions): Promise<ListToolsResult> {
    return await ops.listPage(this.#connection, ops.LISTS.tools, cursor, options);
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
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean } = {},
  ): Promise<CallToolResult | ToolTask> {
    const list = () => this.listTools();
    const call = (s: Session) =>
      options.task || !s.tools || taskSupport(s, name) === "required"
        ? this.#callAsTask(s, name, args, options)
        : callTool(s, name, args, options, this.options, list);
    const session = this.#connection.ready();
    if (session) return call(session);
    return this.#connection.whenReady(`tools/call '${name}'`).then(call);
  }

  // Tasks (tool-task.ts, _tasks.ts): `{ task: true }` returns a ToolTask; a tool whose
  // `taskSupport` is "required" runs as a task and its result is awaited.
  async #callAsTask(
    session: Session,
    name: string,
    args: Record<string, unknown>,
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean },
  ): Promise<CallToolResult | ToolTask> {
    const list = () => this.listTools();
    if (!session.tools) await session.loadTools(list);
    const asTask = options.task === true || taskSupport(session, name) === "required";
    if (!asTask) return await callTool(session, name, args, options, this.options, list);
    const task = await startToolTask(session, {
      name,
      args,
      options: { ...options, task: true },
      defaults: this.options,
      listTools: list,
      plain: (s, o) => callTool(s, name, args, o, this.options, list),
      track: (t) => this.#tasks.track(t),
    });
    if (options.task === true) return task;
    await using running = task;
    return await running.result();
  }

  /**
   * Every task the server keeps for this session (`tasks/list`, all pages); none when the server
   * does not list tasks (or on the 2026-07-28 era).
   */
  async listTasks(options?: RequestOptions): Promise<Task[]> {
    const session = this.#connection.ready() ?? await this.#connection.whenReady("tasks/list");
    const tasks = session.result?.capabilities.tasks as { list?: unknown } | undefined;
    if (!tasksOffered(session) || tasks?.list === undefined) return [];
    return await new TaskChannel(session, this.options).list(options);
  }

  /**
   * A handle on a task by id: the one `callTool` returned when this client started it, else a
   * new handle on the server's task (`tasks/get`), whose `result()` and `cancel()` work as usual.
   *
   * @throws {McpError} when the server does not know the task
   */
  async getTask(taskId: string, options?: RequestOptions): Promise<ToolTask> {
    const known = this.#tasks.get(taskId);
    if (known) {
      await known.status(options);
      return known;
    }
    const session = this.#connection.ready() ?? await this.#connection.whenReady("tasks/get");
    const channel = new TaskChannel(session, this.options);
    const task = await channel.get(taskId, options);
    return this.#tasks.adopt(channel, task);
  }

  /** Every resource, across all pages. */
  async listResources(options?: RequestOptions): Promise<Resource[]> {
    return await ops.listAll(this.#connection, ops.LISTS.resources, options);
  }

  /** One page of resources. */
  async listResourcesRaw(cursor?: string, options?: RequestOptions): Promise<ListResourcesResult> {
    return await ops.listPage(this.#connection, ops.LISTS.resources, cursor, options);
  }

  /** Every resource template, across all pages. */
  async listResourceTemplates(options?: RequestOptions): Promise<ResourceTemplateType[]> {
    return await ops.listAll(this.#connection, ops.LISTS.resourceTemplates, options);
  }

  /** One page of resource templates. */
  async listResourceTemplatesRaw(
    cursor?: string,
    options?: RequestOptions,
  ): Promise<ListResourceTemplatesResult> {
    return await ops.listPage(this.#connection, ops.LISTS.resourceTemplates, cursor, options);
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
    return await ops.readResource(this.#connection, uri, options);
  }

  /** Asks for `notifications/resources/updated` when the resource changes. */
  async subscribeResource(uri: string | URL, options?: RequestOptions): Promise<void> {
    await ops.subscribeResource(this.#connection, uri, true, options);
  }

  /** Stops updates for the resource. */
  async unsubscribeResource(uri: string | URL, options?: RequestOptions): Promise<void> {
    await ops.subscribeResource(this.#connection, uri, false, options);
  }

  /** Every prompt, across all pages. */
  async listPrompts(options?: RequestOptions): Promise<Prompt[]> {
    return await ops.listAll(this.#connection, ops.LISTS.prompts, options);
  }

  /** One page of prompts. */
  async listPromptsRaw(cursor?: string, options?: RequestOptions): Promise<ListPromptsResult> {
    return await ops.listPage(this.#connection, ops.LISTS.prompts, cursor, options);
  }

  /** Renders a prompt. Non-string argument values are sent as compact JSON. */
  async getPrompt(
    name: string,
    args: Record<string, unknown> = {},
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    return await ops.getPrompt(this.#connection, name, args, options);
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
    return await ops.complete(this.#connection, ref, argument, context, options);
  }

  /**
   * Sets the minimum level of log messages the server sends: `logging/setLevel` on the legacy era;
   * on the 2026-07-28 era, the level every later request of the session carries.
   */
  async setLoggingLevel(level: LoggingLevel, options?: RequestOptions): Promise<void> {
    await ops.setLoggingLevel(this.#connection, level, options);
  }

  /**
   * Replaces the roots and tells the server (`notifications/roots/list_changed`). A client
   * created without roots declares the capability from its next connection on.
   */
  async setRoots(roots: RootsOption): Promise<void> {
    await ops.setRoots(this.#connection, roots);
  }
}
