// How a Streamable HTTP transport recovers a session the server forgot: it re-runs the initialize
// handshake (the caller's own `initialize` request under an id of its own, then
// `notifications/initialized`), once for every request that found the session gone.
import type { JSONRPCMessage, JSONRPCRequest } from "@modelcontextprotocol/client";
import { ConnectionError } from "@mcpwire/core";

/** What recovery needs of its transport. */
export interface RecoveryHost {
  /** The server's URL as errors show it. */
  url(): string;
  /** POSTs one message and reads its answer (the transport's own POST, auth included). */
  post(
    message: JSONRPCMessage,
    options: { onRequestStreamEnd?: () => void } | undefined,
  ): Promise<void>;
  /** Called once the session is initialized again. */
  restarted(): void;
}

/** Re-initializes one transport's session; see {@linkcode SessionRecovery.restart}. */
export class SessionRecovery {
  readonly #host: RecoveryHost;
  readonly #replays = new Map<string, (message: JSONRPCMessage | Error) => void>();
  #restart: Promise<void> | undefined;
  #count = 0;

  constructor(host: RecoveryHost) {
    this.#host = host;
  }

  /**
   * Re-runs the handshake with `initialize`'s parameters; requests arriving while it runs share it.
   *
   * @throws {ConnectionError} when the server refuses it or the stream ends without an answer
   */
  restart(initialize: JSONRPCRequest): Promise<void> {
    this.#restart ??= this.#replay(initialize).finally(() => this.#restart = undefined);
    return this.#restart;
  }

  /** Takes `message` if it answers a replayed initialize; false for any other message. */
  take(message: JSONRPCMessage): boolean {
    const id = (message as { id?: unknown }).id;
    const replay = typeof id === "string" ? this.#replays.get(id) : undefined;
    replay?.(message);
    return replay !== undefined;
  }

  /** Fails every replay under way (the transport closed). */
  close(): void {
    for (const replay of this.#replays.values()) {
      replay(new ConnectionError(`closed ${this.#host.url()}`));
    }
  }

  async #replay(initialize: JSONRPCRequest): Promise<void> {
    const id = `mcpwire-reinitialize-${++this.#count}`;
    const answer = new Promise<JSONRPCMessage | Error>((resolve) => this.#replays.set(id, resolve));
    const url = this.#host.url();
    try {
      await this.#host.post({ ...initialize, id }, {
        onRequestStreamEnd: () => this.#replays.get(id)?.(new Error("stream ended")),
      });
      const reply = await answer;
      if (reply instanceof Error || "error" in reply) {
        const why = reply instanceof Error ? reply.message : String(reply.error.message);
        throw new ConnectionError(
          `the session with ${url} expired and re-initializing failed: ${why}`,
        );
      }
      await this.#host.post({ jsonrpc: "2.0", method: "notifications/initialized" }, undefined);
    } catch (err) {
      throw err instanceof ConnectionError ? err : new ConnectionError(
        `the session with ${url} expired and re-initializing failed`,
        { cause: err },
      );
    } finally {
      this.#replays.delete(id);
    }
    this.#host.restarted();
  }
}
