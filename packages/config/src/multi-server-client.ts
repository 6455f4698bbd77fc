import type {
  CallToolRequest,
  CallToolResult,
  CompleteRequest,
  CompleteResult,
  CreateMessageResult,
  GetPromptRequest,
  GetPromptResult,
  ListPromptsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListToolsResult,
  LoggingLevel,
  ReadResourceRequest,
  ReadResourceResult,
  ServerCapabilities,
} from "@modelcontextprotocol/client";
import type {
  CallToolOptions,
  Client,
  ClientOptions,
  RequestOptions,
  ServerNotification,
} from "@mcpwire/core";
import { SERVER_META_KEY } from "./_catalog.ts";
import { createRouter, readOptions } from "./create-config-backend.ts";
import type { ServerRouter } from "./_router.ts";
import type {
  HandlerContext,
  MultiServerClientOptions,
  MultiServerHandlers,
  ServerStatus,
} from "./_types.ts";

export type {
  HandlerContext,
  MultiServerClientOptions,
  MultiServerHandlers,
  RouterOptions,
  ServerState,
  ServerStatus,
} from "./_types.ts";

/**
 * One client over every server of a config, with the MCP SDK's request and result shapes. It is
 * the same router as core's `new Client(config)` — one core `Client` per server — so both give
 * the same behaviour and the same typed errors, naming the server. Servers connect in parallel,
 * each with its own timeout; one that fails is skipped with a warning and reported in
 * {@linkcode MultiServerClient.servers}. Tools and prompts are exposed as `server_name`,
 * resources and templates as `scheme://server/path` (FastMCP's rules).
 *
 * @example
 * ```ts ignore
 * import { loadConfig, MultiServerClient } from "@mcpwire/config";
 *
 * await using client = new MultiServerClient(await loadConfig("mcp.json"));
 * await client.connect();
 * console.log(client.servers); // { weather: { state: "connected", … }, … }
 * const { tools } = await client.listTools(); // weather_get_forecast, …
 * const result = await client.callTool({ name: "weather_get_forecast", arguments: { city: "Oslo" } });
 * ```
 */
export class MultiServerClient {
  readonly #router: ServerRouter;
  #connecting: Promise<void> | undefined;

  /**
   * @param config a config in any accepted shape (validated with {@linkcode parseConfig}) or the
   * result of {@linkcode loadConfig}
   * @param options naming, timeouts, handlers, environment and inputs for `${…}` placeholders
   * @throws {ConfigError} when the config is malformed
   */
  constructor(config: object, options: MultiServerClientOptions = {}) {
    const { handlers = {} } = options;
    this.#router = createRouter(
      config,
      clientOptions(options, handlers),
      { prefix: true, ...readOptions(options), ...(options.env && { env: options.env }) },
      { notification: (n) => dispatch(n, handlers) },
    );
  }

  /** Each server's state, error, `serverInfo` and counts, by name, in config order. */
  get servers(): Record<string, ServerStatus> {
    return this.#router.servers;
  }

  /**
   * Connects every enabled server in parallel. Resolves once each has connected, failed, or been
   * connecting for `serverWait` ms (those are merged in when they arrive).
   *
   * @throws {ConfigError} when there is no server to connect or a `${…}` placeholder cannot be
   * resolved
   * @throws {ConnectionError} when every server fails (or any, with `strict: true`), listing each
   */
  connect(): Promise<void> {
    this.#connecting ??= this.#router.acquire().catch((error) => {
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  /**
   * Closes one server and connects it again, leaving the others alone.
   *
   * @throws the server's `ConnectionError` or `TimeoutError` when it does not connect
   */
  async reconnect(server: string): Promise<void> {
    await this.#router.reconnect(server);
  }

  /** The core `Client` of one server, once it is connected, for what this class does not route. */
  async client(server: string): Promise<Client> {
    return await this.#router.serverClient(server);
  }

  /** Every connected server's tools, with prefixed names. */
  async listTools(): Promise<ListToolsResult> {
    return { tools: await this.#router.list("tools") };
  }

  /** Calls a tool by its prefixed name on the server it belongs to. */
  async callTool(
    params: CallToolRequest["params"],
    options?: CallToolOptions,
  ): Promise<CallToolResult> {
    const result = await this.#router.callTool(params.name, params.arguments ?? {}, {
      ...options,
      ...(params._meta && { meta: { ...params._meta, ...options?.meta } }),
      raiseOnError: false,
    }) as import("@mcpwire/core").CallToolResult;
    return {
      content: result.content,
      ...(result.structuredContent !== undefined && {
        structuredContent: result.structuredContent as Record<string, unknown>,
      }),
      ...(result.isError && { isError: true }),
      ...(result.meta && { _meta: result.meta }),
    };
  }

  /** Every connected server's resources, with prefixed URIs. */
  async listResources(): Promise<ListResourcesResult> {
    return { resources: await this.#router.list("resources") };
  }

  /** Every connected server's resource templates, with prefixed URI templates. */
  async listResourceTemplates(): Promise<ListResourceTemplatesResult> {
    return { resourceTemplates: await this.#router.list("resourceTemplates") };
  }

  /** Reads a resource by its prefixed URI. */
  async readResource(
    params: ReadResourceRequest["params"],
    options?: RequestOptions,
  ): Promise<ReadResourceResult> {
    return await this.#router.readResource(params.uri, options);
  }

  /** Subscribes to updates of a resource by its prefixed URI. */
  async subscribeResource(uri: string, options?: RequestOptions): Promise<void> {
    await this.#router.subscribeResource(uri, true, options);
  }

  /** Stops the updates of a resource by its prefixed URI. */
  async unsubscribeResource(uri: string, options?: RequestOptions): Promise<void> {
    await this.#router.subscribeResource(uri, false, options);
  }

  /** Every connected server's prompts, with prefixed names. */
  async listPrompts(): Promise<ListPromptsResult> {
    return { prompts: await this.#router.list("prompts") };
  }

  /** Gets a prompt by its prefixed name. */
  async getPrompt(
    params: GetPromptRequest["params"],
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    return await this.#router.getPrompt(params.name, params.arguments ?? {}, options);
  }

  /** Completes an argument of a prefixed prompt or resource template. */
  async complete(
    params: CompleteRequest["params"],
    options?: RequestOptions,
  ): Promise<CompleteResult> {
    const context = params.context?.arguments;
    return await this.#router.complete(params.ref, params.argument, context, options);
  }

  /** Sets the log level on every connected server that supports logging. */
  async setLoggingLevel(level: LoggingLevel, options?: RequestOptions): Promise<void> {
    await this.#router.setLoggingLevel(level, options);
  }

  /**
   * Pings one server, or every connected one.
   *
   * @throws the server's typed error (`ConnectionError`, `TimeoutError`), naming it
   */
  async ping(server?: string, options?: RequestOptions): Promise<void> {
    if (server === undefined) return await this.#router.ping(options);
    await (await this.#router.serverClient(server)).ping(options);
  }

  /** What connected servers can do, merged: a capability is there when any server has it. */
  capabilities(): ServerCapabilities {
    return this.#router.capabilities();
  }

  /** Every connected server's instructions, each under its name. */
  get instructions(): string | undefined {
    return this.#router.initializeResult?.instructions;
  }

  /** Tells every server that the roots changed (with a `roots` handler). */
  async sendRootsListChanged(): Promise<void> {
    const roots = this.#router.roots;
    if (roots) await this.#router.setRoots(roots);
  }

  /** Closes every server; `connect()` may be called again afterwards. */
  async close(): Promise<void> {
    await this.#connecting?.catch(() => {});
    this.#connecting = undefined;
    await this.#router.close();
  }

  /** Closes every server; for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function serverOf(params: { _meta?: Record<string, unknown> } | undefined): string {
  return String(params?._meta?.[SERVER_META_KEY] ?? "");
}

/** The core client options that give each server the handlers' capabilities, and no others. */
function clientOptions(
  options: MultiServerClientOptions,
  handlers: MultiServerHandlers,
): ClientOptions {
  const { sampling, elicitation, roots } = handlers;
  const context = (server: string | undefined, signal: AbortSignal): HandlerContext => ({
    server: server ?? "",
    signal,
  });
  return {
    ...(options.clientInfo && { name: options.clientInfo.name }),
    ...(options.clientInfo && { version: options.clientInfo.version }),
    ...(options.timeout !== undefined && { timeout: options.timeout }),
    ...(options.protocol !== undefined && { protocol: options.protocol }),
    ...(options.onWarning && {
      onWarning: (warning: Error) => options.onWarning?.(warning.message, warning),
    }),
    ...(options.trafficHandler && { trafficHandler: options.trafficHandler }),
    ...(sampling && {
      samplingHandler: (_messages, params, ctx) =>
        sampling(params, context(ctx.server ?? serverOf(params), ctx.signal)) as Promise<
          CreateMessageResult
        >,
    }),
    ...(elicitation && {
      elicitationHandler: (_message, _schema, params, ctx) =>
        elicitation(params, context(ctx.server ?? serverOf(params), ctx.signal)),
    }),
    ...(roots && {
      roots: async (ctx) => (await roots(context(ctx.server, ctx.signal))).roots,
    }),
    logHandler: () => {},
  };
}

const LIST_CHANGED = {
  "notifications/tools/list_changed": "tools",
  "notifications/resources/list_changed": "resources",
  "notifications/prompts/list_changed": "prompts",
} as const;

/** Hands a server's notification to the matching handler. */
function dispatch(n: ServerNotification, handlers: MultiServerHandlers): void {
  const server = serverOf(n.params);
  const params = n.params ?? {};
  if (n.method === "notifications/message") {
    handlers.log?.(params as never, { server });
  } else if (n.method === "notifications/resources/updated") {
    handlers.resourceUpdated?.(params as never, { server });
  } else if (n.method in LIST_CHANGED) {
    handlers.listChanged?.(LIST_CHANGED[n.method as keyof typeof LIST_CHANGED], { server });
  }
}

export { SERVER_META_KEY };
