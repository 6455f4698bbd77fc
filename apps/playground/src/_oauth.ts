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

/** The authorizations waiting for their callback, by `state`, and the page's origin. */
export class OAuthCallbacks {
  #waiting = new Map<string, (params: URLSearchParams) => void>();
  #origin = "http://127.0.0.1";

  /** Remembers the origin the pages use (the callback must come back to it). */
  seen(origin: string): void {
    this.#origin = origin;
  }

  /** The redirect URI on the playground's origin. */
  get redirectUrl(): string {
    return `${this.#origin}${OAUTH_CALLBACK_PATH}`;
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

/** transport-http's `OAuth` with the playground page as its browser and callback. */
export class PlaygroundOAuth extends OAuth {
  readonly #server: () => string;
  readonly #hub: Hub;
  readonly #callbacks: OAuthCallbacks;
  #pending: Promise<URLSearchParams> | undefined;
  #allowed = true;

  constructor(server: () => string, hub: Hub, callbacks: OAuthCallbacks) {
    super({ tokenStorage: "memory", clientName: "mcpwire playground" });
    this.#server = server;
    this.#hub = hub;
    this.#callbacks = callbacks;
  }

  override get redirectUrl(): string {
    return this.#callbacks.redirectUrl;
  }

  override setRedirectsAllowed(allowed: boolean): void {
    this.#allowed = allowed;
    super.setRedirectsAllowed(allowed);
  }

  /** Asks the page to open the authorization URL; the callback comes to the playground. */
  override redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    const server = this.#server();
    const url = authorizationUrl.href;
    const fail = (message: string, cause?: unknown) =>
      new AuthError(`${message} (server '${server}')`, { url }, { cause });
    if (!this.#allowed) {
      return Promise.reject(fail("the server still refuses after 3 authorizations; giving up"));
    }
    const state = authorizationUrl.searchParams.get("state") ?? "";
    const asked = new AbortController();
    this.#pending = new Promise<URLSearchParams>((resolve, reject) => {
      const timer = setTimeout(
        () => asked.abort(fail(`nobody authorized within ${AUTHORIZE_MS / 1000} s`)),
        AUTHORIZE_MS,
      );
      const stop = this.#callbacks.wait(state, (params) => {
        const error = params.get("error");
        if (error) reject(fail(`authorization was refused: ${error}`));
        else resolve(params);
        asked.abort();
      });
      this.#hub.ask(
        "oauth",
        { server, url, authorizationServer: authorizationUrl.origin },
        asked.signal,
      )
        .then(() => reject(fail("authorization cancelled in the page")))
        .catch((error) => {
          const why = error instanceof Error ? error.message : String(error);
          reject(asked.signal.reason ?? fail(`cannot authorize: ${why}`, error));
        })
        .finally(() => (clearTimeout(timer), stop()));
    });
    this.#pending.catch(() => {}); // observed by the transport; never an unhandled rejection
    return Promise.resolve();
  }

  override takeAuthorizationResponse(): Promise<URLSearchParams> | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }
}
