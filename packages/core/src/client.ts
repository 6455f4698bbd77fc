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
import { classifySource, describeSource, type Source } from "./_sources.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type {
  CallToolOptions,
  CallToolResult,
  ClientOptions,
  InitializeResult,
  NotificationParams,
  RequestOptions,
  RootsOption,
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
    return await this.#connection.run("tools/list", options, async (s, o) => {
      if (!s.result?.capabilities.tools) return [];
      const { tools } = await s.sdk.listTools(undefined, o);
      s.indexTools(tools);
      return tools;
    });
  }

  /** One page of tools. */
  async listToolsRaw(cursor?: string, options?: RequestOptions): Promise<ListToolsResult> {
    return await this.#page("tools/list", cursor, options) as ListToolsResult;
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
    options: CallToolOptions<StandardSchemaV1 | undefined> = {},
  ): Promise<CallToolResult> {
    const list = () => this.listTools();
    const session = this.#connection.ready();
    if (session) return callTool(session, name, args, options, this.options, list);
    return this.#connection.whenReady(`tools/call '${name}'`)
      .then((s) => callTool(s, name, args, options, this.options, list));
  }

  /** Every resource, across all pages. */
  async listResources(options?: RequestOptions): Promise<Resource[]> {
    return await this.#connection.run("resources/list", options, async (s, o) => {
      if (!s.result?.capabilities.resources) return [];
      return (await s.sdk.listResources(undefined, o)).resources;
    });
  }

  /** One page of resources. */
  async listResourcesRaw(cursor?: string, options?: RequestOptions): Promise<ListResourcesResult> {
    return await this.#page("resources/list", cursor, options) as ListResourcesResult;
  }

  /** Every resource template, across all pages. */
  async listResourceTemplates(options?: RequestOptions): Promise<ResourceTemplateType[]> {
    return await this.#connection.run("resources/templates/list", options, async (s, o) => {
      if (!s.result?.capabilities.resources) return [];
      return (await s.sdk.listResourceTemplates(undefined, o)).resourceTemplates;
    });
  }

  /** One page of resource templates. */
  async listResourceTemplatesRaw(
    cursor?: string,
    options?: RequestOptions,
  ): Promise<ListResourceTemplatesResult> {
    return await this.#page(
      "resources/templates/list",
      cursor,
      options,
    ) as ListResourceTemplatesResult;
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
    const href = String(uri);
    return await this.#connection.run(
      `resources/read '${href}'`,
      options,
      (s, o) => s.sdk.readResource({ uri: href }, { ...o, cacheMode: "bypass" }),
    );
  }

  /** Asks for `notifications/resources/updated` when the resource changes. */
  async subscribeResource(uri: string | URL, options?: RequestOptions): Promise<void> {
    const href = String(uri);
    await this.#connection.run(
      `resources/subscribe '${href}'`,
      options,
      (s, o) => s.sdk.subscribeResource({ uri: href }, o),
    );
  }

  /** Stops updates for the resource. */
  async unsubscribeResource(uri: string | URL, options?: RequestOptions): Promise<void> {
    const href = String(uri);
    await this.#connection.run(
      `resources/unsubscribe '${href}'`,
      options,
      (s, o) => s.sdk.unsubscribeResource({ uri: href }, o),
    );
  }

  /** Every prompt, across all pages. */
  async listPrompts(options?: RequestOptions): Promise<Prompt[]> {
    return await this.#connection.run("prompts/list", options, async (s, o) => {
      if (!s.result?.capabilities.prompts) return [];
      return (await s.sdk.listPrompts(undefined, o)).prompts;
    });
  }

  /** One page of prompts. */
  async listPromptsRaw(cursor?: string, options?: RequestOptions): Promise<ListPromptsResult> {
    return await this.#page("prompts/list", cursor, options) as ListPromptsResult;
  }

  /** Renders a prompt. Non-string argument values are sent as compact JSON. */
  async getPrompt(
    name: string,
    args: Record<string, unknown> = {},
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    const strings: Record<string, string> = {};
    for (const [key, value] of Object.entries(args)) {
      if (value !== undefined) {
        strings[key] = typeof value === "string" ? value : JSON.stringify(value);
      }
    }
    return await this.#connection.run(
      `prompts/get '${name}'`,
      options,
      (s, o) => s.sdk.getPrompt({ name, arguments: strings }, o),
    );
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
    const params = { ref, argument, ...(context && { context: { arguments: context } }) };
    return await this.#connection.run(
      "completion/complete",
      options,
      (s, o) => s.sdk.complete(params, o),
    );
  }

  /** Sets the minimum level of log messages the server sends. */
  async setLoggingLevel(level: LoggingLevel, options?: RequestOptions): Promise<void> {
    await this.#connection.run(
      "logging/setLevel",
      options,
      (s, o) => s.sdk.setLoggingLevel(level, o),
    );
  }

  /**
   * Replaces the roots and tells the server (`notifications/roots/list_changed`). A client
   * created without roots declares the capability from its next connection on.
   */
  async setRoots(roots: RootsOption): Promise<void> {
    this.#connection.roots = roots;
    const session = this.#connection.ready();
    // without the declared capability the server cannot be told; on the modern era it asks anew
    if (!session?.capabilities.roots || session.sdk.getProtocolEra() === "modern") return;
    try {
      await session.sdk.sendRootsListChanged();
    } catch (error) {
      throw mapError(error, {
        server: session.serverName,
        what: "notifications/roots/list_changed",
      });
    }
  }

  async #page(
    method: string,
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<unknown> {
    return await this.#connection.run(
      method,
      options,
      (s, o) =>
        s.sdk.request({ method, ...(cursor !== undefined && { params: { cursor } }) } as never, o),
    );
  }
}
