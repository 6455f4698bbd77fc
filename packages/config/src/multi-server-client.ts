import type {
  CallToolRequest,
  CallToolResult,
  Client,
  CompleteRequest,
  CompleteResult,
  GetPromptRequest,
  GetPromptResult,
  ListPromptsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListToolsResult,
  LoggingLevel,
  ReadResourceRequest,
  ReadResourceResult,
  RequestOptions,
  ServerCapabilities,
} from "@modelcontextprotocol/client";
import { ConnectionError } from "@mcpwire/core";
import { Catalog, SERVER_META_KEY } from "./_catalog.ts";
import { ConfigError } from "./config-error.ts";
import { resolveConfig } from "./interpolate.ts";
import { DEFAULT_SEPARATOR } from "./naming.ts";
import { parseConfig } from "./parse-config.ts";
import type { McpConfig } from "./schema.ts";
import { exposeContent } from "./_content.ts";
import { type ConnectionSetup, ServerConnection } from "./_server-connection.ts";
import { connectionSetup } from "./_connection-setup.ts";
import { createServerTransport } from "./_server-transport.ts";
import type { MultiServerClientOptions, ServerStatus } from "./_types.ts";

export type {
  HandlerContext,
  MultiServerClientOptions,
  MultiServerHandlers,
  ServerState,
  ServerStatus,
} from "./_types.ts";

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One client over every server of an `mcpServers` config. Servers connect in parallel, each with
 * its own timeout; one that fails is skipped with a warning and reported in
 * {@linkcode MultiServerClient.servers}. Tools and prompts are exposed as `server_name`,
 * resources and templates as `scheme://server/path` (FastMCP's rules), and every call is routed
 * back by its prefix. Results are the MCP SDK's.
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
  readonly #config: McpConfig;
  readonly #options: MultiServerClientOptions;
  readonly #connections = new Map<string, ServerConnection>();
  readonly #catalog: Catalog;
  #connecting: Promise<void> | undefined;

  /**
   * @param config an `mcpServers` config in any accepted shape (validated with
   * {@linkcode parseConfig}) or the result of {@linkcode loadConfig}
   * @param options naming, timeouts, handlers, environment and inputs for `${…}` placeholders
   * @throws {ConfigError} when the config is malformed
   */
  constructor(config: object, options: MultiServerClientOptions = {}) {
    this.#config = parseConfig(config);
    this.#options = options;
    const warn = options.onWarning ?? ((message: string) => console.warn(`[mcpwire] ${message}`));
    this.#catalog = new Catalog(
      this.#connections,
      { prefix: options.prefix ?? true, separator: options.separator ?? DEFAULT_SEPARATOR },
      warn,
    );
  }

  /** Each server's state, error, `serverInfo` and counts, by name, in config order. */
  get servers(): Record<string, ServerStatus> {
    const names = Object.keys(this.#config.mcpServers);
    return Object.fromEntries(names.map((name) => [name, this.#status(name)]));
  }

  /**
   * Connects every enabled server in parallel. Resolves when each has connected or failed.
   *
   * @throws {ConfigError} when there is no server to connect or a `${…}` placeholder cannot be
   * resolved
   * @throws {ConnectionError} when every server fails (or any, with `strict: true`), listing each
   * cause
   */
  connect(): Promise<void> {
    this.#connecting ??= this.#connectAll();
    return this.#connecting;
  }

  /** The SDK client of one connected server, for what this class does not route. */
  client(server: string): Client {
    const connection = this.#connections.get(server);
    if (!connection) throw new ConnectionError(`no server '${server}'; known: ${this.#names()}`);
    return connection.connected();
  }

  /** Every connected server's tools, with prefixed names. */
  async listTools(): Promise<ListToolsResult> {
    return { tools: await this.#catalog.list("tools") };
  }

  /** Calls a tool by its prefixed name on the server it belongs to. */
  async callTool(
    params: CallToolRequest["params"],
    options?: RequestOptions,
  ): Promise<CallToolResult> {
    const route = await this.#catalog.route("tools", params.name);
    const result = await this.client(route.server).callTool(
      { ...params, name: route.name },
      this.#requestOptions(route.server, options),
    );
    return exposeContent(result, (uri) => this.#catalog.exposeUri(route.server, uri));
  }

  /** Every connected server's resources, with prefixed URIs. */
  async listResources(): Promise<ListResourcesResult> {
    return { resources: await this.#catalog.list("resources") };
  }

  /** Every connected server's resource templates, with prefixed URI templates. */
  async listResourceTemplates(): Promise<ListResourceTemplatesResult> {
    return { resourceTemplates: await this.#catalog.list("resourceTemplates") };
  }

  /** Reads a resource by its prefixed URI. */
  async readResource(
    params: ReadResourceRequest["params"],
    options?: RequestOptions,
  ): Promise<ReadResourceResult> {
    const route = await this.#catalog.routeUri(params.uri);
    const result = await this.client(route.server).readResource(
      { ...params, uri: route.name },
      this.#requestOptions(route.server, options),
    );
    return exposeContent(result, (uri) => this.#catalog.exposeUri(route.server, uri));
  }

  /** Subscribes to updates of a resource by its prefixed URI. */
  async subscribeResource(uri: string, options?: RequestOptions): Promise<void> {
    const route = await this.#catalog.routeUri(uri);
    await this.client(route.server).subscribeResource({ uri: route.name }, options);
  }

  /** Stops the updates of a resource by its prefixed URI. */
  async unsubscribeResource(uri: string, options?: RequestOptions): Promise<void> {
    const route = await this.#catalog.routeUri(uri);
    await this.client(route.server).unsubscribeResource({ uri: route.name }, options);
  }

  /** Every connected server's prompts, with prefixed names. */
  async listPrompts(): Promise<ListPromptsResult> {
    return { prompts: await this.#catalog.list("prompts") };
  }

  /** Gets a prompt by its prefixed name. */
  async getPrompt(
    params: GetPromptRequest["params"],
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    const route = await this.#catalog.route("prompts", params.name);
    const result = await this.client(route.server).getPrompt(
      { ...params, name: route.name },
      this.#requestOptions(route.server, options),
    );
    return exposeContent(result, (uri) => this.#catalog.exposeUri(route.server, uri));
  }

  /** Completes an argument of a prefixed prompt or resource template. */
  async complete(
    params: CompleteRequest["params"],
    options?: RequestOptions,
  ): Promise<CompleteResult> {
    const { ref } = params;
    const route = ref.type === "ref/prompt"
      ? await this.#catalog.route("prompts", ref.name)
      : await this.#catalog.routeUri(ref.uri);
    const ownRef = ref.type === "ref/prompt"
      ? { ...ref, name: route.name }
      : { ...ref, uri: route.name };
    return await this.client(route.server).complete(
      { ...params, ref: ownRef },
      this.#requestOptions(route.server, options),
    );
  }

  /** Sets the log level on every connected server that supports logging. */
  async setLoggingLevel(level: LoggingLevel, options?: RequestOptions): Promise<void> {
    await Promise.all(
      this.#live()
        .filter((c) => c.client?.getServerCapabilities()?.logging)
        .map((c) => c.connected().setLoggingLevel(level, options)),
    );
  }

  /**
   * Pings one server, or every connected one.
   *
   * @throws {ConnectionError} naming the server that did not answer
   */
  async ping(server?: string, options?: RequestOptions): Promise<void> {
    const names = server === undefined ? this.#live().map((c) => c.name) : [server];
    await Promise.all(names.map(async (name) => {
      try {
        await this.client(name).ping(options);
      } catch (cause) {
        if (cause instanceof ConnectionError) throw cause;
        throw new ConnectionError(`server '${name}' did not answer ping: ${cause}`, { cause });
      }
    }));
  }

  /** What connected servers can do, merged: a capability is there when any server has it. */
  capabilities(): ServerCapabilities {
    const merged: ServerCapabilities = {};
    for (const connection of this.#live()) {
      const caps = connection.client?.getServerCapabilities() ?? {};
      if (caps.tools) merged.tools = { listChanged: true };
      if (caps.prompts) merged.prompts = { listChanged: true };
      if (caps.resources) {
        merged.resources = {
          listChanged: true,
          subscribe: merged.resources?.subscribe || !!caps.resources.subscribe,
        };
      }
      if (caps.logging) merged.logging = {};
      if (caps.completions) merged.completions = {};
    }
    return merged;
  }

  /** Every connected server's instructions, each under its name. */
  get instructions(): string | undefined {
    const parts = this.#live()
      .map((c) => [c.name, c.client?.getInstructions()] as const)
      .filter(([, text]) => text)
      .map(([name, text]) => `## ${name}\n\n${text}`);
    return parts.length ? parts.join("\n\n") : undefined;
  }

  /** Tells every connected server that the roots changed. */
  async sendRootsListChanged(): Promise<void> {
    await Promise.all(
      this.#live().map((c) => c.connected().sendRootsListChanged().catch(() => {})),
    );
  }

  /** Closes every server; `connect()` may be called again afterwards. */
  async close(): Promise<void> {
    await this.#connecting?.catch(() => {});
    await Promise.all([...this.#connections.values()].map((c) => c.close()));
    this.#connecting = undefined;
  }

  /** Closes every server; for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #connectAll(): Promise<void> {
    const config = await resolveConfig(this.#config, this.#options);
    const enabled = Object.entries(config.mcpServers).filter(([, entry]) => !entry.disabled);
    if (enabled.length === 0) {
      const why = Object.keys(config.mcpServers).length
        ? "every server is disabled"
        : "it has no servers";
      throw new ConfigError(`nothing to connect: ${why}`);
    }
    const setup = this.#setup();
    const create = this.#options.createTransport;
    await Promise.all(enabled.map(([name, entry]) => {
      const connection = new ServerConnection(name, entry, setup);
      this.#connections.set(name, connection);
      const transport = async () =>
        (create
          ? await create(name, entry)
          : await createServerTransport(name, entry, this.#options)) as never;
      return connection.connect(
        transport,
        entry.timeout ?? this.#options.connectTimeout ?? DEFAULT_TIMEOUT_MS,
      );
    }));
    await this.#checkFailures(enabled.length);
  }

  async #checkFailures(enabledCount: number): Promise<void> {
    const failed = [...this.#connections.values()].filter((c) => c.state !== "connected");
    if (failed.length === 0) return;
    const causes = failed.map((c) =>
      `\n  - ${c.error?.message ?? `server '${c.name}' ${c.state}`}`
    );
    if (failed.length === enabledCount || this.#options.strict) {
      const what = failed.length === enabledCount
        ? `every server failed to connect`
        : `${failed.length} of ${enabledCount} servers failed to connect (strict)`;
      await Promise.all([...this.#connections.values()].map((c) => c.close()));
      throw new ConnectionError(`${what}:${causes.join("")}`, {
        cause: new AggregateError(failed.map((c) => c.error), what),
      });
    }
    for (const connection of failed) {
      this.#warn(`${connection.error?.message ?? connection.name}; skipped`, connection.error);
    }
  }

  #setup(): ConnectionSetup {
    return connectionSetup(this.#options, {
      exposeUri: (server, uri) => this.#catalog.exposeUri(server, uri),
      warn: (message, error) => this.#warn(message, error),
    });
  }

  #requestOptions(server: string, options: RequestOptions | undefined): RequestOptions | undefined {
    const timeout = this.#connections.get(server)?.entry.timeout;
    if (timeout === undefined || options?.timeout !== undefined) return options;
    return { ...options, timeout };
  }

  #status(name: string): ServerStatus {
    const connection = this.#connections.get(name);
    if (connection) return connection.status();
    const entry = this.#config.mcpServers[name];
    return {
      name,
      state: entry?.disabled ? "disabled" : this.#connecting ? "connecting" : "closed",
      transport: entry && "command" in entry ? "stdio" : "http",
    };
  }

  #live(): ServerConnection[] {
    return [...this.#connections.values()].filter((c) => c.state === "connected");
  }

  #names(): string {
    return [...this.#connections.keys()].join(", ");
  }

  #warn(message: string, error: Error | undefined): void {
    const warn = this.#options.onWarning;
    if (warn) warn(message, error ?? new Error(message));
    else console.warn(`[mcpwire] ${message}`);
  }
}

export { SERVER_META_KEY };
