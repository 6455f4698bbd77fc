// Wraps the fetch every SDK transport request goes through: a response timeout, network failures
// as ConnectionError, and (for Streamable HTTP) malformed answers as HttpError with their status.
// A response the direct request path already received can be handed to the SDK through it
// (`primeResponse`), so the SDK runs its auth, redirect and error handling on that very response.
import { ConnectionError, McpwireError, TimeoutError } from "@mcpwire/core";
import { HttpError } from "./errors.ts";
import {
  type Challenge,
  describeNetworkError,
  displayUrl,
  excerpt,
  holdsRequest,
  isJsonRpcShape,
  isLostConnection,
  parseChallenge,
} from "./_http.ts";

/** The shape of fetch the SDK transports accept. */
export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** What the guard needs to know, and what it records for error messages. */
export interface GuardContext {
  /** Milliseconds to wait for response headers; undefined or 0 for no limit. */
  timeout?: number;
  /** Check that answers to JSON-RPC requests are JSON-RPC (Streamable HTTP only). */
  checkAnswers: boolean;
  /** Values to remove from body excerpts. */
  secrets: () => string[];
  /** The last 401/403 challenge seen. */
  lastChallenge?: Challenge;
  /** Responses already received, by request body, returned instead of fetching again. */
  primed?: Map<string, Response[]>;
}

/**
 * Makes the next guarded `POST` with exactly `body` answer `response` without a request.
 * Returns a function that drops it again if the SDK did not take it (and cancels its body).
 */
export function primeResponse(ctx: GuardContext, body: string, response: Response): () => void {
  ctx.primed ??= new Map();
  const queue = ctx.primed.get(body) ?? [];
  queue.push(response);
  ctx.primed.set(body, queue);
  return () => {
    const left = ctx.primed?.get(body);
    const at = left?.indexOf(response) ?? -1;
    if (at === -1) return;
    left!.splice(at, 1);
    if (left!.length === 0) ctx.primed!.delete(body);
    response.body?.cancel().catch(() => {});
  };
}

function takePrimed(ctx: GuardContext, init: RequestInit | undefined): Response | undefined {
  const body = init?.body;
  if (!ctx.primed || typeof body !== "string" || init?.method !== "POST") return undefined;
  const queue = ctx.primed.get(body);
  const response = queue?.shift();
  if (queue?.length === 0) ctx.primed.delete(body);
  return response;
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

/**
 * Returns a fetch that applies the context's timeout and turns failures into mcpwire errors.
 * Aborts asked for by the caller's own signal are rethrown unchanged.
 */
export function guardFetch(base: FetchLike, ctx: GuardContext): FetchLike {
  return async (input, init) => {
    const method = init?.method ?? "GET";
    const target = displayUrl(input);
    const timeout = ctx.timeout && ctx.timeout > 0 ? ctx.timeout : undefined;
    const timer = timeout ? new AbortController() : undefined;
    const callerSignal = init?.signal ?? undefined;
    const signal = timer
      ? (callerSignal ? AbortSignal.any([callerSignal, timer.signal]) : timer.signal)
      : callerSignal;
    const handle = timer ? setTimeout(() => timer.abort(), timeout) : undefined;
    let res: Response;
    try {
      res = takePrimed(ctx, init) ?? await base(input, signal ? { ...init, signal } : init);
    } catch (err) {
      if (callerSignal?.aborted) throw err;
      throw requestFailure(
        err,
        `${method} ${target}`,
        target,
        timer?.signal.aborted ? timeout : undefined,
      );
    } finally {
      clearTimeout(handle);
    }
    if (res.status === 401 || res.status === 403) {
      ctx.lastChallenge = parseChallenge(res.headers.get("www-authenticate"));
    }
    if (
      ctx.checkAnswers && method === "POST" && res.ok && res.status !== 202 &&
      !isEventStream(res) && holdsRequest(init?.body)
    ) {
      return await checkAnswer(res, `${method} ${target}`, target, ctx);
    }
    return res;
  };
}

/** The media type of a response, lower case, without parameters. */
export function mediaType(res: Response): string {
  return (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

function isEventStream(res: Response): boolean {
  return mediaType(res) === "text/event-stream";
}

async function checkAnswer(res: Response, what: string, url: string, ctx: GuardContext) {
  const type = mediaType(res);
  const text = await res.text().catch(() => "");
  const details = { status: res.status, url, body: excerpt(text, ctx.secrets()) };
  if (type !== "application/json") {
    throw new HttpError(
      `${what} answered ${res.status} with content type '${type || "(none)"}', ` +
        `expected application/json or text/event-stream`,
      details,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new HttpError(`${what} answered invalid JSON: ${details.body}`, details, { cause: err });
  }
  if (!isJsonRpcShape(parsed)) {
    throw new HttpError(`${what} answered JSON that is not JSON-RPC: ${details.body}`, details);
  }
  return new Response(text, {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
}
