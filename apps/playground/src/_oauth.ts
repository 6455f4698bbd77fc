// OAuth in the page: a URL server whose entry says `auth: "oauth"` authorizes through the open
// playground page. transport-http's `OAuth` runs the flow (discovery, registration, PKCE, token
// exchange, refresh); this subclass only moves its two browser-facing ends onto the playground:
// the authorization URL is offered to the page (a dialog with a link), and the authorization
// server redirects back to the playground's own origin. Tokens stay in this process's memory.
import { AuthError, OAuth } from "@mcpwire/transport-http";
import type { Hub } from "./_hub.ts";

/** Where the authorization server sends the browser back to, on the playground's origin. */
export const OAUTH_CALLBACK_PATH = "/playground/oauth/callback";

/** How long the page's person has to authorize (and so the first connection may wait). */
export const AUTHORIZE_MS = 300_000;

/** The longest another connection waits for a code exchange under way before going on. */
export const EXCHANGE_MS = 60_000;

/** A code exchange: the redirect URI and PKCE verifier its code was given for, and its end. */
interface Exchange {
  redirect: string;
  verifier: string;
  ended: Promise<void>;
  end(): void;
}

const isCodeExchange = (init: RequestInit | undefined) =>
  String(init?.body ?? "").includes("grant_type=authorization_code");

/** The authorizations waiting for their callback, by `state`, and the pages' first origin. */
export class OAuthCallbacks {
  #waiting = new Map<string, (params: URLSearchParams) => void>();
  #home: string | undefined;

  /**
   * Remembers the origin a page was first opened on: the redirect origin of a sign-in no page
   * asked for (a config server connecting by itself). Later pages never change it.
   */
  opened(origin: string): void {
    this.#home ??= origin;
  }

  /** The origin of sign-ins no page asked for. */
  get home(): string {
    return this.#home ?? "http://127.0.0.1";
  }

  /** Waits for the callback carrying `state`; returns the function that stops waiting. */
  wait(state: string, deliver: (params: URLSearchParams) => void): () => void {
    this.#waiting.set(state, deliver);
    return () => void this.#waiting.delete(state);
  }

  /** Hands a callback to its authorization; `false` when none waits for its `state`. */
  deliver(params: URLSearchParams): boolean {
    const deliver = this.#waiting.get(params.get("state") ?? "");
    deliver?.(params);
    return deliver !== undefined;
  }
}

/**
 * transport-http's `OAuth` with the playground page as its browser and callback.
 *
 * Each sign-in keeps the redirect origin it started with (the page that asked for the connection,
 * else the pages' first origin) until its code is exchanged. A sign-in shows one dialog; when it
 * fails, the restart back-off does not open another: the server fails with the reason until a
 * person asks again ({@linkcode PlaygroundOAuth.askedFrom}) or it connects. While a code is being
 * exchanged, another connection (a reconnect) waits for its tokens instead of signing in again.
 * The server's requests go through {@linkcode PlaygroundOAuth.fetch}, which sees an exchange
 * refused or failed: it ends there, and the next sign-in redirects where it is asked from.
 */
export class PlaygroundOAuth extends OAuth {
  readonly #server: () => string;
  readonly #hub: Hub;
  readonly #callbacks: OAuthCallbacks;
  #pending: Promise<URLSearchParams> | undefined;
  #allowed = true;
  /** The origin the next sign-in redirects to, when a page asked for it. */
  #asked: string | undefined;
  /** The redirect URI of the sign-in under way (its dialog shown, its code not exchanged yet). */
  #current: string | undefined;
  /**
   * The redirect URI and PKCE verifier of the sign-in whose code is being exchanged, taken from
   * that sign-in when its callback came: a page asking meanwhile
   * ({@linkcode PlaygroundOAuth.askedFrom}) or a sign-in it starts changes the next sign-in, never
   * this exchange (the token endpoint wants the URI and verifier the code was given for). It ends
   * when tokens are saved, the token endpoint refuses the code or cannot be reached, the server
   * connects or is removed, or another sign-in's code comes back.
   */
  #exchanging: Exchange | undefined;
  #dialogs = 1;
  #lastFailure: string | undefined;
  #cancel: ((reason: string) => void) | undefined;

  constructor(server: () => string, hub: Hub, callbacks: OAuthCallbacks) {
    // The callback is the playground's own route: a set port keeps `prepare()` from picking a
    // loopback port for a callback server that never runs.
    super({ tokenStorage: "memory", clientName: "mcpwire playground", callbackPort: 0 });
    this.#server = server;
    this.#hub = hub;
    this.#callbacks = callbacks;
  }

  override get redirectUrl(): string {
    return this.#exchanging?.redirect ?? this.#current ??
      `${this.#asked ?? this.#callbacks.home}${OAUTH_CALLBACK_PATH}`;
  }

  /**
   * A person asked this server to connect from a page on `origin` (added, edited, reconnected):
   * its next sign-in may show one dialog and redirects back to `origin`. A dialog already open
   * stays as it is, and a code already given back is exchanged with its own sign-in's redirect.
   */
  askedFrom(origin: string): void {
    if (this.#cancel) return;
    this.#asked = origin;
    this.#current = undefined;
    this.#dialogs = 1;
    this.#lastFailure = undefined;
  }

  /** The server connected: a later sign-in (its tokens refused) may show a dialog again. */
  connected(): void {
    this.#current = undefined;
    this.#exchanging?.end();
    this.#dialogs = 1;
    this.#lastFailure = undefined;
  }

  /** Ends a sign-in under way (its dialog closes): the server was removed. */
  cancel(reason: string): void {
    this.#cancel?.(reason);
    this.#exchanging?.end();
  }

  /**
   * The fetch of this server's requests (the client's `fetch` option): a code exchange that the
   * token endpoint refuses, or that cannot reach it, has ended.
   */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const exchange = isCodeExchange(init) ? this.#exchanging : undefined;
    try {
      const response = await fetch(input, init);
      if (exchange && !response.ok) {
        this.#lastFailure = `the authorization server refused the code (HTTP ${response.status})`;
        exchange.end();
      }
      return response;
    } catch (error) {
      exchange?.end();
      throw error;
    }
  };

  /** From a sign-in's callback on, its code is exchanged with its redirect and verifier. */
  #exchange(signIn: { redirect: string; verifier: string }): void {
    this.#exchanging?.end();
    let ended!: () => void;
    const exchange: Exchange = {
      ...signIn,
      ended: new Promise<void>((resolve) => (ended = resolve)),
      end: () => {
        if (this.#exchanging === exchange) this.#exchanging = undefined;
        ended();
      },
    };
    this.#exchanging = exchange;
  }

  override setRedirectsAllowed(allowed: boolean): void {
    this.#allowed = allowed;
    super.setRedirectsAllowed(allowed);
  }

  #error(message: string, url: string, cause?: unknown): AuthError {
    return new AuthError(`${message} (server '${this.#server()}')`, { url }, { cause });
  }

  /** Asks the page to open the authorization URL; the callback comes to the playground. */
  override redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    const url = authorizationUrl.href;
    if (!this.#allowed) {
      return Promise.reject(
        this.#error("the server still refuses after 3 authorizations; giving up", url),
      );
    }
    if (this.#hub.size === 0) {
      return Promise.reject(
        this.#error("cannot authorize: no playground page is open to sign in", url),
      );
    }
    if (this.#dialogs === 0) {
      const why = this.#lastFailure ?? "the last sign-in did not connect";
      return Promise.reject(this.#error(
        `not signed in: ${why}; press reconnect in the Server tab to sign in again`,
        url,
      ));
    }
    this.#dialogs--;
    const redirect = authorizationUrl.searchParams.get("redirect_uri") ?? this.redirectUrl;
    this.#current = redirect;
    // The SDK saved this sign-in's verifier just before.
    this.#pending = this.#ask(authorizationUrl, { redirect, verifier: super.codeVerifier() });
    this.#pending.catch(() => {}); // observed by the transport; never an unhandled rejection
    return Promise.resolve();
  }

  /**
   * Shows the dialog; resolves with the callback's parameters, rejects with why there are none.
   * From the callback on, the exchange uses this sign-in's redirect and verifier, whatever
   * happens meanwhile.
   */
  #ask(
    authorizationUrl: URL,
    signIn: { redirect: string; verifier: string },
  ): Promise<URLSearchParams> {
    const url = authorizationUrl.href;
    const state = authorizationUrl.searchParams.get("state") ?? "";
    const asked = new AbortController();
    const failed = (message: string, cause?: unknown) => {
      this.#lastFailure = message;
      this.#current = undefined;
      return this.#error(message, url, cause);
    };
    return new Promise<URLSearchParams>((resolve, reject) => {
      this.#cancel = (reason) => asked.abort(failed(reason));
      const timer = setTimeout(
        () => asked.abort(failed(`nobody authorized within ${AUTHORIZE_MS / 1000} s`)),
        AUTHORIZE_MS,
      );
      const stop = this.#callbacks.wait(state, (params) => {
        const error = params.get("error");
        if (error) reject(failed(`authorization was refused: ${error}`));
        else {
          this.#exchange(signIn);
          resolve(params);
        }
        asked.abort();
      });
      this.#hub.ask(
        "oauth",
        { server: this.#server(), url, authorizationServer: authorizationUrl.origin },
        asked.signal,
      )
        .then(() => reject(failed("authorization cancelled in the page")))
        .catch((error) => {
          const why = error instanceof Error ? error.message : String(error);
          reject(asked.signal.reason ?? failed(`cannot authorize: ${why}`, error));
        })
        .finally(() => (clearTimeout(timer), stop(), this.#cancel = undefined));
    });
  }

  /** Stores the tokens; a code exchange that saves them has ended. */
  override async saveTokens(tokens: Parameters<OAuth["saveTokens"]>[0]): Promise<void> {
    await super.saveTokens(tokens);
    this.#exchanging?.end();
  }

  /**
   * The stored tokens; while a code is being exchanged, those it brings, so a reconnect meanwhile
   * uses them instead of signing in again. An exchange not ended within
   * {@linkcode EXCHANGE_MS} is given up.
   */
  override async tokens(): ReturnType<OAuth["tokens"]> {
    const exchange = this.#exchanging;
    if (exchange) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<"late">((
        resolve,
      ) => (timer = setTimeout(resolve, EXCHANGE_MS, "late")));
      const outcome = await Promise.race([exchange.ended, late]).finally(() => clearTimeout(timer));
      if (outcome === "late") exchange.end();
    }
    return await super.tokens();
  }

  override codeVerifier(): string {
    return this.#exchanging?.verifier ?? super.codeVerifier();
  }

  override takeAuthorizationResponse(): Promise<URLSearchParams> | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }
}
