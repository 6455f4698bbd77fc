/**
 * Answers one request the server sent (sampling, elicitation, roots, ping) with a JSON-RPC
 * result or error, for the request engine (`_engine.ts`).
 */
import { McpError } from "./errors.ts";
import { asWireError } from "./_rpc-errors.ts";
import type { RequestContext } from "./types.ts";

/** A handler for one kind of server request: its params in, its result out. */
export type ServerRequestHandler = (
  params: Record<string, unknown>,
  context: RequestContext,
) => Promise<unknown>;

/** What goes back on the wire for a served request. */
export type Answer =
  | { result: unknown }
  | { error: { code: number; message: string; data?: unknown } };

const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;
const INTERNAL_ERROR = -32603;

/** Runs the handler (none: `Method not found`, but `ping` always answers) and shapes the answer. */
export async function serveRequest(
  handler: ServerRequestHandler | undefined,
  method: string,
  params: unknown,
  context: RequestContext,
): Promise<Answer> {
  if (!handler) {
    if (method === "ping") return { result: {} };
    return { error: { code: METHOD_NOT_FOUND, message: "Method not found" } };
  }
  if (params !== undefined && (typeof params !== "object" || params === null)) {
    return { error: { code: INVALID_PARAMS, message: `Invalid params for ${method}` } };
  }
  try {
    return { result: await handler((params ?? {}) as Record<string, unknown>, context) };
  } catch (error) {
    if (error instanceof McpError) {
      return { error: { code: error.rpcCode, message: error.message, data: error.data } };
    }
    const wire = asWireError(error);
    if (wire) return { error: { code: wire.code, message: wire.message, data: wire.data } };
    const message = (error as Error)?.message ?? String(error);
    return { error: { code: INTERNAL_ERROR, message } };
  }
}
