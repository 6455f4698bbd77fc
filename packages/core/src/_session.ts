/**
 * One connection: a transport built from the source, the request engine over it (`_engine.ts`),
 * and the tool index. The legacy era (the default `protocol`) runs entirely on the engine,
 * handshake included; only `protocol: "auto"` or `"2026-07-28"` loads the SDK `Client`, which
 * negotiates the era and runs the 2026-07-28 era's requests. A client opens a new session on
 * each real connect.
 */
import type {
  Client as SdkClient,
  ClientCapabilities,
  LoggingLevel,
  Tool,
} from "@modelcontextprotocol/client";
import { ConnectionError, McpwireError } from "./errors.ts";
import { capabilitiesFor, registerHandlers, requestHandlers } from "./_handlers.ts";
import { reportHandlerError } from "./_notifications.ts";
import { type EngineRequestOptions, RequestEngine } from "./_engine.ts";
import { checkResult } from "./_check-result.ts";
import { LocalError } from "./_rpc-errors.ts";
import { defaultLogLevel, LevelledTransport } from "./_log-level.ts";
import { createTransport, type Source } from "./_sources.ts";
import { legacyHandshake, sdkClient } from "./_handshake.ts";
import { TrafficTap } from "./_traffic.ts";
import type { WarningTransport } from "./transport.ts";
import type {
  ClientOptions,
  InitializeResult,
  ProgressHandler,
  RootsOption,
  ServerNotification,
} from "./types.ts";

export { CORE_VERSION } from "./_version.ts";

/** What a session asks of its client. */
export interface SessionHooks {
  /** Every notification, in arrival order. */
  notification(notification: ServerNotification): void;
  /** The current roots. */
  roots(): RootsOption | undefined;
  /** The source's name for messages. */
  label: string;
  /** The server's name for messages, over the one it gives (a config entry's name). */
  name?: string | undefined;
  /** Told once when the connection is lost (not closed by us). */
  lost?: ((error: ConnectionError) => void) | undefined;
}

// What each session over a transport still holds, for the leak tests (`heldFor`).
const sessionsByTransport = new WeakMap<object, Session>();

/**
 * How many requests, progress slots and served requests the session over `transport` still
 * holds; undefined when no session was opened over it. For leak tests only.
 */
export function heldFor(transport: object): number | undefined {
  return sessionsByTransport.get(transport)?.engine.size;
}

/** Which era a session speaks once its handshake is done. */
export type Era = "legacy" | "modern";

/** A live connection. */
export class Session {
  readonly engine: RequestEngine;
  readonly wire: LevelledTransport;
  readonly keepAlive: boolean;
  /** The capabilities this client declared. */
  readonly capabilities: ClientCapabilities;
  /** The SDK client, only for `protocol: "auto"` or `"2026-07-28"`. */
  readonly sdk: SdkClient | undefined;
  result: InitializeResult | undefined;
  /** The era, once the handshake is done. */
  era: Era | undefined;
  /** Set when the connection was lost (not closed by us). */
  lost: ConnectionError | undefined;
  /** The tools by name, once listed; cleared by `tools/list_changed`. */
  tools: Map<string, { tool: Tool; definition: Tool }> | undefined;
  #toolsLoading: Promise<unknown> | undefined;
  #initializing: Promise<InitializeResult> | undefined;
  #closing = false;
  #closed = false;
  #transportError: ConnectionError | undefined;
  #hooks: SessionHooks;
  #options: Readonly<ClientOptions>;
  #cleanup: (() => Promise<void>) | undefined;
  #logLevel: LoggingLevel = "warning";

  private constructor(
    sdk: SdkClient | undefined,
    built: Awaited<ReturnType<typeof createTransport>>,
    hooks: SessionHooks,
    options: Readonly<ClientOptions>,
  ) {
    this.sdk = sdk;
    this.#options = options;
    this.capabilities = capabilitiesFor(options, hooks.roots());
    this.#hooks = hooks;
    this.#cleanup = built.cleanup;
    this.keepAlive = built.transport.keepAlive === true;
    const handlers = requestHandlers(options, hooks.roots);
    if (sdk) registerHandlers(sdk, handlers);
    this.engine = new RequestEngine({
      send: (message) => this.wire.send(message),
      notification: (n) => this.#onNotification(n),
      // without an SDK client the engine answers the server's requests itself
      serve: sdk ? undefined : (method) => handlers.get(method),
    });
    const { trafficHandler } = options;
    const transport = trafficHandler
      ? new TrafficTap(built.transport, {
        handler: trafficHandler,
        server: () => this.serverName,
        warn: warningHandler(options.onWarning),
      })
      : built.transport;
    this.wire = new LevelledTransport(transport, {
      message: (message) => this.engine.handle(message) || !this.sdk,
      error: (error) => {
        if (error instanceof ConnectionError) this.#transportError ??= error;
      },
      closed: () => {
        this.#closed = true;
        if (!this.#closing) {
          this.lost = this.#transportError ??
            new ConnectionError(`connection to server '${this.serverName}' closed unexpectedly`);
          this.#hooks.lost?.(this.lost);
        }
        this.engine.closeAll();
      },
    });
    sessionsByTransport.set(built.transport, this);
  }

  /** Builds the transport and starts it, without the handshake. */
  static async open(source: Source, options: ClientOptions, hooks: SessionHooks): Promise<Session> {
    const protocol = options.protocol ?? "legacy";
    const capabilities = capabilitiesFor(options, hooks.roots());
    const sdk = protocol === "legacy" ? undefined : await sdkClient(options, capabilities);
    const built = await createTransport(source, options);
    const session = new Session(sdk, built, hooks, options);
    (built.transport as WarningTransport).onwarning = warningHandler(options.onWarning);
    session.#logLevel = defaultLogLevel(options);
    try {
      await session.wire.start();
    } catch (error) {
      await session.close();
      if (error instanceof McpwireError) throw error;
      throw new ConnectionError(
        `could not start the transport to ${hooks.label}: ${(error as Error)?.message}`,
        { cause: error },
      );
    }
    return session;
  }

  /** The server's name, or the source's until the handshake. */
  get serverName(): string {
    return this.#hooks.name ?? this.result?.serverInfo?.name ?? this.#hooks.label;
  }

  /** Whether the handshake has completed. */
  get ready(): boolean {
    return this.result !== undefined;
  }

  /** Runs the handshake once; later calls share it. */
  initialize(timeout: number | undefined): Promise<InitializeResult> {
    return this.#initializing ??= this.#handshake(timeout);
  }

  async #handshake(timeout: number | undefined): Promise<InitializeResult> {
    const sdk = this.sdk;
    if (!sdk) {
      this.result = await legacyHandshake(this.engine, this.wire, {
        capabilities: this.capabilities,
        options: this.#options,
        timeout,
      });
      this.era = "legacy";
      return this.result;
    }
    await sdk.connect(this.wire, timeout === undefined ? undefined : { timeout });
    this.result = {
      serverInfo: sdk.getServerVersion(),
      capabilities: sdk.getServerCapabilities() ?? {},
      instructions: sdk.getInstructions(),
      protocolVersion: sdk.getNegotiatedProtocolVersion() ?? "",
    };
    // The modern era's requests carry a `_meta` envelope and may answer `input_required`, which
    // the SDK fulfils; the legacy era's plain request/response runs on the engine.
    this.era = sdk.getProtocolEra() === "legacy" ? "legacy" : "modern";
    // the modern era has no logging/setLevel: each request says which log messages it wants
    if (this.era === "modern") this.wire.logLevel = this.#logLevel;
    return this.result;
  }

  /**
   * Sends one request and returns its checked result: on the engine in the legacy era, through
   * the SDK `Client` in the 2026-07-28 era.
   *
   * @throws {LocalError} `NOT_CONNECTED` once the connection has closed; else as the engine
   */
  async request(
    method: string,
    params: Record<string, unknown> | undefined,
    options: EngineRequestOptions,
  ): Promise<Record<string, unknown>> {
    if (this.era === "legacy") return checkResult(method, await this.send(method, params, options));
    if (this.#closed || !this.era) throw new LocalError("NOT_CONNECTED", "Not connected");
    const { onProgress, ...rest } = options;
    const token = onProgress ? this.engine.trackProgress(onProgress) : undefined;
    const p = token
      ? { ...params, _meta: { ...params?._meta as object, progressToken: token } }
      : params;
    try {
      const request = { method, ...(p && { params: p }) };
      return await this.sdk!.request(request as never, rest) as Record<string, unknown>;
    } finally {
      if (token) await this.engine.untrackProgress(token);
    }
  }

  /**
   * Sends one legacy-era request on the engine and returns its raw result.
   *
   * @throws {LocalError} `NOT_CONNECTED` once the connection has closed; else as the engine
   */
  send(
    method: string,
    params: Record<string, unknown> | undefined,
    options: EngineRequestOptions,
  ): Promise<unknown> {
    if (this.#closed) return Promise.reject(new LocalError("NOT_CONNECTED", "Not connected"));
    return this.engine.request(method, params, options);
  }

  /**
   * Sets the log level the modern era sends with every request.
   *
   * @returns `false` on the legacy era, where `logging/setLevel` does it
   */
  useLogLevel(level: LoggingLevel): boolean {
    this.#logLevel = level;
    if (this.era !== "modern") return false;
    this.wire.logLevel = level;
    return true;
  }

  /**
   * Loads the tool index once (for schemas). If listing fails, the index stays empty until the
   * next `tools/list_changed`, so calls go on without schema checks instead of failing.
   */
  async loadTools(list: () => Promise<Tool[]>): Promise<void> {
    if (this.tools || !this.result?.capabilities.tools) return;
    this.#toolsLoading ??= list()
      .catch(() => void (this.tools ??= new Map()))
      .finally(() => (this.#toolsLoading = undefined));
    await this.#toolsLoading;
  }

  /** Records a listing in the tool index. */
  indexTools(tools: Tool[]): void {
    const index = new Map<string, { tool: Tool; definition: Tool }>();
    for (const tool of tools) {
      index.set(tool.name, { tool, definition: { ...tool, outputSchema: undefined } });
    }
    this.tools = index;
  }

  /** Registers a progress handler outside one request (a task's); returns the token to send. */
  trackProgress(handler: ProgressHandler): string {
    return this.engine.trackProgress(handler);
  }

  /** Unregisters a token once every handler call it made has settled. */
  untrackProgress(token: string): Promise<void> {
    return this.engine.untrackProgress(token);
  }

  #onNotification(n: ServerNotification): void {
    if (n.method === "notifications/tools/list_changed") this.tools = undefined;
    this.#hooks.notification(n);
  }

  /** Closes the SDK client (if any) and the transport. */
  async close(): Promise<void> {
    this.#closing = true;
    try {
      if (this.sdk?.transport) await this.sdk.close();
      else await this.wire.close();
    } catch {
      // closing is best effort: the transport may already be gone
    } finally {
      this.#closed = true;
      this.engine.closeAll(); // in case the transport closed without telling
      await this.#cleanup?.().catch(() => {});
    }
  }
}

/** The client's warning handler, guarded; by default one line on stderr. */
function warningHandler(handler: ((warning: Error) => void) | undefined): (w: Error) => void {
  if (!handler) return (warning) => console.warn(`mcpwire: ${warning.message}`);
  return (warning) => {
    try {
      const out: unknown = handler(warning);
      if (out instanceof Promise) out.catch(reportHandlerError);
    } catch (error) {
      reportHandlerError(error);
    }
  };
}
