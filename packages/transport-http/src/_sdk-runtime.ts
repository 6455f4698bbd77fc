// What this package takes from the SDK at run time, all through its public API, in the one module
// loaded only when needed (see _load-sdk.ts): OAuth (`auth()`, DPoP), the SDK's own
// message parse for a message the hand-written check leaves to it, the machine-to-machine
// OAuth providers, and the SDK's HTTP error for a
// failed era probe (the SDK `Client` classifies that one error). A plain URL never loads it.
import {
  auth,
  type AuthResult,
  isStrictScopeSuperset,
  type JSONRPCMessage,
  type OAuthClientProvider,
  parseJSONRPCMessage,
  SdkErrorCode,
  SdkHttpError,
  withDpopFromProvider,
} from "@modelcontextprotocol/client";
import type { FetchLike } from "./_fetch.ts";

export {
  ClientCredentialsProvider,
  CrossAppAccessProvider,
  PrivateKeyJwtProvider,
} from "@modelcontextprotocol/client";

/** The options of one run of the SDK's `auth()`. */
export interface AuthRun {
  serverUrl: URL;
  resourceMetadataUrl: URL | undefined;
  scope: string | undefined;
  authorizationCode?: string;
  iss?: string;
  forceReauthorization?: boolean;
  fetchFn: FetchLike;
  skipIssuerMetadataValidation: boolean;
}

/** Runs the SDK's OAuth flow: refresh, discovery, registration, redirect or code exchange. */
export function runAuth(provider: OAuthClientProvider, run: AuthRun): Promise<AuthResult> {
  return auth(provider, run);
}

/** `fetch` signing DPoP proofs when the provider binds its tokens with DPoP; else `fetch`. */
export function dpopFetch(provider: OAuthClientProvider, fetch: FetchLike): FetchLike {
  return provider.dpop ? withDpopFromProvider(provider)(fetch) as FetchLike : fetch;
}

/** Whether `union` holds a scope `current` lacks (then a refresh cannot widen the grant). */
export function widensScope(union: string | undefined, current: string | undefined): boolean {
  return isStrictScopeSuperset(union, current);
}

/** The SDK's parse of a message (its zod schema); throws its own validation error. */
export function parseMessage(value: unknown): JSONRPCMessage {
  return parseJSONRPCMessage(value);
}

/** The error the SDK `Client`'s era probe reads a failed `server/discover` POST from. */
export function probeHttpError(status: number, statusText: string, text: string): Error {
  return new SdkHttpError(
    SdkErrorCode.ClientHttpNotImplemented,
    `Error POSTing to endpoint: ${text}`,
    { status, statusText, text },
  );
}
