/**
 * The reference-counted connection behind a `Client`: one session shared by every holder,
 * opened on the first `connect()` (or on first use), closed by the last release or `close()`.
 */
import { NotConnectedError } from "./errors.ts";
import { mapError } from "./_map-error.ts";
import { type Notifications, reportHandlerError } from "./_notifications.ts";
import { Session } from "./_session.ts";
import type { Source } from "./_sources.ts";
import type { ClientOptions, ProgressHandler, RequestOptions, RootsOption } from "./types.ts";

// The options of a request that sets none (and whose client sets no defaults): shared, so that
// such a request allocates no options object.
const NO_OPTIONS = Object.freeze({
  timeout: undefined,
  signal: undefined,
  resetTimeoutOnProgress: undefined,
  maxTotalTimeout: undefined,
  onProgress: undefined,
});

/**
 * A request's options with the client's defaults filled in, and its progress handler when it has
 * one (a tool call), in one object (a shared frozen one when every field is unset).
 */
export function requestOptions(
  options: RequestOptions | undefined,
  defaults: Readonly<ClientOptions>,
  onProgress?: ProgressHandler,
): RequestOptions & { onProgress?: ProgressHandler } {
  const timeout = options?.timeout ?? defaults.timeout;
  const signal = options?.signal;
  const resetTimeoutOnProgress = options?.resetTimeoutOnProgress ??
    defaults.resetTimeoutOnProgress;
  const maxTotalTimeout = options?.maxTotalTimeout ?? defaults.maxTotalTimeout;
  if (
    timeout === undefined && signal === undefined && resetTimeoutOnProgress === undefined &&
    maxTotalTimeout === undefined && onProgress === undefined
  ) {
    return NO_OPTIONS as RequestOptions & { onProgress?: ProgressHandler };
  }
  return {
    timeout,
    signal,
    resetTimeoutOnProgress,
    maxTotalTimeout,
    onProgress,
  } as RequestOptions & { onProgress?: ProgressHandler };
}

/** The connection state of one client. */
export class Connection {
  readonly #source: Source;
  readonly #options: Readonly<ClientOptions>;
  readonly #label: string;
  readonly #notifications: Notifications;
  #refs = 0;
  #session: Session | undefined;
  #connecting: Promise<Session> | undefined;
  /** The session whose handshake is running. */
  #opening: Session | undefined;
  #closing: Promise<void> | undefined;
  #used = false;
  /** The name the server gave in its last handshake, kept once its session is gone. */
  #named: string | undefined;
  /** The roots offered to the server; `setRoots()` replaces them. */
  roots: RootsOption | undefined;

  constructor(
    source: Source,
    options: Readonly<ClientOptions>,
    label: string,
    notifications: Notifications,
  ) {
    this.#source = source;
    this.#options = options;
    this.#label = label;
    this.#notifications = notifications;
    this.roots = options.roots;
  }

  /** The open session, even before its handshake. */
  get session(): Session | undefined {
    return this.#session;
  }

  /** The server's name: the option, else the one it gave in its last handshake, else the source's. */
  get serverName(): string {
    return this.#session?.serverName ?? this.#options.serverName ?? this.#named ?? this.#label;
  }

  /** Takes a reference and makes sure a session is open. */
  async acquire(): Promise<void> {
    this.#refs++;
    try {
      await this.#ensureSession();
    } catch (error) {
      this.#refs = Math.max(0, this.#refs - 1);
      throw error;
    }
  }

  /** Releases a reference; the last one disconnects unless the transport is kept alive. */
  async release(): Promise<void> {
    if (this.#refs > 0) this.#refs--;
    if (this.#refs > 0) return;
    if (this.#connecting) await this.#connecting.catch(() => {});
    // someone may have taken a reference while we waited
    if (this.#refs > 0) return;
    if (this.#session?.keepAlive && !this.#session.lost) return;
    await this.#disconnect();
  }

  /** Disconnects now, whatever the reference count. */
  async close(): Promise<void> {
    this.#refs = 0;
    this.#used = true;
    // a handshake in progress (a server that never answers) is given up, not waited for
    await this.#opening?.close();
    await this.#connecting?.catch(() => {});
    await this.#disconnect();
  }

  /** The session when it is ready for requests, without waiting. */
  ready(): Session | undefined {
    const session = this.#session;
    return session?.result && !session.lost ? session : undefined;
  }

  /**
   * Waits for a ready session: joins a connect in progress, or connects a fresh client.
   *
   * @throws {NotConnectedError} when there is none
   * @throws {ConnectionError} when the connection was lost
   */
  async whenReady(what: string): Promise<Session> {
    if (this.#connecting) await this.#connecting.catch(() => {});
    else if (!this.#used && !this.#session) await this.acquire();
    const session = this.#session;
    if (session?.lost) throw session.lost;
    if (session?.result) return session;
    const hint = session ? "call initialize() first" : "call connect() first";
    throw new NotConnectedError(`cannot send ${what}: ${this.notConnected()} ${hint}`);
  }

  /** Runs one request over a ready session, mapping its failure. */
  async run<T>(
    what: string,
    options: RequestOptions | undefined,
    op: (session: Session, options: RequestOptions) => Promise<T>,
  ): Promise<T> {
    const session = this.ready() ?? await this.whenReady(what);
    const o = requestOptions(options, this.#options);
    try {
      return await op(session, o);
    } catch (error) {
      throw mapError(error, { server: session.serverName, what, ...o, lost: session.lost });
    }
  }

  /** The start of a "not connected" message. */
  notConnected(): string {
    return `the client for ${this.serverName} is not connected;`;
  }

  async #ensureSession(): Promise<Session> {
    this.#used = true;
    // a session still closing must be gone before the next opens (a server object takes one at a time)
    if (this.#closing) await this.#closing;
    const current = this.#session;
    if (current && !current.lost) return current;
    if (current) await this.#disconnect();
    return await (this.#connecting ??= this.#open().finally(() => (this.#connecting = undefined)));
  }

  async #open(): Promise<Session> {
    const session = await Session.open(this.#source, this.#options, {
      label: this.#label,
      roots: () => this.roots,
      notification: (n) => this.#notifications.dispatch(n),
      name: this.#options.serverName,
      lost: (error) => {
        const onDisconnect = this.#options.onDisconnect;
        try {
          onDisconnect?.(error);
        } catch (thrown) {
          reportHandlerError(thrown);
        }
      },
    });
    if (this.#options.autoInitialize !== false) {
      const timeout = this.#options.initTimeout ?? this.#options.timeout;
      this.#opening = session;
      try {
        await session.initialize(timeout);
      } catch (error) {
        await session.close();
        const lost = session.lost;
        const server = this.#options.serverName ?? this.#label;
        throw mapError(error, { server, what: "initialize", timeout, lost });
      } finally {
        this.#opening = undefined;
      }
    }
    this.#session = session;
    return session;
  }

  async #disconnect(): Promise<void> {
    const session = this.#session;
    if (!session) return await this.#closing;
    this.#session = undefined;
    this.#named = session.result?.serverInfo?.name ?? this.#named;
    const closing = this.#closing = session.close().finally(() => {
      if (this.#closing === closing) this.#closing = undefined;
    });
    await closing;
  }
}
