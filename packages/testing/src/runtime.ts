/**
 * Commands that run a file with the runtime running the test (Node, Deno or Bun), so a test's
 * child processes run on the same runtime as the test.
 */
import process from "node:process";

/** How to run a file. */
export interface RunOptions {
  /** Expose the garbage collector (`gc()`; Bun always has `Bun.gc`). */
  gc?: boolean;
  /**
   * The command runs in a folder outside the repository (a snippet's project, a config's
   * folder): Node gets tsx by its path rather than by name, and Deno, which finds no workspace
   * there, the `@mcpwire/source` condition.
   */
  outside?: boolean;
}

/**
 * The argv (after the executable) that runs a JS or TS file with this runtime and the repo's
 * sources (the `@mcpwire/source` export condition). On Node, `.ts` files get tsx; plain
 * JavaScript does not, since tsx's start costs seconds on a loaded machine.
 *
 * @example
 * ```ts
 * import { spawn } from "node:child_process";
 * import process from "node:process";
 * import { runtimeArgs } from "@mcpwire/testing";
 *
 * spawn(process.execPath, runtimeArgs("snippet.ts", { outside: true }), { cwd: "/tmp/project" });
 * ```
 */
export function runtimeArgs(file: string, options: RunOptions = {}): string[] {
  const gc = options.gc === true;
  const outside = options.outside === true;
  if ("Deno" in globalThis) {
    const conditions = outside ? ["--conditions=@mcpwire/source"] : [];
    return ["run", "-A", ...conditions, ...(gc ? ["--v8-flags=--expose-gc"] : []), file];
  }
  if ("Bun" in globalThis) return ["--conditions=@mcpwire/source", file];
  const tsx = outside ? import.meta.resolve("tsx") : "tsx";
  const loader = /\.[mc]?ts$/.test(file) ? ["--import", tsx] : [];
  return [...(gc ? ["--expose-gc"] : []), "--conditions=@mcpwire/source", ...loader, file];
}

/** {@linkcode runtimeArgs} with the executable: `[command, args]`. */
export function runtimeCommand(file: string, options: RunOptions = {}): [string, string[]] {
  return [process.execPath, runtimeArgs(file, options)];
}

/**
 * A plain JavaScript file (a published server, say) with arguments, as a config entry's
 * `{ command, args }`.
 */
export function runJs(file: string, ...args: string[]): { command: string; args: string[] } {
  const runtime = "Deno" in globalThis ? ["run", "-A"] : [];
  return { command: process.execPath, args: [...runtime, file, ...args] };
}
