// Tool calls run as MCP tasks (jobs): `POST …/tools/{tool}?mode=task` (or `Prefer: respond-async`)
// answers 202 with a Location; `GET …/tasks/{id}` is its status, `GET …/tasks/{id}/result` its
// result once it has ended (202 until then; `Prefer: wait=N` waits up to N seconds), and
// `DELETE …/tasks/{id}` cancels it. The binding's client keeps no job of its own: the server does.
import type { Context, Hono } from "hono";
import { disconnectSignal } from "./_runtime.ts";
import type { Env, Settings } from "./_settings.ts";
import {
  DEFAULT_POLL_MS,
  guardedTask as guarded,
  offersTasks,
  resultOf,
  taskBody,
  taskPath,
  TERMINAL,
  waitForEnd,
} from "./_task-run.ts";
import { timeoutFrom, toolAnswer, viewFrom } from "./_tool-call.ts";
import { ProblemError } from "./problem.ts";
import type { TaskInfo } from "./upstream-client.ts";

/** The preferences of a `Prefer` header (RFC 7240) the binding honours. */
export interface Preferences {
  /** `respond-async`: run the call as a task when the tool can. */
  respondAsync: boolean;
  /** `wait=N`: seconds the caller will wait for an answer. */
  wait?: number;
}

/** Reads a `Prefer` header; preferences it does not know, or cannot parse, are ignored (RFC 7240). */
export function preferencesFrom(header: string | null | undefined): Preferences {
  const out: Preferences = { respondAsync: false };
  for (const item of (header ?? "").split(",")) {
    const [token = "", value] = item.split(";")[0]!.split("=").map((p) => p.trim());
    const name = token.toLowerCase();
    if (name === "respond-async") out.respondAsync = true;
    if (name === "wait" && value !== undefined && /^\d{1,6}$/.test(value)) out.wait = Number(value);
  }
  return out;
}

/** How a call asks to be a task: `demanded` (`?mode=task`), `preferred` (`Prefer`), or not. */
export function taskModeFrom(
  mode: string | null | undefined,
  prefer: string | null | undefined,
): "demanded" | "preferred" | undefined {
  if (mode !== undefined && mode !== null) {
    if (mode === "task") return "demanded";
    throw new ProblemError(
      "invalid_query",
      `the query parameter 'mode' must be 'task', not '${mode.slice(0, 40)}'`,
      { parameter: "mode" },
    );
  }
  return preferencesFrom(prefer).respondAsync ? "preferred" : undefined;
}

/** The server, the task's handle and the request's timeout, or 404/503 problems. */
async function taskOf(s: Settings, c: Context<Env>) {
  const u = s.upstreams.get(c.req.param("server") ?? "");
  u.assertConnected();
  const id = c.req.param("task") ?? "";
  const timeout = timeoutFrom(c.req.header("x-mcp-timeout-ms"), s.timeoutMs);
  if (!offersTasks(u)) {
    throw new ProblemError(
      "task_not_found",
      `server '${u.name}' runs no tasks (no tasks capability), so it has no task '${
        id.slice(0, 200)
      }'`,
      { server: u.name, task: id },
    );
  }
  const handle = await guarded(u, id, () => u.use((cl) => cl.getTask!(id, { timeout })));
  return { u, id, handle, timeout };
}

function retryAfter(info: TaskInfo): string {
  return String(Math.max(1, Math.ceil((info.pollInterval ?? DEFAULT_POLL_MS) / 1000)));
}

/** The task routes of every server. */
export function taskRoutes(app: Hono<Env>, s: Settings): void {
  app.get("/v1/servers/:server/tasks", async (c) => {
    const u = s.upstreams.get(c.req.param("server"));
    u.assertConnected();
    const timeout = timeoutFrom(c.req.header("x-mcp-timeout-ms"), s.timeoutMs);
    if (!offersTasks(u)) return c.json({ tasks: [] });
    const tasks = await guarded(u, "", () => u.use((cl) => cl.listTasks!({ timeout })));
    return c.json({ tasks: tasks.map((t) => taskBody(u.name, t)) });
  });
  app.get("/v1/servers/:server/tasks/:task", async (c) => {
    const { u, handle, timeout } = await taskOf(s, c);
    const info = await guarded(u, handle.taskId, () => handle.status({ timeout }));
    return c.json(taskBody(u.name, info, handle.toolName));
  });
  app.get("/v1/servers/:server/tasks/:task/result", async (c) => {
    const view = viewFrom(c.req.query("view"));
    const wait = preferencesFrom(c.req.header("prefer")).wait ?? 0;
    const { u, handle, timeout } = await taskOf(s, c);
    let info = await guarded(u, handle.taskId, () => handle.status({ timeout }));
    if (!TERMINAL.has(info.status) && wait > 0) {
      const disconnect = disconnectSignal(c.req.raw, c.env);
      try {
        info = await waitForEnd(
          u,
          handle,
          Math.min(wait * 1000, s.timeoutMs),
          timeout,
          disconnect.signal,
        );
      } finally {
        disconnect.done();
      }
    }
    if (!TERMINAL.has(info.status)) {
      return c.json(taskBody(u.name, info, handle.toolName), 202, {
        "retry-after": retryAfter(info),
        location: taskPath(u.name, handle.taskId),
      });
    }
    if (info.status === "cancelled") {
      throw new ProblemError(
        "task_cancelled",
        `task '${handle.taskId}' on server '${u.name}' was cancelled: it has no result`,
        { server: u.name, task: handle.taskId },
      );
    }
    const answer = toolAnswer(s, await resultOf(u, handle), view);
    for (const [name, value] of Object.entries(answer.headers)) c.header(name, value);
    return c.json(answer.value);
  });
  app.delete("/v1/servers/:server/tasks/:task", async (c) => {
    const { u, handle, timeout } = await taskOf(s, c);
    // Status first: a handle made from an id alone knows nothing yet, and an ended task stays so.
    const before = await guarded(u, handle.taskId, () => handle.status({ timeout }));
    const info = TERMINAL.has(before.status)
      ? before
      : await guarded(u, handle.taskId, () => handle.cancel({ timeout }));
    return c.json(taskBody(u.name, info, handle.toolName));
  });
}
