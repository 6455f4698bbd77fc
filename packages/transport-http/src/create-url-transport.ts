import type { PassThroughOptions, Transport } from "@mcpwire/core";
import type { HttpTransportOptions } from "./_options.ts";
import { SseTransport } from "./sse-transport.ts";
import { StreamableHttpTransport } from "./streamable-http-transport.ts";

// FastMCP's rule, applied to the path: a segment `sse` at the end or followed by `/` means legacy SSE.
const SSE_PATH = /\/sse(\/|\?|&|$)/;

/**
 * Whether a URL names a legacy SSE endpoint: its path ends in `/sse`, or has `/sse/` in it
 * (FastMCP's rule).
 *
 * @param url the server URL
 * @returns true for legacy SSE, false for Streamable HTTP
 * @example
 * ```ts
 * import { isSseUrl } from "@mcpwire/transport-http";
 * console.log(isSseUrl(new URL("http://127.0.0.1:3001/sse"))); // true
 * console.log(isSseUrl(new URL("http://127.0.0.1:3000/mcp"))); // false
 * ```
 */
export function isSseUrl(url: URL): boolean {
  return SSE_PATH.test(url.pathname);
}

/**
 * Builds the transport for a server URL: {@linkcode SseTransport} when the path ends in `/sse`,
 * otherwise {@linkcode StreamableHttpTransport} (which itself falls back to SSE when the server
 * rejects the first POST with 404/405). This is what `new Client("https://…")` in `@mcpwire/core`
 * calls; options not listed in {@linkcode HttpTransportOptions} are ignored.
 *
 * @param url the server's URL
 * @param options `headers`, `auth`, `fetch`, `timeout`, `reconnection`, `sseFallback`, `sessionRecovery`
 * @returns a transport that is not started yet
 * @throws {TypeError} for a non-http(s) URL or an invalid option
 * @example
 * ```ts
 * import { createUrlTransport } from "@mcpwire/transport-http";
 * const transport = createUrlTransport(new URL("http://127.0.0.1:3000/mcp"), { timeout: 10_000 });
 * console.log(transport.constructor.name); // "StreamableHttpTransport"
 * ```
 */
export function createUrlTransport(
  url: URL,
  options: PassThroughOptions | HttpTransportOptions = {},
): Transport {
  const opts = options as HttpTransportOptions;
  return isSseUrl(new URL(url))
    ? new SseTransport(url, opts)
    : new StreamableHttpTransport(url, opts);
}
