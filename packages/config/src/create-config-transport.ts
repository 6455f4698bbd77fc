import type { PassThroughOptions } from "@mcpwire/core";
import {
  type ClientCapabilities,
  InMemoryTransport,
  type Transport,
} from "@modelcontextprotocol/client";
import type { Server } from "@modelcontextprotocol/server";
import { resolveConfig } from "./interpolate.ts";
import { MultiServerClient, SERVER_META_KEY } from "./multi-server-client.ts";
import { parseConfig } from "./parse-config.ts";
import { createProxyServer } from "./_proxy-server.ts";
import { createServerTransport } from "./_server-transport.ts";
import type { ServerConfig } from "./schema.ts";
import type { MultiServerClientOptions, MultiServerHandlers, ServerStatus } from "./_types.ts";

/**
 * The transport core's `new Client(config)` talks to when the config has several servers: an
 * in-memory MCP server in front of a {@linkcode MultiServerClient}.
 */
export class ConfigTransport implements Transport {
  /** The multi-server client behind this transport. */
  readonly client: MultiServerClient;
  /** Only `client.close()` ends the session, unless an entry sets `keepAlive: false`. */
  readonly keepAlive: boolean;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];
  readonly #inner: InMemoryTransport;
  readonly #server: Server;

  /** @internal built by {@linkcode createConfigTransport} */
  constructor(
    client: MultiServerClient,
    inner: InMemoryTransport,
    server: Server,
    keepAlive: boolean,
  ) {
    this.client = client;
    this.keepAlive = keepAlive;
    this.#inner = inner;
    this.#server = server;
    inner.onmessage = (message, extra) => this.onmessage?.(message, extra);
    inner.onerror = (error) => this.onerror?.(error);
    inner.onclose = () => {
      void this.#closeAll();
      this.onclose?.();
    };
  }

  /** Each server's state, error, `serverInfo` and counts. */
  get servers(): Record<string, ServerStatus> {
    return this.client.servers;
  }

  /** Starts the in-memory link. */
  start(): Promise<void> {
    return this.#inner.start();
  }

  /** Sends a message to the proxy server. */
  send(
    message: Parameters<Transport["send"]>[0],
    options?: Parameters<Transport["send"]>[1],
  ): Promise<void> {
    return this.#inner.send(message, options);
  }

  /** Closes the link and every server. */
  async close(): Promise<void> {
    await this.#inner.close();
    await this.#closeAll();
  }

  async #closeAll(): Promise<void> {
    await Promise.all([this.#server.close().catch(() => {}), this.client.close()]);
  }
}

/**
 * Builds the transport core's `new Client(config)` connects through (the contract of
 * `ConfigPackage` in `@mcpwire/core`). With one enabled server it is that server's own transport,
 * unprefixed (FastMCP's rule); with several, every server is connected first — in parallel, each
 * with its own timeout — and the transport leads to an in-memory MCP server that routes prefixed
 * names to them. Sampling, elicitation, roots, log and progress are forwarded with the server's
 * name in `params._meta["mcpwire/server"]` (logs also in `logger`).
 *
 * @param config an `mcpServers` config in any accepted shape
 * @param options pass-through options: `prefix`, `separator`, `strict`, `connectTimeout` (else
 * `initTimeout`, else `timeout`), `inputs`, `variables`, `stderr`, `inheritEnv`, `onWarning`;
 * `samplingHandler`, `elicitationHandler` and `roots` decide which capabilities the servers see
 * @returns the transport, with `servers` and `client` (the {@linkcode MultiServerClient}) when
 * there are several servers
 * @throws {ConfigError} for a malformed config or an unresolved `${…}`
 * @throws {ConnectionError} when every server fails (or any, with `strict: true`)
 * @example
 * ```ts ignore
 * import { Client } from "@mcpwire/core";
 * // core imports @mcpwire/config and calls createConfigTransport() for you:
 * await using client = new Client({ mcpServers: { a: { command: "a-server" }, b: { url: "https://b/mcp" } } });
 * console.log(await client.listTools()); // a_…, b_…
 * ```
 */
export async function createConfigTransport(
  config: object,
  options: PassThroughOptions = {},
): Promise<Transport> {
  const parsed = parseConfig(config);
  const own = readOptions(options);
  const enabled = Object.entries(parsed.mcpServers).filter(([, entry]) => !entry.disabled);
  const [single] = enabled;
  if (enabled.length === 1 && single && !needsProxy(single[1])) {
    const only = { ...parsed, mcpServers: { [single[0]]: single[1] } };
    const resolved = await resolveConfig(only, own);
    return await createServerTransport(
      single[0],
      resolved.mcpServers[single[0]] as ServerConfig,
      own,
    );
  }
  const proxy: { server?: Server } = {};
  const multi = new MultiServerClient(parsed, {
    ...own,
    capabilities: capabilitiesFor(options),
    handlers: forwardTo(() => proxy.server),
  });
  await multi.connect();
  const server = proxy.server = createProxyServer(multi);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const keepAlive = options.keepAlive !== false &&
    enabled.every(([, entry]) => entry.keepAlive !== false);
  return new ConfigTransport(multi, clientSide, server, keepAlive);
}

function needsProxy(entry: ServerConfig): boolean {
  return entry.includeTools !== undefined || entry.excludeTools !== undefined;
}

/** The capabilities core declares for these options; the servers are shown the same. */
function capabilitiesFor(options: PassThroughOptions): ClientCapabilities {
  const capabilities: ClientCapabilities = {};
  if (options.samplingHandler) capabilities.sampling = {};
  if (options.elicitationHandler) {
    capabilities.elicitation = { form: { applyDefaults: true }, url: {} };
  }
  if (options.roots) capabilities.roots = { listChanged: true };
  return capabilities;
}

function forwardTo(getServer: () => Server | undefined): MultiServerHandlers {
  const meta = (server: string, extra?: Record<string, unknown>) => ({
    ...extra,
    [SERVER_META_KEY]: server,
  });
  const proxy = () => {
    const server = getServer();
    if (!server) throw new Error("the multi-server proxy is not connected yet");
    return server;
  };
  const quietly = (send: () => Promise<void>) => {
    // A proxy without a capability cannot send its notifications; those are dropped.
    try {
      void send().catch(() => {});
    } catch { /* not connected yet */ }
  };
  const LIST_CHANGED = {
    tools: (s: Server) => s.sendToolListChanged(),
    resources: (s: Server) => s.sendResourceListChanged(),
    prompts: (s: Server) => s.sendPromptListChanged(),
  };
  return {
    sampling: (params, { server, signal }) =>
      proxy().createMessage({ ...params, _meta: meta(server, params._meta) }, { signal }),
    elicitation: (params, { server, signal }) =>
      proxy().elicitInput({ ...params, _meta: meta(server, params._meta) }, { signal }),
    roots: ({ server, signal }) => proxy().listRoots({ _meta: meta(server) }, { signal }),
    log: (params, { server }) =>
      quietly(() =>
        proxy().sendLoggingMessage({
          ...params,
          logger: params.logger ? `${server}/${params.logger}` : server,
          _meta: meta(server, params._meta),
        })
      ),
    listChanged: (kind) => quietly(() => LIST_CHANGED[kind](proxy())),
    resourceUpdated: (params) => quietly(() => proxy().sendResourceUpdated(params)),
  };
}

/** Pass-through options handed on to the multi-server client as they are. */
const PASSED_ON = [
  "prefix",
  "separator",
  "strict",
  "inputs",
  "variables",
  "onWarning",
  "stderr",
  "inheritEnv",
  "fetch",
  "createTransport",
] as const;

function readOptions(options: PassThroughOptions): MultiServerClientOptions {
  const o = options as Record<string, unknown>;
  check(o.prefix === undefined || typeof o.prefix === "boolean", "prefix", "a boolean");
  check(o.separator === undefined || typeof o.separator === "string", "separator", "a string");
  check(o.strict === undefined || typeof o.strict === "boolean", "strict", "a boolean");
  check(o.inputs === undefined || typeof o.inputs === "function", "inputs", "a function");
  check(o.onWarning === undefined || typeof o.onWarning === "function", "onWarning", "a function");
  const connectTimeout = o.connectTimeout ?? o.initTimeout ?? o.timeout;
  check(
    connectTimeout === undefined || (typeof connectTimeout === "number" && connectTimeout > 0),
    "connectTimeout",
    "a positive number",
  );
  const picked: Record<string, unknown> = {};
  for (const key of PASSED_ON) if (o[key] !== undefined) picked[key] = o[key];
  if (connectTimeout !== undefined) picked.connectTimeout = connectTimeout;
  return picked as MultiServerClientOptions;
}

function check(ok: boolean, name: string, expected: string): void {
  if (!ok) throw new TypeError(`option \`${name}\` must be ${expected}`);
}
