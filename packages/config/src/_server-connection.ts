/**
 * One server of a config: a core `Client` per connection attempt, its state and its cached
 * listings. Each server connects on its own, with its own deadline; nothing here waits on another.
 *
 * @module
 */
import {
  Client,
  type ClientOptions,
  ConnectionError,
  McpwireError,
  NotConnectedError,
  type Prompt,
  type Resource,
  type ResourceTemplate,
  type ServerState,
  type ServerStatus,
  TimeoutError,
  type Tool,
  type Transport,
} from "@mcpwire/core";
import type { ServerConfig } from "./schema.ts";
import { type ServerKind, serverKind } from "./_server-transport.ts";

/** The four listings a server may have. */
export type ListKind = "tools" | "resources" | "resourceTemplates" | "prompts";

/** What each listing holds. */
export interface Listings {
  tools: Tool[];
  resources: Resource[];
  resourceTemplates: ResourceTemplate[];
  prompts: Prompt[];
}

/** What every server connection is given by its router. */
export interface ServerSetup {
  /** Builds the server's transport (a fresh one per attempt). */
  transport(name: string, entry: ServerConfig): Promise<Transport>;
  /** The options of the server's core `Client`. */
  clientOptions(name: string): ClientOptions;
  /** How long one connection attempt may take, in ms. */
  connectTimeout(entry: ServerConfig): number;
  /** The server connected. */
  connected(server: ServerConnection): void;
  /** The attempt failed (`error` is set). */
  failed(server: ServerConnection): void;
  /** The server was connected and its connection was lost. */
  lost(server: ServerConnection, error: Error): void;
}

/** One server: connects, tracks its state, caches its listings. */
export class ServerConnection {
  readonly name: string;
  entry: ServerConfig;
  readonly kind: ServerKind;
  state: ServerState;
  error: Error | undefined;
  client: Client | undefined;
  /** When the current attempt started (`performance.now()`). */
  startedAt = 0;
  cache: Partial<Listings> = {};
  readonly #setup: ServerSetup;
  #attempt: Promise<void> | undefined;
  /** Identifies the current attempt; a stale one leaves the state alone. */
  #current: object | undefined;

  constructor(name: string, entry: ServerConfig, setup: ServerSetup) {
    this.name = name;
    this.entry = entry;
    this.kind = serverKind(entry);
    this.state = entry.disabled ? "disabled" : "closed";
    this.#setup = setup;
  }

  /** The server's status, as `client.servers` reports it. */
  status(): ServerStatus {
    const { cache } = this;
    const serverInfo = this.state === "connected"
      ? this.client?.initializeResult?.serverInfo
      : undefined;
    return {
      name: this.name,
      state: this.state,
      transport: this.kind,
      ...(this.error && { error: this.error }),
      ...(serverInfo && { serverInfo }),
      ...(cache.tools && { tools: cache.tools.length }),
      ...(cache.resources && { resources: cache.resources.length }),
      ...(cache.resourceTemplates && { resourceTemplates: cache.resourceTemplates.length }),
      ...(cache.prompts && { prompts: cache.prompts.length }),
    };
  }

  /** Starts connecting unless connected or connecting; the promise settles, never rejects. */
  start(): Promise<void> {
    if (this.state === "disabled") return Promise.resolve();
    if (this.#attempt && (this.state === "connecting" || this.state === "connected")) {
      return this.#attempt;
    }
    return this.#attempt = this.#connect();
  }

  /** Settles when the current attempt does, or after `ms` at the latest. */
  settledWithin(ms: number): Promise<void> {
    const attempt = this.#attempt;
    if (!attempt || this.state !== "connecting") return Promise.resolve();
    if (ms <= 0) return Promise.resolve();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    return Promise.race([attempt, late]).finally(() => clearTimeout(timer));
  }

  /** Settles when the current attempt does. */
  settled(): Promise<void> {
    return this.#attempt ?? Promise.resolve();
  }

  /**
   * The connected client, after waiting for this server's own attempt (never for another's).
   *
   * @throws the error the server failed with (`ConnectionError`, `TimeoutError`), naming it
   */
  async ready(): Promise<Client> {
    if (this.state === "connecting") await this.#attempt;
    if (this.state === "connected" && this.client) return this.client;
    if (this.error) throw this.error;
    if (this.state === "disabled") {
      throw new ConnectionError(`server '${this.name}' is disabled in the config`);
    }
    throw new NotConnectedError(`server '${this.name}' is not connected (${this.state})`);
  }

  /** Closes the current client and connects again; resolves when the attempt settles. */
  async reconnect(): Promise<void> {
    await this.close();
    await this.start();
  }

  /** Closes the server; its state becomes `closed`. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.#attempt = undefined;
    this.#current = undefined;
    if (this.state !== "disabled") this.state = "closed";
    this.cache = {};
    await client?.close().catch(() => {});
  }

  async #connect(): Promise<void> {
    this.state = "connecting";
    this.error = undefined;
    this.cache = {};
    this.startedAt = performance.now();
    const attempt = this.#current = {};
    const timeout = this.#setup.connectTimeout(this.entry);
    let client: Client | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new TimeoutError(
                `server '${this.name}' did not connect within ${timeout} ms`,
                timeout,
              ),
            ),
          timeout,
        );
      });
      const connecting = (async () => {
        const transport = await this.#setup.transport(this.name, this.entry);
        if (this.#current !== attempt) {
          await transport.close().catch(() => {}); // this attempt was given up meanwhile
          return;
        }
        client = new Client(transport, {
          ...this.#setup.clientOptions(this.name),
          serverName: this.name,
          initTimeout: timeout,
          onDisconnect: (error) => this.#onLost(client, error),
        });
        this.client = client;
        await client.connect();
      })();
      connecting.catch(() => {}); // the deadline may win; its failure is then moot
      await Promise.race([connecting, deadline]);
      if (this.#current !== attempt || this.state !== "connecting") return; // closed meanwhile
      this.state = "connected";
      this.#setup.connected(this);
    } catch (cause) {
      if (this.#current !== attempt) return; // closed or replaced meanwhile
      this.#current = undefined;
      this.state = "failed";
      this.error = describeFailure(this.name, cause);
      this.client = undefined;
      await client?.close().catch(() => {});
      this.#setup.failed(this);
    } finally {
      clearTimeout(timer);
    }
  }

  #onLost(client: Client | undefined, error: Error): void {
    if (!client || this.client !== client || this.state !== "connected") return;
    this.state = "failed";
    this.error = error;
    this.cache = {};
    this.#setup.lost(this, error);
  }
}

function describeFailure(name: string, cause: unknown): Error {
  if (cause instanceof McpwireError && cause.message.includes(`'${name}'`)) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new ConnectionError(`server '${name}' failed to connect: ${message}`, { cause });
}
