/**
 * The backend of every source but a config: one reference-counted connection to one server.
 */
import type * as mcp from "@modelcontextprotocol/client";
import type { ClientBackend, ListItems, ListName, ListPages } from "./backend.ts";
import { NotConnectedError } from "./errors.ts";
import { callTool } from "./_call-tool.ts";
import { Connection } from "./_connection.ts";
import { mapError } from "./_map-error.ts";
import type { Notifications } from "./_notifications.ts";
import * as ops from "./_operations.ts";
import type { Source } from "./_sources.ts";
import type { Session } from "./_session.ts";
import { startToolTask, TaskChannel, TaskRegistry, tasksOffered, taskSupport } from "./_tasks.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { ToolTask } from "./tool-task.ts";
import type {
  CallToolOptions,
  CallToolResult,
  ClientOptions,
  InitializeResult,
  RequestOptions,
  RootsOption,
  Task,
} from "./types.ts";

/** One server behind a `Client`. */
export class SingleServer implements ClientBackend {
  readonly #connection: Connection;
  readonly #options: Readonly<ClientOptions>;
  readonly #listTools = () => this.list("tools");
  readonly #tasks = new TaskRegistry();

  constructor(
    source: Source,
    options: Readonly<ClientOptions>,
    label: string,
    notifications: Notifications,
  ) {
    this.#options = options;
    this.#connection = new Connection(source, options, label, notifications);
    notifications.on("notifications/tasks/status", (p) => this.#tasks.notify(p));
  }

  get serverName(): string {
    return this.#connection.serverName;
  }

  get roots(): RootsOption | undefined {
    return this.#connection.roots;
  }

  get initializeResult(): InitializeResult | undefined {
    const session = this.#connection.session;
    return session?.lost ? undefined : session?.result;
  }

  acquire(): Promise<void> {
    return this.#connection.acquire();
  }

  release(): Promise<void> {
    return this.#connection.release();
  }

  close(): Promise<void> {
    return this.#connection.close();
  }

  isConnected(): boolean {
    const session = this.#connection.session;
    return session !== undefined && session.lost === undefined;
  }

  async initialize(timeout: number | undefined): Promise<InitializeResult> {
    const session = this.#connection.session;
    if (!session) {
      throw new NotConnectedError(`${this.#connection.notConnected()} call connect() first`);
    }
    try {
      return await session.initialize(timeout);
    } catch (error) {
      throw mapError(error, { server: this.serverName, what: "initialize", timeout });
    }
  }

  async ping(options?: RequestOptions): Promise<void> {
    await this.#connection.run("ping", options, (s, o) => s.request("ping", undefined, o));
  }

  list<K extends ListName>(kind: K, options?: RequestOptions): Promise<ListItems[K][]> {
    return ops.listAll(this.#connection, ops.LISTS[kind] as ops.ListKind<ListItems[K]>, options);
  }

  listPage<K extends ListName>(
    kind: K,
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<ListPages[K]> {
    return ops.listPage(this.#connection, ops.LISTS[kind], cursor, options);
  }

  callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean },
  ): Promise<CallToolResult | ToolTask> {
    const session = this.#connection.ready();
    if (session) return this.#call(session, name, args, options);
    return this.#connection.whenReady(`tools/call '${name}'`)
      .then((s) => this.#call(s, name, args, options));
  }

  #call(
    session: Session,
    name: string,
    args: Record<string, unknown>,
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean },
  ): Promise<CallToolResult | ToolTask> {
    return options.task || !session.tools || taskSupport(session, name) === "required"
      ? this.#callAsTask(session, name, args, options)
      : callTool(session, name, args, options, this.#options, this.#listTools);
  }

  // Tasks (tool-task.ts, _tasks.ts): `{ task: true }` returns a ToolTask; a tool whose
  // `taskSupport` is "required" runs as a task and its result is awaited.
  async #callAsTask(
    session: Session,
    name: string,
    args: Record<string, unknown>,
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean },
  ): Promise<CallToolResult | ToolTask> {
    const list = this.#listTools;
    if (!session.tools) await session.loadTools(list);
    const asTask = options.task === true || taskSupport(session, name) === "required";
    if (!asTask) return await callTool(session, name, args, options, this.#options, list);
    const task = await startToolTask(session, {
      name,
      args,
      options: { ...options, task: true },
      defaults: this.#options,
      listTools: list,
      plain: (s, o) => callTool(s, name, args, o, this.#options, list),
      track: (t) => this.#tasks.track(t),
    });
    if (options.task === true) return task;
    await using running = task;
    return await running.result();
  }

  async listTasks(options?: RequestOptions): Promise<Task[]> {
    const session = this.#connection.ready() ?? await this.#connection.whenReady("tasks/list");
    const tasks = session.result?.capabilities.tasks as { list?: unknown } | undefined;
    if (!tasksOffered(session) || tasks?.list === undefined) return [];
    return await new TaskChannel(session, this.#options).list(options);
  }

  async getTask(taskId: string, options?: RequestOptions): Promise<ToolTask> {
    const known = this.#tasks.get(taskId);
    if (known) {
      await known.status(options);
      return known;
    }
    const session = this.#connection.ready() ?? await this.#connection.whenReady("tasks/get");
    const channel = new TaskChannel(session, this.#options);
    const task = await channel.get(taskId, options);
    return this.#tasks.adopt(channel, task);
  }

  readResource(uri: string, options?: RequestOptions): Promise<mcp.ReadResourceResult> {
    return ops.readResource(this.#connection, uri, options);
  }

  subscribeResource(uri: string, subscribe: boolean, options?: RequestOptions): Promise<void> {
    return ops.subscribeResource(this.#connection, uri, subscribe, options);
  }

  getPrompt(
    name: string,
    args: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<mcp.GetPromptResult> {
    return ops.getPrompt(this.#connection, name, args, options);
  }

  complete(
    ref: mcp.PromptReference | mcp.ResourceTemplateReference,
    argument: { name: string; value: string },
    context: Record<string, string> | undefined,
    options?: RequestOptions,
  ): Promise<mcp.CompleteResult> {
    return ops.complete(this.#connection, ref, argument, context, options);
  }

  setLoggingLevel(level: mcp.LoggingLevel, options?: RequestOptions): Promise<void> {
    return ops.setLoggingLevel(this.#connection, level, options);
  }

  setRoots(roots: RootsOption): Promise<void> {
    return ops.setRoots(this.#connection, roots);
  }
}
