import type {
  JSONRPCMessage,
  JSONRPCRequest,
  Transport,
  TransportSendOptions,
} from "@modelcontextprotocol/client";
import { ConnectionError, McpwireError } from "@mcpwire/core";
import { type AuthSession, newRound } from "./_auth.ts";
import { connectionParts } from "./_connection-parts.ts";
import { loadSdk } from "./_load-sdk.ts";
import { applyEnvelopeHeaders, envelopeVersion } from "./_envelope.ts";
import { EventStreams, type StreamOptions } from "./_event-streams.ts";
import { type HttpRequests, type RequestHeaders, withCallerHeaders } from "./_fetch.ts";
import { displayUrl } from "./_http.ts";
import { unrefEventStreams } from "./_idle-streams.ts";
import { HttpError } from "./errors.ts";
import type { HttpTransportOptions, ResolvedOptions } from "./_options.ts";
import { PendingRequests, type RequestId } from "./_pending-requests.ts";
import { PostAnswers } from "./_post-answers.ts";
import { SessionRecovery } from "./_session-recovery.ts";
import { SseTransport } from "./sse-transport.ts";

const DELETE_TIMEOUT_MS = 2000;

/**
 * The Streamable HTTP transport (MCP 2025-03-26 and later), written on `fetch`:
 * - each message is POSTed with its own abort signal; a JSON answer is read with one `text()`,
 *   an SSE answer through one reader and a small parser; the standalone GET stream carries
 *   server-initiated messages;
 * - an interrupted SSE stream is resumed with `GET` + `Last-Event-ID` after the server's
 *   `retry:` delay; a stream that ends without the answer rejects that request with
 *   `ConnectionError`;
 * - a 404 for an expired session re-initializes transparently and retries the request once;
 * - a server that rejects the first POST with 404/405 is spoken to over legacy SSE instead;
 * - bearer tokens, an `AuthProvider`'s refresh on 401, OAuth (through the SDK's public `auth()`,
 *   loaded only then) and step-up on `403 insufficient_scope`;
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
  readonly #auth: AuthSession;
  readonly #requests: HttpRequests;
  readonly #streams: EventStreams;
  readonly #answers: PostAnswers;
  readonly #postHeaders: RequestHeaders;
  readonly #getHeaders: RequestHeaders;
  #sse: SseTransport | undefined;
  readonly #pending: PendingRequests;
  readonly #recovery: SessionRecovery;
  #initialize: JSONRPCRequest | undefined;
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  #started = false;
  #closed = false;
  #releaseStreams: (() => void) | undefined;

  /**
   * @param url the server's MCP endpoint
   * @param options headers, auth, fetch, timeout, reconnection, sseFallback, sessionRecovery
   * @throws {TypeError} for a URL that is not http(s) or invalid options
   */
  constructor(url: string | URL, options: HttpTransportOptions = {}) {
    const parts = connectionParts(url, options, ["application/json", "text/event-stream"]);
    this.#url = parts.url;
    const o = this.#options = parts.options;
    this.#requests = parts.requests;
    this.#auth = parts.auth;
    this.#postHeaders = parts.postHeaders;
    this.#getHeaders = parts.getHeaders;
    const secrets = () => o.secrets();
    this.#streams = new EventStreams({
      url: this.#url,
      requests: this.#requests,
      closed: () => this.#closed,
      deliver: (message) => this.#deliver(message),
      report: (error) => this.#report(error),
      headers: async () => this.#getHeaders.get(await this.#headerState()),
      recoverAuth: (response, round) => this.#auth.recover(response, round),
      secrets,
    }, o.reconnection);
    this.#answers = new PostAnswers(this.#url, this.#streams, secrets);
    this.#pending = new PendingRequests(() => this.url);
    this.#recovery = new SessionRecovery({
      url: () => this.url,
      post: (message, options) => this.#post(message, options),
      restarted: () => this.onsessionrestart?.(),
    });
  }

  /** The server URL, without credentials or query string. */
  get url(): string {
    return displayUrl(this.#url);
  }

  /** The `Mcp-Session-Id` the server assigned, if any. */
  get sessionId(): string | undefined {
    return this.#sse ? undefined : this.#sessionId;
  }

  /** True while speaking Streamable HTTP: one response stream per request, closed to cancel it. */
  get hasPerRequestStream(): boolean {
    return !this.#sse;
  }

  /** `"streamable-http"`, or `"sse"` after falling back to a legacy server. */
  get kind(): "streamable-http" | "sse" {
    return this.#sse ? "sse" : "streamable-http";
  }

  /** The negotiated protocol version sent as `MCP-Protocol-Version`, once known. */
  get protocolVersion(): string | undefined {
    return this.#protocolVersion;
  }

  /** Prepares the transport; no request is made until the first `send()`. */
  async start(): Promise<void> {
    if (this.#started) throw new Error(`the transport to ${this.url} was already started`);
    this.#started = true;
    await this.#auth.prepare(this.#requests);
    this.#releaseStreams ??= unrefEventStreams(this.#url);
  }

  /** Records the negotiated protocol version, sent as `MCP-Protocol-Version`. */
  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
    this.#sse?.setProtocolVersion(version);
  }

  /**
   * Sends one message. For a request, the returned promise settles when its answer has arrived,
   * and rejects with `ConnectionError` if the response stream ends without it.
   *
   * @throws {McpwireError} `AuthError`, `HttpError`, `ConnectionError` or `TimeoutError`
   */
  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.#closed) throw new ConnectionError(`the session with ${this.url} is closed`);
    const { method, id: rawId, params } = message as {
      method?: unknown;
      id?: unknown;
      params?: { requestId?: unknown };
    };
    if (method === "initialize" && rawId !== undefined) this.#initialize = message as never;
    if (method === "notifications/cancelled") this.#pending.giveUp(params?.requestId);
    const id = typeof method === "string" &&
        (typeof rawId === "string" || typeof rawId === "number")
      ? rawId
      : undefined;
    if (id === undefined) return await this.#sendOnce(message, options, false);
    // Each request gets its own abort signal: a cancellation, the caller's signal and close()
    // abort its HTTP request, which frees its socket at once.
    const request = new AbortController();
    const callerSignal = options?.requestSignal;
    const onAbort = () => request.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onAbort();
    else callerSignal?.addEventListener("abort", onAbort, { once: true });
    const answered = this.#pending.begin(id, request);
    const onEnd = options?.onRequestStreamEnd;
    try {
      await this.#sendOnce(message, {
        ...options,
        requestSignal: request.signal,
        onRequestStreamEnd: () => {
          onEnd?.();
          this.#pending.streamEnded(id);
        },
      }, false);
      await answered;
    } catch (err) {
      this.#pending.failed(id);
      if (request.signal.aborted) return; // given up: whoever gave up has settled the request
      throw err;
    } finally {
      this.#pending.end(id, request);
      callerSignal?.removeEventListener("abort", onAbort);
    }
  }

  /** The number of requests whose HTTP exchange is still open (for leak checks). */
  get pendingRequests(): number {
    return this.#pending.size;
  }

  /** Ends the session with `DELETE` (bounded to 2 s) and closes every stream. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#releaseStreams?.();
    this.#pending.abortAll();
    this.#streams.cancel();
    if (this.#sse) {
      await this.#sse.close();
    } else {
      if (this.#sessionId) await this.#terminateSession();
      this.#closeNow();
    }
    this.#requests.abortAll();
  }

  #closeNow(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#releaseStreams?.();
    this.#streams.cancel();
    this.#requests.abortAll();
    this.#pending.releaseAll();
    this.#recovery.close();
    this.onclose?.();
  }

  async #terminateSession(): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), DELETE_TIMEOUT_MS);
    try {
      const headers = this.#getHeaders.get(await this.#headerState());
      const { response, done } = await this.#requests.send(this.#url, {
        method: "DELETE",
        headers,
        signal: controller.signal,
      });
      await response.body?.cancel().catch(() => {});
      done();
      this.#sessionId = undefined;
    } catch {
      // the session ends on the server's side anyway; close() never fails on it
    } finally {
      clearTimeout(timer);
    }
  }

  async #headerState() {
    return {
      token: await this.#auth.token(),
      sessionId: this.#sessionId,
      protocolVersion: this.#protocolVersion,
    };
  }

  async #sendOnce(
    message: JSONRPCMessage,
    options: TransportSendOptions | undefined,
    retried: boolean,
  ): Promise<void> {
    if (this.#sse) return await this.#sse.send(message, options);
    const session = this.#sessionId;
    const initializing = (message as { method?: unknown }).method === "initialize";
    try {
      await this.#post(message, options);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : undefined;
      if (
        sessionLost(err, status) && !initializing && session && !retried &&
        this.#options.sessionRecovery
      ) {
        await this.#restartSession(session);
        return await this.#sendOnce(message, options, true);
      }
      if (
        (status === 404 || status === 405) && initializing && !session && this.#options.sseFallback
      ) {
        await this.#fallBackToSse();
        return await this.#sendOnce(message, options, true);
      }
      // protocol "auto": the SDK's era probe reads a failed `server/discover` from its own
      // HTTP error (a 2025-era server's 400 "Server not initialized" means: fall back to
      // `initialize`), so that error is the SDK's; auth failures stay mcpwire's.
      if (isProbe(message) && err instanceof HttpError && status !== 401 && status !== 403) {
        const sdk = await loadSdk();
        throw sdk.probeHttpError(err.status, "", this.#answers.lastErrorText ?? "");
      }
      throw err;
    }
  }

  /** POSTs one message and reads its answer; a refused token is retried as the provider allows. */
  async #post(message: JSONRPCMessage, options: TransportSendOptions | undefined): Promise<void> {
    if (options?.resumptionToken) return this.#resume(message, options);
    const initializing = (message as { method?: unknown }).method === "initialize";
    const body = JSON.stringify(message);
    const round = newRound();
    while (true) {
      const state = await this.#headerState();
      if (initializing) state.sessionId = undefined;
      let headers = this.#postHeaders.get(state);
      if (options?.headers || envelopeVersion(message) !== undefined) {
        headers = withCallerHeaders(headers, options?.headers);
        applyEnvelopeHeaders(headers, message);
      }
      const { response, done } = await this.#requests.send(this.#url, {
        method: "POST",
        headers,
        body,
        signal: options?.requestSignal,
      });
      if (response.status === 401 || response.status === 403) {
        done();
        await this.#auth.recover(response, round);
        continue;
      }
      if (initializing && response.ok) {
        this.#sessionId = response.headers.get("mcp-session-id") || undefined;
      }
      const answer = await this.#answers.read(message, response, options as StreamOptions, done);
      if (answer === "accepted") {
        if ((message as { method?: unknown }).method === "notifications/initialized") {
          this.#streams.open({}).catch((error: unknown) => this.#report(error as Error));
        }
        return;
      }
      for (const m of answer) this.#deliver(m);
      return;
    }
  }

  /** Resumes a request's answer stream with `Last-Event-ID` (a caller-given resumption token). */
  #resume(message: JSONRPCMessage, options: TransportSendOptions): void {
    const id = (message as { id?: RequestId }).id;
    this.#streams.open({
      resumptionToken: options.resumptionToken,
      onresumptiontoken: options.onresumptiontoken,
      requestSignal: options.requestSignal,
      onRequestStreamEnd: options.onRequestStreamEnd,
      replayMessageId: id,
    }).catch((error: unknown) => this.#report(error as Error));
  }

  #deliver(message: JSONRPCMessage): void {
    if (this.#closed) return;
    // A message without `method` is a result or an error response.
    if (!("method" in message) && "id" in message) {
      if (this.#recovery.take(message)) return;
      // Its request's wait ends first (its caller goes on only after this turn), so a throwing
      // onmessage can't leave that request waiting forever.
      if (message.id !== undefined) this.#pending.answered(message.id);
    }
    this.onmessage?.(message);
  }

  #report(error: Error): void {
    if (this.#closed) return;
    this.onerror?.(
      error instanceof McpwireError ? error : new ConnectionError(
        `connection to ${this.url} failed: ${error.message}`,
        { cause: error },
      ),
    );
  }

  /** Re-runs the initialize handshake after the server forgot `staleSession`, once for all waiters. */
  async #restartSession(staleSession: string): Promise<void> {
    if (this.#sessionId !== staleSession) return; // another request already restarted it
    await this.#recovery.restart(this.#initialize!);
  }

  async #fallBackToSse(): Promise<void> {
    const sse = new SseTransport(this.#url, {
      headers: this.#options.headers,
      auth: this.#options.authProvider,
      fetch: this.#options.fetch,
      timeout: this.#options.timeout,
    });
    this.#sse = sse;
    this.#streams.cancel();
    this.#releaseStreams?.();
    this.#releaseStreams = undefined;
    sse.onmessage = (message) => this.#deliver(message);
    sse.onerror = (error) => this.#report(error);
    sse.onclose = () => this.#closeNow();
    await sse.start();
    if (this.#protocolVersion) sse.setProtocolVersion(this.#protocolVersion);
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
  const body = (err as HttpError | undefined)?.body;
  return status === 400 && typeof body === "string" && /session/i.test(body);
}
