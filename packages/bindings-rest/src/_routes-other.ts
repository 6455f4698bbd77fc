import type { Context, Hono } from "hono";
import { readJsonObject } from "./_body.ts";
import { toPointer, toProblemError } from "./_error-map.ts";
import { prefersOther } from "./_negotiate.ts";
import type { Env, Settings } from "./_settings.ts";
import { ProblemError } from "./problem.ts";
import { type JsonObject, listItems } from "./upstream-client.ts";
import type { Upstream } from "./upstreams.ts";

function connected(s: Settings, c: Context<Env>): Upstream {
  const upstream = s.upstreams.get(c.req.param("server") ?? "");
  upstream.assertConnected();
  return upstream;
}

function has(upstream: Upstream, capability: string): boolean {
  const caps = upstream.info?.capabilities;
  return !caps || typeof caps !== "object" || capability in caps;
}

async function guarded<T>(upstream: Upstream, scope: object, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toProblemError(err, { server: upstream.name, ...scope });
  }
}

const RAW_VALUES: Record<string, boolean> = { "1": true, true: true, "0": false, false: false };

/** Whether `resources/read` answers raw bytes: `?raw=`, else an `Accept` that prefers non-JSON. */
function wantsRaw(c: Context): boolean {
  const raw = c.req.query("raw");
  if (raw !== undefined) {
    const value = RAW_VALUES[raw];
    if (value === undefined) {
      throw new ProblemError(
        "invalid_query",
        `the query parameter 'raw' must be 1, true, 0 or false, not '${raw.slice(0, 40)}'`,
        { parameter: "raw" },
      );
    }
    return value;
  }
  return prefersOther(c.req.header("accept"), "application/json");
}

// An absolute URI (RFC 3986): a scheme, then no whitespace or control characters.
// deno-lint-ignore no-control-regex -- control characters are exactly what it refuses
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f]*$/;

function uriFrom(c: Context): string {
  const uri = c.req.query("uri");
  if (!uri) {
    throw new ProblemError("invalid_query", "the query parameter 'uri' is required", {
      parameter: "uri",
    });
  }
  if (uri.length > 8_192 || !URI.test(uri)) {
    throw new ProblemError(
      "invalid_query",
      `the query parameter 'uri' must be an absolute URI, not '${uri.slice(0, 100)}'`,
      { parameter: "uri" },
    );
  }
  return uri;
}

/** The media type of a raw resource; text always says its charset (it is UTF-8 in MCP). */
function rawType(content: JsonObject): string {
  const given = typeof content.mimeType === "string" && /^[\w.+-]+\/[\w.+-]+/.test(content.mimeType)
    ? content.mimeType
    : undefined;
  if (typeof content.blob === "string") return given ?? "application/octet-stream";
  if (!given) return "text/plain; charset=utf-8";
  return /;\s*charset=/i.test(given) ? given : `${given}; charset=utf-8`;
}

function rawResponse(content: JsonObject): Response {
  const body = typeof content.blob === "string"
    ? Uint8Array.from(atob(content.blob), (ch) => ch.charCodeAt(0))
    : String(content.text ?? "");
  return new Response(body, {
    headers: {
      "content-type": rawType(content),
      "x-content-type-options": "nosniff",
      // A resource may be HTML or SVG: never let it run in the binding's origin.
      "content-security-policy": "sandbox; default-src 'none'",
    },
  });
}

function resourceRoutes(app: Hono<Env>, s: Settings): void {
  app.get("/v1/servers/:server/resources", async (c) => {
    const u = connected(s, c);
    if (!has(u, "resources")) return c.json({ resources: [] });
    const value = await guarded(u, {}, () => u.use((cl) => cl.listResources()));
    return c.json({ resources: listItems(value, "resources") });
  });
  app.get("/v1/servers/:server/resource-templates", async (c) => {
    const u = connected(s, c);
    if (!has(u, "resources")) return c.json({ resourceTemplates: [] });
    const value = await guarded(u, {}, () => u.use((cl) => cl.listResourceTemplates()));
    return c.json({ resourceTemplates: listItems(value, "resourceTemplates") });
  });
  app.get("/v1/servers/:server/resources/read", async (c) => {
    const u = connected(s, c);
    const uri = uriFrom(c);
    const raw = wantsRaw(c);
    // A server without resources has none to read: the same 404 as an unknown URI.
    if (!has(u, "resources")) {
      throw new ProblemError(
        "resource_not_found",
        `server '${u.name}' has no resources (no resources capability): '${uri.slice(0, 200)}'`,
        { server: u.name, uri },
      );
    }
    const value = await guarded(u, { uri }, () => u.use((cl) => cl.readResource(uri)));
    const contents = listItems<JsonObject>(value, "contents");
    if (!raw) return c.json({ contents });
    const first = contents[0];
    if (!first) {
      throw new ProblemError("resource_not_found", `resource '${uri}' has no contents`, {
        server: u.name,
        uri,
      });
    }
    return rawResponse(first);
  });
}

const isObj = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** What is wrong with a completion request's body, as `{ path, message }` items. */
function completeErrors(body: JsonObject): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const need = (ok: boolean, path: string, message: string) =>
    void (ok || errors.push({ path, message }));
  const { ref, argument, context } = body;
  need(isObj(ref), "/ref", "must be an object");
  if (isObj(ref)) {
    need(
      ref.type === "ref/prompt" || ref.type === "ref/resource",
      "/ref/type",
      "must be 'ref/prompt' or 'ref/resource'",
    );
    if (ref.type === "ref/prompt") {
      need(typeof ref.name === "string", "/ref/name", "must be a string");
    }
    if (ref.type === "ref/resource") {
      need(typeof ref.uri === "string", "/ref/uri", "must be a string");
    }
  }
  need(isObj(argument), "/argument", "must be an object");
  if (isObj(argument)) {
    need(typeof argument.name === "string", "/argument/name", "must be a string");
    need(typeof argument.value === "string", "/argument/value", "must be a string");
  }
  if (context !== undefined) {
    need(isObj(context), "/context", "must be an object");
    const args = isObj(context) ? context.arguments : undefined;
    if (args !== undefined) {
      need(isObj(args), "/context/arguments", "must be an object");
      for (const [name, value] of Object.entries(isObj(args) ? args : {})) {
        need(
          typeof value === "string",
          toPointer(["context", "arguments", name]),
          "must be a string",
        );
      }
    }
  }
  return errors;
}

function promptRoutes(app: Hono<Env>, s: Settings): void {
  app.get("/v1/servers/:server/prompts", async (c) => {
    const u = connected(s, c);
    return c.json({ prompts: await guarded(u, {}, () => u.prompts()) });
  });
  app.post("/v1/servers/:server/prompts/:prompt", async (c) => {
    const u = connected(s, c);
    const name = c.req.param("prompt");
    const args = await readJsonObject(c.req.raw, s);
    const prompt = await guarded(u, { prompt: name }, () => u.prompt(name));
    const missing = (prompt.arguments ?? []).filter((a) =>
      a.required && args[a.name] === undefined
    );
    if (missing.length > 0) {
      throw new ProblemError(
        "invalid_arguments",
        `prompt '${name}' needs ${missing.map((a) => `'${a.name}'`).join(", ")}`,
        {
          server: u.name,
          prompt: name,
          errors: missing.map((a) => ({ path: toPointer([a.name]), message: "is required" })),
        },
      );
    }
    return c.json(
      await guarded(u, { prompt: name }, () => u.use((cl) => cl.getPrompt(name, args))),
    );
  });
  app.post("/v1/servers/:server/complete", async (c) => {
    const u = connected(s, c);
    const body = await readJsonObject(c.req.raw, s);
    const errors = completeErrors(body);
    if (errors.length > 0) {
      throw new ProblemError(
        "invalid_arguments",
        "the body must be { ref: { type: 'ref/prompt', name } | { type: 'ref/resource', uri }, " +
          "argument: { name, value }, context?: { arguments: { [name]: string } } }",
        { server: u.name, errors },
      );
    }
    const { ref, argument, context } = body as Record<string, JsonObject | undefined>;
    const others = context?.arguments;
    const value = await guarded(u, {}, () =>
      u.use((cl) =>
        cl.complete(
          ref!,
          argument as { name: string; value: string },
          others && typeof others === "object" ? others as Record<string, string> : undefined,
        )
      ));
    const completion = value && typeof value === "object" && "completion" in value
      ? value
      : { completion: value };
    return c.json(completion);
  });
}

function serverRoutes(app: Hono<Env>, s: Settings): void {
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

/** Server, resource, prompt and completion routes. */
export function otherRoutes(app: Hono<Env>, s: Settings): void {
  serverRoutes(app, s);
  resourceRoutes(app, s);
  promptRoutes(app, s);
}
