import type { JSONRPCMessage, Transport, TransportSendOptions } from "@modelcontextprotocol/client";
import { ConnectionError } from "@mcpwire/core";
import { type AuthRound, type AuthSession, newRound } from "./_auth.ts";
import { connectionParts } from "./_connection-parts.ts";
import { HttpRequests, mediaType, type RequestHeaders } from "./_fetch.ts";
import { displayUrl } from "./_http.ts";
import { unrefEventStreams } from "./_idle-streams.ts";
import { toJsonRpcMessage } from "./_jsonrpc-message.ts";
import { invalidExchange, malformedAnswer, statusError, toTransportError } from "./_map-error.ts";
import type { HttpTransportOptions, ResolvedOptions } from "./_options.ts";
import { readEventStream, type SseEvent } from "./_sse-parser.ts";

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
  readonly #auth: AuthSession;
  readonly #requests: HttpRequests;
  readonly #streamRequests: HttpRequests;
  readonly #postHeaders: RequestHeaders;
  readonly #getHeaders: RequestHeaders;
  #endpoint: URL | undefined;
  #protocolVersion: string | undefined;
  #started = false;
  #closed = false;
  #releaseStreams: (() => void) | undefined;

  /**
   * @param url the server's SSE endpoint, usually ending in `/sse`
   * @param options headers, auth, fetch, timeout
   * @throws {TypeError} for a URL that is not http(s) or invalid options
   */
  constructor(url: string | URL, options: HttpTransportOptions = {}) {
    const parts = connectionParts(url, options, undefined);
    this.#url = parts.url;
    this.#options = parts.options;
    this.#requests = parts.requests;
    // The event stream must stay open past the response timeout, so it gets no timeout.
    this.#streamRequests = new HttpRequests(parts.options.fetch, undefined);
    this.#auth = parts.auth;
    this.#postHeaders = parts.postHeaders;
    this.#getHeaders = parts.getHeaders;
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
    if (this.#started) throw new Error(`the transport to ${this.url} was already started`);
    this.#started = true;
    await this.#auth.prepare(this.#requests);
    this.#streamRequests.fetch = this.#requests.fetch;
    this.#releaseStreams ??= unrefEventStreams(this.#url);
    try {
      await this.#openStream(newRound());
    } catch (err) {
      this.#streamRequests.abortAll();
      throw toTransportError(err, this.#url, this.#options.secrets());
    }
  }

  /**
   * Posts one message to the server's endpoint.
   *
   * @throws {McpwireError} `AuthError`, `HttpError`, `ConnectionError` or `TimeoutError`
   */
  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.#closed) throw new ConnectionError(`the SSE session with ${this.url} is closed`);
    const endpoint = this.#endpoint;
    if (!endpoint) throw new ConnectionError(`the SSE session with ${this.url} is not started`);
    const signal = options?.requestSignal;
    const body = JSON.stringify(message);
    const round = newRound();
    try {
      while (true) {
        const headers = this.#postHeaders.get({
          token: await this.#auth.token(),
          protocolVersion: this.#protocolVersion,
        });
        const { response, done } = await this.#requests.send(endpoint, {
          method: "POST",
          headers,
          body,
          signal,
        });
        if (response.status === 401 || response.status === 403) {
          done();
          await this.#auth.recover(response, round);
          continue;
        }
        const text = await response.text().catch(() => "");
        done();
        if (!response.ok) {
          throw statusError(this.#url, response.status, text, this.#options.secrets());
        }
        return;
      }
    } catch (err) {
      if (signal?.aborted) return; // given up: whoever gave up has settled the request
      throw toTransportError(err, this.#url, this.#options.secrets());
    }
  }

  /** Closes the event stream. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#releaseStreams?.();
    this.#streamRequests.abortAll();
    this.#requests.abortAll();
    this.onclose?.();
    return Promise.resolve();
  }

  /** Records the negotiated protocol version, sent as `MCP-Protocol-Version`. */
  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
  }

  /** Opens the GET event stream and resolves once the server announced its POST endpoint. */
  async #openStream(round: AuthRound): Promise<void> {
    const headers = this.#getHeaders.get({
      token: await this.#auth.token(),
      protocolVersion: this.#protocolVersion,
    });
    const { response, done } = await this.#streamRequests.send(this.#url, {
      method: "GET",
      headers,
    });
    if (response.status === 401 || response.status === 403) {
      done();
      await this.#auth.recover(response, round);
      return await this.#openStream(round);
    }
    const secrets = this.#options.secrets();
    if (!response.ok || mediaType(response) !== "text/event-stream" || !response.body) {
      const text = await response.text().catch(() => "");
      done();
      if (!response.ok) throw statusError(this.#url, response.status, text, secrets);
      const type = mediaType(response) || "(none)";
      throw malformedAnswer(
        this.#url,
        response.status,
        `${response.status} with content type '${type}', expected text/event-stream`,
        text,
        secrets,
      );
    }
    let announced!: () => void;
    let failed!: (error: Error) => void;
    const endpoint = new Promise<void>((resolve, reject) => {
      announced = resolve;
      failed = reject;
    });
    void this.#read(response.body, announced, failed, done);
    await endpoint;
  }

  async #read(
    body: ReadableStream<Uint8Array>,
    announced: () => void,
    failed: (error: Error) => void,
    done: () => void,
  ): Promise<void> {
    let cause: unknown;
    try {
      await readEventStream(body, (event) => this.#dispatch(event, announced, failed));
    } catch (err) {
      cause = err;
    } finally {
      done();
    }
    if (this.#closed) return;
    const lost = new ConnectionError(
      `lost the SSE stream from ${this.url}`,
      cause === undefined
        ? undefined
        : { cause: toTransportError(cause, this.#url, this.#options.secrets()) },
    );
    if (!this.#endpoint) return failed(lost);
    this.onerror?.(lost);
    await this.close();
  }

  async #dispatch(event: SseEvent, announced: () => void, failed: (e: Error) => void) {
    if (event.type === "endpoint") {
      let endpoint: URL | undefined;
      try {
        endpoint = new URL(event.data, this.#url);
      } catch {
        endpoint = undefined;
      }
      if (!endpoint || endpoint.origin !== this.#url.origin) {
        const error = new ConnectionError(
          `${this.url} announced an endpoint on another origin or an invalid one`,
        );
        return this.#endpoint ? this.onerror?.(error) : failed(error);
      }
      this.#endpoint = endpoint;
      return announced();
    }
    if (event.type !== "message" || !event.data) return;
    let message: JSONRPCMessage;
    try {
      message = await toJsonRpcMessage(JSON.parse(event.data));
    } catch (error) {
      return this.onerror?.(invalidExchange(this.#url, error, this.#options.secrets()));
    }
    if (!this.#closed) this.onmessage?.(message);
  }
}
