import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { ProblemError } from "./problem.ts";

/** CORS settings; CORS is off when absent. */
export interface CorsOptions {
  /** The allowed origins, such as `"https://app.example.com"`. `"*"` only without credentials. */
  origin: string | string[];
  /** Whether browsers may send credentials. Default false. */
  credentials?: boolean;
  /** Seconds a preflight answer may be cached. Default 600. */
  maxAge?: number;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const PUBLIC_PATHS = new Set(["/healthz", "/readyz"]);

/** Whether a hostname is a loopback address. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127(\.\d{1,3}){3}$/.test(h) || h.endsWith(".localhost");
}

function hostOf(hostHeader: string): string {
  if (hostHeader.startsWith("[")) return hostHeader.slice(0, hostHeader.indexOf("]") + 1);
  return hostHeader.replace(/:\d*$/, "");
}

/** Refuses requests whose `Host` or `Origin` is not this loopback server (DNS rebinding). */
export function hostCheck(
  bound: () => string,
  allowedHosts: readonly string[],
  corsOrigins: readonly string[],
): MiddlewareHandler {
  const extra = new Set(allowedHosts.map((h) => h.toLowerCase()));
  return async (c, next) => {
    if (!isLoopback(bound()) && extra.size === 0) return await next();
    const host = hostOf(c.req.header("host") ?? new URL(c.req.url).host).toLowerCase();
    if (!isLoopback(host) && !extra.has(host)) {
      throw new ProblemError("forbidden_host", `Host '${host.slice(0, 100)}' is not allowed`);
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && !corsOrigins.includes(origin)) {
      let ok = false;
      try {
        const url = new URL(origin);
        ok = /^https?:$/.test(url.protocol) &&
          (isLoopback(url.hostname) || extra.has(url.hostname));
      } catch { /* not a URL: refused below */ }
      if (!ok) {
        throw new ProblemError(
          "forbidden_origin",
          `Origin '${origin.slice(0, 100)}' is not allowed`,
        );
      }
    }
    await next();
  };
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
}

function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer") return value;
  if (scheme?.toLowerCase() === "basic") {
    try {
      const decoded = atob(value);
      return decoded.slice(decoded.indexOf(":") + 1);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Checks `Authorization: Bearer <key>` (or Basic with the key as password, so browsers can open
 * the docs) against the keys, in constant time. `/healthz` and `/readyz` stay public.
 */
export function apiKeyAuth(keys: readonly string[]): MiddlewareHandler {
  const digests = Promise.all(keys.map(digest));
  return async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return await next();
    const key = presentedKey(c.req.header("authorization"));
    let ok = false;
    if (key) {
      const given = await digest(key);
      for (const d of await digests) ok = sameBytes(given, d) || ok;
    }
    if (!ok) {
      throw new ProblemError(
        "unauthorized",
        key === undefined
          ? "an API key is required: send 'Authorization: Bearer <key>'"
          : "the API key is not valid",
        {},
        {
          "www-authenticate": key === undefined
            ? 'Bearer realm="mcpwire", Basic realm="mcpwire"'
            : 'Bearer realm="mcpwire", error="invalid_token"',
        },
      );
    }
    await next();
  };
}

/** Hono's CORS middleware, refusing `*` with credentials. */
export function corsFor(options: CorsOptions): MiddlewareHandler {
  const origins = Array.isArray(options.origin) ? options.origin : [options.origin];
  if (options.credentials && origins.includes("*")) {
    throw new TypeError("cors: origin '*' cannot be used with credentials; list the origins");
  }
  return cors({
    origin: origins.includes("*") ? "*" : origins,
    credentials: options.credentials ?? false,
    maxAge: options.maxAge ?? 600,
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "Accept", "X-Request-Id", "X-MCP-Timeout-Ms"],
    exposeHeaders: ["X-Request-Id", "Retry-After", "MCP-Tool-Error", "WWW-Authenticate"],
  });
}
