// The requests a Streamable HTTP transport has sent and not yet seen answered: each one's abort
// controller (its HTTP exchange, aborted to give it up) and the wait for its answer, which the
// answer's delivery resolves and the end of its response stream without it rejects.
import { ConnectionError } from "@mcpwire/core";

/** A JSON-RPC request id. */
export type RequestId = string | number;

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

/** The pending requests of one transport, by id. */
export class PendingRequests {
  readonly #waiting = new Map<RequestId, Waiter>();
  readonly #inFlight = new Map<RequestId, AbortController>();
  readonly #url: () => string;

  /** @param url the server's URL as errors show it */
  constructor(url: () => string) {
    this.#url = url;
  }

  /** The requests whose HTTP exchange or answer is still open (for leak checks). */
  get size(): number {
    return this.#inFlight.size + this.#waiting.size;
  }

  /**
   * Starts request `id`, whose HTTP exchange `request` aborts; resolves when its answer has been
   * delivered, or when it is given up (whoever gave up settles it), and rejects if its response
   * stream ends without the answer.
   */
  begin(id: RequestId, request: AbortController): Promise<void> {
    this.#inFlight.set(id, request);
    // A request cancelled by closing its stream is settled by the caller; stop waiting for it.
    request.signal.addEventListener("abort", () => {
      this.#waiting.get(id)?.resolve();
      this.#waiting.delete(id);
    }, { once: true });
    return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
  }

  /** Request `id` failed before its answer came: stop waiting for one. */
  failed(id: RequestId): void {
    this.#waiting.delete(id);
  }

  /** Request `id`'s exchange is over; `request` is its controller (a retry may have a newer one). */
  end(id: RequestId, request: AbortController): void {
    if (this.#inFlight.get(id) === request) this.#inFlight.delete(id);
  }

  /** The answer to `id` was delivered: its wait is over. */
  answered(id: RequestId): void {
    const waiter = this.#waiting.get(id);
    this.#waiting.delete(id);
    waiter?.resolve();
  }

  /** Request `id`'s response stream ended without its answer: its wait rejects. */
  streamEnded(id: RequestId): void {
    const waiter = this.#waiting.get(id);
    if (!waiter) return;
    this.#waiting.delete(id);
    waiter.reject(
      new ConnectionError(
        `the response stream from ${this.#url()} ended before the answer to request ${id}`,
      ),
    );
  }

  /** Aborts the HTTP exchange of a request the caller gave up on (`notifications/cancelled`). */
  giveUp(id: unknown): void {
    if (typeof id !== "string" && typeof id !== "number") return;
    const request = this.#inFlight.get(id);
    if (!request) return;
    this.#inFlight.delete(id);
    request.abort(new ConnectionError(`request ${id} to ${this.#url()} was cancelled`));
  }

  /** Aborts every HTTP exchange still open (the transport is closing). */
  abortAll(): void {
    for (const request of this.#inFlight.values()) request.abort();
    this.#inFlight.clear();
  }

  /** Ends every wait (the transport closed: each caller's request settles its own way). */
  releaseAll(): void {
    for (const waiter of this.#waiting.values()) waiter.resolve();
    this.#waiting.clear();
  }
}
