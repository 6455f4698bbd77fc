import type {
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthDiscoveryState,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from "@modelcontextprotocol/client";
import { AuthError } from "./errors.ts";
import { displayUrl } from "./_http.ts";
import type { InteractiveAuthorization } from "./_interactive.ts";
import { listenForCallback, openInBrowser, pickPort } from "./_loopback.ts";
import {
  FileTokenStorage,
  MemoryTokenStorage,
  type StoredCredentials,
  type TokenStorage,
} from "./token-storage.ts";

/** Options of {@linkcode OAuth}; all optional. */
export interface OAuthOptions {
  /** Scopes to ask for when the server does not say which (string or list). */
  scopes?: string | string[];
  /** `client_name` for dynamic registration. Default `"mcpwire"`. */
  clientName?: string;
  /** An https URL of a client metadata document (CIMD), used as `client_id` where supported. */
  clientMetadataUrl?: string;
  /** A pre-registered client id (skips dynamic registration). */
  clientId?: string;
  /** The pre-registered client's secret. */
  clientSecret?: string;
  /** Port of the loopback callback server on 127.0.0.1. Default: a free port. */
  callbackPort?: number;
  /** `"memory"`, a folder for {@linkcode FileTokenStorage}, or a {@linkcode TokenStorage}. Default `~/.mcpwire/oauth`. */
  tokenStorage?: "memory" | string | TokenStorage;
  /** Opens the authorization URL; replace it for headless use. Default: the system browser. */
  openBrowser?: (url: URL) => void | Promise<void>;
  /** How long to wait for the user to authorize, in ms. Default 300 000. */
  callbackTimeout?: number;
}

const CALLBACK_PATH = "/callback";

/**
 * OAuth 2.1 authorization-code flow with PKCE for MCP servers, built on the SDK's `auth()`:
 * discovery, dynamic client registration or a client metadata document (CIMD), a loopback
 * callback server on 127.0.0.1, the user's browser (or your `openBrowser`), token storage keyed
 * by server (on disk, mode 0600, by default) and refresh. Pass it as `auth` to a transport, or
 * `auth: "oauth"` for the defaults.
 *
 * @example
 * ```ts
 * import { OAuth, StreamableHttpTransport } from "@mcpwire/transport-http";
 * const transport = new StreamableHttpTransport("https://example.com/mcp", {
 *   auth: new OAuth({ scopes: ["read"], clientName: "my-cli", tokenStorage: "memory" }),
 * });
 * ```
 */
export class OAuth implements OAuthClientProvider, InteractiveAuthorization {
  /** The client metadata document URL, when set. */
  readonly clientMetadataUrl: string | undefined;
  readonly #options: OAuthOptions;
  readonly #storage: TokenStorage;
  #key = "default";
  #port: number | undefined;
  #verifier = "";
  #state = "";
  #pending: Promise<URLSearchParams> | undefined;
  #cache: StoredCredentials | undefined;
  #redirectsAllowed = true;

  /** @param options scopes, client, callback port, token storage, browser hook */
  constructor(options: OAuthOptions = {}) {
    if (options.clientSecret && !options.clientId) {
      throw new TypeError("OAuth: clientSecret needs clientId");
    }
    this.#options = options;
    this.#port = options.callbackPort;
    this.clientMetadataUrl = options.clientMetadataUrl;
    const storage = options.tokenStorage;
    this.#storage = storage === "memory"
      ? new MemoryTokenStorage()
      : typeof storage === "object"
      ? storage
      : new FileTokenStorage(storage);
  }

  /**
   * Binds this provider to a server (the storage key) and picks the callback port.
   * Transports call it before the first request.
   *
   * @param serverUrl the MCP server's URL
   */
  async prepare(serverUrl: URL): Promise<void> {
    this.#key = displayUrl(serverUrl);
    this.#cache = undefined;
    // Reuse the port of a stored registration, so its redirect URI (and refresh) stay valid.
    this.#port ??= registeredPort(await this.#load()) ?? await pickPort();
  }

  /** The loopback URL the authorization server redirects to. */
  get redirectUrl(): string {
    return `http://127.0.0.1:${this.#port ?? 0}${CALLBACK_PATH}`;
  }

  /** What dynamic registration sends. */
  get clientMetadata(): OAuthClientMetadata {
    const scopes = this.#options.scopes;
    return {
      client_name: this.#options.clientName ?? "mcpwire",
      redirect_uris: [this.redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: this.#options.clientSecret ? "client_secret_basic" : "none",
      ...(scopes ? { scope: Array.isArray(scopes) ? scopes.join(" ") : scopes } : {}),
    };
  }

  /** A fresh `state` for each authorization request. */
  state(): string {
    this.#state = crypto.randomUUID();
    return this.#state;
  }

  /** The registered client: the pre-registered one, or the stored registration. */
  async clientInformation(): Promise<StoredOAuthClientInformation | undefined> {
    if (this.#options.clientId) {
      return {
        client_id: this.#options.clientId,
        ...(this.#options.clientSecret ? { client_secret: this.#options.clientSecret } : {}),
      };
    }
    const info = (await this.#load()).clientInformation;
    const uris = (info as { redirect_uris?: string[] } | undefined)?.redirect_uris;
    // A registration made for another callback port cannot be used with this one.
    if (info && uris && !uris.includes(this.redirectUrl) && !this.clientMetadataUrl) {
      return undefined;
    }
    return info;
  }

  /** Stores a dynamic registration. */
  async saveClientInformation(info: StoredOAuthClientInformation): Promise<void> {
    await this.#save({ clientInformation: info });
  }

  /** The stored tokens. */
  async tokens(): Promise<StoredOAuthTokens | undefined> {
    return (await this.#load()).tokens;
  }

  /** Stores new tokens. */
  async saveTokens(tokens: StoredOAuthTokens): Promise<void> {
    await this.#save({ tokens });
  }

  /** Cached discovery. */
  async discoveryState(): Promise<OAuthDiscoveryState | undefined> {
    return (await this.#load()).discoveryState;
  }

  /** Caches discovery. */
  async saveDiscoveryState(state: OAuthDiscoveryState): Promise<void> {
    await this.#save({ discoveryState: state });
  }

  /** Starts the callback server, then opens the authorization URL. */
  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    if (!this.#redirectsAllowed) {
      throw new AuthError(
        `${this.#key} still refuses after 3 authorizations; giving up`,
        { url: this.#key },
      );
    }
    const port = this.#port ??= await pickPort();
    const callback = await listenForCallback(
      port,
      CALLBACK_PATH,
      this.#options.callbackTimeout ?? 300_000,
    ).catch((err: unknown) => {
      const code = (err as { code?: string } | undefined)?.code ?? String(err);
      throw new AuthError(
        `cannot listen for the authorization callback on 127.0.0.1:${port} (${code}); ` +
          "choose another callbackPort",
        { url: this.#key },
        { cause: err },
      );
    });
    const expected = authorizationUrl.searchParams.get("state") ?? this.#state;
    this.#pending = callback.result.then((params) => this.#checkCallback(params, expected));
    this.#pending.catch(() => {}); // observed by the transport; never an unhandled rejection
    await (this.#options.openBrowser ?? openInBrowser)(authorizationUrl);
  }

  /** The pending callback, handed to the transport once. */
  takeAuthorizationResponse(): Promise<URLSearchParams> | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }

  /** While false, `redirectToAuthorization` fails instead of opening the browser. */
  setRedirectsAllowed(allowed: boolean): void {
    this.#redirectsAllowed = allowed;
  }

  /** Keeps the PKCE verifier for the exchange. */
  saveCodeVerifier(codeVerifier: string): void {
    this.#verifier = codeVerifier;
  }

  /** The PKCE verifier of the current authorization. */
  codeVerifier(): string {
    return this.#verifier;
  }

  /** Forgets what the server said is no longer valid. */
  async invalidateCredentials(
    scope: "all" | "client" | "tokens" | "verifier" | "discovery",
  ): Promise<void> {
    if (scope === "verifier") return void (this.#verifier = "");
    if (scope === "all") {
      this.#cache = {};
      return await this.#storage.delete(this.#key);
    }
    const field = scope === "client"
      ? "clientInformation"
      : scope === "tokens"
      ? "tokens"
      : "discoveryState";
    const current = { ...(await this.#load()) };
    delete current[field];
    this.#cache = current;
    await this.#storage.set(this.#key, current);
  }

  /** What logging shows instead of the provider's state. */
  toJSON(): string {
    return "OAuth([redacted])";
  }

  #checkCallback(params: URLSearchParams, expectedState: string): URLSearchParams {
    const error = params.get("error");
    if (error) {
      throw new AuthError(`authorization for ${this.#key} was refused: ${error}`, {
        url: this.#key,
        error,
      });
    }
    if (expectedState && params.get("state") !== expectedState) {
      throw new AuthError(`authorization callback for ${this.#key} has a wrong state`, {
        url: this.#key,
      });
    }
    return params;
  }

  async #load(): Promise<StoredCredentials> {
    this.#cache ??= (await this.#storage.get(this.#key)) ?? {};
    return this.#cache;
  }

  async #save(part: StoredCredentials): Promise<void> {
    const next = { ...(await this.#load()), ...part };
    this.#cache = next;
    await this.#storage.set(this.#key, next);
  }
}

function registeredPort(stored: StoredCredentials): number | undefined {
  const uris = (stored.clientInformation as { redirect_uris?: unknown } | undefined)?.redirect_uris;
  const first = Array.isArray(uris) ? uris[0] : undefined;
  const match = typeof first === "string"
    ? /^http:\/\/127\.0\.0\.1:(\d+)\/callback$/.exec(first)
    : null;
  return match ? Number(match[1]) : undefined;
}
