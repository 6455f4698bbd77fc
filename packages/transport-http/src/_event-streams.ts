// The event streams of a Streamable HTTP session: SSE answers to POSTs, the standalone GET stream
// for server-initiated messages, and the GETs with `Last-Event-ID` that resume an interrupted
// stream after the server's `retry:` delay (or a growing back-off), a bounded number of times.
import type {
  JSONRPCMessage,
  StreamableHTTPReconnectionOptions,
} from "@modelcontextprotocol/client";
import { ConnectionError } from "@mcpwire/core";
import { type AuthRound, newRound } from "./_auth.ts";
import type { HttpRequests } from "./_fetch.ts";
import { displayUrl } from "./_http.ts";
import { toJsonRpcMessage } from "./_jsonrpc-message.ts";
import { invalidExchange, statusError, toTransportError } from "./_map-error.ts";
import { readEventStream, type SseEvent } from "./_sse-parser.ts";

/** What a stream is read for, as the SDK's `TransportSendOptions` say it. */
export interface StreamOptions {
  resumptionToken?: string;
  onresumptiontoken?: (token: string) => void;
  requestSignal?: AbortSignal;
  onRequestStreamEnd?: () => void;
  /** The id of the request whose answer a resumed stream carries (set on that answer). */
  replayMessageId?: string | number;
}

/** The transport the streams belong to. */
export interface StreamOwner {
  readonly url: URL;
  readonly requests: HttpRequests;
  closed(): boolean;
  deliver(message: JSONRPCMessage): void;
  report(error: Error): void;
  /** Headers of a GET for the session's current state. */
  headers(): Promise<Record<string, string>>;
  /** Handles a 401/403 to a GET; resolves to retry, throws to fail. */
  recoverAuth(response: Response, round: AuthRound): Promise<void>;
  secrets(): string[];
}

/** Reads and resumes the event streams of one transport. */
export class EventStreams {
  readonly #owner: StreamOwner;
  readonly #reconnection: StreamableHTTPReconnectionOptions;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #serverRetryMs: number | undefined;

  constructor(owner: StreamOwner, reconnection: StreamableHTTPReconnectionOptions) {
    this.#owner = owner;
    this.#reconnection = reconnection;
  }

  /**
   * Opens a GET event stream (standalone, or resuming with `Last-Event-ID`) and reads it in the
   * background. A 405 means the server offers none.
   *
   * @throws `AuthError`, `HttpError` for an error status; `ConnectionError`, `TimeoutError`
   */
  async open(options: StreamOptions, round: AuthRound = newRound()): Promise<void> {
    const owner = this.#owner;
    const headers = { ...(await owner.headers()) };
    if (options.resumptionToken) headers["last-event-id"] = options.resumptionToken;
    const { response, done } = await owner.requests.send(owner.url, {
      method: "GET",
      headers,
      signal: options.requestSignal,
    });
    if (response.status === 401 || response.status === 403) {
      done();
      await owner.recoverAuth(response, round);
      return await this.open(options, round);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => "");
      done();
      if (response.status === 405) return options.onRequestStreamEnd?.();
      throw statusError(owner.url, response.status, text, owner.secrets());
    }
    if (!response.body) {
      done();
      return options.onRequestStreamEnd?.();
    }
    void this.read(response.body, options, true, done);
  }

  /**
   * Reads one event stream to its end, handing each message on. A stream that ends or breaks
   * before the answer is resumed when it can be (a GET stream, or one whose events had ids);
   * otherwise `onRequestStreamEnd` says it ended.
   */
  async read(
    body: ReadableStream<Uint8Array>,
    options: StreamOptions,
    reconnectable: boolean,
    done: () => void,
  ): Promise<void> {
    const owner = this.#owner;
    const { onresumptiontoken, requestSignal, onRequestStreamEnd, replayMessageId } = options;
    const intentional = () => owner.closed() || requestSignal?.aborted === true;
    let lastEventId: string | undefined;
    let received = false;
    const fields = {
      id: (id: string) => {
        if (!id) return;
        lastEventId = id;
        onresumptiontoken?.(id);
      },
      retry: (ms: number) => this.#serverRetryMs = ms,
    };
    const resumable = () =>
      (reconnectable || lastEventId !== undefined) && !received && !intentional();
    const resume = () =>
      this.#schedule({ ...options, resumptionToken: lastEventId ?? options.resumptionToken }, 0);
    try {
      await readEventStream(body, async (event) => {
        if (await this.#dispatch(event, replayMessageId)) received = true;
      }, fields);
      if (resumable()) resume();
      else if (!intentional()) onRequestStreamEnd?.();
    } catch (error) {
      if (intentional()) return;
      owner.report(
        new ConnectionError(`the event stream from ${displayUrl(owner.url)} was interrupted`, {
          cause: toTransportError(error, owner.url, owner.secrets()),
        }),
      );
      if (resumable()) resume();
      else onRequestStreamEnd?.();
    } finally {
      done();
    }
  }

  /** Stops every resumption still waiting for its delay. */
  cancel(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Hands one event's message on; true when it is a response (the answer arrived). */
  async #dispatch(event: SseEvent, replayId: string | number | undefined): Promise<boolean> {
    if (!event.data || event.type !== "message") return false;
    let message: JSONRPCMessage;
    try {
      message = await toJsonRpcMessage(JSON.parse(event.data));
    } catch (error) {
      this.#owner.report(invalidExchange(this.#owner.url, error, this.#owner.secrets()));
      return false;
    }
    const response = !("method" in message);
    if (response && replayId !== undefined) (message as { id?: unknown }).id = replayId;
    this.#owner.deliver(message);
    return response;
  }

  #schedule(options: StreamOptions, attempt: number): void {
    const owner = this.#owner;
    const { maxRetries } = this.#reconnection;
    if (attempt >= maxRetries) {
      owner.report(
        new ConnectionError(
          `the event stream from ${displayUrl(owner.url)} could not be resumed ` +
            `(${maxRetries} attempts)`,
        ),
      );
      return options.onRequestStreamEnd?.();
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (owner.closed() || options.requestSignal?.aborted) return;
      this.open(options).catch((error: unknown) => {
        if (owner.closed() || options.requestSignal?.aborted) return;
        owner.report(toTransportError(error, owner.url, owner.secrets()));
        this.#schedule(options, attempt + 1);
      });
    }, this.#delay(attempt));
    this.#timers.add(timer);
  }

  #delay(attempt: number): number {
    if (this.#serverRetryMs !== undefined) return this.#serverRetryMs;
    const { initialReconnectionDelay, reconnectionDelayGrowFactor, maxReconnectionDelay } =
      this.#reconnection;
    return Math.min(
      initialReconnectionDelay * reconnectionDelayGrowFactor ** attempt,
      maxReconnectionDelay,
    );
  }
}
