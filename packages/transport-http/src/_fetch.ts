// The one request path of both transports: every HTTP request they make goes through
// `HttpRequests.send`. Each request gets one AbortController of its own, which serves close(),
// the caller's signal and the header timeout at once; a network failure becomes a
// ConnectionError and a missing answer a TimeoutError, both naming the URL.
import { ConnectionError, McpwireError, TimeoutError } from "@mcpwire/core";
import { describeNetworkError, displayUrl, isLostConnection } from "./_http.ts";

/** The shape of fetch the transports accept. */
export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** One HTTP request as the transports make it. */
export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  headers: Record<string, string>;
  body?: string;
  /** The caller's signal: aborting it aborts the request and rethrows its reason unchanged. */
  signal?: AbortSignal;
  /** Apply the header timeout (not for event streams, which stay open). Default true. */
  timeout?: boolean;
}

/** A response, and what to call once its body has been read or given up. */
export interface Sent {
  response: Response;
  /** The URL that answered (after same-origin redirects). */
  url: URL;
  /** Stops tracking the request (its controller and the caller-signal listener). */
  done: () => void;
}

const MAX_REDIRECTS = 5;

/** Sends requests and aborts whatever is still open on `abortAll()`. */
export class HttpRequests {
  /** The fetch requests go through; replaced once when OAuth wraps it (DPoP). */
  fetch: FetchLike;
  readonly #timeout: number | undefined;
  readonly #open = new Set<AbortController>();

  constructor(fetch: FetchLike, timeout: number | undefined) {
    this.fetch = fetch;
    this.#timeout = timeout && timeout > 0 ? timeout : undefined;
  }

  /** How many requests are waiting for their response or reading their body. */
  get open(): number {
    return this.#open.size;
  }

  /**
   * Sends one request. A redirect is followed when it keeps the method (GET, or 307/308), the
   * origin and the credentials; any other comes back as it is.
   *
   * @throws the caller's abort reason unchanged; `TimeoutError` when no headers came in time;
   *   `ConnectionError` for a network failure
   */
  async send(url: URL, request: HttpRequest): Promise<Sent> {
    const controller = new AbortController();
    this.#open.add(controller);
    const signal = request.signal;
    const onAbort = () => controller.abort(signal!.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      this.#open.delete(controller);
      signal?.removeEventListener("abort", onAbort);
    };
    const timeout = request.timeout === false ? undefined : this.#timeout;
    let timedOut = false;
    const timer = timeout === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    let target = url;
    try {
      for (let followed = 0;; followed++) {
        const response = await this.fetch(target, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: controller.signal,
          redirect: "manual",
        });
        const next = redirectTarget(target, response, request.method);
        if (!next || followed === MAX_REDIRECTS) return { response, url: target, done };
        await response.body?.cancel().catch(() => {});
        target = next;
      }
    } catch (err) {
      done();
      if (controller.signal.aborted && !timedOut) throw err;
      const shown = displayUrl(target);
      throw requestFailure(
        err,
        `${request.method} ${shown}`,
        shown,
        timedOut ? timeout : undefined,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Aborts every request still waiting for its response or reading its body. */
  abortAll(): void {
    for (const controller of this.#open) controller.abort();
    this.#open.clear();
  }
}

/** Where a redirect may be followed to, or undefined to hand the response back as it is. */
function redirectTarget(from: URL, response: Response, method: string): URL | undefined {
  const status = response.status;
  if (status < 300 || status > 399 || status === 304) return undefined;
  const location = response.headers.get("location");
  if (!location) return undefined;
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return undefined;
  }
  const keepsMethod = method === "GET" || status === 307 || status === 308;
  const keepsCredentials = (!to.username && !to.password) ||
    (to.username === from.username && to.password === from.password);
  return keepsMethod && keepsCredentials && to.origin === from.origin ? to : undefined;
}

/** Why a redirect answer was not followed, naming where it pointed (without query or credentials). */
export function unfollowedRedirect(url: URL, response: Response): string | undefined {
  if (response.status < 300 || response.status > 399) return undefined;
  const location = response.headers.get("location");
  if (!location) return undefined;
  try {
    return `redirect to ${displayUrl(new URL(location, url))} not followed; ` +
      "use that URL as the endpoint if it is the intended server";
  } catch {
    return undefined;
  }
}

/** The error for a request that failed before any response: timeout or network failure. */
export function requestFailure(
  err: unknown,
  what: string,
  target: string,
  timeout: number | undefined,
): Error {
  if (timeout !== undefined) {
    return new TimeoutError(`${what} got no response within ${timeout} ms`, timeout, {
      cause: err,
    });
  }
  if (err instanceof McpwireError) return err;
  const why = describeNetworkError(err);
  const message = isLostConnection(err)
    ? `the connection to ${target} was lost before the answer (${why})`
    : `cannot reach ${target}: ${why}`;
  return new ConnectionError(message, { cause: err });
}

/** The media type of a response, lower case, without parameters. */
export function mediaType(res: Response): string {
  return (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The header values that change during a session; a request's headers are rebuilt only then. */
export interface HeaderState {
  token: string | undefined;
  sessionId?: string | undefined;
  protocolVersion: string | undefined;
}

/**
 * The headers of a request (user headers, `authorization`, `mcp-session-id`,
 * `mcp-protocol-version`, content type, merged `accept`), kept as one plain object between
 * requests while the state stays the same.
 */
export class RequestHeaders {
  readonly #base: Headers;
  readonly #accept: string | undefined;
  readonly #contentType: boolean;
  #state: HeaderState | undefined;
  #record: Record<string, string> = {};

  /**
   * @param accept the media types the answer may have, merged into any user `accept`
   * @param contentType whether requests carry a JSON body
   */
  constructor(base: Headers, accept: readonly string[] | undefined, contentType = true) {
    this.#base = base;
    this.#accept = accept ? mergeAccept(base.get("accept"), accept) : undefined;
    this.#contentType = contentType;
  }

  /** The headers for the current state; the same object while the state is the same. */
  get(state: HeaderState): Record<string, string> {
    const last = this.#state;
    if (
      last && last.token === state.token && last.sessionId === state.sessionId &&
      last.protocolVersion === state.protocolVersion
    ) {
      return this.#record;
    }
    const record: Record<string, string> = {};
    for (const [name, value] of this.#base) record[name] = value;
    if (state.token) record["authorization"] = `Bearer ${state.token}`;
    if (state.sessionId) record["mcp-session-id"] = state.sessionId;
    if (state.protocolVersion) record["mcp-protocol-version"] = state.protocolVersion;
    if (this.#contentType) record["content-type"] = "application/json";
    if (this.#accept) record["accept"] = this.#accept;
    this.#state = { ...state };
    this.#record = record;
    return record;
  }
}

/** `accept` with `required` added: lower case, without repeats. */
export function mergeAccept(
  accept: string | null | undefined,
  required: readonly string[],
): string {
  const types = [...accept?.split(",").map((s) => s.trim().toLowerCase()) ?? [], ...required];
  return [...new Set(types)].join(", ");
}

// Per-request headers a caller may never override.
const RESERVED = new Set([
  "authorization",
  "dpop",
  "content-type",
  "mcp-protocol-version",
  "mcp-method",
  "mcp-name",
  "mcp-session-id",
]);

/**
 * `headers` with a request's own `extra` headers (the SDK's per-request `headers` option), in
 * lower case; those the transport owns (auth, session, protocol version, content type) are never
 * overridden, and an `accept` keeps the media types MCP needs.
 */
export function withCallerHeaders(
  headers: Record<string, string>,
  extra: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const out = { ...headers };
  for (const [name, value] of Object.entries(extra ?? {})) {
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) continue;
    out[lower] = lower === "accept"
      ? mergeAccept(value, ["application/json", "text/event-stream"])
      : value;
  }
  return out;
}
