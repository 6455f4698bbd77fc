// The playground's per-server actions the REST binding has no route for: resource subscriptions,
// ping and the server's log level.
import type { Upstreams } from "@mcpwire/bindings-rest";
import type { Context, Hono } from "hono";

/** The client operations these routes use (core's Client has them). */
interface ServerActions {
  subscribeResource(uri: string): Promise<void>;
  unsubscribeResource(uri: string): Promise<void>;
  ping(): Promise<boolean>;
  setLoggingLevel(level: string): Promise<void>;
}

const LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

/**
 * Adds `POST`/`DELETE /playground/servers/:server/subscriptions?uri=`,
 * `POST /playground/servers/:server/ping` (answers `{ ms }`) and
 * `POST /playground/servers/:server/log-level` (`{ level }`).
 */
export function serverRoutes(app: Hono, upstreams: Upstreams, ready: () => Promise<void>): void {
  const run = async <T>(c: Context, op: (client: ServerActions) => Promise<T>) => {
    await ready();
    const upstream = upstreams.get(c.req.param("server") ?? "");
    const client = upstream.client as unknown as ServerActions;
    return await upstream.use(() => op(client)).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({
        ok: false as const,
        response: c.json({ error: error instanceof Error ? error.message : String(error) }, 502),
      }),
    );
  };
  const subscription = (subscribe: boolean) => async (c: Context) => {
    const uri = c.req.query("uri");
    if (!uri) return c.json({ error: "the query parameter 'uri' is required" }, 400);
    const done = await run(
      c,
      (client) => subscribe ? client.subscribeResource(uri) : client.unsubscribeResource(uri),
    );
    return done.ok ? c.body(null, 204) : done.response;
  };
  app.post("/playground/servers/:server/subscriptions", subscription(true));
  app.delete("/playground/servers/:server/subscriptions", subscription(false));
  app.post("/playground/servers/:server/ping", async (c) => {
    const started = performance.now();
    const done = await run(c, (client) => client.ping());
    return done.ok ? c.json({ ms: Math.round(performance.now() - started) }) : done.response;
  });
  app.post("/playground/servers/:server/log-level", async (c) => {
    const body = await c.req.json().catch(() => null) as { level?: unknown } | null;
    const level = body?.level;
    if (typeof level !== "string" || !LEVELS.includes(level)) {
      return c.json({ error: `'level' must be one of ${LEVELS.join(", ")}` }, 400);
    }
    const done = await run(c, (client) => client.setLoggingLevel(level));
    return done.ok ? c.body(null, 204) : done.response;
  });
}
