/**
 * `@mcpwire/transport-http`: Streamable HTTP and legacy SSE transports for MCP clients, with
 * bearer tokens and OAuth, session recovery, SSE fallback and typed errors. `@mcpwire/core` loads
 * it when a `Client` is given an `http(s)://` URL; it also works with the SDK's own `Client`.
 *
 * @example
 * ```ts
 * import { createUrlTransport } from "@mcpwire/transport-http";
 * const transport = createUrlTransport(new URL("http://127.0.0.1:3000/mcp"), { auth: "token" });
 * ```
 *
 * @module
 */
export { BearerAuth } from "./bearer-auth.ts";
export { createUrlTransport, isSseUrl } from "./create-url-transport.ts";
export { AuthError, type AuthErrorDetails, HttpError, type HttpErrorDetails } from "./errors.ts";
export type { FetchLike } from "./_fetch.ts";
export type { HttpTransportOptions } from "./_options.ts";
export { SseTransport } from "./sse-transport.ts";
export { StreamableHttpTransport } from "./streamable-http-transport.ts";
export { OAuth, type OAuthOptions } from "./oauth.ts";
export {
  FileTokenStorage,
  MemoryTokenStorage,
  type StoredCredentials,
  type TokenStorage,
} from "./token-storage.ts";
export {
  ClientCredentialsProvider,
  CrossAppAccessProvider,
  PrivateKeyJwtProvider,
} from "./sdk-providers.ts";

import { registerPackage } from "@mcpwire/core";
import { createUrlTransport as urlTransport } from "./create-url-transport.ts";
// Lets core find this package where it cannot import it itself (on JSR).
registerPackage("@mcpwire/transport-http", { createUrlTransport: urlTransport });
