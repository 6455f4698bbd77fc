// `mcpwire call --task`: the tool runs as an MCP task. Its status changes go to stderr; the result
// is printed like a normal call's; Ctrl-C or --timeout cancel the task on the server first.
import {
  type CallToolResult,
  type Client,
  type Task,
  TimeoutError,
  type Tool,
  type ToolTask,
} from "@mcpwire/core";
import process from "node:process";
import { err } from "./_cli-output.ts";
import { UsageError } from "./_cli-source.ts";

/** Ctrl-C stopped the command (exit code 130). */
export class InterruptedError extends Error {
  override name = "InterruptedError";
  readonly code = "INTERRUPTED";
}

const line = (t: Task) =>
  `task ${t.taskId}: ${t.status}${t.statusMessage ? ` (${t.statusMessage})` : ""}`;

async function cancelled(task: ToolTask, why: string): Promise<string> {
  const after = await task.cancel().catch((e: Error) => ({
    status: `not cancelled: ${e.message}`,
  }));
  return `${why}; task ${task.taskId} ${
    after.status === "cancelled" ? "was cancelled" : after.status
  }`;
}

/**
 * Runs `tool` as a task and waits for its result.
 *
 * @param timeoutMs `--timeout`: how long the whole task may take
 * @param quiet `--quiet`: no status lines
 * @throws {UsageError} when the tool does not run as a task
 * @throws {TimeoutError} after `timeoutMs` (the task is cancelled)
 * @throws {InterruptedError} on Ctrl-C (the task is cancelled)
 */
export async function runAsTask(
  client: Client,
  tool: Tool,
  args: Record<string, unknown>,
  timeoutMs: number | undefined,
  quiet = false,
): Promise<CallToolResult> {
  const report = (t: Task) => void (!quiet && err(line(t)));
  const support = tool.execution?.taskSupport ?? "forbidden";
  if (support === "forbidden") {
    throw new UsageError(
      `tool '${tool.name}' does not run as a task (its execution.taskSupport is '${support}')`,
    );
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort("interrupt");
  process.on("SIGINT", onSignal);
  const timer = timeoutMs === undefined
    ? undefined
    : setTimeout(() => stop.abort("timeout"), timeoutMs);
  let task: ToolTask | undefined;
  try {
    task = await client.callTool(tool.name, args, { task: true, raiseOnError: false });
    report(task.lastStatus);
    task.onStatusChange(report);
    const ended = new Promise<never>((_, reject) => {
      const fail = () => reject(stop.signal.reason);
      if (stop.signal.aborted) fail();
      stop.signal.addEventListener("abort", fail, { once: true });
    });
    return await Promise.race([task.result(), ended]);
  } catch (error) {
    const reason = stop.signal.reason;
    const timedOut = reason === "timeout" || (error as { code?: string })?.code === "TIMEOUT";
    if (!task || (!timedOut && reason !== "interrupt")) throw error;
    if (timedOut) {
      const what = `tool '${tool.name}' did not finish within ${timeoutMs} ms`;
      throw new TimeoutError(await cancelled(task, what), timeoutMs!);
    }
    throw new InterruptedError(await cancelled(task, "interrupted"));
  } finally {
    process.off("SIGINT", onSignal);
    clearTimeout(timer);
  }
}
