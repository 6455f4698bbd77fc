// The request path of StreamableHttpTransport for ordinary messages: it POSTs and reads the
// answer itself (JSON with one text() + JSON.parse, SSE through one reader and SseParser), which
// costs the client far less CPU per call than the SDK transport's stream pipeline; each message in
// it is checked by hand (isJsonRpcMessage) instead of with the SDK's zod schema. Everything that
// is not a plain 2xx answer goes back to the SDK transport with the response already received
// (see primeResponse), so auth, redirects, error statuses and their errors stay the SDK's.
import {
  type JSONRPCMessage,
  PROTOCOL_VERSION_META_KEY,
  type StreamableHTTPClientTransport,
  type TransportSendOptions,
} from "@modelcontextprotocol/client";
import { type GuardContext, mediaType, primeResponse } from "./_guarded-fetch.ts";
import { isJsonRpcShape } from "./_http.ts";
import { currentToken, DirectRequests, mergeAccept, PostHeaders } from "./_direct-request.ts";
import { toJsonRpcMessage } from "./_jsonrpc-message.ts";
import type { ResolvedOptions } from "./_options.ts";
import type { StreamableHooks } from "./_sdk-internals.ts";
import { readEventStream, SseParser } from "./_sse-parser.ts";

const ACCEPT = ["application/json", "text/event-stream"];
// Per-request headers the SDK never lets a caller override.
const RESERVED = new Set([
  "authorization",
  "dpop",
  "content-type",
  "mcp-protocol-version",
  "mcp-method",
  "mcp-name",
  "mcp-session-id",
]);

interface Fields {
  method?: unknown;
  id?: unknown;
  params?: { _meta?: Record<string, unknown> };
}

/** POSTs messages for one SDK transport, sharing its session, version, handlers and reconnection. */
export class DirectPost {
  readonly #url: URL;
  readonly #options: ResolvedOptions;
  readonly #ctx: GuardContext;
  readonly #inner: StreamableHTTPClientTransport;
  readonly #hooks: StreamableHooks;
  readonly #requests: DirectRequests;
  readonly #headers: PostHeaders;

  constructor(
    url: URL,
    options: ResolvedOptions,
    ctx: GuardContext,
    inner: StreamableHTTPClientTransport,
    hooks: StreamableHooks,
  ) {
    this.#url = url;
    this.#options = options;
    this.#ctx = ctx;
    this.#inner = inner;
    this.#hooks = hooks;
    this.#requests = new DirectRequests(options.fetch, options.timeout);
    this.#headers = new PostHeaders(options.headers, ACCEPT);
  }

  /**
   * Whether this path may send `message`. The handshake (which sets the session and starts the
   * GET stream), resumptions, batches and 2026-era envelopes (body-derived headers) go through
   * the SDK.
   */
  accepts(message: JSONRPCMessage, options: TransportSendOptions | undefined): boolean {
    if (Array.isArray(message) || options?.resumptionToken) return false;
    const { method, params } = message as Fields;
    if (method === "initialize" || method === "notifications/initialized") return false;
    if (typeof params?._meta?.[PROTOCOL_VERSION_META_KEY] === "string") return false;
    return this.#hooks.started() && !this.#hooks.closed();
  }

  /**
   * POSTs one message. Like the SDK's `send`, it resolves once the answer is being read (an SSE
   * answer is read on in the background) and delivers messages to the SDK transport's `onmessage`.
   */
  async send(message: JSONRPCMessage, options: TransportSendOptions | undefined): Promise<void> {
    const tokenPromise = currentToken(this.#options.authProvider);
    let token: string | undefined;
    try {
      token = tokenPromise && await tokenPromise;
    } catch {
      return await this.#inner.send(message, options); // the SDK reports it its way
    }
    let headers = this.#headers.get({
      token,
      sessionId: this.#inner.sessionId,
      protocolVersion: this.#inner.protocolVersion,
    });
    if (options?.headers) headers = withExtra(headers, options.headers);
    const body = JSON.stringify(message);
    const { response, done } = await this.#requests.post(
      this.#url,
      headers,
      body,
      options?.requestSignal,
    );
    if (!response.ok) {
      return await this.#handBack(message, options, body, response, done);
    }
    const fields = message as Fields;
    const isRequest = typeof fields.method === "string" && fields.id !== undefined;
    if (response.status === 202 || !isRequest) {
      await response.text().catch(() => {});
      return done();
    }
    const type = mediaType(response);
    if (type === "text/event-stream") {
      if (response.body) return void this.#readStream(response.body, options, done);
      done();
      return options?.onRequestStreamEnd?.();
    }
    if (type !== "application/json") {
      return await this.#handBack(message, options, body, response, done);
    }
    await this.#readJson(message, options, body, response, done);
  }

  /** Aborts every request and response stream this path has open. */
  abortAll(): void {
    this.#requests.abortAll();
  }

  async #readJson(
    message: JSONRPCMessage,
    options: TransportSendOptions | undefined,
    body: string,
    response: Response,
    done: () => void,
  ): Promise<void> {
    let text: string;
    try {
      text = await response.text();
    } finally {
      done();
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (data === undefined || !isJsonRpcShape(data)) {
      // The guard turns it into the HttpError it gives every malformed answer.
      const copy = new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return await this.#handBack(message, options, body, copy, () => {});
    }
    // Every message is checked before any is delivered; one the check refuses goes to the SDK's
    // parse, whose error fails the request (mapped by the transport), as it did before.
    const messages = Array.isArray(data) ? data.map(toJsonRpcMessage) : [toJsonRpcMessage(data)];
    for (const m of messages) this.#inner.onmessage?.(m);
  }

  /** Lets the SDK transport handle `response` as if it had received it itself. */
  async #handBack(
    message: JSONRPCMessage,
    options: TransportSendOptions | undefined,
    body: string,
    response: Response,
    done: () => void,
  ): Promise<void> {
    const drop = primeResponse(this.#ctx, body, response);
    try {
      return await this.#inner.send(message, options);
    } finally {
      drop();
      done();
    }
  }

  /** Reads an SSE answer as the SDK does, resuming it through the SDK when the server allows. */
  async #readStream(
    stream: ReadableStream<Uint8Array>,
    options: TransportSendOptions | undefined,
    done: () => void,
  ): Promise<void> {
    const { onresumptiontoken, requestSignal, onRequestStreamEnd } = options ?? {};
    const inner = this.#inner;
    const hooks = this.#hooks;
    const intentional = () => hooks.closed() || requestSignal?.aborted === true;
    let lastEventId: string | undefined;
    let received = false;
    const parser = new SseParser({
      id: (id) => {
        if (!id) return;
        lastEventId = id;
        onresumptiontoken?.(id);
      },
      retry: (ms) => hooks.setServerRetry(ms),
      event: ({ type, data }) => {
        if (!data || type !== "message") return;
        try {
          const message = toJsonRpcMessage(JSON.parse(data));
          if (!("method" in message)) received = true;
          inner.onmessage?.(message);
        } catch (error) {
          inner.onerror?.(error as Error);
        }
      },
    });
    const resumable = () =>
      lastEventId !== undefined && !received && hooks.started() && !intentional();
    const resume = () =>
      hooks.resume({
        resumptionToken: lastEventId,
        onresumptiontoken,
        requestSignal,
        onRequestStreamEnd,
      });
    try {
      await readEventStream(stream, parser);
      if (resumable()) resume();
      else if (!intentional()) onRequestStreamEnd?.();
    } catch (error) {
      if (intentional()) return;
      inner.onerror?.(new Error(`SSE stream disconnected: ${error}`));
      if (!resumable()) return onRequestStreamEnd?.();
      try {
        resume();
      } catch (failure) {
        const why = failure instanceof Error ? failure.message : String(failure);
        inner.onerror?.(new Error(`Failed to reconnect: ${why}`));
        onRequestStreamEnd?.();
      }
    } finally {
      done();
    }
  }
}

function withExtra(
  headers: Record<string, string>,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  const out = { ...headers };
  for (const [name, value] of Object.entries(extra)) {
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) continue;
    out[lower] = lower === "accept" ? mergeAccept(value, ACCEPT) : value;
  }
  return out;
}
