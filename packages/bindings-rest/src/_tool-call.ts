// What every tool call shares, whichever way it is answered (JSON, event stream, task, the Node
// fast path): the checks of its request and the shape of its result.
import { toProblemError } from "./_error-map.ts";
import type { Settings } from "./_settings.ts";
import { negotiate } from "./_negotiate.ts";
import { ProblemError } from "./problem.ts";
import { callAsTask, offersTasks } from "./_task-run.ts";
import type { CallOptions, JsonObject, ToolCallResult, ToolInfo } from "./upstream-client.ts";
import type { Upstream } from "./upstreams.ts";

/** The JSON body of a tool's result, as every route answers it. */
export function resultBody(result: ToolCallResult): JsonObject {
  return {
    content: result.content ?? [],
    structuredContent: result.structuredContent ?? null,
    data: result.data ?? null,
    isError: result.isError === true,
  };
}

const MAX_TIMEOUT_MS = 86_400_000;

/** Milliseconds from a header: an integer from 1 to 86 400 000, else a 400 problem naming it. */
function msFrom(name: string, header: string): number {
  const given = /^\s*\d{1,9}\s*$/.test(header) ? Number(header) : NaN;
  if (!(given >= 1 && given <= MAX_TIMEOUT_MS)) {
    throw new ProblemError(
      "invalid_header",
      `${name} must be an integer from 1 to ${MAX_TIMEOUT_MS} (milliseconds), not '${
        header.slice(0, 40)
      }'`,
      { header: name },
    );
  }
  return given;
}

/**
 * The call's timeout: the `X-MCP-Timeout-Ms` header, an integer from 1 to 86 400 000, or the
 * default when it is absent; anything else is a 400 problem.
 */
export function timeoutFrom(header: string | null | undefined, fallback: number): number {
  return header === undefined || header === null ? fallback : msFrom("X-MCP-Timeout-Ms", header);
}

/**
 * The most the call may take in all, even when progress restarts its timeout: the
 * `X-MCP-Max-Timeout-Ms` header (1 to 86 400 000), `undefined` when absent; else a 400 problem.
 */
export function maxTimeoutFrom(header: string | null | undefined): number | undefined {
  return header === undefined || header === null
    ? undefined
    : msFrom("X-MCP-Max-Timeout-Ms", header);
}

/** The `view` query parameter: absent (the whole result) or `data`; anything else is a 400. */
export function viewFrom(value: string | null | undefined): "data" | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === "data") return "data";
  throw new ProblemError(
    "invalid_query",
    `the query parameter 'view' must be 'data', not '${value.slice(0, 40)}'`,
    { parameter: "view" },
  );
}

/**
 * What a call answers for an `Accept` header: a JSON body, an event stream, or `undefined` when
 * neither is acceptable (406). Q-values count; a tie goes to JSON.
 */
export function callMediaType(accept: string | null | undefined): "json" | "stream" | undefined {
  if (
    accept === undefined || accept === null || accept === "*/*" || accept === "application/json"
  ) {
    return "json";
  }
  const chosen = negotiate(accept, ["application/json", "text/event-stream"]);
  return chosen === "application/json" ? "json" : chosen ? "stream" : undefined;
}

/** The request's parts a tool call reads, whichever server answers it. */
export interface CallRequest {
  /** The `X-MCP-Timeout-Ms` header. */
  timeoutHeader: string | null | undefined;
  /** The `X-MCP-Max-Timeout-Ms` header. */
  maxTimeoutHeader: string | null | undefined;
  /** The `view` query parameter. */
  view: string | null | undefined;
  /** Reads the body as the arguments. */
  readArgs: () => Promise<JsonObject>;
}

/** A tool call that passed every check. */
export interface PreparedCall {
  upstream: Upstream;
  /** The tool, as the server lists it. */
  info: ToolInfo;
  args: JsonObject;
  timeout: number;
  /** The most the call may take in all (`X-MCP-Max-Timeout-Ms`), if set. */
  maxTimeout: number | undefined;
  view: "data" | undefined;
}

/** The checks of a tool call that need no body, in the route's order; see {@linkcode prepareToolCall}. */
export interface CheckedCall {
  upstream: Upstream;
  timeout: number;
  maxTimeout: number | undefined;
  view: "data" | undefined;
}

/**
 * The checks of `POST …/tools/{tool}` before its body is read: unknown server (404), not
 * connected (503), header and query (400).
 */
export function checkToolCall(
  s: Settings,
  server: string,
  timeoutHeader: string | null | undefined,
  view: string | null | undefined,
  maxTimeoutHeader?: string | null,
): CheckedCall {
  const upstream = s.upstreams.get(server);
  upstream.assertConnected();
  return {
    upstream,
    timeout: timeoutFrom(timeoutHeader, s.timeoutMs),
    maxTimeout: maxTimeoutFrom(maxTimeoutHeader),
    view: viewFrom(view),
  };
}

/**
 * The last check of a tool call, once its body is read: unknown tool (404). A cached catalog
 * listing the tool answers at once, without waiting for a turn of the event loop (a stale one
 * too, while it refreshes in the background).
 */
export function finishToolCall(
  checked: CheckedCall,
  tool: string,
  args: JsonObject,
): PreparedCall | Promise<PreparedCall> {
  const { upstream, timeout, maxTimeout, view } = checked;
  const info = upstream.cachedTool(tool);
  if (info) return { upstream, info, args, timeout, maxTimeout, view };
  return upstream.tool(tool).then((info) => ({ upstream, info, args, timeout, maxTimeout, view }));
}

/**
 * The checks of `POST …/tools/{tool}` before the call, in the route's order: unknown server (404),
 * not connected (503), header and query (400), the body (413, 415, 400), unknown tool (404).
 */
export async function prepareToolCall(
  s: Settings,
  server: string,
  tool: string,
  request: CallRequest,
): Promise<PreparedCall> {
  const checked = checkToolCall(
    s,
    server,
    request.timeoutHeader,
    request.view,
    request.maxTimeoutHeader,
  );
  return await finishToolCall(checked, tool, await request.readArgs());
}

/**
 * Calls the tool: a tool whose `taskSupport` is `required` runs as a task, waited for within the
 * call's timeout (see `callAsTask`); any other as a plain call, bounded in all by its maximum
 * timeout when it has one (core's `maxTotalTimeout`).
 */
export function toolCall(
  tool: string,
  call: PreparedCall,
  options: CallOptions & { signal: AbortSignal },
): Promise<ToolCallResult> {
  const support = (call.info.execution as { taskSupport?: unknown } | undefined)?.taskSupport;
  if (support === "required" && offersTasks(call.upstream)) {
    return callAsTask(tool, call, options.signal);
  }
  const max = call.maxTimeout;
  return call.upstream.callTool(
    tool,
    call.args,
    max === undefined ? options : { ...options, maxTotalTimeout: max },
  );
}

/** What a JSON tool call answers with status 200: the value to serialize and its headers. */
export interface ToolAnswer {
  value: unknown;
  headers: Record<string, string>;
}

/**
 * Calls the tool and shapes the answer; errors become problems naming the server and tool. One
 * reaction on the call's promise, no async frame: this is every JSON call's path.
 */
export function callToolJson(
  s: Settings,
  tool: string,
  call: PreparedCall,
  signal: AbortSignal,
): Promise<ToolAnswer> {
  return toolCall(tool, call, { timeout: call.timeout, signal, raiseOnError: false }).then(
    (result) => toolAnswer(s, result, call.view),
    (err: unknown) => {
      throw toProblemError(err, { server: call.upstream.name, tool });
    },
  );
}

/** The value and headers of a result answered with status 200 (the whole result, or its data). */
export function toolAnswer(
  s: Settings,
  result: ToolCallResult,
  view: "data" | undefined,
): ToolAnswer {
  const body = resultBody(result);
  const headers: Record<string, string> = {};
  if (s.toolErrorHeader) headers[s.toolErrorHeader] = body.isError ? "1" : "0";
  return { value: view === "data" ? body.data : body, headers };
}
