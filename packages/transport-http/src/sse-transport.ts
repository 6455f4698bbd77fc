import {
  type JSONRPCMessage,
  SSEClientTransport,
  SseError,
  type Transport,
  type TransportSendOptions,
} from "@modelcontextprotocol/client";
import { ConnectionError, type McpwireError } from "@mcpwire/core";
import { currentToken, DirectRequests, PostHeaders } from "./_direct-request.ts";
import { type GuardContext, guardFetch, primeResponse } from "./_guarded-fetch.ts";
import { displayUrl } from "./_http.ts";
import { unrefEventStreams } from "./_idle-streams.ts";
import {
  isInteractive,
  MAX_AUTHORIZATIONS,
  needsAuthorization,
  preparedAuth,
} from "./_interactive.ts";
import { toTransportError } from "./_map-error.ts";
import { type HttpTransportOptions, type ResolvedOptions, resolveOptions } from "./_options.ts";
import { sseEndpoint } from "./_sdk-internals.ts";

/**
 * The legacy HTTP+SSE transport (MCP 2024-11-05): a long-lived `GET` event stream for what the
 * server sends, `POST`s to the endpoint it announces for what the client sends. Losing the event
 * stream ends the session: the transport reports a `ConnectionError` and closes.
 *
 * @example
 * ```ts
 * import { SseTransport } from "@mcpwire/transport-http";
 * const transport = new SseTransport("http://127.0.0.1:3001/sse", { auth: "my-token" });
 * ```
 */
export class SseTransport implements Transport {
  /** Called once when the transport is closed, by `close()` or because the stream was lost. */
  onclose?: () => void;
  /** Called with errors that did not reject a `send()`; always an mcpwire error. */
  onerror?: (error: Error) => void;
  /** Called with every message from the server. */
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #url: URL;
  readonly #options: ResolvedOptions;
  readonly #ctx: GuardContext;
  readonly #inner: SSEClientTransport;
  readonly #thrown = new WeakSet<object>();
  readonly #endpoint: (() => URL | undefined) | undefined;
  readonly #requests: DirectRequests;
  readonly #headers: PostHeaders;
  #protocolVersion: string | undefined;
  #started = false;
  #closed = false;
  #releaseStreams: (() => void) | undefined;
  #authorizations = 0;

  /**
   * @param url the server's SSE endpoint, usually ending in `/sse`
   * @param options headers, auth, fetch, timeout
   * @throws {TypeError} for a URL that is not http(s) or invalid options
   */
  constructor(url: string | URL, options: HttpTransportOptions = {}) {
    this.#url = httpUrl(url);
    this.#options = resolveOptions(options);
    this.#ctx = {
      timeout: this.#options.timeout,
      checkAnswers: false,
      secrets: this.#options.secrets,
    };
    const guarded = guardFetch(this.#options.fetch, this.#ctx);
    // The event stream must stay open past the response timeout, so it gets no timeout.
    const streamCtx: GuardContext = { checkAnswers: false, secrets: this.#options.secrets };
    this.#inner = new SSEClientTransport(this.#url, {
      authProvider: this.#options.authProvider,
      skipIssuerMetadataValidation: this.#options.skipIssuerMetadataValidation,
      requestInit: { headers: this.#options.headers },
      fetch: guarded,
      eventSourceInit: { fetch: guardFetch(this.#options.fetch, streamCtx) },
    });
    this.#endpoint = sseEndpoint(this.#inner, guarded);
    this.#requests = new DirectRequests(this.#options.fetch, this.#options.timeout);
    this.#headers = new PostHeaders(this.#options.headers, undefined);
    this.#inner.onmessage = (message) => this.onmessage?.(message);
    this.#inner.onerror = (error) => this.#innerError(error);
    this.#inner.onclose = () => this.#innerClosed();
  }

  /** The server URL, without credentials or query string. */
  get url(): string {
    return displayUrl(this.#url);
  }

  /**
   * Opens the event stream and waits for the server's endpoint announcement.
   *
   * @throws {ConnectionError} when the server cannot be reached
   * @throws {AuthError} on 401/403
   * @throws {HttpError} on other error statuses
   */
  async start(): Promise<void> {
    await preparedAuth(this.#options.authProvider, this.#url);
    this.#releaseStreams ??= unrefEventStreams(this.#url);
    try {
      await this.#inner.start();
    } catch (err) {
      if (needsAuthorization(err) && (await this.#authorize())) {
        return await this.#restart();
      }
      this.#dropStream();
      throw this.#map(err);
    }
    this.#started = true;
    this.#authorizations = 0;
  }

  async #restart(): Promise<void> {
    this.#dropStream();
    return await this.start();
  }

  #dropStream(): void {
    // The SDK transport refuses a second start() and its EventSource retries on its own after a
    // failed start; close that stream and forget it so start() can open a new one.
    const inner = this.#inner as unknown as { _eventSource?: { close(): void } };
    inner._eventSource?.close();
    inner._eventSource = undefined;
  }

  /**
   * Posts one message to the server's endpoint.
   *
   * @throws {McpwireError} `AuthError`, `HttpError`, `ConnectionError` or `TimeoutError`
   */
  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.#closed) throw new ConnectionError(`the SSE session with ${this.url} is closed`);
    const signal = options?.requestSignal;
    try {
      await this.#post(message, signal);
    } catch (err) {
      if (signal?.aborted) return; // given up: whoever gave up has settled the request
      if (typeof err === "object" && err !== null) this.#thrown.add(err);
      if (needsAuthorization(err) && (await this.#authorize())) {
        return await this.send(message, options);
      }
      throw this.#map(err);
    }
  }

  /** Closes the event stream. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#releaseStreams?.();
    await this.#inner.close();
    this.#requests.abortAll();
  }

  /** Records the negotiated protocol version, sent as `MCP-Protocol-Version`. */
  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
    this.#inner.setProtocolVersion(version);
  }

  /**
   * POSTs through the direct request path (one abort signal per request, headers built once),
   * handing anything but a 2xx answer to the SDK transport for its auth and error handling.
   */
  async #post(message: JSONRPCMessage, signal: AbortSignal | undefined): Promise<void> {
    const endpoint = this.#endpoint?.();
    if (!endpoint) return await this.#inner.send(message);
    let token: string | undefined;
    try {
      token = await currentToken(this.#options.authProvider);
    } catch {
      return await this.#inner.send(message); // the SDK reports it its way
    }
    const headers = this.#headers.get({ token, protocolVersion: this.#protocolVersion });
    const body = JSON.stringify(message);
    const { response, done } = await this.#requests.post(endpoint, headers, body, signal);
    try {
      if (response.ok) return void await response.text().catch(() => {});
      const drop = primeResponse(this.#ctx, body, response);
      try {
        await this.#inner.send(message);
      } finally {
        drop();
      }
    } finally {
      done();
    }
  }

  async #authorize(): Promise<boolean> {
    const provider = this.#options.authProvider;
    const pending = isInteractive(provider) ? provider.takeAuthorizationResponse() : undefined;
    if (!pending || ++this.#authorizations > MAX_AUTHORIZATIONS) return false;
    await this.#inner.finishAuth(await pending);
    return true;
  }

  #map(err: unknown): McpwireError {
    return toTransportError(err, this.#url, this.#options.secrets(), this.#ctx.lastChallenge);
  }

  #innerError(error: Error): void {
    if (this.#closed) return;
    // An error the SDK reports and then throws reaches the caller through send(); report the rest.
    setTimeout(() => {
      if (this.#thrown.has(error) || this.#closed) return;
      if (this.#started && error instanceof SseError) {
        this.onerror?.(
          new ConnectionError(`lost the SSE stream from ${this.url}`, { cause: this.#map(error) }),
        );
        void this.close();
        return;
      }
      if (this.#started) this.onerror?.(this.#map(error));
    }, 0);
  }

  #innerClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#releaseStreams?.();
    this.onclose?.();
  }
}

/** Parses and checks a server URL. */
export function httpUrl(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`not a valid URL: ${String(url).slice(0, 100)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`expected an http(s) URL, got ${parsed.protocol}//…`);
  }
  return parsed;
}
