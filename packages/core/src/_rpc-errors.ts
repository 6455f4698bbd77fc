/**
 * The two kinds of failure the request engine (`_engine.ts`) reports, before `mapError` turns
 * them into mcpwire's public errors: a JSON-RPC error the server answered ({@linkcode RpcError})
 * and a local one ({@linkcode LocalError}: timeout, closed connection, invalid result). The SDK's
 * own `ProtocolError` and `SdkError` (from the SDK `Client` on the 2026-07-28 era, or from a
 * transport) are recognised by the brand the SDK stamps on them, so nothing here loads the SDK.
 */

/** A JSON-RPC error answered by the server; keeps its wire code. */
export class RpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = "RpcError";
    this.code = code;
    this.data = data;
  }
}

/** The local failure codes, spelled as the SDK's `SdkErrorCode` values so both map alike. */
export type LocalCode =
  | "REQUEST_TIMEOUT"
  | "CONNECTION_CLOSED"
  | "SEND_FAILED"
  | "INVALID_RESULT"
  | "ERA_NEGOTIATION_FAILED"
  | "NOT_CONNECTED"
  | "CAPABILITY_NOT_SUPPORTED"
  | "METHOD_NOT_SUPPORTED_BY_PROTOCOL_VERSION";

/** A failure on this side of the wire. */
export class LocalError extends Error {
  readonly code: LocalCode;
  readonly data: unknown;

  constructor(code: LocalCode, message: string, data?: unknown) {
    super(message);
    this.name = "LocalError";
    this.code = code;
    this.data = data;
  }
}

// The SDK marks its errors with this registered symbol so copies of the SDK recognise each other.
const SDK_BRANDS = Symbol.for("mcp.sdk.errorBrands");

/** Whether `error` is an SDK error of the given brand (`ProtocolError`, `SdkError`), by its stamp. */
export function hasSdkBrand(error: unknown, brand: "ProtocolError" | "SdkError"): boolean {
  if (typeof error !== "object" || error === null) return false;
  const brands = (error as { [SDK_BRANDS]?: unknown })[SDK_BRANDS];
  return brands instanceof Set && brands.has(`mcp.${brand}`);
}

/** The failure as a wire error (code, message, data), or `undefined` when it is not one. */
export function asWireError(error: unknown): RpcError | undefined {
  if (error instanceof RpcError) return error;
  if (!hasSdkBrand(error, "ProtocolError")) return undefined;
  const e = error as { code: number; message: string; data?: unknown };
  return new RpcError(e.code, e.message, e.data);
}

/** The failure as a local error (string code), or `undefined` when it is not one. */
export function asLocalError(error: unknown): LocalError | undefined {
  if (error instanceof LocalError) return error;
  if (!hasSdkBrand(error, "SdkError")) return undefined;
  const e = error as { code: LocalCode; message: string; data?: unknown };
  return new LocalError(e.code, e.message, e.data);
}
