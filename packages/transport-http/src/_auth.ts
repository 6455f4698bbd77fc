// Authorization for both transports: the token each request carries, and what to do when the
// server refuses one (401, or 403 `insufficient_scope`). OAuth providers go through the SDK's
// public `auth()`, loaded with the rest of the SDK only when the provider is an OAuth one.
import type { AuthProvider, OAuthClientProvider } from "@modelcontextprotocol/client";
import { McpwireError } from "@mcpwire/core";
import type { FetchLike, HttpRequests } from "./_fetch.ts";
import { type Challenge, parseChallenge } from "./_http.ts";
import { isInteractive, MAX_AUTHORIZATIONS, preparedAuth } from "./_interactive.ts";
import { loadSdk, type SdkRuntime } from "./_load-sdk.ts";
import { authError } from "./_map-error.ts";
import { isDeferredProvider } from "./sdk-providers.ts";

/** Whether a provider is an OAuth client (it has `tokens()` and `clientInformation()`). */
export function isOAuthProvider(provider: unknown): provider is OAuthClientProvider {
  const p = provider as Partial<OAuthClientProvider> | undefined;
  return typeof p?.tokens === "function" && typeof p.clientInformation === "function";
}

/** What one request has spent on authorization so far (each request retries a bounded number of times). */
export interface AuthRound {
  authorizations: number;
  refreshed: boolean;
  stepUps: number;
}

/** A fresh round for one request. */
export function newRound(): AuthRound {
  return { authorizations: 0, refreshed: false, stepUps: 0 };
}

/** The auth state of one transport: provider, the server's last challenge, scopes asked for. */
export class AuthSession {
  /** The provider (the SDK's own once a deferred one was built). */
  provider: AuthProvider | OAuthClientProvider | undefined;
  /** The last 401/403 challenge seen, for error messages. */
  lastChallenge: Challenge | undefined;
  readonly #url: URL;
  readonly #fetchFn: FetchLike;
  readonly #skipIssuerMetadataValidation: boolean;
  readonly #secrets: () => string[];
  #resourceMetadataUrl: URL | undefined;
  #scope: string | undefined;
  #runtime: SdkRuntime | undefined;

  /**
   * @param fetchFn the fetch for the authorization server (the user's, with the user's headers)
   */
  constructor(
    provider: AuthProvider | OAuthClientProvider | undefined,
    url: URL,
    fetchFn: FetchLike,
    skipIssuerMetadataValidation: boolean,
    secrets: () => string[],
  ) {
    this.provider = provider;
    this.#url = url;
    this.#fetchFn = fetchFn;
    this.#skipIssuerMetadataValidation = skipIssuerMetadataValidation;
    this.#secrets = secrets;
  }

  /**
   * Binds the provider to the server and, for OAuth, loads the SDK's auth and signs requests
   * with DPoP when the provider asks for it.
   */
  async prepare(requests: HttpRequests): Promise<void> {
    if (isDeferredProvider(this.provider)) this.provider = await this.provider.load();
    await preparedAuth(this.provider, this.#url);
    if (!isOAuthProvider(this.provider) || this.#runtime) return;
    this.#runtime = await loadSdk();
    requests.fetch = this.#runtime.dpopFetch(this.provider, requests.fetch);
  }

  /** The access token to send now, or undefined (a promise only when there is a provider). */
  token(): Promise<string | undefined> | undefined {
    const provider = this.provider;
    if (!provider) return undefined;
    if (isOAuthProvider(provider)) {
      return Promise.resolve(provider.tokens()).then((tokens) => tokens?.access_token);
    }
    return provider.token();
  }

  /**
   * Handles a 401 or 403 answer: resolves when the request should be sent again (a token was
   * refreshed or obtained), throws `AuthError` when it should fail.
   */
  async recover(response: Response, round: AuthRound): Promise<void> {
    try {
      await this.#recover(response, round);
    } finally {
      await response.body?.cancel().catch(() => {});
    }
  }

  async #recover(response: Response, round: AuthRound): Promise<void> {
    const status = response.status;
    const challenge = parseChallenge(response.headers.get("www-authenticate"));
    this.lastChallenge = challenge;
    const refuse = (cause?: unknown) =>
      authError(this.#url, status, challenge, this.#secrets(), cause);
    const provider = this.provider;
    if (!provider) throw refuse();
    if (challenge?.resourceMetadata) {
      try {
        this.#resourceMetadataUrl = new URL(challenge.resourceMetadata);
      } catch {
        // an unusable resource_metadata: discovery falls back to the well-known URLs
      }
    }
    if (status === 403) {
      if (challenge?.error !== "insufficient_scope" || !isOAuthProvider(provider)) throw refuse();
      if (round.stepUps >= 1) throw refuse();
      round.stepUps++;
      const current = (await provider.tokens())?.scope;
      this.#scope = scopeUnion(this.#scope, current, challenge.scope);
      return await this.#authorize(round, refuse, this.#runtime?.widensScope(this.#scope, current));
    }
    this.#scope = scopeUnion(this.#scope, challenge?.scope);
    if (isOAuthProvider(provider)) return await this.#authorize(round, refuse, false);
    if (!provider.onUnauthorized || round.refreshed) throw refuse();
    round.refreshed = true;
    try {
      await provider.onUnauthorized({ response, serverUrl: this.#url, fetchFn: this.#fetchFn });
    } catch (err) {
      throw refuse(err);
    }
  }

  /** Runs `auth()`; when it needs the user, waits for an interactive provider's callback. */
  async #authorize(
    round: AuthRound,
    refuse: (cause?: unknown) => Error,
    force: boolean | undefined,
  ): Promise<void> {
    const provider = this.provider as OAuthClientProvider;
    if (round.authorizations >= MAX_AUTHORIZATIONS) throw refuse();
    round.authorizations++;
    const runtime = this.#runtime ??= await loadSdk();
    const run = {
      serverUrl: this.#url,
      resourceMetadataUrl: this.#resourceMetadataUrl,
      scope: this.#scope,
      fetchFn: this.#fetchFn,
      skipIssuerMetadataValidation: this.#skipIssuerMetadataValidation,
      ...(force ? { forceReauthorization: true } : {}),
    };
    try {
      if (await runtime.runAuth(provider, run) === "AUTHORIZED") return;
      const pending = isInteractive(provider) ? provider.takeAuthorizationResponse() : undefined;
      if (!pending) throw refuse();
      const params = await pending;
      const code = params.get("code");
      if (!code) throw refuse();
      const iss = params.get("iss") ?? undefined;
      const result = await runtime.runAuth(provider, { ...run, authorizationCode: code, iss });
      if (result !== "AUTHORIZED") throw refuse();
    } catch (err) {
      if (err instanceof McpwireError) throw err;
      throw authError(this.#url, undefined, this.lastChallenge, this.#secrets(), err);
    }
  }
}

/** The union of space-separated scope lists, in first-seen order; undefined when empty. */
function scopeUnion(...scopes: (string | undefined)[]): string | undefined {
  const seen = new Set<string>();
  for (const scope of scopes) for (const s of scope?.split(/\s+/) ?? []) if (s) seen.add(s);
  return seen.size ? [...seen].join(" ") : undefined;
}
