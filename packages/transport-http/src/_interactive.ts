// The seam between the transports and an interactive OAuth provider (our `OAuth`): after the SDK's
// `auth()` asked the provider to open the authorization URL, the transport waits for the callback
// here, then finishes the exchange and retries the request.

/** A provider that can hand the transport the result of the user's authorization. */
export interface InteractiveAuthorization {
  /** The callback's query parameters, once a redirect is under way; undefined otherwise. */
  takeAuthorizationResponse(): Promise<URLSearchParams> | undefined;
  /** While false, a new authorization request fails instead of opening the browser. */
  setRedirectsAllowed(allowed: boolean): void;
}

/** Whether a provider can complete an authorization while a request waits. */
export function isInteractive(value: unknown): value is InteractiveAuthorization {
  return typeof (value as Partial<InteractiveAuthorization> | undefined)
    ?.takeAuthorizationResponse ===
    "function";
}

/** At most this many authorization round trips per request, as the MCP spec advises. */
export const MAX_AUTHORIZATIONS = 3;

/** Lets a provider that needs it (our `OAuth`) learn the server URL before the first request. */
export async function preparedAuth(provider: unknown, serverUrl: URL): Promise<void> {
  const prepare = (provider as { prepare?: (url: URL) => Promise<void> } | undefined)?.prepare;
  if (typeof prepare === "function") await prepare.call(provider, serverUrl);
}
