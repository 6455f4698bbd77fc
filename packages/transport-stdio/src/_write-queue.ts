/**
 * Coalesced, backpressure-aware writes to a server's stdin.
 *
 * @module
 */
import type { Writable } from "node:stream";

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Collects the messages sent in one tick and writes them with one `write()`. While the pipe is
 * full, later messages wait for a single `drain` listener instead of one each.
 */
export class WriteQueue {
  readonly #stream: Writable;
  #lines: string[] = [];
  #batch: Batch | undefined;
  #scheduled = false;
  #blocked: Batch[] = [];
  #failure: Error | undefined;

  /** @param stream the server's stdin */
  constructor(stream: Writable) {
    this.#stream = stream;
    stream.on("error", () => {
      // EPIPE after the server died: the exit handler reports it, with the exit code.
    });
  }

  /** Queues one serialized message; resolves when the pipe has accepted it. */
  push(json: string): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    this.#lines.push(json);
    if (!this.#batch) this.#batch = newBatch();
    if (!this.#scheduled && this.#blocked.length === 0) {
      this.#scheduled = true;
      queueMicrotask(() => this.flush());
    }
    return this.#batch.promise;
  }

  /** Writes whatever is queued now, unless the pipe is waiting for `drain`. */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#batch;
    if (!batch || this.#blocked.length > 0 || this.#failure) return;
    const data = this.#lines.length === 1 ? this.#lines[0] + "\n" : this.#lines.join("\n") + "\n";
    this.#lines = [];
    this.#batch = undefined;
    if (this.#stream.write(data)) {
      batch.resolve();
      return;
    }
    this.#blocked.push(batch);
    this.#stream.once("drain", () => {
      for (const b of this.#blocked.splice(0)) b.resolve();
      this.flush();
    });
  }

  /** Rejects every message not yet accepted, and any later one. */
  fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#lines = [];
    for (const b of this.#blocked.splice(0)) b.reject(error);
    this.#batch?.reject(error);
    this.#batch = undefined;
  }
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody awaits must not become an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
