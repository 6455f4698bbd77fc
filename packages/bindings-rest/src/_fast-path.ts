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
import {
  callMediaType,
  callToolJson,
  type CheckedCall,
  checkToolCall,
  finishToolCall,
  type PreparedCall,
} from "./_tool-call.ts";
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
/**
 * Host headers answered on the fast path: a plain lower-case name and, if any, a port from 1 to
 * 65535 written without leading zeros. @hono/node-server takes those with ports 1000–59999 as they
 * are and parses the others with `URL`, which accepts all of these unchanged but the default port's
 * `:80` (dropped from the request's URL, which no answer of the route shows); names it would
 * refuse or rewrite (upper case, IPv6, odd ports) stay with the app. Ports 60000–65535 matter: part
 * of the range a system hands out for port 0.
 */
export const PLAIN_HOST: RegExp =
  /^[a-z0-9._-]+(?::(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5]))?$/;
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

/**
 * One call on the fast path, step by step in the route's order: admission (host, key, readiness),
 * the checks that need no body, the body, the call, the answer. No async function: each step
 * runs in the callback of the event it waits for ('end' of the body, the call's settling), as a
 * bare node:http server's handler does, and a failure at any step is answered as a problem.
 */
class NodeCall {
  readonly gate: Gate;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly h: Headers;
  readonly server: string;
  readonly tool: string;
  readonly query: string | undefined;
  readonly requestId: string;
  readonly cors: [string, string][] | undefined;
  checked: CheckedCall | undefined;
  /** Whether the body read has ended (read, too large, or the client gone). */
  settled = false;

  constructor(
    gate: Gate,
    req: IncomingMessage,
    res: ServerResponse,
    h: Headers,
    [, server, tool, query]: RegExpExecArray,
  ) {
    this.gate = gate;
    this.req = req;
    this.res = res;
    this.h = h;
    this.server = server!;
    this.tool = tool!;
    this.query = query;
    this.requestId = requestIdOf(h["x-request-id"]);
    this.cors = gate.cors?.(h.origin);
  }

  start(): void {
    const { gate, h } = this;
    try {
      gate.checkHost(h.host!, h.origin);
      if (gate.checkKey || !gate.isReady()) {
        this.admit().then(() => this.read(), (err) => this.fail(err));
      } else this.read();
    } catch (err) {
      this.fail(err);
    }
  }

  async admit(): Promise<void> {
    if (this.gate.checkKey) await this.gate.checkKey(this.h.authorization);
    if (!this.gate.isReady()) await this.gate.ready();
  }

  // Listeners are left in place once settled (later events are ignored). No 'error' listener: a
  // request that fails (reset, malformed chunk) is destroyed, which emits 'close' (Node drops the
  // error of an IncomingMessage nobody listens to).
  read(): void {
    const { h, req } = this;
    const s = this.gate.settings;
    try {
      const view = this.query
        ? getQueryParam(`http://h/${this.query}`, "view") as string | undefined
        : undefined;
      this.checked = checkToolCall(
        s,
        this.server,
        h["x-mcp-timeout-ms"],
        view,
        h["x-mcp-max-timeout-ms"],
      );
      checkDeclaredLength(h["content-length"], s.bodyLimit);
    } catch (err) {
      return this.fail(err);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    req.on("data", (chunk: Uint8Array) => {
      if (this.settled) return;
      size += chunk.byteLength;
      if (size <= s.bodyLimit) return void chunks.push(chunk);
      this.settled = true; // the rest is read and dropped; the connection stays usable
      this.fail(tooLarge(s.bodyLimit));
    }).on("end", () => {
      if (this.settled) return;
      this.settled = true;
      this.call(concatBytes(chunks, size));
    }).on("close", () => {
      if (this.settled) return;
      this.settled = true;
      this.fail(new Error("the client closed the request"));
    });
  }

  call(bytes: Uint8Array): void {
    const s = this.gate.settings;
    try {
      const args = parseJsonObject(this.h["content-type"], bytes, s.maxDepth);
      const prepared = finishToolCall(this.checked!, this.tool, args);
      if (prepared instanceof Promise) {
        prepared.then((call) => this.run(call), (err) => this.fail(err));
      } else this.run(prepared);
    } catch (err) {
      this.fail(err);
    }
  }

  run(call: PreparedCall): void {
    callToolJson(this.gate.settings, this.tool, call, disconnectSignal(this.req)).then(
      (answer) => {
        const headers: Record<string, string> = {
          "content-type": "application/json",
          "x-request-id": this.requestId,
        };
        for (const name in answer.headers) headers[name] = answer.headers[name]!;
        send(this.res, 200, headers, JSON.stringify(answer.value), this.cors);
      },
      (err) => this.fail(err),
    );
  }

  fail(err: unknown): void {
    const { requestId } = this;
    const { status, headers, body } = problemAnswer(this.gate.problemOf(err, requestId), requestId);
    send(this.res, status, headers, body, this.cors);
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
    new NodeCall(gate, req, res, h, match).start();
    return true;
  };
}
