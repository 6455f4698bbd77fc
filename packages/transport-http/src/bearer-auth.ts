import type { AuthProvider } from "@modelcontextprotocol/client";

/**
 * Sends `Authorization: Bearer <token>` on every request. The token is kept in a private field,
 * so it never shows up when the object is logged or inspected.
 *
 * @example
 * ```ts
 * import { BearerAuth, StreamableHttpTransport } from "@mcpwire/transport-http";
 * const transport = new StreamableHttpTransport("http://127.0.0.1:3000/mcp", {
 *   auth: new BearerAuth("my-api-key"),
 * });
 * ```
 */
export class BearerAuth implements AuthProvider {
  #token: string | (() => string | Promise<string>);

  /**
   * @param token the bearer token, or a function returning the current one (called per request)
   * @throws {TypeError} when the token is empty
   */
  constructor(token: string | (() => string | Promise<string>)) {
    if (typeof token === "string" ? token.length === 0 : typeof token !== "function") {
      throw new TypeError("BearerAuth needs a non-empty token or a function returning one");
    }
    this.#token = token;
  }

  /** Returns the current token. */
  async token(): Promise<string | undefined> {
    return typeof this.#token === "string" ? this.#token : await this.#token();
  }

  /** The token itself when it is a fixed string, for redaction in messages. */
  get fixedToken(): string | undefined {
    return typeof this.#token === "string" ? this.#token : undefined;
  }

  /** What logging shows instead of the token. */
  toJSON(): string {
    return "BearerAuth([redacted])";
  }
}
