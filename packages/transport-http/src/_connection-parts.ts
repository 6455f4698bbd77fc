// What both HTTP transports build from their URL and options: the parsed URL, the resolved
// options, the request pool, the auth session and the request headers.
import { AuthSession } from "./_auth.ts";
import { HttpRequests, RequestHeaders } from "./_fetch.ts";
import { type HttpTransportOptions, type ResolvedOptions, resolveOptions } from "./_options.ts";

/** The parts one transport is built from (see {@linkcode connectionParts}). */
export interface ConnectionParts {
  url: URL;
  options: ResolvedOptions;
  /** Requests bounded by the response timeout. */
  requests: HttpRequests;
  auth: AuthSession;
  /** Headers of each POST, with `postAccept` as its Accept (none when undefined). */
  postHeaders: RequestHeaders;
  /** Headers of the GET event stream (Accept `text/event-stream`, no content type). */
  getHeaders: RequestHeaders;
}

/**
 * Checks `url` and `options` and builds what a transport needs from them.
 *
 * @throws {TypeError} for a URL that is not http(s) or invalid options
 */
export function connectionParts(
  url: string | URL,
  options: HttpTransportOptions,
  postAccept: string[] | undefined,
): ConnectionParts {
  const parsed = httpUrl(url);
  const o = resolveOptions(options);
  return {
    url: parsed,
    options: o,
    requests: new HttpRequests(o.fetch, o.timeout),
    auth: new AuthSession(
      o.authProvider,
      parsed,
      o.authFetch,
      o.skipIssuerMetadataValidation,
      o.secrets,
    ),
    postHeaders: new RequestHeaders(o.headers, postAccept),
    getHeaders: new RequestHeaders(o.headers, ["text/event-stream"], false),
  };
}

/**
 * Parses an http(s) URL.
 *
 * @throws {TypeError} when `url` is not a valid http(s) URL
 */
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
