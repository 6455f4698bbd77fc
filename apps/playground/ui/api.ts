// Talking to the playground's server: the REST binding (/v1/…) and the live event stream.
import type { TaskRow as SharedTaskRow } from "../src/_page-types.ts";

/** A server as `/v1/servers` describes it. */
export interface ServerInfo {
  name: string;
  state: "connecting" | "connected" | "failed" | "closed";
  transport: string;
  serverInfo: { name?: string; version?: string; title?: string } | null;
  capabilities: Record<string, unknown> | null;
  instructions?: string;
  protocolVersion?: string | null;
  lastError: { code: string; message: string } | null;
  /** Successful connections so far; each one after the first is a restart. */
  connects?: number;
  restarts?: number;
  /** When the server entered its state (epoch ms). */
  since?: number;
  /** The last connection failure, kept after it reconnects. */
  lastFailure?: { message: string; at: number } | null;
}

/** A JSON Schema, as far as the forms read it. */
export interface Schema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  const?: unknown;
  enumNames?: string[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
}

/** A tool's behaviour hints (untrusted: the server says so). */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** A tool as listed. */
export interface ToolInfo {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Schema;
  outputSchema?: Schema;
  annotations?: ToolAnnotations;
  /** Whether the tool runs as an MCP task: `required`, `optional` or `forbidden` (the default). */
  execution?: { taskSupport?: "required" | "optional" | "forbidden" };
}

/** A tool call running as a task (the playground's shape), with the page's content blocks. */
export type TaskRow = SharedTaskRow<Content>;

/** Whether a task's status is final. */
export const isFinal = (row: TaskRow): boolean =>
  row.status === "completed" || row.status === "failed" || row.status === "cancelled";

/** Starts a tool as a task; resolves with the task once the server created it. */
export async function startTask(server: string, tool: string, args: unknown): Promise<TaskRow> {
  const path = `/playground/servers/${encodeURIComponent(server)}/tasks`;
  return await sendJson<TaskRow>(path, { tool, arguments: args ?? {} });
}

/** Asks the server to cancel a task. */
export async function cancelTask(row: TaskRow): Promise<TaskRow> {
  const path = `/playground/servers/${encodeURIComponent(row.server)}/tasks/${
    encodeURIComponent(row.taskId)
  }`;
  return await parse<TaskRow>(await request(path, { method: "DELETE" }));
}

/** One message of the traffic pane (the playground's shape). */
export type { TrafficEntry } from "../src/_page-types.ts";

/** A content block of a result or a prompt message. */
export interface Content {
  type: string;
  text?: string;
  data?: string;
  mimeType?: string;
  uri?: string;
  name?: string;
  description?: string;
  resource?: { uri: string; mimeType?: string; text?: string; blob?: string };
  annotations?: Record<string, unknown>;
}

/** A tool's result, as the REST binding answers it. */
export interface ToolResult {
  content: Content[];
  structuredContent: unknown;
  isError: boolean;
}

/** An error answered by the REST binding (RFC 9457 problem). */
export class ApiError extends Error {
  readonly problem: Record<string, unknown>;
  constructor(problem: Record<string, unknown>) {
    super(String(problem.detail ?? problem.title ?? problem.error ?? "request failed"));
    this.name = "ApiError";
    this.problem = problem;
  }
}

async function parse<T>(response: Response): Promise<T> {
  const body = response.status === 204 ? null : await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(body as Record<string, unknown>);
  return body as T;
}

/** The error of a request the playground never answered (stopped, restarting, network down). */
export function unreachable(): ApiError {
  return new ApiError({
    title: "playground unreachable",
    detail: `The playground at ${location.origin} is not reachable (stopped or restarting?), ` +
      "so the request was not answered. The page reconnects by itself.",
  });
}

/** `fetch`, with a clear error when the playground does not answer. */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw unreachable();
  }
}

/** GETs JSON. */
export async function getJson<T>(path: string): Promise<T> {
  return await parse<T>(await request(path, { headers: { accept: "application/json" } }));
}

/** Sends JSON with a method (POST by default). */
export async function sendJson<T>(path: string, body: unknown, method = "POST"): Promise<T> {
  return await parse<T>(
    await request(path, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/** The path of a server's route. */
export function serverPath(server: string, rest = ""): string {
  return `/v1/servers/${encodeURIComponent(server)}${rest}`;
}

/** What a streamed tool call reports while it runs. */
export interface CallHandlers {
  onProgress(progress: number, total: number | undefined, message: string | undefined): void;
  onLog(log: { level?: string; logger?: string; data?: unknown }): void;
}

async function* sseFrames(body: ReadableStream<Uint8Array>): AsyncGenerator<[string, string]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replaceAll("\r\n", "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of frame.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length > 0) yield [event, data.join("\n")];
    }
  }
}

/** A call's time limits, in milliseconds. */
export interface CallLimits {
  /** Restarted at each progress notification. */
  timeoutMs?: number | undefined;
  /** The most the call may take in all. */
  maxTimeoutMs?: number | undefined;
}

/**
 * Calls a tool through the REST binding's event stream.
 *
 * @throws {ApiError} when the call fails (not when the tool reports `isError`)
 */
export async function callTool(
  server: string,
  tool: string,
  args: unknown,
  handlers: CallHandlers,
  signal?: AbortSignal,
  { timeoutMs, maxTimeoutMs }: CallLimits = {},
): Promise<ToolResult> {
  const response = await request(serverPath(server, `/tools/${encodeURIComponent(tool)}`), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      // The REST binding's per-call timeout; the playground's clients restart it on progress.
      ...(timeoutMs ? { "x-mcp-timeout-ms": String(timeoutMs) } : {}),
      // The most the call may take in all, progress or not (the playground's own header).
      ...(maxTimeoutMs ? { "x-mcp-max-timeout-ms": String(maxTimeoutMs) } : {}),
    },
    body: JSON.stringify(args ?? {}),
    signal,
  });
  if (!response.ok || !response.body) return await parse<ToolResult>(response);
  try {
    for await (const [event, data] of sseFrames(response.body)) {
      const value = JSON.parse(data);
      if (event === "progress") handlers.onProgress(value.progress, value.total, value.message);
      else if (event === "log") handlers.onLog(value);
      else if (event === "result") return value as ToolResult;
      else if (event === "error") throw new ApiError(value);
    }
  } catch (error) {
    if (error instanceof ApiError || signal?.aborted) throw error;
  }
  throw new ApiError({
    detail: "The connection to the playground was lost during the call (stopped or restarting?); " +
      "the call's outcome is unknown.",
  });
}
