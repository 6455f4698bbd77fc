/**
 * Keeps the caller's event loop alive while requests are in flight, and only then.
 *
 * @module
 */
import { clearInterval, setInterval } from "node:timers";

const NEVER_MS = 2 ** 30;

/**
 * One dormant interval timer whose `ref()` stands for "a request is waiting for the server".
 * Toggling one timer costs far less than toggling the child and its three pipes per request.
 */
export class LoopHold {
  #timer: ReturnType<typeof setInterval> | undefined;
  #held = false;

  /** Holds the loop open (`true`) or lets it exit (`false`). */
  set(held: boolean): void {
    if (held === this.#held) return;
    this.#held = held;
    if (held) (this.#timer ??= setInterval(() => {}, NEVER_MS)).ref();
    else this.#timer?.unref();
  }

  /** Releases the timer. */
  dispose(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#held = false;
  }
}
