// The fast path of `POST /v1/servers/{server}/tools/{tool}` on Node: served straight on node:http's
// request and response, with no web Request, Response or per-request AbortSignal, through the same
// functions as the Hono app (gate, body parser, call, problem mapping), so both answer alike.
// Whatever it does not take (other routes, event streams, tasks, names needing decoding, odd hosts) goes
// to the Hono app untouched.
import { Buffer } from "node:buffer";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getQueryParam } from "hono/utils/url";
import { checkDeclaredLength, concatBytes, parseJsonObject, tooLarge } from "./_body.ts";
import { type Gate, requestIdOf } from "./_gate.ts";
import { callMediaType, callToolJson, checkToolCall, finishToolCall } from "./_tool-call.ts";
import { problemAnswer } from "./problem.ts";

/** Serves a request if it is the hot route, and says whether it did (if not, nothing was read). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

// Names in plain characters only: percent-encoding, dot segments and anything a URL parser would
// rewrite stay with the Hono app, which decodes them its own way.
const NAME = "[\\w.~!$&'()*+,;=:@-]+";
/** The hot route: server, tool and the query (if any) of a plain path. */
export const ROUTE: RegExp = new RegExp(
  `^/v1/servers/(${NAME})/tools/(${NAME})(\\?[\\w.~!$&'()*+,;=:@/?-]*)?$`,
);
/** `.` and `..`, which a URL parser would resolve: left to the app. */
export const DOTS: RegExp = /^\.\.?$/;
/** Host headers that @hono/node-server takes as they are (it parses, and may refuse, the others). */
export const PLAIN_HOST: RegExp = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
/** A query that may ask for a task (`mode`): left to the app. */
export const TASK_QUERY: RegExp = /[?&]mode=?/;
const SIGNAL = Symbol("mcpwire.disconnect");

type Headers = {
  host?: string;
  origin?: string;
  authorization?: string;
  accept?: string;
  "content-type"?: string;
  "content-length"?: string;
  "x-request-id"?: string;
  "x-mcp-timeout-ms"?: string;
  "x-mcp-max-timeout-ms"?: string;
  prefer?: string;
};
const WANTED = new Set<string>([
  "host",
  "origin",
  "authorization",
  "accept",
  "content-type",
  "content-length",
  "x-request-id",
  "x-mcp-timeout-ms",
  "x-mcp-max-timeout-ms",
  "prefer",
]);

/**
 * The headers the route reads, duplicates joined with ", " as a web `Headers` has them, read once
 * from the raw list: Node's `req.headers` is built on first read, for every header, and drops some
 * duplicates.
 */
function headersOf(raw: string[]): Headers {
  const out: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!WANTED.has(name)) continue;
    const value = raw[i + 1]!;
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

/**
 * A signal aborted when the client's connection closes. One per connection, made on its first
 * call: requests on one HTTP/1.1 connection come one after the other, so a closed connection means
 * the pending call's client is gone, and keep-alive requests pay for no AbortSignal of their own.
 */
function disconnectSignal(req: IncomingMessage): AbortSignal {
  const socket = req.socket as (IncomingMessage["socket"] & { [SIGNAL]?: AbortSignal }) | null;
  if (!socket) return new AbortController().signal;
  let signal = socket[SIGNAL];
  if (!signal) {
    const controller = new AbortController();
    signal = socket[SIGNAL] = controller.signal;
    socket.once("close", () => controller.abort());
  }
  return signal;
}

// Listeners are left in place once settled (later events are ignored), and are unnamed: no
// per-request bookkeeping beyond the chunks. No 'error' listener: a request that fails (reset,
// malformed chunk) is destroyed, which emits 'close' (Node drops the error of an IncomingMessage
// nobody listens to).
function readBody(req: IncomingMessage, length: string | undefined, limit: number) {
  checkDeclaredLength(length, limit);
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Uint8Array) => {
      if (settled) return;
      size += chunk.byteLength;
      if (size <= limit) return void chunks.push(chunk);
      settled = true; // the rest is read and dropped; the connection stays usable
      reject(tooLarge(limit));
    }).on("end", () => {
      if (!settled) resolve(concatBytes(chunks, size));
      settled = true;
    }).on("close", () => {
      if (!settled) reject(new Error("the client closed the request"));
      settled = true;
    });
  });
}

// Written in one writeHead with an object (no setHeader per header), with the Content-Length that
// Node adds only to answers whose head is written by `end`.
function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
  cors: [string, string][] | undefined,
): void {
  if (res.headersSent || res.destroyed) return;
  if (cors) { for (const [name, value] of cors) headers[name] = value; }
  headers["content-length"] = String(Buffer.byteLength(body));
  res.writeHead(status, headers).end(body);
}

// One function, no closures and no await beyond reading the body and the call itself (plus the
// key check and the first connection, when there are any): each costs a turn of the event loop
// and, run from source, a function object per request.
async function serveCall(
  gate: Gate,
  req: IncomingMessage,
  res: ServerResponse,
  h: Headers,
  [, server, tool, query]: RegExpExecArray,
): Promise<void> {
  const s = gate.settings;
  const requestId = requestIdOf(h["x-request-id"]);
  const cors = gate.cors?.(h.origin);
  try {
    gate.checkHost(h.host!, h.origin);
    if (gate.checkKey) await gate.checkKey(h.authorization);
    if (!gate.isReady()) await gate.ready();
    const view = query
      ? getQueryParam(`http://h/${query}`, "view") as string | undefined
      : undefined;
    const checked = checkToolCall(
      s,
      server!,
      h["x-mcp-timeout-ms"],
      view,
      h["x-mcp-max-timeout-ms"],
    );
    const bytes = await readBody(req, h["content-length"], s.bodyLimit);
    const prepared = finishToolCall(
      checked,
      tool!,
      parseJsonObject(h["content-type"], bytes, s.maxDepth),
    );
    const call = prepared instanceof Promise ? await prepared : prepared;
    const answer = await callToolJson(s, tool!, call, disconnectSignal(req));
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-request-id": requestId,
    };
    for (const name in answer.headers) headers[name] = answer.headers[name]!;
    send(res, 200, headers, JSON.stringify(answer.value), cors);
  } catch (err) {
    const { status, headers, body } = problemAnswer(gate.problemOf(err, requestId), requestId);
    send(res, status, headers, body, cors);
  }
}

/**
 * The fast path of an app's tool calls on Node (JSON answers; event streams go to the app).
 *
 * @param gate the app's checks
 * @returns the handler, which answers whether it took the request
 */
export function createNodeHandler(gate: Gate): NodeHandler {
  return (req, res) => {
    if (req.method !== "POST") return false;
    const match = ROUTE.exec(req.url ?? "");
    if (!match || DOTS.test(match[1]!) || DOTS.test(match[2]!)) return false;
    const h = headersOf(req.rawHeaders);
    if (h.host === undefined || !PLAIN_HOST.test(h.host) || callMediaType(h.accept) !== "json") {
      return false;
    }
    // Calls that may run as tasks (`?mode=`, `Prefer`) are the app's.
    if (h.prefer !== undefined || (match[3] !== undefined && TASK_QUERY.test(match[3]))) {
      return false;
    }
    void serveCall(gate, req, res, h, match);
    return true;
  };
}
