// The shapes the playground sends to its pages (over the event stream and its routes), in one
// place: the server's modules and the page (ui/api.ts) both import them. No imports here, so the
// page's bundle and type check need nothing else from the server.

/** One JSON-RPC message in the traffic pane, as it went over the wire. */
export interface TrafficEntry {
  /** Increasing number, for ordering and to pair a response with its request (`ref`). */
  seq: number;
  at: number;
  server: string;
  /** `out`: from the playground to the server; `in`: from the server. */
  dir: "out" | "in";
  kind: "request" | "response" | "error" | "notification";
  /** The method; for a response or error, its request's (empty when that was not seen). */
  method: string;
  /** The JSON-RPC id of a request, response or error. */
  id?: string | number;
  /** The message itself (long strings shortened). */
  message: unknown;
  /** For a response or error: the request's `seq`, and how long it took. */
  ref?: number;
  ms?: number;
}

/** One tool call running as a task, as the pages see it; `C` is a content block's type. */
export interface TaskRow<C = unknown> {
  taskId: string;
  server: string;
  tool: string;
  status: "working" | "input_required" | "completed" | "failed" | "cancelled";
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  /** The tool's result, once the task completed (or failed with a result). */
  result?: { content: C[]; structuredContent: unknown; isError: boolean };
  /** Why there is no result (cancelled, the server went away, …). */
  error?: string;
}
