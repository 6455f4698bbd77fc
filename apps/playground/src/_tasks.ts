// Tool calls run as MCP tasks from the page: each task's status as it changes, its result or error,
// and cancelling it. The pages get every change as a `task` event.
import type { Upstream, Upstreams } from "@mcpwire/bindings-rest";
import type { CallToolResult, ToolTask } from "@mcpwire/core";
import type { Hono } from "hono";
import type { TaskRow } from "./_page-types.ts";

export type { TaskRow };

/** The one client call these routes make (core's Client has it). */
interface TaskCalls {
  callTool(name: string, args: unknown, options: { task: true; raiseOnError: false }): Promise<
    ToolTask
  >;
}

/** The tasks started from the pages, by server and id (the last `limit` kept). */
export class TaskBoard {
  #tasks = new Map<string, { row: TaskRow; task: ToolTask }>();
  #emit: (row: TaskRow) => void;
  #limit: number;

  constructor(emit: (row: TaskRow) => void, limit = 200) {
    this.#emit = emit;
    this.#limit = limit;
  }

  /** Every task, oldest first. */
  list(): TaskRow[] {
    return [...this.#tasks.values()].map((t) => t.row);
  }

  /** Starts `tool` as a task; resolves once the server created it. */
  async start(upstream: Upstream, tool: string, args: unknown): Promise<TaskRow> {
    const task = await upstream.use((client) =>
      (client as unknown as TaskCalls).callTool(tool, args, { task: true, raiseOnError: false })
    );
    const row: TaskRow = { taskId: task.taskId, server: upstream.name, tool, ...seen(task) };
    const k = key(row.server, row.taskId);
    this.#tasks.set(k, { row, task });
    // The oldest ended tasks go first; a running one is kept until it ends.
    for (const [old, t] of this.#tasks) {
      if (this.#tasks.size <= this.#limit) break;
      if (t.row.result || t.row.error) this.#tasks.delete(old);
    }
    const update = () => {
      Object.assign(row, seen(task));
      if (this.#tasks.get(k)?.task === task) this.#emit({ ...row });
    };
    task.onStatusChange(update);
    task.result().then(
      (result: CallToolResult) => {
        row.result = {
          content: result.content,
          structuredContent: result.structuredContent ?? null,
          isError: result.isError,
        };
        update();
      },
      (error: unknown) => {
        row.error = error instanceof Error ? error.message : String(error);
        update();
      },
    );
    this.#emit({ ...row });
    return { ...row };
  }

  /** Drops a server's tasks (it was removed); their later changes are not passed on. */
  forget(server: string): void {
    for (const [k, t] of this.#tasks) if (t.row.server === server) this.#tasks.delete(k);
  }

  /** Asks the server to cancel a task; `undefined` when there is no such task. */
  async cancel(server: string, taskId: string): Promise<TaskRow | undefined> {
    const found = this.#tasks.get(key(server, taskId));
    if (!found) return undefined;
    await found.task.cancel();
    Object.assign(found.row, seen(found.task));
    return { ...found.row };
  }
}

const key = (server: string, taskId: string) => `${server}\u0000${taskId}`;

function seen(task: ToolTask): Pick<TaskRow, "status" | "createdAt" | "lastUpdatedAt"> & {
  statusMessage?: string;
} {
  const t = task.lastStatus;
  return {
    status: t.status,
    ...(t.statusMessage ? { statusMessage: t.statusMessage } : {}),
    createdAt: t.createdAt,
    lastUpdatedAt: t.lastUpdatedAt,
  };
}

/**
 * Adds `POST /playground/servers/:server/tasks` (`{ tool, arguments }`: 202 with the task),
 * `GET /playground/tasks` and `DELETE /playground/servers/:server/tasks/:id` (cancel).
 */
export function taskRoutes(
  app: Hono,
  upstreams: Upstreams,
  board: TaskBoard,
  ready: () => Promise<void>,
): void {
  app.post("/playground/servers/:server/tasks", async (c) => {
    await ready();
    const upstream = upstreams.get(c.req.param("server"));
    const body = await c.req.json().catch(() => null) as
      | { tool?: unknown; arguments?: unknown }
      | null;
    if (typeof body?.tool !== "string") {
      return c.json({ error: "'tool' must be a tool's name" }, 400);
    }
    try {
      return c.json(await board.start(upstream, body.tool, body.arguments ?? {}), 202);
    } catch (error) {
      return c.json({ error: error instanceof Error ? error.message : String(error) }, 502);
    }
  });
  app.get("/playground/tasks", (c) => c.json({ tasks: board.list() }));
  app.delete("/playground/servers/:server/tasks/:id", async (c) => {
    const server = upstreams.get(c.req.param("server")).name;
    try {
      const row = await board.cancel(server, c.req.param("id"));
      return row ? c.json(row) : c.json({ error: `no task '${c.req.param("id")}' here` }, 404);
    } catch (error) {
      return c.json({ error: error instanceof Error ? error.message : String(error) }, 502);
    }
  });
}
