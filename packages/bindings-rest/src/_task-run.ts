// Running a tool call as an MCP task through the binding's client: starting it, following its
// status, and taking its result. The routes of `_routes-tasks.ts` and the calls of required-task
// tools (`_tool-call.ts`) share it.
import { toProblemError } from "./_error-map.ts";
import type { PreparedCall } from "./_tool-call.ts";
import { ProblemError } from "./problem.ts";
import type { JsonObject, TaskHandle, TaskInfo, ToolCallResult } from "./upstream-client.ts";
import type { Upstream } from "./upstreams.ts";

/** The statuses a task ends in. */
export const TERMINAL: ReadonlySet<string> = new Set(["completed", "failed", "cancelled"]);
/** Milliseconds between polls when the server suggests none. */
export const DEFAULT_POLL_MS = 1_000;

/** Whether the server runs tasks at all (its `tasks` capability, and a client that can follow). */
export function offersTasks(u: Upstream): boolean {
  const caps = u.info?.capabilities as Record<string, unknown> | undefined;
  return typeof u.client.getTask === "function" && !!caps && typeof caps.tasks === "object";
}

/** Whether a tool can run as a task on its server (`execution.taskSupport` required or optional). */
export function runsAsTask(u: Upstream, tool: JsonObject): boolean {
  const support = (tool.execution as { taskSupport?: unknown } | undefined)?.taskSupport;
  return (support === "required" || support === "optional") && offersTasks(u);
}

/** The JSON body describing a task. */
export function taskBody(server: string, t: TaskInfo, tool?: string): JsonObject {
  return {
    taskId: t.taskId,
    server,
    ...(tool ? { tool } : {}),
    status: t.status,
    ...(t.statusMessage !== undefined ? { statusMessage: t.statusMessage } : {}),
    createdAt: t.createdAt,
    lastUpdatedAt: t.lastUpdatedAt,
    ttl: t.ttl ?? null,
    ...(t.pollInterval !== undefined ? { pollInterval: t.pollInterval } : {}),
  };
}

/** The path of a task's status. */
export function taskPath(server: string, taskId: string): string {
  return `/v1/servers/${encodeURIComponent(server)}/tasks/${encodeURIComponent(taskId)}`;
}

/**
 * Starts a call as a task: its handle, or — when the server answered at once instead of creating
 * a task — the result. No signal: the task outlives the request that started it.
 */
export async function startTask(
  tool: string,
  call: PreparedCall,
): Promise<{ handle: TaskHandle } | { result: ToolCallResult }> {
  const { upstream, args, timeout } = call;
  try {
    const handle = await upstream.use((client) =>
      client.callTool(tool, args, { timeout, raiseOnError: false, task: true })
    ) as unknown as TaskHandle;
    if (handle.returnedImmediately) return { result: await handle.result() };
    return { handle };
  } catch (err) {
    throw toProblemError(err, { server: upstream.name, tool });
  }
}

/**
 * Runs a call of a tool whose `taskSupport` is `required` as a task and waits for its end, for at
 * most the call's timeout (or its maximum, when lower): past it (or when `signal` aborts) the task is cancelled and the call
 * fails with a 504 (or is cancelled). Core would wait without bound while the task waits for input.
 */
export async function callAsTask(
  tool: string,
  call: PreparedCall,
  signal: AbortSignal,
): Promise<ToolCallResult> {
  const u = call.upstream;
  const started = await startTask(tool, call);
  if ("result" in started) return started.result;
  const { handle } = started;
  const within = Math.min(call.timeout, call.maxTimeout ?? call.timeout);
  const info = await waitForEnd(u, handle, within, call.timeout, signal);
  if (!TERMINAL.has(info.status)) {
    await handle.cancel({ timeout: call.timeout }).catch(() => undefined);
    if (signal.aborted) {
      throw new ProblemError("cancelled", `server '${u.name}' tool '${tool}': the caller left`, {
        server: u.name,
        tool,
      });
    }
    throw new ProblemError(
      "upstream_timeout",
      `server '${u.name}' tool '${tool}' runs as a task, which did not end within ${within} ms ` +
        `(it was ${info.status}; now cancelled): call it with mode=task to run it as a job`,
      { server: u.name, tool, task: handle.taskId },
    );
  }
  if (info.status === "cancelled") {
    throw new ProblemError(
      "cancelled",
      `server '${u.name}' tool '${tool}': its task '${handle.taskId}' was cancelled`,
      { server: u.name, tool, task: handle.taskId },
    );
  }
  return await resultOf(u, handle);
}

/** Runs a task operation; its errors become problems naming the server and the task. */
export async function guardedTask<T>(u: Upstream, task: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toProblemError(err, { server: u.name, task });
  }
}

/**
 * Asks for the status until the task ends or `ms` pass: at the server's poll interval, and at
 * once when it notifies a change. The caller going away ends the wait.
 */
export async function waitForEnd(
  u: Upstream,
  handle: TaskHandle,
  ms: number,
  timeout: number,
  gone: AbortSignal,
): Promise<TaskInfo> {
  const end = Date.now() + ms;
  let info = handle.lastStatus;
  while (!TERMINAL.has(info.status) && !gone.aborted && Date.now() < end) {
    const pause = Math.min(info.pollInterval ?? DEFAULT_POLL_MS, end - Date.now());
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off?.();
        gone.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, pause));
      const off = handle.onStatusChange?.(done);
      gone.addEventListener("abort", done, { once: true });
    });
    if (gone.aborted) break;
    info = await guardedTask(u, handle.taskId, () => handle.status({ timeout }));
  }
  return info;
}

/** The result of an ended task; a tool error's result is a result too (`isError`). */
export async function resultOf(u: Upstream, handle: TaskHandle): Promise<ToolCallResult> {
  try {
    return await handle.result();
  } catch (err) {
    const e = err as { code?: unknown; result?: ToolCallResult };
    if (e?.code === "TOOL_ERROR" && e.result) return e.result;
    throw toProblemError(err, { server: u.name, task: handle.taskId });
  }
}
