/**
 * Maps the request engine's failures (and the SDK's, recognised by their brand without loading
 * the SDK) into mcpwire's error hierarchy, naming server and operation.
 */
import { CancelledError, ConnectionError, McpError, McpwireError, TimeoutError } from "./errors.ts";
import { DEFAULT_TIMEOUT_MS } from "./_engine.ts";
import { asLocalError, asWireError, type LocalError } from "./_rpc-errors.ts";

/** Where a failure happened. */
export interface FailureContext {
  /** The server's name (or the source, before it named itself). */
  server: string;
  /** The operation, such as `tools/call 'add'`. */
  what: string;
  /** The request's timeout. */
  timeout?: number | undefined;
  /** The request's abort signal. */
  signal?: AbortSignal | undefined;
  /** The `ConnectionError` the transport reported before closing, if any. */
  lost?: ConnectionError | undefined;
}

const INTERNAL_ERROR = -32603;
const METHOD_NOT_FOUND = -32601;

/**
 * Returns the mcpwire error for a failure.
 *
 * @param error what the SDK or transport threw
 * @param ctx where it happened
 */
export function mapError(error: unknown, ctx: FailureContext): McpwireError {
  if (error instanceof McpwireError) return error;
  const on = `${ctx.what} on server '${ctx.server}'`;
  if (ctx.signal?.aborted) {
    return new CancelledError(`${on} was cancelled`, { cause: ctx.signal.reason ?? error });
  }
  const wire = asWireError(error);
  if (wire) {
    return new McpError(
      wire.code,
      `server '${ctx.server}' rejected ${ctx.what}: ${wire.message}`,
      wire.data,
      { cause: error },
    );
  }
  const local = asLocalError(error);
  if (local) return mapLocalError(local, error, ctx, on);
  const message = (error as Error)?.message ?? String(error);
  return ctx.lost ??
    new ConnectionError(`${on} failed: ${message}`, { cause: error });
}

function mapLocalError(
  local: LocalError,
  error: unknown,
  ctx: FailureContext,
  on: string,
): McpwireError {
  switch (local.code) {
    case "REQUEST_TIMEOUT": {
      const total = (local.data as { maxTotalTimeout?: unknown } | undefined)?.maxTotalTimeout;
      const ms = typeof total === "number" ? total : ctx.timeout ?? DEFAULT_TIMEOUT_MS;
      return new TimeoutError(`${on} timed out after ${ms} ms`, ms, { cause: error });
    }
    case "CONNECTION_CLOSED":
    case "NOT_CONNECTED":
    case "SEND_FAILED":
      return ctx.lost ??
        new ConnectionError(`connection to server '${ctx.server}' closed during ${ctx.what}`, {
          cause: error,
        });
    case "ERA_NEGOTIATION_FAILED":
      return new ConnectionError(`${on} failed: ${local.message}`, { cause: error });
    case "CAPABILITY_NOT_SUPPORTED":
    case "METHOD_NOT_SUPPORTED_BY_PROTOCOL_VERSION":
      return new McpError(
        METHOD_NOT_FOUND,
        `${on} is not supported: ${local.message}`,
        local.data,
        {
          cause: error,
        },
      );
    default:
      return new McpError(INTERNAL_ERROR, `${on} failed: ${local.message}`, local.data, {
        cause: error,
      });
  }
}
