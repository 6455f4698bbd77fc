// The errors the transports throw, built in one place: messages name the URL and never carry a
// token.
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

/** The refusal of a request: 401/403, or an authorization that failed (`cause`). */
export function authError(
  url: URL,
  status: number | undefined,
  challenge: Challenge | undefined,
  secrets: readonly string[],
  cause?: unknown,
): AuthError {
  const target = displayUrl(url);
  const why = status
    ? `${status}`
    : redact((cause as Error | undefined)?.message ?? "authorization failed", secrets);
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
    cause === undefined ? undefined : { cause },
  );
}

/** An error status other than 401/403, with an excerpt of the body. */
export function statusError(
  url: URL,
  status: number,
  text: string,
  secrets: readonly string[],
): HttpError {
  const target = displayUrl(url);
  const body = excerpt(text, secrets);
  return new HttpError(
    `${target} answered HTTP ${status}${body ? `: ${body}` : ""}`,
    { status, url: target, body },
  );
}

/** A 2xx answer that is not what MCP allows (content type, JSON, JSON-RPC). */
export function malformedAnswer(
  url: URL,
  status: number,
  what: string,
  text: string,
  secrets: readonly string[],
  cause?: unknown,
): HttpError {
  const target = displayUrl(url);
  const body = excerpt(text, secrets);
  return new HttpError(
    `POST ${target} answered ${what}`,
    { status, url: target, body },
    cause === undefined ? undefined : { cause },
  );
}

/** A message of an answer that is not a JSON-RPC message (`cause`: the SDK's validation error). */
export function invalidExchange(url: URL, cause: unknown, secrets: readonly string[]): HttpError {
  const target = displayUrl(url);
  const why = redact((cause as Error | undefined)?.message ?? String(cause), secrets);
  return new HttpError(`invalid exchange with ${target}: ${why}`, { status: 200, url: target }, {
    cause,
  });
}

/** Any other failure (a stream that broke, an unexpected throw) as an mcpwire error. */
export function toTransportError(
  err: unknown,
  url: URL,
  secrets: readonly string[],
): McpwireError {
  if (err instanceof McpwireError) return err;
  const target = displayUrl(url);
  if (isLostConnection(err)) {
    return new ConnectionError(
      `the connection to ${target} was lost while reading the answer (${
        redact(describeNetworkError(err), secrets)
      })`,
      { cause: err },
    );
  }
  const why = redact((err as Error | undefined)?.message ?? String(err), secrets);
  return new ConnectionError(`connection to ${target} failed: ${why}`, { cause: err });
}
