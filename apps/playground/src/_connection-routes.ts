// The connection panel's routes: add a server (an mcpServers entry), edit it, remove it, add
// every server of a config file, and reconnect one server.
import type { Upstream, Upstreams } from "@mcpwire/bindings-rest";
import { loadConfig, parseConfig } from "@mcpwire/config";
import type { Context, Hono } from "hono";

/** The servers a playground can change at runtime. */
export interface ServerRegistry {
  /** Adds a server from an `mcpServers` entry (not connected yet). */
  add(name: string, entry: Record<string, unknown>): Upstream;
  /** The entry a server was added with; `undefined` for the demo server. */
  entry(name: string): Record<string, unknown> | undefined;
  /**
   * A person asked a server to connect from a page on `origin`: an OAuth server may show one
   * sign-in dialog, whose redirect comes back to `origin`.
   */
  askedFrom(upstream: Upstream, origin: string): void;
  /** Removes a server and closes its client. */
  remove(name: string): Promise<void>;
}

const NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

const state = (u: Upstream) => ({ name: u.name, state: u.state, lastError: u.lastError ?? null });
const messageOf = (e: unknown) => e instanceof Error ? e.message : String(e);

/** Checks a name and an entry with config's parser; the error to answer, or the clean entry. */
function checked(
  name: unknown,
  entry: unknown,
): { error: string } | { name: string; entry: Record<string, unknown> } {
  if (typeof name !== "string" || !NAME.test(name)) {
    return { error: "'name' must be letters, digits, '.', '_' or '-'" };
  }
  const e = entry as Record<string, unknown> | null;
  if (!e || typeof e !== "object" || (typeof e.command !== "string" && typeof e.url !== "string")) {
    return { error: "'entry' must be an mcpServers entry with a command or a url" };
  }
  try {
    const { disabled: _, ...clean } = parseConfig({ mcpServers: { [name]: e } }).mcpServers[
      name
    ] as Record<string, unknown>;
    return { name, entry: clean };
  } catch (error) {
    return { error: messageOf(error) };
  }
}

/**
 * The playground's origin as the asking page reached it (its `Host`), where a sign-in redirects
 * back to; never the `Origin` header, which another local app could set to its own.
 */
function pageOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

async function connected(
  c: Context,
  registry: ServerRegistry,
  upstream: Upstream,
  okStatus: 200 | 201,
) {
  registry.askedFrom(upstream, pageOrigin(c));
  await upstream.connect();
  return c.json(state(upstream), upstream.state === "connected" ? okStatus : 502);
}

async function body(c: Context): Promise<Record<string, unknown>> {
  const value = await c.req.json().catch(() => null);
  return value && typeof value === "object" ? value as Record<string, unknown> : {};
}

/** Adds every enabled server of a config file; nothing is added when a name is taken. */
async function addConfigFile(c: Context, upstreams: Upstreams, registry: ServerRegistry) {
  const { path } = await body(c);
  if (typeof path !== "string" || path.trim() === "") {
    return c.json({ error: "'path' must be the config file's path" }, 400);
  }
  let servers: [string, Record<string, unknown>][];
  try {
    const config = await loadConfig(path.trim());
    servers = Object.entries(config.mcpServers as Record<string, Record<string, unknown>>)
      .filter(([, e]) => e.disabled !== true);
  } catch (error) {
    return c.json({ error: messageOf(error) }, 400);
  }
  const taken = servers.map(([n]) => n).filter((n) => upstreams.names().includes(n));
  if (taken.length > 0) {
    return c.json(
      { error: `there are servers named ${taken.map((n) => `'${n}'`).join(", ")}` },
      409,
    );
  }
  const added = servers.map(([name, entry]) => registry.add(name, entry));
  for (const upstream of added) registry.askedFrom(upstream, pageOrigin(c));
  await Promise.all(added.map((u) => u.connect()));
  return c.json({ servers: added.map(state) }, 201);
}

/**
 * Adds `POST /playground/servers` (`{ name, entry }`), `GET`/`PUT`/`DELETE
 * /playground/servers/:server` (its entry; `{ name?, entry }` replaces it; removes it),
 * `POST /playground/config-files` (`{ path }`) and `POST /playground/servers/:server/reconnect`.
 */
export function connectionRoutes(app: Hono, upstreams: Upstreams, registry: ServerRegistry): void {
  app.post("/playground/servers/:server/reconnect", async (c) => {
    const upstream = upstreams.get(c.req.param("server"));
    // Closing ends the session (and a stdio server's process); connecting starts a new one.
    await upstream.client.close().catch(() => {});
    return await connected(c, registry, upstream, 200);
  });
  app.post("/playground/servers", async (c) => {
    const given = await body(c);
    const ok = checked(given.name, given.entry);
    if ("error" in ok) return c.json({ error: ok.error }, 400);
    if (upstreams.names().includes(ok.name)) {
      return c.json({ error: `there is a server named '${ok.name}' already` }, 409);
    }
    return await connected(c, registry, registry.add(ok.name, ok.entry), 201);
  });
  app.get("/playground/servers/:server", (c) => {
    const name = upstreams.get(c.req.param("server")).name;
    const entry = registry.entry(name);
    if (!entry) return c.json({ error: `server '${name}' is built in: it cannot be edited` }, 404);
    return c.json({ name, entry });
  });
  app.put("/playground/servers/:server", async (c) => {
    const old = upstreams.get(c.req.param("server")).name;
    const previous = registry.entry(old);
    if (!previous) {
      return c.json({ error: `server '${old}' is built in: it cannot be edited` }, 409);
    }
    const given = await body(c);
    const ok = checked(given.name ?? old, given.entry);
    if ("error" in ok) return c.json({ error: ok.error }, 400);
    if (ok.name !== old && upstreams.names().includes(ok.name)) {
      return c.json({ error: `there is a server named '${ok.name}' already` }, 409);
    }
    await registry.remove(old);
    return await connected(c, registry, registry.add(ok.name, ok.entry), 200);
  });
  app.delete("/playground/servers/:server", async (c) => {
    await registry.remove(upstreams.get(c.req.param("server")).name);
    return c.body(null, 204);
  });
  app.post("/playground/config-files", (c) => addConfigFile(c, upstreams, registry));
}
