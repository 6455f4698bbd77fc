/**
 * How the engine's one timer stops holding the process when no request is pending. On Node a
 * timer's `unref()`/`ref()` is cheap, so the timer stays armed and only its hold is toggled. On Bun
 * and Deno toggling a timer's hold costs more than clearing it and setting a new one (measured: on
 * Bun the toggle per sequential call doubled a stdio call's latency), so there the timer is
 * cleared when the last request settles and set again by the next.
 */

type Timer = ReturnType<typeof setTimeout>;

/** Whether to clear the timer (Bun, Deno, anything else) instead of `unref()`-ing it (Node). */
export const RELEASE_BY_CLEAR: boolean = "Deno" in globalThis || "Bun" in globalThis ||
  typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node !==
    "string";

/** Makes `timer` keep the process running (`true`) or not (`false`); Node's timers only. */
export function holdWith(timer: Timer, hold: boolean): void {
  const t = timer as { ref?: () => void; unref?: () => void };
  if (hold) t.ref?.();
  else t.unref?.();
}
