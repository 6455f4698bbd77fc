// Event streams that must not keep the program running: the standalone GET stream (and the GETs
// that resume a response stream) of a live transport. `fetch` has no `unref()`; Node's fetch
// (undici) publishes each request's socket on the `undici:client:sendHeaders` diagnostics channel,
// where such a GET's socket is unref'd. Deno and Bun publish nothing there: on them an open event
// stream holds the program until the transport is closed (see the README's lifecycle section).
import { subscribe } from "node:diagnostics_channel";

interface SendHeaders {
  request?: { method?: unknown; origin?: unknown; path?: unknown };
  headers?: unknown;
  socket?: { unref?: () => void };
}

const live = new Map<string, number>();
let subscribed = false;

function onSendHeaders(message: unknown): void {
  const { request, headers, socket } = message as SendHeaders;
  if (request?.method !== "GET" || live.size === 0) return;
  if (!live.has(`${request.origin}${request.path}`)) return;
  const text = Array.isArray(headers) ? headers.join("\n") : String(headers ?? "");
  if (/text\/event-stream/i.test(text)) socket?.unref?.();
}

/**
 * Lets the event streams of `url` not hold the program open (Node), until the returned function
 * is called.
 */
export function unrefEventStreams(url: URL): () => void {
  if (!subscribed) {
    subscribed = true;
    try {
      subscribe("undici:client:sendHeaders", onSendHeaders);
    } catch {
      // a runtime without diagnostics channels: nothing to unref
    }
  }
  const key = `${url.origin}${url.pathname}${url.search}`;
  live.set(key, (live.get(key) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (live.get(key) ?? 1) - 1;
    if (left > 0) live.set(key, left);
    else live.delete(key);
  };
}
