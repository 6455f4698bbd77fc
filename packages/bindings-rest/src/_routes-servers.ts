// Health, readiness and server routes.
import type { Hono } from "hono";
import type { Env, Settings } from "./_settings.ts";
import { ProblemError } from "./problem.ts";

/** Liveness, readiness and the servers' descriptions. */
export function serverRoutes(app: Hono<Env>, s: Settings): void {
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", (c) => {
    const all = s.upstreams.all();
    for (const u of all) u.checkAlive();
    const servers = Object.fromEntries(
      all.map((u) => [u.name, { state: u.state, required: u.options.required ?? false }]),
    );
    const down = all.filter((u) => u.state !== "connected");
    const notReady = all.length > 0 &&
      (down.length === all.length || down.some((u) => u.options.required));
    if (notReady) {
      throw new ProblemError(
        "server_unavailable",
        `not ready: ${down.map((u) => `'${u.name}' is ${u.state}`).join(", ")}`,
        { servers },
        { "retry-after": String(Math.min(...down.map((u) => u.retryAfter()))) },
      );
    }
    return c.json({ status: down.length > 0 ? "degraded" : "ready", servers });
  });
  app.get("/v1/servers", (c) => c.json({ servers: s.upstreams.all().map((u) => u.describe()) }));
  app.get("/v1/servers/:server", (c) => c.json(s.upstreams.get(c.req.param("server")).describe()));
}
