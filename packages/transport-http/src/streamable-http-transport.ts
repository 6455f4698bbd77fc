import {
  isInitializeRequest,
  isJSONRPCErrorResponse,
  type JSONRPCMessage,
  type JSONRPCRequest,
  SdkHttpError,
  StreamableHTTPClientTransport,
  type Transport,
  type TransportSendOptions,
} from "@modelcontextprotocol/client";
import { ConnectionError, type McpwireError } from "@mcpwire/core";
import { DirectPost } from "./_direct-post.ts";
import { type GuardContext, guardFetch } from "./_guarded-fetch.ts";
import { displayUrl } from "./_http.ts";
import { unrefEventStreams } from "./_idle-streams.ts";
import {
  allowRedirects,
  isInteractive,
  MAX_AUTHORIZATIONS,
  needsAuthorization,
  preparedAuth,
} from "./_interactive.ts";
import { statusOf, toTransportError } from "./_map-error.ts";
import { type HttpTransportOptions, type ResolvedOptions, resolveOptions } from "./_options.ts";
import { streamableHooks } from "./_sdk-internals.ts";
import { httpUrl, SseTransport } from "./sse-transport.ts";

type RequestId = string | number;
interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}
const DELETE_TIMEOUT_MS = 2000;

/**
 * The Streamable HTTP transport (MCP 2025-03-26 and later), built on the SDK's
 * `StreamableHTTPClientTransport`, with what the SDK leaves to the caller:
 * - ordinary requests are POSTed and their answers read by the transport itself, at a fraction
 *   of the SDK transport's client CPU per call; the handshake, the GET stream, resumption, auth
 *   flows, redirects and error statuses stay the SDK's;
 * - a 404 for an expired session re-initializes transparently and retries the request once;
 * - a server that rejects the first POST with 404/405 is spoken to over legacy SSE instead;
 * - a response stream that ends without the answer rejects that request with `ConnectionError`
 *   (after resuming with `Last-Event-ID` when the server made the stream resumable);
 * - `close()` ends the session with `DELETE`;
 * - every failure is an mcpwire error naming the URL, never showing a token.
 *
 * @example
 * ```ts
 * import { Client } from "@modelcontextprotocol/client";
 * import { StreamableHttpTransport } from "@mcpwire/transport-http";
 * const client = new Client({ name: "demo", version: "1.0.0" });
 * await client.connect(new StreamableHttpTransport("http://127.0.0.1:3000/mcp", { auth: "token" }));
 * console.log(await client.listTools());
 * await client.close();
 * ```
 */
export class StreamableHttpTransport implements Transport {
  /** Called once when the transport is closed. */
  onclose?: () => void;
  /** Called with errors that did not reject a `send()`; always an mcpwire error. */
  onerror?: (error: Error) => void;
  /** Called with every message from the server. */
  onmessage?: (message: JSONRPCMessage) => void;
  /** Called after the transport re-initialized an expired session (server-side state is gone). */
  onsessionrestart?: () => void;

  readonly #url: URL;
  readonly #options: ResolvedOptions;
  readonly #ctx: GuardContext;
  #inner: StreamableHTTPClientTransport | SseTransport;
  #direct: DirectPost | undefined;
  readonly #thrown = new WeakSet<object>();
  readonly #waiting = new Map<RequestId, Waiter>();
  readonly #requests = new Map<RequestId, AbortController>();
  readonly #replays = new Map<string, (message: JSONRPCMessage | Error) => void>();
  #initialize: JSONRPCRequest | undefined;
  #restart: Promise<void> | undefined;
  #replayCount = 0;
  #protocolVersion: string | undefined;
  #closed = false;
  #releaseStreams: (() => void) | undefined;

  /**
   * @param url the server's MCP endpoint
   * @param options headers, auth, fetch, timeout, reconnection, sseFallback, sessionRecovery
   * @throws {TypeError} for a URL that is not http(s) or invalid options
   */
  constructor(url: string | URL, options: HttpTransportOptions = {}) {
    this.#url = httpUrl(url);
    this.#options = resolveOptions(options);
    this.#ctx = {
      timeout: this.#options.timeout,
      checkAnswers: true,
      secrets: this.#options.secrets,
    };
    const guarded = guardFetch(this.#options.fetch, this.#ctx);
    const inner = new StreamableHTTPClientTransport(this.#url, {
      authProvider: this.#options.authProvider,
      skipIssuerMetadataValidation: this.#options.skipIssuerMetadataValidation,
      requestInit: { headers: this.#options.headers },
      fetch: guarded,
      reconnectionOptions: this.#options.reconnection,
    });
    this.#inner = inner;
    const hooks = streamableHooks(inner, guarded);
    this.#direct = hooks && new DirectPost(this.#url, this.#options, this.#ctx, inner, hooks);
    this.#wire(inner);
  }

  /** The server URL, without credentials or query string. */
  get url(): string {
    return displayUrl(this.#url);
  }

  /** The `Mcp-Session-Id` the server assigned, if any. */
  get sessionId(): string | undefined {
    return this.#inner instanceof StreamableHTTPClientTransport ? this.#inner.sessionId : undefined;
  }

  /** True while speaking Streamable HTTP: one response stream per request, closed to cancel it. */
  get hasPerRequestStream(): boolean {
    return !(this.#inner instanceof SseTransport);
  }

  /** `"streamable-http"`, or `"sse"` after falling back to a legacy server. */
  get kind(): "streamable-http" | "sse" {
    return this.#inner instanceof SseTransport ? "sse" : "streamable-http";
  }

  /** Prepares the transport; no request is made until the first `send()`. */
  async start(): Promise<void> {
    await preparedAuth(this.#options.authProvider, this.#url);
    await this.#inner.start();
    this.#releaseStreams ??= unrefEventStreams(this.#url);
  }

  /** Records the negotiated protocol version, sent as `MCP-Protocol-Version`. */
  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
    this.#inner.setProtocolVersion(version);
  }

  /**
   * Sends one message. For a request, the returned promise settles when its answer has arrived,
   * and rejects with `ConnectionError` if the response stream ends without it.
   *
   * @throws {McpwireError} `AuthError`, `HttpError`, `ConnectionError` or `TimeoutError`
   */
  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.#closed) throw new ConnectionError(`the session with ${this.url} is closed`);
    // Cheap field checks first: the SDK's type guards are schema validations (tens of µs).
    const { method, id: rawId, params } = message as {
      method?: unknown;
      id?: unknown;
      params?: { requestId?: unknown };
    };
    if (method === "initialize" && isInitializeRequest(message)) {
      this.#initialize = message as JSONRPCRequest;
    }
    if (method === "notifications/cancelled") this.#giveUp(params?.requestId);
    const id = typeof method === "string" &&
        (typeof rawId === "string" || typeof rawId === "number")
      ? rawId
      : undefined;
    if (id === undefined) return await this.#sendOnce(message, options, undefined, false);
    // Each request gets its own abort signal: a cancellation, the caller's signal and close()
    // abort its HTTP request, which frees its socket at once.
    const request = new AbortController();
    const callerSignal = options?.requestSignal;
    const onAbort = () => request.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onAbort();
    else callerSignal?.addEventListener("abort", onAbort, { once: true });
    this.#requests.set(id, request);
    const answered = this.#wait(id, request.signal);
    try {
      await this.#sendOnce(message, { ...options, requestSignal: request.signal }, id, false);
      await answered;
    } catch (err) {
      this.#waiting.delete(id);
      if (request.signal.aborted) return; // given up: whoever gave up has settled the request
      throw err;
    } finally {
      if (this.#requests.get(id) === request) this.#requests.delete(id);
      callerSignal?.removeEventListener("abort", onAbort);
    }
  }

  /** The number of requests whose HTTP exchange is still open (for leak checks). */
  get pendingRequests(): number {
    return this.#requests.size + this.#waiting.size;
  }

  /** Aborts the HTTP request of a request the caller gave up on (`notifications/cancelled`). */
  #giveUp(id: unknown): void {
    if (typeof id !== "string" && typeof id !== "number") return;
    const request = this.#requests.get(id);
    if (!request) return;
    this.#requests.delete(id);
    request.abort(new ConnectionError(`request ${id} to ${this.url} was cancelled`));
  }

  async #sendOnce(
    message: JSONRPCMessage,
    options: TransportSendOptions | undefined,
    id: RequestId | undefined,
    retried: boolean,
    authorizations = 0,
  ): Promise<void> {
    const inner = this.#inner;
    const session = this.sessionId;
    try {
      if (inner instanceof SseTransport) return await inner.send(message, options);
      const sendOptions: TransportSendOptions = {
        ...options,
        onRequestStreamEnd: id === undefined ? options?.onRequestStreamEnd : () => {
          options?.onRequestStreamEnd?.();
          this.#streamEnded(id);
        },
      };
      const direct = this.#direct;
      if (direct?.accepts(message, sendOptions)) await direct.send(message, sendOptions);
      else await inner.send(message, sendOptions);
    } catch (err) {
      if (typeof err === "object" && err !== null) this.#thrown.add(err);
      const status = statusOf(err);
      const initializing = isInitializeRequest(message);
      if (
        sessionLost(err, status) && !initializing && session && !retried &&
        this.#options.sessionRecovery
      ) {
        await this.#restartSession(session);
        return await this.#sendOnce(message, options, id, true);
      }
      if (
        (status === 404 || status === 405) && initializing && !session && this.#options.sseFallback
      ) {
        await this.#fallBackToSse();
        return await this.#sendOnce(message, options, id, true, authorizations);
      }
      if (
        needsAuthorization(err) && authorizations < MAX_AUTHORIZATIONS && (await this.#authorize())
      ) {
        // After the last allowed authorization, a further challenge fails instead of opening
        // the browser again (the MCP spec's retry limit).
        const last = authorizations + 1 === MAX_AUTHORIZATIONS;
        if (last) allowRedirects(this.#options.authProvider, false);
        try {
          return await this.#sendOnce(message, options, id, retried, authorizations + 1);
        } finally {
          if (last) allowRedirects(this.#options.authProvider, true);
        }
      }
      // protocol "auto": the SDK's era probe reads a failed `server/discover` from its own
      // SdkHttpError (a 2025-era server's 400 "Server not initialized" means: fall back to
      // `initialize`), so that error goes back unmapped; auth failures stay mcpwire's.
      if (isProbe(message) && err instanceof SdkHttpError && status !== 401 && status !== 403) {
        throw err;
      }
      throw this.#map(err);
    }
  }

  /** Ends the session with `DELETE` (bounded to 2 s) and closes every stream. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#releaseStreams?.();
    for (const request of this.#requests.values()) request.abort();
    this.#requests.clear();
    const inner = this.#inner;
    if (inner instanceof StreamableHTTPClientTransport && inner.sessionId) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        inner.terminateSession().catch(() => {}),
        new Promise((resolve) => timer = setTimeout(resolve, DELETE_TIMEOUT_MS)),
      ]);
      clearTimeout(timer);
    }
    await inner.close();
    this.#direct?.abortAll();
  }

  #wire(inner: StreamableHTTPClientTransport | SseTransport): void {
    inner.onmessage = (message: JSONRPCMessage) => {
      if (inner !== this.#inner) return;
      // Messages reach here validated; one without `method` is a result or an error response.
      if (!("method" in message) && "id" in message) {
        const replay = typeof message.id === "string" ? this.#replays.get(message.id) : undefined;
        if (replay) return replay(message);
        const waiter = message.id === undefined ? undefined : this.#waiting.get(message.id);
        if (message.id !== undefined) this.#waiting.delete(message.id);
        this.onmessage?.(message);
        waiter?.resolve();
        return;
      }
      this.onmessage?.(message);
    };
    inner.onerror = (error: Error) => {
      if (inner !== this.#inner || this.#closed) return;
      // The SDK reports an error and then throws it from send(); the caller gets it there.
      setTimeout(() => {
        if (this.#thrown.has(error) || this.#closed || inner !== this.#inner) return;
        this.onerror?.(this.#map(error));
      }, 0);
    };
    inner.onclose = () => {
      if (inner !== this.#inner || this.#closed) return;
      this.#closed = true;
      this.#releaseStreams?.();
      for (const waiter of this.#waiting.values()) waiter.resolve();
      this.#waiting.clear();
      for (const replay of this.#replays.values()) {
        replay(new ConnectionError(`closed ${this.url}`));
      }
      this.onclose?.();
    };
  }

  #wait(id: RequestId, signal: AbortSignal | undefined): Promise<void> {
    // A request cancelled by closing its stream is settled by the caller; stop waiting for it.
    signal?.addEventListener("abort", () => {
      this.#waiting.get(id)?.resolve();
      this.#waiting.delete(id);
    }, { once: true });
    return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
  }

  #streamEnded(id: RequestId): void {
    const waiter = this.#waiting.get(id);
    if (!waiter) return;
    this.#waiting.delete(id);
    waiter.reject(
      new ConnectionError(
        `the response stream from ${this.url} ended before the answer to request ${id}`,
      ),
    );
  }

  /** Re-runs the initialize handshake after the server forgot `staleSession`, once for all waiters. */
  async #restartSession(staleSession: string): Promise<void> {
    if (this.sessionId !== staleSession) return; // another request already restarted it
    this.#restart ??= this.#replayInitialize().finally(() => this.#restart = undefined);
    await this.#restart;
  }

  async #replayInitialize(): Promise<void> {
    const inner = this.#inner as StreamableHTTPClientTransport;
    const id = `mcpwire-reinitialize-${++this.#replayCount}`;
    const answer = new Promise<JSONRPCMessage | Error>((resolve) => this.#replays.set(id, resolve));
    try {
      await inner.send({ ...this.#initialize!, id }, {
        onRequestStreamEnd: () => this.#replays.get(id)?.(new Error("stream ended")),
      });
      const reply = await answer;
      if (reply instanceof Error || isJSONRPCErrorResponse(reply)) {
        const why = reply instanceof Error ? reply.message : reply.error.message;
        throw new ConnectionError(
          `the session with ${this.url} expired and re-initializing failed: ${why}`,
        );
      }
      await inner.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    } catch (err) {
      if (typeof err === "object" && err !== null) this.#thrown.add(err);
      throw err instanceof ConnectionError ? err : new ConnectionError(
        `the session with ${this.url} expired and re-initializing failed`,
        { cause: this.#map(err) },
      );
    } finally {
      this.#replays.delete(id);
    }
    this.onsessionrestart?.();
  }

  async #fallBackToSse(): Promise<void> {
    const old = this.#inner;
    const sse = new SseTransport(this.#url, {
      headers: this.#options.headers,
      auth: this.#options.authProvider,
      fetch: this.#options.fetch,
      timeout: this.#options.timeout,
    });
    this.#inner = sse;
    this.#direct = undefined;
    this.#wire(sse);
    old.onclose = undefined;
    await old.close();
    await sse.start();
    if (this.#protocolVersion) sse.setProtocolVersion(this.#protocolVersion);
  }

  async #authorize(): Promise<boolean> {
    const provider = this.#options.authProvider;
    const pending = isInteractive(provider) ? provider.takeAuthorizationResponse() : undefined;
    if (!pending) return false;
    const inner = this.#inner;
    if (inner instanceof SseTransport) return false;
    await inner.finishAuth(await pending);
    return true;
  }

  #map(err: unknown): McpwireError {
    return toTransportError(err, this.#url, this.#options.secrets(), this.#ctx.lastChallenge);
  }
}

/** Whether a message is the era-negotiation probe of the SDK `Client` (`protocol: "auto"`). */
function isProbe(message: JSONRPCMessage): boolean {
  return (message as { method?: unknown }).method === "server/discover";
}

/**
 * Whether an error means the server no longer knows our session: 404 (the spec), or the 400
 * "No valid session ID" that servers built on the SDK's examples (server-everything among them)
 * send instead.
 */
function sessionLost(err: unknown, status: number | undefined): boolean {
  if (status === 404) return true;
  const text = (err as { data?: { text?: unknown } } | undefined)?.data?.text;
  return status === 400 && typeof text === "string" && /session/i.test(text);
}
