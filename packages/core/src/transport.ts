/**
 * The transport contract between `@mcpwire/core` and the packages it loads lazily.
 *
 * Every source given to `new Client()` but a config ends up as an SDK {@linkcode Transport}; a
 * config is served by a router holding one `Client` per server. Core infers which
 * package builds it and imports that package only when a source needs it:
 *
 * | source | package | factory |
 * | --- | --- | --- |
 * | path to an existing `.py` `.js` `.mjs` `.cjs` `.ts` `.mts` file | `@mcpwire/transport-stdio` | {@linkcode StdioPackage.createFileTransport} |
 * | `http(s)://` URL (string or `URL`) | `@mcpwire/transport-http` | {@linkcode HttpPackage.createUrlTransport} |
 * | config object (`mcpServers`, VS Code `servers`, a map of entries) | `@mcpwire/config` | {@linkcode ConfigPackage.createConfigBackend} (a router, not a transport) |
 *
 * Rules every transport built by these packages follows:
 * - When the connection is lost unexpectedly (process exit, dropped stream), it calls `onerror`
 *   with a {@linkcode ConnectionError} naming the command or URL and the cause *before* `onclose`,
 *   so core can reject pending requests with that error.
 * - `keepAlive: true` on the transport asks core to keep the session open after the last
 *   `await using` block exits; only `client.close()` closes it.
 * - A closed transport is never restarted: core builds a new one from the source on the next
 *   `connect()`.
 * - Problems that fail no request (a server's stdout noise, say) go to `onwarning` when core has
 *   set it (see {@linkcode WarningTransport}), else to `onerror` as for any SDK client.
 * - A request given up on (`notifications/cancelled` sent for its id, or its `requestSignal`
 *   aborted) releases what the transport holds for it at once: its HTTP request is aborted, its
 *   id leaves every in-flight table, and it no longer keeps the program running. A late answer
 *   is still handed to `onmessage`, where core drops it.
 *
 * @module
 */
import type { Transport } from "@modelcontextprotocol/client";
import type { BackendHooks, ClientBackend } from "./backend.ts";
import type { ClientOptions } from "./types.ts";

export type { JSONRPCMessage, Transport, TransportSendOptions } from "@modelcontextprotocol/client";

/** A transport that may ask core to keep its session alive between `await using` blocks. */
export interface KeepAliveTransport extends Transport {
  /** When true, only `client.close()` closes the session; leaving a block does not. */
  readonly keepAlive?: boolean;
}

/**
 * A transport that reports warnings through core: core sets `onwarning` on every transport it
 * connects, to the client's `onWarning` option (by default one line on stderr).
 */
export interface WarningTransport extends Transport {
  /** Set by core; called with problems that fail no request. */
  onwarning?: (warning: Error) => void;
}

/**
 * Options core passes through to the factories, unchanged, from `new Client(source, options)`.
 * Each package documents and validates the keys it reads; the others are ignored.
 */
export type PassThroughOptions = Readonly<Record<string, unknown>>;

/** What `@mcpwire/transport-stdio` provides to core. */
export interface StdioPackage {
  /**
   * Builds a transport that launches a server file with the interpreter its extension calls for.
   *
   * @param path an existing `.py`, `.js`, `.mjs`, `.cjs`, `.ts` or `.mts` file
   * @param options pass-through options (`args`, `env`, `inheritEnv`, `cwd`, `keepAlive`, `stderr`, …)
   */
  createFileTransport(path: string, options: PassThroughOptions): KeepAliveTransport;
}

/** What `@mcpwire/transport-http` provides to core. */
export interface HttpPackage {
  /**
   * Builds a Streamable HTTP transport, or a legacy SSE one when the path ends in `/sse`.
   *
   * @param url the server's URL
   * @param options pass-through options (`headers`, `auth`, `fetch`, `reconnection`, …); never
   *   the client's request `timeout`, which core applies per request itself
   */
  createUrlTransport(url: URL, options: PassThroughOptions): Transport;
}

/** What `@mcpwire/config` provides to core. */
export interface ConfigPackage {
  /**
   * Builds the router that serves a config source: one `Client` per server, prefixed names
   * routed back to their server, merged listings, per-server state and reconnection.
   *
   * @param config a config in any shape `@mcpwire/config` accepts (it parses it)
   * @param options the client's options, including the pass-through ones the router reads
   * @param hooks where the router sends notifications for the client's listeners
   */
  createConfigBackend(config: object, options: ClientOptions, hooks: BackendHooks): ClientBackend;
}
