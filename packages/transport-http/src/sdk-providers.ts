/**
 * The SDK's machine-to-machine OAuth providers, offered here without loading the SDK when this
 * package is imported: each class below builds the SDK's own provider (with the same options)
 * the first time a transport starts with it, and the transport then uses the SDK's one.
 *
 * @module
 */
import type {
  ClientCredentialsProviderOptions,
  CrossAppAccessProviderOptions,
  OAuthClientMetadata,
  OAuthClientProvider,
  PrivateKeyJwtProviderOptions,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from "@modelcontextprotocol/client";
import { loadSdk, type SdkRuntime } from "./_load-sdk.ts";

/** What a provider that builds the SDK's own on first use offers a transport. */
export interface DeferredProvider {
  /** Builds (once) and returns the SDK's provider. */
  load(): Promise<OAuthClientProvider>;
}

/** Whether `value` is one of the deferred providers below. */
export function isDeferredProvider(value: unknown): value is DeferredProvider {
  return value instanceof SdkProvider;
}

/** The common part: the SDK's provider once built, every member delegated to it. */
abstract class SdkProvider implements OAuthClientProvider, DeferredProvider {
  #sdk: OAuthClientProvider | undefined;

  protected abstract build(sdk: SdkRuntime): OAuthClientProvider;

  /** Builds (once) and returns the SDK's provider; transports call it in `start()`. */
  async load(): Promise<OAuthClientProvider> {
    return this.#sdk ??= this.build(await loadSdk());
  }

  #built(): OAuthClientProvider {
    if (this.#sdk) return this.#sdk;
    throw new Error(
      `${this.constructor.name} is used before a transport started with it (await load() first)`,
    );
  }

  /** Delegated to the SDK's provider. */
  get redirectUrl(): string | URL | undefined {
    return this.#built().redirectUrl;
  }

  /** Delegated to the SDK's provider. */
  get clientMetadata(): OAuthClientMetadata {
    return this.#built().clientMetadata;
  }

  /** Delegated to the SDK's provider. */
  clientInformation():
    | StoredOAuthClientInformation
    | undefined
    | Promise<StoredOAuthClientInformation | undefined> {
    return this.#built().clientInformation();
  }

  /** Delegated to the SDK's provider. */
  tokens(): StoredOAuthTokens | undefined | Promise<StoredOAuthTokens | undefined> {
    return this.#built().tokens();
  }

  /** Delegated to the SDK's provider. */
  saveTokens(tokens: StoredOAuthTokens): void | Promise<void> {
    return this.#built().saveTokens(tokens);
  }

  /** Delegated to the SDK's provider. */
  redirectToAuthorization(url: URL): void | Promise<void> {
    return this.#built().redirectToAuthorization(url);
  }

  /** Delegated to the SDK's provider. */
  saveCodeVerifier(verifier: string): void | Promise<void> {
    return this.#built().saveCodeVerifier(verifier);
  }

  /** Delegated to the SDK's provider. */
  codeVerifier(): string | Promise<string> {
    return this.#built().codeVerifier();
  }
}

/**
 * OAuth client credentials grant with a client secret (the SDK's `ClientCredentialsProvider`).
 *
 * @example
 * ```ts
 * import { ClientCredentialsProvider, StreamableHttpTransport } from "@mcpwire/transport-http";
 * new StreamableHttpTransport("https://example.com/mcp", {
 *   auth: new ClientCredentialsProvider({ clientId: "svc", clientSecret: "secret" }),
 * });
 * ```
 */
export class ClientCredentialsProvider extends SdkProvider {
  readonly #options: ClientCredentialsProviderOptions;

  /** @param options as the SDK's `ClientCredentialsProvider` takes them */
  constructor(options: ClientCredentialsProviderOptions) {
    super();
    this.#options = options;
  }

  protected build(sdk: SdkRuntime): OAuthClientProvider {
    return new sdk.ClientCredentialsProvider(this.#options);
  }
}

/**
 * OAuth client credentials grant with a private-key JWT (the SDK's `PrivateKeyJwtProvider`).
 *
 * @example
 * ```ts
 * import { PrivateKeyJwtProvider, StreamableHttpTransport } from "@mcpwire/transport-http";
 * const pem = "-----BEGIN PRIVATE KEY-----\n…";
 * new StreamableHttpTransport("https://example.com/mcp", {
 *   auth: new PrivateKeyJwtProvider({ clientId: "svc", privateKey: pem, algorithm: "ES256" }),
 * });
 * ```
 */
export class PrivateKeyJwtProvider extends SdkProvider {
  readonly #options: PrivateKeyJwtProviderOptions;

  /** @param options as the SDK's `PrivateKeyJwtProvider` takes them */
  constructor(options: PrivateKeyJwtProviderOptions) {
    super();
    this.#options = options;
  }

  protected build(sdk: SdkRuntime): OAuthClientProvider {
    return new sdk.PrivateKeyJwtProvider(this.#options);
  }
}

/**
 * Cross-app access (an identity provider's JWT authorization grant), the SDK's
 * `CrossAppAccessProvider`.
 *
 * @example
 * ```ts
 * import { CrossAppAccessProvider } from "@mcpwire/transport-http";
 * new CrossAppAccessProvider({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   assertion: () => Promise.resolve("id-jag-from-your-idp"),
 * });
 * ```
 */
export class CrossAppAccessProvider extends SdkProvider {
  readonly #options: CrossAppAccessProviderOptions;

  /** @param options as the SDK's `CrossAppAccessProvider` takes them */
  constructor(options: CrossAppAccessProviderOptions) {
    super();
    this.#options = options;
  }

  protected build(sdk: SdkRuntime): OAuthClientProvider {
    return new sdk.CrossAppAccessProvider(this.#options);
  }
}
