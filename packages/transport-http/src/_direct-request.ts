// POSTs sent by the transports themselves instead of through the SDK transport: each request gets
// one AbortController of its own, which serves close(), the caller's signal and the header
// timeout at once. The SDK passes one long-lived signal to every fetch instead; fetch adds an
// abort listener to it per request and counts its listeners each time, which grows with traffic.
import type { AuthProvider, OAuthClientProvider } from "@modelcontextprotocol/client";
import { displayUrl } from "./_http.ts";
import { type FetchLike, requestFailure } from "./_guarded-fetch.ts";

/** A response, and what to call once its body has been read or given up. */
export interface Sent {
  response: Response;
  /** Stops tracking the request (its controller and the caller-signal listener). */
  done: () => void;
}

/** Sends requests and aborts whatever is still open on `abortAll()`. */
export class DirectRequests {
  readonly #fetch: FetchLike;
  readonly #timeout: number | undefined;
  readonly #open = new Set<AbortController>();

  constructor(fetch: FetchLike, timeout: number | undefined) {
    this.#fetch = fetch;
    this.#timeout = timeout && timeout > 0 ? timeout : undefined;
  }

  /**
   * POSTs `body`. Redirects come back as they are (`redirect: "manual"`), for the SDK to follow
   * or refuse as it does for its own requests.
   *
   * @throws the caller's abort reason unchanged; `TimeoutError` when no headers came in time;
   *   `ConnectionError` for a network failure
   */
  async post(
    url: URL,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal | undefined,
  ): Promise<Sent> {
    const controller = new AbortController();
    this.#open.add(controller);
    const onAbort = () => controller.abort(signal!.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      this.#open.delete(controller);
      signal?.removeEventListener("abort", onAbort);
    };
    const timeout = this.#timeout;
    let timedOut = false;
    const timer = timeout === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    try {
      const response = await this.#fetch(url, {
        method: "POST",
        headers,
        body,
        signal: controller.signal,
        redirect: "manual",
      });
      return { response, done };
    } catch (err) {
      done();
      if (controller.signal.aborted && !timedOut) throw err;
      const target = displayUrl(url);
      throw requestFailure(err, `POST ${target}`, target, timedOut ? timeout : undefined);
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

/** The header values that change during a session; a request's headers are rebuilt only then. */
export interface HeaderState {
  token: string | undefined;
  sessionId?: string | undefined;
  protocolVersion: string | undefined;
}

/**
 * The headers of a POST as the SDK transports build them (user headers, `Authorization`,
 * `mcp-session-id`, `mcp-protocol-version`, content type, merged `accept`), kept as one plain
 * object between requests.
 */
export class PostHeaders {
  readonly #base: Headers;
  readonly #accept: string | undefined;
  #state: HeaderState | undefined;
  #record: Record<string, string> = {};

  /** @param accept the media types the answer may have, merged into any user `accept` */
  constructor(base: Headers, accept: readonly string[] | undefined) {
    this.#base = base;
    this.#accept = accept ? mergeAccept(base.get("accept"), accept) : undefined;
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
    record["content-type"] = "application/json";
    if (this.#accept) record["accept"] = this.#accept;
    this.#state = { ...state };
    this.#record = record;
    return record;
  }
}

/** `accept` with `required` added, as the SDK merges it: lower case, without repeats. */
export function mergeAccept(
  accept: string | null | undefined,
  required: readonly string[],
): string {
  const types = [...accept?.split(",").map((s) => s.trim().toLowerCase()) ?? [], ...required];
  return [...new Set(types)].join(", ");
}

/** The access token an auth provider offers now, the way the SDK transports ask for it. */
export function currentToken(
  provider: AuthProvider | OAuthClientProvider | undefined,
): Promise<string | undefined> | undefined {
  if (!provider) return undefined;
  const oauth = provider as Partial<OAuthClientProvider>;
  if (typeof oauth.tokens === "function" && typeof oauth.clientInformation === "function") {
    return Promise.resolve(oauth.tokens()).then((tokens) => tokens?.access_token);
  }
  return (provider as AuthProvider).token();
}
