/**
 * Low-latency, coalesced, backpressure-aware writes to a server's stdin.
 *
 * @module
 */
import type { Writable } from "node:stream";

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

const ACCEPTED: Promise<void> = Promise.resolve();
// The end of the current tick is a reaction on a settled promise, not `queueMicrotask`: on Node
// that wraps every callback in an AsyncResource and a bound function (once per sequential call).
const TICK: Promise<void> = Promise.resolve();

/**
 * The first message of a tick is written at once (no added latency); the others sent in the
 * same tick are joined into one `write()` at the end of it. While the pipe is full, messages
 * wait for a single `drain` listener instead of one each.
 */
export class WriteQueue {
  readonly #stream: Writable;
  #lines: string[] = [];
  #batch: Batch | undefined;
  #tickOpen = false;
  #blocked: Batch | undefined;
  #failure: Error | undefined;
  readonly #flushLater = () => this.flush();

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
    if (!this.#tickOpen && !this.#blocked) {
      this.#tickOpen = true;
      void TICK.then(this.#flushLater);
      return this.#write(json + "\n") ? ACCEPTED : this.#blocked!.promise;
    }
    this.#lines.push(json);
    this.#batch ??= newBatch();
    return this.#batch.promise;
  }

  /** Writes whatever is queued now, unless the pipe is waiting for `drain`. */
  flush(): void {
    this.#tickOpen = false;
    const batch = this.#batch;
    if (!batch || this.#blocked || this.#failure) return;
    const data = this.#lines.join("\n") + "\n";
    this.#lines = [];
    this.#batch = undefined;
    if (this.#write(data, batch)) batch.resolve();
  }

  /** Rejects every message not yet accepted, and any later one. */
  fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#lines = [];
    this.#blocked?.reject(error);
    this.#batch?.reject(error);
    this.#blocked = this.#batch = undefined;
  }

  // Returns false when the pipe is full; `batch` (or a new one) then settles on `drain`.
  #write(data: string, batch?: Batch): boolean {
    if (this.#stream.write(data)) return true;
    const blocked = batch ?? newBatch();
    this.#blocked = blocked;
    this.#stream.once("drain", () => {
      this.#blocked = undefined;
      blocked.resolve();
      this.flush();
    });
    return false;
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
