/**
 * The servers a REST app serves: one client per server, its state, and a cached catalog.
 *
 * @module
 */
import { Catalog } from "./_catalog.ts";
import { isConnectionLoss } from "./_error-map.ts";
import { ProblemError } from "./problem.ts";
import {
  type CallOptions,
  type InitializeInfo,
  type JsonObject,
  listItems,
  type PromptInfo,
  type ToolCallResult,
  type ToolInfo,
  type UpstreamClient,
} from "./upstream-client.ts";

/** The state of one server's connection. */
export type UpstreamState = "connecting" | "connected" | "failed" | "closed";

/** Options of one server added to {@linkcode Upstreams}. */
export interface UpstreamOptions {
  /** When true, `/readyz` answers 503 while this server is down. Default false. */
  required?: boolean;
  /** How the server is reached, shown in `/v1/servers`: `"stdio"`, `"http"`, `"in-memory"`, … */
  transport?: string;
  /** Strings never shown in errors (env and header values of the server's config). */
  secrets?: readonly string[];
}

/** A log message a server sent, as streamed to callers. */
export interface UpstreamLog {
  level?: unknown;
  logger?: unknown;
  data?: unknown;
}

/**
 * Milliseconds before each reconnect attempt. A lost connection is retried after the first step,
 * and each failed attempt (not each failed request) moves one step on.
 */
export const BACKOFF_MS: readonly number[] = [200, 1_000, 2_000, 5_000, 10_000, 30_000];

/** One server: its client, state and catalog. */
export class Upstream {
  /** The server's name, as used in routes. */
  name: string;
  /** The client talking to it. */
  readonly client: UpstreamClient;
  /** Options given when it was added. */
  readonly options: UpstreamOptions;
  /** The connection's state. */
  state: UpstreamState = "connecting";
  /** The last connection error, redacted. */
  lastError: { code: string; message: string } | undefined;
  readonly #tools = new Catalog<ToolInfo>(async () =>
    listItems<ToolInfo>(await this.use((c) => c.listTools()), "tools")
  );
  readonly #prompts = new Catalog<PromptInfo>(async () =>
    listItems<PromptInfo>(await this.use((c) => c.listPrompts()), "prompts")
  );
  #logListeners = new Set<(log: UpstreamLog) => void>();
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #retryAt = 0;
  #connecting: Promise<void> | undefined;

  /**
   * @param name the name used in routes
   * @param client the client talking to the server
   * @param options required, transport, secrets
   */
  constructor(name: string, client: UpstreamClient, options: UpstreamOptions = {}) {
    this.name = name;
    this.client = client;
    this.options = options;
    client.on?.("notifications/tools/list_changed", () => this.#tools.clear());
    client.on?.("notifications/prompts/list_changed", () => this.#prompts.clear());
  }

  /** Notices a connection lost while idle, so routes answer 503 and a reconnect starts. */
  checkAlive(): void {
    if (this.state === "connected" && this.client.isConnected?.() === false) {
      this.#lost(new Error(`the connection to server '${this.name}' was lost`));
    }
  }

  /** The server's `initialize` answer, once connected. */
  get info(): InitializeInfo | undefined {
    return this.client.initializeResult;
  }

  /** Connects, retrying with back-off on failure until {@linkcode Upstream.close}. */
  connect(): Promise<void> {
    this.#connecting ??= this.#connectOnce().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connectOnce(): Promise<void> {
    this.state = "connecting";
    try {
      await this.client.connect();
      this.state = "connected";
      this.lastError = undefined;
      this.#attempt = 0;
      await this.tools(true).catch(() => undefined);
      await this.prompts(true).catch(() => undefined);
    } catch (err) {
      this.#attempt++;
      this.#fail(err);
    }
  }

  /**
   * A connection lost while connected: every request that was in flight reports it, but only the
   * first schedules a reconnect (a failure of an old session's call after a new one is up is none).
   */
  #lost(err: unknown): void {
    if (this.state !== "connected" || this.client.isConnected?.() === true) return;
    this.#fail(err);
  }

  #fail(err: unknown): void {
    if (this.state === "closed") return;
    this.state = "failed";
    this.#tools.clear();
    this.#prompts.clear();
    this.lastError = {
      code: (err as { code?: string })?.code ?? "CONNECTION",
      message: this.redact(err instanceof Error ? err.message : String(err)),
    };
    const delay = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)]!;
    this.#retryAt = Date.now() + delay;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.connect(), delay);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Seconds until the next reconnect attempt, for `Retry-After` (at least 1). */
  retryAfter(): number {
    return Math.max(1, Math.ceil((this.#retryAt - Date.now()) / 1000));
  }

  /** Replaces every secret of the server's config in a text. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.options.secrets ?? []) {
      if (secret.length >= 4) out = out.replaceAll(secret, "[redacted]");
    }
    return out;
  }

  /** Throws a 503 problem unless connected. */
  assertConnected(): void {
    this.checkAlive();
    if (this.state !== "connected") {
      throw new ProblemError(
        "server_unavailable",
        `server '${this.name}' is ${this.state}` +
          (this.lastError ? `: ${this.lastError.message}` : ""),
        { server: this.name },
        { "retry-after": String(this.retryAfter()) },
      );
    }
  }

  /**
   * Calls a tool on the client like {@linkcode Upstream.use} does, without a closure or an added
   * turn of the event loop: the hot path of every tool call.
   */
  callTool(name: string, args: JsonObject, options: CallOptions): Promise<ToolCallResult> {
    try {
      this.assertConnected();
      return this.client.callTool(name, args, options).then(undefined, this.#failed);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  // What a failed operation does (`use`, `callTool`): a lost connection marks the server failed.
  readonly #failed = (err: unknown): never => {
    if (isConnectionLoss(err)) this.#lost(err);
    throw err;
  };

  /** Runs an operation on the client, marking the server failed when the connection is lost. */
  async use<T>(op: (client: UpstreamClient) => Promise<T>): Promise<T> {
    this.assertConnected();
    try {
      return await op(this.client);
    } catch (err) {
      return this.#failed(err);
    }
  }

  #has(capability: string): boolean {
    const caps = this.info?.capabilities;
    return !caps || typeof caps !== "object" || capability in caps;
  }

  /**
   * The server's tools, cached for a few seconds (one list request at a time, shared by every
   * caller); `[]` without the tools capability.
   */
  tools(refresh = false): Promise<ToolInfo[]> {
    return this.#has("tools") ? this.#tools.list(refresh) : Promise.resolve([]);
  }

  /** The server's prompts, cached like the tools. */
  prompts(refresh = false): Promise<PromptInfo[]> {
    return this.#has("prompts") ? this.#prompts.list(refresh) : Promise.resolve([]);
  }

  /**
   * The tool named `name` in the cached catalog, fresh or a little stale (a stale one refreshes in
   * the background); `undefined` when none is held or it lists no such tool (then
   * {@linkcode Upstream.tool} looks it up, refreshing the catalog once).
   */
  cachedTool(name: string): ToolInfo | undefined {
    return this.#has("tools") ? this.#tools.cached(name) : undefined;
  }

  /** Finds a tool, refreshing the cache once on a miss; a 404 problem if there is none. */
  async tool(name: string): Promise<ToolInfo> {
    const found = (await this.tools()).find((t) => t.name === name) ??
      (await this.tools(true)).find((t) => t.name === name);
    if (!found) {
      throw new ProblemError("tool_not_found", `server '${this.name}' has no tool '${name}'`, {
        server: this.name,
        tool: name,
      });
    }
    return found;
  }

  /** Finds a prompt like {@linkcode Upstream.tool}. */
  async prompt(name: string): Promise<PromptInfo> {
    const found = (await this.prompts()).find((p) => p.name === name) ??
      (await this.prompts(true)).find((p) => p.name === name);
    if (!found) {
      throw new ProblemError("prompt_not_found", `server '${this.name}' has no prompt '${name}'`, {
        server: this.name,
        prompt: name,
      });
    }
    return found;
  }

  /** Subscribes to the server's log messages; returns the unsubscribe function. */
  onLog(listener: (log: UpstreamLog) => void): () => void {
    this.#logListeners.add(listener);
    return () => this.#logListeners.delete(listener);
  }

  /** Passes a log message the server sent to every subscriber. */
  emitLog(log: UpstreamLog): void {
    for (const listener of this.#logListeners) listener(log);
  }

  /** What `/v1/servers` shows: never env or header values. */
  describe(): JsonObject {
    this.checkAlive();
    const info = this.info;
    return {
      name: this.name,
      state: this.state,
      required: this.options.required ?? false,
      transport: this.options.transport ?? "unknown",
      serverInfo: info?.serverInfo ?? null,
      protocolVersion: info?.protocolVersion ?? null,
      capabilities: info?.capabilities ?? null,
      ...(info?.instructions ? { instructions: info.instructions } : {}),
      counts: { tools: this.#tools.size, prompts: this.#prompts.size },
      lastError: this.lastError ?? null,
    };
  }

  /** Stops reconnecting and closes the client. */
  async close(): Promise<void> {
    this.state = "closed";
    clearTimeout(this.#timer);
    await this.client.close().catch(() => undefined);
  }
}

/**
 * The servers of a REST app, by name.
 *
 * @example
 * ```ts
 * import { Upstreams } from "@mcpwire/bindings-rest";
 * const upstreams = new Upstreams();
 * console.log(upstreams.names()); // []
 * ```
 */
export class Upstreams {
  #byName = new Map<string, Upstream>();

  /**
   * @param clients clients by server name, added with default options
   */
  constructor(clients: Record<string, UpstreamClient> = {}) {
    for (const [name, client] of Object.entries(clients)) this.add(name, client);
  }

  /**
   * Adds a server.
   *
   * @param name the name used in routes
   * @param client the client talking to it
   * @param options required, transport, secrets
   * @returns the new upstream
   * @throws {TypeError} when the name is already used
   */
  add(name: string, client: UpstreamClient, options?: UpstreamOptions): Upstream {
    if (this.#byName.has(name)) throw new TypeError(`server name '${name}' is used twice`);
    const upstream = new Upstream(name, client, options);
    this.#byName.set(name, upstream);
    return upstream;
  }

  /** Every server name. */
  names(): string[] {
    return [...this.#byName.keys()];
  }

  /** Every server. */
  all(): Upstream[] {
    return [...this.#byName.values()];
  }

  /** One server; a 404 problem if there is none by that name. */
  get(name: string): Upstream {
    const upstream = this.#byName.get(name);
    if (!upstream) {
      throw new ProblemError("server_not_found", `no server named '${name}'`, { server: name });
    }
    return upstream;
  }

  /**
   * Renames a server (a single server is named after its `serverInfo.name` once connected).
   *
   * @param from the current name
   * @param to the new name; kept as is when already used
   */
  rename(from: string, to: string): void {
    const upstream = this.#byName.get(from);
    if (!upstream || from === to || this.#byName.has(to)) return;
    this.#byName.delete(from);
    upstream.name = to;
    this.#byName.set(to, upstream);
  }

  /**
   * Removes a server: it leaves every listing (`/v1/servers`, the OpenAPI document's `{server}`
   * enum) at once, stops reconnecting, and its client is closed (calls in flight on it fail).
   *
   * @param name the server's name
   * @returns when its client is closed
   * @throws {ProblemError} `server_not_found` when there is no server by that name
   * @example
   * ```ts
   * import { Upstreams } from "@mcpwire/bindings-rest";
   * const client = { connect: async () => {}, close: async () => {}, listTools: async () => ({ tools: [] }), listPrompts: async () => ({ prompts: [] }) };
   * const upstreams = new Upstreams({ one: client as never });
   * await upstreams.remove("one");
   * console.log(upstreams.names()); // []
   * ```
   */
  async remove(name: string): Promise<void> {
    const upstream = this.get(name);
    this.#byName.delete(name);
    await upstream.close();
  }

  /** Connects every server in parallel; resolves when each has connected or failed once. */
  async connect(): Promise<void> {
    await Promise.all(this.all().map((u) => u.connect()));
  }

  /** Closes every server. */
  async close(): Promise<void> {
    await Promise.all(this.all().map((u) => u.close()));
  }
}
