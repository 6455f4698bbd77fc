/**
 * Whether a timer keeps the process running: `ref()`/`unref()` on the timer objects of Node and
 * Bun, `Deno.refTimer()`/`Deno.unrefTimer()` for Deno's numeric ids; a no-op where neither exists
 * (a browser has no process to keep alive).
 */

type Timer = ReturnType<typeof setTimeout>;
type DenoTimers = { refTimer?: (id: number) => void; unrefTimer?: (id: number) => void };

const deno = (globalThis as { Deno?: DenoTimers }).Deno;

/** Makes `timer` keep the process running (`true`) or not (`false`). */
export function holdWith(timer: Timer, hold: boolean): void {
  if (typeof timer === "number") {
    if (hold) deno?.refTimer?.(timer);
    else deno?.unrefTimer?.(timer);
    return;
  }
  const t = timer as { ref?: () => void; unref?: () => void };
  if (hold) t.ref?.();
  else t.unref?.();
}
