/**
 * Tasks through a config's router: which server issued each task id (two servers may issue the
 * same id, so an id maps to the set of servers that issued it), the merged task list, and handles
 * found by id.
 *
 * @module
 */
import { McpError, type RequestOptions, type Task, type ToolTask } from "@mcpwire/core";
import { SERVER_META_KEY } from "./_catalog.ts";
import { splitName } from "./naming.ts";
import type { ServerConnection } from "./_server-connection.ts";

/** How many ids are remembered; older ones are found again by asking each server. */
const MAX_IDS = 1000;

/** What the task routes ask of their router. */
export interface TaskServers {
  /** The connected servers. */
  live(): ServerConnection[];
  /** One server's connection, by name (throws for an unknown name). */
  connection(server: string): ServerConnection;
  /** The separator between a server's name and an id (`server_id`). */
  readonly separator: string;
}

/** Task ids seen through one router, by the servers that issued them. */
export class TaskRoutes {
  readonly #servers = new Map<string, Set<string>>();
  readonly #router: TaskServers;

  /** @param router the router whose servers issue the tasks */
  constructor(router: TaskServers) {
    this.#router = router;
  }

  /** Notes that `server` issued `taskId`. */
  record(server: string, taskId: string): void {
    const servers = this.#servers.get(taskId) ?? new Set();
    this.#servers.delete(taskId); // re-inserted last: the most recently seen ids stay
    this.#servers.set(taskId, servers.add(server));
    if (this.#servers.size > MAX_IDS) {
      this.#servers.delete(this.#servers.keys().next().value as string);
    }
  }

  /** The servers known to have issued `taskId` (empty when it was not seen). */
  servers(taskId: string): string[] {
    return [...this.#servers.get(taskId) ?? []];
  }

  /** Every connected server's tasks, each marked with its server (`_meta["mcpwire/server"]`). */
  async list(options?: RequestOptions): Promise<Task[]> {
    const lists = await Promise.all(
      this.#router.live().map(async (c) => {
        const tasks = await c.client?.listTasks(options) ?? [];
        return tasks.map((task) => {
          this.record(c.name, task.taskId);
          const meta = (task as { _meta?: Record<string, unknown> })._meta;
          return { ...task, _meta: { ...meta, [SERVER_META_KEY]: c.name } } as Task;
        });
      }),
    );
    return lists.flat();
  }

  /**
   * A handle on a task, from the server that issued its id: `<server><separator><id>` names the
   * server; a bare id goes to the server that issued it through this router, else to the one
   * connected server that knows it.
   *
   * @throws {McpError} (-32602) when no server knows the id, or several servers issued it
   */
  async get(taskId: string, options?: RequestOptions): Promise<ToolTask> {
    const live = this.#router.live().map((c) => c.name);
    const split = splitName(taskId, live, this.#router.separator);
    if (split && !this.servers(taskId).length) {
      const named = await this.#taskOf(split.server, split.name, options);
      if (named) return named;
    }
    const issued = this.servers(taskId);
    if (issued.length > 1) throw this.#ambiguous(taskId, issued);
    const found: ToolTask[] = [];
    for (const server of issued.length ? issued : live) {
      const task = await this.#taskOf(server, taskId, options);
      if (task) found.push(task);
    }
    if (found.length > 1) throw this.#ambiguous(taskId, found.map((t) => t.serverName));
    if (found[0]) return found[0];
    throw new McpError(-32602, `no server knows task '${taskId}' (asked: ${live.join(", ")})`);
  }

  async #taskOf(
    server: string,
    taskId: string,
    options?: RequestOptions,
  ): Promise<ToolTask | undefined> {
    try {
      const task = await (await this.#router.connection(server).ready()).getTask(taskId, options);
      this.record(server, taskId);
      return task;
    } catch (error) {
      if (error instanceof McpError) return undefined;
      throw error;
    }
  }

  #ambiguous(taskId: string, servers: string[]): McpError {
    const sep = this.#router.separator;
    return new McpError(
      -32602,
      `task id '${taskId}' was issued by several servers (${servers.join(", ")}); ` +
        `name one: '${servers[0]}${sep}${taskId}'`,
    );
  }
}
