// The playground's per-server actions the REST binding has no route for: resource subscriptions,
// ping, the server's log level, its roots, and the connection panel's (see _connection-routes.ts).
import type { Upstream, Upstreams } from "@mcpwire/bindings-rest";
import type { Context, Hono } from "hono";
import { connectionRoutes, type ServerRegistry } from "./_connection-routes.ts";

/** The client operations these routes use (core's Client has them). */
interface ServerActions {
  setRoots(roots: { uri: string; name?: string }[]): Promise<void>;
  subscribeResource(uri: string): Promise<void>;
  unsubscribeResource(uri: string): Promise<void>;
  ping(): Promise<boolean>;
  setLoggingLevel(level: string): Promise<void>;
}

const LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

type Root = { uri: string; name?: string };

function parseRoots(value: unknown): Root[] | string {
  if (!Array.isArray(value)) return "'roots' must be an array of { uri, name }";
  const roots: Root[] = [];
  for (const r of value as { uri?: unknown; name?: unknown }[]) {
    if (typeof r?.uri !== "string" || !URL.canParse(r.uri)) {
      return `not a URI: ${JSON.stringify(r?.uri)}`;
    }
    roots.push({ uri: r.uri, ...(typeof r.name === "string" && r.name ? { name: r.name } : {}) });
  }
  return roots;
}

/** `GET`/`PUT /playground/servers/:server/roots`: the roots offered to one server. */
function rootRoutes(app: Hono, upstreams: Upstreams): void {
  const given = new WeakMap<Upstream, Root[]>();
  app.get("/playground/servers/:server/roots", (c) => {
    const upstream = upstreams.get(c.req.param("server"));
    return c.json({ roots: given.get(upstream) ?? [] });
  });
  app.put("/playground/servers/:server/roots", async (c) => {
    const upstream = upstreams.get(c.req.param("server"));
    const body = await c.req.json().catch(() => null) as { roots?: unknown } | null;
    const roots = parseRoots(body?.roots);
    if (typeof roots === "string") return c.json({ error: roots }, 400);
    try {
      // Replaces the list and sends notifications/roots/list_changed.
      await (upstream.client as unknown as ServerActions).setRoots(roots);
    } catch (error) {
      return c.json({ error: error instanceof Error ? error.message : String(error) }, 502);
    }
    given.set(upstream, roots);
    return c.json({ roots });
  });
}

/**
 * Adds `POST`/`DELETE /playground/servers/:server/subscriptions?uri=`,
 * `POST /playground/servers/:server/ping` (answers `{ ms }`),
 * `POST /playground/servers/:server/log-level` (`{ level }`),
 * `GET`/`PUT /playground/servers/:server/roots` and the connection panel's routes.
 */
export function serverRoutes(
  app: Hono,
  upstreams: Upstreams,
  ready: () => Promise<void>,
  registry: ServerRegistry,
): void {
  connectionRoutes(app, upstreams, registry);
  rootRoutes(app, upstreams);
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
