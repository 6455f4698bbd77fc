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

/**
 * Checks a request's `Host` and `Origin` against DNS rebinding when the app is bound to loopback
 * (or lists allowed hosts); throws a 403 problem.
 */
export type HostGuard = (host: string, origin: string | undefined) => void;

/** Builds the {@linkcode HostGuard} of an app. */
export function hostGuard(
  bound: () => string,
  allowedHosts: readonly string[],
  corsOrigins: readonly string[],
): HostGuard {
  const extra = new Set(allowedHosts.map((h) => h.toLowerCase()));
  // The last Host accepted without an Origin, and the bound address then: clients send the same
  // Host on every request, so that one skips the parsing.
  let accepted: { host: string; bound: string } | undefined;
  return (hostHeader, origin) => {
    const address = bound();
    if (origin === undefined && accepted?.host === hostHeader && accepted.bound === address) return;
    if (!isLoopback(address) && extra.size === 0) return;
    const host = hostOf(hostHeader).toLowerCase();
    if (!isLoopback(host) && !extra.has(host)) {
      throw new ProblemError("forbidden_host", `Host '${host.slice(0, 100)}' is not allowed`);
    }
    if (origin === undefined) {
      accepted = { host: hostHeader, bound: address };
      return;
    }
    if (corsOrigins.includes(origin)) return;
    let ok = false;
    try {
      const url = new URL(origin);
      ok = /^https?:$/.test(url.protocol) && (isLoopback(url.hostname) || extra.has(url.hostname));
    } catch { /* not a URL: refused below */ }
    if (!ok) {
      throw new ProblemError("forbidden_origin", `Origin '${origin.slice(0, 100)}' is not allowed`);
    }
  };
}

/** Refuses requests whose `Host` or `Origin` is not this loopback server (DNS rebinding). */
export function hostCheck(guard: HostGuard): MiddlewareHandler {
  return async (c, next) => {
    guard(c.req.header("host") ?? new URL(c.req.url).host, c.req.header("origin"));
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
 * the docs) against the keys, in constant time; throws a 401 problem.
 */
export type KeyCheck = (authorization: string | undefined) => Promise<void>;

/** Builds the {@linkcode KeyCheck} of a set of API keys. */
export function keyCheck(keys: readonly string[]): KeyCheck {
  const digests = Promise.all(keys.map(digest));
  return async (authorization) => {
    const key = presentedKey(authorization);
    let ok = false;
    if (key) {
      const given = await digest(key);
      for (const d of await digests) ok = sameBytes(given, d) || ok;
    }
    if (ok) return;
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
  };
}

/** Runs a {@linkcode KeyCheck} on every request but `/healthz` and `/readyz`. */
export function apiKeyAuth(check: KeyCheck): MiddlewareHandler {
  return async (c, next) => {
    if (!PUBLIC_PATHS.has(c.req.path)) await check(c.req.header("authorization"));
    await next();
  };
}

/** The CORS headers of a simple (not preflight) request with this `Origin`, `Vary` included. */
export type CorsHeaders = (origin: string | undefined) => [string, string][];

const CORS_ALLOW_HEADERS = [
  "Authorization",
  "Content-Type",
  "Accept",
  "X-Request-Id",
  "X-MCP-Timeout-Ms",
  "X-MCP-Max-Timeout-Ms",
];
const CORS_EXPOSE_HEADERS = ["X-Request-Id", "Retry-After", "MCP-Tool-Error", "WWW-Authenticate"];

/** Builds the {@linkcode CorsHeaders} of the CORS options; refuses `*` with credentials. */
export function corsHeaders(options: CorsOptions): CorsHeaders {
  const origins = Array.isArray(options.origin) ? options.origin : [options.origin];
  if (options.credentials && origins.includes("*")) {
    throw new TypeError("cors: origin '*' cannot be used with credentials; list the origins");
  }
  const any = origins.includes("*");
  const expose = CORS_EXPOSE_HEADERS.join(",");
  return (origin) => {
    const headers: [string, string][] = [];
    const allowed = any ? "*" : origins.includes(origin ?? "") ? origin : undefined;
    if (allowed) headers.push(["Access-Control-Allow-Origin", allowed]);
    if (options.credentials) headers.push(["Access-Control-Allow-Credentials", "true"]);
    headers.push(["Access-Control-Expose-Headers", expose]);
    if (!any) headers.push(["Vary", "Origin"]);
    return headers;
  };
}

/**
 * CORS: preflight requests answered by Hono's CORS middleware, every other answer given the
 * headers of {@linkcode corsHeaders} (the same the fast path on Node adds).
 */
export function corsFor(options: CorsOptions): MiddlewareHandler {
  const headersFor = corsHeaders(options);
  const origins = Array.isArray(options.origin) ? options.origin : [options.origin];
  const preflight = cors({
    origin: origins.includes("*") ? "*" : origins,
    credentials: options.credentials ?? false,
    maxAge: options.maxAge ?? 600,
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: CORS_ALLOW_HEADERS,
    exposeHeaders: CORS_EXPOSE_HEADERS,
  });
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return await preflight(c, next);
    const headers = headersFor(c.req.header("origin"));
    for (const [name, value] of headers) {
      if (name !== "Vary") c.res.headers.set(name, value);
    }
    await next();
    if (headers.at(-1)?.[0] === "Vary") c.header("Vary", "Origin", { append: true });
  };
}
