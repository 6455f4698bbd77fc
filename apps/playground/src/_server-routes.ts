// The playground's per-server actions the REST binding has no route for: resource subscriptions,
// ping, the server's log level, its roots, reconnecting one server, and adding one at runtime.
import type { Upstream, Upstreams } from "@mcpwire/bindings-rest";
import type { Context, Hono } from "hono";

/** The client operations these routes use (core's Client has them). */
interface ServerActions {
  close(): Promise<void>;
  setRoots(roots: { uri: string; name?: string }[]): Promise<void>;
  subscribeResource(uri: string): Promise<void>;
  unsubscribeResource(uri: string): Promise<void>;
  ping(): Promise<boolean>;
  setLoggingLevel(level: string): Promise<void>;
}

const LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

/** Adds a server from an `mcpServers` entry; throws a TypeError for a bad name or entry. */
export type AddServer = (name: string, entry: Record<string, unknown>) => Upstream;

const NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

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

function connectionRoutes(app: Hono, upstreams: Upstreams, add: AddServer): void {
  const state = (u: Upstream) => ({ name: u.name, state: u.state, lastError: u.lastError ?? null });
  app.post("/playground/servers/:server/reconnect", async (c) => {
    const upstream = upstreams.get(c.req.param("server"));
    // Closing ends the session (and a stdio server's process); connecting starts a new one.
    await (upstream.client as unknown as ServerActions).close().catch(() => {});
    await upstream.connect();
    return c.json(state(upstream), upstream.state === "connected" ? 200 : 502);
  });
  app.post("/playground/servers", async (c) => {
    const body = await c.req.json().catch(() => null) as
      | { name?: unknown; entry?: unknown }
      | null;
    const name = body?.name;
    const entry = body?.entry;
    if (typeof name !== "string" || !NAME.test(name)) {
      return c.json({ error: "'name' must be letters, digits, '.', '_' or '-'" }, 400);
    }
    if (upstreams.names().includes(name)) {
      return c.json({ error: `there is a server named '${name}' already` }, 409);
    }
    const e = entry as Record<string, unknown> | null;
    if (
      !e || typeof e !== "object" || (typeof e.command !== "string" && typeof e.url !== "string")
    ) {
      return c.json({ error: "'entry' must be an mcpServers entry with a command or a url" }, 400);
    }
    const upstream = add(name, e);
    await upstream.connect();
    return c.json(state(upstream), upstream.state === "connected" ? 201 : 502);
  });
}

/**
 * Adds `POST`/`DELETE /playground/servers/:server/subscriptions?uri=`,
 * `POST /playground/servers/:server/ping` (answers `{ ms }`),
 * `POST /playground/servers/:server/log-level` (`{ level }`),
 * `POST /playground/servers/:server/reconnect`, `GET`/`PUT /playground/servers/:server/roots`
 * and `POST /playground/servers` (`{ name, entry }`).
 */
export function serverRoutes(
  app: Hono,
  upstreams: Upstreams,
  ready: () => Promise<void>,
  add: AddServer,
): void {
  connectionRoutes(app, upstreams, add);
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
