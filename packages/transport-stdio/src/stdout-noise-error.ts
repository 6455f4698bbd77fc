/**
 * {@linkcode StdoutNoiseError}: a server wrote lines to stdout that are not JSON-RPC.
 *
 * @module
 */
import { McpwireError } from "@mcpwire/core";

/**
 * Reported through the transport's `onerror`, never thrown: a server wrote non-JSON lines to
 * stdout (usually logging that belongs on stderr). The lines were skipped and the connection goes
 * on; it is reported once per burst. It is not a `ConnectionError`, so clients do not mistake it
 * for the cause of a later disconnect.
 *
 * @example
 * ```ts
 * import { StdoutNoiseError } from "@mcpwire/transport-stdio";
 * const err = new StdoutNoiseError("server `python3 s.py` wrote 1 non-JSON line(s) to stdout");
 * console.log(err.name, err.code); // StdoutNoiseError STDOUT_NOISE
 * ```
 */
export class StdoutNoiseError extends McpwireError<"STDOUT_NOISE"> {
  /**
   * @param message which server wrote what
   */
  constructor(message: string) {
    super("STDOUT_NOISE", message);
    this.name = "StdoutNoiseError";
  }
}
