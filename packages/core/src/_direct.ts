/**
 * Requests that core sends on the session's transport itself, past the SDK `Protocol` and its
 * zod parses (the direct path of `callTool`). Their ids are strings (`mcpwire-call-N`), which the
 * SDK's numeric ids never equal; `ObservedTransport` hands their responses here before the SDK
 * sees them. Failures are the SDK's own error objects, so `mapError` turns them into exactly the
 * errors the SDK path gives.
 */
import {
  DEFAULT_REQUEST_TIMEOUT_MSEC,
  type JSONRPCMessage,
  ProtocolError,
  SdkError,
  SdkErrorCode,
  type Transport,
} from "@modelcontextprotocol/client";

/** The prefix of every direct request id. */
export const DIRECT_ID_PREFIX = "mcpwire-call-";

/** How long to wait and when to give up. */
export interface DirectOptions {
  /** Milliseconds; the SDK's 60 s default when undefined. */
  timeout?: number | undefined;
  /** Aborting cancels the request on the server. */
  signal?: AbortSignal | undefined;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/** The direct requests of one session. */
export class DirectRequests {
  readonly #transport: Transport;
  readonly #pending = new Map<string, Pending>();
  #next = 0;

  /** @param transport where requests and cancellations are sent */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Sends a request and resolves with its raw `result`.
   *
   * @throws {ProtocolError} when the server answers with a JSON-RPC error
   * @throws {SdkError} `REQUEST_TIMEOUT` after a timeout or an abort (the request is cancelled on
   *   the server), `CONNECTION_CLOSED` when the connection closes first
   */
  request(
    method: string,
    params: Record<string, unknown>,
    options: DirectOptions,
  ): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(asTimeout(signal.reason));
    const id = `${DIRECT_ID_PREFIX}${++this.#next}`;
    const timeout = options.timeout ?? DEFAULT_REQUEST_TIMEOUT_MSEC;
    return new Promise((resolve, reject) => {
      const done = () => {
        this.#pending.delete(id);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const cancel = (reason: unknown) => {
        if (!this.#pending.has(id)) return;
        done();
        const params = { requestId: id, reason: String(reason) };
        this.#transport.send({ jsonrpc: "2.0", method: "notifications/cancelled", params })
          .catch(() => {}); // the transport may be gone; the caller is told below either way
        reject(asTimeout(reason));
      };
      const onAbort = () => cancel(signal?.reason);
      this.#pending.set(id, {
        resolve: (result) => (done(), resolve(result)),
        reject: (error) => (done(), reject(error)),
      });
      const timer = setTimeout(
        () => cancel(new SdkError(SdkErrorCode.RequestTimeout, "Request timed out", { timeout })),
        timeout,
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      const failed = (error: unknown) => this.#pending.get(id)?.reject(error);
      try {
        this.#transport.send({ jsonrpc: "2.0", id, method, params } as JSONRPCMessage)
          .catch(failed);
      } catch (error) {
        failed(error);
      }
    });
  }

  /**
   * Takes a response to a direct request (also a late one, after a timeout).
   *
   * @returns `false` for any other message, which then goes on to the SDK
   */
  handle(message: JSONRPCMessage): boolean {
    const id = (message as { id?: unknown }).id;
    if (typeof id !== "string" || !id.startsWith(DIRECT_ID_PREFIX)) return false;
    const pending = this.#pending.get(id);
    if (!pending) return true;
    if ("result" in message) {
      pending.resolve(message.result);
    } else {
      const error = (message as { error?: { code?: unknown; message?: unknown; data?: unknown } })
        .error;
      pending.reject(
        ProtocolError.fromError(Number(error?.code), String(error?.message), error?.data),
      );
    }
    return true;
  }

  /** How many requests wait for an answer. */
  get size(): number {
    return this.#pending.size;
  }

  /** Rejects every pending request, as the SDK does when its transport closes. */
  closeAll(): void {
    if (this.#pending.size === 0) return;
    const error = new SdkError(SdkErrorCode.ConnectionClosed, "Connection closed");
    for (const pending of [...this.#pending.values()]) pending.reject(error);
  }
}

function asTimeout(reason: unknown): SdkError {
  return reason instanceof SdkError
    ? reason
    : new SdkError(SdkErrorCode.RequestTimeout, String(reason));
}
