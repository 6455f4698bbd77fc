import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { readJsonObject } from "./_body.ts";
import { toProblemError } from "./_error-map.ts";
import { disconnectSignal } from "./_runtime.ts";
import type { Env, Settings } from "./_settings.ts";
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

/** The call's timeout: the `X-MCP-Timeout-Ms` header when it is a positive integer, else the default. */
export function timeoutFrom(header: string | null | undefined, fallback: number): number {
  const given = Number(header);
  return Number.isInteger(given) && given > 0 ? Math.min(given, 86_400_000) : fallback;
}

/** Whether an `Accept` header asks for an event stream. */
export function wantsStream(accept: string | null | undefined): boolean {
  return (accept ?? "").toLowerCase().includes("text/event-stream");
}

/**
 * The checks of `POST …/tools/{tool}` before the call, in the route's order: unknown server (404),
 * not connected (503), the body (413, 415, 400), unknown tool (404).
 */
export async function prepareToolCall(
  s: Settings,
  server: string,
  tool: string,
  readArgs: () => Promise<JsonObject>,
): Promise<{ upstream: Upstream; args: JsonObject }> {
  const upstream = s.upstreams.get(server);
  upstream.assertConnected();
  const args = await readArgs();
  await upstream.tool(tool);
  return { upstream, args };
}

/** What a JSON tool call answers with status 200: the value to serialize and its headers. */
export interface ToolAnswer {
  value: unknown;
  headers: Record<string, string>;
}

/** What a JSON call needs besides the tool and its arguments. */
export interface JsonCallOptions {
  /** The `X-MCP-Timeout-Ms` header. */
  timeoutHeader: string | null | undefined;
  /** The `view` query parameter. */
  view: string | null | undefined;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** Calls the tool and shapes the answer; errors become problems naming the server and tool. */
export async function callToolJson(
  s: Settings,
  upstream: Upstream,
  tool: string,
  args: JsonObject,
  options: JsonCallOptions,
): Promise<ToolAnswer> {
  let result: ToolCallResult;
  try {
    result = await upstream.use((client) =>
      client.callTool(tool, args, {
        timeout: timeoutFrom(options.timeoutHeader, s.timeoutMs),
        signal: options.signal,
        raiseOnError: false,
      })
    );
  } catch (err) {
    throw toProblemError(err, { server: upstream.name, tool });
  }
  const body = resultBody(result);
  const headers: Record<string, string> = {};
  if (s.toolErrorHeader) headers[s.toolErrorHeader] = body.isError ? "1" : "0";
  return { value: options.view === "data" ? body.data : body, headers };
}

async function callJson(
  c: Context<Env>,
  s: Settings,
  upstream: Upstream,
  tool: string,
  args: JsonObject,
): Promise<Response> {
  // A client that goes away cancels the call.
  const disconnect = disconnectSignal(c.req.raw, c.env);
  let answer: ToolAnswer;
  try {
    answer = await callToolJson(s, upstream, tool, args, {
      timeoutHeader: c.req.header("x-mcp-timeout-ms"),
      view: c.req.query("view"),
      signal: disconnect.signal,
    });
  } finally {
    disconnect.done();
  }
  for (const [name, value] of Object.entries(answer.headers)) c.header(name, value);
  return c.json(answer.value);
}

function callStream(
  c: Context<Env>,
  s: Settings,
  upstream: Upstream,
  tool: string,
  args: JsonObject,
): Response {
  const requestId = c.get("requestId");
  return streamSSE(c, async (stream) => {
    const controller = new AbortController();
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
    const unsubscribe = upstream.onLog((log) => send("log", log));
    const ping = setInterval(
      () =>
        void (queue = queue.then(async () => void (await stream.write(": ping\n\n"))).catch(
          () => {},
        )),
      s.pingIntervalMs,
    );
    try {
      const result = await upstream.use((client) =>
        client.callTool(tool, args, {
          timeout: timeoutFrom(c.req.header("x-mcp-timeout-ms"), s.timeoutMs),
          signal: controller.signal,
          raiseOnError: false,
          onProgress: (progress, total, message) => send("progress", { progress, total, message }),
        })
      );
      const body = resultBody(result);
      await send("result", c.req.query("view") === "data" ? body.data : body);
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
    const { upstream, args } = await prepareToolCall(
      s,
      c.req.param("server"),
      tool,
      () => readJsonObject(c.req.raw, s),
    );
    if (wantsStream(c.req.header("accept"))) return callStream(c, s, upstream, tool, args);
    return await callJson(c, s, upstream, tool, args);
  });
}
