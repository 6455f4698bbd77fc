// What the routes of servers, resources and prompts share: the route's server, its capabilities,
// and errors mapped to problems naming it.
import type { Context } from "hono";
import { toProblemError } from "./_error-map.ts";
import type { Env, Settings } from "./_settings.ts";
import type { Upstream } from "./upstreams.ts";

/** The route's server, connected (else a 404 or 503 problem). */
export function connected(s: Settings, c: Context<Env>): Upstream {
  const upstream = s.upstreams.get(c.req.param("server") ?? "");
  upstream.assertConnected();
  return upstream;
}

/** Whether the server has a capability (any, when it said none). */
export function has(upstream: Upstream, capability: string): boolean {
  const caps = upstream.info?.capabilities;
  return !caps || typeof caps !== "object" || capability in caps;
}

/** Runs an operation on a server; its errors become problems naming the server and `scope`. */
export async function guarded<T>(
  upstream: Upstream,
  scope: object,
  op: () => Promise<T>,
): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toProblemError(err, { server: upstream.name, ...scope });
  }
}
