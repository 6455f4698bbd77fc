// Test helper: a JSON request to a playground's routes, in memory (no socket).
import type { Playground } from "./playground.ts";

const BASE = "http://127.0.0.1:5173";

/** Sends `method path` with `body` as JSON (when given) to the playground's app. */
export function send(
  p: Playground,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return p.fetch(
    new Request(BASE + path, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}
