import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { readJsonObject } from "./_body.ts";
import { toProblemError } from "./_error-map.ts";
import { disconnectSignal } from "./_runtime.ts";
import type { Env, Settings } from "./_settings.ts";
import {
  callMediaType,
  callToolJson,
  type PreparedCall,
  prepareToolCall,
  resultBody,
  type ToolAnswer,
  toolAnswer,
  toolCall,
} from "./_tool-call.ts";
import { taskModeFrom } from "./_routes-tasks.ts";
import { runsAsTask, startTask, taskBody, taskPath } from "./_task-run.ts";
import { ProblemError } from "./problem.ts";

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
  return answerJson(c, answer);
}

function answerJson(c: Context<Env>, answer: ToolAnswer): Response {
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
  const { upstream, timeout } = call;
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
  const settled = toolCall(tool, call, {
    timeout,
    signal: controller.signal,
    raiseOnError: false,
    onProgress: (progress, total, message) => {
      push("progress", { progress, total, message });
      started();
    },
  }).then((result) => ({ result }), (error: unknown) => ({ error }));
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
      maxTimeoutHeader: c.req.header("x-mcp-max-timeout-ms"),
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
    const task = taskModeFrom(c.req.query("mode"), c.req.header("prefer"));
    if (task && runsAsTask(call.upstream, call.info)) {
      const started = await startTask(tool, call);
      if ("result" in started) return answerJson(c, toolAnswer(s, started.result, call.view));
      const { upstream } = call;
      if (task === "preferred") c.header("preference-applied", "respond-async");
      return c.json(taskBody(upstream.name, started.handle.lastStatus, tool), 202, {
        location: taskPath(upstream.name, started.handle.taskId),
      });
    }
    if (task === "demanded") {
      throw new ProblemError(
        "task_not_supported",
        `tool '${tool}' of server '${call.upstream.name}' does not run as a task ` +
          `(its execution.taskSupport is not 'required' or 'optional', or the server has no ` +
          `tasks capability); call it without mode=task`,
        { server: call.upstream.name, tool },
      );
    }
    if (mode === "stream") return await callStream(c, s, tool, call);
    return await callJson(c, s, tool, call);
  });
}
