import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { readJsonObject } from "./_body.ts";
import { toProblemError } from "./_error-map.ts";
import { disconnectSignal } from "./_runtime.ts";
import type { Env, Settings } from "./_settings.ts";
import { negotiate } from "./_negotiate.ts";
import { ProblemError } from "./problem.ts";
import type { JsonObject, ToolCallResult } from "./upstream-client.ts";
import type { Upstream } from "./upstreams.ts";

function resultBody(result: ToolCallResult): JsonObject {
  return {
    content: result.content ?? [],
    structuredContent: result.structuredContent ?? null,
    data: result.data ?? null,
    isError: result.isError === true,
  };
}

const MAX_TIMEOUT_MS = 86_400_000;

/**
 * The call's timeout: the `X-MCP-Timeout-Ms` header, an integer from 1 to 86 400 000, or the
 * default when it is absent; anything else is a 400 problem.
 */
export function timeoutFrom(header: string | null | undefined, fallback: number): number {
  if (header === undefined || header === null) return fallback;
  const given = /^\s*\d{1,9}\s*$/.test(header) ? Number(header) : NaN;
  if (!(given >= 1 && given <= MAX_TIMEOUT_MS)) {
    throw new ProblemError(
      "invalid_header",
      `X-MCP-Timeout-Ms must be an integer from 1 to ${MAX_TIMEOUT_MS} (milliseconds), not '${
        header.slice(0, 40)
      }'`,
      { header: "X-MCP-Timeout-Ms" },
    );
  }
  return given;
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
  /** The `view` query parameter. */
  view: string | null | undefined;
  /** Reads the body as the arguments. */
  readArgs: () => Promise<JsonObject>;
}

/** A tool call that passed every check. */
export interface PreparedCall {
  upstream: Upstream;
  args: JsonObject;
  timeout: number;
  view: "data" | undefined;
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
  const upstream = s.upstreams.get(server);
  upstream.assertConnected();
  const timeout = timeoutFrom(request.timeoutHeader, s.timeoutMs);
  const view = viewFrom(request.view);
  const args = await request.readArgs();
  await upstream.tool(tool);
  return { upstream, args, timeout, view };
}

/** What a JSON tool call answers with status 200: the value to serialize and its headers. */
export interface ToolAnswer {
  value: unknown;
  headers: Record<string, string>;
}

/** Calls the tool and shapes the answer; errors become problems naming the server and tool. */
export async function callToolJson(
  s: Settings,
  tool: string,
  call: PreparedCall,
  signal: AbortSignal,
): Promise<ToolAnswer> {
  const { upstream, args, timeout } = call;
  let result: ToolCallResult;
  try {
    result = await upstream.use((client) =>
      client.callTool(tool, args, { timeout, signal, raiseOnError: false })
    );
  } catch (err) {
    throw toProblemError(err, { server: upstream.name, tool });
  }
  const body = resultBody(result);
  const headers: Record<string, string> = {};
  if (s.toolErrorHeader) headers[s.toolErrorHeader] = body.isError ? "1" : "0";
  return { value: call.view === "data" ? body.data : body, headers };
}

async function callJson(
  c: Context<Env>,
  s: Settings,
  tool: string,
  call: PreparedCall,
): Promise<Response> {
  // A client that goes away cancels the call.
  const disconnect = disconnectSignal(c.req.raw, c.env);
  let answer: ToolAnswer;
  try {
    answer = await callToolJson(s, tool, call, disconnect.signal);
  } finally {
    disconnect.done();
  }
  for (const [name, value] of Object.entries(answer.headers)) c.header(name, value);
  return c.json(answer.value);
}

/**
 * Answers a call as an event stream. The stream starts with the call's first progress event (or
 * its end, or the first ping): until then nothing is sent, so a call refused before it reaches
 * the server (invalid arguments, an unknown tool, a timeout) answers its own status, not 200.
 */
async function callStream(
  c: Context<Env>,
  s: Settings,
  tool: string,
  call: PreparedCall,
): Promise<Response> {
  const { upstream, args, timeout } = call;
  const controller = new AbortController();
  const early: [string, unknown][] = [];
  let sink: ((event: string, data: unknown) => void) | undefined;
  let started = () => {};
  const push = (event: string, data: unknown) =>
    sink ? sink(event, data) : void early.push([event, data]);
  const unsubscribe = upstream.onLog((log) => push("log", log));
  const disconnect = disconnectSignal(c.req.raw, c.env);
  let streaming = false;
  const onGone = () => void (streaming || controller.abort());
  disconnect.signal.addEventListener("abort", onGone, { once: true });
  const settled = upstream.use((client) =>
    client.callTool(tool, args, {
      timeout,
      signal: controller.signal,
      raiseOnError: false,
      onProgress: (progress, total, message) => {
        push("progress", { progress, total, message });
        started();
      },
    })
  ).then((result) => ({ result }), (error: unknown) => ({ error }));
  let wait: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    settled,
    new Promise<void>((resolve) => {
      started = resolve;
      wait = setTimeout(resolve, s.pingIntervalMs);
    }),
  ]);
  clearTimeout(wait);
  disconnect.signal.removeEventListener("abort", onGone);
  disconnect.done();
  const outcome = await Promise.race([settled, Promise.resolve(undefined)]);
  if (outcome && "error" in outcome && early.length === 0) {
    unsubscribe();
    throw toProblemError(outcome.error, { server: upstream.name, tool });
  }
  streaming = true;
  const requestId = c.get("requestId");
  const response = streamSSE(c, async (stream) => {
    stream.onAbort(() => controller.abort());
    // Writes are chained so events keep their order and the last one is flushed before closing.
    let queue = Promise.resolve();
    const send = (event: string, data: unknown) => {
      if (controller.signal.aborted) return queue;
      queue = queue.then(() => stream.writeSSE({ event, data: JSON.stringify(data) })).catch(
        () => {},
      );
      return queue;
    };
    for (const [event, data] of early) send(event, data);
    sink = send;
    const ping = setInterval(
      () =>
        void (queue = queue.then(async () => void (await stream.write(": ping\n\n"))).catch(
          () => {},
        )),
      s.pingIntervalMs,
    );
    try {
      const outcome = await settled;
      if ("error" in outcome) throw outcome.error;
      const body = resultBody(outcome.result);
      await send("result", call.view === "data" ? body.data : body);
    } catch (err) {
      await send(
        "error",
        toProblemError(err, { server: upstream.name, tool }).toProblem(requestId),
      );
    } finally {
      clearInterval(ping);
      unsubscribe();
    }
  });
  response.headers.set("content-type", "text/event-stream; charset=utf-8");
  return response;
}

/** Tool listing and calling routes. */
export function toolRoutes(app: Hono<Env>, s: Settings): void {
  const { upstreams } = s;
  app.get("/v1/tools", async (c) => {
    const tools = [];
    for (const upstream of upstreams.all()) {
      if (upstream.state !== "connected") continue;
      const list = await upstream.tools().catch(() => []);
      for (const tool of list) tools.push({ server: upstream.name, ...tool });
    }
    return c.json({ tools });
  });
  app.get("/v1/servers/:server/tools", async (c) => {
    const upstream = upstreams.get(c.req.param("server"));
    upstream.assertConnected();
    return c.json({ tools: await upstream.tools() });
  });
  app.get("/v1/servers/:server/tools/:tool", async (c) => {
    const upstream = upstreams.get(c.req.param("server"));
    upstream.assertConnected();
    return c.json(await upstream.tool(c.req.param("tool")));
  });
  app.post("/v1/servers/:server/tools/:tool", async (c) => {
    const tool = c.req.param("tool");
    const accept = c.req.header("accept");
    const mode = callMediaType(accept);
    const call = await prepareToolCall(s, c.req.param("server"), tool, {
      timeoutHeader: c.req.header("x-mcp-timeout-ms"),
      view: c.req.query("view"),
      readArgs: () => readJsonObject(c.req.raw, s),
    });
    if (!mode) {
      throw new ProblemError(
        "not_acceptable",
        `a tool call answers application/json or text/event-stream; Accept was '${
          (accept ?? "").slice(0, 100)
        }'`,
      );
    }
    if (mode === "stream") return await callStream(c, s, tool, call);
    return await callJson(c, s, tool, call);
  });
}
