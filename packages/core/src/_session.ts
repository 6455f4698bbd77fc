/**
 * One connection: a transport built from the source, the SDK client over it, the progress
 * routing and the tool index. A client opens a new session on each real connect.
 */
import {
  Client as SdkClient,
  type ClientCapabilities,
  type LoggingLevel,
  type Tool,
} from "@modelcontextprotocol/client";
import { ConnectionError, McpwireError } from "./errors.ts";
import { capabilitiesFor, registerHandlers } from "./_handlers.ts";
import { reportHandlerError } from "./_notifications.ts";
import { DirectRequests } from "./_direct.ts";
import { defaultLogLevel, LevelledTransport } from "./_log-level.ts";
import { createTransport, type Source } from "./_sources.ts";
import type { WarningTransport } from "./transport.ts";
import type {
  ClientOptions,
  InitializeResult,
  ProgressHandler,
  RootsOption,
  ServerNotification,
} from "./types.ts";

/** What a session asks of its client. */
export interface SessionHooks {
  /** Every notification, in arrival order (progress for this session's calls excluded). */
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
 * How many direct requests and progress slots the session over `transport` still holds;
 * undefined when no session was opened over it. For leak tests only.
 */
export function heldFor(transport: object): number | undefined {
  return sessionsByTransport.get(transport)?.held;
}

const VERSIONS = { legacy: "legacy", auto: "auto", "2026-07-28": { pin: "2026-07-28" } } as const;
const PROGRESS = "notifications/progress";

interface ProgressSlot {
  handler: ProgressHandler;
  pending: Promise<unknown>[];
}

/** A live connection. */
export class Session {
  readonly sdk: SdkClient;
  readonly wire: LevelledTransport;
  readonly keepAlive: boolean;
  /** The capabilities this client declared. */
  readonly capabilities: ClientCapabilities;
  result: InitializeResult | undefined;
  /** Set when the connection was lost (not closed by us). */
  lost: ConnectionError | undefined;
  /** The tools by name, once listed; cleared by `tools/list_changed`. */
  tools: Map<string, { tool: Tool; definition: Tool }> | undefined;
  #toolsLoading: Promise<unknown> | undefined;
  #initializing: Promise<InitializeResult> | undefined;
  #progress = new Map<string, ProgressSlot>();
  #nextToken = 0;
  #closing = false;
  #transportError: ConnectionError | undefined;
  #hooks: SessionHooks;
  #cleanup: (() => Promise<void>) | undefined;
  #direct: DirectRequests;
  #directReady = false;
  #logLevel: LoggingLevel = "warning";

  private constructor(
    sdk: SdkClient,
    built: Awaited<ReturnType<typeof createTransport>>,
    hooks: SessionHooks,
    capabilities: ClientCapabilities,
  ) {
    this.sdk = sdk;
    this.capabilities = capabilities;
    this.#hooks = hooks;
    this.#cleanup = built.cleanup;
    this.keepAlive = built.transport.keepAlive === true;
    this.wire = new LevelledTransport(built.transport, {
      notification: (n) => this.#onNotification(n),
      response: (r) => this.#direct.handle(r),
      error: (error) => {
        if (error instanceof ConnectionError) this.#transportError ??= error;
      },
      closed: () => {
        if (!this.#closing) {
          this.lost = this.#transportError ??
            new ConnectionError(`connection to server '${this.serverName}' closed unexpectedly`);
          this.#hooks.lost?.(this.lost);
        }
        this.#direct.closeAll();
      },
    });
    this.#direct = new DirectRequests(this.wire);
    sessionsByTransport.set(built.transport, this);
  }

  /** Direct requests waiting for an answer plus progress slots in use. */
  get held(): number {
    return this.#direct.size + this.#progress.size;
  }

  /** Builds the transport and starts it, without the handshake. */
  static async open(source: Source, options: ClientOptions, hooks: SessionHooks): Promise<Session> {
    const capabilities = capabilitiesFor(options, hooks.roots());
    const sdk = new SdkClient(
      { name: options.name ?? "mcpwire", version: options.version ?? CORE_VERSION },
      {
        capabilities,
        versionNegotiation: { mode: VERSIONS[options.protocol ?? "legacy"] ?? "legacy" },
        listMaxPages: 250,
      },
    );
    sdk.onerror = () => {}; // errors reach callers through their requests
    registerHandlers(sdk, options, hooks.roots);
    const built = await createTransport(source, options);
    const session = new Session(sdk, built, hooks, capabilities);
    (built.transport as WarningTransport).onwarning = warningHandler(options.onWarning);
    session.#logLevel = defaultLogLevel(options);
    try {
      await session.wire.start();
    } catch (error) {
      await session.close();
      if (error instanceof McpwireError) throw error;
      throw new ConnectionError(
        `could not start the transport to ${hooks.label}: ${(error as Error)?.message}`,
        {
          cause: error,
        },
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
    await this.sdk.connect(this.wire, timeout === undefined ? undefined : { timeout });
    const sdk = this.sdk;
    this.result = {
      serverInfo: sdk.getServerVersion(),
      capabilities: sdk.getServerCapabilities() ?? {},
      instructions: sdk.getInstructions(),
      protocolVersion: sdk.getNegotiatedProtocolVersion() ?? "",
    };
    // The modern era's requests carry a `_meta` envelope and may answer `input_required`, which
    // the SDK fulfils; only the legacy era's plain request/response may bypass it.
    this.#directReady = sdk.getProtocolEra() === "legacy";
    // the modern era has no logging/setLevel: each request says which log messages it wants
    if (!this.#directReady) this.wire.logLevel = this.#logLevel;
    return this.result;
  }

  /**
   * Sets the log level the modern era sends with every request.
   *
   * @returns `false` on the legacy era, where `logging/setLevel` does it
   */
  useLogLevel(level: LoggingLevel): boolean {
    this.#logLevel = level;
    if (this.sdk.getProtocolEra() !== "modern") return false;
    this.wire.logLevel = level;
    return true;
  }

  /**
   * Core's own requests on this session's transport, past the SDK `Protocol`, when they are
   * equivalent to the SDK's: after a legacy-era handshake, while the SDK is connected.
   */
  get direct(): DirectRequests | undefined {
    return this.#directReady && this.sdk.transport ? this.#direct : undefined;
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

  /** Registers a progress handler; returns the token to send. */
  trackProgress(handler: ProgressHandler): string {
    const token = `mcpwire-${++this.#nextToken}`;
    this.#progress.set(token, { handler, pending: [] });
    return token;
  }

  /** Unregisters a token once every handler call it made has settled. */
  async untrackProgress(token: string): Promise<void> {
    const slot = this.#progress.get(token);
    this.#progress.delete(token);
    if (slot?.pending.length) await Promise.allSettled(slot.pending);
  }

  #onNotification(n: ServerNotification): boolean {
    if (n.method === PROGRESS) {
      const params = n.params ?? {};
      const slot = typeof params.progressToken === "string"
        ? this.#progress.get(params.progressToken)
        : undefined;
      if (slot) {
        this.#hooks.notification(n);
        const progress = Number(params.progress);
        const total = typeof params.total === "number" ? params.total : undefined;
        const message = typeof params.message === "string" ? params.message : undefined;
        try {
          const out = slot.handler(progress, total, message);
          if (out instanceof Promise) slot.pending.push(out.catch(reportHandlerError));
        } catch (error) {
          reportHandlerError(error);
        }
        return true;
      }
    }
    if (n.method === "notifications/tools/list_changed") this.tools = undefined;
    this.#hooks.notification(n);
    return false;
  }

  /** Closes the SDK client and the transport. */
  async close(): Promise<void> {
    this.#closing = true;
    try {
      if (this.sdk.transport) await this.sdk.close();
      else await this.wire.close();
    } catch {
      // closing is best effort: the transport may already be gone
    } finally {
      this.#direct.closeAll(); // in case the transport closed without telling
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

/** The version sent in `clientInfo` by default. */
export const CORE_VERSION = "0.1.0";
