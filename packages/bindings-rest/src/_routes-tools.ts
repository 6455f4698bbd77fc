import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { readJsonObject } from "./_body.ts";
import { toProblemError } from "./_error-map.ts";
import { watchDisconnect } from "./_runtime.ts";
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

function timeoutOf(c: Context, fallback: number): number {
  const given = Number(c.req.header("x-mcp-timeout-ms"));
  return Number.isInteger(given) && given > 0 ? Math.min(given, 86_400_000) : fallback;
}

function wantsStream(c: Context): boolean {
  return (c.req.header("accept") ?? "").toLowerCase().includes("text/event-stream");
}

async function callJson(
  c: Context<Env>,
  s: Settings,
  upstream: Upstream,
  tool: string,
  args: JsonObject,
): Promise<Response> {
  // A client that goes away cancels the call. The listener is removed once the call is done,
  // as some runtimes (Deno) also abort the request's signal after a successful response.
  const controller = new AbortController();
  const unwatch = watchDisconnect(c.req.raw, c.env, () => controller.abort());
  let result: ToolCallResult;
  try {
    result = await upstream.use((client) =>
      client.callTool(tool, args, {
        timeout: timeoutOf(c, s.timeoutMs),
        signal: controller.signal,
        raiseOnError: false,
      })
    );
  } finally {
    unwatch();
  }
  const body = resultBody(result);
  if (s.toolErrorHeader) c.header(s.toolErrorHeader, body.isError ? "1" : "0");
  return c.json(c.req.query("view") === "data" ? body.data : body);
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
          timeout: timeoutOf(c, s.timeoutMs),
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
    const upstream = upstreams.get(c.req.param("server"));
    upstream.assertConnected();
    const tool = c.req.param("tool");
    const args = await readJsonObject(c.req.raw, s.bodyLimit);
    await upstream.tool(tool);
    try {
      if (wantsStream(c)) return callStream(c, s, upstream, tool, args);
      return await callJson(c, s, upstream, tool, args);
    } catch (err) {
      throw toProblemError(err, { server: upstream.name, tool });
    }
  });
}
