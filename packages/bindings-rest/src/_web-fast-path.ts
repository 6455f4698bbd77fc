// The fast path of `POST /v1/servers/{server}/tools/{tool}` on Deno and Bun: their servers hand
// the app a web Request, served here without Hono's context, middleware chain and router, through
// the same functions as the Hono app and the Node fast path (gate, body reader, call, problem
// mapping), so all three answer alike. Whatever it does not take goes to the Hono app untouched.
import { getQueryParam } from "hono/utils/url";
import { readJsonObject } from "./_body.ts";
import { DOTS, PLAIN_HOST, ROUTE, TASK_QUERY } from "./_fast-path.ts";
import { type Gate, requestIdOf } from "./_gate.ts";
import { callMediaType, callToolJson, checkToolCall, finishToolCall } from "./_tool-call.ts";
import { problemAnswer } from "./problem.ts";

/** Serves a request if it is the hot route; `undefined` leaves it (unread) to the app. */
export type WebHandler = (request: Request) => Promise<Response> | undefined;

function headersWith(
  list: [string, string][],
  more: Record<string, string>,
  cors: [string, string][] | undefined,
): [string, string][] {
  for (const name in more) list.push([name, more[name]!]);
  if (cors) { for (const pair of cors) list.push(pair); }
  return list;
}

// One function, no closures: see _fast-path.ts's serveCall, which this follows step by step.
async function serveCall(
  gate: Gate,
  request: Request,
  h: Headers,
  [, server, tool, query]: RegExpExecArray,
): Promise<Response> {
  const s = gate.settings;
  const requestId = requestIdOf(h.get("x-request-id"));
  const origin = h.get("origin") ?? undefined;
  const cors = gate.cors?.(origin);
  try {
    gate.checkHost(h.get("host")!, origin);
    if (gate.checkKey) await gate.checkKey(h.get("authorization") ?? undefined);
    if (!gate.isReady()) await gate.ready();
    const view = query
      ? getQueryParam(`http://h/${query}`, "view") as string | undefined
      : undefined;
    const checked = checkToolCall(
      s,
      server!,
      h.get("x-mcp-timeout-ms"),
      view,
      h.get("x-mcp-max-timeout-ms"),
    );
    const prepared = finishToolCall(checked, tool!, await readJsonObject(request, s));
    const call = prepared instanceof Promise ? await prepared : prepared;
    const answer = await callToolJson(s, tool!, call, request.signal);
    const base: [string, string][] = [
      ["content-type", "application/json"],
      ["x-request-id", requestId],
    ];
    const headers = headersWith(base, answer.headers, cors);
    return new Response(JSON.stringify(answer.value), { status: 200, headers });
  } catch (err) {
    const { status, headers, body } = problemAnswer(gate.problemOf(err, requestId), requestId);
    return new Response(body, { status, headers: headersWith([], headers, cors) });
  }
}

/**
 * The fast path of an app's tool calls on a web-standard server (JSON answers; event streams,
 * tasks and anything unusual go to the app).
 *
 * @param gate the app's checks
 * @returns the handler, which answers `undefined` for a request it leaves to the app
 */
export function createWebHandler(gate: Gate): WebHandler {
  return (request) => {
    if (request.method !== "POST") return undefined;
    const url = request.url;
    const match = ROUTE.exec(url.slice(url.indexOf("/", url.indexOf("//") + 2)));
    if (!match || DOTS.test(match[1]!) || DOTS.test(match[2]!)) return undefined;
    const h = request.headers;
    const host = h.get("host");
    if (host === null || !PLAIN_HOST.test(host) || callMediaType(h.get("accept")) !== "json") {
      return undefined;
    }
    if (h.has("prefer") || (match[3] !== undefined && TASK_QUERY.test(match[3]))) {
      return undefined;
    }
    return serveCall(gate, request, h, match);
  };
}
