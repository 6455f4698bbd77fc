/**
 * {@linkcode defaultEnvironment}: what a server sees of the caller's environment by default.
 *
 * @module
 */
import { serverEnvironment } from "./_env.ts";

/**
 * The environment a server starts with when `inheritEnv` is not set: only `PATH`, `HOME`,
 * `USER`, `LOGNAME`, `SHELL`, `TERM`, `LANG`, `LC_ALL`, `LC_CTYPE`, `TZ`, temp dirs and
 * `XDG_RUNTIME_DIR` (the Windows equivalents on Windows), taken from the caller.
 *
 * @returns a fresh object
 * @example
 * ```ts
 * import { defaultEnvironment } from "@mcpwire/transport-stdio";
 * console.log(Object.keys(defaultEnvironment())); // [ "HOME", "PATH", … ]
 * ```
 */
export function defaultEnvironment(): Record<string, string> {
  return serverEnvironment(undefined, false);
}
