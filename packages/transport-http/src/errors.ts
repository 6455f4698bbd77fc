/**
 * The HTTP errors of `@mcpwire/transport-http`, part of mcpwire's error hierarchy.
 *
 * @module
 */
import { McpwireError } from "@mcpwire/core";

/** What an {@linkcode HttpError} knows about the failed response. */
export interface HttpErrorDetails {
  /** The HTTP status code, such as 500. */
  status: number;
  /** The URL that answered, without query string or credentials. */
  url: string;
  /** The first few hundred characters of the response body, secrets removed. */
  body?: string;
}

/**
 * A server answered an HTTP request with an error status (other than 401/403), or with a response
 * that is not valid MCP (wrong content type, invalid JSON).
 *
 * @example
 * ```ts
 * import { HttpError } from "@mcpwire/transport-http";
 * const err = new HttpError("POST http://127.0.0.1:3000/mcp answered 500", {
 *   status: 500,
 *   url: "http://127.0.0.1:3000/mcp",
 * });
 * console.log(err.code, err.status); // "HTTP" 500
 * ```
 */
export class HttpError extends McpwireError<"HTTP"> {
  /** The HTTP status code. */
  readonly status: number;
  /** The URL that answered, without query string or credentials. */
  readonly url: string;
  /** A short excerpt of the response body, secrets removed. */
  readonly body: string | undefined;

  /**
   * @param message what failed, naming the URL
   * @param details status, URL and body excerpt
   * @param options `cause`
   */
  constructor(message: string, details: HttpErrorDetails, options?: ErrorOptions) {
    super("HTTP", message, options);
    this.name = "HttpError";
    this.status = details.status;
    this.url = details.url;
    this.body = details.body;
  }
}

/** What an {@linkcode AuthError} knows about the refusal. */
export interface AuthErrorDetails {
  /** 401 or 403, or undefined when the OAuth flow itself failed. */
  status?: number;
  /** The URL that refused, without query string or credentials. */
  url: string;
  /** The raw `WWW-Authenticate` header of the refusal, if any. */
  wwwAuthenticate?: string;
  /** The `error` parameter of the challenge, such as `invalid_token` or `insufficient_scope`. */
  error?: string;
  /** The `scope` parameter of the challenge. */
  scope?: string;
  /** The `resource_metadata` parameter of the challenge. */
  resourceMetadata?: string;
}

/**
 * A server refused the request (401 or 403), or authorization could not be obtained.
 * The `Authorization` value is never part of the message.
 *
 * @example
 * ```ts
 * import { AuthError } from "@mcpwire/transport-http";
 * const err = new AuthError("http://127.0.0.1:3000/mcp refused the token (401)", {
 *   status: 401,
 *   url: "http://127.0.0.1:3000/mcp",
 *   wwwAuthenticate: 'Bearer error="invalid_token"',
 *   error: "invalid_token",
 * });
 * console.log(err.code, err.error); // "AUTH" "invalid_token"
 * ```
 */
export class AuthError extends McpwireError<"AUTH"> {
  /** 401 or 403, or undefined when the OAuth flow itself failed. */
  readonly status: number | undefined;
  /** The URL that refused. */
  readonly url: string;
  /** The raw `WWW-Authenticate` header, if any. */
  readonly wwwAuthenticate: string | undefined;
  /** The challenge's `error` parameter. */
  readonly error: string | undefined;
  /** The challenge's `scope` parameter. */
  readonly scope: string | undefined;
  /** The challenge's `resource_metadata` parameter. */
  readonly resourceMetadata: string | undefined;

  /**
   * @param message what was refused, naming the URL
   * @param details status and challenge parameters
   * @param options `cause`
   */
  constructor(message: string, details: AuthErrorDetails, options?: ErrorOptions) {
    super("AUTH", message, options);
    this.name = "AuthError";
    this.status = details.status;
    this.url = details.url;
    this.wwwAuthenticate = details.wwwAuthenticate;
    this.error = details.error;
    this.scope = details.scope;
    this.resourceMetadata = details.resourceMetadata;
  }
}
