// The options both transports read, validated once.
import type {
  AuthProvider,
  OAuthClientProvider,
  StreamableHTTPReconnectionOptions,
} from "@modelcontextprotocol/client";
import { BearerAuth } from "./bearer-auth.ts";
import { OAuth } from "./oauth.ts";
import type { FetchLike } from "./_fetch.ts";

/** Options of {@linkcode StreamableHttpTransport}, {@linkcode SseTransport} and `createUrlTransport`. */
export interface HttpTransportOptions {
  /** Headers sent on every request (for example an API key header). */
  headers?: Record<string, string> | Headers;
  /**
   * How to authenticate: a bearer token string, `"oauth"` (an `OAuth` with defaults), a
   * {@linkcode BearerAuth}, an `OAuth`, or any SDK
   * `AuthProvider` / `OAuthClientProvider` (`ClientCredentialsProvider`, `PrivateKeyJwtProvider`, …).
   */
  auth?: string | AuthProvider | OAuthClientProvider;
  /** The fetch to use instead of the global one (proxies, tests, instrumentation). */
  fetch?: FetchLike;
  /** Milliseconds to wait for the server to start answering each HTTP request; default no limit. */
  timeout?: number;
  /**
   * Reconnection of interrupted SSE streams (the server's `retry:` field wins over the delays);
   * `false` turns it off. Defaults: 1000 ms initial delay, ×1.5 growth, 30000 ms cap, 2 retries.
   */
  reconnection?: Partial<StreamableHTTPReconnectionOptions> | false;
  /**
   * Accept authorization-server metadata whose `issuer` differs from its URL (RFC 8414 §3.3).
   * Security-weakening; only for servers built to the 2025-03-26 auth spec that need it.
   */
  skipIssuerMetadataValidation?: boolean;
  /** Streamable HTTP only: fall back to legacy SSE when the first POST gets 404 or 405. Default true. */
  sseFallback?: boolean;
  /** Streamable HTTP only: re-initialize once when the server answers 404 for an expired session. Default true. */
  sessionRecovery?: boolean;
}

/** Validated options. */
export interface ResolvedOptions {
  headers: Headers;
  authProvider: AuthProvider | OAuthClientProvider | undefined;
  fetch: FetchLike;
  /** The fetch for the authorization server: the user's, with the user's headers. */
  authFetch: FetchLike;
  timeout: number | undefined;
  reconnection: StreamableHTTPReconnectionOptions;
  sseFallback: boolean;
  sessionRecovery: boolean;
  skipIssuerMetadataValidation: boolean;
  /** Values never to print: fixed tokens and the Authorization header. */
  secrets: () => string[];
}

const DEFAULT_RECONNECTION: StreamableHTTPReconnectionOptions = {
  initialReconnectionDelay: 1000,
  maxReconnectionDelay: 30000,
  reconnectionDelayGrowFactor: 1.5,
  maxRetries: 2,
};

/** Validates options (unknown keys are ignored: core passes its own through too). */
export function resolveOptions(
  options: HttpTransportOptions | Readonly<Record<string, unknown>>,
): ResolvedOptions {
  const o = options as HttpTransportOptions;
  if (o.timeout !== undefined && (typeof o.timeout !== "number" || !(o.timeout >= 0))) {
    throw new RangeError(`timeout must be a number of milliseconds ≥ 0, got ${String(o.timeout)}`);
  }
  if (o.fetch !== undefined && typeof o.fetch !== "function") {
    throw new TypeError("fetch must be a function");
  }
  const headers = new Headers(o.headers ?? undefined);
  const authProvider = resolveAuth(o.auth);
  const reconnection = o.reconnection === false
    ? { ...DEFAULT_RECONNECTION, maxRetries: 0 }
    : { ...DEFAULT_RECONNECTION, ...(o.reconnection ?? {}) };
  const base: FetchLike = o.fetch ?? ((url, init) => fetch(url, init));
  return {
    headers,
    authProvider,
    fetch: base,
    authFetch: (url, init) => {
      const merged = new Headers(headers);
      for (const [name, value] of new Headers(init?.headers)) merged.set(name, value);
      return base(url, { ...init, headers: merged });
    },
    timeout: o.timeout,
    reconnection,
    sseFallback: o.sseFallback ?? true,
    sessionRecovery: o.sessionRecovery ?? true,
    skipIssuerMetadataValidation: o.skipIssuerMetadataValidation === true,
    secrets: () => {
      const out: string[] = [];
      const header = headers.get("authorization");
      if (header) out.push(header, header.replace(/^\S+\s+/, ""));
      if (authProvider instanceof BearerAuth && authProvider.fixedToken) {
        out.push(authProvider.fixedToken);
      }
      return out;
    },
  };
}

function resolveAuth(auth: unknown): AuthProvider | OAuthClientProvider | undefined {
  if (auth === undefined) return undefined;
  if (auth === "oauth") return new OAuth();
  if (typeof auth === "string") return new BearerAuth(auth);
  if (typeof auth === "object" && auth !== null) {
    const a = auth as Partial<AuthProvider & OAuthClientProvider>;
    if (typeof a.token === "function" || typeof a.tokens === "function") {
      return auth as AuthProvider | OAuthClientProvider;
    }
  }
  throw new TypeError(
    "auth must be a token string, a BearerAuth, an OAuth, or an SDK AuthProvider / OAuthClientProvider",
  );
}
