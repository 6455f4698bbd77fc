/**
 * The request engine: core's one JSON-RPC layer over a transport. Every legacy-era request the
 * client sends goes through {@linkcode RequestEngine.request} (ids, the pending table, timeouts,
 * cancellation, progress, result checks), and every message the transport delivers goes through
 * {@linkcode RequestEngine.handle} first: responses to its requests, progress for them,
 * cancellations of requests the server sent, and (when the session serves them) the server's
 * own requests. See the core README, "How requests travel".
 */
import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import { LocalError, RpcError } from "./_rpc-errors.ts";
import { reportHandlerError } from "./_notifications.ts";
import type { ProgressHandler, RequestContext, ServerNotification } from "./types.ts";
import { serveRequest, type ServerRequestHandler } from "./_serve.ts";
import { holdWith, RELEASE_BY_CLEAR } from "./_timer-ref.ts";

/** The prefix of the engine's request ids and progress tokens (the SDK's ids are numbers). */
export const ENGINE_ID_PREFIX = "mcpwire-";
/** The timeout of a request that names none (the SDK's default). */
export const DEFAULT_TIMEOUT_MS = 60_000;
const PROGRESS = "notifications/progress";

/**
 * Requests sent by every engine in this process, per method. The guard tests read it to prove
 * that the hot paths (initialize, tools/list, tools/call) go through the engine.
 */
export const ENGINE_REQUESTS: Map<string, number> = new Map();
const CANCELLED = "notifications/cancelled";

/** How one request waits, gives up and reports progress. */
export interface EngineRequestOptions {
  /** Milliseconds; {@linkcode DEFAULT_TIMEOUT_MS} when undefined. */
  timeout?: number | undefined;
  /** Aborting cancels the request on the server. */
  signal?: AbortSignal | undefined;
  /** Receives the request's progress; its calls settle before the request resolves. */
  onProgress?: ProgressHandler | undefined;
  /** A progress notification restarts the timeout. */
  resetTimeoutOnProgress?: boolean | undefined;
  /** With `resetTimeoutOnProgress`: the most the request may take in all, in milliseconds. */
  maxTotalTimeout?: number | undefined;
}

/** Where the engine sends and what it reports. */
export interface EngineHooks {
  /** Sends one message on the transport. */
  send(message: JSONRPCMessage): Promise<void>;
  /** Every notification, in arrival order (progress included), before its progress handler. */
  notification(notification: ServerNotification): void;
  /** The server's requests this session answers itself; `undefined` leaves them to the SDK. */
  serve?: ((method: string) => ServerRequestHandler | undefined) | undefined;
}

/**
 * One request waiting for its answer. A class rather than a set of closures: a call allocates
 * one object, and its abort listener points back at it (`handleEvent`). Its deadline is watched
 * by the engine's one timer (`RequestEngine.#sweep`), not a timer of its own.
 */
class Outgoing {
  readonly id: string;
  readonly options: EngineRequestOptions;
  readonly started: number;
  readonly timeout: number;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly engine: RequestEngine;
  /** When it times out (ms since the epoch). */
  deadline = 0;
  /** Whether that deadline is `maxTotalTimeout`'s rather than `timeout` from the last arming. */
  byMax = false;

  constructor(
    id: string,
    options: EngineRequestOptions,
    resolve: (result: unknown) => void,
    reject: (error: unknown) => void,
    engine: RequestEngine,
  ) {
    this.id = id;
    this.options = options;
    this.started = Date.now();
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.resolve = resolve;
    this.reject = reject;
    this.engine = engine;
  }

  /** Sets the next deadline: `timeout` from now, never past `maxTotalTimeout` from the start. */
  arm(now: number): void {
    const max = this.options.maxTotalTimeout;
    const left = max === undefined ? this.timeout : max - (now - this.started);
    this.byMax = left <= this.timeout;
    this.deadline = now + Math.max(0, Math.min(this.timeout, left));
    this.engine.watch(this.deadline);
  }

  /** Gives up on the request when its signal aborts. */
  handleEvent(): void {
    this.engine.giveUp(this, this.options.signal?.reason);
  }

  /** Stops waiting on the abort signal. */
  stop(): void {
    const signal = this.options.signal;
    if (signal) WAITING.get(signal)?.delete(this);
  }
}

/**
 * The requests waiting on each abort signal. A signal gets one listener, on its first request, that
 * gives up every request still waiting on it: a signal reused across requests (the REST binding has
 * one per connection) then costs a set entry per request instead of an EventTarget listener added
 * and removed per request (on Node, ~7 µs of CPU per REST call under load).
 */
const WAITING = new WeakMap<AbortSignal, Set<Outgoing>>();

function waitOn(signal: AbortSignal, request: Outgoing): void {
  let waiting = WAITING.get(signal);
  if (!waiting) {
    const set = waiting = new Set();
    WAITING.set(signal, set);
    signal.addEventListener("abort", () => {
      for (const r of [...set]) r.handleEvent();
    }, { once: true });
  }
  waiting.add(request);
}

// Named after the deadline that was hit, not the clock: the sweep counts a deadline within 1 ms
// as due, when the elapsed time can still read 1 ms short of `maxTotalTimeout`.
function expire(request: Outgoing, now: number): void {
  const max = request.options.maxTotalTimeout;
  const elapsed = now - request.started;
  const error = !request.byMax || max === undefined
    ? new LocalError("REQUEST_TIMEOUT", "Request timed out", { timeout: request.timeout })
    : new LocalError("REQUEST_TIMEOUT", "Maximum total timeout exceeded", {
      maxTotalTimeout: max,
      totalElapsed: elapsed,
    });
  request.engine.giveUp(request, error);
}

interface ProgressSlot {
  handler: ProgressHandler;
  pending: Promise<unknown>[];
  request?: string | undefined;
}

/** The request engine of one session. */
export class RequestEngine {
  readonly #hooks: EngineHooks;
  readonly #pending = new Map<string, Outgoing>();
  readonly #progress = new Map<string, ProgressSlot>();
  readonly #serving = new Map<string | number, AbortController>();
  #next = 0;
  /**
   * One timer for every pending request's deadline, set for the earliest; it holds the process
   * only while requests are pending. Sequential calls with the same timeout then cost no timer
   * list work on Node (a timer per request created and dropped the 60 s list each call).
   */
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  #holding = false;
  /**
   * The last promise `send` returned that is known to have fulfilled. A transport that returns
   * one settled promise for every accepted message (transport-stdio does) then costs no `then`
   * (a promise and a microtask) per request: a fulfilled promise can never reject.
   */
  #sentOk: Promise<void> | undefined;
  readonly #markSent = (sent: Promise<void>) => () => void (this.#sentOk = sent);

  constructor(hooks: EngineHooks) {
    this.#hooks = hooks;
  }

  /** Requests waiting for an answer, progress slots and server requests being served. */
  get size(): number {
    return this.#pending.size + this.#progress.size + this.#serving.size;
  }

  /**
   * Sends a request and resolves with its raw `result`, after its progress handler's calls.
   *
   * @throws {RpcError} when the server answers with a JSON-RPC error
   * @throws {LocalError} `REQUEST_TIMEOUT` after a timeout or an abort (the request is cancelled
   *   on the server), `CONNECTION_CLOSED` when the connection closes first
   */
  request(
    method: string,
    params: Record<string, unknown> | undefined,
    options: EngineRequestOptions = {},
  ): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(asTimeout(signal.reason));
    const id = `${ENGINE_ID_PREFIX}${++this.#next}`;
    ENGINE_REQUESTS.set(method, (ENGINE_REQUESTS.get(method) ?? 0) + 1);
    if (options.onProgress) {
      this.#progress.set(id, { handler: options.onProgress, pending: [], request: id });
      const meta = { ...(params?._meta as object | undefined), progressToken: id };
      params = { ...params, _meta: meta };
    }
    const message = params
      ? { jsonrpc: "2.0" as const, id, method, params }
      : { jsonrpc: "2.0" as const, id, method };
    return new Promise((resolve, reject) => {
      const request = new Outgoing(id, options, resolve, reject, this);
      this.#pending.set(id, request);
      if (!this.#holding) this.#hold(true);
      request.arm(request.started);
      if (options.signal) waitOn(options.signal, request);
      try {
        const sent = this.#hooks.send(message);
        if (sent !== this.#sentOk) {
          sent.then(this.#markSent(sent), (error) => this.#fail(id, error));
        }
      } catch (error) {
        this.#fail(id, error);
      }
    });
  }

  /** Makes sure the timer fires by `deadline`. */
  watch(deadline: number): void {
    if (deadline >= this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = deadline;
    this.#timer = setTimeout(this.#sweep, Math.max(0, deadline - Date.now()));
    if (!this.#holding) holdWith(this.#timer, false);
  }

  // The timer fired: expire what is due, then wait for the next deadline.
  readonly #sweep = (): void => {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const request of [...this.#pending.values()]) {
      // a timer may fire a little early by the wall clock: within 1 ms counts as due
      if (request.deadline <= now + 1) expire(request, now);
      else if (request.deadline < next) next = request.deadline;
    }
    if (next !== Infinity && this.#pending.size > 0) this.watch(next);
  };

  // The timer holds the process while a request is pending, and only then (see _timer-ref.ts).
  #hold(hold: boolean): void {
    this.#holding = hold;
    if (this.#timer === undefined) return;
    if (hold || !RELEASE_BY_CLEAR) return holdWith(this.#timer, hold);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #forget(request: Outgoing): void {
    this.#pending.delete(request.id);
    request.stop();
    if (this.#pending.size === 0 && this.#holding) this.#hold(false);
  }

  /** A timeout or an abort: forget the request, tell the server, reject with a timeout. */
  giveUp(request: Outgoing, reason: unknown): void {
    if (this.#pending.get(request.id) !== request) return;
    this.#forget(request);
    this.#progress.delete(request.id);
    const params = { requestId: request.id, reason: String(reason) };
    this.#hooks.send({ jsonrpc: "2.0", method: CANCELLED, params }).catch(() => {});
    request.reject(asTimeout(reason));
  }

  #fail(id: string, error: unknown): void {
    const request = this.#pending.get(id);
    if (!request) return;
    this.#forget(request);
    this.#settle(request, false, error);
  }

  /** Sends a notification. */
  notify(method: string, params?: Record<string, unknown>): Promise<void> {
    return this.#hooks.send({ jsonrpc: "2.0", method, ...(params && { params }) });
  }

  /**
   * Registers a progress handler outside a request (a task's, which outlives its `tools/call`).
   *
   * @returns the token to send in `_meta.progressToken`
   */
  trackProgress(handler: ProgressHandler): string {
    const token = `${ENGINE_ID_PREFIX}progress-${++this.#next}`;
    this.#progress.set(token, { handler, pending: [] });
    return token;
  }

  /** Unregisters a token once every handler call it made has settled. */
  async untrackProgress(token: string): Promise<void> {
    const slot = this.#progress.get(token);
    this.#progress.delete(token);
    if (slot?.pending.length) await Promise.allSettled(slot.pending);
  }

  /**
   * Takes one incoming message.
   *
   * @returns `true` when the engine consumed it; `false` hands it on (to the SDK, when one is
   *   connected for the 2026-07-28 era)
   */
  handle(message: JSONRPCMessage): boolean {
    if (!("method" in message)) return this.#response(message);
    if ("id" in message) return this.#request(message.id, message.method, message.params);
    return this.#notification(message as ServerNotification);
  }

  /** Rejects every pending request and aborts every request being served. */
  closeAll(): void {
    const error = new LocalError("CONNECTION_CLOSED", "Connection closed");
    for (const id of [...this.#pending.keys()]) this.#fail(id, error);
    for (const controller of this.#serving.values()) controller.abort(error);
    this.#serving.clear();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  // Settles a request once its progress handler's promises have (progress comes first).
  #settle(request: Outgoing, ok: boolean, value: unknown): void {
    const slot = request.options.onProgress ? this.#progress.get(request.id) : undefined;
    if (slot) this.#progress.delete(request.id);
    const settle = ok ? request.resolve : request.reject;
    if (!slot?.pending.length) return settle(value);
    Promise.allSettled(slot.pending).then(() => settle(value));
  }

  #response(message: JSONRPCMessage): boolean {
    const id = (message as { id?: unknown }).id;
    if (typeof id !== "string" || !id.startsWith(ENGINE_ID_PREFIX)) return false;
    const request = this.#pending.get(id);
    if (!request) return true; // late: timed out or cancelled
    if ("result" in message) {
      this.#forget(request);
      this.#settle(request, true, message.result);
      return true;
    }
    const error = (message as { error?: { code?: unknown; message?: unknown; data?: unknown } })
      .error;
    this.#fail(id, new RpcError(Number(error?.code), String(error?.message), error?.data));
    return true;
  }

  #notification(n: ServerNotification): boolean {
    if (n.method === CANCELLED) {
      const served = this.#serving.get(n.params?.requestId as string | number);
      served?.abort(n.params?.reason);
    }
    const token = n.method === PROGRESS ? n.params?.progressToken : undefined;
    const slot = typeof token === "string" ? this.#progress.get(token) : undefined;
    this.#hooks.notification(n);
    if (!slot) return false;
    const request = slot.request ? this.#pending.get(slot.request) : undefined;
    if (request?.options.resetTimeoutOnProgress) request.arm(Date.now());
    const params = n.params ?? {};
    const total = typeof params.total === "number" ? params.total : undefined;
    const message = typeof params.message === "string" ? params.message : undefined;
    try {
      const out = slot.handler(Number(params.progress), total, message);
      if (out instanceof Promise) slot.pending.push(out.catch(reportHandlerError));
    } catch (error) {
      reportHandlerError(error);
    }
    return true;
  }

  #request(id: string | number, method: string, params: unknown): boolean {
    const serve = this.#hooks.serve;
    if (!serve) return false;
    const controller = new AbortController();
    this.#serving.set(id, controller);
    const context: RequestContext = { requestId: id, signal: controller.signal };
    serveRequest(serve(method), method, params, context).then((answer) => {
      if (this.#serving.get(id) !== controller) return;
      this.#serving.delete(id);
      if (controller.signal.aborted) return; // cancelled by the server: no answer
      this.#hooks.send({ jsonrpc: "2.0", id, ...answer } as JSONRPCMessage).catch(() => {});
    });
    return true;
  }
}

function asTimeout(reason: unknown): LocalError {
  return reason instanceof LocalError ? reason : new LocalError("REQUEST_TIMEOUT", String(reason));
}
