// Turns what the SDK transports throw into mcpwire errors whose messages name the URL and
// never carry a token.
import {
  InsufficientScopeError,
  OAuthClientFlowError,
  OAuthError,
  SseError,
  UnauthorizedError,
} from "@modelcontextprotocol/client";
import { ConnectionError, McpwireError } from "@mcpwire/core";
import { AuthError, HttpError } from "./errors.ts";
import {
  type Challenge,
  describeNetworkError,
  displayUrl,
  excerpt,
  isLostConnection,
  redact,
} from "./_http.ts";

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: unknown;
  status?: unknown;
  data?: { status?: unknown; text?: unknown; contentType?: unknown };
}

/** The HTTP status an SDK error carries, if any. */
export function statusOf(err: unknown): number | undefined {
  const e = err as SdkLikeError | undefined;
  if (e instanceof HttpError || e instanceof AuthError) return e.status;
  if (typeof e?.data?.status === "number") return e.data.status;
  if (err instanceof SseError && typeof err.code === "number") return err.code;
  const m = /\(HTTP (\d{3})\)/.exec(e?.message ?? "");
  return m ? Number(m[1]) : undefined;
}

/** Maps any error from an SDK transport to the mcpwire hierarchy. */
export function toTransportError(
  err: unknown,
  url: URL,
  secrets: readonly string[],
  challenge: Challenge | undefined,
): McpwireError {
  if (err instanceof McpwireError) return err;
  const target = displayUrl(url);
  const e = (err ?? {}) as SdkLikeError;
  const name = e.name ?? "";
  const status = statusOf(err) ??
    (err instanceof UnauthorizedError
      ? 401
      : err instanceof InsufficientScopeError
      ? 403
      : undefined);
  if (
    status === 401 || status === 403 || err instanceof UnauthorizedError ||
    err instanceof OAuthError || err instanceof OAuthClientFlowError
  ) {
    const why = status ? `${status}` : redact(e.message ?? "authorization failed", secrets);
    return new AuthError(
      `${target} refused the request (${why})` +
        (challenge?.error ? `: ${challenge.error}` : "") +
        (challenge?.errorDescription ? ` — ${redact(challenge.errorDescription, secrets)}` : ""),
      {
        status,
        url: target,
        wwwAuthenticate: challenge?.raw,
        error: challenge?.error,
        scope: challenge?.scope,
        resourceMetadata: challenge?.resourceMetadata,
      },
      { cause: err },
    );
  }
  if (status !== undefined) {
    const body = excerpt(typeof e.data?.text === "string" ? e.data.text : "", secrets);
    return new HttpError(
      `${target} answered HTTP ${status}${body ? `: ${body}` : ""}`,
      { status, url: target, body },
      { cause: err },
    );
  }
  if (e.code === "CLIENT_HTTP_UNEXPECTED_CONTENT" || typeof e.data?.contentType === "string") {
    return new HttpError(`${target} answered with an unexpected content type`, {
      status: 200,
      url: target,
    }, { cause: err });
  }
  if (isLostConnection(err)) {
    return new ConnectionError(
      `the connection to ${target} was lost while reading the answer (${
        redact(describeNetworkError(err), secrets)
      })`,
      { cause: err },
    );
  }
  if (err instanceof SseError || name === "TypeError") {
    return new ConnectionError(
      `connection to ${target} failed: ${redact(e.message ?? "", secrets)}`,
      { cause: err },
    );
  }
  // only an HttpError has the code HTTP; an error status was handled above, so it was a 2xx
  return new HttpError(
    `invalid exchange with ${target}: ${redact(e.message ?? String(err), secrets)}`,
    { status: status ?? 200, url: target },
    { cause: err },
  );
}
