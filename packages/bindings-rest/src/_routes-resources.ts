// Resource routes: lists, templates and `resources/read` (as JSON or the raw bytes).
import type { Context, Hono } from "hono";
import { connected, guarded, has } from "./_route-helpers.ts";
import { prefersOther } from "./_negotiate.ts";
import type { Env, Settings } from "./_settings.ts";
import { ProblemError } from "./problem.ts";
import { type JsonObject, listItems } from "./upstream-client.ts";

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

/** The resource routes. */
export function resourceRoutes(app: Hono<Env>, s: Settings): void {
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
