import { McpwireError } from "@mcpwire/core";
import { ProblemError } from "./problem.ts";

/** Where an error happened, named in its problem. */
export type ErrorScope = {
  server?: string;
  tool?: string;
  prompt?: string;
  uri?: string;
  task?: string;
};

const RPC_NOT_FOUND = -32601;
const RPC_INVALID_PARAMS = -32602;
const RPC_RESOURCE_NOT_FOUND = -32002;

function what(scope: ErrorScope): string {
  const target = scope.tool
    ? ` tool '${scope.tool}'`
    : scope.prompt
    ? ` prompt '${scope.prompt}'`
    : scope.uri
    ? ` resource '${scope.uri}'`
    : scope.task
    ? ` task '${scope.task}'`
    : "";
  return `server '${scope.server ?? "?"}'${target}`;
}

function fromRpc(err: McpwireError & { rpcCode?: number; data?: unknown }, scope: ErrorScope) {
  const mcpError = { code: err.rpcCode, message: err.message };
  // Servers answer an unknown URI with -32002 (the spec) or -32602 (SDK v2): the URI is the only param.
  if (
    err.rpcCode === RPC_RESOURCE_NOT_FOUND ||
    (scope.uri !== undefined && err.rpcCode === RPC_INVALID_PARAMS)
  ) {
    return new ProblemError("resource_not_found", `${what(scope)}: ${err.message}`, {
      ...scope,
      mcpError,
    });
  }
  // An unknown task id is an invalid param (the id is the only one) on every server seen.
  if (scope.task && err.rpcCode === RPC_INVALID_PARAMS) {
    return new ProblemError("task_not_found", `${what(scope)}: ${err.message}`, {
      ...scope,
      mcpError,
    });
  }
  if (err.rpcCode === RPC_NOT_FOUND) {
    return new ProblemError("method_not_found", `${what(scope)}: ${err.message}`, {
      ...scope,
      mcpError,
    });
  }
  if (err.rpcCode === RPC_INVALID_PARAMS) {
    return new ProblemError("invalid_arguments", `${what(scope)}: ${err.message}`, {
      ...scope,
      mcpError,
      errors: [],
    });
  }
  return new ProblemError("upstream_error", `${what(scope)} answered an error: ${err.message}`, {
    ...scope,
    mcpError,
  });
}

/**
 * Maps any error thrown while serving a request to the problem the client gets. Messages of
 * unknown errors are never shown: they may hold internals.
 */
export function toProblemError(err: unknown, scope: ErrorScope = {}): ProblemError {
  if (err instanceof ProblemError) return err;
  if (!(err instanceof McpwireError)) {
    return new ProblemError("internal", "the binding failed to serve this request", scope);
  }
  const e = err as McpwireError & { issues?: { path: unknown[]; message: string }[] };
  switch (e.code) {
    case "INPUT_VALIDATION":
      return new ProblemError("invalid_arguments", e.message, {
        ...scope,
        errors: (e.issues ?? []).map((i) => ({ path: toPointer(i.path), message: i.message })),
      });
    case "MCP_ERROR":
      return fromRpc(e, scope);
    case "TIMEOUT":
      return new ProblemError("upstream_timeout", `${what(scope)} timed out: ${e.message}`, scope);
    case "CANCELLED":
      return new ProblemError("cancelled", `${what(scope)}: ${e.message}`, scope);
    case "CONNECTION":
      return new ProblemError("upstream_disconnected", `${what(scope)}: ${e.message}`, scope);
    case "NOT_CONNECTED":
      return new ProblemError("server_unavailable", `${what(scope)} is not connected`, scope, {
        "retry-after": "1",
      });
    case "OUTPUT_VALIDATION":
      return new ProblemError("upstream_error", e.message, scope);
    default:
      return new ProblemError("upstream_error", `${what(scope)}: ${e.message}`, scope);
  }
}

/** `["items", 0, "price"]` → `/items/0/price` (RFC 6901). */
export function toPointer(path: readonly unknown[]): string {
  return path.map((p) => "/" + String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

/** Whether an error means the connection to the server is gone. */
export function isConnectionLoss(err: unknown): boolean {
  return err instanceof McpwireError && (err.code === "CONNECTION" || err.code === "NOT_CONNECTED");
}
