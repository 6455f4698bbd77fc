/**
 * The router behind `new Client(config)` and `MultiServerClient`: one core `Client` per server,
 * prefixed names routed back to their server, merged listings, per-server state. It implements
 * core's `ClientBackend`, so the `Client` the user holds behaves as with one server.
 *
 * @module
 */
import {
  type BackendHooks,
  type CallToolOptions,
  type CallToolResult,
  type ClientBackend,
  type ClientOptions,
  type CompleteResult,
  ConnectionError,
  type GetPromptResult,
  type InitializeResult,
  type ListItems,
  type ListName,
  type ListPages,
  type LoggingLevel,
  NotConnectedError,
  type PromptReference,
  type ReadResourceResult,
  type RequestContext,
  type RequestOptions,
  type ResourceTemplateReference,
  type RootsOption,
  type ServerCapabilities,
  type ServerNotification,
  type ServerStatus,
  type StandardSchemaV1,
  type Task,
  ToolTask,
  type Transport,
} from "@mcpwire/core";
import { Catalog } from "./_catalog.ts";
import { ConfigError } from "./config-error.ts";
import { resolveConfig } from "./interpolate.ts";
import { DEFAULT_SEPARATOR } from "./naming.ts";
import type { McpConfig, ServerConfig } from "./schema.ts";
import { exposeContent } from "./_content.ts";
import { type ListKind, ServerConnection, type ServerSetup } from "./_server-connection.ts";
import { createServerTransport } from "./_server-transport.ts";
import type { RouterOptions } from "./_types.ts";
import { forwardNotification, invalidate, listsChanged, perServerOptions } from "./_forward.ts";
import { TaskRoutes } from "./_task-routes.ts";
import { mergedCapabilities, mergedInitializeResult } from "./_merged-info.ts";
import { settleServers } from "./_settle.ts";

/** Connect timeout per server unless its entry, `connectTimeout`, `initTimeout` or `timeout` says. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** Routes a `Client`'s operations to the servers of a config. */
export class ServerRouter implements ClientBackend {
  readonly serverName: string;
  readonly #config: McpConfig;
  readonly #client: Readonly<ClientOptions>;
  readonly #options: RouterOptions;
  readonly #hooks: BackendHooks;
  readonly #connections = new Map<string, ServerConnection>();
  readonly #catalog: Catalog;
  readonly #tasks: TaskRoutes;
  #resolved: Promise<void> | undefined;
  #refs = 0;
  #used = false;
  #open = false;
  #announce = false;
  #roots: RootsOption | undefined;

  constructor(
    config: McpConfig,
    client: Readonly<ClientOptions>,
    options: RouterOptions,
    hooks: BackendHooks,
  ) {
    this.#config = config;
    this.#client = client;
    this.#options = options;
    this.#hooks = hooks;
    this.#roots = client.roots;
    this.#tasks = new TaskRoutes({
      live: () => this.#live(),
      connection: (server) => this.#connection(server),
      separator: options.separator ?? DEFAULT_SEPARATOR,
    });
    this.serverName = client.serverName ??
      `config (${Object.keys(config.mcpServers).join(", ")})`;
    const setup = this.#setup();
    for (const [name, entry] of Object.entries(config.mcpServers)) {
      this.#connections.set(name, new ServerConnection(name, entry, setup));
    }
    const enabled = this.#enabled().length;
    this.#catalog = new Catalog(
      this.#connections,
      {
        prefix: options.prefix ?? enabled !== 1,
        separator: options.separator ?? DEFAULT_SEPARATOR,
        strict: options.strict ?? false,
      },
      (message, error) => this.#warn(message, error),
      () => this.#settle(),
    );
  }

  get servers(): Record<string, ServerStatus> {
    const entries = [...this.#connections.values()].map((c) => [c.name, c.status()] as const);
    return Object.fromEntries(entries);
  }

  get roots(): RootsOption | undefined {
    return this.#roots;
  }

  /**
   * The one server's own result, or the servers' capabilities and instructions merged;
   * `undefined` while none is connected.
   */
  get initializeResult(): InitializeResult | undefined {
    return mergedInitializeResult(this.#live(), this.#enabled().length === 1);
  }

  /** What connected servers can do, merged: a capability is there when any server has it. */
  capabilities(): ServerCapabilities {
    return mergedCapabilities(this.#live());
  }

  /** The core `Client` of one server, once it is connected. */
  async serverClient(server: string): Promise<import("@mcpwire/core").Client> {
    return await this.#connection(server).ready();
  }

  isConnected(): boolean {
    // Client.isConnected() may be polled: no arrays, and it stops at the first connected server
    for (const connection of this.#connections.values()) {
      if (connection.state === "connected") return true;
    }
    return false;
  }

  async acquire(): Promise<void> {
    this.#refs++;
    try {
      await this.#start();
      await this.#settle();
    } catch (error) {
      this.#refs = Math.max(0, this.#refs - 1);
      if (this.#refs === 0) await this.#closeAll();
      throw error;
    }
  }

  async release(): Promise<void> {
    if (this.#refs > 0) this.#refs--;
    if (this.#refs > 0 || this.#keepAlive()) return;
    await this.#closeAll();
  }

  async close(): Promise<void> {
    this.#refs = 0;
    this.#used = true;
    await this.#closeAll();
  }

  async initialize(): Promise<InitializeResult> {
    await this.#ensure();
    const result = this.initializeResult;
    if (result) return result;
    throw new NotConnectedError(`no server of ${this.serverName} is connected`);
  }

  async setRoots(roots: RootsOption): Promise<void> {
    this.#roots = roots;
    await Promise.all(
      [...this.#connections.values()].map((c) => c.client?.setRoots(this.#rootsFor(c.name)!)),
    );
  }

  async ping(options?: RequestOptions): Promise<void> {
    await this.#ensure();
    await Promise.all(this.#live().map((c) => c.client?.ping(options)));
  }

  async list<K extends ListName>(kind: K, options?: RequestOptions): Promise<ListItems[K][]> {
    void options; // each server's own listing applies the client's timeout
    await this.#ensure();
    return await this.#catalog.list(kind as ListKind) as ListItems[K][];
  }

  async listPage<K extends ListName>(kind: K, _cursor?: string): Promise<ListPages[K]> {
    // The merged listing is one page: each server's pages are followed to the end.
    return { [kind]: await this.list(kind) } as unknown as ListPages[K];
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean },
  ): Promise<CallToolResult | ToolTask> {
    await this.#begin();
    const route = await this.#catalog.route("tools", name);
    const connection = this.#connection(route.server);
    const client = await connection.ready();
    const result = await client.callTool(
      route.name,
      args,
      this.#withTimeout(connection, options) as CallToolOptions,
    ) as CallToolResult | ToolTask;
    if (result instanceof ToolTask) {
      if (!result.returnedImmediately) this.#tasks.record(route.server, result.taskId);
      return result; // its result is the server's own
    }
    return exposeContent(result, (uri) => this.#catalog.exposeUri(route.server, uri));
  }

  /** Every connected server's tasks, each marked with its server (`_meta["mcpwire/server"]`). */
  async listTasks(options?: RequestOptions): Promise<Task[]> {
    await this.#ensure();
    return await this.#tasks.list(options);
  }

  /**
   * A handle on a task, from the server that issued its id (see {@linkcode TaskRoutes.get}).
   *
   * @throws {McpError} (-32602) when no server knows the id, or several servers issued it
   */
  async getTask(taskId: string, options?: RequestOptions): Promise<ToolTask> {
    await this.#ensure();
    return await this.#tasks.get(taskId, options);
  }

  async readResource(uri: string, options?: RequestOptions): Promise<ReadResourceResult> {
    await this.#begin();
    const route = await this.#catalog.routeUri(uri);
    const connection = this.#connection(route.server);
    const client = await connection.ready();
    const result = await client.readResourceRaw(route.name, this.#withTimeout(connection, options));
    return exposeContent(result, (u) => this.#catalog.exposeUri(route.server, u));
  }

  async subscribeResource(
    uri: string,
    subscribe: boolean,
    options?: RequestOptions,
  ): Promise<void> {
    await this.#begin();
    const route = await this.#catalog.routeUri(uri);
    const client = await this.#connection(route.server).ready();
    if (subscribe) await client.subscribeResource(route.name, options);
    else await client.unsubscribeResource(route.name, options);
  }

  async getPrompt(
    name: string,
    args: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    await this.#begin();
    const route = await this.#catalog.route("prompts", name);
    const connection = this.#connection(route.server);
    const client = await connection.ready();
    const result = await client.getPrompt(route.name, args, this.#withTimeout(connection, options));
    return exposeContent(result, (uri) => this.#catalog.exposeUri(route.server, uri));
  }

  async complete(
    ref: PromptReference | ResourceTemplateReference,
    argument: { name: string; value: string },
    context: Record<string, string> | undefined,
    options?: RequestOptions,
  ): Promise<CompleteResult> {
    await this.#begin();
    const route = ref.type === "ref/prompt"
      ? await this.#catalog.route("prompts", ref.name)
      : await this.#catalog.routeUri(ref.uri);
    const own = ref.type === "ref/prompt"
      ? { ...ref, name: route.name }
      : { ...ref, uri: route.name };
    const connection = this.#connection(route.server);
    const client = await connection.ready();
    return await client.completeRaw(own, argument, context, this.#withTimeout(connection, options));
  }

  async setLoggingLevel(level: LoggingLevel, options?: RequestOptions): Promise<void> {
    await this.#ensure();
    await Promise.all(
      this.#live()
        .filter((c) => c.client?.initializeResult?.capabilities.logging)
        .map((c) => c.client?.setLoggingLevel(level, options)),
    );
  }

  async reconnect(server: string): Promise<void> {
    const connection = this.#connection(server);
    if (connection.state === "disabled") {
      throw new TypeError(`server '${server}' is disabled in the config`);
    }
    this.#used = true;
    await this.#resolve();
    this.#open = true;
    await connection.reconnect();
    if (connection.state !== "connected") throw connection.error ?? new ConnectionError(server);
  }

  // --- lifecycle ---

  /** Connects every enabled server (each on its own); settles once each attempt has started. */
  async #start(): Promise<void> {
    this.#used = true;
    await this.#resolve();
    this.#open = true;
    for (const connection of this.#enabled()) void connection.start();
  }

  /** Resolves `${…}` placeholders once, then gives each server its resolved entry. */
  #resolve(): Promise<void> {
    return this.#resolved ??= (async () => {
      const enabled = this.#enabled();
      if (enabled.length === 0) {
        const why = this.#connections.size ? "every server is disabled" : "it has no servers";
        throw new ConfigError(`nothing to connect: ${why}`);
      }
      const resolved = await resolveConfig(this.#config, this.#options);
      for (const connection of enabled) {
        connection.entry = resolved.mcpServers[connection.name] as ServerConfig;
      }
    })().catch((error) => {
      this.#resolved = undefined;
      throw error;
    });
  }

  /** Waits for the servers as `connect()` and merged listings do (see {@linkcode settleServers}). */
  async #settle(): Promise<void> {
    const { strict = false, serverWait } = this.#options;
    await settleServers(this.#enabled(), { strict, serverWait });
    this.#announce = true;
  }

  /** Before a merged operation: a fresh router connects by itself; a closed one says so. */
  async #ensure(): Promise<void> {
    await this.#begin();
    await this.#settle();
  }

  /** Before a routed operation: starts a fresh router, without waiting for its servers. */
  async #begin(): Promise<void> {
    if (!this.#used) {
      this.#refs++;
      try {
        await this.#start();
      } catch (error) {
        this.#refs = Math.max(0, this.#refs - 1);
        throw error;
      }
    } else if (!this.#open) {
      throw new NotConnectedError(
        `the client for ${this.serverName} is not connected; call connect() first`,
      );
    }
  }

  async #closeAll(): Promise<void> {
    this.#open = false;
    this.#announce = false;
    await Promise.all([...this.#connections.values()].map((c) => c.close()));
  }

  #keepAlive(): boolean {
    return this.#client.keepAlive !== false &&
      this.#enabled().every((c) => c.entry.keepAlive !== false);
  }

  // --- per server ---

  #setup(): ServerSetup {
    const create = this.#options.createTransport;
    return {
      transport: async (name, entry) =>
        (create
          ? await create(name, entry)
          : await createServerTransport(name, entry, this.#options)) as Transport,
      clientOptions: (name) =>
        perServerOptions(this.#client, name, this.#rootsFor(name), (n) => this.#forward(name, n)),
      connectTimeout: (entry) =>
        entry.timeout ?? this.#options.connectTimeout ?? this.#client.initTimeout ??
          this.#client.timeout ?? DEFAULT_CONNECT_TIMEOUT_MS,
      connected: (connection) => {
        if (this.#announce) this.#listsChanged(connection);
      },
      failed: (connection) => {
        if (this.#options.strict) return; // the failure fails connect() instead
        const error = connection.error as Error;
        this.#warn(`${error.message}; skipped`, error);
      },
      lost: (connection, error) => {
        this.#warn(`server '${connection.name}' disconnected: ${error.message}`, error);
        this.#listsChanged(connection);
      },
    };
  }

  #rootsFor(name: string): RootsOption | undefined {
    if (!this.#roots) return undefined;
    return async (context: RequestContext) => {
      const roots = this.#roots ?? [];
      return typeof roots === "function" ? await roots({ ...context, server: name }) : roots;
    };
  }

  #forward(server: string, notification: ServerNotification): void {
    const connection = this.#connections.get(server);
    if (connection) invalidate(connection, notification.method);
    const expose = (uri: string) => this.#catalog.exposeUri(server, uri);
    this.#hooks.notification(forwardNotification(server, notification, expose));
  }

  /** Tells the client the merged listings changed: a server arrived or left. */
  #listsChanged(connection: ServerConnection): void {
    for (const notification of listsChanged(connection.name)) {
      this.#hooks.notification(notification);
    }
  }

  #withTimeout<T extends RequestOptions>(connection: ServerConnection, options?: T): T | undefined {
    const timeout = connection.entry.timeout;
    if (timeout === undefined || options?.timeout !== undefined) return options;
    return { ...options, timeout } as T;
  }

  #connection(server: string): ServerConnection {
    const connection = this.#connections.get(server);
    if (connection) return connection;
    const known = [...this.#connections.keys()].join(", ");
    throw new TypeError(`no server '${server}' in ${this.serverName}; known: ${known}`);
  }

  #enabled(): ServerConnection[] {
    return [...this.#connections.values()].filter((c) => c.state !== "disabled");
  }

  #live(): ServerConnection[] {
    return [...this.#connections.values()].filter((c) => c.state === "connected");
  }

  #warn(message: string, error: Error): void {
    const warn = this.#options.onWarning;
    // one server's failure reaches its caller as an error; a warning only tells of the others
    if (!warn && this.#enabled().length === 1) return;
    if (warn) warn(message, error);
    else console.warn(`[mcpwire] ${message}`);
  }
}
